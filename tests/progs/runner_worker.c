/*
 * runner_worker.c -- a suite for the worker process of -shuffle and -ci
 * (tests/harness-worker.t): each result reports the pid of the process that
 * measured it, one benchmark crashes in its first timed repetition, one
 * hangs there, and two taint their process.
 */
#include <stdint.h>
#include <unistd.h>

#include "bench.h"

/* spin runs n iterations and reports the process id as "pid". */
static void spin(bench *b)
{
    for (int64_t i = 0; i < b->n; i++)
        bench_clobber();
    bench_report_metric(b, (double)getpid(), "pid");
}

static void BenchmarkA(bench *b)
{
    spin(b);
}

static void BenchmarkB(bench *b)
{
    spin(b);
}

/* Change their process for good (as a mallopt would), in two ways: only
 * runs of the same change may share its process. */
static void BenchmarkTaint(bench *b)
{
    bench_process_tainted(b, "test: one way");
    spin(b);
}

static void BenchmarkTaint2(bench *b)
{
    bench_process_tainted(b, "test: another way");
    spin(b);
}

/* Passes run1 (n = 1), which finds the leaves; hangs when timed. */
static void BenchmarkHang(bench *b)
{
    if (b->n > 1)
        for (;;)
            pause();
}

/* Passes run1 (n = 1), which finds the leaves; crashes when timed. */
static void BenchmarkSegv(bench *b)
{
    volatile int *p = bench_opaque((int *)NULL);

    if (b->n > 1)
        *p = 1;
}

static const bench_def suite[] = {
    BENCH(A), BENCH(Segv), BENCH(B), BENCH(Taint), BENCH(Taint2), BENCH(Hang), BENCH_END,
};

int main(int argc, char **argv)
{
    return bench_main(argc, argv, suite);
}
