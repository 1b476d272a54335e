/*
 * sample.c -- median, quantiles, the order-statistic confidence interval,
 * geomean and mode of one cell, exactly as benchstat (go-moremath stats;
 * docs/benchstat.md, Statistics and Exactness).  The Go math they round
 * through is gomath.c; the order they read is sort.c's.
 *
 * Every routine is evaluated left to right without fused multiply-add (the
 * Makefile passes -ffp-contract=off).
 */
#include "sample.h"

#include <math.h>

#include "gomath.h"

/* Sample.Quantile of go-moremath (sample.go), R8 (sample.h). */
double sample_quantile(const double *xs, size_t n, double q)
{
    if (n == 0)
        return NAN;
    if (q <= 0)
        return xs[0];
    if (q >= 1)
        return xs[n - 1];
    /* Hyndman-Fan R8 as go-moremath Sample.Quantile, left to right. */
    double N = (double)n;
    double pos = 1.0 / 3.0 + q * (N + 1.0 / 3.0);
    double kf;
    double frac = modf(pos, &kf);
    if (isnan(kf))
        return xs[0];   /* q is NaN: Go's int(NaN) is MinInt64, so k <= 0 */
    long k = (long)kf;
    if (k <= 0)
        return xs[0];
    if ((size_t)k >= n)
        return xs[n - 1];
    return xs[k - 1] + frac * (xs[k] - xs[k - 1]);
}

/* Sample.Quantile(0.5) (sample.h). */
double sample_median(const double *sorted, size_t n)
{
    return sample_quantile(sorted, n, 0.5);
}

/* PMF of the binomial B(n, p) at k as go-moremath BinomialDist.PMF:
   Choose(n,k) * Pow(p,k) * Pow(1-p,n-k).  For p = 0.5 both powers are
   exact powers of two (as Go's Pow returns them), so ldexp is used; any
   other p goes through glibc pow, which may differ from Go's Pow in the
   last bit (benchstat only asks for the median). */
static double binom_pmf(int n, double p, int k)
{
    if (k < 0 || k > n)
        return 0;
    if (p == 0.5)
        return gomath_choose(n, k) * ldexp(1.0, -k) * ldexp(1.0, -(n - k));
    return gomath_choose(n, k) * pow(p, (double)k) * pow(1 - p, (double)(n - k));
}

/* NormalDist{mu, sigma}.InvCDF(p) of go-moremath: Acklam's rational
   approximation, one Halley step with Erfc and Exp, then x*sigma + mu. */
static double norm_inv_cdf(double mu, double sigma, double p)
{
    const double a1 = -3.969683028665376e+01, a2 = 2.209460984245205e+02,
                 a3 = -2.759285104469687e+02, a4 = 1.383577518672690e+02,
                 a5 = -3.066479806614716e+01, a6 = 2.506628277459239e+00;
    const double b1 = -5.447609879822406e+01, b2 = 1.615858368580409e+02,
                 b3 = -1.556989798598866e+02, b4 = 6.680131188771972e+01,
                 b5 = -1.328068155288572e+01;
    const double c1 = -7.784894002430293e-03, c2 = -3.223964580411365e-01,
                 c3 = -2.400758277161838e+00, c4 = -2.549732539343734e+00,
                 c5 = 4.374664141464968e+00, c6 = 2.938163982698783e+00;
    const double d1 = 7.784695709041462e-03, d2 = 3.224671290700398e-01,
                 d3 = 2.445134137142996e+00, d4 = 3.754408661907416e+00;
    const double plow = 0.02425, phigh = 1 - plow;
    double x;

    if (p < 0 || p > 1)
        return NAN;
    if (p == 0)
        return -INFINITY;
    if (p == 1)
        return INFINITY;
    if (p < plow) {
        double q = sqrt(-2 * gomath_log(p));
        x = (((((c1 * q + c2) * q + c3) * q + c4) * q + c5) * q + c6) /
            ((((d1 * q + d2) * q + d3) * q + d4) * q + 1);
    } else if (phigh < p) {
        double q = sqrt(-2 * gomath_log(1 - p));
        x = -(((((c1 * q + c2) * q + c3) * q + c4) * q + c5) * q + c6) /
            ((((d1 * q + d2) * q + d3) * q + d4) * q + 1);
    } else {
        double q = p - 0.5;
        double r = q * q;
        x = (((((a1 * r + a2) * r + a3) * r + a4) * r + a5) * r + a6) * q /
            (((((b1 * r + b2) * r + b3) * r + b4) * r + b5) * r + 1);
    }
    /* Go's math.Sqrt2 and math.Sqrt(2*math.Pi): correctly rounded, as
       M_SQRT2 and sqrt(2*M_PI) are. */
    double e = 0.5 * gomath_erfc(-x / M_SQRT2) - p;
    double u = e * sqrt(2 * M_PI) * gomath_exp(x * x / 2);
    x = x - u / (1 + x * u / 2);
    return x * sigma + mu;
}

