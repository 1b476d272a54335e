/*
 * sample.h -- order statistics of one benchmark cell, as benchstat computes
 * them (golang.org/x/perf/benchmath + go-moremath stats; docs/benchstat.md,
 * Statistics).
 *
 * Every function is pure: no allocation, no global state, no printing.
 * "sorted" arguments are ascending arrays (sort_float64s's order, which is
 * Go's sort.Float64s order: NaN first; sort.h); the caller owns them and
 * they are only read.  The Go math they round through is gomath.h.
 */
#ifndef ESCSTAT_SAMPLE_H
#define ESCSTAT_SAMPLE_H

#include <stddef.h>

/* Median of sorted xs[0..n) by Hyndman-Fan R8 exactly as go-moremath's
   Sample.Quantile(0.5) (n >= 1; n == 0 gives NaN). */
double sample_median(const double *sorted, size_t n);

/* Quantile of sorted xs, R8, any q in [0,1] (used by Tukey fences, old
   benchstat).  q <= 0 gives the minimum, q >= 1 the maximum, n == 0 NaN. */
double sample_quantile(const double *sorted, size_t n, double q);

/* QuantileCI(n, q, conf) of go-moremath: 1-based order statistics lo, hi
   (lo < 1 means -Inf, hi > n means +Inf), exact binomial for n <= 30,
   normal approximation above (quantileci.go).  The interval of the q-quantile
   is [sorted[lo-1], sorted[hi-1]] when both are in range.  Bit-for-bit the
   decisions of Go on amd64 for q = 0.5 (the only q benchstat uses). */
void sample_quantile_ci(int n, double q, double conf, int *lo, int *hi);

/* Geometric mean as benchstat: NaN if n == 0 or any x <= 0; running mean
   of logs (Go's Log and Exp, so the 17 printed CSV digits agree). */
double sample_geomean(const double *xs, size_t n);

/* Mode for assume=exact: longest run in sorted values, ties -> smaller.
   n == 0 gives NaN. */
double sample_mode(const double *sorted, size_t n);

#endif
