/*
 * measure.c -- Go's flow for one benchmark (src/testing/benchmark.go, Go
 * 1.19-1.21): run1, launch (the b.N ramp), processBench (-count, -cpu),
 * B.Run (sub-benchmarks), the extra untimed passes that count allocations,
 * and the messages that report it all.  See measure.h.
 */
#include <stddef.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "hygiene.h"
#include "measure.h"
#include "ramp.h"

/* measure_of is the measuring context a handle's state belongs to. */
static struct measure *measure_of(const struct bench_state *s)
{
    return (struct measure *)(void *)((char *)s->ctx - offsetof(struct measure, h));
}

/* emit sends one message; emitf formats it first (cut to 4095 bytes). */
static void emit(struct measure *m, int kind, const char *text, size_t len)
{
    m->emit(m->emit_ctx, kind, text, len);
}

static __attribute__((format(printf, 3, 4))) void emitf(struct measure *m, int kind,
                                                        const char *fmt, ...)
{
    char buf[4096];
    va_list ap;
    int k;

    va_start(ap, fmt);
    k = vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    if (k < 0)
        return;
    emit(m, kind, buf, (size_t)k < sizeof buf ? (size_t)k : sizeof buf - 1);
}

/* measure_init: see measure.h. */
void measure_init(struct measure *m, const struct bench_opts *o, const char *prog,
                  matcher *mt, const strlist *done, msg_emit emit_fn, void *emit_ctx)
{
    memset(m, 0, sizeof *m);
    m->h.json = o->format == FORMAT_JSON;
    m->h.procs = o->ncpu > 0 ? o->cpus[0] : 1;
    m->o = o;
    m->prog = prog;
    m->m = mt;
    m->done = done;
    m->emit = emit_fn;
    m->emit_ctx = emit_ctx;
}

/* on_path: with a target leaf, only it and its parents run. */
static bool on_path(const struct measure *m, const char *name)
{
    size_t len = strlen(name);

    if (m->target == NULL)
        return true;
    return strcmp(name, m->target) == 0 ||
           (strncmp(m->target, name, len) == 0 && m->target[len] == '/');
}

/* The counters count whole batches: started before the timer, stopped after
 * it, never inside the loop.  A parent's batch is abandoned when its first
 * sub-benchmark starts (a parent is never reported).  ctr_start is kept out
 * of run_n so that run_n's registers, and with them the instructions of
 * its timed window, stay as they were. */
static __attribute__((noinline)) void ctr_start(struct bench_state *s)
{
    struct bench_ctx *h = s->ctx;

    s->ctr_valid = false;
    if (h->ctr != NULL && h->nctr > 0 && h->ctr_owner == NULL && counters_start(h->ctr) == 0)
        h->ctr_owner = s;
}

/* ctr_stop ends s's batch, if it is counting one. */
static void ctr_stop(struct bench_state *s)
{
    struct bench_ctx *h = s->ctx;

    if (h->ctr_owner == s) {
        h->ctr_owner = NULL;
        s->ctr_valid = counters_stop(h->ctr, s->ctr_vals) == 0;
    }
}

/* call runs the benchmark's function with its handle. */
static void call(struct bench_state *s)
{
    if (s->fna != NULL)
        s->fna(&s->b, s->arg);
    else
        s->fn(&s->b);
}

/* run_n runs the function once with n iterations (Go's runN).  The timer
 * starts inline (bench_int.h) and is reset and stopped by calls to bench.c:
 * the instructions between the clock reads and the function are those the
 * runner has always had, so results stay comparable with earlier ones. */
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
        state_timer_start(s->b.st);     /* through the handle, as ever: see above */
        call(s);
    }
    bench_stop_timer(&s->b);
    ctr_stop(s);
    if (s->ran_parallel)
        s->ctr_valid = false;           /* the counters saw one thread of many */
    s->prev_n = n;
    s->prev_dur_ns = s->duration_ns;
    alloc_count_read(&c);
    state_run_cleanups(s);
    s->net_allocs = c.allocs;
    s->net_bytes = c.bytes;
}

/* emit_block sends "--- TAG: name\n" and the benchmark's output, cut to
 * OUTPUT_MAX_LINES lines as Go's trimOutput does (not for failures).  In
 * pieces, without allocating: the message must get out when memory is short. */
