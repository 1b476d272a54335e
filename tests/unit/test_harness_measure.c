/*
 * test_harness_measure.c -- Go's flow for one benchmark (measure.c), run in
 * this process with a recording emitter and a clock the benchmarks move:
 * the exact messages (kind and text, in order) and the exact n of every run
 * of the function, for the b.N ramp (src/testing/benchmark.go: run1,
 * launch, predictN), -benchtime Nx, -count, the untimed count pass of an
 * allocating benchmark and the time pass of one that allocates only after
 * run1, sub-benchmarks, failures, skips, -bench on a sub-benchmark, and the
 * discovery and target modes of -shuffle and -ci.
 *
 * The clock: this file defines clock_now_ns (and the rest of clock.h), so
 * the harness's clock.o is not linked in.  It moves only when a benchmark
 * moves it (`fake_now += cost` per iteration), so durations, and with them
 * every n the ramp picks, are exact.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "bench.h"
#include "clock.h"
#include "flags.h"
#include "match.h"
#include "measure.h"
#include "message.h"
#include "strlist.h"
#include "../tap.h"

static int64_t fake_now;

int64_t clock_now_ns(void)
{
    return fake_now;
}

int64_t clock_thread_cpu_ns(void)
{
    return fake_now;
}

const char *clock_name(void)
{
    return "fake clock (test_harness_measure)";
}

/* --- the recording emitter ------------------------------------------------ */

#define MAX_MSGS 256
#define MAX_RUNS 64

static char *msgs[MAX_MSGS];            /* "K text", K the kind's letter */
static int nmsgs;
static int64_t runs[MAX_RUNS];          /* b->n of each call of a function */
static int nruns;

static void record(void *ctx, int kind, const char *text, size_t len)
{
    char *m = malloc(len + 3);

    (void)ctx;
    if (m == NULL || nmsgs == MAX_MSGS)
        abort();
    m[0] = (char)kind;
    m[1] = ' ';
    memcpy(m + 2, text, len);
    m[len + 2] = '\0';
    msgs[nmsgs++] = m;
}

static void note_run(const bench *b)
{
    if (nruns < MAX_RUNS)
        runs[nruns++] = b->n;
}

static void reset(void)
{
    for (int i = 0; i < nmsgs; i++)
        free(msgs[i]);
    nmsgs = 0;
    nruns = 0;
}

/* expect_msgs checks the recorded messages against want[] (NULL-ended). */
static void expect_msgs(const char *const *want, const char *what)
{
    int n = 0;

    while (want[n] != NULL)
        n++;
    is_int(nmsgs, n, "%s: %d messages", what, n);
    for (int i = 0; i < n && i < nmsgs; i++)
        is_str(msgs[i], want[i], "%s: message %d", what, i + 1);
    for (int i = n; i < nmsgs; i++)
        tap_diag("extra message: %s", msgs[i]);
}

/* expect_runs checks the n of each run against want[0..n). */
static void expect_runs(const int64_t *want, int n, const char *what)
{
    char got[512] = "", exp[512] = "";

    for (int i = 0; i < nruns; i++)
        snprintf(got + strlen(got), sizeof got - strlen(got), "%s%lld", i ? "," : "",
                 (long long)runs[i]);
    for (int i = 0; i < n; i++)
        snprintf(exp + strlen(exp), sizeof exp - strlen(exp), "%s%lld", i ? "," : "",
                 (long long)want[i]);
    is_str(got, exp, "%s: the n of each run", what);
}

/* --- benchmarks -------------------------------------------------------- */

/* 1 us per iteration, no allocation. */
static void BenchmarkCost1us(bench *b)
{
    note_run(b);
    for (int64_t i = 0; i < b->n; i++)
        fake_now += 1000;
}

/* One malloc(16) + free per iteration; 10 us per iteration in its first
 * four runs (run1 and the ramp), 30 us in any later run (the count pass),
 * whose time must not be the result's. */
