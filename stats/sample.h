/*
 * sample.h -- order statistics of one benchmark cell, as benchstat computes
 * them (golang.org/x/perf/benchmath + go-moremath stats; docs/benchstat.md,
 * Statistics).
 *
 * Every function is pure: no allocation, no global state, no printing.
 * "sorted" arguments are ascending arrays (sample_sort's order, which is Go's
 * sort.Float64s order: NaN first); the caller owns them and they are only
 * read.
 *
 * The module also carries C ports of the few Go math routines whose last
 * bit reaches benchstat's output (CSV prints geomeans with all 17 digits;
 * QuantileCI's tie decisions hang on Lgamma's rounding): sample_go_exp,
 * sample_go_log, sample_go_erfc, sample_go_lgamma and sample_choose.
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

/* Sort xs[0..n) ascending in place, in Go's sort.Float64s order (NaNs
   first).  In-place introsort: no allocation, O(n log n). */
void sample_sort(double *xs, size_t n);

/* The same order, several times faster for n in the hundreds and up: an
   LSD radix sort using the caller's scratch[0..n) (contents clobbered).
   Among equal-comparing values -0 sorts before +0 (Go's order there is
   unspecified). */
void sample_sort_scratch(double *xs, size_t n, double *scratch);

/* mathx.Choose(n, k) of go-moremath: exact int64 arithmetic for n <= 20,
   Exp(Lgamma(n+1) - Lgamma(k+1) - Lgamma(n-k+1)) above; 0 outside 0..n. */
double sample_choose(int n, int k);

/* Go's math.Exp on amd64 (exp_amd64.s, Shibata's method), taking the same
   FMA or non-FMA path Go takes on this CPU (AVX and FMA present => FMA). */
double sample_go_exp(double x);

/* Go's math.Log on amd64 (log_amd64.s, the FreeBSD e_log.c algorithm). */
double sample_go_log(double x);

/* Go's math.Erfc (erf.go, FreeBSD s_erf.c), using sample_go_exp. */
double sample_go_erfc(double x);

/* Go's math.Lgamma for x > 0 (lgamma.go, FreeBSD e_lgamma_r.c); the sign
   is always +1 there.  x <= 0 or NaN gives NaN (never needed here). */
double sample_go_lgamma(double x);

/* Go's math.Exp forced to one path (fma != 0: the AVX+FMA path), for tests
   that pin both paths against known values. */
double sample_go_exp_path(double x, int fma);

#endif
