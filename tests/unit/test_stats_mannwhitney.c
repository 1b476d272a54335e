/*
 * test_stats_mannwhitney.c -- the two-sided Mann-Whitney U test (stats/mannwhitney.c)
 * against answers computed independently here:
 *   - textbook cases (1 2 3 vs 4 5 6 -> 0.1; 5 vs 5 separated -> 2/252);
 *   - exact permutation counts by brute force (every way to choose which
 *     n1 of the pooled values form sample 1, ties at their mid-ranks),
 *     without and with ties, for small samples;
 *   - the normal approximation from the formula (tie and continuity
 *     corrections) with GSL's normal CDF, for samples above the exact limits;
 *   - the errors (all samples equal, empty sample) and p = 1 at U1 == U2.
 */
#include <gsl/gsl_cdf.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>

#include "../tap.h"
#include "mannwhitney.h"

/* 2U of sample x1 against x2: pairs x1 > x2 count 2, ties 1. */
static int64_t two_u(const double *x1, int n1, const double *x2, int n2)
{
    int64_t u = 0;
    for (int i = 0; i < n1; i++)
        for (int j = 0; j < n2; j++)
            u += x1[i] > x2[j] ? 2 : x1[i] == x2[j] ? 1 : 0;
    return u;
}

/* Exact two-sided p by enumerating all C(n1+n2, n1) splits of the pooled
   values (bitmask over N <= 20 positions). */
static double brute_p(const double *x1, int n1, const double *x2, int n2)
{
    int N = n1 + n2;
    double pool[20], a[20], b[20];
    for (int i = 0; i < n1; i++)
        pool[i] = x1[i];
    for (int i = 0; i < n2; i++)
        pool[n1 + i] = x2[i];
    int64_t obs = two_u(x1, n1, x2, n2);
    int64_t mirror = 2 * (int64_t)n1 * n2 - obs;
    if (obs == mirror)
        return 1;
    int64_t small = obs < mirror ? obs : mirror;
    int64_t count = 0, total = 0;
    for (uint32_t m = 0; m < (1u << N); m++) {
        if (__builtin_popcount(m) != n1)
            continue;
        int na = 0, nb = 0;
        for (int i = 0; i < N; i++) {
            if (m & (1u << i))
                a[na++] = pool[i];
            else
                b[nb++] = pool[i];
        }
        total++;
        if (two_u(a, na, b, nb) <= small)
            count++;
    }
    return 2.0 * (double)count / (double)total;
}

/* The normal approximation written from its formula. */
static double normal_p(const double *x1, int n1, const double *x2, int n2)
{
    int N = n1 + n2;
    double *pool = malloc((size_t)N * sizeof *pool);
    for (int i = 0; i < n1; i++)
        pool[i] = x1[i];
    for (int i = 0; i < n2; i++)
        pool[n1 + i] = x2[i];
    /* tie correction: sum over distinct values of t^3 - t */
    double t = 0;
    for (int i = 0; i < N; i++) {
        int first = 1, c = 0;
        for (int j = 0; j < N; j++) {
            if (pool[j] == pool[i]) {
                c++;
                if (j < i)
                    first = 0;
            }
        }
        if (first)
            t += (double)c * c * c - c;
    }
    free(pool);
    double U = (double)two_u(x1, n1, x2, n2) / 2;
    double mu = (double)n1 * n2 / 2;
    double sigma = sqrt((double)n1 * n2 * ((N + 1) - t / ((double)N * (N - 1))) / 12);
    double num = U - mu;
    num -= num > 0 ? 0.5 : num < 0 ? -0.5 : 0;
    double z = num / sigma;
    double c = gsl_cdf_ugaussian_P(z);
    return 2 * (c < 1 - c ? c : 1 - c);
}

