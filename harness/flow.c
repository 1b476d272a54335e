/*
 * flow.c -- the benchmark handle (bench.h) and Go's flow for one benchmark
 * (src/testing/benchmark.go, Go 1.19-1.21): every benchmark is first run
 * once with n = 1 (run1); one that called bench_run in it is a parent and is
 * not measured; a leaf is then run with growing n until it runs for
 * -benchtime (launch, ramp.c), -count times, each time from n = 1 again,
 * and only each final run is sent as a result line (process_bench).  Runs in
 * the child process when isolated.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "clock.h"
#include "hygiene.h"
#include "isolate.h"
#include "ramp.h"
#include "runner_int.h"


/* --- the benchmark handle ------------------------------------------------ */

/* out_append adds formatted text to s's output; memory for it was reserved
 * when s was made, so logging in a timed region rarely allocates. */
static void out_vappend_locked(struct bench_state *s, const char *prefix, const char *fmt,
                               va_list ap)
{
    char msg[4096];
    size_t need;
    int k = vsnprintf(msg, sizeof msg, fmt, ap);

    if (k < 0)
        return;
    /* Go's decorate: four spaces, continuation lines eight. */
    need = s->outlen + strlen(prefix) + 2 * (size_t)k + 8;
    if (need > s->outcap) {
        size_t cap = need * 2;
        char *g = realloc(s->out, cap);
        if (g != NULL) {
            s->out = g;
            s->outcap = cap;
        } else {
            /* Out of memory: keep what fits in the reserve. */
            size_t room = s->outcap - s->outlen;
            if (room < strlen(prefix) + 16)
                return;
            k = (int)((room - strlen(prefix) - 8) / 2);
            msg[k] = '\0';
        }
    }
    s->outlen += (size_t)sprintf(s->out + s->outlen, "%s", prefix);
    for (const char *p = msg; *p != '\0'; p++) {
        s->out[s->outlen++] = *p;
        if (*p == '\n' && p[1] != '\0')
            s->outlen += (size_t)sprintf(s->out + s->outlen, "        ");
    }
    if (s->outlen == 0 || s->out[s->outlen - 1] != '\n')
        s->out[s->outlen++] = '\n';
    s->out[s->outlen] = '\0';
}

/* out_vappend is out_vappend_locked under the log lock: the threads of
 * bench_run_parallel may log at once. */
static void out_vappend(struct bench_state *s, const char *prefix, const char *fmt, va_list ap)
{
    par_log_lock();
    out_vappend_locked(s, prefix, fmt, ap);
    par_log_unlock();
}

static struct bench_state *state_new(const char *name, struct bench_state *parent,
                                     bench_fn fn, bench_fn_arg fna, void *arg)
{
    struct bench_state *s = calloc(1, sizeof *s);

    if (s == NULL)
        return NULL;
    s->name = strdup(name);
    s->outcap = 1024;
    s->out = malloc(s->outcap);
    s->ctr_vals = calloc((size_t)(R.nctr > 0 ? R.nctr : 1), sizeof *s->ctr_vals);
    if (s->name == NULL || s->out == NULL || s->ctr_vals == NULL) {
        free(s->name);
        free(s->out);
        free(s->ctr_vals);
        free(s);
        return NULL;
    }
    s->out[0] = '\0';
    s->b.st = s;
    s->parent = parent;
    s->fn = fn;
    s->fna = fna;
    s->arg = arg;
    return s;
}

static void state_free(struct bench_state *s)
{
    if (s == NULL)
        return;
    if (R.ctr_owner == s)
        R.ctr_owner = NULL;
    free(s->cleanups);
    free(s->name);
    free(s->out);
    free(s->ctr_vals);
    free(s);
}

/* state_again makes s as new for the next -count repetition (Go makes a new
 * B with the same name and function). */