/* NormalDist.CDF of go-moremath: Erfc(-(x-mu)/(sigma*Sqrt2)) / 2. */
static double norm_cdf(double mu, double sigma, double x)
{
    return gomath_erfc(-(x - mu) / (sigma * M_SQRT2)) / 2;
}

/* QuantileCI of go-moremath (quantileci.go): the binomial walk up to 30
   values, the normal approximation above (sample.h). */
void sample_quantile_ci(int n, double q, double conf, int *lo, int *hi)
{
    int l, r;

    /* conf NaN or q NaN: Go converts NaN to int (MinInt64) and benchstat
       then indexes out of range and panics; answer "infinite" instead of
       casting NaN (undefined in C). */
    if (conf >= 1 || isnan(conf) || isnan(q)) {
        *lo = 0;
        *hi = n + 1;
        return;
    }
    if (n <= 30) {
        /* Start at the (lower) mode and add the larger neighbour until
           the mass reaches conf; equal neighbours go left. */
        int x = (int)(ceil((double)(n + 1) * q) - 1);
        if (q == 0)
            x = 0;
        double accum = binom_pmf(n, q, x);
        l = x;
        r = x + 1;
        double lp = binom_pmf(n, q, l - 1), rp = binom_pmf(n, q, r);
        while (accum < conf && (lp > 0 || rp > 0)) {
            if (lp >= rp) {
                accum += lp;
                l--;
                lp = binom_pmf(n, q, l - 1);
            } else {
                accum += rp;
                r++;
                rp = binom_pmf(n, q, r);
            }
        }
    } else {
        /* Normal approximation of B(n, q) with continuity correction:
           round [l1, r1] out to k +/- 0.5 boundaries, then try the
           left-biased interval one shorter. */
        double mu = (double)n * q;
        double sigma = sqrt((double)n * q * (1 - q));
        double alpha = (1 - conf) / 2;
        double l1 = norm_inv_cdf(mu, sigma, alpha);
        double r1 = 2 * mu - l1;
        l = (int)floor(floor(l1 - 0.5) + 0.5) + 1;
        r = (int)floor(ceil(r1 - 0.5) + 0.5) + 1;
        double full = norm_cdf(mu, sigma, (double)r - 0.5) - norm_cdf(mu, sigma, (double)l - 0.5);
        double biased = norm_cdf(mu, sigma, (double)(r - 1) - 0.5) -
                        norm_cdf(mu, sigma, (double)l - 0.5);
        if (biased >= conf && biased < full)
            r = r - 1;
    }
    if (l < 0)
        l = 0;
    if (r > n + 1)
        r = n + 1;
    *lo = l;
    *hi = r;
}

/* GeoMean of go-moremath (sample.go) with Go's Log and Exp (sample.h). */
double sample_geomean(const double *xs, size_t n)
{
    if (n == 0)
        return NAN;
    double m = 0;
    for (size_t i = 0; i < n; i++) {
        if (!(xs[i] > 0)) {
            /* Go tests x <= 0, so a NaN passes on to Log (giving NaN). */
            if (xs[i] <= 0)
                return NAN;
        }
        double lx = gomath_log(xs[i]);
        m += (lx - m) / (double)(i + 1);
    }
    return gomath_exp(m);
}

/* The longest run of equal sorted values, the first on ties (sample.h). */
double sample_mode(const double *sorted, size_t n)
{
    if (n == 0)
        return NAN;
    double best = sorted[0];
    size_t bestlen = 0;
    for (size_t i = 0; i < n;) {
        size_t j = i + 1;
        while (j < n && sorted[j] == sorted[i])
            j++;
        if (j - i > bestlen) {
            best = sorted[i];
            bestlen = j - i;
        }
        i = j;
    }
    return best;
}
