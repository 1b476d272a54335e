/*
 * test_stats_sample.c -- median (R8), quantile, geomean and mode of
 * stats/sample.c, against known answers.
 *
 * The geomean checks are bit-exact against Go (math.Log, math.Exp and the
 * running mean of logs); stats/gomath.c's own checks are
 * test_stats_gomath.c, the sorting's test_stats_sort.c.
 */
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "sample.h"
#include "../tap.h"

static double hex(uint64_t u)
{
    double x;
    memcpy(&x, &u, sizeof x);
    return x;
}

static void test_median(void)
{
    static const double v[] = {1, 2, 3, 4, 5, 6};
    /* R8 on 1..n: the middle value for odd n, the midpoint for even n. */
    static const double want[] = {1, 1.5, 2, 2.5, 3, 3.5};
    for (size_t n = 1; n <= 6; n++)
        is_double(sample_median(v, n), want[n - 1], 0, "median of 1..%zu", n);

    double one[] = {42};
    is_double(sample_median(one, 1), 42, 0, "median of one value");
    ok(isnan(sample_median(one, 0)), "median of nothing is NaN");

    /* The interpolation is a + frac*(b-a), not (a+b)/2: they round
       differently.  0.1 + 0.5*(0.7-0.1) = 0.4 but (0.1+0.7)/2 is
       0.39999999999999997; and (a+b)/2 overflows near the top. */
    double p[] = {0.1, 0.7};
    is_double(sample_median(p, 2), 0.4, 0, "median {0.1, 0.7} = 0.4 (a + frac*(b-a))");
    double big[] = {1e308, 1.7e308};
    is_double(sample_median(big, 2), 1.35e308, 0, "median near DBL_MAX does not overflow");

    /* Unsorted-looking but sorted input with duplicates, odd and even. */
    double d5[] = {3, 3, 7, 7, 9};
    is_double(sample_median(d5, 5), 7, 0, "median of 3 3 7 7 9");
    double d4[] = {-4, -1, 2, 100};
    is_double(sample_median(d4, 4), 0.5, 0, "median of -4 -1 2 100 = 0.5");

    /* Infinities as Go computes them: even an exact pick (frac = 0)
       evaluates xs[k-1] + 0*(xs[k]-xs[k-1]), and 0*(Inf-Inf) is NaN. */
    double inf3[] = {1, INFINITY, INFINITY};
    ok(isnan(sample_median(inf3, 3)), "median of 1 Inf Inf is NaN (0*(Inf-Inf)), as in Go");
    double inf3b[] = {1, 2, INFINITY};
    ok(isnan(sample_median(inf3b, 3)), "median of 1 2 Inf is NaN (2 + 0*Inf), as in Go");
    double inf4[] = {1, 2, 3, INFINITY};
    is_double(sample_median(inf4, 4), 2.5, 0, "median of 1 2 3 Inf is 2.5");
    double inf2[] = {1, INFINITY};
    ok(isinf(sample_median(inf2, 2)), "median of 1 Inf is Inf (1 + 0.5*Inf)");
    double inf22[] = {-INFINITY, INFINITY};
    ok(isnan(sample_median(inf22, 2)), "median of -Inf Inf is NaN (Inf - -Inf ... Go too)");

    /* The median of a large even sample is still the plain midpoint: the
       R8 position 1/3 + 0.5*(n + 1/3) has fraction exactly 0.5 for
       every even n up to 5000 (checked here for a few). */
    static double big_s[4000];
    for (int i = 0; i < 4000; i++)
        big_s[i] = i;
    for (size_t n = 998; n <= 4000; n += 1001)
        is_double(sample_median(big_s, n), (double)(n - 1) / 2, 0, "median of 0..%zu", n - 1);
}

