/*
 * hashindex.c -- an open-addressing index of ids (see hashindex.h).
 */
#include "hashindex.h"

#include <stdint.h>
#include <stdlib.h>

void hashindex_init(hashindex *x, size_t nslots)
{
    x->slots = NULL;
    x->nslots = 0;
    x->n = 0;
    size_t first = nslots ? 2 : 0;
    while (first && first < nslots && first <= SIZE_MAX / 2)
        first *= 2;
    x->first = first;
}

void hashindex_release(hashindex *x)
{
    free(x->slots);
    hashindex_init(x, x->first);
}

/* place puts id in the first empty slot of h's probe sequence. */
static void place(uint32_t *slots, size_t nslots, uint32_t h, uint32_t id)
{
    size_t i = h & (nslots - 1);
    while (slots[i])
        i = (i + 1) & (nslots - 1);
    slots[i] = id + 1;
}

/* grow moves the ids to a table of nslots slots; 0 or -1. */
static int grow(hashindex *x, size_t nslots, hashindex_hash_fn *hash, const void *ctx)
{
    uint32_t *s = calloc(nslots, sizeof *s);
    if (!s)
        return -1;
    for (size_t i = 0; i < x->nslots; i++)
        if (x->slots[i])
            place(s, nslots, hash(ctx, x->slots[i] - 1), x->slots[i] - 1);
    free(x->slots);
    x->slots = s;
    x->nslots = nslots;
    return 0;
}

int hashindex_add(hashindex *x, uint32_t h, uint32_t id, hashindex_hash_fn *hash, const void *ctx)
{
    if ((x->n + 1) * 2 > x->nslots) {
        size_t ns = x->nslots ? x->nslots * 2 : x->first ? x->first : HASHINDEX_FIRST;
        while ((x->n + 1) * 2 > ns)
            ns *= 2;
        if (grow(x, ns, hash, ctx) != 0)
            return -1;
    }
    place(x->slots, x->nslots, h, id);
    x->n++;
    return 0;
}
