/*
 * intern.c -- the set's string table (an arena of NUL-terminated copies
 * and an open-addressing index from bytes to id) and its config sets
 * (pairs back to back, found by hash).  See intern.h.
 */
#include "intern.h"

#include <stdlib.h>
#include <string.h>

#define ARENA_BLOCK (64u * 1024)

struct arena_block {
    struct arena_block *next;
    char data[];
};

/* hash_bytes: a fast 32-bit hash (8 bytes per step, multiply-xorshift). */
static uint32_t hash_bytes(const char *s, size_t n)
{
    uint64_t h = 0x9E3779B97F4A7C15ull ^ (n * 0xff51afd7ed558ccdull);
    while (n >= 8) {
        uint64_t w;
        memcpy(&w, s, 8);
        h = (h ^ w) * 0xbf58476d1ce4e5b9ull;
        h ^= h >> 31;
        s += 8;
        n -= 8;
    }
    if (n) {
        uint64_t w = 0;
        memcpy(&w, s, n);
        h = (h ^ w) * 0x94d049bb133111ebull;
        h ^= h >> 29;
    }
    h *= 0xbf58476d1ce4e5b9ull;
    h ^= h >> 32;
    return (uint32_t)h;
}

/* arena_alloc: n bytes of the set's arena (never moved, freed with the
   set); NULL when out of memory.  A big string gets a block of its own. */
static char *arena_alloc(parse_set *ps, size_t n)
{
    if (n > ps->blk_left) {
        size_t sz = n > ARENA_BLOCK / 4 ? n : ARENA_BLOCK;
        struct arena_block *b = malloc(sizeof *b + sz);
        if (!b)
            return NULL;
        b->next = ps->blocks;
        ps->blocks = b;
        if (n > ARENA_BLOCK / 4)        /* big string: its own block */
            return b->data;
        ps->blk_cur = b->data;
        ps->blk_left = sz;
    }
    char *p = ps->blk_cur;
    ps->blk_cur += n;
    ps->blk_left -= n;
    return p;
}

/* str_rehash: rebuild the index with nslots slots (a power of two) from
   the stored hashes.  Returns 0, -1 when out of memory (the old index
   stays). */
static int str_rehash(parse_set *ps, size_t nslots)
{
    uint32_t *slots = calloc(nslots, sizeof *slots);
    if (!slots)
        return -1;
    for (size_t id = 0; id < ps->nstr; id++) {
        size_t i = ps->str_hash[id] & (nslots - 1);
        while (slots[i])
            i = (i + 1) & (nslots - 1);
        slots[i] = (uint32_t)id + 1;
    }
    free(ps->slots);
    ps->slots = slots;
    ps->nslots = nslots;
    return 0;
}

/* lookup_h: the id of s[0..n) with hash h, or (parse_id)-1. */
static parse_id lookup_h(const parse_set *ps, const char *s, size_t n, uint32_t h)
{
    size_t mask = ps->nslots - 1, i = h & mask;
    for (uint32_t v; (v = ps->slots[i]) != 0; i = (i + 1) & mask) {
        uint32_t id = v - 1;
        if (ps->str_hash[id] == h && ps->str_len[id] == n && memcmp(ps->str_ptr[id], s, n) == 0)
            return id;
    }
    return (parse_id)-1;
}

/* parse_lookup: see intern.h. */
parse_id parse_lookup(const parse_set *ps, const char *s, size_t n)
{
    return lookup_h(ps, s, n, hash_bytes(s, n));
}

/* intern_h: parse_intern with the hash h of s[0..n) already known. */
static parse_id intern_h(parse_set *ps, const char *s, size_t n, uint32_t h)
{
    parse_id id = lookup_h(ps, s, n, h);
    if (id != (parse_id)-1)
        return id;
    if (n > UINT32_MAX - 1)
        return (parse_id)-1;
    if (ps->nstr == ps->str_cap) {
        size_t cap = ps->str_cap ? ps->str_cap * 2 : 256;
        char **p = realloc(ps->str_ptr, cap * sizeof *p);
        if (!p)
            return (parse_id)-1;
        ps->str_ptr = p;
        uint32_t *l = realloc(ps->str_len, cap * sizeof *l);
        if (!l)
            return (parse_id)-1;
        ps->str_len = l;
        uint32_t *hh = realloc(ps->str_hash, cap * sizeof *hh);
        if (!hh)
            return (parse_id)-1;
        ps->str_hash = hh;
        ps->str_cap = cap;
    }
    if ((ps->nstr + 1) * 2 > ps->nslots && str_rehash(ps, ps->nslots * 2) != 0)
        return (parse_id)-1;
    char *copy = arena_alloc(ps, n + 1);
    if (!copy)
        return (parse_id)-1;
    memcpy(copy, s, n);
    copy[n] = '\0';
    id = (parse_id)ps->nstr++;
    ps->str_ptr[id] = copy;
    ps->str_len[id] = (uint32_t)n;
    ps->str_hash[id] = h;
    size_t mask = ps->nslots - 1, i = h & mask;
    while (ps->slots[i])
        i = (i + 1) & mask;
    ps->slots[i] = id + 1;
    return id;
}