static void BenchmarkMalloc16(bench *b)
{
    int64_t cost = nruns < 4 ? 10000 : 30000;

    note_run(b);
    for (int64_t i = 0; i < b->n; i++) {
        free(bench_opaque(malloc(16)));
        fake_now += cost;
    }
}

/* Allocates (malloc(32) + free each iteration) only when n > 1, so run1
 * sees none; 10 us per iteration in its first four runs, 20 us in any
 * later run (the time pass, whose time is the result's). */
static void BenchmarkLateAlloc(bench *b)
{
    int64_t cost = nruns < 4 ? 10000 : 20000;

    note_run(b);
    for (int64_t i = 0; i < b->n; i++) {
        if (b->n > 1)
            free(bench_opaque(malloc(32)));
        fake_now += cost;
    }
}

/* Fails once n passes 100. */
static void BenchmarkFailLate(bench *b)
{
    note_run(b);
    fake_now += 1000 * b->n;
    if (b->n > 100)
        bench_fail(b, "n=%lld is too many", (long long)b->n);
}

static void BenchmarkSkipped(bench *b)
{
    note_run(b);
    bench_logf(b, "a log line");
    bench_skip(b, "not here");
}

/* A parent of two leaves, the second failing at once. */
static void sub_fails(bench *b)
{
    note_run(b);
    bench_fail(b, "broken");
}

static void BenchmarkParent(bench *b)
{
    note_run(b);
    bench_run(b, "fast", BenchmarkCost1us);
    bench_run(b, "bad", sub_fails);
}

static const bench_def d_cost = BENCH(Cost1us);
static const bench_def d_malloc = BENCH(Malloc16);
static const bench_def d_late = BENCH(LateAlloc);
static const bench_def d_fail = BENCH(FailLate);
static const bench_def d_skip = BENCH(Skipped);
static const bench_def d_parent = BENCH(Parent);

/* --- set-up ---------------------------------------------------------------- */

static struct bench_opts o;
static strlist done;
static struct measure m;
static matcher *mt;

/* setup makes a measuring context as bench_main would for -bench
 * `pattern`, -cpu 2, no counters, the name column 40 wide. */
static void setup(const char *pattern)
{
    char err[256];

    reset();
    if (mt != NULL)
        match_free(mt);
    flags_defaults(&o);
    o.bench = pattern;
    o.cpus[0] = 2;
    o.ncpu = 1;
    o.counters = "none";
    mt = match_new(pattern, "-bench", err, sizeof err);
    if (mt == NULL)
        abort();
    measure_init(&m, &o, "escbench", mt, &done, record, NULL);
    m.ext_len = 2;                      /* strlen("-2") */
    m.max_len = 40;
}

