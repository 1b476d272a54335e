/*
 * runner_int.h -- what the runner's files share (runner.c: bench_main and the
 * writing of results; flow.c: the benchmark handle and Go's flow of one
 * benchmark; plan.c: -ci and -shuffle).  Internal: not part of the harness
 * API, not installed.
 */
#ifndef ESCBENCH_RUNNER_INT_H
#define ESCBENCH_RUNNER_INT_H

#include <setjmp.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "bench.h"
#include "counters.h"
#include "flags.h"
#include "format.h"
#include "match.h"

/* Messages from the code running benchmarks to the code writing results
 * (through the pipe when isolated, by a direct call otherwise). */
enum {
    M_OUT = 'O',                        /* text for the results (stdout, -o) */
    M_ERR = 'E',                        /* text for stderr */
    M_NOTE = 'N',                       /* a note for the head of the results */
    M_NOTES_END = 'n',                  /* no more notes from this child */
    M_CUR = 'C',                        /* the benchmark now running */
    M_DONE = 'D',                       /* a benchmark finished: do not rerun */
    M_MAXLEN = 'M',                     /* the name column grew */
    M_FAIL = 'F',                       /* a benchmark failed */
    M_USAGE = 'U',                      /* a usage error found in the child */
    M_LEAF = 'L',                       /* -ci, -shuffle: a leaf found */
    M_SAMPLE = 'S',                     /* name, ns/op, migrated: for the warnings */
    M_FATAL = 'X',                      /* the runner cannot go on (out of memory) */
};

#define OUTPUT_MAX_LINES 10             /* Go's trimOutput */

struct bench_state {
    bench b;                            /* the handle the function receives */
    char *name;                         /* full name, no -P suffix; owned */
    struct bench_state *parent;         /* NULL for a top-level benchmark */
    bench_fn fn;                        /* the function, or */
    bench_fn_arg fna;                   /* the function taking arg */
    void *arg;
    int64_t n;                          /* iterations of the current run */
    bool timer_on;
    int64_t start_ns;                   /* clock when the timer last started */
    int64_t duration_ns;                /* timed so far in this run */
    uint64_t net_allocs, net_bytes;     /* counted in the timed region */
    int64_t bytes;                      /* bench_set_bytes */
    bool show_allocs;                   /* bench_report_allocs */
    bool has_sub;                       /* called bench_run: a parent */
    bool failed, skipped, finished;
    int nextra;                         /* bench_report_metric values */
    struct fmt_metric extra[FMT_EXTRA_MAX];
    long long *ctr_vals;                /* counter totals of the last batch */
    bool ctr_valid;                     /* ctr_vals hold the last batch */
    bool warned_fast, warned_cap;       /* said once per benchmark, not per -count */
    char *out;                          /* log and failure text, "    msg\n" */
    size_t outlen, outcap;
    jmp_buf jb;                         /* bench_fail/bench_skip return here */
    int64_t prev_n, prev_dur_ns;        /* the run before: Go's previousN, previousDuration */
    int parallelism;                    /* bench_set_parallelism (1) */
    bool ran_parallel;                  /* this run called bench_run_parallel */
    struct bench_cleanup_fn {
        void (*fn)(void *);
        void *arg;
    } *cleanups;                        /* bench_cleanup's stack, NULL until used */
    int ncleanup, cleanup_cap;
};

/* The runner: one per process (a child has its copy). */
struct runner {
    struct bench_opts o;
    const char *prog;                   /* program name for messages */
    matcher *m;                         /* -bench */
    int procs;                          /* the -cpu value in effect: the -P suffix */
    int ext_len;                        /* strlen("-P") of the largest P, 0 when 1 */
    int max_len;                        /* width of the name column */
    counters *ctr;                      /* open in the process that runs */
    int nctr;
    struct bench_state *ctr_owner;      /* whose batch the counters count */
    bool header_done, notes_done;
    char **notes;                       /* counters notes for the head */
    size_t nnotes;
    char **skip;                        /* benchmarks done (or crashed) */
    size_t nskip;
    char *current;                      /* last M_CUR */
    bool failed;                        /* some benchmark failed */
    bool stop;                          /* writing failed or usage error */
    int stop_status;
    char stop_msg[512];
    bool discover;                      /* find the leaves, do not measure */
    const char *target;                 /* run only this leaf, once */
    int target_procs;                   /* and only with this -cpu value (0: each) */
    const bench_def *cur_top;           /* top-level being discovered */
    struct leaf *leaves;                /* every leaf seen, with its samples */
    size_t nleaves;
    char **hnotes;                      /* more '#' lines for the head */
    size_t nhnotes;
};

