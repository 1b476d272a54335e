/*
 * plan.c -- -shuffle and -ci: find the leaves, then run each repetition of
 * each leaf as a run of its own, in a seeded random order and until the
 * confidence interval is narrow enough; and the warnings that end the
 * results.  See docs/harness.md.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "hygiene.h"
#include "isolate.h"
#include "precision.h"
#include "sample.h"
#include "runner_int.h"

/* run_job runs one repetition of leaf l: its top-level benchmark with only
 * the path to l selected, in the worker process (isolate.h: one child for
 * all the runs, replaced after a crash) or here with -isolate=false.  A leaf
 * that fails or crashes gets no more runs.  Returns false when interrupted. */
static bool run_job(struct leaf *l)
{
    char why[256], block[1024];
    struct iso_status st;
    size_t before = l->n;
    int64_t t0 = clock_now_ns();
    bool go_on = true;

    R.target = l->name;
    R.target_procs = l->procs;
    if (!R.o.isolate) {
        match_forget(R.m);              /* the same names as the first time */
        flow_run_top(l->top);
    } else {
        free(R.current);
        R.current = NULL;
        iso_job(flow_worker_job, NULL, (uint32_t)(l - R.leaves), l->key, R.o.timeout_ns,
                runner_deliver, NULL, &st);
        if (st.end == ISO_OK && st.key[0] != '\0' && l->key == NULL)
            l->key = strdup(st.key);    /* its next runs go to that worker */
        if (st.end == ISO_INTERRUPTED) {
            go_on = false;
        } else if (st.end != ISO_OK && !R.stop) {
            int k;
            iso_describe(&st, R.o.timeout_ns, why, sizeof why);
            k = snprintf(block, sizeof block, "--- FAIL: %s\n    %s\n",
                         R.current != NULL ? R.current : l->name, why);
            runner_deliver(NULL, M_OUT, block, (size_t)k < sizeof block ? (size_t)k : sizeof block - 1);
            R.failed = true;
        }
    }
    R.target = NULL;
    R.target_procs = 0;
    runner_skip_clear();                       /* "done" is per run here */
    l->spent_ns += clock_now_ns() - t0;
    if (l->n == before)
        l->dead = true;                 /* failed, skipped or crashed */
    return go_on && !iso_interrupted;
}

/* leaf_pct is the half-width of leaf l's interval in percent (+Inf while
 * unbounded), sorting its samples: their order is not kept. */
static double leaf_pct(struct leaf *l)
{
    double median, pct;

    sample_sort(l->xs, l->n);
    prec_ci(l->xs, l->n, 0.95, &median, &pct);  /* +Inf when unbounded */
    return pct;
}

/* ci_reached reports whether leaf l's samples are precise enough for -ci. */
static bool ci_reached(struct leaf *l)
{
    return (int)l->n >= R.o.count && leaf_pct(l) <= R.o.ci_pct;
}

static int64_t plan_t0;                 /* when the run started (-maxwall) */

/* active: leaf l may get another run under -ci: it is not done, within
 * -maxcount and -maxtime, and either short of -count or the run within
 * -maxwall. */
static bool active(const struct leaf *l)
{
    return !l->dead && !l->done && (int)l->n < R.o.maxcount &&
           (R.o.maxtime_ns == 0 || l->spent_ns < R.o.maxtime_ns) &&
           (R.o.maxwall_ns == 0 || (int)l->n < R.o.count ||
            clock_now_ns() - plan_t0 < R.o.maxwall_ns);
}

static bool plan_jobs(const bench_def *const tables[2]);

/* plan_run is the runner for -shuffle and -ci: first every selected
 * benchmark runs once with n = 1 to find the leaves (parents are run to
 * reach them); then each repetition of each leaf is a run of its own, in a
 * seeded random order with -shuffle, and with -ci until the leaf's
 * confidence interval is narrow enough.  Returns false when interrupted. */
bool plan_run(const bench_def *const tables[2])
{
    bool ok;

    plan_t0 = clock_now_ns();
    ok = plan_jobs(tables);
    iso_worker_stop();
    return ok;
}