static void state_again(struct bench_state *s)
{
    s->bytes = 0;
    s->show_allocs = false;
    s->has_sub = false;
    s->failed = s->skipped = s->finished = false;
    s->nextra = 0;
    s->outlen = 0;
    s->out[0] = '\0';
    s->ctr_valid = false;
    s->prev_n = s->prev_dur_ns = 0;     /* Go's new B has no previous run */
}

/* The timed region's thread CPU time under -format json (Google Benchmark's
 * cpu_time): one benchmark is timed at a time in a process, so these live
 * here rather than in bench_state, whose layout (and so the heap's) stays
 * as it is without -format json. */
static int64_t cpu_start_ns, cpu_ns;

void bench_start_timer(bench *b)
{
    struct bench_state *s = b->st;

    if (!s->timer_on) {
        /* Count first, then read the clock: nothing of ours is timed. */
        alloc_count_start();
        if (R.o.format == FORMAT_JSON)
            cpu_start_ns = clock_thread_cpu_ns();
        s->start_ns = clock_now_ns();
        s->timer_on = true;
    }
}

void bench_stop_timer(bench *b)
{
    struct bench_state *s = b->st;

    if (s->timer_on) {
        int64_t now = clock_now_ns();
        if (R.o.format == FORMAT_JSON)
            cpu_ns += clock_thread_cpu_ns() - cpu_start_ns;
        alloc_count_stop();
        s->duration_ns += now - s->start_ns;
        s->timer_on = false;
    }
}

void bench_reset_timer(bench *b)
{
    struct bench_state *s = b->st;

    /* The allocation counts accumulate over start/stop pairs since the last
     * reset, so zeroing them is all Go's ResetTimer does to memory stats. */
    s->nextra = 0;
    alloc_count_reset();
    if (s->timer_on) {
        if (R.o.format == FORMAT_JSON)
            cpu_start_ns = clock_thread_cpu_ns();
        s->start_ns = clock_now_ns();
    }
    s->duration_ns = 0;
    cpu_ns = 0;
}

void bench_report_allocs(bench *b)
{
    b->st->show_allocs = true;
}

void bench_process_tainted(bench *b, const char *what)
{
    (void)b;
    iso_worker_taint(what);
}

void bench_set_bytes(bench *b, int64_t bytes)
{
    b->st->bytes = bytes;
}

void bench_report_metric(bench *b, double value, const char *unit)
{
    struct bench_state *s = b->st;
    size_t len = strlen(unit);

    if (len == 0 || strpbrk(unit, " \t\n\v\f\r") != NULL)
        bench_fail(b, "bench_report_metric: unit \"%s\" is empty or has white space", unit);
    if (len >= FMT_UNIT_MAX)
        bench_fail(b, "bench_report_metric: unit \"%s\" is longer than %d bytes", unit,
                   FMT_UNIT_MAX - 1);
    for (int i = 0; i < s->nextra; i++)
        if (strcmp(s->extra[i].unit, unit) == 0) {
            s->extra[i].value = value;
            return;
        }
    if (s->nextra == FMT_EXTRA_MAX)
        bench_fail(b, "bench_report_metric: more than %d metrics", FMT_EXTRA_MAX);
    memcpy(s->extra[s->nextra].unit, unit, len + 1);
    s->extra[s->nextra].value = value;
    s->nextra++;
}

void bench_logf(bench *b, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    out_vappend(b->st, "    ", fmt, ap);
    va_end(ap);
}

_Noreturn void bench_fail(bench *b, const char *fmt, ...)
{
    struct bench_state *s = b->st;
    va_list ap;

    par_log_lock();
    va_start(ap, fmt);
    out_vappend_locked(s, "    ", fmt, ap);
    va_end(ap);
    /* Go's Fail marks the parents failed too. */
    for (struct bench_state *p = s; p != NULL; p = p->parent)
        p->failed = true;
    s->finished = true;
    par_log_unlock();
    if (par_on_worker())
        par_worker_exit();              /* the body's thread ends, as Go's Goexit */
    longjmp(s->jb, 1);
}

