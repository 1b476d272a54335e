/*
 * summary.c -- per-cell summaries, comparisons and geomean rows as benchmath
 * (assumeNothing, assumeExact) and benchtab summarizeCol compute them
 * (docs/benchstat.md, Statistics).  The order statistics and the U test come
 * from sample.h and mannwhitney.h.
 */
#include "summary.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sample.h"
#include "scale.h"
#include "mannwhitney.h"

/* go_fixed: Go's "%+.Nf" / "%.Nf" for one double (go_fmt_float, with
   Go's spelling of the non-finite values), then suffix.  Returns the
   length written, or that it would have had (snprintf-like). */
static int go_fixed(char *buf, size_t size, int prec, bool plus, double x, const char *suffix)
{
    int n = go_fmt_float(buf, size, plus ? "%+.*f" : "%.*f", prec, x);
    if (n < 0)
        return n;
    /* the suffix copied, not formatted: this runs for every cell */
    size_t k = (size_t)n, sl = strlen(suffix);
    if (k < size) {
        size_t room = size - 1 - k, c = sl < room ? sl : room;
        memcpy(buf + k, suffix, c);
        buf[k + c] = '\0';
    }
    return n + (int)sl;
}

/* mathx.Sign: -1, 0, 1, or NaN for NaN. */
static double sign_of(double x)
{
    if (x < 0)
        return -1;
    if (x > 0)
        return 1;
    if (x == 0)
        return 0;
    return NAN;
}

/* Go's math.Max: +Inf wins over NaN, then NaN propagates. */
static double go_max(double x, double y)
{
    if (isinf(x) && x > 0)
        return x;
    if (isinf(y) && y > 0)
        return y;
    if (isnan(x) || isnan(y))
        return NAN;
    if (x == 0 && x == y)
        return signbit(x) ? y : x;
    return x > y ? x : y;
}

/* pct_range: Summary.PctRangeString. */
static void pct_range(const summary *s, char *buf, size_t size)
{
    if (isinf(s->lo) || isinf(s->hi)) {
        snprintf(buf, size, "∞");
        return;
    }
    double cs = sign_of(s->center);
    if (cs != sign_of(s->lo) || cs != sign_of(s->hi)) {
        snprintf(buf, size, "?");
        return;
    }
    if (s->center == 0) {
        snprintf(buf, size, "0%%");
        return;
    }
    double v = go_max(s->hi / s->center - 1, 1 - s->lo / s->center);
    go_fixed(buf, size, 0, false, 100 * v, "%");
}

/* median_samples: benchmath medianSamples -- the smallest n in 2..50 whose
   median CI at this confidence is finite; *op is ">=" or ">" (50). */
static int median_samples(double confidence, const char **op)
{
    for (int n = 2; n <= 50; n++) {
        int lo, hi;
        sample_quantile_ci(n, 0.5, confidence, &lo, &hi);
        if (0 < lo && hi <= n) {
            *op = ">=";
            return n;
        }
    }
    *op = ">";
    return 50;
}

int summary_compute(const double *sorted, size_t n, summary_assume assume, double confidence,
                    summary *out)
{
    memset(out, 0, sizeof *out);
    if (n == 0)
        return -1;
    out->n = n;
    if (assume == SUMMARY_ASSUME_EXACT) {
        out->center = sample_mode(sorted, n);
        out->lo = sorted[0];
        out->hi = sorted[n - 1];
        bool all = true;
        for (size_t i = 1; i < n; i++)
            if (sorted[i] != sorted[0])
                all = false;
        if (!all) {
            char a[40], b[40];
            go_format_float(sorted[0], a, sizeof a);
            go_format_float(sorted[n - 1], b, sizeof b);
            snprintf(out->warning, sizeof out->warning,
                     "exact distribution expected, but values range from %s to %s", a, b);
        }
    } else {
        int lo, hi;
        sample_quantile_ci((int)n, 0.5, confidence, &lo, &hi);
        out->center = sample_median(sorted, n);
        out->lo = lo < 1 ? -INFINITY : sorted[lo - 1];
        out->hi = (size_t)hi > n ? INFINITY : sorted[hi - 1];
        if (isinf(out->lo) || isinf(out->hi)) {
            const char *op;
            int need = median_samples(confidence, &op);
            char c[40];
            go_format_float(confidence, c, sizeof c);
            snprintf(out->warning, sizeof out->warning,
                     "need %s %d samples for confidence interval at level %s", op, need, c);
        }
    }
    pct_range(out, out->range, sizeof out->range);
    return 0;
}

