/*
 * results.c -- the writing side of a run: each message from the measuring
 * side becomes results text, a note, a sample or a reason to stop.  See
 * results.h.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "cpuname.h"
#include "env.h"
#include "exitcode.h"
#include "format.h"
#include "vec.h"
#include "output.h"
#include "precision.h"
#include "results.h"
#include "sort.h"
#include "usage.h"

/* results_init: see results.h; r owns nothing yet. */
void results_init(struct results *r, const struct bench_opts *o, const char *prog)
{
    memset(r, 0, sizeof *r);
    r->o = o;
    r->prog = prog;
}

/* results_free frees the lists, the leaves and their samples. */
void results_free(struct results *r)
{
    strlist_release(&r->done);
    strlist_release(&r->notes);
    free(r->current);
    for (size_t i = 0; i < r->nleaves; i++) {
        free(r->leaves[i].name);
        free(r->leaves[i].xs);
        free(r->leaves[i].key);
    }
    free(r->leaves);
    strlist_release(&r->hnotes);
}

/* leaf_get finds the leaf named name[0..len) run with P = procs, adding it
 * if new; NULL when out of memory. */
static struct leaf *leaf_get(struct results *r, const char *name, size_t len, int procs)
{
    struct leaf *g;

    for (size_t i = 0; i < r->nleaves; i++)
        if (strlen(r->leaves[i].name) == len && memcmp(r->leaves[i].name, name, len) == 0 &&
            r->leaves[i].procs == procs)
            return &r->leaves[i];
    if (vec_reserve(&r->leaves, &r->leaves_cap, r->nleaves + 1, sizeof *r->leaves) != 0)
        return NULL;
    g = r->leaves;
    memset(&g[r->nleaves], 0, sizeof *g);
    if ((g[r->nleaves].name = strndup(name, len)) == NULL)
        return NULL;
    g[r->nleaves].procs = procs;
    return &r->leaves[r->nleaves++];
}

/* leaf_lost fails the run for leaf name[0..len) run with P = procs, whose
 * result or run the runner could not record (out of memory): a "--- FAIL"
 * block naming it and why, so that no result disappears from a run that
 * ends PASS. */
static void leaf_lost(struct results *r, const char *name, size_t len, int procs,
                      const char *why)
{
    char bn[1024], block[1400];
    int k;

    snprintf(block, sizeof block, "%.*s", (int)(len < 900 ? len : 900), name);
    fmt_bench_name(bn, sizeof bn, block, procs);
    k = snprintf(block, sizeof block, "--- FAIL: %s\n    %s\n", bn, why);
    results_deliver(r, M_OUT, block, (size_t)k < sizeof block ? (size_t)k : sizeof block - 1);
    r->failed = true;
}

/* leaf_sample records "name\tprocs\tns\tmigrated" from a child.  When it
 * cannot (out of memory) under -shuffle or -ci, which run a leaf only while
 * its samples grow, the leaf gets no more runs and the run fails, naming
 * it; otherwise only the warnings of plan_report miss the sample. */
static void leaf_sample(struct results *r, const char *text, size_t len)
{
    const char *tab = memchr(text, '\t', len);
    bool planned = r->o->shuffle || r->o->ci_pct > 0;
    char num[64];
    struct leaf *l;
    char *end;
    long procs;

    if (tab == NULL)
        return;
    snprintf(num, sizeof num, "%.*s", (int)(len - (size_t)(tab + 1 - text)), tab + 1);
    procs = strtol(num, &end, 10);
    if (*end != '\t')
        return;
    if ((l = leaf_get(r, text, (size_t)(tab - text), (int)procs)) == NULL) {
        if (planned)
            leaf_lost(r, text, (size_t)(tab - text), (int)procs,
                      "out of memory recording its result: no more runs");
        return;
    }
    memmove(num, end + 1, strlen(end + 1) + 1);
    if (vec_reserve(&l->xs, &l->cap, l->n + 1, sizeof *l->xs) != 0) {
        if (planned) {
            l->dead = true;
            leaf_lost(r, text, (size_t)(tab - text), (int)procs,
                      "out of memory recording its result: no more runs");
        }
        return;
    }
    l->xs[l->n++] = strtod(num, &end);
    if (*end == '\t' && strtol(end + 1, NULL, 10) > 0)
        l->migrated++;
}

/* results_hnote formats a head note (cut at 511 bytes) and keeps it; out of
 * memory loses the note, never the run. */
void results_hnote(struct results *r, const char *fmt, ...)
{
    char buf[512];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    (void)strlist_push(&r->hnotes, buf);
}