_Noreturn void bench_skip(bench *b, const char *fmt, ...)
{
    struct bench_state *s = b->st;
    va_list ap;

    par_log_lock();
    va_start(ap, fmt);
    out_vappend_locked(s, "    ", fmt, ap);
    va_end(ap);
    s->skipped = true;
    s->finished = true;
    par_log_unlock();
    if (par_on_worker())
        par_worker_exit();
    longjmp(s->jb, 1);
}

const char *bench_name(const bench *b)
{
    return b->st->name;
}

int64_t bench_elapsed(const bench *b)
{
    const struct bench_state *s = b->st;

    return s->duration_ns + (s->timer_on ? clock_now_ns() - s->start_ns : 0);
}

void bench_cleanup(bench *b, void (*fn)(void *arg), void *arg)
{
    struct bench_state *s = b->st;

    if (s->ncleanup == s->cleanup_cap) {
        /* Grown with the timer stopped: the harness's allocation is not
         * the benchmark's.  (Not kept inside the state: a bigger state
         * moves the heap under E5Buffer's page-fault counts.) */
        bool on = s->timer_on;
        int cap = s->cleanup_cap > 0 ? 2 * s->cleanup_cap : 8;
        struct bench_cleanup_fn *g;

        if (on)
            bench_stop_timer(b);
        g = realloc(s->cleanups, (size_t)cap * sizeof *g);
        if (g != NULL) {
            s->cleanups = g;
            s->cleanup_cap = cap;
        }
        if (on)
            bench_start_timer(b);
        if (g == NULL) {
            fn(arg);                    /* still cleaned up, as Go would */
            bench_fail(b, "bench_cleanup: out of memory");
        }
    }
    s->cleanups[s->ncleanup].fn = fn;
    s->cleanups[s->ncleanup].arg = arg;
    s->ncleanup++;
}

/* run_cleanups runs the functions bench_cleanup registered, last first
 * (Go's runCleanup); a cleanup that fails does not stop the others. */
static void run_cleanups(struct bench_state *s)
{
    while (s->ncleanup > 0) {
        struct bench_cleanup_fn c = s->cleanups[--s->ncleanup];
        if (setjmp(s->jb) == 0)
            c.fn(c.arg);
    }
}

/* --- running ------------------------------------------------------------- */

/* The counters count whole batches: started before the timer, stopped after
 * it, never inside the loop.  A parent's batch is abandoned when its first
 * sub-benchmark starts (a parent is never reported). */
static void ctr_start(struct bench_state *s)
{
    s->ctr_valid = false;
    if (R.ctr != NULL && R.nctr > 0 && R.ctr_owner == NULL && counters_start(R.ctr) == 0)
        R.ctr_owner = s;
}

static void ctr_stop(struct bench_state *s)
{
    if (R.ctr_owner == s) {
        R.ctr_owner = NULL;
        s->ctr_valid = counters_stop(R.ctr, s->ctr_vals) == 0;
    }
}

static void call(struct bench_state *s)
{
    if (s->fna != NULL)
        s->fna(&s->b, s->arg);
    else
        s->fn(&s->b);
}

/* run_n runs the function once with n iterations (Go's runN). */
static void run_n(struct bench_state *s, int64_t n)
{
    struct alloc_counts c;

    s->n = n;
    s->b.n = n;
    s->parallelism = 1;                 /* Go's runN */
    s->ran_parallel = false;
    if (setjmp(s->jb) == 0) {
        bench_reset_timer(&s->b);
        ctr_start(s);
        bench_start_timer(&s->b);
        call(s);
    }
    bench_stop_timer(&s->b);
    ctr_stop(s);
    if (s->ran_parallel)
        s->ctr_valid = false;           /* the counters saw one thread of many */
    s->prev_n = n;
    s->prev_dur_ns = s->duration_ns;
    alloc_count_read(&c);
    run_cleanups(s);
    s->net_allocs = c.allocs;
    s->net_bytes = c.bytes;
}