/* uTestMinP of benchmath: the smallest p of the U test for n = n1 = n2. */
static const double mannwhitney_min_p_tab[] = {
    0, 1, 0.3333333333333333, 0.1, 0.02857142857142857, 0.007936507936507936,
    0.0021645021645021645, 0.0005827505827505828, 0.0001554001554001554,
    4.113533525298231e-05,
};

int summary_compare(const double *base, size_t n1, const double *cell, size_t n2,
                    summary_assume assume, double alpha, comparison *out)
{
    memset(out, 0, sizeof *out);
    out->n1 = n1;
    out->n2 = n2;
    if (assume == SUMMARY_ASSUME_EXACT) {
        out->p = 0;
        out->alpha = 0;
        return 0;
    }
    out->alpha = alpha;
    double p;
    if (mannwhitney_utest_sorted(base, n1, cell, n2, &p) != 0) {
        /* the U test fails when all values are equal (benchstat reports
           P = 1 with the error as a warning) -- or when its memo could not
           be allocated */
        if (!(base[0] == base[n1 - 1] && cell[0] == cell[n2 - 1] && base[0] == cell[0]))
            return -1;
        out->p = 1;
        snprintf(out->warning, sizeof out->warning, "all samples are equal");
        return 0;
    }
    out->p = p;
    if (out->p > out->alpha) {
        const char *op = ">";
        size_t need = sizeof mannwhitney_min_p_tab / sizeof mannwhitney_min_p_tab[0];
        for (size_t k = 1; k < sizeof mannwhitney_min_p_tab / sizeof mannwhitney_min_p_tab[0]; k++)
            if (mannwhitney_min_p_tab[k] <= alpha) {
                op = ">=";
                need = k;
                break;
            }
        if (n1 < need && n2 < need) {
            char a[40];
            go_format_float(alpha, a, sizeof a);
            snprintf(out->warning, sizeof out->warning,
                     "need %s %zu samples to detect a difference at alpha level %s", op, need, a);
        }
    }
    return 0;
}

int comparison_string(const comparison *c, char *buf, size_t size)
{
    char p[48] = "";
    if (c->p != 0) {
        p[0] = 'p';
        p[1] = '=';
        go_fixed(p + 2, sizeof p - 2, 3, false, c->p, " ");
    }
    if (c->n1 == c->n2)
        return snprintf(buf, size, "%sn=%zu", p, c->n1);
    return snprintf(buf, size, "%sn=%zu+%zu", p, c->n1, c->n2);
}

int comparison_delta(const comparison *c, double old_center, double new_center, char *buf,
                     size_t size)
{
    if (c->p > c->alpha)
        return snprintf(buf, size, "~");
    if (old_center == new_center)
        return snprintf(buf, size, "0.00%%");
    if (old_center == 0)
        return snprintf(buf, size, "?");
    double pct = ((new_center / old_center) - 1.0) * 100.0;
    return go_fixed(buf, size, 2, true, pct, "%");
}

int summary_ratio_string(double ratio, char *buf, size_t size)
{
    return go_fixed(buf, size, 2, true, (ratio - 1) * 100, "%");
}

int summary_column(const summary_colrow *rows, size_t n, size_t nbase, bool is_base,
                   summary_col *out)
{
    memset(out, 0, sizeof *out);
    double small_c[64], small_r[64];
    double *centers = small_c, *ratios = small_r;
    double *heap = NULL;
    if (n > 64) {
        heap = malloc(2 * n * sizeof *heap);
        if (!heap)
            return -1;
        centers = heap;
        ratios = heap + n;
    }
    size_t nc = 0, nr = 0;
    bool bad_ratio = false;
    for (size_t i = 0; i < n; i++) {
        centers[nc++] = rows[i].center;
        if (rows[i].has_base) {
            double a = rows[i].center, b = rows[i].base_center;
            if (a == b) {
                ratios[nr++] = 1;               /* 0/0 counts as 1 */
            } else if (b == 0) {
                bad_ratio = true;
                ratios[nr++] = 0;               /* keeps the nBase check working */
            } else {
                ratios[nr++] = a / b;
            }
        }
    }
    if (!is_base && nbase != nr)
        out->warnings[out->nwarnings++] =
            "benchmark set differs from baseline; geomeans may not be comparable";
    double gm = sample_geomean(centers, nc);
    if (isnan(gm)) {
        out->warnings[out->nwarnings++] = "summaries must be >0 to compute geomean";
    } else {
        out->has_summary = true;
        out->summary = gm;
    }
    if (!is_base && !bad_ratio) {
        gm = sample_geomean(ratios, nr);
        if (isnan(gm)) {
            out->warnings[out->nwarnings++] = "ratios must be >0 to compute geomean";
        } else {
            out->has_ratio = true;
            out->ratio = gm;
        }
    }
    free(heap);
    return 0;
}
