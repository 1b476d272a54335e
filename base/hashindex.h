/*
 * hashindex.h -- an open-addressing index from keys to ids, for tables that
 * keep their items in an array of their own and look them up by content:
 * interned strings, result cells, projection keys, chart cells.
 *
 * The index stores ids only (slot = id + 1, 0 empty): the items, their keys
 * and their equality stay the caller's, which is what lets one index serve
 * strings, id triples and id vectors alike.  The caller hashes its key,
 * walks the probe sequence comparing its own items, and adds an id where
 * the walk ended empty-handed:
 *
 *     for (size_t i = hashindex_first(&x, h);; i = hashindex_next(&x, i)) {
 *         uint32_t id = hashindex_at(&x, i);
 *         if (id == HASHINDEX_NONE)
 *             break;                       (not there)
 *         if (equal(items[id], key))
 *             return id;
 *     }
 *     items[n] = key; hashindex_add(&x, h, n, item_hash, items);
 *
 * Slots are a power of two, probing is linear, and the table doubles when
 * more than half full, so a miss ends within a few slots.  Where ids land
 * depends on the order they were added; nothing else does, and an index is
 * never iterated: order of output comes from the caller's array.
 *
 * The hashes (hash_bytes, hash_u32x3) are here too, static inline because
 * the reader calls them per field of every line.
 */
#ifndef ESCBASE_HASHINDEX_H
#define ESCBASE_HASHINDEX_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* HASHINDEX_NONE is the id hashindex_at gives for an empty slot; ids are
 * below it. */
#define HASHINDEX_NONE UINT32_MAX

typedef struct hashindex {
    uint32_t *slots;            /* nslots entries: 0 empty, else id + 1 */
    size_t nslots;              /* a power of two, or 0 before the first add */
    size_t n;                   /* ids added */
    size_t first;               /* slots of the first allocation (0: 64) */
} hashindex;

/* hashindex_hash_fn returns the hash of the item with this id: the hash
 * the caller gave when it added id (the index asks again when it grows). */
typedef uint32_t hashindex_hash_fn(const void *ctx, uint32_t id);

/* HASHINDEX_FIRST is the number of slots of the first allocation when
 * hashindex_init was given 0. */
#define HASHINDEX_FIRST 64

/* hashindex_init makes an empty index that allocates nslots slots at its
 * first add (nslots rounded up to a power of two; 0 means HASHINDEX_FIRST);
 * it allocates nothing now.  An all-zero hashindex is the same as one
 * initialised with 0. */
void hashindex_init(hashindex *x, size_t nslots);

/* hashindex_release frees the slots and leaves x empty, ready for adds
 * again with the same first size. */
void hashindex_release(hashindex *x);

/* hashindex_first returns the first slot to look at for hash h. */
static inline size_t hashindex_first(const hashindex *x, uint32_t h)
{
    return x->nslots ? h & (x->nslots - 1) : 0;
}

/* hashindex_next returns the slot after slot i in the probe sequence. */
static inline size_t hashindex_next(const hashindex *x, size_t i)
{
    return (i + 1) & (x->nslots - 1);
}

/* hashindex_at returns the id in slot i, or HASHINDEX_NONE when the slot
 * is empty (the key looked for is not in the index). */
static inline uint32_t hashindex_at(const hashindex *x, size_t i)
{
    return x->nslots ? x->slots[i] - 1 : HASHINDEX_NONE;
}

/* hashindex_add adds id (below HASHINDEX_NONE, not in the index yet) under
 * hash h.  When the index would be more than half full it first doubles,
 * asking hash(ctx, id) for the hash of every id it holds.  It returns 0,
 * or -1 when out of memory; then x is as it was, without id. */
int hashindex_add(hashindex *x, uint32_t h, uint32_t id, hashindex_hash_fn *hash, const void *ctx);

/* hash_bytes is a fast 32-bit hash of s[0..n) (8 bytes per step,
 * multiply-xorshift).  Not for anything an attacker chooses the keys of
 * when speed matters: it has no seed. */
static inline uint32_t hash_bytes(const void *p, size_t n)
{
    const char *s = p;
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

/* hash_u32x3 hashes a triple of ids (each multiplied by its own odd
 * constant, then mixed as splitmix64's finalizer does). */
static inline uint32_t hash_u32x3(uint32_t a, uint32_t b, uint32_t c)
{
    uint64_t h = ((uint64_t)a * 0x9E3779B97F4A7C15ull) ^ ((uint64_t)b * 0xbf58476d1ce4e5b9ull) ^
                 ((uint64_t)c * 0x94d049bb133111ebull);
    h ^= h >> 29;
    h *= 0xbf58476d1ce4e5b9ull;
    return (uint32_t)(h ^ (h >> 32));
}

#endif
