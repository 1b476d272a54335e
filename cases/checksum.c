/*
 * checksum.c -- see checksum.h.
 */
#include "checksum.h"

#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int checksum_verbose;            /* print a line per run (tests) */

void checksum_init(void)
{
    const char *s = getenv("ESCBENCH_CHECKSUM");

    checksum_verbose = s && *s && !(s[0] == '0' && s[1] == '\0');
}

void checksum_check(bench *b, uint64_t got, uint64_t want)
{
    if (checksum_verbose) {
        const char *name = bench_name(b);

        /* bench.h promises "Sink/any"; accept "BenchmarkSink/any" too */
        if (strncmp(name, "Benchmark", 9) == 0)
            name += 9;
        bench_stop_timer(b);
        fprintf(stderr, "checksum %s n=%lld sum=%llu\n", name,
                (long long)b->n, (unsigned long long)got);
        bench_start_timer(b);
    }
    if (got != want)
        bench_fail(b, "checksum %llu, want %llu: the loop skipped work",
                   (unsigned long long)got, (unsigned long long)want);
}

void checksum_par_add(checksum_par *c, int64_t ops, uint64_t got, uint64_t want)
{
    atomic_fetch_add(&c->ops, ops);
    atomic_fetch_add(&c->got, got);
    atomic_fetch_add(&c->want, want);
}

void checksum_par_check(bench *b, checksum_par *c)
{
    if (atomic_load(&c->ops) != b->n)
        bench_fail(b, "the threads ran %lld ops, want b->n = %lld",
                   (long long)atomic_load(&c->ops), (long long)b->n);
    checksum_check(b, atomic_load(&c->got), atomic_load(&c->want));
}
