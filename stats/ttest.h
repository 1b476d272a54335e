/*
 * ttest.h -- the two-sample Welch t-test of the pre-2023 benchstat
 * (golang.org/x/perf internal/stats ttest.go TwoSampleWelchTTest, two-sided,
 * "location differs"), with the t distribution from GSL.
 *
 * Pure: no allocation, no global state.
 */
#ifndef ESCSTAT_TTEST_H
#define ESCSTAT_TTEST_H

#include <stddef.h>

/* What ttest_welch can fail with (internal/stats' errors). */
enum ttest_err {
    TTEST_OK = 0,
    TTEST_SAMPLE_SIZE = -1,     /* n1 <= 1 or n2 <= 1: ErrSampleSize */
    TTEST_ZERO_VARIANCE = -2,   /* both variances are 0: ErrZeroVariance */
};

/* ttest_welch: Welch's t-test of x1[0..n1) against x2[0..n2) in input
   order: Welford variances and running means as Go computes them,
   dof = (v1/n1 + v2/n2)^2 / ((v1/n1)^2/(n1-1) + (v2/n2)^2/(n2-1)),
   t = (mean1 - mean2) / sqrt(v1/n1 + v2/n2), p = 2 (1 - CDF_dof(|t|)).
   p is NaN when t is NaN or dof is not a positive normal number (the
   squares of the variances overflow or underflow), where Go's TDist gives
   NaN or panics; GSL is never called outside its domain, so its default
   error handler (which aborts) never runs.
   Returns TTEST_OK and *p, or a negative ttest_err (*p untouched). */
int ttest_welch(const double *x1, size_t n1, const double *x2, size_t n2, double *p);

/* The running mean of xs[0..n) as go-moremath's Mean: m += (x - m)/(i+1);
   NaN when n == 0. */
double ttest_mean(const double *xs, size_t n);

/* Welford's sample variance of xs[0..n) as go-moremath's Variance: NaN for
   n == 0, 0 for n == 1. */
double ttest_variance(const double *xs, size_t n);

#endif