static void test_textbook(void)
{
    double p;
    double a[] = {1, 2, 3}, b[] = {4, 5, 6};
    is_int(mannwhitney_utest(a, 3, b, 3, &p), 0, "1 2 3 vs 4 5 6 ok");
    is_double(p, 0.1, 1e-15, "1 2 3 vs 4 5 6: p = 2/20 = 0.1");
    /* go-moremath's recurrence (p_{n,m}(U) = (n p_{n-1,m}(U-m) + m
       p_{n,m-1}(U)) / (n+m), left to right) rounds to one ulp above 0.1;
       Go prints the same 0.10000000000000002. */
    is_double(p, 0.10000000000000002, 0, "... the recurrence's double 0.10000000000000002");
    mannwhitney_utest(b, 3, a, 3, &p);
    is_double(p, 0.1, 1e-15, "symmetric in the order of the samples");

    double c[] = {1, 2, 3, 4, 5}, d[] = {6, 7, 8, 9, 10};
    mannwhitney_utest(c, 5, d, 5, &p);
    is_double(p, 2.0 / 252, 1e-17, "5 vs 5 fully separated: 2/252");
    is_double(p, 0.007936507936507938, 0, "... the recurrence's double 0.007936507936507938");

    double e[] = {1, 4}, f[] = {2, 3};
    mannwhitney_utest(e, 2, f, 2, &p);
    is_double(p, 1, 0, "U1 == U2 gives p = 1");

    double g[] = {3, 1, 2}, h[] = {6, 4, 5};
    mannwhitney_utest(g, 3, h, 3, &p);
    is_double(p, 0.1, 1e-15, "unsorted input is sorted first");

    /* one value each */
    double one[] = {1}, two[] = {2};
    mannwhitney_utest(one, 1, two, 1, &p);
    is_double(p, 1, 0, "1 vs 1: p = 2 * 1/2 = 1");
}

static void test_errors(void)
{
    double p = 0;
    double same[30];
    for (int i = 0; i < 30; i++)
        same[i] = 7;
    is_int(mannwhitney_utest(same, 5, same, 5, &p), -1, "all equal (exact branch): error");
    is_int(mannwhitney_utest(same, 30, same, 30, &p), -1, "all equal (normal branch, sigma 0): error");
    is_int(mannwhitney_utest(same, 1, same, 1, &p), -1, "1 vs 1 equal: error");
    is_int(mannwhitney_utest(same, 0, same, 3, &p), -1, "empty first sample: error");
    ok(isnan(p), "... and p is NaN");
    is_int(mannwhitney_utest(same, 3, same, 0, &p), -1, "empty second sample: error");
    is_int(mannwhitney_utest_sorted(same, 0, same, 0, &p), -1, "both empty: error");
}

