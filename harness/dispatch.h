/*
 * dispatch.h -- where a benchmark runs: in a child process (the default),
 * in the worker process (-shuffle, -ci), or in this one (-isolate=false).
 *
 * The scheduler (schedule.h) says what to run; dispatch starts it where
 * -isolate says, with the measuring side's context (measure.h) set up for
 * that process, routes the messages to the writing side (results.h), and
 * turns a child's crash, exit or hang into a failure of the benchmark it
 * was running (isolate.h does the processes).  Internal: not installed.
 */
#ifndef ESCBENCH_DISPATCH_H
#define ESCBENCH_DISPATCH_H

#include <stdbool.h>

#include "bench.h"
#include "measure.h"
#include "results.h"

/* The two sides of a run, as the runner sets them up: the writing side
 * lives in this process; the measuring side's context is used here
 * (-isolate=false) or copied into each child when it is forked. */
struct dispatch {
    const struct bench_opts *o;         /* the flags */
    struct results *res;                /* the writing side */
    struct measure *meas;               /* the measuring side */
    const bench_def *top;               /* the child's benchmark (dispatch.c) */
    bool worker_ready;                  /* in the worker: its first job ran */
};

/* dispatch_inproc_emit is the emitter of the measuring side without
 * children (ctx: the struct dispatch *): it re-arms -timeout and delivers
 * the message to the writing side. */
void dispatch_inproc_emit(void *ctx, int kind, const char *text, size_t len);

/* dispatch_selected reports whether -bench selects top-level benchmark d
 * (fully or partially); running out of memory stops the run. */
bool dispatch_selected(struct dispatch *dp, const bench_def *d);

/* dispatch_top runs top-level benchmark d (finding its leaves only, with
 * `discover`): here, or in child processes until all of it has run (after
 * a crash, a new child skips what is done and what crashed).  Returns false
 * when the run must stop: interrupted, or the writing side stopped. */
bool dispatch_top(struct dispatch *dp, const bench_def *d, bool discover);

/* How a job of the worker ended. */
enum dispatch_end {
    DISPATCH_RAN,                       /* ran (and may have failed) */
    DISPATCH_LOST,                      /* the worker crashed, exited or hung */
    DISPATCH_INTERRUPTED,               /* SIGINT or SIGTERM */
};

/* dispatch_job runs one repetition of leaf l (only the path from its
 * top-level benchmark to it): in the worker process for l's key (isolate.h,
 * iso_job), or here.  A worker lost is reported as a failure of the
 * benchmark it was running. */
enum dispatch_end dispatch_job(struct dispatch *dp, struct leaf *l);

/* dispatch_end stops the workers. */
void dispatch_end(struct dispatch *dp);

/* dispatch_interrupted: the runner got SIGINT or SIGTERM. */
bool dispatch_interrupted(void);

#endif
