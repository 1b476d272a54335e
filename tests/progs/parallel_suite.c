/*
 * parallel_suite.c -- benchmarks that check bench_run_parallel from inside:
 * the iterations of all threads add up to b->n, every batch is within the
 * grain and the grain within Go's bounds, P threads ran (reported as the
 * metric threads/run, so the test reads P from the line); a malloc(16) per
 * op in the threads; a thread that crashes, one that calls bench_fail, a
 * body that stops early; bench_cleanup's order (written to stderr, which
 * the test reads) and bench_elapsed.  tests/harness-parallel.t drives it.
 */
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bench.h"

/* --- the split of n ------------------------------------------------------ */

struct split {
    _Atomic int64_t iters;              /* iterations run, all threads */
    _Atomic int threads;                /* bodies run */
    _Atomic int bad_batch;              /* a batch above the grain, or a grain out of [1, 1e4] */
};

static void split_body(bench_pb *pb, void *arg)
{
    struct split *sp = arg;
    int64_t mine = 0;
    uint64_t batch = 0, last_cache = 0;

    if (pb->grain < 1 || pb->grain > 10000)
        atomic_store(&sp->bad_batch, 1);
    while (bench_pb_next(pb)) {
        mine++;
        /* A new batch starts where the cache went up. */
        if (pb->cache + 1 > last_cache || batch == 0)
            batch = pb->cache + 1;
        if (batch > pb->grain)
            atomic_store(&sp->bad_batch, 1);
        last_cache = pb->cache;
        bench_clobber();
    }
    atomic_fetch_add(&sp->iters, mine);
    atomic_fetch_add(&sp->threads, 1);
}

/* BenchmarkSplit: every iteration runs once, P threads ran. */
static void BenchmarkSplit(bench *b)
{
    struct split sp = { 0, 0, 0 };

    bench_run_parallel(b, split_body, &sp);
    if (atomic_load(&sp.iters) != b->n)
        bench_fail(b, "threads ran %lld iterations, want b->n = %lld",
                   (long long)atomic_load(&sp.iters), (long long)b->n);
    if (atomic_load(&sp.bad_batch))
        bench_fail(b, "a batch above the grain or a grain out of [1, 10000]");
    bench_report_metric(b, atomic_load(&sp.threads), "threads/run");
}

/* BenchmarkSplitTimes3: bench_set_parallelism(3) gives 3 P threads. */
static void BenchmarkSplitTimes3(bench *b)
{
    bench_set_parallelism(b, 3);
    bench_set_parallelism(b, 0);        /* ignored, as Go's p < 1 */
    BenchmarkSplit(b);
}

/* --- allocation counting in the threads ---------------------------------- */

static void malloc_body(bench_pb *pb, void *arg)
{
    (void)arg;
    while (bench_pb_next(pb)) {
        void *p = malloc(16);
        bench_escape(p);
        free(p);
    }
}

static void BenchmarkMalloc16(bench *b)
{
    bench_run_parallel(b, malloc_body, NULL);
}

/* --- failures in the threads --------------------------------------------- */

/* The benchmark's own thread runs one of the bodies; the failures below
 * happen in another one, a pool thread. */
static pthread_t bench_thread;

static void crash_body(bench_pb *pb, void *arg)
{
    (void)arg;
    /* A pool thread crashes once the ramp is under way. */
    if (!pthread_equal(pthread_self(), bench_thread) && pb->bn > 1)
        raise(SIGSEGV);
    while (bench_pb_next(pb))
        bench_clobber();
}

static void BenchmarkCrash(bench *b)
{
    bench_thread = pthread_self();
    bench_run_parallel(b, crash_body, NULL);
}

static void fail_body(bench_pb *pb, void *arg)
{
    bench *b = arg;

    if (!pthread_equal(pthread_self(), bench_thread))
        bench_fail(b, "a pool thread gave up at n=%llu", (unsigned long long)pb->bn);
    while (bench_pb_next(pb))
        bench_clobber();
}

