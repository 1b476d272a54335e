/*
 * test_harness_precision.c -- the confidence interval -ci stops on, the
 * outlier and two-cluster warnings, and the -shuffle generator.
 *
 * CI orders at 95 % from docs/benchstat.md, Statistics (n=6: (1,6), n=10:
 * (2,9), n<=5 unbounded); medians by R8 worked out by hand.
 */
#include <math.h>

#include "precision.h"
#include "../tap.h"

int main(void)
{
    double six[] = {90, 95, 99, 101, 105, 110};
    double ten[] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    double spike[] = {10, 10, 10, 10, 10, 10, 10, 50};
    double even[] = {1, 2, 3, 4, 5, 6, 7, 8};
    double two[] = {10, 10.1, 10.1, 10.2, 20, 20.1, 20.2, 20.3};
    double median, pct;
    size_t split, perm[10], seen;
    uint64_t st;

    /* n=6: orders (1,6): [90, 110] around the median 99 + (101-99)/2 = 100. */
    ok(prec_ci(six, 6, 0.95, &median, &pct), "6 samples: bounded");
    is_double(median, 100, 0, "6 samples: median 100");
    is_double(pct, 10, 1e-9, "6 samples: +-10%%");
    /* n=10: orders (2,9): [2, 9] around 5.5; 9/5.5-1 = 1-2/5.5 = 7/11. */
    ok(prec_ci(ten, 10, 0.95, &median, &pct), "10 samples: bounded");
    is_double(median, 5.5, 0, "10 samples: median 5.5");
    is_double(pct, 700.0 / 11, 1e-9, "10 samples: +-63.6%%");
    ok(!prec_ci(six, 5, 0.95, &median, &pct), "5 samples: unbounded at 95%%");
    ok(isinf(pct), "unbounded is +Inf");
    ok(!prec_ci(six, 0, 0.95, &median, &pct), "no samples");

    /* Tukey: Q1 = Q3 = 10 (R8), fences [10, 10]: 50 is out. */
    is_int(prec_outliers(spike, 8), 1, "one outlier");
    is_int(prec_outliers(even, 8), 0, "evenly spread: none");
    is_int(prec_outliers(spike, 3), 0, "fewer than 4 samples: none counted");

    ok(prec_bimodal(two, 8, &split), "two clusters 10 and 20");
    is_int(split, 4, "split before the 5th sample");
    ok(!prec_bimodal(even, 8, &split), "evenly spread: one cluster");
    ok(!prec_bimodal(two, 7, &split), "fewer than 8 samples: not judged");

    /* splitmix64's reference outputs for seed 0. */
    st = 0;
    /* prec_share: (pct/target)^2 - 1, rounded up, within 1..PREC_SHARE_MAX. */
    is_int(prec_share(1.1, 1), 1, "share: just short of the target: 1");
    is_int(prec_share(0.5, 1), 1, "share: already within: 1");
    is_int(prec_share(1.5, 1), 2, "share: 1.5x the target: 2 (2.25 - 1, up)");
    is_int(prec_share(2.0, 1), 3, "share: twice the target: 3");
    is_int(prec_share(2.5, 1), PREC_SHARE_MAX, "share: capped at PREC_SHARE_MAX");
    is_int(prec_share(INFINITY, 1), PREC_SHARE_MAX, "share: unbounded: PREC_SHARE_MAX");
    is_int(prec_share(3, 0), 1, "share: no target: 1");
    ok(prec_rand(&st) == UINT64_C(0xe220a8397b1dcdaf), "splitmix64(0) first output");
    ok(prec_rand(&st) == UINT64_C(0x6e789e6aa1b965f4), "splitmix64(0) second output");

    /* The shuffle is a permutation, the same for the same seed. */
    for (size_t i = 0; i < 10; i++)
        perm[i] = i;
    st = 42;
    prec_shuffle(perm, 10, &st);
    seen = 0;
    for (size_t i = 0; i < 10; i++)
        seen |= (size_t)1 << perm[i];
    is_int(seen, 0x3ff, "shuffle is a permutation");
    {
        size_t again[10], moved = 0;
        for (size_t i = 0; i < 10; i++)
            again[i] = i;
        st = 42;
        prec_shuffle(again, 10, &st);
        for (size_t i = 0; i < 10; i++)
            moved += again[i] != perm[i];
        is_int(moved, 0, "same seed, same order");
        for (size_t i = 0; i < 10; i++)
            again[i] = i;
        st = 43;
        prec_shuffle(again, 10, &st);
        moved = 0;
        for (size_t i = 0; i < 10; i++)
            moved += again[i] != perm[i];
        ok(moved > 0, "another seed, another order");
    }
    return tap_done();
}
