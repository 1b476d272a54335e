/*
 * alloc_sitecost.c -- what recording allocation sites costs per allocation:
 * 100 000 malloc(4)+free called from the executable, and as many
 * strdup+free (the allocation made inside libc, so the site is found by
 * unwinding the stack), each counted with sites off and on.  Prints ns/op
 * for the four.  Usage: alloc_sitecost [iterations].
 */
#include "alloc.h"
#include "bench.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now_ns(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

int main(int argc, char **argv)
{
    long n = argc > 1 ? atol(argv[1]) : 100000;

    if (n < 1) {
        fprintf(stderr, "usage: alloc_sitecost [iterations]\n");
        return 2;
    }
    if (!alloc_counting_available()) {
        fprintf(stderr, "alloc_sitecost: allocation hooks not in use\n");
        return 1;
    }
    for (int lib = 0; lib < 2; lib++)
        for (int sites = 0; sites < 2; sites++) {
            const char *s = bench_opaque((const char *)"abc");
            double t0, t1 = 0;

            /* A warm-up pass of each, so PLT resolution and the first
             * unwind are not in the figure. */
            for (int warm = 1; warm >= 0; warm--) {
                alloc_sites_enable(sites);
                alloc_count_reset();
                alloc_count_start();
                t0 = now_ns();
                for (long i = 0; i < (warm ? n / 10 : n); i++) {
                    char *p = lib ? strdup(s) : malloc(4);

                    bench_escape(p);
                    free(p);
                }
                t1 = now_ns();
                alloc_count_stop();
                alloc_sites_enable(false);
            }
            printf("%-6s sites %-3s %8.1f ns/op\n", lib ? "strdup" : "malloc",
                   sites ? "on" : "off", (t1 - t0) / (double)n);
        }
    return 0;
}
