/*
 * intern.h -- the set behind the reader (parse_set): interned strings
 * (names, units, config keys and values, file labels), interned config
 * sets, and room for the unit metadata and the tidy cache (units.h).
 * Everything the reader hands out as an id lives here, as long as the set.
 *
 * Strings are copied into arena blocks that never move, so a pointer from
 * parse_str stays valid until parse_set_release; ids are dense (0 .. n-1)
 * and found through an open-addressing hash table.
 */
#ifndef ESCSTAT_INTERN_H
#define ESCSTAT_INTERN_H

#include <stddef.h>
#include <stdint.h>

#include "hashindex.h"

/* An interned string id: index into the set's string table.  Id 0 is
   always the empty string. */
typedef uint32_t parse_id;

/* One (key, value) config pair. */
typedef struct parse_kv {
    parse_id key;               /* interned key, e.g. "goos" */
    parse_id val;               /* interned value, never "" */
} parse_kv;

/* A config set: the file config in effect for a result, in benchfmt's
   order: a new key is appended; deleting a key (`key:` with an empty
   value) moves the last pair into its place.  Config sets are interned:
   equal sets (same pairs in the same order) share an id. */
typedef struct parse_config {
    const parse_kv *kv;         /* n pairs, owned by the set */
    size_t n;
} parse_config;

/* Unit metadata (`Unit ns/op assume=exact better=lower`), keyed by the
   tidied unit.  It persists across inputs, as in benchstat. */
typedef struct parse_unit_meta {
    parse_id unit;              /* tidied unit */
    parse_id key;               /* e.g. "assume" */
    parse_id val;               /* e.g. "exact" */
} parse_unit_meta;

/* The string table, the config sets, the unit metadata and the inputs'
   labels.  Fields are private to the reader's files; use the functions
   below (and units.h, reader.h). */
typedef struct parse_set {
    char **str_ptr;             /* id -> bytes (NUL-terminated, never move) */
    void *blocks;               /* arena blocks holding the strings */
    char *blk_cur;              /* free space in the current block */
    size_t blk_left;
    uint32_t *str_len;          /* id -> length in bytes */
    uint32_t *str_hash;         /* id -> hash */
    size_t nstr, str_cap;
    hashindex index;            /* bytes -> id (hash str_hash[id]) */
    parse_kv *cfg_kv;           /* all config sets' pairs, back to back */
    size_t cfg_kv_len, cfg_kv_cap;
    uint32_t *cfg_off;          /* config id -> first pair in cfg_kv */
    uint32_t *cfg_n;            /* config id -> number of pairs */
    uint32_t *cfg_hash;         /* config id -> hash of its pairs */
    size_t ncfg, cfg_cap;
    parse_unit_meta *meta;      /* units.c */
    size_t nmeta, meta_cap;
    parse_id *tidy_unit;        /* string id -> tidied unit id (lazy; units.c) */
    double *tidy_factor;        /* string id -> tidy factor */
    size_t tidy_cap;            /* entries valid in the two arrays */
    size_t pipeline_min;        /* regular files of at least this many bytes
                                   are read by a second thread; 0: the
                                   default (8 MiB); SIZE_MAX: never */
    size_t ninputs;             /* inputs opened so far */
} parse_set;

/* parse_set_init makes an empty set (string 0 = "", config set 0 = empty).
   Returns 0, or -1 when out of memory.  parse_set_release frees
   everything the set owns (strings, config sets, unit metadata, the tidy
   cache); ids and string pointers from it are invalid afterwards. */
int parse_set_init(parse_set *ps);
void parse_set_release(parse_set *ps);

/* parse_str: the interned string with id (NUL-terminated, owned by the
   set).  parse_strlen: its length in bytes. */
const char *parse_str(const parse_set *ps, parse_id id);
size_t parse_strlen(const parse_set *ps, parse_id id);

/* parse_intern returns the id of s[0..n), adding a copy if new (the set
   owns it; s is not kept); (parse_id)-1 when out of memory.  Ids are
   dense: 0 .. parse_nstr()-1. */
parse_id parse_intern(parse_set *ps, const char *s, size_t n);
/* parse_lookup: the id of s[0..n) or (parse_id)-1 when not interned. */
parse_id parse_lookup(const parse_set *ps, const char *s, size_t n);
/* parse_nstr: how many strings the set holds. */
size_t parse_nstr(const parse_set *ps);

/* parse_set_config: the pairs of config set id (owned by the set). */
parse_config parse_set_config(const parse_set *ps, uint32_t config);

/* parse_config_intern: the id of the config set kv[0..n) (pairs of
   interned ids, copied into the set), adding it if new; -1 when out of
   memory.  The reader calls it when a result follows a config change. */
int64_t parse_config_intern(parse_set *ps, const parse_kv *kv, size_t n);

#endif