int main(void)
{
    /* Under the sanitizers nothing is counted, and ESCBENCH_ALLOC_INLINE=1
     * counts in the timed runs: the passes of allocating benchmarks differ
     * then, the rest does not. */
    const char *no_counts = !alloc_counting_available()
                                ? "allocations are not counted in this build (sanitizers)"
                            : !alloc_count_separate()
                                ? "ESCBENCH_ALLOC_INLINE=1 counts in the timed runs"
                                : NULL;

    /* The ramp at -benchtime 1s, 1 us/op: run1 (n = 1, 1 us), then Go's
     * predictN at most 100x the last n: 100, 10000, then 1e9 * 1e4 / 1e7 *
     * 1.2 = 1.2e6 capped at 100x = 1e6, which lasts 1 s: done.  Nothing is
     * allocated, so counting stayed on inline and no extra pass runs. */
    setup(".");
    measure_top(&m, &d_cost);
    {
        static const int64_t want[] = {1, 100, 10000, 1000000};
        static const char *const msgs_want[] = {
            "C BenchmarkCost1us",
            "O BenchmarkCost1us-2                      \t 1000000\t      1000 ns/op\t       0 B/op\t       0 allocs/op\n",
            "S BenchmarkCost1us\t2\t1000\t0",
            "D BenchmarkCost1us",
            NULL,
        };
        expect_runs(want, 4, "ramp");
        expect_msgs(msgs_want, "ramp");
    }

    /* -benchtime 5x: run1, then exactly 5. */
    setup(".");
    o.benchtime_n = 5;
    measure_top(&m, &d_cost);
    {
        static const int64_t want[] = {1, 5};
        expect_runs(want, 2, "-benchtime 5x");
        is_str(nmsgs > 1 ? msgs[1] : NULL,
               "O BenchmarkCost1us-2                      \t       5\t      1000 ns/op\t       0 B/op\t       0 allocs/op\n",
               "-benchtime 5x: the result of the run of 5");
    }

    /* -benchtime 1x reports run1 itself. */
    setup(".");
    o.benchtime_n = 1;
    measure_top(&m, &d_cost);
    {
        static const int64_t want[] = {1};
        expect_runs(want, 1, "-benchtime 1x");
    }

    /* -count 2: each repetition starts again from run1. */
    setup(".");
    o.count = 2;
    o.benchtime_n = 3;
    measure_top(&m, &d_cost);
    {
        static const int64_t want[] = {1, 3, 1, 3};
        expect_runs(want, 4, "-count 2");
        is_int(nmsgs, 6, "-count 2: C, two result lines and samples, D");
    }

    if (no_counts != NULL) {
        ok(1, "count pass, -benchmem=false, time pass # SKIP %s", no_counts);
    } else {
        /* An allocating benchmark: run1 counted one allocation, so the ramp and
         * the timed run go with counting off, and a count pass at the final n
         * (1 -> 100 -> 10000 -> 120000 at 10 us/op) counts 16 B and 1
         * allocation per op; the time is the timed run's (10000 ns/op), not the
         * count pass's (30000). */
        setup(".");
        measure_top(&m, &d_malloc);
        {
            static const int64_t want[] = {1, 100, 10000, 120000, 120000};
            static const char *const msgs_want[] = {
                "C BenchmarkMalloc16",
                "O BenchmarkMalloc16-2                     \t  120000\t     10000 ns/op\t      16 B/op\t       1 allocs/op\n",
                "S BenchmarkMalloc16\t2\t10000\t0",
                "D BenchmarkMalloc16",
                NULL,
            };
            expect_runs(want, 5, "count pass");
            expect_msgs(msgs_want, "count pass");
        }

        /* -benchmem=false: no B/op, so no count pass either. */
        setup(".");
        o.benchmem = false;
        measure_top(&m, &d_malloc);
        {
            static const int64_t want[] = {1, 100, 10000, 120000};
            expect_runs(want, 4, "-benchmem=false: no count pass");
            is_str(nmsgs > 1 ? msgs[1] : NULL,
                   "O BenchmarkMalloc16-2                     \t  120000\t     10000 ns/op\n",
                   "-benchmem=false: no B/op on the line");
        }

        /* Allocating only after run1: the ramp counted inline (run1 saw no
         * allocation), so the final n is timed again with counting off (the
         * time pass, 20 us/op here); the counts are the inline run's: 32 B, 1
         * allocation. */
        setup(".");
        measure_top(&m, &d_late);
        {
            static const int64_t want[] = {1, 100, 10000, 120000, 120000};
            expect_runs(want, 5, "time pass");
            is_str(nmsgs > 1 ? msgs[1] : NULL,
                   "O BenchmarkLateAlloc-2                    \t  120000\t     20000 ns/op\t      32 B/op\t       1 allocs/op\n",
                   "time pass: counts of the inline run, time of the pass");
        }
    }

    /* A failure in the ramp: no result line, the failure block and M_FAIL. */
    setup(".");
    measure_top(&m, &d_fail);
    {
        static const int64_t want[] = {1, 100, 10000};
        static const char *const msgs_want[] = {
            "C BenchmarkFailLate",
            "O --- FAIL: BenchmarkFailLate-2\n",
            "O     n=10000 is too many\n",
            "D BenchmarkFailLate",
            "F ",
            NULL,
        };
        expect_runs(want, 3, "failure");
        expect_msgs(msgs_want, "failure");
    }

    /* A skip in run1, with its log. */
    setup(".");
    measure_top(&m, &d_skip);
    {
        static const char *const msgs_want[] = {
            "C BenchmarkSkipped",
            "O --- SKIP: BenchmarkSkipped\n",
            "O     a log line\n    not here\n",
            "D BenchmarkSkipped",
            NULL,
        };
        expect_msgs(msgs_want, "skip");
    }

    /* Sub-benchmarks: the parent runs once (n = 1) and is not measured;
     * each sub-benchmark has its own run1 and ramp; a failing one fails
     * the parent. */
    setup(".");
    o.benchtime_n = 2;
    measure_top(&m, &d_parent);
    {
        static const int64_t want[] = {1, 1, 2, 1};
        static const char *const msgs_want[] = {
            "C BenchmarkParent",
            "C BenchmarkParent/fast",
            "O BenchmarkParent/fast-2                  \t       2\t      1000 ns/op\t       0 B/op\t       0 allocs/op\n",
            "S BenchmarkParent/fast\t2\t1000\t0",
            "D BenchmarkParent/fast",
            "C BenchmarkParent",
            "C BenchmarkParent/bad",
            "O --- FAIL: BenchmarkParent/bad\n",
            "O     broken\n",
            "D BenchmarkParent/bad",
            "C BenchmarkParent",
            "O --- FAIL: BenchmarkParent\n",
            "D BenchmarkParent",
            "F ",
            NULL,
        };
        expect_runs(want, 4, "sub-benchmarks");
        expect_msgs(msgs_want, "sub-benchmarks");
    }

    /* -bench Parent/fast: the other sub-benchmark is not run. */
    setup("Parent/fast");
    o.benchtime_n = 2;
    measure_top(&m, &d_parent);
    measure_top(&m, &d_cost);           /* not selected: nothing */
    {
        static const int64_t want[] = {1, 1, 2};
        expect_runs(want, 3, "-bench Parent/fast");
        is_int(nmsgs, 7, "-bench Parent/fast: one leaf's messages and the parent's");
    }

    /* Discovery (-shuffle, -ci): run1 only, the leaves named. */
    setup(".");
    m.discover = true;
    measure_top(&m, &d_parent);
    {
        static const int64_t want[] = {1, 1, 1};
        static const char *const msgs_want[] = {
            "C BenchmarkParent",
            "C BenchmarkParent/fast",
            "L BenchmarkParent/fast",
            "D BenchmarkParent/fast",
            "C BenchmarkParent",
            "C BenchmarkParent/bad",
            "O --- FAIL: BenchmarkParent/bad\n",
            "O     broken\n",
            "D BenchmarkParent/bad",
            "C BenchmarkParent",
            "O --- FAIL: BenchmarkParent\n",
            "D BenchmarkParent",
            "F ",
            NULL,
        };
        expect_runs(want, 3, "discovery");
        expect_msgs(msgs_want, "discovery");
    }

    /* A target leaf: only its path runs, one repetition, even with -count. */
    setup(".");
    o.benchtime_n = 2;
    o.count = 5;
    m.target = "BenchmarkParent/fast";
    m.target_procs = 2;
    measure_top(&m, &d_parent);
    {
        static const int64_t want[] = {1, 1, 2};
        expect_runs(want, 3, "target");
    }

    /* Done benchmarks are not run again (a new child after a crash). */
    setup(".");
    {
        if (strlist_push(&done, "BenchmarkParent/bad") != 0)
            abort();
        o.benchtime_n = 2;
        measure_top(&m, &d_parent);
        strlist_release(&done);
        static const int64_t want[] = {1, 1, 2};
        expect_runs(want, 3, "done list");
    }

    /* A name longer than the column widens it (Go: + 8 of slack). */
    setup(".");
    m.max_len = 10;
    o.benchtime_n = 1;
    measure_top(&m, &d_cost);
    is_str(nmsgs > 1 ? msgs[1] : NULL, "M 27",
           "the name column grows after M_CUR: 16 + strlen(\"-2\") + 1 + 8");
    is_int(m.max_len, 27, "and the context keeps the width");

    reset();
    match_free(mt);
    return tap_done();
}
