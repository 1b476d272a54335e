/*
 * counters_suite.c -- a suite for the counters shell tests (tests/counters-*.t).
 *
 * FreshPages touches fresh pages on every op: malloc + memset + free of
 * 1 MiB.  M_MMAP_THRESHOLD is pinned below that size, so glibc mmaps every
 * block and munmaps it on free (without the pin, the first free raises the
 * threshold and later blocks come from the already-faulted heap); each op
 * then takes one page fault per 4 KiB page, 257 with the chunk header.
 * Sum is pure arithmetic with no faults and no system calls: the case for
 * checking that counting does not change ns/op.
 */
#include "bench.h"

#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { BLOCK = 1 << 20 };

static void BenchmarkFreshPages(bench *b)
{
    for (int64_t i = 0; i < b->n; i++) {
        char *p = malloc(BLOCK);
        if (p == NULL)
            bench_fail(b, "malloc(%d) failed", BLOCK);
        memset(p, (int)i, BLOCK);
        bench_escape(p);
        free(p);
    }
}

static void BenchmarkSum(bench *b)
{
    uint64_t s = 0;

    for (int64_t i = 0; i < b->n; i++)
        s += bench_opaque((uint64_t)i) * 2654435761u;
    bench_keep(s);
}

static const bench_def suite[] = {
    BENCH_DOC(FreshPages, "malloc+memset+free of 1 MiB, mmapped each time: ~257 page faults/op"),
    BENCH_DOC(Sum, "arithmetic only: no faults, no system calls"),
    BENCH_END,
};

int main(int argc, char **argv)
{
    /* Every 1 MiB block is mmapped and unmapped: fresh pages on every op.
     * Under ASan its own allocator serves malloc and refuses mallopt; the
     * tests then do not check the count. */
    if (mallopt(M_MMAP_THRESHOLD, 64 * 1024) != 1)
        fprintf(stderr, "counters_suite: mallopt(M_MMAP_THRESHOLD) refused: "
                "FreshPages may reuse faulted pages\n");
    return bench_main(argc, argv, suite);
}