static void test_quantile(void)
{
    double v[] = {1, 2, 3, 4, 5};
    is_double(sample_quantile(v, 5, 0), 1, 0, "q=0 is the minimum");
    is_double(sample_quantile(v, 5, -1), 1, 0, "q<0 is the minimum");
    is_double(sample_quantile(v, 5, 1), 5, 0, "q=1 is the maximum");
    /* R8: h = (n + 1/3) q + 1/3; q=.25, n=5 -> h = 5/3 -> 1 + 2/3. */
    is_double(sample_quantile(v, 5, 0.25), 5.0 / 3.0, 1e-15, "R8 q=0.25 of 1..5 = 5/3");
    /* q=.75 -> h = 13/3 -> 4 + 1/3. */
    is_double(sample_quantile(v, 5, 0.75), 13.0 / 3.0, 1e-15, "R8 q=0.75 of 1..5 = 13/3");
    /* h below 1 clamps to the first value: q=0.1, n=2 -> h = 0.567. */
    double w[] = {10, 20};
    is_double(sample_quantile(w, 2, 0.1), 10, 0, "R8 clamps below the first order statistic");
    is_double(sample_quantile(w, 2, 0.9), 20, 0, "R8 clamps above the last order statistic");
    ok(isnan(sample_quantile(w, 0, 0.5)), "quantile of nothing is NaN");
    is_double(sample_quantile(w, 2, NAN), 10, 0, "q = NaN gives the first value, as Go's int(NaN)");
}

static void test_geomean(void)
{
    double a[] = {1, 4, 16};
    is_double(sample_geomean(a, 3), 4, 1e-15, "geomean 1 4 16 = 4");
    double b[] = {2, 8};
    is_double(sample_geomean(b, 2), 4, 1e-15, "geomean 2 8 = 4");
    double c[] = {7};
    is_double(sample_geomean(c, 1), 7, 0, "geomean of one value is itself");
    ok(isnan(sample_geomean(c, 0)), "geomean of nothing is NaN");
    double z[] = {3, 0, 5};
    ok(isnan(sample_geomean(z, 3)), "geomean with a zero is NaN");
    double n[] = {3, 5, -1};
    ok(isnan(sample_geomean(n, 3)), "geomean with a negative value is NaN");

    /* Bit-exact against Go (math.Log/math.Exp, running mean of logs);
       the second is one glibc gets 1 ulp off (3.298484152290167e-09),
       which CSV output would show. */
    double g1[] = {2.5e-06, 4.125e-07};
    is_double(sample_geomean(g1, 2), hex(0x3eb1098f5617b962), 0, "geomean == Go, case 1");
    double g2[] = {1.5e-09, 3.3e-09, 7.25e-09};
    is_double(sample_geomean(g2, 3), hex(0x3e2c55717ff8f78e), 0,
              "geomean == Go 3.2984841522901666e-09");
    double g3[] = {100, 200, 300, 400, 500};
    is_double(sample_geomean(g3, 5), hex(0x407048461387dff1), 0, "geomean == Go, 100..500");
    double g4[] = {6.02e23, 1.6e-19};
    is_double(sample_geomean(g4, 2), hex(0x407365ac96a6e1ee), 0, "geomean == Go, wide range");
}

static void test_mode(void)
{
    double a[] = {1, 1, 2, 2, 2, 3};
    is_double(sample_mode(a, 6), 2, 0, "mode: longest run");
    double b[] = {1, 1, 2, 2};
    is_double(sample_mode(b, 4), 1, 0, "mode: equal runs -> smaller value");
    double c[] = {1, 2, 3, 3};
    is_double(sample_mode(c, 4), 3, 0, "mode: run at the end");
    double d[] = {5};
    is_double(sample_mode(d, 1), 5, 0, "mode of one value");
    double e[] = {1, 2, 3};
    is_double(sample_mode(e, 3), 1, 0, "mode of distinct values is the smallest");
    ok(isnan(sample_mode(e, 0)), "mode of nothing is NaN");
}

int main(void)
{
    test_median();
    test_quantile();
    test_geomean();
    test_mode();
    return tap_done();
}
