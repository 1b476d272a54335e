/*
 * test_stats_sort.c -- stats/sort.c: both sorts (introsort in place, radix
 * on scratch) against qsort on 60 generated arrays, and Go's place for NaNs
 * (first) and infinities; sort_u32 against qsort for 1, 2 and 3 radix
 * passes and for the insertion sort of short arrays.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sort.h"
#include "../tap.h"

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
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
        sort_float64s(a, n);
        sort_float64s_scratch(c, n, scratch);
        qsort(b, n, sizeof *b, cmp_double);
        if (memcmp(a, b, n * sizeof *a) != 0)
            bad++;
        if (memcmp(c, b, n * sizeof *a) != 0)
            bad_radix++;
    }
    is_int(bad, 0, "sort_float64s agrees with qsort on 60 arrays (dups, reversed, sorted)");
    is_int(bad_radix, 0, "sort_float64s_scratch (radix) agrees with qsort on the same arrays");
    double r[100];
    for (int i = 0; i < 100; i++)
        r[i] = i % 10 == 3 ? NAN : (i % 2 ? -1.0 : 1.0) * (100 - i) * 0.25;
    r[50] = INFINITY;
    r[51] = -INFINITY;
    sort_float64s_scratch(r, 100, scratch);
    int nans = 0, ordered = 1;
    while (nans < 100 && isnan(r[nans]))
        nans++;
    for (int i = nans + 1; i < 100; i++)
        ordered &= r[i - 1] <= r[i];
    ok(nans == 10 && ordered && r[10] == -INFINITY && r[99] == INFINITY,
       "radix: NaNs first, then -Inf .. +Inf in order");

    double x[] = {3, NAN, -1, NAN, 2, -INFINITY, INFINITY};
    sort_float64s(x, 7);
    ok(isnan(x[0]) && isnan(x[1]) && x[2] == -INFINITY && x[3] == -1 && x[4] == 2 &&
           x[5] == 3 && x[6] == INFINITY,
       "NaNs sort first, as Go's sort.Float64s");
    sort_float64s(x, 0);
    ok(1, "sorting nothing is fine");
}

static int cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return (x > y) - (x < y);
}

static void test_sort_u32(void)
{
    static uint32_t a[3000], b[3000], tmp[3000];
    /* max below 2^11 (one pass), 2^22 (two), 2^32 (three); n below and
       above the insertion-sort cut (32); one value only (no pass moves) */
    static const uint32_t maxes[] = { 2000, 4000000, 4000000000u, 7 };
    static const size_t ns[] = { 0, 1, 5, 31, 32, 33, 1000, 3000 };
    unsigned seed = 777;
    int bad = 0;
    for (size_t mi = 0; mi < sizeof maxes / sizeof *maxes; mi++)
        for (size_t ni = 0; ni < sizeof ns / sizeof *ns; ni++) {
            size_t n = ns[ni];
            for (size_t i = 0; i < n; i++) {
                seed = seed * 1103515245u + 12345u;
                a[i] = mi == 3 ? 7u : (uint32_t)(((uint64_t)seed << 3 ^ seed >> 7) % ((uint64_t)maxes[mi] + 1));
            }
            memcpy(b, a, n * sizeof *a);
            sort_u32(a, n, maxes[mi], tmp);
            qsort(b, n, sizeof *b, cmp_u32);
            bad += memcmp(a, b, n * sizeof *a) != 0;
        }
    is_int(bad, 0, "sort_u32 agrees with qsort on 32 arrays (1-3 radix passes, n 0..3000)");
}

int main(void)
{
    test_sort();
    test_sort_u32();
    return tap_done();
}
