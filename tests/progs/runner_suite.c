/*
 * runner_suite.c -- a small, well-behaved suite for the runner's tests:
 * a plain loop, sub-benchmarks (with names Go rewrites and uniquifies),
 * bytes per op, custom metrics, allocations, failure, skip and logging.
 */
#include <stdlib.h>
#include <string.h>

#include "bench.h"

static void BenchmarkSum(bench *b)
{
    int64_t s = 0;

    for (int64_t i = 0; i < b->n; i++)
        s += bench_opaque(i);
    bench_keep(s);
}

static void leaf(bench *b)
{
    for (int64_t i = 0; i < b->n; i++)
        bench_clobber();
}

static void sized(bench *b, void *arg)
{
    size_t size = *(size_t *)arg;
    char *buf = malloc(size);

    if (buf == NULL)
        bench_fail(b, "out of memory");
    bench_set_bytes(b, (int64_t)size);
    bench_reset_timer(b);
    for (int64_t i = 0; i < b->n; i++) {
        memset(buf, (int)i, size);
        bench_escape(buf);
    }
    free(buf);
}

static void BenchmarkSub(bench *b)
{
    static size_t sizes[] = {64, 4096};

    bench_run(b, "a", leaf);
    bench_run(b, "with space", leaf);
    bench_run(b, "a", leaf);                /* Sub/a#01 */
    bench_run_arg(b, "size=64", sized, &sizes[0]);
    bench_run_arg(b, "size=4096", sized, &sizes[1]);
}

static void BenchmarkMetric(bench *b)
{
    for (int64_t i = 0; i < b->n; i++)
        bench_clobber();
    bench_report_metric(b, 3.0, "widgets/op");
    bench_report_metric(b, 0.5, "apples/op");
}

static void BenchmarkAlloc(bench *b)
{
    /* 16 bytes and one allocation per op, set-up excluded by the timer. */
    void *keep;

    bench_stop_timer(b);
    keep = malloc(1000);
    bench_escape(keep);
    bench_start_timer(b);
    for (int64_t i = 0; i < b->n; i++) {
        void *p = malloc(16);
        bench_escape(p);
        free(p);
    }
    bench_stop_timer(b);
    free(keep);
}

static void BenchmarkFail(bench *b)
{
    if (b->n > 0)
        bench_fail(b, "failing on purpose with n=%lld", (long long)b->n);
}

static void BenchmarkSkip(bench *b)
{
    bench_skip(b, "nothing to measure here");
}

static void BenchmarkLog(bench *b)
{
    for (int64_t i = 0; i < b->n; i++)
        bench_clobber();
    bench_logf(b, "ran %s", bench_name(b));
}

static const bench_def suite[] = {
    BENCH_DOC(Sum, "adds the integers below n"),
    BENCH(Sub),
    BENCH(Metric),
    BENCH(Alloc),
    BENCH(Fail),
    BENCH(Skip),
    BENCH(Log),
    BENCH_END,
};

int main(int argc, char **argv)
{
    return bench_main(argc, argv, suite);
}
