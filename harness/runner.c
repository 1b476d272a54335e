/*
 * runner.c -- bench_main and the benchmark handle: Go's testing.B in C.
 *
 * The flow is Go's (src/testing/benchmark.go, Go 1.19-1.21): every selected
 * benchmark is first run once with n = 1 (run1); one that called bench_run
 * in it is a parent and is not measured; a leaf is then run with growing n
 * until it runs for -benchtime (launch, ramp.c), -count times, each time
 * from n = 1 again, and only each final run is printed (process_bench).
 *
 * With -isolate (the default) each top-level benchmark, with all its
 * sub-benchmarks and repetitions, runs in a child process (isolate.c): the
 * child formats each line and sends it to the runner, which writes it out
 * (output.c) at once.  A child that crashes, exits or hangs is reported as
 * a failure of the benchmark it was running, and a new child runs the rest
 * of that benchmark's sub-benchmarks; results already sent are kept.
 */
#include "bench.h"

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "alloc.h"
#include "hygiene.h"
#include "clock.h"
#include "counters.h"
#include "env.h"
#include "flags.h"
#include "format.h"
#include "isolate.h"
#include "match.h"
#include "output.h"
#include "precision.h"
#include "ramp.h"
#include "sample.h"

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
};

/* The runner: one per process (a child has its copy). */
static struct {
    struct bench_opts o;
    const char *prog;                   /* program name for messages */
    matcher *m;                         /* -bench */
    int procs;                          /* CPUs usable: the -P suffix */
    int ext_len;                        /* strlen("-P"), 0 when P is 1 */
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
    const bench_def *cur_top;           /* top-level being discovered */
    struct leaf *leaves;                /* every leaf seen, with its samples */
    size_t nleaves;
    char **hnotes;                      /* more '#' lines for the head */
    size_t nhnotes;
} R;

/* A leaf benchmark as the writing process knows it: its ns/op samples, and
 * for -ci and -shuffle, what its top-level is and how far it got. */
struct leaf {
    char *name;                         /* full name, no -P */
    const bench_def *top;               /* its top-level benchmark */
    double *xs;                         /* ns/op of each result */
    size_t n, cap;
    long migrated;                      /* results measured across a CPU move */
    int64_t spent_ns;                   /* wall time of its runs */
    bool dead;                          /* failed or crashed: no more runs */
    bool done;                          /* -ci reached */
};

/* --- messages ------------------------------------------------------------ */

static void deliver(void *ctx, int kind, const char *text, size_t len);

/* emit hands a message to the writer: through the pipe in a child, by a
 * direct call otherwise. */
static void emit(int kind, const char *text, size_t len)
{
    if (iso_in_child())
        iso_send(kind, text, len);
    else
        deliver(NULL, kind, text, len);
}

static __attribute__((format(printf, 2, 3))) void emitf(int kind, const char *fmt, ...)
{
    char buf[4096];
    va_list ap;
    int k;

    va_start(ap, fmt);
    k = vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    if (k < 0)
        return;
    emit(kind, buf, (size_t)k < sizeof buf ? (size_t)k : sizeof buf - 1);
}

/* leaf_get finds the leaf named name[0..len), adding it if new; NULL when
 * out of memory. */
static struct leaf *leaf_get(const char *name, size_t len)
{
    struct leaf *g;

    for (size_t i = 0; i < R.nleaves; i++)
        if (strlen(R.leaves[i].name) == len && memcmp(R.leaves[i].name, name, len) == 0)
            return &R.leaves[i];
    g = realloc(R.leaves, (R.nleaves + 1) * sizeof *g);
    if (g == NULL)
        return NULL;
    R.leaves = g;
    memset(&g[R.nleaves], 0, sizeof *g);
    if ((g[R.nleaves].name = strndup(name, len)) == NULL)
        return NULL;
    return &R.leaves[R.nleaves++];
}

/* leaf_sample records "name\tns\tmigrated" from a child. */
static void leaf_sample(const char *text, size_t len)
{
    const char *tab = memchr(text, '\t', len);
    char num[64];
    struct leaf *l;
    double *g;
    char *end;

    if (tab == NULL || (l = leaf_get(text, (size_t)(tab - text))) == NULL)
        return;
    snprintf(num, sizeof num, "%.*s", (int)(len - (size_t)(tab + 1 - text)), tab + 1);
    if (l->n == l->cap) {
        size_t cap = l->cap ? 2 * l->cap : 16;
        if ((g = realloc(l->xs, cap * sizeof *g)) == NULL)
            return;
        l->xs = g;
        l->cap = cap;
    }
    l->xs[l->n++] = strtod(num, &end);
    if (*end == '\t' && strtol(end + 1, NULL, 10) > 0)
        l->migrated++;
}