static void BenchmarkFailInThread(bench *b)
{
    bench_thread = pthread_self();
    bench_run_parallel(b, fail_body, b);
    fprintf(stderr, "parallel_suite: not reached after a failing thread\n");
}

static void early_body(bench_pb *pb, void *arg)
{
    (void)arg;
    (void)bench_pb_next(pb);            /* one iteration, then gone */
}

static void BenchmarkEarlyExit(bench *b)
{
    bench_run_parallel(b, early_body, NULL);
}

static void BenchmarkGood(bench *b)
{
    for (int64_t i = 0; i < b->n; i++)
        bench_clobber();
}

/* --- bench_cleanup and bench_elapsed ------------------------------------- */

static void say(void *arg)
{
    fprintf(stderr, "cleanup %s\n", (const char *)arg);
}

static void fail_cleanup(void *arg)
{
    bench_fail(arg, "a cleanup failed");
}

static void cleanup_sub(bench *b)
{
    bench_cleanup(b, say, "sub first");
    bench_cleanup(b, say, "sub second");
    for (int64_t i = 0; i < b->n; i++)
        bench_clobber();
}

static void BenchmarkCleanup(bench *b)
{
    bench_cleanup(b, say, "parent first");
    bench_run(b, "sub", cleanup_sub);
    bench_cleanup(b, say, "parent second");
}

static const char *const many_names[] = {"m0", "m1", "m2", "m3", "m4", "m5", "m6", "m7",
                                         "m8", "m9", "m10", "m11"};

/* BenchmarkCleanupMany: more cleanups than the fixed stack holds, and one
 * that fails in the middle; the others still run. */
static void BenchmarkCleanupMany(bench *b)
{
    for (int i = 0; i < 12; i++) {
        bench_cleanup(b, say, (void *)many_names[i]);
        if (i == 5)
            bench_cleanup(b, fail_cleanup, b);
    }
    for (int64_t i = 0; i < b->n; i++)
        bench_clobber();
}

static int64_t spin_ns(int64_t ns)
{
    struct timespec t0, t1;
    int64_t d;

    clock_gettime(CLOCK_MONOTONIC, &t0);
    do {
        clock_gettime(CLOCK_MONOTONIC, &t1);
        d = (t1.tv_sec - t0.tv_sec) * 1000000000 + (t1.tv_nsec - t0.tv_nsec);
    } while (d < ns);
    return d;
}

/* BenchmarkElapsed: what bench_elapsed says, with the timer on and off. */
static void BenchmarkElapsed(bench *b)
{
    struct timespec nap = { 0, 20000000 };
    int64_t e0, e1, e2;

    bench_reset_timer(b);
    e0 = bench_elapsed(b);
    spin_ns(2000000);
    e1 = bench_elapsed(b);
    bench_stop_timer(b);
    nanosleep(&nap, NULL);
    e2 = bench_elapsed(b);
    bench_start_timer(b);
    if (e0 < 0 || e0 > 1000000)
        bench_fail(b, "elapsed %lld ns right after a reset", (long long)e0);
    if (e1 - e0 < 2000000)
        bench_fail(b, "elapsed grew %lld ns over a 2 ms spin", (long long)(e1 - e0));
    if (e2 - e1 > 1000000)
        bench_fail(b, "elapsed grew %lld ns while the timer was stopped", (long long)(e2 - e1));
}

static const bench_def suite[] = {
    BENCH(Split),
    BENCH(SplitTimes3),
    BENCH(Malloc16),
    BENCH(Crash),
    BENCH(FailInThread),
    BENCH(EarlyExit),
    BENCH(Good),
    BENCH(Cleanup),
    BENCH(CleanupMany),
    BENCH(Elapsed),
    BENCH_END,
};

int main(int argc, char **argv)
{
    return bench_main(argc, argv, suite);
}
