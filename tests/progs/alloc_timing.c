/*
 * alloc_timing.c -- what allocation counting costs in time: a malloc(16) +
 * free loop timed, in one process, in three ways taken in turn round after
 * round (so drift and load hit all three alike):
 *
 *   direct   the allocator's malloc/free called through pointers from
 *            dlsym(RTLD_NEXT): no hook at all (as a PLT call would)
 *   off      through the interposed hooks, counting off
 *   on       through the interposed hooks, counting on
 *
 *   plt      the same pointers reached through a stub `jmp *pointer`, which
 *            is what a PLT entry is: the cost of any call into libc
 *
 * Prints the median and minimum ns/op of each and their ratios.
 * Usage: alloc_timing [rounds [iterations]]  (default 31 rounds of 2000000).
 * Run it under LD_PRELOAD=libjemalloc.so.2 etc. to time another allocator.
 */
#include "alloc.h"
#include "bench.h"

#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

__attribute__((used)) static void *(*direct_malloc)(size_t);
__attribute__((used)) static void (*direct_free)(void *);

/* PLT-like stubs: one indirect jump through a pointer, as a PLT entry
 * jumps through its GOT slot. */
void *plt_malloc(size_t n);
void plt_free(void *p);
__asm__(".text\n.p2align 4\n.type plt_malloc, @function\nplt_malloc:\n"
        "\tjmp *direct_malloc(%rip)\n.size plt_malloc, .-plt_malloc\n"
        ".p2align 4\n.type plt_free, @function\nplt_free:\n"
        "\tjmp *direct_free(%rip)\n.size plt_free, .-plt_free\n");

static double now_ns(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

/* Each loop is its own noinline function so the three compile alike. */
__attribute__((noinline)) static double loop_hooked(long n)
{
    double t0 = now_ns();

    for (long i = 0; i < n; i++) {
        void *p = malloc(16);

        bench_escape(p);
        free(p);
    }
    return (now_ns() - t0) / (double)n;
}

__attribute__((noinline)) static double loop_direct(long n)
{
    double t0 = now_ns();

    for (long i = 0; i < n; i++) {
        void *p = direct_malloc(16);

        bench_escape(p);
        direct_free(p);
    }
    return (now_ns() - t0) / (double)n;
}

__attribute__((noinline)) static double loop_plt(long n)
{
    double t0 = now_ns();

    for (long i = 0; i < n; i++) {
        void *p = plt_malloc(16);

        bench_escape(p);
        plt_free(p);
    }
    return (now_ns() - t0) / (double)n;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;

    return (x > y) - (x < y);
}

static double median(double *v, int n)
{
    qsort(v, (size_t)n, sizeof v[0], cmp_double);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

int main(int argc, char **argv)
{
    int rounds = argc > 1 ? atoi(argv[1]) : 31;
    long n = argc > 2 ? atol(argv[2]) : 2000000;
    double *t[4];
    struct alloc_counts c;
    const char *names[4] = {"direct", "off", "on", "plt"};

    if (rounds < 1 || n < 1) {
        fprintf(stderr, "usage: alloc_timing [rounds [iterations]]\n");
        return 2;
    }
    if (!alloc_counting_available()) {
        fprintf(stderr, "alloc_timing: allocation counting is compiled out\n");
        return 1;
    }
    direct_malloc = (void *(*)(size_t))dlsym(RTLD_NEXT, "malloc");
    direct_free = (void (*)(void *))dlsym(RTLD_NEXT, "free");
    for (int k = 0; k < 4; k++)
        t[k] = calloc((size_t)rounds, sizeof(double));
    loop_hooked(n / 4);                 /* warm up */
    loop_direct(n / 4);
    loop_plt(n / 4);
    alloc_count_reset();
    for (int r = 0; r < rounds; r++) {
        /* Rotate the order so no variant always runs first. */
        for (int j = 0; j < 4; j++) {
            int k = (r + j) % 4;

            if (k == 3) {
                t[3][r] = loop_plt(n);
            } else if (k == 0) {
                t[0][r] = loop_direct(n);
            } else if (k == 1) {
                t[1][r] = loop_hooked(n);
            } else {
                alloc_count_start();
                t[2][r] = loop_hooked(n);
                alloc_count_stop();
            }
        }
    }
    alloc_count_read(&c);
    printf("allocator: %s\n", alloc_allocator_name());
    printf("rounds: %d x %ld iterations\n", rounds, n);
    /* Medians, and minimums: load on a shared machine only adds time, so
     * the minimum is the steadier estimate there. */
    double m[4], lo[4];
    for (int k = 0; k < 4; k++) {
        m[k] = median(t[k], rounds);
        lo[k] = t[k][0];                /* median() sorted it */
        printf("%-6s %8.3f ns/op median %8.3f min\n", names[k], m[k], lo[k]);
    }
    printf("ratio       median   min\n");
    printf("on/off      %.4f  %.4f\n", m[2] / m[1], lo[2] / lo[1]);
    printf("off/plt     %.4f  %.4f\n", m[1] / m[3], lo[1] / lo[3]);
    printf("on/plt      %.4f  %.4f\n", m[2] / m[3], lo[2] / lo[3]);
    printf("off/direct  %.4f  %.4f\n", m[1] / m[0], lo[1] / lo[0]);
    printf("bootstrap arena: %zu bytes\n", alloc_bootstrap_bytes());
    /* The counted pass must have counted every malloc and nothing else. */
    printf("counted: %llu allocs, %llu bytes (want %llu, %llu)\n",
           (unsigned long long)c.allocs, (unsigned long long)c.bytes,
           (unsigned long long)rounds * (unsigned long long)n,
           (unsigned long long)rounds * (unsigned long long)n * 16);
    for (int k = 0; k < 4; k++)
        free(t[k]);
    return c.allocs == (uint64_t)rounds * (uint64_t)n ? 0 : 1;
}
