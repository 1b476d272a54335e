/*
 * summarize.c -- escplot's view of escstat's summary API (see summarize.h): the
 * same calls escstat makes, on a sorted copy of the samples.
 */
#include "summarize.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sort.h"
#include "summary.h"

/* Confidence and alpha: escstat's defaults (-confidence 0.95, -alpha 0.05). */
static const double confidence = 0.95, alpha = 0.05;

static double *sorted_copy(const double *v, size_t n)
{
    double *s = malloc((n ? n : 1) * sizeof *s);
    if (!s)
        return NULL;
    memcpy(s, v, n * sizeof *s);
    sort_float64s(s, n);
    return s;
}

int summarize_cell(const double *v, size_t n, bool exact, pstat *out)
{
    if (n == 0)
        return -1;
    double *s = sorted_copy(v, n);
    if (!s)
        return -1;
    summary sm;
    int rc = summary_compute(s, n, exact ? SUMMARY_ASSUME_EXACT : SUMMARY_ASSUME_NOTHING,
                             confidence, &sm);
    free(s);
    if (rc != 0)
        return -1;
    out->center = sm.center;
    out->lo = sm.lo;
    out->hi = sm.hi;
    out->n = sm.n;
    out->ci_finite = isfinite(sm.lo) && isfinite(sm.hi);
    return 0;
}

int summarize_compare(const double *a, size_t na, const double *b, size_t nb, bool exact,
                      pcompare *out)
{
    double *sa = sorted_copy(a, na), *sb = sorted_copy(b, nb);
    int rc = -1;
    summary_assume as = exact ? SUMMARY_ASSUME_EXACT : SUMMARY_ASSUME_NOTHING;
    summary ca, cb;
    comparison c;
    if (sa && sb && summary_compute(sa, na, as, confidence, &ca) == 0 &&
        summary_compute(sb, nb, as, confidence, &cb) == 0 &&
        summary_compare(sa, na, sb, nb, as, alpha, &c) == 0) {
        comparison_delta(&c, ca.center, cb.center, out->delta, sizeof out->delta);
        out->p = c.p;
        out->n1 = c.n1;
        out->n2 = c.n2;
        out->significant = strcmp(out->delta, "~") != 0;
        rc = 0;
    }
    free(sa);
    free(sb);
    return rc;
}

int summarize_geomean(const double *centers, const double *base, size_t n, size_t nbase,
                      bool is_base, pgeomean *out)
{
    summary_colrow *rows = malloc((n ? n : 1) * sizeof *rows);
    if (!rows)
        return -1;
    for (size_t i = 0; i < n; i++) {
        rows[i].center = centers[i];
        rows[i].has_base = !is_base && !isnan(base[i]);
        rows[i].base_center = rows[i].has_base ? base[i] : 0;
    }
    summary_col col;
    int rc = summary_column(rows, n, nbase, is_base, &col);
    free(rows);
    if (rc != 0)
        return -1;
    out->has_value = col.has_summary;
    out->value = col.summary;
    out->delta[0] = '\0';
    if (!is_base) {
        if (col.has_ratio)
            summary_ratio_string(col.ratio, out->delta, sizeof out->delta);
        else
            snprintf(out->delta, sizeof out->delta, "?");
    }
    return 0;
}
