/*
 * schedule.c -- the order of the runs: the suite as go test runs it, or the
 * rounds of -shuffle and -ci.  See schedule.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "precision.h"
#include "schedule.h"

/* schedule_suite: see schedule.h; stops early when the writing side
 * stopped (that is no interruption: true). */
bool schedule_suite(struct dispatch *dp, const bench_def *const tables[2])
{
    for (int t = 0; t < 2 && !dp->res->stop; t++)
        for (const bench_def *d = tables[t]; d->name != NULL && !dp->res->stop; d++) {
            if (!dispatch_top(dp, d, false))
                return dp->res->stop;
            if (dispatch_interrupted())
                return false;
        }
    return true;
}

/* run_job runs one repetition of leaf l: its top-level benchmark with only
 * the path to l selected, in the worker process or here (dispatch.h).  A
 * leaf that fails or crashes gets no more runs.  Returns false when
 * interrupted. */
static bool run_job(struct dispatch *dp, struct leaf *l)
{
    size_t before = l->n;
    int64_t t0 = clock_now_ns();
    enum dispatch_end end = dispatch_job(dp, l);

    results_done_clear(dp->res);        /* "done" is per run here */
    l->spent_ns += clock_now_ns() - t0;
    if (l->n == before)
        l->dead = true;                 /* failed, skipped or crashed */
    return end != DISPATCH_INTERRUPTED && !dispatch_interrupted();
}

/* ci_reached reports whether leaf l's samples are precise enough for -ci. */
static bool ci_reached(const struct bench_opts *o, struct leaf *l)
{
    return (int)l->n >= o->count && results_leaf_pct(l) <= o->ci_pct;
}

/* active: leaf l may get another run under -ci: it is not done, within
 * -maxcount and -maxtime, and either short of -count or the run (started
 * at t0) within -maxwall. */
static bool active(const struct bench_opts *o, const struct leaf *l, int64_t t0)
{
    return !l->dead && !l->done && (int)l->n < o->maxcount &&
           (o->maxtime_ns == 0 || l->spent_ns < o->maxtime_ns) &&
           (o->maxwall_ns == 0 || (int)l->n < o->count ||
            clock_now_ns() - t0 < o->maxwall_ns);
}

static bool rounds(struct dispatch *dp, const bench_def *const tables[2], int64_t t0);

/* schedule_rounds runs the rounds, then stops the workers. */
bool schedule_rounds(struct dispatch *dp, const bench_def *const tables[2])
{
    bool ok = rounds(dp, tables, clock_now_ns());

    dispatch_end(dp);
    return ok;
}

/* rounds finds the leaves and runs their repetitions (schedule_rounds),
 * the run having started at t0 (-maxwall). */
static bool rounds(struct dispatch *dp, const bench_def *const tables[2], int64_t t0)
{
    const struct bench_opts *o = dp->o;
    struct results *r = dp->res;
    uint64_t rng = o->seed;
    size_t *order = NULL, norder = 0, nl;
    bool ok = true;

    for (int t = 0; t < 2 && ok && !r->stop; t++)
        for (const bench_def *d = tables[t]; d->name != NULL && ok && !r->stop; d++) {
            r->cur_top = d;
            ok = dispatch_top(dp, d, true) && !dispatch_interrupted();
        }
    results_done_clear(r);
    nl = r->nleaves;
    if (!ok || r->stop || nl == 0)
        return ok || r->stop;

    if (o->ci_pct <= 0) {
        /* -shuffle with -count: rounds, each a run of every leaf; the first
         * round in suite order, so that benchstat and escstat, which list
         * rows in order of first appearance, list them as the suite does;
         * every later round in a new random order.  One round's order in
         * memory, whatever -count is. */
        if ((order = malloc(nl * sizeof *order)) == NULL) {
            results_deliver(r, M_FATAL, "out of memory planning the runs", 31);
            return true;
        }
        for (size_t i = 0; i < nl; i++)
            order[i] = i;
        for (int round = 0; round < o->count && ok && !r->stop; round++) {
            if (round > 0)
                prec_shuffle(order, nl, &rng);
            for (size_t i = 0; i < nl && ok && !r->stop; i++)
                if (!r->leaves[order[i]].dead)
                    ok = run_job(dp, &r->leaves[order[i]]);
        }
        free(order);
        return ok || r->stop;
    }
    if ((order = malloc(nl * PREC_SHARE_MAX * sizeof *order)) == NULL) {
        results_deliver(r, M_FATAL, "out of memory planning the runs", 31);
        return true;
    }
    if (!o->shuffle) {
        /* -ci alone: each leaf until done, one after the other. */
        for (size_t i = 0; i < nl && ok && !r->stop; i++)
            while (ok && !r->stop && active(o, &r->leaves[i], t0)) {
                ok = run_job(dp, &r->leaves[i]);
                r->leaves[i].done = ci_reached(o, &r->leaves[i]);
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
                struct leaf *l = &r->leaves[i];
                int k = 1;
                if (!active(o, l, t0))
                    continue;
                if ((int)l->n >= o->count)
                    k = prec_share(results_leaf_pct(l), o->ci_pct);
                while (k-- > 0)
                    order[norder++] = i;
            }
            if (norder == 0 || !ok || r->stop)
                break;
            if (!first)
                prec_shuffle(order, norder, &rng);
            for (size_t i = 0; i < norder && ok && !r->stop; i++) {
                struct leaf *l = &r->leaves[order[i]];
                if (!active(o, l, t0))
                    continue;           /* done, dead or out of budget since */
                ok = run_job(dp, l);
                l->done = ci_reached(o, l);
            }
        }
    }
    free(order);
    return ok || r->stop;
}