static void emit_block(const char *tag, const char *name, struct bench_state *s, bool trim)
{
    struct measure *m = measure_of(s);
    size_t cut = s->outlen;
    int lines = 0;

    if (trim)
        for (size_t j = 0; j < s->outlen; j++)
            if (s->out[j] == '\n' && ++lines >= OUTPUT_MAX_LINES) {
                cut = j;
                break;
            }
    emitf(m, M_OUT, "--- %s: %s\n", tag, name);
    if (cut > 0)
        emit(m, M_OUT, s->out, cut);
    if (cut < s->outlen)
        emitf(m, M_OUT, "\n\t... [output truncated]\n");
}

/* run1 runs s once with n = 1 and reports whether it is a leaf to measure
 * (Go's run1). */
static bool run1(struct bench_state *s)
{
    struct measure *m = measure_of(s);
    int len = (int)strlen(s->name) + m->ext_len + 1;

    if (len > m->max_len) {
        m->max_len = len + 8;            /* Go: slack against many jumps */
        emitf(m, M_MAXLEN, "%d", m->max_len);
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
    struct measure *m = measure_of(s);

    if (m->o->benchtime_n > 0) {
        /* run1 already ran 1 iteration; -benchtime 1x reports that run. */
        if (m->o->benchtime_n > 1)
            run_n(s, m->o->benchtime_n);
        return;
    }
    for (int64_t n = 1; !s->failed && s->duration_ns < m->o->benchtime_ns && n < RAMP_MAX_N;) {
        int64_t last = n;
        n = ramp_predict_n(m->o->benchtime_ns, s->n, s->duration_ns, last);
        run_n(s, n);
    }
}

/* result fills r from s's last run, with the counters as extra metrics. */
static void result(struct bench_state *s, struct fmt_result *r)
{
    struct measure *m = measure_of(s);

    memset(r, 0, sizeof *r);
    r->n = s->n;
    r->t_ns = s->duration_ns;
    r->bytes = s->bytes;
    r->mem_allocs = s->net_allocs;
    r->mem_bytes = s->net_bytes;
    r->mem = m->o->benchmem || s->show_allocs;
    r->nextra = s->nextra;
    memcpy(r->extra, s->extra, sizeof r->extra);
    /* -format json: Google Benchmark's cpu_time (jsonout.h reads it back
       from this metric) */
    if (m->o->format == FORMAT_JSON && r->nextra < FMT_EXTRA_MAX && s->n > 0) {
        snprintf(r->extra[r->nextra].unit, FMT_UNIT_MAX, "cpu-ns/op");
        r->extra[r->nextra++].value = (double)m->h.cpu_ns / (double)s->n;
    }
    if (s->ctr_valid)
        for (int i = 0; i < m->h.nctr && r->nextra < FMT_EXTRA_MAX; i++) {
            const char *unit = counters_unit(m->h.ctr, i);
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
    struct measure *m = measure_of(s);
    double ns = fmt_ns_per_op(r);
    char d[40], g[40];

    if (ns == 0)
        emitf(m, M_ERR, "%s: %s: measured 0 ns in %lld iterations: the clock did not move\n",
              m->prog, bn, (long long)r->n);
    else if (ns < 0.1 && !s->warned_fast) {
        s->warned_fast = true;
        emitf(m, M_ERR, "%s: %s: %.4g ns/op is implausibly fast: the compiler probably "
              "deleted the loop body (use bench_keep or bench_escape)\n", m->prog, bn, ns);
    }
    if (m->o->benchtime_n == 0 && r->n >= RAMP_MAX_N && s->duration_ns < m->o->benchtime_ns &&
        !s->warned_cap) {
        s->warned_cap = true;
        fmt_duration(d, sizeof d, s->duration_ns);
        fmt_duration(g, sizeof g, m->o->benchtime_ns);
        emitf(m, M_ERR, "%s: %s: n reached the cap of 1e9 iterations in %s, short of "
              "-benchtime %s (said once per benchmark)\n", m->prog, bn, d, g);
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
    struct measure *m = measure_of(s);
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
        emitf(m, M_OUT, "# allocsites %s: no allocations in %lld iterations\n", bn, (long long)n);
    for (size_t i = 0; i < k; i++) {
        alloc_site_describe(sites[i].pc, where, sizeof where);
        emitf(m, M_OUT, "# allocsite %s: %llu B/op %llu allocs/op (%llu allocations in %lld "
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
 * counting off, because counting in the loop costs time of its own
 * (docs/alloc.md, "Counting does not distort time").  What the timed run
 * measured -- its time, metrics, counters and log -- is restored. */
static void count_pass(struct bench_state *s)
{
    struct measure *m = measure_of(s);
    int64_t n = s->n, dur = s->duration_ns, cpu = m->h.cpu_ns;
    int nextra = s->nextra;
    struct fmt_metric extra[FMT_EXTRA_MAX];
    bool ctr_valid = s->ctr_valid;
    size_t outlen = s->outlen;
    long long *ctr = NULL;

    memcpy(extra, s->extra, sizeof extra);
    if (m->h.nctr > 0 && (ctr = malloc((size_t)m->h.nctr * sizeof *ctr)) != NULL)
        memcpy(ctr, s->ctr_vals, (size_t)m->h.nctr * sizeof *ctr);
    alloc_count_enable(true);
    run_n(s, n);
    s->duration_ns = dur;
    m->h.cpu_ns = cpu;
    s->nextra = nextra;
    memcpy(s->extra, extra, sizeof extra);
    s->ctr_valid = ctr_valid && ctr != NULL;
    if (ctr != NULL) {
        memcpy(s->ctr_vals, ctr, (size_t)m->h.nctr * sizeof *ctr);
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

/* process_procs runs leaf s -count times with P = m->h.procs and sends each
 * result line; `fresh`: run1 has just run with this P. */
static void process_procs(struct bench_state *s, bool fresh)
{
    struct measure *m = measure_of(s);
    char bn[1024], line[2048];
    struct fmt_result r;
    int k;

    fmt_bench_name(bn, sizeof bn, s->name, m->h.procs);
    int count = m->target != NULL ? 1 : m->o->count;

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
        bool want = m->o->benchmem || s->show_allocs;
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
        k = snprintf(line, sizeof line, "%-*s\t", m->max_len, bn);
        if (k >= 0 && (size_t)k < sizeof line)
            k += fmt_result(line + k, sizeof line - (size_t)k, &r);
        if (k < 0 || (size_t)k + 1 >= sizeof line)
            k = (int)sizeof line - 2;
        line[k++] = '\n';
        emit(m, M_OUT, line, (size_t)k);
        emitf(m, M_SAMPLE, "%s\t%d\t%.17g\t%d", s->name, m->h.procs, fmt_ns_per_op(&r),
             m0 >= 0 && m1 > m0);
        warn_result(bn, s, &r);
        if (s->outlen > 0)
            emit_block("BENCH", bn, s, true);
        if (m->o->allocsites && j == count - 1)
            allocsites(s, bn);
    }
}

/* process_bench runs leaf s for each -cpu value, -count times each, and
 * sends each result line (Go's processBench: the -cpu loop outside, a new
 * B and run1 for every repetition but the first).  run1 has run once
 * already, with the first P (measure_top).  With a target (-ci,
 * -shuffle) only its P runs. */
static void process_bench(struct bench_state *s)
{
    struct measure *m = measure_of(s);
    int first = m->h.procs;
    bool fresh = true;

    for (int i = 0; i < m->o->ncpu; i++) {
        if (m->target_procs > 0 && m->o->cpus[i] != m->target_procs)
            continue;
        m->h.procs = m->o->cpus[i];
        process_procs(s, fresh && m->h.procs == first);
        fresh = false;
    }
    m->h.procs = first;
}

/* run_named runs benchmark s, top-level or not, between M_CUR and M_DONE:
 * run1, then, for a leaf, its -count runs for each -cpu value (or, when
 * discovering, only M_LEAF). */
static void run_named(struct bench_state *s)
{
    struct measure *m = measure_of(s);

    emit(m, M_CUR, s->name, strlen(s->name));
    if (run1(s)) {
        if (m->discover)
            emit(m, M_LEAF, s->name, strlen(s->name));
        else
            process_bench(s);
    }
    emit(m, M_DONE, s->name, strlen(s->name));
}

/* run_sub runs a sub-benchmark of b (Go's B.Run). */
static bool run_sub(bench *b, const char *name, bench_fn fn, bench_fn_arg fna, void *arg)
{
    struct bench_state *p = b->st, *s;
    struct measure *m = measure_of(p);
    bool ok, partial, failed;
    char *full;

    p->has_sub = true;
    if (m->h.ctr_owner != NULL) {
        /* The parent's batch is not a result: give the counters up. */
        counters_stop(m->h.ctr, m->h.ctr_owner->ctr_vals);
        m->h.ctr_owner = NULL;
    }
    full = match_full_name(m->m, p->name, name, &ok, &partial);
    if (full == NULL)
        bench_fail(b, "out of memory naming sub-benchmark \"%s\"", name);
    if (!ok || strlist_contains(m->done, full) || !on_path(m, full)) {
        free(full);
        return true;
    }
    s = state_new(&m->h, full, p, fn, fna, arg);
    free(full);
    if (s == NULL)
        bench_fail(b, "out of memory starting sub-benchmark \"%s\"", name);
    if (partial)
        s->has_sub = true;              /* -bench X/Y matched only X: a parent */
    run_named(s);
    emit(m, M_CUR, p->name, strlen(p->name));
    failed = s->failed;
    if (failed)
        p->failed = true;
    state_free(s);
    return !failed;
}

/* bench_run and bench_run_arg are bench.h's: Go's B.Run. */
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

const bench_def measure_builtin[] = {
    BENCH_DOC(Empty, "an empty loop: the harness's own cost per iteration"),
    BENCH_END,
};

/* measure_open_counters: see measure.h. */
void measure_open_counters(struct measure *m)
{
    char err[512];
    const char *const *notes;
    size_t nn;

    if (m->h.ctr != NULL || strcmp(m->o->counters, "none") == 0)
        return;
    m->h.ctr = counters_open(m->o->counters, err, sizeof err);
    if (m->h.ctr == NULL) {
        /* A usage error: this process runs no benchmark either (in a child,
         * the writer's stop is not this one's). */
        emitf(m, M_USAGE, "-counters: %s", err);
        m->stop = true;
        return;
    }
    m->h.nctr = counters_count(m->h.ctr);
    if (!m->notes_sent) {
        nn = counters_notes(m->h.ctr, &notes);
        for (size_t i = 0; i < nn; i++)
            emit(m, M_NOTE, notes[i], strlen(notes[i]));
        emit(m, M_NOTES_END, "", 0);
    }
}

/* measure_close_counters closes what measure_open_counters opened. */
void measure_close_counters(struct measure *m)
{
    if (m->h.ctr != NULL)
        counters_close(m->h.ctr);
    m->h.ctr = NULL;
    m->h.nctr = 0;
}

/* measure_top runs one top-level benchmark, as Go's main benchmark does
 * with b.Run for each of the suite. */
void measure_top(struct measure *m, const bench_def *d)
{
    char full[512];
    struct bench_state *s;
    bool partial;
    int rc;

    snprintf(full, sizeof full, "Benchmark%s", d->name);
    rc = match_top(m->m, full, &partial);
    if (rc < 0) {
        emitf(m, M_FATAL, "out of memory matching -bench against %s", full);
        return;
    }
    if (rc == 0 || strlist_contains(m->done, full) || !on_path(m, full))
        return;
    /* Every run1 outside process_bench's loop runs with the first P (Go
     * leaves GOMAXPROCS at the last value of the previous loop). */
    m->h.procs = m->target_procs > 0 ? m->target_procs : m->o->cpus[0];
    s = state_new(&m->h, full, NULL, d->fn, NULL, NULL);
    if (s == NULL) {
        emitf(m, M_OUT, "--- FAIL: %s\n    out of memory starting the benchmark\n", full);
        emit(m, M_FAIL, "", 0);
        return;
    }
    if (partial)
        s->has_sub = true;
    run_named(s);
    if (s->failed)
        emit(m, M_FAIL, "", 0);
    state_free(s);
}

