/*
 * test_stats_sample.c -- median (R8), quantile, geomean, mode, sort, Choose
 * and the Go libm ports of stats/sample.c, against known answers.
 *
 * The hex constants of the libm checks were printed by Go 1.19's own
 * math.Exp/Log/Erfc/Lgamma on amd64 (GODEBUG=cpu.fma=off for the non-FMA
 * column); each input is one where glibc rounds differently, so a port
 * that quietly fell back to libm would fail here.
 */
#include <gsl/gsl_sf_gamma.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sample.h"
#include "../tap.h"

static double hex(uint64_t u)
{
    double x;
    memcpy(&x, &u, sizeof x);
    return x;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
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

static void test_sort(void)
{
    static double a[5000], b[5000], c[5000], scratch[5000];
    unsigned seed = 12345;
    int bad = 0, bad_radix = 0;
    for (int round = 0; round < 60; round++) {
        size_t n = (size_t)(round * 83 % 5000);
        for (size_t i = 0; i < n; i++) {
            seed = seed * 1103515245u + 12345u;
            /* few distinct values in some rounds (duplicates), many in others */
            unsigned m = round % 3 == 0 ? 7u : round % 3 == 1 ? 1000003u : 2u;
            a[i] = (double)((seed >> 8) % m) - (double)(m / 2);
            if (round % 5 == 4)
                a[i] = (double)(n - i);             /* reversed */
            if (round % 7 == 6)
                a[i] = (double)i;                   /* already sorted */
            if (round % 4 == 1)
                a[i] = a[i] * 1e-9 + 1e-7;          /* ns/op-like: high bytes shared */
            if (round % 11 == 10)
                a[i] = ldexp(a[i], (int)(i % 200) - 100); /* wide exponents */
        }
        memcpy(b, a, n * sizeof *a);
        memcpy(c, a, n * sizeof *a);
        sample_sort(a, n);
        sample_sort_scratch(c, n, scratch);
        qsort(b, n, sizeof *b, cmp_double);
        if (memcmp(a, b, n * sizeof *a) != 0)
            bad++;
        if (memcmp(c, b, n * sizeof *a) != 0)
            bad_radix++;
    }
    is_int(bad, 0, "sample_sort agrees with qsort on 60 arrays (dups, reversed, sorted)");
    is_int(bad_radix, 0, "sample_sort_scratch (radix) agrees with qsort on the same arrays");
    double r[100];
    for (int i = 0; i < 100; i++)
        r[i] = i % 10 == 3 ? NAN : (i % 2 ? -1.0 : 1.0) * (100 - i) * 0.25;
    r[50] = INFINITY;
    r[51] = -INFINITY;
    sample_sort_scratch(r, 100, scratch);
    int nans = 0, ordered = 1;
    while (nans < 100 && isnan(r[nans]))
        nans++;
    for (int i = nans + 1; i < 100; i++)
        ordered &= r[i - 1] <= r[i];
    ok(nans == 10 && ordered && r[10] == -INFINITY && r[99] == INFINITY,
       "radix: NaNs first, then -Inf .. +Inf in order");

    double x[] = {3, NAN, -1, NAN, 2, -INFINITY, INFINITY};
    sample_sort(x, 7);
    ok(isnan(x[0]) && isnan(x[1]) && x[2] == -INFINITY && x[3] == -1 && x[4] == 2 &&
           x[5] == 3 && x[6] == INFINITY,
       "NaNs sort first, as Go's sort.Float64s");
    sample_sort(x, 0);
    ok(1, "sorting nothing is fine");
}

static void test_choose(void)
{
    int bad = 0;
    for (int n = 0; n <= 20; n++)
        for (int k = 0; k <= n; k++)
            if (sample_choose(n, k) != gsl_sf_choose((unsigned)n, (unsigned)k))
                bad++;
    is_int(bad, 0, "Choose(n,k) exact (== GSL) for n <= 20");
    is_double(sample_choose(20, 10), 184756, 0, "Choose(20,10)");
    is_double(sample_choose(5, -1), 0, 0, "Choose(5,-1) = 0");
    is_double(sample_choose(5, 6), 0, 0, "Choose(5,6) = 0");
    is_double(sample_choose(30, 0), 1, 0, "Choose(30,0) = 1");
    double worst = 0;
    for (int n = 21; n <= 60; n++)
        for (int k = 0; k <= n; k++) {
            double g = gsl_sf_choose((unsigned)n, (unsigned)k);
            double r = fabs(sample_choose(n, k) - g) / g;
            if (r > worst)
                worst = r;
        }
    ok(worst < 1e-13, "Choose via Lgamma within 1e-13 of GSL for n = 21..60 (worst %.3g)", worst);
    /* Go rounds Choose(30,13) below Choose(30,17) (equal in exact
       arithmetic): the reason QuantileCI(30, .5, .5) is (14,18). */
    ok(sample_choose(30, 13) < sample_choose(30, 17), "Choose(30,13) < Choose(30,17) as in Go");
}

static void test_go_libm(void)
{
    /* inputs where Go's two Exp paths differ and glibc agrees with neither */
    static const struct { double x; uint64_t fma, nofma; } e[] = {
        {0x1.00e4313cd468bp+0, 0x4005d275856c6e45, 0x4005d275856c6e46},
        {0x1.3918301b40e3ep+1, 0x402715d8ec32300f, 0x402715d8ec32300e},
        {-0x1.c13341eb05328p+0, 0x3fc6239723d1452b, 0x3fc6239723d1452a},
        {0x1.8cd87882c841p+1, 0x403634b32926954f, 0x403634b32926954e},
    };
    for (size_t i = 0; i < sizeof e / sizeof e[0]; i++) {
        is_double(sample_go_exp_path(e[i].x, 1), hex(e[i].fma), 0, "Exp FMA path %a", e[i].x);
        is_double(sample_go_exp_path(e[i].x, 0), hex(e[i].nofma), 0, "Exp SSE path %a", e[i].x);
    }
    is_double(sample_go_exp_path(1, 1), hex(0x4005bf0a8b145769), 0, "Exp(1)");
    is_double(sample_go_exp_path(-745, 0), hex(0x1), 0, "Exp(-745) is the smallest subnormal");
    is_double(sample_go_exp_path(-700, 1), hex(0xd14f2b0fb9307f), 0, "Exp(-700), denormal path");
    is_double(sample_go_exp(710), INFINITY, 0, "Exp overflow");
    is_double(sample_go_exp(-INFINITY), 0, 0, "Exp(-Inf) = 0");
    ok(isnan(sample_go_exp(NAN)), "Exp(NaN) = NaN");

    static const struct { double x; uint64_t y; } lg[] = {
        {0x1.300dd89db1cfbp+9, 0x4019a433851134ac},
        {0x1.684089255d948p+1, 0x3ff08e6ef377bac0},
        {0x1.578ddfbd61217p+3, 0x4002fd26b31f5f70},
        {0x1.1f831583b3a98p+6, 0x40111991d73e1d3e},
        {1.7180000000000001e-06, 0xc02a8c779181d8fa},
        {5e-324, 0xc08628b76e3a7b61},
    };
    for (size_t i = 0; i < sizeof lg / sizeof lg[0]; i++)
        is_double(sample_go_log(lg[i].x), hex(lg[i].y), 0, "Log(%a) == Go", lg[i].x);
    is_double(sample_go_log(0), -INFINITY, 0, "Log(0) = -Inf");
    ok(isnan(sample_go_log(-1)), "Log(-1) = NaN");

    static const struct { double x; uint64_t y; } ec[] = {
        {-0x1.1147066fed154p+0, 0x3ffde6e3b52854dd},
        {0x1.08934d6ec5e16p+2, 0x3e3594ee2b2bc2b5},
        {0x1.971e40075668cp+0, 0x3f991947d93ad336},
        {0x1.3938b186ddeb4p+0, 0x3fb5650ae87a7b89},
        {0.1, 0x3fec66b42bb6099a},
        {-3, 0x3fffffe8d6209afd},
        {27, 0x19e0f},
    };
    for (size_t i = 0; i < sizeof ec / sizeof ec[0]; i++)
        is_double(sample_go_erfc(ec[i].x), hex(ec[i].y), 0, "Erfc(%a) == Go", ec[i].x);

    static const struct { double x; uint64_t y; } lga[] = {
        {0x1.de5ae40f19d6fp+1, 0x3ff78bda54dff15e},
        {0x1.31848121b4a72p+0, 0xbfb55cca37a4a262},
        {0x1.ddc199a05cc62p+1, 0x3ff775486e471e93},
        {0x1.578ddfbd61217p+3, 0x402cf95f225234a9},
        {31, 0x4052aa208b59d0e6},
        {0.1, 0x4002058e35f3deed},
        {1e-25, 0x404cc845b54b54f2},
    };
    for (size_t i = 0; i < sizeof lga / sizeof lga[0]; i++)
        is_double(sample_go_lgamma(lga[i].x), hex(lga[i].y), 0, "Lgamma(%a) == Go", lga[i].x);
    is_double(sample_go_lgamma(1), 0, 0, "Lgamma(1) = 0");
    is_double(sample_go_lgamma(2), 0, 0, "Lgamma(2) = 0");
}

/* Go picks its Exp path by CPUID (AVX and FMA); check sample_go_exp makes
   the same pick, reading the flags independently from /proc/cpuinfo. */
static void test_exp_dispatch(void)
{
    FILE *f = fopen("/proc/cpuinfo", "r");
    if (!f) {
        ok(1, "# SKIP no /proc/cpuinfo to read the CPU flags from");
        return;
    }
    char line[8192];
    int avx = 0, fma = 0, seen = 0;
    while (!seen && fgets(line, sizeof line, f)) {
        if (strncmp(line, "flags", 5) != 0)
            continue;
        seen = 1;
        for (char *t = strtok(strchr(line, ':') + 1, " \n"); t; t = strtok(NULL, " \n")) {
            avx |= strcmp(t, "avx") == 0;
            fma |= strcmp(t, "fma") == 0;
        }
    }
    fclose(f);
    if (!seen) {
        ok(1, "# SKIP /proc/cpuinfo has no flags line (not x86?)");
        return;
    }
    /* 0x1.00e4313cd468bp+0 rounds differently on the two paths */
    double x = 0x1.00e4313cd468bp+0;
    is_double(sample_go_exp(x), sample_go_exp_path(x, avx && fma), 0,
              "sample_go_exp takes the %s path, as Go would on this CPU", avx && fma ? "FMA" : "SSE");
}

int main(void)
{
    test_median();
    test_quantile();
    test_geomean();
    test_mode();
    test_sort();
    test_choose();
    test_go_libm();
    test_exp_dispatch();
    return tap_done();
}