/* A leaf benchmark as the writing process knows it: its ns/op samples, and
 * for -ci and -shuffle, what its top-level is and how far it got. */
struct leaf {
    char *name;                         /* full name, no -P */
    int procs;                          /* the -cpu value it runs with */
    const bench_def *top;               /* its top-level benchmark */
    double *xs;                         /* ns/op of each result */
    size_t n, cap;
    long migrated;                      /* results measured across a CPU move */
    int64_t spent_ns;                   /* wall time of its runs */
    char *key;                          /* what its runs change in a worker (isolate.h) */
    bool dead;                          /* failed or crashed: no more runs */
    bool done;                          /* -ci reached */
};

/* The runner's state, defined in runner.c; R is its short name inside the
 * runner's files only. */
extern struct runner runner_state;
#define R runner_state

/* --- runner.c -------------------------------------------------------------- */

/* runner_emit hands a message to the writer: through the pipe in a child,
 * by a direct call otherwise; runner_emitf formats it first. */
void runner_emit(int kind, const char *text, size_t len);
void runner_emitf(int kind, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* runner_deliver acts on one message in the process that writes results
 * (the iso_deliver of isolate.h). */
void runner_deliver(void *ctx, int kind, const char *text, size_t len);
/* runner_header writes the config lines and notes once; runner_write_out
 * writes results text, and a failure stops the run. */
void runner_header(void);
void runner_write_out(const char *text, size_t len, bool result);
/* The benchmarks not to run again: done, or crashed (for a new child). */
bool runner_skip_has(const char *name);
bool runner_skip_add(const char *name, size_t len);
void runner_skip_clear(void);
/* runner_on_path: with a target leaf (R.target), only it and its parents run. */
bool runner_on_path(const char *name);
/* runner_selected: -bench selects top-level benchmark d. */
bool runner_selected(const bench_def *d);
/* runner_run_isolated runs top-level d in child processes until all of it
 * has run; false when the run must stop. */
bool runner_run_isolated(const bench_def *d);

/* --- flow.c ---------------------------------------------------------------- */

/* The built-in benchmarks (Empty), ended by BENCH_END. */
extern const bench_def flow_builtin[];
/* flow_run_top runs one top-level benchmark as go test does (run1, then
 * -count repetitions of each leaf), or finds its leaves (R.discover), or
 * runs one repetition of R.target. */
void flow_run_top(const bench_def *d);
/* flow_child_body is what a child process runs: flow_run_top(arg). */
void flow_child_body(void *arg);
/* flow_worker_job is what the worker (iso_job) runs: one repetition of leaf
 * R.leaves[job]. */
void flow_worker_job(void *arg, uint32_t job);
/* flow_open_counters opens the -counters set in this process and sends its
 * notes once. */
void flow_open_counters(void);

/* --- parallel.c ------------------------------------------------------------ */

/* par_grain is Go's RunParallel grain: iterations of about 100 us at the
 * previous run's speed, 1 without one, at most 10000. */
uint64_t par_grain(int64_t prev_n, int64_t prev_dur_ns);
/* par_log_lock/unlock guard a benchmark's log and failure flags, which the
 * threads of bench_run_parallel may write at once. */
void par_log_lock(void);
void par_log_unlock(void);
/* par_on_worker: the calling thread runs a body of bench_run_parallel;
 * par_worker_exit ends that body (bench_fail, bench_skip there). */
bool par_on_worker(void);
_Noreturn void par_worker_exit(void);

/* --- plan.c ---------------------------------------------------------------- */

/* plan_run runs the selected benchmarks for -shuffle and -ci; false when
 * interrupted. */
bool plan_run(const bench_def *const tables[2]);
/* plan_report ends the results with the -ci outcome and the warnings. */
void plan_report(void);

#endif
