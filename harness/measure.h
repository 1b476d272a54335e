/*
 * measure.h -- Go's flow for one benchmark: the b.N ramp, -count, -cpu,
 * sub-benchmarks, and the messages that report it.
 *
 * measure_top runs a top-level benchmark as `go test -bench` does
 * (src/testing/benchmark.go, Go 1.19-1.21): run1 with n = 1; a benchmark
 * that called bench_run in it is a parent and is not measured; a leaf is
 * then run with growing n until a run lasts -benchtime (launch, ramp.h),
 * -count times for each -cpu value, and each final run is one result line.
 * Everything it finds out goes to the context's emitter as messages
 * (message.h): the caller decides whether they cross a pipe (a child
 * process, isolate.h) or go straight to the writer (results.h), or, in a
 * test, are recorded.  It runs in the process that measures; it never
 * forks, prints or exits.  Internal: not installed.
 */
#ifndef ESCBENCH_MEASURE_H
#define ESCBENCH_MEASURE_H

#include <stdbool.h>
#include <stddef.h>

#include "bench.h"
#include "bench_int.h"
#include "flags.h"
#include "match.h"
#include "message.h"
#include "strlist.h"

/* The measuring side of one process.  The caller fills it (measure_init,
 * then the fields it needs); a forked child works on its copy. */
struct measure {
    struct bench_ctx h;                 /* what the handles share (bench_int.h) */
    const struct bench_opts *o;         /* the flags */
    const char *prog;                   /* program name for messages */
    matcher *m;                         /* -bench */
    int ext_len;                        /* strlen("-P") of the largest P, 0 when 1 */
    int max_len;                        /* width of the name column */
    const strlist *done;                /* benchmarks not to run (done, crashed): the
                                           writing side's list (a child's copy) */
    bool discover;                      /* find the leaves (M_LEAF), do not measure */
    const char *target;                 /* run only this leaf, once, or NULL */
    int target_procs;                   /* and only with this -cpu value (0: each) */
    bool notes_sent;                    /* the counters' notes were sent already */
    bool stop;                          /* the counters could not be opened */
    msg_emit emit;                      /* where the messages go */
    void *emit_ctx;
};

/* measure_init fills m for flags o, program prog, -bench matcher mt and the
 * done list (all kept by pointer, owned by the caller), emitting through
 * emit(emit_ctx, ...); ext_len and max_len start at 0, the first -cpu value
 * is in effect, nothing is targeted. */
void measure_init(struct measure *m, const struct bench_opts *o, const char *prog,
                  matcher *mt, const strlist *done, msg_emit emit, void *emit_ctx);

/* measure_open_counters opens the -counters set in this process and emits
 * its notes (M_NOTE..., M_NOTES_END) unless m->notes_sent; when the set
 * cannot be opened it emits M_USAGE and sets m->stop.  measure_close_counters
 * closes it. */
void measure_open_counters(struct measure *m);
void measure_close_counters(struct measure *m);

/* measure_top runs top-level benchmark d as go test does: run1, then
 * -count repetitions of each leaf for each -cpu value; with m->discover it
 * only finds the leaves (M_LEAF), with m->target it runs one repetition of
 * that leaf only.  A benchmark not selected by -bench, done, or off the
 * target's path is not run. */
void measure_top(struct measure *m, const bench_def *d);

/* The built-in benchmarks (Empty: an empty loop, the harness's own cost per
 * iteration), ended by BENCH_END. */
extern const bench_def measure_builtin[];

#endif
