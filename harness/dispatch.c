/*
 * dispatch.c -- a benchmark in a child process, in the worker, or here;
 * crashes of children become failures of the benchmark they ran.  See
 * dispatch.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "dispatch.h"
#include "format.h"
#include "isolate.h"

/* WARM_UP_NS: how long a new child spins before its first timed run: a
 * freshly forked child ran slower for its first ~100 ms on the VM this was
 * built on, and a spin of this length removed the difference (measured in
 * docs/harness.md, "Isolation: a crash, exit or hang loses nothing").  Paid
 * once per child: a worker, or a child per top-level benchmark when it is
 * timed by duration. */
#define WARM_UP_NS 100000000

/* warm_up spins for WARM_UP_NS, reading the clock; not under a -timeout
 * below 1 s, which counts the spin (the child sends nothing meanwhile) and
 * would leave too little room for it. */
static void warm_up(const struct bench_opts *o)
{
    int64_t t0 = clock_now_ns();
    volatile uint64_t x = 0;

    if (o->timeout_ns > 0 && o->timeout_ns < 10 * (int64_t)WARM_UP_NS)
        return;

    while (clock_now_ns() - t0 < WARM_UP_NS)
        for (int k = 0; k < 1000; k++)
            x += (uint64_t)k;
    (void)x;
}

/* child_emit is the measuring side's emitter in a child: the pipe. */
static void child_emit(void *ctx, int kind, const char *text, size_t len)
{
    (void)ctx;
    iso_send(kind, text, len);
}

/* inproc_timeout re-arms -timeout without children (-isolate=false) at
 * each message, with the failure block for the benchmark now running
 * written into the buffer the handler does not hold (two, swapped). */
static void inproc_timeout(const struct bench_opts *o, int kind, const char *text, size_t len)
{
    static char msg[2][1024];
    static int cur;
    char d[40];

    if (o->isolate || o->timeout_ns <= 0 || iso_in_child())
        return;
    if (kind == M_CUR || msg[cur][0] == '\0') {
        cur = !cur;
        fmt_duration(d, sizeof d, o->timeout_ns);
        snprintf(msg[cur], sizeof msg[cur],
                 "--- FAIL: %.*s\n    timed out after %s (-timeout %s; without -isolate the "
                 "run stops here)\nFAIL\n", kind == M_CUR ? (int)len : 9,
                 kind == M_CUR ? text : "Benchmark", d, d);
    }
    iso_inproc_timeout(o->timeout_ns, msg[cur]);
}

/* dispatch_inproc_emit: see dispatch.h. */
void dispatch_inproc_emit(void *ctx, int kind, const char *text, size_t len)
{
    struct dispatch *dp = ctx;

    inproc_timeout(dp->o, kind, text, len);
    results_deliver(dp->res, kind, text, len);
}

/* child_body is what a child process runs: top-level benchmark dp->top,
 * after the warm-up when it is timed by duration (not to find the leaves
 * for -shuffle and -ci, and not with -benchtime Nx, where n is fixed and a
 * test wants the result quickly).  It works on the child's copy of *dp. */
static void child_body(void *arg)
{
    struct dispatch *dp = arg;
    struct measure *m = dp->meas;

    m->emit = child_emit;
    m->emit_ctx = NULL;
    measure_open_counters(m);
    if (m->stop)
        return;
    if (!m->discover && dp->o->benchtime_n == 0)
        warm_up(dp->o);
    measure_top(m, dp->top);
    measure_close_counters(m);
}

/* worker_job is what the worker runs for each job of -shuffle and -ci: one
 * repetition of leaf number `job`, as dispatch_job does it here.  The
 * first job opens the counters and, when -benchtime is a duration, warms
 * up.  It works on the worker's copy of *dp, made when it was forked. */
static void worker_job(void *arg, uint32_t job)
{
    struct dispatch *dp = arg;
    struct measure *m = dp->meas;
    struct leaf *l;

    if (!dp->worker_ready) {
        dp->worker_ready = true;
        m->emit = child_emit;
        m->emit_ctx = NULL;
        measure_open_counters(m);
        if (dp->o->benchtime_n == 0)    /* as child_body */
            warm_up(dp->o);
    }
    if (m->stop || job >= dp->res->nleaves)
        return;
    l = &dp->res->leaves[job];
    m->target = l->name;
    m->target_procs = l->procs;
    match_forget(m->m);                 /* the same names as the first time */
    measure_top(m, l->top);
    m->target = NULL;
    m->target_procs = 0;
}

/* fork_setup gives the measuring side what the writing side learnt, for the
 * child about to be forked (a worker keeps what it had when forked). */