/* emit_block sends "--- TAG: name\n" and the benchmark's output, cut to
 * OUTPUT_MAX_LINES lines as Go's trimOutput does (not for failures).  In
 * pieces, without allocating: the message must get out when memory is short. */
static void emit_block(const char *tag, const char *name, struct bench_state *s, bool trim)
{
    size_t cut = s->outlen;
    int lines = 0;

    if (trim)
        for (size_t j = 0; j < s->outlen; j++)
            if (s->out[j] == '\n' && ++lines >= OUTPUT_MAX_LINES) {
                cut = j;
                break;
            }
    runner_emitf(M_OUT, "--- %s: %s\n", tag, name);
    if (cut > 0)
        runner_emit(M_OUT, s->out, cut);
    if (cut < s->outlen)
        runner_emitf(M_OUT, "\n\t... [output truncated]\n");
}

/* run1 runs s once with n = 1 and reports whether it is a leaf to measure
 * (Go's run1). */
static bool run1(struct bench_state *s)
{
    int len = (int)strlen(s->name) + R.ext_len + 1;

    if (len > R.max_len) {
        R.max_len = len + 8;            /* Go: slack against many jumps */
        runner_emitf(M_MAXLEN, "%d", R.max_len);
    }
    run_n(s, 1);
    if (s->failed) {
        emit_block("FAIL", s->name, s, false);
        return false;
    }
    if (s->has_sub || s->finished) {
        if (s->skipped)
            emit_block("SKIP", s->name, s, true);
        else if (s->outlen > 0)
            emit_block("BENCH", s->name, s, true);
        return false;
    }
    return true;
}

/* launch grows n until a run lasts -benchtime (Go's launch). */
static void launch(struct bench_state *s)
{
    if (R.o.benchtime_n > 0) {
        /* run1 already ran 1 iteration; -benchtime 1x reports that run. */
        if (R.o.benchtime_n > 1)
            run_n(s, R.o.benchtime_n);
        return;
    }
    for (int64_t n = 1; !s->failed && s->duration_ns < R.o.benchtime_ns && n < RAMP_MAX_N;) {
        int64_t last = n;
        n = ramp_predict_n(R.o.benchtime_ns, s->n, s->duration_ns, last);
        run_n(s, n);
    }
}

/* result fills r from s's last run, with the counters as extra metrics. */
static void result(struct bench_state *s, struct fmt_result *r)
{
    memset(r, 0, sizeof *r);
    r->n = s->n;
    r->t_ns = s->duration_ns;
    r->bytes = s->bytes;
    r->mem_allocs = s->net_allocs;
    r->mem_bytes = s->net_bytes;
    r->mem = R.o.benchmem || s->show_allocs;
    r->nextra = s->nextra;
    memcpy(r->extra, s->extra, sizeof r->extra);
    /* -format json: Google Benchmark's cpu_time (jsonout.h reads it back
       from this metric) */
    if (R.o.format == FORMAT_JSON && r->nextra < FMT_EXTRA_MAX && s->n > 0) {
        snprintf(r->extra[r->nextra].unit, FMT_UNIT_MAX, "cpu-ns/op");
        r->extra[r->nextra++].value = (double)cpu_ns / (double)s->n;
    }
    if (s->ctr_valid)
        for (int i = 0; i < R.nctr && r->nextra < FMT_EXTRA_MAX; i++) {
            const char *unit = counters_unit(R.ctr, i);
            bool dup = false;
            for (int j = 0; j < r->nextra; j++)
                dup = dup || strcmp(r->extra[j].unit, unit) == 0;
            if (dup || strlen(unit) >= FMT_UNIT_MAX)
                continue;
            snprintf(r->extra[r->nextra].unit, FMT_UNIT_MAX, "%s", unit);
            r->extra[r->nextra].value = (double)s->ctr_vals[i] / (double)s->n;
            r->nextra++;
        }
}

