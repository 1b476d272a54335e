/*
 * summarize.h -- a chart's cells summarized by the escstat library, so
 * that a chart says what `escstat` prints: the median of a cell, the 95 %
 * confidence interval of the median, the comparison of two cells (delta
 * and Mann-Whitney p, "~" when not significant) and an input's geomean
 * row.  The types are prefixed p (plotted): pstat, pcompare, pgeomean.
 */
#ifndef ESCPLOT_SUMMARIZE_H
#define ESCPLOT_SUMMARIZE_H

#include <stdbool.h>
#include <stddef.h>

#include "summary.h"

/* A cell's summary. */
typedef struct pstat {
    double center;              /* median (R8) */
    double lo, hi;              /* 95 % CI of the median; -Inf/+Inf when n is
                                   too small (n <= 5 at 95 %) */
    size_t n;                   /* samples */
    bool ci_finite;             /* lo and hi are both finite */
} pstat;

/* summarize_cell summarizes v[0..n) (n >= 1; v is not modified) with
   escstat's summary_compute at 95 %; exact: the unit has `assume=exact` (center =
   mode, interval = min..max).  Returns 0, or -1 when n == 0 or out of
   memory. */
int summarize_cell(const double *v, size_t n, bool exact, pstat *out);

/* A comparison of a cell with its baseline, as escstat prints it. */
typedef struct pcompare {
    char delta[SUMMARY_NUM_MAX]; /* "-90.27%", "~", "0.00%" or "?": whole */
    double p;                   /* the U-test p (1 when all samples equal;
                                   0 for assume=exact: no test) */
    size_t n1, n2;              /* baseline and cell sizes */
    bool significant;           /* delta is not "~" */
} pcompare;

/* summarize_compare compares cell b with baseline a (alpha 0.05) with
   escstat's summary_compare and comparison_delta.
   Returns 0 or -1 when out of memory. */
int summarize_compare(const double *a, size_t na, const double *b, size_t nb, bool exact,
                      pcompare *out);

/* An input's geomean row, as escstat prints it under a table. */
typedef struct pgeomean {
    bool has_value;             /* the geomean of the medians exists (all > 0) */
    double value;
    char delta[SUMMARY_NUM_MAX]; /* change of the geomean of the ratios against
                                   the first input: "-37.88%", "+0.00%"; "?"
                                   when it has none; "" for the first input */
} pgeomean;

/* summarize_geomean computes input's geomean row with escstat's
   summary_column: centers[0..n) are the medians of the benchmarks this
   input has (in row order), base[i] the median of the same benchmark in
   the first input or NaN; nbase is the number of benchmarks the first
   input has; is_base: this is the first input.  0, or -1 when out of
   memory. */
int summarize_geomean(const double *centers, const double *base, size_t n, size_t nbase,
                      bool is_base, pgeomean *out);

#endif
