/*
 * test_base_hashindex.c -- base/hashindex.h: every id added is found by its
 * key, absent keys are not, colliding hashes probe on, the table doubles
 * when more than half full, and the hashes keep their values (the reader's
 * and the table builder's, moved here unchanged).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../tap.h"
#include "hashindex.h"

#define N 1000

static char keys[N][16];

static uint32_t key_hash(const void *ctx, uint32_t id)
{
    const char (*k)[16] = ctx;
    return hash_bytes(k[id], strlen(k[id]));
}

/* find returns the id of key s, or HASHINDEX_NONE. */
static uint32_t find(const hashindex *x, const char *s)
{
    uint32_t h = hash_bytes(s, strlen(s));
    for (size_t i = hashindex_first(x, h);; i = hashindex_next(x, i)) {
        uint32_t id = hashindex_at(x, i);
        if (id == HASHINDEX_NONE || strcmp(keys[id], s) == 0)
            return id;
    }
}

static uint32_t same_hash(const void *ctx, uint32_t id)
{
    (void)ctx;
    (void)id;
    return 7;
}

int main(void)
{
    hashindex x;
    hashindex_init(&x, 4);
    ok(x.slots == NULL && x.nslots == 0, "init allocates nothing");
    is_int(find(&x, "k0"), HASHINDEX_NONE, "an empty index finds nothing");

    for (uint32_t i = 0; i < N; i++) {
        snprintf(keys[i], sizeof keys[i], "k%u", i);
        if (hashindex_add(&x, key_hash(keys, i), i, key_hash, keys) != 0)
            break;
        if (i == 0)
            is_int(x.nslots, 4, "first add: the size given to init (4)");
        if (i == 1)
            is_int(x.nslots, 4, "2 ids in 4 slots: half full, no growth");
        if (i == 2)
            is_int(x.nslots, 8, "a 3rd id: doubled to 8");
    }
    is_int(x.n, N, "1000 ids added");
    is_int(x.nslots, 2048, "1000 ids: 2048 slots (never more than half full)");
    int found = 0;
    for (uint32_t i = 0; i < N; i++)
        found += find(&x, keys[i]) == i;
    is_int(found, N, "each id found by its key after every growth");
    is_int(find(&x, "k1000"), HASHINDEX_NONE, "an absent key: HASHINDEX_NONE");
    is_int(find(&x, "k"), HASHINDEX_NONE, "a prefix of keys: HASHINDEX_NONE");
    hashindex_release(&x);
    ok(x.slots == NULL && x.n == 0 && x.first == 4, "release empties, keeps the first size");

    /* every id under one hash: the probe sequence holds them all */
    hashindex y;
    hashindex_init(&y, 0);
    is_int(y.first, 0, "a first size of 0 is kept as 0");
    for (uint32_t i = 0; i < 50; i++)
        hashindex_add(&y, 7, i, same_hash, NULL);
    int seen[50] = { 0 }, steps = 0;
    for (size_t i = hashindex_first(&y, 7);; i = hashindex_next(&y, i), steps++) {
        uint32_t id = hashindex_at(&y, i);
        if (id == HASHINDEX_NONE)
            break;
        if (id < 50)
            seen[id]++;
    }
    int all = 1;
    for (int i = 0; i < 50; i++)
        all &= seen[i] == 1;
    ok(all && steps == 50, "50 colliding ids: each once in 50 probes");
    is_int(y.nslots, 128, "50 ids: 128 slots");
    hashindex_release(&y);

    hashindex w;
    memset(&w, 0, sizeof w);
    hashindex_add(&w, 3, 0, same_hash, NULL);
    is_int(w.nslots, HASHINDEX_FIRST, "an all-zero index starts at HASHINDEX_FIRST (64) slots");
    ok(hashindex_at(&w, hashindex_first(&w, 3)) == 0, "and holds what was added");
    hashindex_release(&w);
    hashindex_init(&w, 1);
    hashindex_add(&w, 3, 0, same_hash, NULL);
    is_int(w.nslots, 2, "a first size of 1 rounds up to 2");
    hashindex_release(&w);

    hashindex z;
    hashindex_init(&z, 100);
    hashindex_add(&z, 1, 0, same_hash, NULL);
    is_int(z.nslots, 128, "a first size of 100 rounds up to 128");
    hashindex_release(&z);

    /* the values the reader and the table builder have always used */
    is_int(hash_bytes("", 0), 3136447977u, "hash_bytes of no bytes");
    is_int(hash_bytes("a", 1), 1947017410u, "hash_bytes(\"a\")");
    is_int(hash_bytes("BenchmarkFoo-8", 14), 2974740224u, "hash_bytes of 14 bytes");
    is_int(hash_u32x3(0, 0, 0), 0, "hash_u32x3(0, 0, 0)");
    is_int(hash_u32x3(1, 2, 3), 2067963211u, "hash_u32x3(1, 2, 3)");
    return tap_done();
}