/* warn_result says on stderr what makes a result doubtful. */
static void warn_result(const char *bn, struct bench_state *s, const struct fmt_result *r)
{
    double ns = fmt_ns_per_op(r);
    char d[40], g[40];

    if (ns == 0)
        runner_emitf(M_ERR, "%s: %s: measured 0 ns in %lld iterations: the clock did not move\n",
              R.prog, bn, (long long)r->n);
    else if (ns < 0.1 && !s->warned_fast) {
        s->warned_fast = true;
        runner_emitf(M_ERR, "%s: %s: %.4g ns/op is implausibly fast: the compiler probably "
              "deleted the loop body (use bench_keep or bench_escape)\n", R.prog, bn, ns);
    }
    if (R.o.benchtime_n == 0 && r->n >= RAMP_MAX_N && s->duration_ns < R.o.benchtime_ns &&
        !s->warned_cap) {
        s->warned_cap = true;
        fmt_duration(d, sizeof d, s->duration_ns);
        fmt_duration(g, sizeof g, R.o.benchtime_ns);
        runner_emitf(M_ERR, "%s: %s: n reached the cap of 1e9 iterations in %s, short of "
              "-benchtime %s (said once per benchmark)\n", R.prog, bn, d, g);
    }
}

/* ALLOCSITES_N bounds the extra run -allocsites makes: recording a site
 * unwinds the stack (microseconds per allocation), so the pass is not timed
 * and runs at most this many iterations. */
#define ALLOCSITES_N 10000
#define ALLOCSITES_SHOWN 16

/* allocsites runs s once more, untimed, with allocation sites recorded, and
 * sends one '#' line per site: where, and bytes and allocations per op
 * (integers, truncated, as B/op and allocs/op). */
static void allocsites(struct bench_state *s, const char *bn)
{
    struct alloc_site sites[ALLOCSITES_SHOWN];
    int64_t n = s->n < ALLOCSITES_N ? s->n : ALLOCSITES_N;
    char where[512];
    size_t k;

    alloc_sites_enable(true);
    run_n(s, n);
    alloc_sites_enable(false);
    if (s->failed) {
        emit_block("FAIL", bn, s, false);
        return;
    }
    k = alloc_sites_read(sites, ALLOCSITES_SHOWN);
    if (k == 0)
        runner_emitf(M_OUT, "# allocsites %s: no allocations in %lld iterations\n", bn, (long long)n);
    for (size_t i = 0; i < k; i++) {
        alloc_site_describe(sites[i].pc, where, sizeof where);
        runner_emitf(M_OUT, "# allocsite %s: %llu B/op %llu allocs/op (%llu allocations in %lld "
              "iterations) at %s\n", bn, (unsigned long long)(sites[i].bytes / (uint64_t)n),
              (unsigned long long)(sites[i].allocs / (uint64_t)n),
              (unsigned long long)sites[i].allocs, (long long)n, where);
    }
}

/* drop_log cuts s's log back to outlen, what it held before an extra pass:
 * a pass's own lines are not the result's, unless it failed and they say
 * why. */
static void drop_log(struct bench_state *s, size_t outlen)
{
    if (!s->failed) {
        s->outlen = outlen;
        if (s->out != NULL)
            s->out[outlen] = '\0';
    }
}

/* count_pass runs s once more with the n of its timed run, untimed, with
 * allocation counting on, and keeps only the counts: the timed run had
 * counting off, because counting in the loop costs 5-21 % of a
 * malloc(16)+free loop (alloc.h, docs/alloc.md).  What the timed run
 * measured -- its time, metrics, counters and log -- is restored. */
