/*
 * ttest.c -- Welch's two-sample t-test as the old benchstat's
 * internal/stats (ttest.go TwoSampleWelchTTest, sample.go Mean and
 * Variance), operation for operation, with GSL's Student t distribution in
 * place of the Numerical Recipes incomplete beta function of tdist.go.
 */
#include "ttest.h"

#include <float.h>
#include <math.h>

#include <gsl/gsl_cdf.h>

double ttest_mean(const double *xs, size_t n)
{
    if (n == 0)
        return NAN;
    double m = 0.0;
    for (size_t i = 0; i < n; i++)
        m += (xs[i] - m) / (double)(i + 1);
    return m;
}

double ttest_variance(const double *xs, size_t n)
{
    if (n == 0)
        return NAN;
    if (n == 1)
        return 0;
    /* Welford (1962), the online form go-moremath uses: no cancellation
       between two large sums */
    double mean = 0.0, M2 = 0.0;
    for (size_t i = 0; i < n; i++) {
        double delta = xs[i] - mean;
        mean += delta / (double)(i + 1);
        M2 += delta * (xs[i] - mean);
    }
    return M2 / (double)(n - 1);
}

int ttest_welch(const double *x1, size_t n1, const double *x2, size_t n2, double *p)
{
    if (n1 <= 1 || n2 <= 1)
        return TTEST_SAMPLE_SIZE;
    double v1 = ttest_variance(x1, n1), v2 = ttest_variance(x2, n2);
    if (v1 == 0 && v2 == 0)
        return TTEST_ZERO_VARIANCE;
    double N1 = (double)n1, N2 = (double)n2;
    /* math.Pow(x, 2) is x*x rounded once, as written here */
    double a = v1 / N1 + v2 / N2;
    double b1 = v1 / N1, b2 = v2 / N2;
    double dof = (a * a) / (b1 * b1 / (N1 - 1) + b2 * b2 / (N2 - 1));
    double s = sqrt(v1 / N1 + v2 / N2);
    double t = (ttest_mean(x1, n1) - ttest_mean(x2, n2)) / s;
    /* TDist.CDF: 0.5 at 0, NaN for NaN; Go then takes 1 - CDF, which the
       subtraction below keeps (its rounding reaches the printed p) */
    double at = fabs(t), cdf;
    if (isnan(at))
        cdf = NAN;
    else if (at == 0)
        cdf = 0.5;
    else if (!(dof >= DBL_MIN && dof <= DBL_MAX))
        /* dof NaN (both variances overflow their squares), 0 (they
           underflow), subnormal or infinite: Go's TDist gives NaN or
           panics in betacf, and GSL's reports a domain error, whose
           default handler aborts.  p is NaN, as for a NaN t. */
        cdf = NAN;
    else
        cdf = gsl_cdf_tdist_P(at, dof);
    *p = 2 * (1 - cdf);
    return TTEST_OK;
}