static bool plan_jobs(const bench_def *const tables[2])
{
    uint64_t rng = R.o.seed;
    size_t *order = NULL, norder = 0, nl;
    bool ok = true;

    R.discover = true;
    for (int t = 0; t < 2 && ok && !R.stop; t++)
        for (const bench_def *d = tables[t]; d->name != NULL && ok && !R.stop; d++) {
            R.cur_top = d;
            if (!R.o.isolate) {
                flow_run_top(d);
                continue;
            }
            if (runner_selected(d))
                ok = runner_run_isolated(d) && !iso_interrupted;
        }
    R.discover = false;
    runner_skip_clear();
    nl = R.nleaves;
    if (!ok || R.stop || nl == 0)
        return ok || R.stop;

    if (R.o.ci_pct <= 0) {
        /* -shuffle with -count: rounds, each a run of every leaf; the first
         * round in suite order, so that benchstat and escstat, which list
         * rows in order of first appearance, list them as the suite does;
         * every later round in a new random order.  One round's order in
         * memory, whatever -count is. */
        if ((order = malloc(nl * sizeof *order)) == NULL) {
            runner_deliver(NULL, M_FATAL, "out of memory planning the runs", 31);
            return true;
        }
        for (size_t i = 0; i < nl; i++)
            order[i] = i;
        for (int round = 0; round < R.o.count && ok && !R.stop; round++) {
            if (round > 0)
                prec_shuffle(order, nl, &rng);
            for (size_t i = 0; i < nl && ok && !R.stop; i++)
                if (!R.leaves[order[i]].dead)
                    ok = run_job(&R.leaves[order[i]]);
        }
        free(order);
        return ok || R.stop;
    }
    if ((order = malloc(nl * PREC_SHARE_MAX * sizeof *order)) == NULL) {
        runner_deliver(NULL, M_FATAL, "out of memory planning the runs", 31);
        return true;
    }
    if (!R.o.shuffle) {
        /* -ci alone: each leaf until done, one after the other. */
        for (size_t i = 0; i < nl && ok && !R.stop; i++)
            while (ok && !R.stop && active(&R.leaves[i])) {
                ok = run_job(&R.leaves[i]);
                R.leaves[i].done = ci_reached(&R.leaves[i]);
            }
    } else {
        /* -ci with -shuffle: rounds of runs of every unfinished leaf, the
         * first in suite order (see above), each later one in a new random
         * order.  Until -count, one run each; then each leaf gets as many
         * as prec_share says, so that the time goes where the interval is
         * widest (with -maxwall the noisy few share what is left). */
        for (bool first = true;; first = false) {
            norder = 0;
            for (size_t i = 0; i < nl; i++) {
                struct leaf *l = &R.leaves[i];
                int k = 1;
                if (!active(l))
                    continue;
                if ((int)l->n >= R.o.count)
                    k = prec_share(leaf_pct(l), R.o.ci_pct);
                while (k-- > 0)
                    order[norder++] = i;
            }
            if (norder == 0 || !ok || R.stop)
                break;
            if (!first)
                prec_shuffle(order, norder, &rng);
            for (size_t i = 0; i < norder && ok && !R.stop; i++) {
                struct leaf *l = &R.leaves[order[i]];
                if (!active(l))
                    continue;           /* done, dead or out of budget since */
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
    runner_header();
    runner_write_out(line, (size_t)k < sizeof line ? (size_t)k : sizeof line - 1, false);
}

/* report_precision ends the results with what makes them doubtful, each
 * with what to do about it: per benchmark (-ci outcome, wide interval,
 * outliers, two clusters, CPU moves), then the machine (load, frequency
 * scaling, hypervisor). */
void plan_report(void)
{
    char bn[1024], gov[64], d[40];
    double load;

    for (size_t i = 0; i < R.nleaves; i++) {
        struct leaf *l = &R.leaves[i];
        double *xs = l->xs, pct;
        size_t n = l->n, split, out;
        bool bounded;

        if (n == 0)
            continue;
        fmt_bench_name(bn, sizeof bn, l->name, l->procs);
        pct = leaf_pct(l);              /* sorts xs */
        bounded = pct < INFINITY;
        if (R.o.ci_pct > 0) {
            fmt_duration(d, sizeof d, l->spent_ns - l->spent_ns % 1000000);
            if (l->done)
                warn("ci %s: +-%.1f%% after %zu samples (%s)", bn, pct, n, d);
            else if (bounded)
                warn("warning: %s: +-%.1f%% after %zu samples (%s), not within +-%g%%: "
                     "raise -maxcount/-maxtime/-maxwall or quiet the machine", bn, pct, n, d, R.o.ci_pct);
            else
                warn("warning: %s: interval unbounded after %zu samples (%s), not within "
                     "+-%g%%: raise -maxcount/-maxtime/-maxwall", bn, n, d, R.o.ci_pct);
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