static void count_pass(struct bench_state *s)
{
    int64_t n = s->n, dur = s->duration_ns, cpu = cpu_ns;
    int nextra = s->nextra;
    struct fmt_metric extra[FMT_EXTRA_MAX];
    bool ctr_valid = s->ctr_valid;
    size_t outlen = s->outlen;
    long long *ctr = NULL;

    memcpy(extra, s->extra, sizeof extra);
    if (R.nctr > 0 && (ctr = malloc((size_t)R.nctr * sizeof *ctr)) != NULL)
        memcpy(ctr, s->ctr_vals, (size_t)R.nctr * sizeof *ctr);
    alloc_count_enable(true);
    run_n(s, n);
    s->duration_ns = dur;
    cpu_ns = cpu;
    s->nextra = nextra;
    memcpy(s->extra, extra, sizeof extra);
    s->ctr_valid = ctr_valid && ctr != NULL;
    if (ctr != NULL) {
        memcpy(s->ctr_vals, ctr, (size_t)R.nctr * sizeof *ctr);
        free(ctr);
    }
    drop_log(s, outlen);
}

/* time_pass runs s once more with the n of its timed run, untimed by
 * counting: the timed run counted inline because run1 allocated nothing,
 * but then allocated after all, so its time includes the counting hooks.
 * This run, with counting off, gives the time, metrics and counters; the
 * counts are those of the run before (same n).  The log of this run is
 * dropped, as count_pass drops its own. */
static void time_pass(struct bench_state *s)
{
    uint64_t allocs = s->net_allocs, bytes = s->net_bytes;
    size_t outlen = s->outlen;

    alloc_count_enable(false);
    run_n(s, s->n);
    s->net_allocs = allocs;
    s->net_bytes = bytes;
    drop_log(s, outlen);
}

/* process_procs runs leaf s -count times with P = R.procs and sends each
 * result line; `fresh`: run1 has just run with this P. */
static void process_procs(struct bench_state *s, bool fresh)
{
    char bn[1024], line[2048];
    struct fmt_result r;
    int k;

    fmt_bench_name(bn, sizeof bn, s->name, R.procs);
    int count = R.target != NULL ? 1 : R.o.count;

    for (int j = 0; j < count; j++) {
        long m0, m1;

        if (j > 0 || !fresh) {
            /* Go ignores a failing run1 here and then prints the failure
             * twice; once is enough. */
            state_again(s);
            if (!run1(s))
                continue;
        }
        /* Counting is off in the timed runs unless asked for there, or
         * unless run1 (which counts) allocated nothing: counting then costs
         * nothing, since no hook runs, and saves the count pass -- about
         * half the time of a -count run.  If such a benchmark allocates
         * after all, its timed run is repeated with counting off. */
        bool want = R.o.benchmem || s->show_allocs;
        bool sep = alloc_count_separate();
        bool none = s->net_allocs == 0 && s->net_bytes == 0;

        m0 = hygiene_migrations();
        alloc_count_enable(!sep || (want && none));
        launch(s);
        m1 = hygiene_migrations();
        if (!s->failed && want && sep) {
            if (!none) {
                count_pass(s);
            } else if (s->net_allocs != 0 || s->net_bytes != 0) {
                m0 = hygiene_migrations();
                time_pass(s);
                m1 = hygiene_migrations();
            }
        }
        alloc_count_enable(true);
        if (s->failed) {
            emit_block("FAIL", bn, s, false);
            continue;
        }
        result(s, &r);
        k = snprintf(line, sizeof line, "%-*s\t", R.max_len, bn);
        if (k >= 0 && (size_t)k < sizeof line)
            k += fmt_result(line + k, sizeof line - (size_t)k, &r);
        if (k < 0 || (size_t)k + 1 >= sizeof line)
            k = (int)sizeof line - 2;
        line[k++] = '\n';
        runner_emit(M_OUT, line, (size_t)k);
        runner_emitf(M_SAMPLE, "%s\t%d\t%.17g\t%d", s->name, R.procs, fmt_ns_per_op(&r),
                     m0 >= 0 && m1 > m0);
        warn_result(bn, s, &r);
        if (s->outlen > 0)
            emit_block("BENCH", bn, s, true);
        if (R.o.allocsites && j == count - 1)
            allocsites(s, bn);
    }
}

/* process_bench runs leaf s for each -cpu value, -count times each, and
 * sends each result line (Go's processBench: the -cpu loop outside, a new
 * B and run1 for every repetition but the first).  run1 has run once
 * already, with the first P (flow_run_top).  With a target (-ci,
 * -shuffle) only its P runs. */
