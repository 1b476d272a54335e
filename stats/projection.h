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

#include "hashindex.h"
#include "parse.h"
#include "strlist.h"

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

/* What a field's value is: .name, .fullname (without the keys projected
   elsewhere), a /k part, a file config key, a sub-field of the .config
   group, or the unit (-table only). */
typedef enum proj_kind {
    PK_NAME, PK_FULLNAME, PK_PART, PK_CONFIG, PK_GROUP_SUB, PK_UNIT
} proj_kind;

/* How a field orders its values: first observation, a fixed list, @alpha
   (byte-wise), @num (benchproc's parseNum). */
typedef enum proj_ord { PO_FIRST, PO_FIXED, PO_ALPHA, PO_NUM } proj_ord;

/* One field of a projection.  The field owns name, order and fixed. */
typedef struct proj_field {
    char *name;                 /* ".fullname", "/size", "goos", ".unit", ... */
    proj_kind kind;
    proj_ord ord;
    bool track;                 /* observation order recorded (top level, PO_FIRST) */
    int *order;                 /* value id -> observation rank (PO_FIRST), -1 unseen */
    size_t order_cap;           /* entries in order */
    int nobserved;
    parse_id *fixed;            /* PO_FIXED: value ids in the listed order */
    size_t nfixed;
} proj_field;

/* A top-level entry: a field, or the ".config" group of sub-fields.  A
   group owns subs and sub_key, which share one count and capacity. */
typedef struct proj_top {
    bool is_group;
    size_t field;               /* index into fields; a group: the proj_ord
                                   of its sub-fields */
    size_t *subs;               /* is_group: sub-field indexes, in creation order */
    parse_id *sub_key;          /* is_group: config key of each sub-field */
    size_t nsubs, subs_cap;
} proj_top;

/* The exclusion state shared by -table, -row, -col and -ignore
   (benchproc.ProjectionParser).  It owns both lists. */
typedef struct proj_parser {
    strlist config_keys;        /* file keys named explicitly anywhere */
    strlist fullname_keys;      /* ".name" and "/k" keys named anywhere */
    bool have_config, have_fullname;
} proj_parser;

/* A fixed-order filter part implied by "key@(a b c)": a result passes
   when its value of key is one of words.  It owns key and words. */
typedef struct proj_fixed_filter {
    char *key;
    strlist words;
} proj_fixed_filter;

/* The fixed-order filter parts of all projections parsed so far (the
   caller's; zero-initialised before the first proj_parse).  The caller
   frees the entries with proj_fixed_free(v, n) and then v with free(),
   or hands both to filter_add_fixed. */
typedef struct proj_fixed_list {
    proj_fixed_filter *v;
    size_t n, cap;
} proj_fixed_list;

/* An interned key: its values are kv[off .. off+len) (trailing empty
   values dropped), hash is hash_bytes of them. */
typedef struct proj_keyrec {
    uint32_t off, len, hash;
} proj_keyrec;

/* A projection owns all its arrays; it keeps pointers to (does not own)
   the parser state and the set. */
typedef struct projection {
    proj_parser *parser;
    parse_set *ps;
    /* fields, row and flat share one capacity: nfields grows them all */
    proj_field *fields;
    parse_id *row;              /* scratch row: one value per field */
    size_t *flat;               /* flattened field order (cached), nflat used */
    size_t nfields, fields_cap;
    size_t nflat;
    bool flat_dirty;
    proj_top *top;
    size_t ntop, top_cap;
    /* interned keys */
    parse_id *kv;               /* all keys' values back to back */
    size_t kv_len, kv_cap;
    proj_keyrec *keys;          /* key id -> where its values are */
    size_t nkeys, keys_cap;
    hashindex index;            /* values -> key id */
    uint32_t *rank;             /* key id -> rank after proj_rank_keys */
} projection;

/* proj_parse parses one projection expression into out (which it
   initialises) against the shared parser state pp (exclusions; out keeps
   pointers to pp and ps).  with_unit appends the ".unit" field (for
   -table).  Fixed orders append filter parts to *fixed.  Returns 0, or
   -1 with *err = malloc'd message "syntax error: ..." as benchstat words
   it (caller frees), or with *err NULL when out of memory; either way out
   may hold what it allocated so far, for proj_release, and *fixed is as
   it was (the parts added by this call are freed). */
int proj_parse(proj_parser *pp, parse_set *ps, projection *out, const char *expr,
               bool with_unit, proj_fixed_list *fixed, char **err);

/* proj_residue initialises out as the residue projection (.config and
   .fullname where not projected by any parsed projection).  Returns 0, or
   -1 when out of memory (out may hold what it allocated so far, for
   proj_release). */
int proj_residue(proj_parser *pp, parse_set *ps, projection *out);

/* proj_release frees everything p owns (not its parser or set) and leaves
   it zeroed; safe on a zeroed projection and on one whose proj_parse or
   proj_residue failed. */
void proj_release(projection *p);

/* proj_parser_release frees the parser state's lists and leaves it
   zeroed. */
void proj_parser_release(proj_parser *pp);

/* proj_fixed_free frees what the n filter parts at f own (not the array
   f itself). */
void proj_fixed_free(proj_fixed_filter *f, size_t n);

/* proj_key returns the key id of a result (ids count up from 0 in the
   order keys are first seen; unit is used only by the .unit field),
   interning the key when new and recording the observation order of its
   values.  Returns (uint32_t)-1 when out of memory. */
uint32_t proj_key(projection *p, const proj_input *in);

/* proj_get: the value of field f in key k (0 = ""). */
parse_id proj_get(const projection *p, uint32_t k, size_t f);

/* proj_flat: the flattened fields (the ".config" group expanded), the
   order keys sort and print in.  Returns the count; *flat is owned by p
   and valid until the next field is added (proj_key adds the .config
   group's sub-fields as it meets config keys).  It allocates nothing. */
size_t proj_flat(projection *p, const size_t **flat);

/* proj_rank_keys sorts all keys of p (benchproc's Key.Less) and records
   each key's rank: call after all input.  Returns 0 or -1 (memory). */
int proj_rank_keys(projection *p);

/* proj_string_values: StringValues -- non-empty values in flattened order
   joined by single spaces, into buf (snprintf-like). */
int proj_string_values(projection *p, uint32_t k, char *buf, size_t size);

#endif
