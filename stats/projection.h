/*
 * projection.h -- projections: how benchstat turns a result into table, row,
 * column and residue keys, and how it orders those keys
 * (golang.org/x/perf/benchproc projection.go, extract.go, sort.go,
 * key.go; docs/benchstat.md, Grouping).
 *
 * A key is a tuple of interned strings (parse_id, 0 = ""), one per field
 * of its projection, interned per projection as a dense key id.  Field
 * values are recorded in first-observation order when a key is first
 * seen, as benchproc does, so keys can be ranked after all input is read.
 * The ".config" group's sub-fields never get an observation order
 * (benchproc's quirk): they sort byte-wise.
 */
#ifndef ESCSTAT_PROJECTION_H
#define ESCSTAT_PROJECTION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "parse.h"

/* What a result looks like to a projection or a filter. */
typedef struct proj_input {
    parse_id name;              /* full benchmark name */
    uint32_t config;            /* config set id */
    parse_id file;              /* .file label */
    parse_id unit;              /* tidied unit of the value ("" if none) */
    parse_id orig_unit;         /* unit as written */
} proj_input;

/* proj_extract: the value of key for a result: ".name", ".fullname",
   ".file", "/k" (sub-name key; "/gomaxprocs" also matches the -N suffix)
   or a file config key.  *val points into interned strings (not
   NUL-terminated in general); "" when absent. */
void proj_extract(const parse_set *ps, const char *key, const proj_input *in,
                  const char **val, size_t *n);

typedef enum proj_kind {
    PK_NAME, PK_FULLNAME, PK_PART, PK_CONFIG, PK_GROUP_SUB, PK_UNIT
} proj_kind;

typedef enum proj_ord { PO_FIRST, PO_FIXED, PO_ALPHA, PO_NUM } proj_ord;

/* One field of a projection. */
typedef struct proj_field {
    char *name;                 /* ".fullname", "/size", "goos", ".unit", ... */
    proj_kind kind;
    proj_ord ord;
    bool track;                 /* observation order recorded (top level, PO_FIRST) */
    int *order;                 /* value id -> observation rank (PO_FIRST), -1 unseen */
    size_t order_cap;
    int nobserved;
    parse_id *fixed;            /* PO_FIXED: value ids in the listed order */
    size_t nfixed;
} proj_field;

/* A top-level entry: a field, or the ".config" group of sub-fields. */
typedef struct proj_top {
    bool is_group;
    size_t field;               /* !is_group: index into fields */
    size_t *subs;               /* is_group: sub-field indexes, in creation order */
    size_t nsubs;
    parse_id *sub_key;          /* is_group: config key of each sub-field */
} proj_top;

/* The exclusion state shared by -table, -row, -col and -ignore
   (benchproc.ProjectionParser). */
typedef struct proj_parser {
    char **config_keys;         /* file keys named explicitly anywhere */
    size_t nconfig_keys;
    char **fullname_keys;       /* ".name" and "/k" keys named anywhere */
    size_t nfullname_keys;
    bool have_config, have_fullname;
} proj_parser;

/* A fixed-order filter part implied by "key@(a b c)". */
typedef struct proj_fixed_filter {
    char *key;
    char **words;
    size_t nwords;
} proj_fixed_filter;

typedef struct projection {
    proj_parser *parser;
    parse_set *ps;
    proj_field *fields;
    size_t nfields, fields_cap;
    proj_top *top;
    size_t ntop;
    size_t *flat;               /* flattened field order (cached) */
    size_t nflat;
    bool flat_dirty;
    /* interned keys */
    parse_id *kv;               /* all keys' values back to back */
    size_t kv_len, kv_cap;
    uint32_t *key_off, *key_len, *key_hash;
    size_t nkeys, keys_cap;
    uint32_t *slots;
    size_t nslots;
    uint32_t *rank;             /* key id -> rank after proj_rank_keys */
    parse_id *row;              /* scratch row */
    size_t row_cap;
} projection;

/* proj_parse parses one projection expression against the shared parser
   state pp (exclusions).  with_unit appends the ".unit" field (for
   -table).  Fixed orders add filter parts to *fixed (caller frees with
   proj_fixed_free).  Returns 0, or -1 with *err = malloc'd message
   "syntax error: ..." as benchstat words it, or with *err NULL when out
   of memory. */
int proj_parse(proj_parser *pp, parse_set *ps, projection *out, const char *expr,
               bool with_unit, proj_fixed_filter **fixed, size_t *nfixed, char **err);

/* proj_residue: the residue projection (.config and .fullname where not
   projected by any parsed projection). */
int proj_residue(proj_parser *pp, parse_set *ps, projection *out);

void proj_release(projection *p);
void proj_parser_release(proj_parser *pp);
void proj_fixed_free(proj_fixed_filter *f, size_t n);

/* proj_key: the key id of a result (unit used only by the .unit field).
   Returns (uint32_t)-1 when out of memory. */
uint32_t proj_key(projection *p, const proj_input *in);

/* proj_get: the value of field f in key k (0 = ""). */
parse_id proj_get(const projection *p, uint32_t k, size_t f);

/* proj_flat: the flattened fields (the ".config" group expanded), the
   order keys sort and print in.  Returns the count; *flat is owned by p.
   Only allocates after fields were added; proj_rank_keys fails if that
   allocation fails, so after it proj_flat cannot fail. */
size_t proj_flat(projection *p, const size_t **flat);

/* proj_rank_keys sorts all keys of p (benchproc's Key.Less) and records
   each key's rank: call after all input.  Returns 0 or -1 (memory). */
int proj_rank_keys(projection *p);

/* proj_string_values: StringValues -- non-empty values in flattened order
   joined by single spaces, into buf (snprintf-like). */
int proj_string_values(projection *p, uint32_t k, char *buf, size_t size);

#endif
