/*
 * runner_crash.c -- a suite whose benchmarks misbehave: segfault, abort,
 * exit, hang (forever, for -timeout), a sub-benchmark that crashes between
 * two good ones, one that leaves a process behind, and good benchmarks
 * around them all.  With isolation the
 * runner must report each bad one as a failure and keep every good result.
 */
#include <signal.h>
#include <stdlib.h>
#include <unistd.h>

#include "bench.h"

static void BenchmarkGoodFirst(bench *b)
{
    for (int64_t i = 0; i < b->n; i++)
        bench_clobber();
}

static void BenchmarkSegv(bench *b)
{
    volatile int *p = bench_opaque((int *)NULL);

    if (b->n > 0)
        *p = 1;
}

static void BenchmarkAbort(bench *b)
{
    (void)b;
    abort();
}

static void BenchmarkExit(bench *b)
{
    /* Crash only once the ramp is under way: the first run passes. */
    if (b->n > 1)
        exit(3);
}

static void BenchmarkHang(bench *b)
{
    (void)b;
    for (;;)
        pause();
}

static void good(bench *b)
{
    for (int64_t i = 0; i < b->n; i++)
        bench_clobber();
}

static void crash(bench *b)
{
    (void)b;
    raise(SIGSEGV);
}

static void BenchmarkMixed(bench *b)
{
    bench_run(b, "before", good);
    bench_run(b, "crash", crash);
    bench_run(b, "after", good);
}

static void BenchmarkDaemon(bench *b)
{
    /* Leaves a process behind that holds the runner's pipe for 3 s: the
     * runner must not wait for it. */
    static int started;

    if (!started) {
        started = 1;
        if (fork() == 0) {
            /* Not the test's stdout: only the runner's pipe is held. */
            close(0);
            close(1);
            close(2);
            sleep(3);
            _exit(0);
        }
    }
    for (int64_t i = 0; i < b->n; i++)
        bench_clobber();
}

static void BenchmarkGoodLast(bench *b)
{
    for (int64_t i = 0; i < b->n; i++)
        bench_clobber();
}

static const bench_def suite[] = {
    BENCH(GoodFirst), BENCH(Segv), BENCH(Abort), BENCH(Exit), BENCH(Hang),
    BENCH(Mixed), BENCH(Daemon), BENCH(GoodLast), BENCH_END,
};

int main(int argc, char **argv)
{
    return bench_main(argc, argv, suite);
}
