/*
 * alloc_suite.c -- a suite whose allocations are known exactly, for the
 * end-to-end tests of B/op, allocs/op, -allocsites and failure injection
 * (tests/alloc-suite.t).  Each benchmark's doc says what it must report.
 * The lines marked SITE are named by -allocsites; the test reads their
 * numbers from this file, so moving them is safe.
 */
#include "alloc.h"
#include "bench.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* need: a benchmark whose allocation fails says so and stops (bench_fail),
 * as a benchmark must; the out-of-memory tests rely on it. */
#define need(b, p, what)                                                \
    do {                                                                \
        if ((p) == NULL)                                                \
            bench_fail(b, "%s failed: %s", what, strerror(errno));      \
    } while (0)

/* log_run appends "NAME N" to the file named by $ALLOC_SUITE_RUNS, if set,
 * with the timer stopped and without allocating (open/write, no stdio):
 * the tests read from it which runs the runner made. */
static void log_run(bench *b, const char *name)
{
    const char *path = getenv("ALLOC_SUITE_RUNS");
    char line[64];
    int fd, k;

    if (path == NULL)
        return;
    bench_stop_timer(b);
    k = snprintf(line, sizeof line, "%s %lld\n", name, (long long)b->n);
    fd = open(path, O_WRONLY | O_APPEND | O_CREAT, 0644);
    if (fd >= 0) {
        if (write(fd, line, (size_t)k) != k)
            bench_fail(b, "%s: write failed", path);
        close(fd);
    }
    bench_start_timer(b);
}

static void BenchmarkZero(bench *b)
{
    int64_t s = 0;

    for (int64_t i = 0; i < b->n; i++)
        s += i;
    bench_keep(s);
    log_run(b, "Zero");
}

static void BenchmarkMalloc16(bench *b)
{
    for (int64_t i = 0; i < b->n; i++) {
        void *p = malloc(16);           /* SITE malloc16 */

        need(b, p, "malloc(16)");
        bench_escape(p);
        free(p);
    }
    log_run(b, "Malloc16");
}

static void BenchmarkCalloc(bench *b)
{
    for (int64_t i = 0; i < b->n; i++) {
        void *p = calloc(4, 25);

        need(b, p, "calloc(4, 25)");
        bench_escape(p);
        free(p);
    }
}

/* A block that grows: malloc(8) then realloc to 1000 -- two calls. */
static void BenchmarkReallocGrow(bench *b)
{
    for (int64_t i = 0; i < b->n; i++) {
        char *p = malloc(8), *q;

        need(b, p, "malloc(8)");
        bench_escape(p);
        q = realloc(p, 1000);
        if (q == NULL)
            free(p);
        need(b, q, "realloc(p, 1000)");
        bench_escape(q);
        free(q);
    }
}

static void BenchmarkAlignedAlloc(bench *b)
{
    for (int64_t i = 0; i < b->n; i++) {
        void *p = aligned_alloc(64, 128);

        need(b, p, "aligned_alloc(64, 128)");
        bench_escape(p);
        free(p);
    }
}

/* strdup allocates inside libc: 6 bytes for "hello". */
static void BenchmarkStrdup(bench *b)
{
    for (int64_t i = 0; i < b->n; i++) {
        char *p = strdup(bench_opaque((const char *)"hello")); /* SITE strdup */

        need(b, p, "strdup");
        bench_escape(p);
        free(p);
    }
}

static void BenchmarkThree(bench *b)
{
    for (int64_t i = 0; i < b->n; i++) {
        void *p = malloc(10), *q = malloc(20), *r = malloc(30);

        if (!p || !q || !r) {
            free(p);
            free(q);
            free(r);
            need(b, NULL, "malloc");
        }
        bench_escape(p);
        bench_escape(q);
        bench_escape(r);
        free(p);
        free(q);
        free(r);
    }
}

/* Every other iteration allocates: 0.5 allocs/op and 8 B/op, printed as
 * go test prints them, truncated: 0 allocs/op, 8 B/op. */
static void BenchmarkHalf(bench *b)
{
    for (int64_t i = 0; i < b->n; i++) {
        if (i % 2 == 0) {
            void *p = malloc(16);

            need(b, p, "malloc(16)");
            bench_escape(p);
            free(p);
        }
    }
}

/* Allocates only from iteration 1000 on, two blocks of 16 bytes each time:
 * run1 (n = 1) allocates nothing, so the runner counts in the timed runs,
 * and must then time again with counting off.  At n = 2000: 16 B/op,
 * 1 allocs/op, and "0 hooked" -- the hooks were off in the reported run
 * (counted at the first allocation, which counts itself when they are on). */
