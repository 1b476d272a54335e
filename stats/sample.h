/*
 * sample.h -- order statistics of one benchmark cell, as benchstat computes
 * them (golang.org/x/perf/benchmath + go-moremath stats; SPEC.md 2.5).
 *
 * Every function is pure: no allocation, no global state, no printing.
 * "sorted" arguments are ascending arrays of finite or infinite doubles
 * (no NaN); the caller owns them and they are only read.
 */
#ifndef ESCSTAT_SAMPLE_H
#define ESCSTAT_SAMPLE_H

#include <stddef.h>

/* Median of sorted xs[0..n) by Hyndman-Fan R8 exactly as SPEC.md 2.5
   (n >= 1; n == 0 gives NaN). */
double sample_median(const double *sorted, size_t n);

/* Quantile of sorted xs, R8, any q in [0,1] (used by Tukey fences, old
   benchstat).  n == 0 gives NaN. */
double sample_quantile(const double *sorted, size_t n, double q);

/* QuantileCI(n, q, conf) of go-moremath: 1-based order statistics lo, hi
   (lo < 1 means -Inf, hi > n means +Inf), exact binomial for n <= 30,
   normal approximation above (SPEC 2.5).  The interval of the q-quantile
   is [sorted[lo-1], sorted[hi-1]] when both are in range. */
void sample_quantile_ci(int n, double q, double conf, int *lo, int *hi);

/* Geometric mean as benchstat: NaN if n == 0 or any x <= 0; running mean
   of logs. */
double sample_geomean(const double *xs, size_t n);

/* Mode for assume=exact: longest run in sorted values, ties -> smaller.
   n == 0 gives NaN. */
double sample_mode(const double *sorted, size_t n);

#endif