/* hnote adds a '#' line for the head of the results. */
static __attribute__((format(printf, 1, 2))) void hnote(const char *fmt, ...)
{
    char buf[512], **g;
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    g = realloc(R.hnotes, (R.nhnotes + 1) * sizeof *g);
    if (g == NULL)
        return;
    R.hnotes = g;
    if ((R.hnotes[R.nhnotes] = strdup(buf)) != NULL)
        R.nhnotes++;
}

/* on_path: with a target leaf, only it and its parents run. */
static bool on_path(const char *name)
{
    size_t len = strlen(name);

    if (R.target == NULL)
        return true;
    return strcmp(name, R.target) == 0 ||
           (strncmp(R.target, name, len) == 0 && R.target[len] == '/');
}

static void skip_clear(void)
{
    for (size_t i = 0; i < R.nskip; i++)
        free(R.skip[i]);
    R.nskip = 0;
}

static bool skip_has(const char *name)
{
    for (size_t i = 0; i < R.nskip; i++)
        if (strcmp(R.skip[i], name) == 0)
            return true;
    return false;
}

/* skip_add records that name[0..len) must not run again; false when out
 * of memory. */
static bool skip_add(const char *name, size_t len)
{
    char **g = realloc(R.skip, (R.nskip + 1) * sizeof *g);
    char *s = strndup(name, len);

    if (g == NULL || s == NULL) {
        free(s);
        if (g != NULL)
            R.skip = g;
        return false;
    }
    R.skip = g;
    R.skip[R.nskip++] = s;
    return true;
}

/* goarch is the GOARCH name of the machine the runner was built for. */
static const char *goarch(void)
{
#if defined(__x86_64__)
    return "amd64";
#elif defined(__aarch64__)
    return "arm64";
#elif defined(__i386__)
    return "386";
#elif defined(__arm__)
    return "arm";
#elif defined(__riscv) && __riscv_xlen == 64
    return "riscv64";
#elif defined(__powerpc64__) && defined(__LITTLE_ENDIAN__)
    return "ppc64le";
#elif defined(__s390x__)
    return "s390x";
#else
    return "unknown";
#endif
}

/* write_out writes results text; a failure stops the run. */
static void write_out(const char *text, size_t len, bool result)
{
    char err[512];

    if (R.stop)
        return;
    if (out_write(text, len, result, err, sizeof err) != 0) {
        R.stop = true;
        R.stop_status = 1;
        snprintf(R.stop_msg, sizeof R.stop_msg, "%s", err);
    }
}

/* header writes the config lines as go test does (goos, goarch, pkg, cpu:
 * stable facts only, since benchstat splits tables on them), then the
 * volatile facts as '#' comment lines. */
static void header(void)
{
    char buf[1024];
    char **env;
    size_t nenv;
    const char *cpu = env_cpu_model();
    int k;

    if (R.header_done)
        return;
    R.header_done = true;
    k = snprintf(buf, sizeof buf, "goos: linux\ngoarch: %s\npkg: escbench\n", goarch());
    write_out(buf, (size_t)k, false);
    if (cpu[0] != '\0') {
        k = snprintf(buf, sizeof buf, "cpu: %s\n", cpu);
        write_out(buf, (size_t)k, false);
    }
    nenv = env_notes(&env);
    for (size_t i = 0; i < nenv; i++) {
        k = snprintf(buf, sizeof buf, "# %s\n", env[i]);
        write_out(buf, (size_t)k, false);
    }
    env_notes_free(env, nenv);
    k = snprintf(buf, sizeof buf, "# clock: %s\n# isolation: %s\n", clock_name(),
                 R.o.isolate ? "a child process per benchmark" : "none (-isolate=false)");
    write_out(buf, (size_t)k, false);
    for (size_t i = 0; i < R.nnotes; i++) {
        k = snprintf(buf, sizeof buf, "# %s\n", R.notes[i]);
        write_out(buf, (size_t)k, false);
    }
    for (size_t i = 0; i < R.nhnotes; i++) {
        k = snprintf(buf, sizeof buf, "# %s\n", R.hnotes[i]);
        write_out(buf, (size_t)k, false);
    }
}