static void process_bench(struct bench_state *s)
{
    int first = R.procs;
    bool fresh = true;

    for (int i = 0; i < R.o.ncpu; i++) {
        if (R.target_procs > 0 && R.o.cpus[i] != R.target_procs)
            continue;
        R.procs = R.o.cpus[i];
        process_procs(s, fresh && R.procs == first);
        fresh = false;
    }
    R.procs = first;
}

/* run_sub runs a sub-benchmark of b (Go's B.Run). */
static bool run_sub(bench *b, const char *name, bench_fn fn, bench_fn_arg fna, void *arg)
{
    struct bench_state *p = b->st, *s;
    bool ok, partial, failed;
    char *full;

    p->has_sub = true;
    if (R.ctr_owner != NULL) {
        /* The parent's batch is not a result: give the counters up. */
        counters_stop(R.ctr, R.ctr_owner->ctr_vals);
        R.ctr_owner = NULL;
    }
    full = match_full_name(R.m, p->name, name, &ok, &partial);
    if (full == NULL)
        bench_fail(b, "out of memory naming sub-benchmark \"%s\"", name);
    if (!ok || runner_skip_has(full) || !runner_on_path(full)) {
        free(full);
        return true;
    }
    s = state_new(full, p, fn, fna, arg);
    free(full);
    if (s == NULL)
        bench_fail(b, "out of memory starting sub-benchmark \"%s\"", name);
    if (partial)
        s->has_sub = true;              /* -bench X/Y matched only X: a parent */
    runner_emit(M_CUR, s->name, strlen(s->name));
    if (run1(s)) {
        if (R.discover)
            runner_emit(M_LEAF, s->name, strlen(s->name));
        else
            process_bench(s);
    }
    runner_emit(M_DONE, s->name, strlen(s->name));
    runner_emit(M_CUR, p->name, strlen(p->name));
    failed = s->failed;
    if (failed)
        p->failed = true;
    state_free(s);
    return !failed;
}

bool bench_run(bench *b, const char *name, bench_fn fn)
{
    return run_sub(b, name, fn, NULL, NULL);
}

bool bench_run_arg(bench *b, const char *name, bench_fn_arg fn, void *arg)
{
    return run_sub(b, name, NULL, fn, arg);
}

/* BenchmarkEmpty is the loop of every benchmark with nothing in it: what
 * the harness itself costs per iteration.  The empty asm makes the counter
 * opaque, so the compiler can neither delete the loop nor turn it into a
 * closed form; the loop is an increment, a compare and a branch. */
static void BenchmarkEmpty(bench *b)
{
    for (int64_t i = 0, n = b->n; i < n; i++)
        __asm__ volatile("" : "+r"(i));
}

const bench_def flow_builtin[] = {
    BENCH_DOC(Empty, "an empty loop: the harness's own cost per iteration"),
    BENCH_END,
};

/* open_counters opens the -counters set in this process and sends its
 * notes (once per run). */
void flow_open_counters(void)
{
    char err[512];
    const char *const *notes;
    size_t nn;

    if (R.ctr != NULL || strcmp(R.o.counters, "none") == 0)
        return;
    R.ctr = counters_open(R.o.counters, err, sizeof err);
    if (R.ctr == NULL) {
        /* A usage error: this process runs no benchmark either (in a child,
         * the runner's R.stop is not this one's). */
        runner_emitf(M_USAGE, "-counters: %s", err);
        R.stop = true;
        return;
    }
    R.nctr = counters_count(R.ctr);
    if (!R.notes_done) {
        nn = counters_notes(R.ctr, &notes);
        for (size_t i = 0; i < nn; i++)
            runner_emit(M_NOTE, notes[i], strlen(notes[i]));
        runner_emit(M_NOTES_END, "", 0);
    }
}

/* run_top runs one top-level benchmark, as Go's main benchmark does with
 * b.Run for each of the suite. */