static void BenchmarkLate(bench *b)
{
    double hooked = 0;

    for (int64_t i = 0; i < b->n; i++) {
        if (i < 1000)
            continue;
        for (int k = 0; k < 2; k++) {
            struct alloc_counts c0, c1;
            void *p;

            if (i == 1000 && k == 0)
                alloc_count_read(&c0);
            p = malloc(16);
            need(b, p, "malloc(16)");
            if (i == 1000 && k == 0) {
                alloc_count_read(&c1);
                hooked = c1.allocs > c0.allocs;
            }
            bench_escape(p);
            free(p);
        }
    }
    bench_report_metric(b, hooked, "hooked");
    log_run(b, "Late");
}

/* --- A second thread allocates ------------------------------------------ */

struct worker {
    pthread_barrier_t go, done;
    int64_t n;
};

static void *worker_body(void *arg)
{
    struct worker *w = arg;

    pthread_barrier_wait(&w->go);
    for (int64_t i = 0; i < w->n; i++) {
        void *p = malloc(32);           /* SITE thread */

        bench_escape(p);
        free(p);
    }
    pthread_barrier_wait(&w->done);
    return NULL;
}

/* The worker does all the allocating (32 B, once per op); its creation
 * (which allocates) happens with the timer stopped. */
static void BenchmarkThread(bench *b)
{
    struct worker w = {.n = b->n};
    pthread_t t;

    bench_stop_timer(b);
    pthread_barrier_init(&w.go, NULL, 2);
    pthread_barrier_init(&w.done, NULL, 2);
    if (pthread_create(&t, NULL, worker_body, &w) != 0)
        bench_fail(b, "pthread_create failed");
    bench_start_timer(b);
    pthread_barrier_wait(&w.go);
    pthread_barrier_wait(&w.done);
    bench_stop_timer(b);
    pthread_join(t, NULL);
    pthread_barrier_destroy(&w.go);
    pthread_barrier_destroy(&w.done);
}

/* --- Sites: two lines in one loop, one through a helper ----------------- */

/* Not `return malloc(100);`: that compiles to a tail jump, and the site
 * would be the caller's line (the frame of make_buffer is gone). */
__attribute__((noinline)) static void *make_buffer(void)
{
    void *p = malloc(100);              /* SITE buffer */

    bench_escape(p);
    return p;
}

static void BenchmarkSites(bench *b)
{
    for (int64_t i = 0; i < b->n; i++) {
        void *p = make_buffer(), *q = malloc(24); /* SITE small */

        if (!p || !q) {
            free(p);
            free(q);
            need(b, NULL, "malloc");
        }
        bench_escape(p);
        bench_escape(q);
        free(p);
        free(q);
    }
}

/* --- Out of memory ------------------------------------------------------- */

/* The third allocation of the timed loop fails (injected): the benchmark
 * reports it as a benchmark must, with bench_fail. */
static void BenchmarkOutOfMemory(bench *b)
{
    alloc_fail_at(3, false);
    for (int64_t i = 0; i < b->n; i++) {
        void *p = malloc(64);

        if (p == NULL) {
            alloc_fail_at(0, false);
            bench_fail(b, "malloc(64) failed at iteration %lld: %s",
                       (long long)i, strerror(errno));
        }
        bench_escape(p);
        free(p);
    }
    alloc_fail_at(0, false);
}

static const bench_def suite[] = {
    BENCH_DOC(Zero, "0 B/op 0 allocs/op"),
    BENCH_DOC(Malloc16, "16 B/op 1 allocs/op"),
    BENCH_DOC(Calloc, "100 B/op 1 allocs/op"),
    BENCH_DOC(ReallocGrow, "1008 B/op 2 allocs/op"),
    BENCH_DOC(AlignedAlloc, "128 B/op 1 allocs/op"),
    BENCH_DOC(Strdup, "6 B/op 1 allocs/op"),
    BENCH_DOC(Three, "60 B/op 3 allocs/op"),
    BENCH_DOC(Half, "8 B/op 0 allocs/op (0.5, truncated)"),
    BENCH_DOC(Late, "at n = 2000: 16 B/op 1 allocs/op 0 hooked"),
    BENCH_DOC(Thread, "32 B/op 1 allocs/op, from a second thread"),
    BENCH_DOC(Sites, "124 B/op 2 allocs/op at two sites"),
    BENCH_DOC(OutOfMemory, "fails: the third malloc returns NULL"),
    BENCH_END
};

int main(int argc, char **argv)
{
    return bench_main(argc, argv, suite);
}