/* deliver acts on one message in the process that writes the results. */
static void deliver(void *ctx, int kind, const char *text, size_t len)
{
    char **g;

    (void)ctx;
    switch (kind) {
    case M_OUT:
        header();
        write_out(text, len, len > 9 && memcmp(text, "Benchmark", 9) == 0);
        break;
    case M_ERR:
        fwrite(text, 1, len, stderr);
        fflush(stderr);
        break;
    case M_NOTE:
        if (R.notes_done)
            break;
        fprintf(stderr, "%s: %.*s\n", R.prog, (int)len, text);
        g = realloc(R.notes, (R.nnotes + 1) * sizeof *g);
        if (g != NULL) {
            R.notes = g;
            if ((R.notes[R.nnotes] = strndup(text, len)) != NULL)
                R.nnotes++;
        }
        break;
    case M_NOTES_END:
        R.notes_done = true;
        break;
    case M_CUR:
        free(R.current);
        R.current = strndup(text, len);
        break;
    case M_DONE:
        (void)skip_add(text, len);
        break;
    case M_MAXLEN: {
        char num[32];
        snprintf(num, sizeof num, "%.*s", (int)(len < 31 ? len : 31), text);
        R.max_len = atoi(num);
        break;
    }
    case M_FAIL:
        R.failed = true;
        break;
    case M_LEAF: {
        struct leaf *l = leaf_get(text, len);
        if (l != NULL)
            l->top = R.cur_top;
        break;
    }
    case M_SAMPLE:
        leaf_sample(text, len);
        break;
    case M_FATAL:
        if (!R.stop) {
            R.stop = true;
            R.stop_status = 1;
            snprintf(R.stop_msg, sizeof R.stop_msg, "%.*s", (int)len, text);
        }
        break;
    case M_USAGE:
        if (!R.stop) {
            R.stop = true;
            R.stop_status = 2;
            snprintf(R.stop_msg, sizeof R.stop_msg, "%.*s", (int)len, text);
        }
        break;
    }
}

/* --- the benchmark handle ------------------------------------------------ */

/* out_append adds formatted text to s's output; memory for it was reserved
 * when s was made, so logging in a timed region rarely allocates. */
static void out_vappend(struct bench_state *s, const char *prefix, const char *fmt, va_list ap)
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
}

void bench_start_timer(bench *b)
{
    struct bench_state *s = b->st;

    if (!s->timer_on) {
        /* Count first, then read the clock: nothing of ours is timed. */
        alloc_count_start();
        s->start_ns = clock_now_ns();
        s->timer_on = true;
    }
}