static void test_brute_force(void)
{
    unsigned seed = 7;
    int bad_noties = 0, bad_ties = 0, n_noties = 0, n_ties = 0;
    double x1[10], x2[10];
    for (int round = 0; round < 400; round++) {
        seed = seed * 1103515245u + 12345u;
        int n1 = 1 + (int)((seed >> 8) % 9);
        seed = seed * 1103515245u + 12345u;
        int n2 = 1 + (int)((seed >> 8) % 9);
        if (n1 + n2 > 16)
            n2 = 16 - n1;
        int ties = round % 2;
        int levels = ties ? 2 + round % 5 : 1000000;
        int shift = round % 3;
        for (int i = 0; i < n1; i++) {
            seed = seed * 1103515245u + 12345u;
            x1[i] = (double)((seed >> 8) % (unsigned)levels);
        }
        for (int i = 0; i < n2; i++) {
            seed = seed * 1103515245u + 12345u;
            x2[i] = (double)((seed >> 8) % (unsigned)levels) + shift * levels / 4.0;
        }
        double p;
        int rc = mannwhitney_utest(x1, (size_t)n1, x2, (size_t)n2, &p);
        int allsame = 1;
        for (int i = 0; i < n1; i++)
            allsame &= x1[i] == x1[0];
        for (int i = 0; i < n2; i++)
            allsame &= x2[i] == x1[0];
        if (allsame) {
            if (rc != -1)
                bad_ties++;
            continue;
        }
        double want = brute_p(x1, n1, x2, n2);
        int wrong = rc != 0 || fabs(p - want) > 1e-12;
        if (wrong && bad_noties + bad_ties < 5)
            tap_diag("n1=%d n2=%d levels=%d: got %.17g want %.17g", n1, n2, levels, p, want);
        /* was there a tie anywhere? */
        int tie = 0;
        for (int i = 0; i < n1 + n2; i++)
            for (int j = i + 1; j < n1 + n2; j++) {
                double u = i < n1 ? x1[i] : x2[i - n1], v = j < n1 ? x1[j] : x2[j - n1];
                tie |= u == v;
            }
        if (tie) {
            n_ties++;
            bad_ties += wrong;
        } else {
            n_noties++;
            bad_noties += wrong;
        }
    }
    ok(n_noties > 100 && bad_noties == 0, "exact p without ties == permutation count (%d cases, %d wrong)",
       n_noties, bad_noties);
    ok(n_ties > 100 && bad_ties == 0, "exact p with ties == permutation count (%d cases, %d wrong)",
       n_ties, bad_ties);

    /* A hand case with ties: 1 1 2 vs 2 3 3.  The pooled mid-ranks are
       1.5 1.5 3.5 3.5 5.5 5.5, so R1 = 6.5 and U1 = 6.5 - 6 = 0.5 (the tied
       pair 2/2 counts a half).  No split reaches U = 0, and of the 20 ways
       to pick sample 1 only {1,1,2} and {1,1,2'} reach 0.5: p = 2 * 2/20. */
    double a[] = {1, 1, 2}, b[] = {2, 3, 3}, p;
    mannwhitney_utest(a, 3, b, 3, &p);
    is_double(p, 0.2, 1e-15, "1 1 2 vs 2 3 3: p = 0.2");
}

static void test_limits(void)
{
    /* 50 vs 50 without ties is still exact: fully separated gives
       2/C(100,50); 51 vs 51 switches to the normal approximation. */
    static double a[300], b[300];
    double p;
    for (int i = 0; i < 300; i++) {
        a[i] = i;
        b[i] = 1000 + i;
    }
    mannwhitney_utest(a, 50, b, 50, &p);
    is_double(p, 2 / 1.0089134454556419e29, 1e-40, "50 vs 50 separated: exact 2/C(100,50)");
    mannwhitney_utest(a, 51, b, 51, &p);
    is_double(p, normal_p(a, 51, b, 51), 1e-15, "51 vs 51 separated: normal approximation");
    ok(p > 1e-19 && p < 1e-17, "... which is far from the exact 2/C(102,51) ~ 4.9e-30 (%.3g)", p);

    /* with ties, 25 is the limit: 25 vs 25 exact, 26 vs 26 normal */
    for (int i = 0; i < 300; i++) {
        a[i] = i % 5;
        b[i] = i % 7;
    }
    mannwhitney_utest(a, 25, b, 25, &p);
    /* too big to enumerate (C(50,25)); cross-check against a scaled-down
       property instead: the normal approximation is close but not equal */
    double np = normal_p(a, 25, b, 25);
    ok(fabs(p - np) < 0.02 && p != np, "25 vs 25 with ties: exact, near the normal p (%.6f vs %.6f)", p, np);
    mannwhitney_utest(a, 26, b, 26, &p);
    is_double(p, normal_p(a, 26, b, 26), 1e-14, "26 vs 26 with ties: normal approximation");

    /* normal approximation on larger random samples with heavy ties */
    unsigned seed = 99;
    int bad = 0;
    for (int round = 0; round < 50; round++) {
        int n1 = 51 + round * 5, n2 = 60 + round * 4;
        for (int i = 0; i < n1; i++) {
            seed = seed * 1103515245u + 12345u;
            a[i] = (double)((seed >> 8) % 20);
        }
        for (int i = 0; i < n2; i++) {
            seed = seed * 1103515245u + 12345u;
            b[i] = (double)((seed >> 8) % 20) + (round % 3);
        }
        mannwhitney_utest(a, (size_t)n1, b, (size_t)n2, &p);
        double want = normal_p(a, n1, b, n2);
        if (fabs(p - want) > 1e-12 * (want > 1e-3 ? 1 : want * 1e3 + 1e-300)) {
            if (bad < 3)
                tap_diag("n1=%d n2=%d: got %.17g want %.17g", n1, n2, p, want);
            bad++;
        }
    }
    is_int(bad, 0, "normal approximation == formula + GSL on 50 tied samples");

    /* 1000 vs 1000, far apart: the normal p underflows to exactly 0
       (benchstat then prints "(n=1000)" without "p="). */
    static double c[1000], d[1000];
    for (int i = 0; i < 1000; i++) {
        c[i] = 100 + i * 0.001;
        d[i] = 200 + i * 0.001;
    }
    mannwhitney_utest(c, 1000, d, 1000, &p);
    is_double(p, 0, 0, "1000 vs 1000 separated: p underflows to 0");
}