/* results_done_add copies name[0..len) into the done list. */
bool results_done_add(struct results *r, const char *name, size_t len)
{
    char *s = strndup(name, len);

    if (s == NULL || strlist_push_owned(&r->done, s) != 0) {
        free(s);
        return false;
    }
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

/* results_write hands text to output.c; the first failure stops the run
 * with its message (exit status 1). */
void results_write(struct results *r, const char *text, size_t len, bool result)
{
    char err[512];

    if (r->stop)
        return;
    if (out_write(text, len, result, err, sizeof err) != 0) {
        r->stop = true;
        r->stop_status = ESC_EXIT_FAIL;
        snprintf(r->stop_msg, sizeof r->stop_msg, "%s", err);
    }
}

/* results_header writes the config lines as go test does (goos, goarch, pkg, cpu:
 * stable facts only, since benchstat splits tables on them; the cpu: line
 * is cpuname_go's, byte for byte go test's, trailing blanks and all), then
 * the volatile facts as '#' comment lines. */
void results_header(struct results *r)
{
    char buf[1024];
    strlist env = STRLIST_INIT;
    const char *cpu = cpuname_go();
    int k;

    if (r->header_done)
        return;
    r->header_done = true;
    k = snprintf(buf, sizeof buf, "goos: linux\ngoarch: %s\npkg: escbench\n", goarch());
    results_write(r, buf, (size_t)k, false);
    if (cpu[0] != '\0') {
        k = snprintf(buf, sizeof buf, "cpu: %s\n", cpu);
        results_write(r, buf, (size_t)k, false);
    }
    env_notes(&env);
    for (size_t i = 0; i < env.n; i++) {
        k = snprintf(buf, sizeof buf, "# %s\n", env.v[i]);
        results_write(r, buf, (size_t)k, false);
    }
    strlist_release(&env);
    k = snprintf(buf, sizeof buf, "# clock: %s\n# isolation: %s\n", clock_name(),
                 !r->o->isolate ? "none (-isolate=false)"
                 : r->o->ci_pct > 0 || r->o->shuffle
                     ? "a child process per benchmark to find them, then one worker process for "
                       "all runs (a new one after a crash)"
                     : "a child process per benchmark");
    results_write(r, buf, (size_t)k, false);
    for (size_t i = 0; i < r->notes.n; i++) {
        k = snprintf(buf, sizeof buf, "# %s\n", r->notes.v[i]);
        results_write(r, buf, (size_t)k, false);
    }
    for (size_t i = 0; i < r->hnotes.n; i++) {
        k = snprintf(buf, sizeof buf, "# %s\n", r->hnotes.v[i]);
        results_write(r, buf, (size_t)k, false);
    }
}

/* results_deliver acts on one message: see the cases below, one per kind
 * of message.h. */
void results_deliver(void *ctx, int kind, const char *text, size_t len)
{
    struct results *r = ctx;
    char *note;

    switch (kind) {
    case M_OUT:
        results_header(r);
        results_write(r, text, len, len > 9 && memcmp(text, "Benchmark", 9) == 0);
        break;
    case M_ERR:
        fwrite(text, 1, len, stderr);
        fflush(stderr);
        break;
    case M_NOTE:
        if (r->notes_done)
            break;
        usage_msg(stderr, r->prog, "%.*s", (int)len, text);
        if ((note = strndup(text, len)) != NULL && strlist_push_owned(&r->notes, note) != 0)
            free(note);                 /* out of memory: the note is lost, not the run */
        break;
    case M_NOTES_END:
        r->notes_done = true;
        break;
    case M_CUR:
        free(r->current);
        r->current = strndup(text, len);
        break;
    case M_DONE:
        (void)results_done_add(r, text, len);
        break;
    case M_MAXLEN: {
        char num[32];
        snprintf(num, sizeof num, "%.*s", (int)(len < 31 ? len : 31), text);
        r->max_len = atoi(num);
        break;
    }
    case M_FAIL:
        r->failed = true;
        break;
    case M_LEAF:
        /* A leaf of -ci and -shuffle is a benchmark and a -cpu value. */
        for (int i = 0; i < r->o->ncpu; i++) {
            struct leaf *l = leaf_get(r, text, len, r->o->cpus[i]);
            if (l != NULL)
                l->top = r->cur_top;
            else
                leaf_lost(r, text, len, r->o->cpus[i], "out of memory listing it to run: not run");
        }
        break;
    case M_SAMPLE:
        leaf_sample(r, text, len);
        break;
    case M_FATAL:
    case M_USAGE:
        if (!r->stop) {
            r->stop = true;
            r->stop_status = kind == M_USAGE ? ESC_EXIT_USAGE : ESC_EXIT_FAIL;
            snprintf(r->stop_msg, sizeof r->stop_msg, "%.*s", (int)len, text);
        }
        break;
    }
}

/* results_fail_block: the block is cut at 1023 bytes, as a message. */
void results_fail_block(struct results *r, const char *name, const char *why)
{
    char block[1024];
    int k = snprintf(block, sizeof block, "--- FAIL: %s\n    %s\n", name, why);

    results_deliver(r, M_OUT, block, (size_t)k < sizeof block ? (size_t)k : sizeof block - 1);
    r->failed = true;
}

/* results_done_clear frees the names and the array. */
void results_done_clear(struct results *r)
{
    strlist_release(&r->done);
}

/* results_leaf_pct sorts l->xs and asks precision.c for the interval. */
double results_leaf_pct(struct leaf *l)
{
    double median, pct;

    sort_float64s(l->xs, l->n);
    prec_ci(l->xs, l->n, 0.95, &median, &pct);  /* +Inf when unbounded */
    return pct;
}