static void fork_setup(struct dispatch *dp)
{
    dp->meas->max_len = dp->res->max_len;
    dp->meas->notes_sent = dp->res->notes_done;
    free(dp->res->current);
    dp->res->current = NULL;
}

/* dispatch_selected asks the -bench matcher about "Benchmark" + d->name. */
bool dispatch_selected(struct dispatch *dp, const bench_def *d)
{
    char full[512];
    bool partial;
    int rc;

    snprintf(full, sizeof full, "Benchmark%s", d->name);
    rc = match_top(dp->meas->m, full, &partial);
    if (rc < 0)
        results_deliver(dp->res, M_FATAL, "out of memory matching -bench", 29);
    return rc > 0;
}

/* run_isolated runs top-level benchmark d in child processes until all of
 * it has run: after a crash, a new child skips what is done and what
 * crashed.  Returns false when the run must stop (interrupted, stop). */
static bool run_isolated(struct dispatch *dp, const bench_def *d)
{
    struct results *r = dp->res;
    char full[512], why[256], block[1024];
    struct iso_status st;
    bool sub_crashed = false;

    snprintf(full, sizeof full, "Benchmark%s", d->name);
    dp->top = d;
    for (int attempt = 0; attempt < 1000; attempt++) {
        const char *blame;
        int k;

        fork_setup(dp);
        iso_run(child_body, dp, dp->o->timeout_ns, results_deliver, r, &st);
        r->notes_done = true;           /* only the first child's notes */
        if (r->stop)
            return false;
        if (st.end == ISO_OK) {
            /* Go fails the parents of a failed sub-benchmark; the child that
             * ran the rest did not see the crash. */
            if (sub_crashed) {
                k = snprintf(block, sizeof block, "--- FAIL: %s\n", full);
                results_deliver(r, M_OUT, block, (size_t)k);
            }
            return true;
        }
        if (st.end == ISO_INTERRUPTED)
            return false;
        blame = r->current != NULL ? r->current : full;
        iso_describe(&st, dp->o->timeout_ns, why, sizeof why);
        results_fail_block(r, blame, why);
        if (st.end == ISO_ERROR || strlist_contains(&r->done, blame) || strcmp(blame, full) == 0)
            return true;
        /* Run the rest of this benchmark's sub-benchmarks. */
        if (!results_done_add(r, blame, strlen(blame)))
            return true;
        sub_crashed = true;
    }
    return true;
}

/* dispatch_top sets the discovery mode for this benchmark only, and runs
 * it here (-isolate=false) or in children (a selected one only). */
bool dispatch_top(struct dispatch *dp, const bench_def *d, bool discover)
{
    bool go_on = true;

    dp->meas->discover = discover;
    if (!dp->o->isolate)
        measure_top(dp->meas, d);
    else if (dispatch_selected(dp, d))  /* no child for what will not run */
        go_on = run_isolated(dp, d);
    dp->meas->discover = false;
    return go_on;
}

/* dispatch_job targets the measuring side at l, runs the job, and leaves
 * the measuring side untargeted again; the worker's key is kept in l. */
enum dispatch_end dispatch_job(struct dispatch *dp, struct leaf *l)
{
    struct results *r = dp->res;
    struct measure *m = dp->meas;
    enum dispatch_end end = DISPATCH_RAN;
    struct iso_status st;
    char why[256];

    m->target = l->name;
    m->target_procs = l->procs;
    if (!dp->o->isolate) {
        match_forget(m->m);             /* the same names as the first time */
        measure_top(m, l->top);
    } else {
        fork_setup(dp);
        iso_job(worker_job, dp, (uint32_t)(l - r->leaves), l->key, dp->o->timeout_ns,
                results_deliver, r, &st);
        if (st.end == ISO_OK && st.key[0] != '\0' && l->key == NULL)
            l->key = strdup(st.key);    /* its next runs go to that worker */
        if (st.end == ISO_INTERRUPTED) {
            end = DISPATCH_INTERRUPTED;
        } else if (st.end != ISO_OK && !r->stop) {
            iso_describe(&st, dp->o->timeout_ns, why, sizeof why);
            results_fail_block(r, r->current != NULL ? r->current : l->name, why);
            end = DISPATCH_LOST;
        }
    }
    m->target = NULL;
    m->target_procs = 0;
    return end;
}

/* dispatch_end: see dispatch.h. */
void dispatch_end(struct dispatch *dp)
{
    (void)dp;
    iso_worker_stop();
}

/* dispatch_interrupted reads isolate.c's flag. */
bool dispatch_interrupted(void)
{
    return iso_interrupted != 0;
}
