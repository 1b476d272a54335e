/*
 * bench_int.h -- the benchmark handle's private side (bench.c): the state
 * behind each `bench *`, and what the measuring code (measure.c) and
 * bench_run_parallel (parallel.c) do with it.  Internal: not part of the
 * harness API, not installed.
 */
#ifndef ESCBENCH_BENCH_INT_H
#define ESCBENCH_BENCH_INT_H

#include <setjmp.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "alloc.h"
#include "bench.h"
#include "clock.h"
#include "counters.h"
#include "format.h"

#define OUTPUT_MAX_LINES 10             /* Go's trimOutput */

/* What the handles of one measuring process share: set up by the measuring
 * side (measure.h embeds it), read by the handle's functions. */
struct bench_ctx {
    bool json;                          /* -format json: time the thread's CPU too */
    int procs;                          /* the -cpu value in effect: the -P suffix */
    counters *ctr;                      /* -counters, open in this process, or NULL */
    int nctr;
    struct bench_state *ctr_owner;      /* whose batch the counters count */
    /* The timed region's thread CPU time under -format json (Google
     * Benchmark's cpu_time): one benchmark is timed at a time in a
     * process, so these live here rather than in bench_state. */
    int64_t cpu_start_ns, cpu_ns;
};

/* The state behind one benchmark handle.  Keep its heap block no bigger
 * (bench.c checks the size on x86-64 glibc): a bigger block moves the heap
 * under the page-fault counts of E5Buffer (docs/cases.md). */
struct bench_state {
    bench b;                            /* the handle the function receives */
    char *name;                         /* full name, no -P suffix; owned */
    struct bench_state *parent;         /* NULL for a top-level benchmark */
    struct bench_ctx *ctx;              /* the process's measuring context */
    bench_fn fn;                        /* the function, or */
    bench_fn_arg fna;                   /* the function taking arg */
    void *arg;
    int64_t n;                          /* iterations of the current run */
    int64_t start_ns;                   /* clock when the timer last started */
    int64_t duration_ns;                /* timed so far in this run */
    uint64_t net_allocs, net_bytes;     /* counted in the timed region */
    int64_t bytes;                      /* bench_set_bytes */
    bool timer_on;
    bool json;                          /* ctx->json, at hand for the timer */
    bool show_allocs;                   /* bench_report_allocs */
    bool has_sub;                       /* called bench_run: a parent */
    bool failed, skipped, finished;
    bool ctr_valid;                     /* ctr_vals hold the last batch */
    bool warned_fast, warned_cap;       /* said once per benchmark, not per -count */
    bool ran_parallel;                  /* this run called bench_run_parallel */
    int nextra;                         /* bench_report_metric values */
    struct fmt_metric extra[FMT_EXTRA_MAX];
    long long *ctr_vals;                /* counter totals of the last batch */
    char *out;                          /* log and failure text, "    msg\n" */
    size_t outlen, outcap;
    jmp_buf jb;                         /* bench_fail/bench_skip return here */
    int64_t prev_n, prev_dur_ns;        /* the run before: Go's previousN, previousDuration */
    int parallelism;                    /* bench_set_parallelism (1) */
    struct bench_cleanup_fn {
        void (*fn)(void *);
        void *arg;
    } *cleanups;                        /* bench_cleanup's stack, NULL until used */
    int ncleanup, cleanup_cap;
};

/* state_cpu_start and state_cpu_stop time the thread's CPU under -format
 * json (bench.c): out of line, so that the timer's common path below keeps
 * its registers. */
void state_cpu_start(struct bench_state *s);
void state_cpu_stop(struct bench_state *s);

/* state_timer_start, state_timer_stop and state_timer_reset are the timer
 * (bench_start_timer, ...), inline: measure.c's run_n starts and stops it
 * around the benchmark's function with no call of the harness between the
 * clock reads and the function.  Time and allocation counting run together; the allocation
 * counts accumulate over start/stop pairs since the last reset, so zeroing
 * them is all Go's ResetTimer does to memory stats. */
static inline void state_timer_start(struct bench_state *s)
{
    if (!s->timer_on) {
        /* Count first, then read the clock: nothing of ours is timed. */
        alloc_count_start();
        if (s->json)
            state_cpu_start(s);
        s->start_ns = clock_now_ns();
        s->timer_on = true;
    }
}

static inline void state_timer_stop(struct bench_state *s)
{
    if (s->timer_on) {
        int64_t now = clock_now_ns();
        if (s->json)
            state_cpu_stop(s);
        alloc_count_stop();
        s->duration_ns += now - s->start_ns;
        s->timer_on = false;
    }
}

static inline void state_timer_reset(struct bench_state *s)
{
    s->nextra = 0;
    alloc_count_reset();
    if (s->timer_on) {
        if (s->json)
            state_cpu_start(s);
        s->start_ns = clock_now_ns();
    }
    s->duration_ns = 0;
    s->ctx->cpu_ns = 0;
}

/* state_new makes the state of benchmark `name` (copied) running fn (or
 * fna with arg) under parent (NULL for a top-level one), in context ctx;
 * NULL when out of memory.  state_free frees it (NULL is fine). */
struct bench_state *state_new(struct bench_ctx *ctx, const char *name,
                              struct bench_state *parent, bench_fn fn, bench_fn_arg fna,
                              void *arg);
void state_free(struct bench_state *s);

/* state_again makes s as new for the next -count repetition (Go makes a new
 * B with the same name and function). */
void state_again(struct bench_state *s);

/* state_run_cleanups runs the functions bench_cleanup registered, last
 * first (Go's runCleanup); a cleanup that fails does not stop the others. */
void state_run_cleanups(struct bench_state *s);

/* state_body_enter makes bench_fail and bench_skip on this thread return to
 * jb instead of the benchmark's own jump buffer (a body of
 * bench_run_parallel, Go's Goexit); state_body_leave undoes it. */
void state_body_enter(jmp_buf *jb);
void state_body_leave(void);

/* state_after_fork makes the handle's lock usable in a forked child. */
void state_after_fork(void);

#endif
