/*
 * summary.h -- the numbers benchstat prints for one cell, one comparison
 * and one geomean row (golang.org/x/perf/benchmath and benchtab's
 * summarizeCol): center, confidence interval and its "± x%"
 * string, U-test p-value, delta string and the warnings, exactly as
 * escstat prints them.  escplot uses this to show the same numbers.
 *
 * Pure computation on caller-owned arrays: no printing, no global state;
 * only summary_compare may allocate (through the exact U test with ties).
 * Warning texts are benchstat's; a cell carries at most one of its own.
 */
#ifndef ESCSTAT_SUMMARY_H
#define ESCSTAT_SUMMARY_H

#include <stdbool.h>
#include <stddef.h>

#define SUMMARY_WARN_MAX 160    /* room for one warning message */
/* Room for a percentage printed in full: "%+.2f%%" of any finite double
   is at most 1 + 309 + 1 + 2 + 1 bytes (DBL_MAX has 309 integer digits),
   plus the NUL; larger values print as "+Inf%". */
#define SUMMARY_NUM_MAX 320

/* The distributional assumption of a unit (`Unit x assume=exact`). */
typedef enum summary_assume {
    SUMMARY_ASSUME_NOTHING = 0, /* median, order-statistic CI, U test */
    SUMMARY_ASSUME_EXACT        /* mode, min..max, no test (P = 0) */
} summary_assume;

/* A cell's summary (benchmath.Summary). */
typedef struct summary {
    double center;              /* median (or mode for exact) */
    double lo, hi;              /* CI bounds; -Inf/+Inf when not enough samples */
    size_t n;                   /* sample size */
    char range[SUMMARY_NUM_MAX]; /* PctRangeString: "3%", "∞", "?", "0%" (no "± ") */
    char warning[SUMMARY_WARN_MAX]; /* "" or e.g. "need >= 6 samples for
                                   confidence interval at level 0.95" */
} summary;

/* summary_compute summarizes sorted[0..n) (ascending, n >= 1) at the given
   confidence (in [0,1]).  Returns 0, -1 if n == 0. */
int summary_compute(const double *sorted, size_t n, summary_assume assume,
                    double confidence, summary *out);

/* A comparison of a cell with its baseline (benchmath.Comparison). */
typedef struct comparison {
    double p;                   /* U-test p; 1 when all samples equal; 0 for exact */
    size_t n1, n2;              /* baseline and cell sizes */
    double alpha;               /* threshold (0 for exact) */
    char warning[SUMMARY_WARN_MAX]; /* "" or "all samples are equal" or
                                   "need >= 4 samples to detect a difference
                                   at alpha level 0.05" */
} comparison;

/* summary_compare tests base (sorted, n1 >= 1) against cell (sorted,
   n2 >= 1).  Returns 0, -1 when out of memory (the exact-with-ties U
   test's memo). */
int summary_compare(const double *base, size_t n1, const double *cell, size_t n2,
                    summary_assume assume, double alpha, comparison *out);

/* comparison_string: "p=0.008 n=5", "n=10" (when p == 0), "p=1.000 n=4+5"
   into buf (snprintf-like return). */
int comparison_string(const comparison *c, char *buf, size_t size);

/* comparison_delta: FormatDelta -- "~" when p > alpha, "0.00%" when the
   centers are equal, "?" when old is 0, else "%+.2f%%" of new/old-1. */
int comparison_delta(const comparison *c, double old_center, double new_center,
                     char *buf, size_t size);

/* One row's contribution to a column's geomean row. */
typedef struct summary_colrow {
    double center;              /* the cell's center */
    bool has_base;              /* the row has a baseline cell (and this
                                   column is not the baseline) */
    double base_center;         /* the baseline's center, if has_base */
} summary_colrow;

/* The geomean row of one column (benchtab summarizeCol). */
typedef struct summary_col {
    bool has_summary;           /* geomean of the centers is valid */
    double summary;
    bool has_ratio;             /* geomean of the ratios is valid */
    double ratio;               /* print as "%+.2f%%" of (ratio-1)*100 */
    const char *warnings[3];    /* static messages, NULL-terminated */
    size_t nwarnings;
} summary_col;

/* summary_column computes the geomean row of a column from its rows (in
   table row order, only rows that have a cell in this column); nbase is
   the number of rows of the table with a baseline cell; is_base says this
   is the first column.  Returns 0, or -1 when out of memory (more than 64
   rows need a scratch array). */
int summary_column(const summary_colrow *rows, size_t n, size_t nbase, bool is_base,
                   summary_col *out);

/* summary_ratio_string: the geomean row's delta, "%+.2f%%" (keeps the sign
   of zero: "+0.00%", "-0.00%"). */
int summary_ratio_string(double ratio, char *buf, size_t size);

#endif
