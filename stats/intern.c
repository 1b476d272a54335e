/*
 * intern.c -- the set's string table (an arena of NUL-terminated copies
 * and an open-addressing index from bytes to id) and its config sets
 * (pairs back to back, found by hash).  See intern.h.
 */
#include "intern.h"
#include "vec.h"

#include <stdlib.h>
#include <string.h>

#define ARENA_BLOCK (64u * 1024)

struct arena_block {
    struct arena_block *next;
    char data[];
};

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

/* str_hash_of: the hash of string id, for the index when it grows. */
static uint32_t str_hash_of(const void *ps, uint32_t id)
{
    return ((const parse_set *)ps)->str_hash[id];
}

/* reserve3: room for need entries in three arrays indexed by the same id
   (a, b, c: the addresses of the caller's pointers; ea, eb, ec: their
   element sizes), whose shared capacity is *cap.  Returns 0, -1 when out
   of memory (the arrays stay valid, *cap unchanged). */
static int reserve3(size_t *cap, size_t need, void *a, size_t ea, void *b, size_t eb, void *c,
                    size_t ec)
{
    if (need <= *cap)
        return 0;
    size_t n = vec_capacity(*cap, need, ea > eb ? ea : eb);
    if (n == 0 || vec_resize(a, n, ea) != 0 || vec_resize(b, n, eb) != 0 ||
        vec_resize(c, n, ec) != 0)
        return -1;
    *cap = n;
    return 0;
}

/* str_reserve: room for need strings in the per-id arrays. */
static int str_reserve(parse_set *ps, size_t need)
{
    return reserve3(&ps->str_cap, need, &ps->str_ptr, sizeof *ps->str_ptr, &ps->str_len,
                    sizeof *ps->str_len, &ps->str_hash, sizeof *ps->str_hash);
}

/* lookup_h: the id of s[0..n) with hash h, or (parse_id)-1. */
static parse_id lookup_h(const parse_set *ps, const char *s, size_t n, uint32_t h)
{
    const hashindex *x = &ps->index;
    for (size_t i = hashindex_first(x, h);; i = hashindex_next(x, i)) {
        uint32_t id = hashindex_at(x, i);
        if (id == HASHINDEX_NONE)
            return (parse_id)-1;
        if (ps->str_hash[id] == h && ps->str_len[id] == n && memcmp(ps->str_ptr[id], s, n) == 0)
            return id;
    }
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
    if (n > UINT32_MAX - 1 || ps->nstr >= HASHINDEX_NONE - 1 || str_reserve(ps, ps->nstr + 1) != 0)
        return (parse_id)-1;
    char *copy = arena_alloc(ps, n + 1);
    if (!copy)
        return (parse_id)-1;
    memcpy(copy, s, n);
    copy[n] = '\0';
    id = (parse_id)ps->nstr;
    ps->str_ptr[id] = copy;
    ps->str_len[id] = (uint32_t)n;
    ps->str_hash[id] = h;
    if (hashindex_add(&ps->index, h, id, str_hash_of, ps) != 0)
        return (parse_id)-1;    /* the copy stays in the arena, unused */
    ps->nstr++;
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

/* cfg_reserve: room for need config sets in the per-id arrays. */
static int cfg_reserve(parse_set *ps, size_t need)
{
    return reserve3(&ps->cfg_cap, need, &ps->cfg_off, sizeof *ps->cfg_off, &ps->cfg_n,
                    sizeof *ps->cfg_n, &ps->cfg_hash, sizeof *ps->cfg_hash);
}

/* parse_set_init: see intern.h.  Config set 0 is the empty set. */
int parse_set_init(parse_set *ps)
{
    memset(ps, 0, sizeof *ps);
    hashindex_init(&ps->index, 1024);
    if (str_reserve(ps, 256) != 0 || parse_intern(ps, "", 0) != 0 || cfg_reserve(ps, 16) != 0) {
        parse_set_release(ps);
        return -1;
    }
    /* config set 0: the empty set */
    ps->cfg_off[0] = 0;
    ps->cfg_n[0] = 0;
    ps->cfg_hash[0] = hash_bytes("", 0);
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
    hashindex_release(&ps->index);
    free(ps->cfg_kv);
    free(ps->cfg_off);
    free(ps->cfg_n);
    free(ps->meta);
    free(ps->tidy_unit);
    free(ps->tidy_factor);
    free(ps->cfg_hash);
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
    uint32_t h = hash_bytes(kv, n * sizeof *kv);
    for (size_t id = ps->ncfg; id-- > 0;)
        if (ps->cfg_hash[id] == h && ps->cfg_n[id] == n &&
            (n == 0 ||          /* cfg_kv may still be NULL */
             memcmp(ps->cfg_kv + ps->cfg_off[id], kv, n * sizeof *kv) == 0))
            return (int64_t)id;
    if (cfg_reserve(ps, ps->ncfg + 1) != 0 ||
        vec_reserve(&ps->cfg_kv, &ps->cfg_kv_cap, ps->cfg_kv_len + n, sizeof *ps->cfg_kv) != 0)
        return -1;
    memcpy(ps->cfg_kv + ps->cfg_kv_len, kv, n * sizeof *kv);
    size_t id = ps->ncfg++;
    ps->cfg_off[id] = (uint32_t)ps->cfg_kv_len;
    ps->cfg_n[id] = (uint32_t)n;
    ps->cfg_hash[id] = h;
    ps->cfg_kv_len += n;
    return (int64_t)id;
}