void bench_stop_timer(bench *b)
{
    struct bench_state *s = b->st;

    if (s->timer_on) {
        int64_t now = clock_now_ns();
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
    if (s->timer_on)
        s->start_ns = clock_now_ns();
    s->duration_ns = 0;
}

void bench_report_allocs(bench *b)
{
    b->st->show_allocs = true;
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

    va_start(ap, fmt);
    out_vappend(s, "    ", fmt, ap);
    va_end(ap);
    /* Go's Fail marks the parents failed too. */
    for (struct bench_state *p = s; p != NULL; p = p->parent)
        p->failed = true;
    s->finished = true;
    longjmp(s->jb, 1);
}

_Noreturn void bench_skip(bench *b, const char *fmt, ...)
{
    struct bench_state *s = b->st;
    va_list ap;

    va_start(ap, fmt);
    out_vappend(s, "    ", fmt, ap);
    va_end(ap);
    s->skipped = true;
    s->finished = true;
    longjmp(s->jb, 1);
}

const char *bench_name(const bench *b)
{
    return b->st->name;
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
    if (setjmp(s->jb) == 0) {
        bench_reset_timer(&s->b);
        ctr_start(s);
        bench_start_timer(&s->b);
        call(s);
    }
    bench_stop_timer(&s->b);
    ctr_stop(s);
    alloc_count_read(&c);
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
    emitf(M_OUT, "--- %s: %s\n", tag, name);
    if (cut > 0)
        emit(M_OUT, s->out, cut);
    if (cut < s->outlen)
        emitf(M_OUT, "\n\t... [output truncated]\n");
}

/* run1 runs s once with n = 1 and reports whether it is a leaf to measure
 * (Go's run1). */
static bool run1(struct bench_state *s)
{
    int len = (int)strlen(s->name) + R.ext_len + 1;

    if (len > R.max_len) {
        R.max_len = len + 8;            /* Go: slack against many jumps */
        emitf(M_MAXLEN, "%d", R.max_len);
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
        emitf(M_ERR, "%s: %s: measured 0 ns in %lld iterations: the clock did not move\n",
              R.prog, bn, (long long)r->n);
    else if (ns < 0.1 && !s->warned_fast) {
        s->warned_fast = true;
        emitf(M_ERR, "%s: %s: %.4g ns/op is implausibly fast: the compiler probably "
              "deleted the loop body (use bench_keep or bench_escape)\n", R.prog, bn, ns);
    }
    if (R.o.benchtime_n == 0 && r->n >= RAMP_MAX_N && s->duration_ns < R.o.benchtime_ns &&
        !s->warned_cap) {
        s->warned_cap = true;
        fmt_duration(d, sizeof d, s->duration_ns);
        fmt_duration(g, sizeof g, R.o.benchtime_ns);
        emitf(M_ERR, "%s: %s: n reached the cap of 1e9 iterations in %s, short of "
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
        emitf(M_OUT, "# allocsites %s: no allocations in %lld iterations\n", bn, (long long)n);
    for (size_t i = 0; i < k; i++) {
        alloc_site_describe(sites[i].pc, where, sizeof where);
        emitf(M_OUT, "# allocsite %s: %llu B/op %llu allocs/op (%llu allocations in %lld "
              "iterations) at %s\n", bn, (unsigned long long)(sites[i].bytes / (uint64_t)n),
              (unsigned long long)(sites[i].allocs / (uint64_t)n),
              (unsigned long long)sites[i].allocs, (long long)n, where);
    }
}

/* process_bench runs leaf s -count times and sends each result line (Go's
 * processBench).  run1 has run once already. */
static void process_bench(struct bench_state *s)
{
    char bn[1024], line[2048];
    struct fmt_result r;
    int k;

    fmt_bench_name(bn, sizeof bn, s->name, R.procs);
    int count = R.target != NULL ? 1 : R.o.count;

    for (int j = 0; j < count; j++) {
        long m0, m1;

        if (j > 0) {
            /* Go ignores a failing run1 here and then prints the failure
             * twice; once is enough. */
            state_again(s);
            if (!run1(s))
                continue;
        }
        m0 = hygiene_migrations();
        launch(s);
        m1 = hygiene_migrations();
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
        emit(M_OUT, line, (size_t)k);
        emitf(M_SAMPLE, "%s\t%.17g\t%d", s->name, fmt_ns_per_op(&r), m0 >= 0 && m1 > m0);
        warn_result(bn, s, &r);
        if (s->outlen > 0)
            emit_block("BENCH", bn, s, true);
        if (R.o.allocsites && j == count - 1)
            allocsites(s, bn);
    }
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
    if (!ok || skip_has(full) || !on_path(full)) {
        free(full);
        return true;
    }
    s = state_new(full, p, fn, fna, arg);
    free(full);
    if (s == NULL)
        bench_fail(b, "out of memory starting sub-benchmark \"%s\"", name);
    if (partial)
        s->has_sub = true;              /* -bench X/Y matched only X: a parent */
    emit(M_CUR, s->name, strlen(s->name));
    if (run1(s)) {
        if (R.discover)
            emit(M_LEAF, s->name, strlen(s->name));
        else
            process_bench(s);
    }
    emit(M_DONE, s->name, strlen(s->name));
    emit(M_CUR, p->name, strlen(p->name));
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

static const bench_def builtin[] = {
    BENCH_DOC(Empty, "an empty loop: the harness's own cost per iteration"),
    BENCH_END,
};

/* open_counters opens the -counters set in this process and sends its
 * notes (once per run). */
static void open_counters(void)
{
    char err[512];
    const char *const *notes;
    size_t nn;

    if (R.ctr != NULL || strcmp(R.o.counters, "none") == 0)
        return;
    R.ctr = counters_open(R.o.counters, err, sizeof err);
    if (R.ctr == NULL) {
        emitf(M_USAGE, "-counters: %s", err);
        return;
    }
    R.nctr = counters_count(R.ctr);
    if (!R.notes_done) {
        nn = counters_notes(R.ctr, &notes);
        for (size_t i = 0; i < nn; i++)
            emit(M_NOTE, notes[i], strlen(notes[i]));
        emit(M_NOTES_END, "", 0);
    }
}

/* run_top runs one top-level benchmark, as Go's main benchmark does with
 * b.Run for each of the suite. */
static void run_top(const bench_def *d)
{
    char full[512];
    struct bench_state *s;
    bool partial;
    int rc;

    snprintf(full, sizeof full, "Benchmark%s", d->name);
    rc = match_top(R.m, full, &partial);
    if (rc < 0) {
        emitf(M_FATAL, "out of memory matching -bench against %s", full);
        return;
    }
    if (rc == 0 || skip_has(full) || !on_path(full))
        return;
    s = state_new(full, NULL, d->fn, NULL, NULL);
    if (s == NULL) {
        emitf(M_OUT, "--- FAIL: %s\n    out of memory starting the benchmark\n", full);
        emit(M_FAIL, "", 0);
        return;
    }
    if (partial)
        s->has_sub = true;
    emit(M_CUR, s->name, strlen(s->name));
    if (run1(s)) {
        if (R.discover)
            emit(M_LEAF, s->name, strlen(s->name));
        else
            process_bench(s);
    }
    emit(M_DONE, s->name, strlen(s->name));
    if (s->failed)
        emit(M_FAIL, "", 0);
    state_free(s);
}

/* child_body is what a child process runs. */
static void child_body(void *arg)
{
    open_counters();
    if (R.stop)
        return;
    run_top(arg);
    if (R.ctr != NULL)
        counters_close(R.ctr);
}

/* selected reports whether -bench selects top-level benchmark d (fully or
 * partially); running out of memory stops the run. */
static bool selected(const bench_def *d)
{
    char full[512];
    bool partial;
    int rc;

    snprintf(full, sizeof full, "Benchmark%s", d->name);
    rc = match_top(R.m, full, &partial);
    if (rc < 0)
        deliver(NULL, M_FATAL, "out of memory matching -bench", 29);
    return rc > 0;
}

/* run_isolated runs top-level benchmark d in child processes until all of
 * it has run: after a crash, a new child skips what is done and what
 * crashed.  Returns false when the run must stop (interrupted, stop). */
static bool run_isolated(const bench_def *d)
{
    char full[512], why[256], block[1024];
    struct iso_status st;
    bool sub_crashed = false;

    snprintf(full, sizeof full, "Benchmark%s", d->name);
    for (int attempt = 0; attempt < 1000; attempt++) {
        const char *blame;
        int k;

        free(R.current);
        R.current = NULL;
        iso_run(child_body, (void *)d, R.o.timeout_ns, deliver, NULL, &st);
        R.notes_done = true;            /* only the first child's notes */
        if (R.stop)
            return false;
        if (st.end == ISO_OK) {
            /* Go fails the parents of a failed sub-benchmark; the child that
             * ran the rest did not see the crash. */
            if (sub_crashed) {
                k = snprintf(block, sizeof block, "--- FAIL: %s\n", full);
                deliver(NULL, M_OUT, block, (size_t)k);
            }
            return true;
        }
        if (st.end == ISO_INTERRUPTED)
            return false;
        blame = R.current != NULL ? R.current : full;
        iso_describe(&st, R.o.timeout_ns, why, sizeof why);
        k = snprintf(block, sizeof block, "--- FAIL: %s\n    %s\n", blame, why);
        deliver(NULL, M_OUT, block, (size_t)k < sizeof block ? (size_t)k : sizeof block - 1);
        R.failed = true;
        if (st.end == ISO_ERROR || skip_has(blame) || strcmp(blame, full) == 0)
            return true;
        /* Run the rest of this benchmark's sub-benchmarks. */
        if (!skip_add(blame, strlen(blame)))
            return true;
        sub_crashed = true;
    }
    return true;
}

/* run_all runs every selected benchmark in suite order, each -count times
 * back to back, as go test.  Returns false when interrupted. */
static bool run_all(const bench_def *const tables[2])
{
    for (int t = 0; t < 2 && !R.stop; t++)
        for (const bench_def *d = tables[t]; d->name != NULL && !R.stop; d++) {
            if (!R.o.isolate) {
                run_top(d);
                continue;
            }
            if (!selected(d))
                continue;               /* no child for what will not run */
            if (!run_isolated(d))
                return R.stop;
            if (iso_interrupted)
                return false;
        }
    return true;
}

/* run_job runs one repetition of leaf l: its top-level benchmark with only
 * the path to l selected.  A leaf that fails or crashes gets no more runs.
 * Returns false when interrupted. */
static bool run_job(struct leaf *l)
{
    char why[256], block[1024];
    struct iso_status st;
    size_t before = l->n;
    int64_t t0 = clock_now_ns();
    bool go_on = true;

    R.target = l->name;
    if (!R.o.isolate) {
        match_forget(R.m);              /* the same names as the first time */
        run_top(l->top);
    } else {
        free(R.current);
        R.current = NULL;
        iso_run(child_body, (void *)l->top, R.o.timeout_ns, deliver, NULL, &st);
        if (st.end == ISO_INTERRUPTED) {
            go_on = false;
        } else if (st.end != ISO_OK && !R.stop) {
            int k;
            iso_describe(&st, R.o.timeout_ns, why, sizeof why);
            k = snprintf(block, sizeof block, "--- FAIL: %s\n    %s\n",
                         R.current != NULL ? R.current : l->name, why);
            deliver(NULL, M_OUT, block, (size_t)k < sizeof block ? (size_t)k : sizeof block - 1);
            R.failed = true;
        }
    }
    R.target = NULL;
    skip_clear();                       /* "done" is per run here */
    l->spent_ns += clock_now_ns() - t0;
    if (l->n == before)
        l->dead = true;                 /* failed, skipped or crashed */
    return go_on && !iso_interrupted;
}

/* ci_reached reports whether leaf l's samples are precise enough for -ci. */
static bool ci_reached(const struct leaf *l)
{
    double xs[1024], median, pct;
    size_t n = l->n < 1024 ? l->n : 1024;

    if ((int)l->n < R.o.count)
        return false;
    memcpy(xs, l->xs, n * sizeof *xs);
    sample_sort(xs, n);
    return prec_ci(xs, n, 0.95, &median, &pct) && pct <= R.o.ci_pct;
}

/* active: leaf l may get another run under -ci. */
static bool active(const struct leaf *l)
{
    return !l->dead && !l->done && (int)l->n < R.o.maxcount &&
           (R.o.maxtime_ns == 0 || l->spent_ns < R.o.maxtime_ns);
}

/* run_plan is the runner for -shuffle and -ci: first every selected
 * benchmark runs once with n = 1 to find the leaves (parents are run to
 * reach them); then each repetition of each leaf is a run of its own, in a
 * seeded random order with -shuffle, and with -ci until the leaf's
 * confidence interval is narrow enough.  Returns false when interrupted. */
static bool run_plan(const bench_def *const tables[2])
{
    uint64_t rng = R.o.seed;
    size_t *order = NULL, norder = 0, nl;
    bool ok = true;

    R.discover = true;
    for (int t = 0; t < 2 && ok && !R.stop; t++)
        for (const bench_def *d = tables[t]; d->name != NULL && ok && !R.stop; d++) {
            R.cur_top = d;
            if (!R.o.isolate) {
                run_top(d);
                continue;
            }
            if (selected(d))
                ok = run_isolated(d) && !iso_interrupted;
        }
    R.discover = false;
    skip_clear();
    nl = R.nleaves;
    if (!ok || R.stop || nl == 0)
        return ok || R.stop;

    if (R.o.ci_pct <= 0) {
        /* -shuffle with -count: every (leaf, repetition) once, shuffled. */
        norder = nl * (size_t)R.o.count;
        if ((order = malloc(norder * sizeof *order)) == NULL)
            return true;
        for (size_t i = 0; i < norder; i++)
            order[i] = i % nl;
        prec_shuffle(order, norder, &rng);
        for (size_t i = 0; i < norder && ok && !R.stop; i++)
            if (!R.leaves[order[i]].dead)
                ok = run_job(&R.leaves[order[i]]);
        free(order);
        return ok || R.stop;
    }
    if ((order = malloc(nl * sizeof *order)) == NULL)
        return true;
    if (!R.o.shuffle) {
        /* -ci alone: each leaf until done, one after the other. */
        for (size_t i = 0; i < nl && ok && !R.stop; i++)
            while (ok && !R.stop && active(&R.leaves[i])) {
                ok = run_job(&R.leaves[i]);
                R.leaves[i].done = ci_reached(&R.leaves[i]);
            }
    } else {
        /* -ci with -shuffle: rounds of one run of every unfinished leaf,
         * each round in a new random order. */
        for (;;) {
            norder = 0;
            for (size_t i = 0; i < nl; i++)
                if (active(&R.leaves[i]))
                    order[norder++] = i;
            if (norder == 0 || !ok || R.stop)
                break;
            prec_shuffle(order, norder, &rng);
            for (size_t i = 0; i < norder && ok && !R.stop; i++) {
                struct leaf *l = &R.leaves[order[i]];
                ok = run_job(l);
                l->done = ci_reached(l);
            }
        }
    }
    free(order);
    return ok || R.stop;
}

/* warn writes a warning as a '#' line of the results and on stderr. */
static __attribute__((format(printf, 1, 2))) void warn(const char *fmt, ...)
{
    char buf[1024], line[1100];
    va_list ap;
    int k;

    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    fprintf(stderr, "%s: %s\n", R.prog, buf);
    k = snprintf(line, sizeof line, "# %s\n", buf);
    header();
    write_out(line, (size_t)k < sizeof line ? (size_t)k : sizeof line - 1, false);
}

/* report_precision ends the results with what makes them doubtful, each
 * with what to do about it: per benchmark (-ci outcome, wide interval,
 * outliers, two clusters, CPU moves), then the machine (load, frequency
 * scaling, hypervisor). */
static void report_precision(void)
{
    char bn[1024], gov[64], d[40];
    double load;

    for (size_t i = 0; i < R.nleaves; i++) {
        struct leaf *l = &R.leaves[i];
        double xs[1024], median, pct;
        size_t n = l->n < 1024 ? l->n : 1024, split, out;
        bool bounded;

        if (n == 0)
            continue;
        fmt_bench_name(bn, sizeof bn, l->name, R.procs);
        memcpy(xs, l->xs, n * sizeof *xs);
        sample_sort(xs, n);
        bounded = prec_ci(xs, n, 0.95, &median, &pct);
        if (R.o.ci_pct > 0) {
            fmt_duration(d, sizeof d, l->spent_ns - l->spent_ns % 1000000);
            if (l->done)
                warn("ci %s: +-%.1f%% after %zu samples (%s)", bn, pct, n, d);
            else if (bounded)
                warn("warning: %s: +-%.1f%% after %zu samples (%s), not within +-%g%%: "
                     "raise -maxcount/-maxtime or quiet the machine", bn, pct, n, d, R.o.ci_pct);
            else
                warn("warning: %s: interval unbounded after %zu samples (%s), not within "
                     "+-%g%%: raise -maxcount/-maxtime", bn, n, d, R.o.ci_pct);
        } else if (bounded && pct > 5) {
            warn("warning: %s: the 95%% CI of the median is +-%.1f%% (%zu samples), wider than "
                 "+-5%%: run with -ci 5%% or on a quieter machine", bn, pct, n);
        }
        out = prec_outliers(xs, n);
        if (out > 0)
            warn("warning: %s: %zu of %zu samples are outliers (Tukey's fences): something "
                 "disturbed those runs; %s", bn, out, n,
                 R.o.shuffle ? "rerun on a quieter machine"
                             : "rerun, or use -shuffle on to spread the disturbance");
        if (prec_bimodal(xs, n, &split))
            warn("warning: %s: the samples form two clusters (%zu near %.4g ns/op, %zu near "
                 "%.4g ns/op): look for a cause that switches (alignment, frequency, another "
                 "process) before trusting the median", bn, split, xs[split / 2], n - split,
                 xs[split + (n - split) / 2]);
        if (l->migrated > 0 && R.o.pin < 0)
            warn("warning: %s: %ld of %zu results were measured across a move to another "
                 "CPU: use -pin CPU", bn, l->migrated, n);
    }
    if (R.nleaves == 0)
        return;
    load = hygiene_load();
    if (load >= 1.5)
        warn("warning: load average %.2f at the end of the run (this run accounts for about "
             "1): other work competes for the CPUs; measure on a quiet machine", load);
    if (hygiene_governor(R.o.pin >= 0 ? R.o.pin : 0, gov, sizeof gov) != 0)
        warn("warning: CPU frequency scaling cannot be checked (no cpufreq in /sys): the "
             "clock may change under the benchmarks; compare runs from one machine only");
    else if (strcmp(gov, "performance") != 0)
        warn("warning: CPU frequency governor is '%s', not 'performance': "
             "run 'cpupower frequency-set -g performance' for steadier numbers", gov);
    if (hygiene_hypervisor())
        warn("warning: running under a hypervisor: the host's load and steal time are "
             "invisible here; compare only runs made on the same VM, back to back");
}

/* usage_error prints the reason and the usage on stderr; returns 2. */
static int usage_error(const char *why)
{
    fprintf(stderr, "%s: %s\n%s", R.prog, why, flags_usage());
    return 2;
}

/* list prints the benchmarks matching -list, one per line (go test -list). */
static int list(const bench_def *const tables[2])
{
    char full[512], err[512];

    for (int t = 0; t < 2; t++)
        for (const bench_def *d = tables[t]; d->name != NULL; d++) {
            int rc;
            snprintf(full, sizeof full, "Benchmark%s", d->name);
            rc = match_string(R.o.list, full, err, sizeof err);
            if (rc < 0)
                return usage_error(err);
            if (rc == 0)
                continue;
            if (R.o.verbose && d->doc != NULL)
                printf("%s\t%s\n", full, d->doc);
            else
                printf("%s\n", full);
        }
    if (fflush(stdout) != 0) {
        fprintf(stderr, "%s: writing standard output: %s\n", R.prog, strerror(errno));
        return 1;
    }
    return 0;
}

/* usable_cpus is the number of CPUs this process may run on: Go's
 * GOMAXPROCS default, the -P of the names. */
static int usable_cpus(void)
{
    cpu_set_t set;

    if (sched_getaffinity(0, sizeof set, &set) == 0 && CPU_COUNT(&set) > 0)
        return CPU_COUNT(&set);
    return 1;
}

int bench_main(int argc, char **argv, const bench_def *suite)
{
    const bench_def *const tables[2] = {builtin, suite};
    char err[512], name[600];
    bool interrupted = false;
    const char *slash;
    int status;

    R.prog = argc > 0 && argv[0] != NULL ? argv[0] : "escbench";
    if ((slash = strrchr(R.prog, '/')) != NULL)
        R.prog = slash + 1;
    flags_defaults(&R.o);
    if (flags_parse(argc, argv, &R.o, err, sizeof err) != 0)
        return usage_error(err);
    if (R.o.help) {
        fputs(flags_usage(), stdout);
        return 0;
    }
    if (R.o.list != NULL)
        return list(tables);
    if (strcmp(R.o.counters, "list") == 0) {
        char *l = counters_list();
        if (l != NULL)
            fputs(l, stdout);
        free(l);
        return 0;
    }
    R.m = match_new(R.o.bench, "-bench", err, sizeof err);
    if (R.m == NULL)
        return usage_error(err);
    R.procs = usable_cpus();
    fmt_bench_name(name, sizeof name, "", R.procs);
    R.ext_len = (int)strlen(name);
    /* The name column: Go's runBenchmarks, over the selected top level. */
    for (int t = 0; t < 2; t++)
        for (const bench_def *d = tables[t]; d->name != NULL; d++) {
            bool partial;
            char full[512];
            int ok;
            snprintf(full, sizeof full, "Benchmark%s", d->name);
            if ((ok = match_top(R.m, full, &partial)) < 0) {
                fprintf(stderr, "%s: out of memory matching -bench\n", R.prog);
                return 1;
            }
            fmt_bench_name(name, sizeof name, full, R.procs);
            if (ok && (int)strlen(name) + R.ext_len + 1 > R.max_len)
                R.max_len = (int)strlen(name) + R.ext_len + 1;
        }
    /* A closed stdout must not become the results file's descriptor (the
     * lowest free one): hold 0-2 open on /dev/null.  Without -o the
     * results would go nowhere: that is an error. */
    for (int fd = 0; fd <= 2; fd++)
        if (fcntl(fd, F_GETFD) < 0 && errno == EBADF) {
            int nul = open("/dev/null", fd == 0 ? O_RDONLY : O_WRONLY);
            if (nul >= 0 && nul != fd) {
                dup2(nul, fd);
                close(nul);
            }
            if (fd == 1 && R.o.out == NULL) {
                fprintf(stderr, "%s: standard output is closed and there is no -o file\n",
                        R.prog);
                return 1;
            }
        }
    if (out_open(R.o.out, err, sizeof err) != 0) {
        fprintf(stderr, "%s: %s\n", R.prog, err);
        return 1;
    }
    iso_signals_install(!R.o.isolate);
    if (R.o.pin >= 0) {
        /* After the -P of the names was taken: pinning does not rename. */
        if (hygiene_pin(R.o.pin) == 0)
            hnote("pinned to CPU %d (-pin %d)", R.o.pin, R.o.pin);
        else {
            fprintf(stderr, "%s: warning: -pin %d: cannot run on CPU %d: %s; running unpinned\n",
                    R.prog, R.o.pin, R.o.pin, strerror(errno));
            hnote("warning: -pin %d: cannot run on CPU %d: %s; running unpinned", R.o.pin,
                  R.o.pin, strerror(errno));
        }
    }
    if (R.o.shuffle) {
        if (!R.o.seed_given)
            R.o.seed = (uint64_t)clock_now_ns() ^ ((uint64_t)getpid() << 32);
        fprintf(stderr, "%s: -shuffle %llu\n", R.prog, (unsigned long long)R.o.seed);
        hnote("shuffle: seed %llu (repeat this order with -shuffle %llu)",
              (unsigned long long)R.o.seed, (unsigned long long)R.o.seed);
    }
    if (R.o.ci_pct > 0)
        hnote("ci: each benchmark repeated until the 95%% CI of its median ns/op is within "
              "+-%g%% (at least -count %d, at most -maxcount %d samples)", R.o.ci_pct,
              R.o.count, R.o.maxcount);
    if (!R.o.isolate) {
        open_counters();
        R.notes_done = true;
    }
    /* Go: an empty -bench runs no benchmarks. */
    if (R.o.bench[0] != '\0')
        interrupted = R.o.ci_pct > 0 || R.o.shuffle ? !run_plan(tables) : !run_all(tables);
    if (!interrupted && !R.stop)
        report_precision();
    if (R.ctr != NULL)
        counters_close(R.ctr);
    if (interrupted || R.stop) {
        if (interrupted)
            fprintf(stderr, "%s: interrupted\n", R.prog);
        else
            fprintf(stderr, "%s: %s\n", R.prog, R.stop_msg);
        out_finish(false, err, sizeof err);
        if (err[0] != '\0')
            fprintf(stderr, "%s: %s\n", R.prog, err);
        status = interrupted ? 130 : R.stop_status;
    } else {
        write_out(R.failed ? "FAIL\n" : "PASS\n", 5, false);
        if (out_finish(!R.stop, err, sizeof err) != 0 || R.stop)
            status = 1;
        else
            status = R.failed ? 1 : 0;
        if (R.stop)
            fprintf(stderr, "%s: %s\n", R.prog, R.stop_msg);
        if (err[0] != '\0')
            fprintf(stderr, "%s: %s\n", R.prog, err);
    }
    match_free(R.m);
    for (size_t i = 0; i < R.nskip; i++)
        free(R.skip[i]);
    free(R.skip);
    for (size_t i = 0; i < R.nnotes; i++)
        free(R.notes[i]);
    free(R.notes);
    free(R.current);
    for (size_t i = 0; i < R.nleaves; i++) {
        free(R.leaves[i].name);
        free(R.leaves[i].xs);
    }
    free(R.leaves);
    for (size_t i = 0; i < R.nhnotes; i++)
        free(R.hnotes[i]);
    free(R.hnotes);
    return status;
}