void flow_run_top(const bench_def *d)
{
    char full[512];
    struct bench_state *s;
    bool partial;
    int rc;

    snprintf(full, sizeof full, "Benchmark%s", d->name);
    rc = match_top(R.m, full, &partial);
    if (rc < 0) {
        runner_emitf(M_FATAL, "out of memory matching -bench against %s", full);
        return;
    }
    if (rc == 0 || runner_skip_has(full) || !runner_on_path(full))
        return;
    /* Every run1 outside process_bench's loop runs with the first P (Go
     * leaves GOMAXPROCS at the last value of the previous loop). */
    R.procs = R.target_procs > 0 ? R.target_procs : R.o.cpus[0];
    s = state_new(full, NULL, d->fn, NULL, NULL);
    if (s == NULL) {
        runner_emitf(M_OUT, "--- FAIL: %s\n    out of memory starting the benchmark\n", full);
        runner_emit(M_FAIL, "", 0);
        return;
    }
    if (partial)
        s->has_sub = true;
    runner_emit(M_CUR, s->name, strlen(s->name));
    if (run1(s)) {
        if (R.discover)
            runner_emit(M_LEAF, s->name, strlen(s->name));
        else
            process_bench(s);
    }
    runner_emit(M_DONE, s->name, strlen(s->name));
    if (s->failed)
        runner_emit(M_FAIL, "", 0);
    state_free(s);
}

/* WARM_UP_NS: how long a new child spins before its first timed run.  A forked
 * child ran its first ~100 ms slower on the 2-vCPU KVM guest this was built
 * on: E1, E2 and Sink at -benchtime 20ms with a child per sample had a
 * geomean 7-12 % above the same runs in one process, and a 100 ms spin at
 * the start of each child removed the difference (20 ms did not); see
 * docs/harness.md.  The cause is below the guest (the spin touches no
 * memory), so the cure is time, paid once per child: a worker, or a child
 * per top-level benchmark when it is timed by duration. */
#define WARM_UP_NS 100000000

/* warm_up spins for WARM_UP_NS, reading the clock; not under a -timeout
 * below 1 s, which counts the spin (the child sends nothing meanwhile) and
 * would leave too little room for it. */
static void warm_up(void)
{
    int64_t t0 = clock_now_ns();
    volatile uint64_t x = 0;

    if (R.o.timeout_ns > 0 && R.o.timeout_ns < 10 * (int64_t)WARM_UP_NS)
        return;

    while (clock_now_ns() - t0 < WARM_UP_NS)
        for (int k = 0; k < 1000; k++)
            x += (uint64_t)k;
    (void)x;
}

/* flow_worker_job is what the worker runs for each job of -shuffle and -ci:
 * one repetition of leaf number `job`, as the in-process runner does it
 * (plan.c).  The first job opens the counters and, when -benchtime is a
 * duration, warms up. */
void flow_worker_job(void *arg, uint32_t job)
{
    static bool ready;
    struct leaf *l = &R.leaves[job];

    (void)arg;
    if (!ready) {
        ready = true;
        flow_open_counters();
        if (R.o.benchtime_n == 0)       /* as flow_child_body */
            warm_up();
    }
    if (R.stop || job >= R.nleaves)
        return;
    R.target = l->name;
    R.target_procs = l->procs;
    match_forget(R.m);                  /* the same names as the first time */
    flow_run_top(l->top);
    R.target = NULL;
    R.target_procs = 0;
}

/* flow_child_body is what a child process runs: one top-level benchmark,
 * after the warm-up when it is timed by duration (not to find the leaves
 * for -shuffle and -ci, and not with -benchtime Nx, where n is fixed and a
 * test wants the result quickly). */
void flow_child_body(void *arg)
{
    flow_open_counters();
    if (R.stop)
        return;
    if (!R.discover && R.o.benchtime_n == 0)
        warm_up();
    flow_run_top(arg);
    if (R.ctr != NULL)
        counters_close(R.ctr);
}