static void test_sorted_variant(void)
{
    double a[] = {1, 2, 2, 5, 9}, b[] = {2, 3, 4, 4, 10, 11};
    double p1, p2;
    mannwhitney_utest(a, 5, b, 6, &p1);
    mannwhitney_utest_sorted(a, 5, b, 6, &p2);
    is_double(p2, p1, 0, "sorted variant == copying variant");
    double want = brute_p(a, 5, b, 6);
    is_double(p1, want, 1e-12, "... == permutation count");
}

static void test_nan(void)
{
    /* go-moremath loops forever on a NaN (its run never advances past an
       item unequal to itself); here each NaN is a run of its own, in Go's
       merge order, and the test returns. */
    double a[] = {NAN, 1, 2, 3}, b[] = {NAN, NAN, 4, 5, 6};
    double p = -1;
    int rc = mannwhitney_utest(a, 4, b, 5, &p);
    ok(rc == 0 && p >= 0 && p <= 1, "NaNs in both samples: returns a p in [0,1] (%g)", p);
    double c[60], d[60];
    for (int i = 0; i < 60; i++) {
        c[i] = i % 9 == 0 ? NAN : i;
        d[i] = i + 0.5;
    }
    rc = mannwhitney_utest(c, 60, d, 60, &p);
    ok(rc == 0 && p >= 0 && p <= 1, "NaNs, normal approximation: returns (%g)", p);
}

static void test_min_p(void)
{
    /* benchmath's uTestMinP (docs/benchstat.md, Statistics): 2/C(2n,n) */
    static const double want[] = {0, 1, 0.3333333333333333, 0.1, 0.02857142857142857,
                                  0.007936507936507936, 0.0021645021645021645,
                                  0.0005827505827505828, 0.0001554001554001554,
                                  4.113533525298231e-05};
    for (int n = 1; n <= 9; n++)
        is_double(mannwhitney_min_p(n), want[n], 0, "min p for n = %d", n);
    /* benchmath generated that table (mktables.go) by running the U test
       on n copies of -1 against n copies of 1: tied samples, so the
       Cheung-Klotz path, whose counts are exact for n1 + n2 <= 20 -- it
       must reproduce every entry to the bit. */
    double lo[9], hi[9];
    for (int i = 0; i < 9; i++) {
        lo[i] = -1;
        hi[i] = 1;
    }
    for (int n = 1; n <= 9; n++) {
        double p;
        mannwhitney_utest(lo, (size_t)n, hi, (size_t)n, &p);
        is_double(p, want[n], 0, "U test of %d x -1 vs %d x 1 == benchmath's uTestMinP[%d]", n, n, n);
    }
    is_double(mannwhitney_min_p2(3, 4), 2.0 / 35, 1e-16, "min p for 3 vs 4 = 2/C(7,3)");
}

int main(void)
{
    test_textbook();
    test_errors();
    test_brute_force();
    test_limits();
    test_sorted_variant();
    test_nan();
    test_min_p();
    return tap_done();
}