/* parse_intern: see intern.h. */
parse_id parse_intern(parse_set *ps, const char *s, size_t n)
{
    return intern_h(ps, s, n, hash_bytes(s, n));
}

/* parse_str: see intern.h. */
const char *parse_str(const parse_set *ps, parse_id id)
{
    return ps->str_ptr[id];
}

/* parse_strlen: see intern.h. */
size_t parse_strlen(const parse_set *ps, parse_id id)
{
    return ps->str_len[id];
}

/* parse_nstr: see intern.h. */
size_t parse_nstr(const parse_set *ps)
{
    return ps->nstr;
}

/* ------------------------------------------------------------- config sets */

struct cfg_slots {
    uint32_t *hash;             /* config id -> hash of its pairs */
};

/* parse_set_init: see intern.h.  Config set 0 is the empty set. */
int parse_set_init(parse_set *ps)
{
    memset(ps, 0, sizeof *ps);
    ps->nslots = 1024;
    ps->slots = calloc(ps->nslots, sizeof *ps->slots);
    struct cfg_slots *cs = calloc(1, sizeof *cs);
    ps->cfg_slots = cs;
    if (!ps->slots || !cs || parse_intern(ps, "", 0) != 0) {
        parse_set_release(ps);
        return -1;
    }
    /* config set 0: the empty set */
    ps->cfg_cap = 16;
    ps->cfg_off = malloc(ps->cfg_cap * sizeof *ps->cfg_off);
    ps->cfg_n = malloc(ps->cfg_cap * sizeof *ps->cfg_n);
    cs->hash = malloc(ps->cfg_cap * sizeof *cs->hash);
    if (!ps->cfg_off || !ps->cfg_n || !cs->hash) {
        parse_set_release(ps);
        return -1;
    }
    ps->cfg_off[0] = 0;
    ps->cfg_n[0] = 0;
    cs->hash[0] = hash_bytes("", 0);
    ps->ncfg = 1;
    return 0;
}

/* parse_set_release: see intern.h. */
void parse_set_release(parse_set *ps)
{
    struct arena_block *b = ps->blocks;
    while (b) {
        struct arena_block *next = b->next;
        free(b);
        b = next;
    }
    free(ps->str_ptr);
    free(ps->str_len);
    free(ps->str_hash);
    free(ps->slots);
    free(ps->cfg_kv);
    free(ps->cfg_off);
    free(ps->cfg_n);
    free(ps->meta);
    free(ps->tidy_unit);
    free(ps->tidy_factor);
    if (ps->cfg_slots)
        free(((struct cfg_slots *)ps->cfg_slots)->hash);
    free(ps->cfg_slots);
    memset(ps, 0, sizeof *ps);
}

/* parse_set_config: see intern.h. */
parse_config parse_set_config(const parse_set *ps, uint32_t config)
{
    parse_config c = { ps->cfg_kv ? ps->cfg_kv + ps->cfg_off[config] : NULL, ps->cfg_n[config] };
    return c;
}

/* parse_config_intern: config changes are rare (header lines), so a
   linear scan by hash is enough. */
int64_t parse_config_intern(parse_set *ps, const parse_kv *kv, size_t n)
{
    struct cfg_slots *cs = ps->cfg_slots;
    uint32_t h = hash_bytes((const char *)kv, n * sizeof *kv);
    for (size_t id = ps->ncfg; id-- > 0;)
        if (cs->hash[id] == h && ps->cfg_n[id] == n &&
            (n == 0 ||          /* cfg_kv may still be NULL */
             memcmp(ps->cfg_kv + ps->cfg_off[id], kv, n * sizeof *kv) == 0))
            return (int64_t)id;
    if (ps->ncfg == ps->cfg_cap) {
        size_t cap = ps->cfg_cap * 2;
        uint32_t *o = realloc(ps->cfg_off, cap * sizeof *o);
        if (!o)
            return -1;
        ps->cfg_off = o;
        uint32_t *c = realloc(ps->cfg_n, cap * sizeof *c);
        if (!c)
            return -1;
        ps->cfg_n = c;
        uint32_t *hh = realloc(cs->hash, cap * sizeof *hh);
        if (!hh)
            return -1;
        cs->hash = hh;
        ps->cfg_cap = cap;
    }
    if (ps->cfg_kv_len + n > ps->cfg_kv_cap) {
        size_t cap = ps->cfg_kv_cap ? ps->cfg_kv_cap * 2 : 64;
        while (cap < ps->cfg_kv_len + n)
            cap *= 2;
        parse_kv *p = realloc(ps->cfg_kv, cap * sizeof *p);
        if (!p)
            return -1;
        ps->cfg_kv = p;
        ps->cfg_kv_cap = cap;
    }
    memcpy(ps->cfg_kv + ps->cfg_kv_len, kv, n * sizeof *kv);
    size_t id = ps->ncfg++;
    ps->cfg_off[id] = (uint32_t)ps->cfg_kv_len;
    ps->cfg_n[id] = (uint32_t)n;
    cs->hash[id] = h;
    ps->cfg_kv_len += n;
    return (int64_t)id;
}
