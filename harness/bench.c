/*
 * bench.c -- the benchmark handle (bench.h): the timer, metrics, the log,
 * failing and skipping, cleanups; and the state behind each handle
 * (bench_int.h).  Go's flow that runs a benchmark through its handle is
 * measure.c; bench_run_parallel is parallel.c.
 */
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench_int.h"
#include "vec.h"
#include "isolate.h"

#if defined(__x86_64__) && defined(__GLIBC__)
/* 1560 bytes: the size the state had when E5Buffer's page faults were
 * counted in docs/cases.md; more would take a bigger heap block. */
_Static_assert(sizeof(struct bench_state) <= 1560, "bench_state grew: see bench_int.h");
#endif

/* The lock over every handle's log and failure flags: the threads of
 * bench_run_parallel may log, fail or skip at once. */
static pthread_mutex_t log_mu = PTHREAD_MUTEX_INITIALIZER;
/* Where bench_fail and bench_skip return on a body thread of
 * bench_run_parallel (NULL on the benchmark's own thread). */
static __thread jmp_buf *body_jb;

/* state_body_enter, state_body_leave, state_after_fork: see bench_int.h. */
void state_body_enter(jmp_buf *jb)
{
    body_jb = jb;
}

void state_body_leave(void)
{
    body_jb = NULL;
}

void state_after_fork(void)
{
    pthread_mutex_init(&log_mu, NULL);
}

/* out_vappend_locked adds formatted text to s's output, the log lock held;
 * memory for it was reserved when s was made, so logging in a timed region
 * rarely allocates. */
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
        if (vec_resize(&s->out, need * 2, 1) == 0) {
            s->outcap = need * 2;
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
    pthread_mutex_lock(&log_mu);
    out_vappend_locked(s, prefix, fmt, ap);
    pthread_mutex_unlock(&log_mu);
}

/* state_new: see bench_int.h.  The output buffer is reserved now (1 KiB),
 * so that logging in a timed region rarely allocates. */
struct bench_state *state_new(struct bench_ctx *ctx, const char *name,
                              struct bench_state *parent, bench_fn fn, bench_fn_arg fna,
                              void *arg)
{
    struct bench_state *s = calloc(1, sizeof *s);

    if (s == NULL)
        return NULL;
    s->name = strdup(name);
    s->outcap = 1024;
    s->out = malloc(s->outcap);
    s->ctr_vals = calloc((size_t)(ctx->nctr > 0 ? ctx->nctr : 1), sizeof *s->ctr_vals);
    if (s->name == NULL || s->out == NULL || s->ctr_vals == NULL) {
        free(s->name);
        free(s->out);
        free(s->ctr_vals);
        free(s);
        return NULL;
    }
    s->out[0] = '\0';
    s->b.st = s;
    s->ctx = ctx;
    s->json = ctx->json;
    s->parent = parent;
    s->fn = fn;
    s->fna = fna;
    s->arg = arg;
    return s;
}

/* state_free also gives the counters up if s was counting. */
void state_free(struct bench_state *s)
{
    if (s == NULL)
        return;
    if (s->ctx->ctr_owner == s)
        s->ctx->ctr_owner = NULL;
    free(s->cleanups);
    free(s->name);
    free(s->out);
    free(s->ctr_vals);
    free(s);
}

/* state_again: see bench_int.h. */
void state_again(struct bench_state *s)
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

/* state_cpu_start and state_cpu_stop: see bench_int.h. */
void state_cpu_start(struct bench_state *s)
{
    s->ctx->cpu_start_ns = clock_thread_cpu_ns();
}

void state_cpu_stop(struct bench_state *s)
{
    s->ctx->cpu_ns += clock_thread_cpu_ns() - s->ctx->cpu_start_ns;
}

/* The timer functions are bench_int.h's state_timer_*, inline there so
 * that measure.c's run_n times with no call of ours inside the window. */
void bench_start_timer(bench *b)
{
    state_timer_start(b->st);
}

void bench_stop_timer(bench *b)
{
    state_timer_stop(b->st);
}

void bench_reset_timer(bench *b)
{
    state_timer_reset(b->st);
}

/* The rest of the handle's functions are documented in bench.h. */
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

/* mark_end logs fmt with ap in s's output and marks s failed (and its
 * parents, as Go's Fail does) or skipped, and finished. */
static void mark_end(struct bench_state *s, bool fail, const char *fmt, va_list ap)
{
    pthread_mutex_lock(&log_mu);
    out_vappend_locked(s, "    ", fmt, ap);
    if (fail)
        for (struct bench_state *p = s; p != NULL; p = p->parent)
            p->failed = true;
    else
        s->skipped = true;
    s->finished = true;
    pthread_mutex_unlock(&log_mu);
}

/* leave ends the function s is running: the thread of a body of
 * bench_run_parallel ends (Go's Goexit); the benchmark's own thread
 * returns to run_n's setjmp. */
static _Noreturn void leave(struct bench_state *s)
{
    if (body_jb != NULL)
        longjmp(*body_jb, 1);
    longjmp(s->jb, 1);
}

_Noreturn void bench_fail(bench *b, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    mark_end(b->st, true, fmt, ap);
    va_end(ap);
    leave(b->st);
}

_Noreturn void bench_skip(bench *b, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    mark_end(b->st, false, fmt, ap);
    va_end(ap);
    leave(b->st);
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
        int rc;

        if (on)
            bench_stop_timer(b);
        rc = vec_resize(&s->cleanups, (size_t)cap, sizeof *s->cleanups);
        if (rc == 0)
            s->cleanup_cap = cap;
        if (on)
            bench_start_timer(b);
        if (rc != 0) {
            fn(arg);                    /* still cleaned up, as Go would */
            bench_fail(b, "bench_cleanup: out of memory");
        }
    }
    s->cleanups[s->ncleanup].fn = fn;
    s->cleanups[s->ncleanup].arg = arg;
    s->ncleanup++;
}

/* state_run_cleanups: see bench_int.h. */
void state_run_cleanups(struct bench_state *s)
{
    while (s->ncleanup > 0) {
        struct bench_cleanup_fn c = s->cleanups[--s->ncleanup];
        if (setjmp(s->jb) == 0)
            c.fn(c.arg);
    }
}

