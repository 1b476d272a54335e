/*
 * sort.c -- Go's sort.Float64s order for samples: NaNs moved to the front,
 * the rest by introsort in place (sort_float64s) or by an LSD radix sort on
 * the caller's scratch (sort_float64s_scratch); and the same radix sort
 * for the decimal mantissas the builder stores as uint32 (sort_u32).
 *
 * gsl_sort would give the same sorted values, but it is a heapsort with no
 * defined place for NaNs (Go sorts them first), so both are written here.
 */
#include "sort.h"

#include <math.h>
#include <stdint.h>
#include <string.h>

/* Insertion sort of NaN-free a[0..n): the short ranges of intro_sort. */
static void insertion_sort(double *a, size_t n)
{
    for (size_t i = 1; i < n; i++) {
        double v = a[i];
        size_t j = i;
        while (j > 0 && a[j - 1] > v) {
            a[j] = a[j - 1];
            j--;
        }
        a[j] = v;
    }
}

/* Sift a[root] down the max-heap a[0..n). */
static void sift_down(double *a, size_t root, size_t n)
{
    for (;;) {
        size_t c = 2 * root + 1;
        if (c >= n)
            return;
        if (c + 1 < n && a[c + 1] > a[c])
            c++;
        if (!(a[c] > a[root]))
            return;
        double t = a[c];
        a[c] = a[root];
        a[root] = t;
        root = c;
    }
}

/* Heapsort of NaN-free a[0..n): intro_sort's fallback, O(n log n) always. */
static void heap_sort(double *a, size_t n)
{
    for (size_t i = n / 2; i-- > 0;)
        sift_down(a, i, n);
    for (size_t i = n; i-- > 1;) {
        double t = a[0];
        a[0] = a[i];
        a[i] = t;
        sift_down(a, 0, i);
    }
}

/* Introsort on NaN-free data: median-of-three quicksort, heapsort when
   the depth budget runs out, insertion sort for short ranges. */
static void intro_sort(double *a, size_t n, int depth)
{
    while (n > 16) {
        if (depth-- == 0) {
            heap_sort(a, n);
            return;
        }
        double x = a[0], y = a[n / 2], z = a[n - 1];
        double pivot = x < y ? (y < z ? y : (x < z ? z : x)) : (x < z ? x : (y < z ? z : y));
        size_t i = 0, j = n - 1;
        for (;;) {
            while (a[i] < pivot)
                i++;
            while (pivot < a[j])
                j--;
            if (i >= j)
                break;
            double t = a[i];
            a[i] = a[j];
            a[j] = t;
            i++;
            j--;
        }
        /* [0, j] <= pivot <= [j+1, n); recurse on the smaller side. */
        size_t left = j + 1;
        if (left < n - left) {
            intro_sort(a, left, depth);
            a += left;
            n -= left;
        } else {
            intro_sort(a + left, n - left, depth);
            n = left;
        }
    }
    insertion_sort(a, n);
}

/* Doubles as unsigned keys in the same order: flip all bits of negatives,
   set the sign bit of positives (-0 sorts just below +0). */
static inline uint64_t key_of(double x)
{
    uint64_t u;
    memcpy(&u, &x, sizeof u);
    return (u >> 63) ? ~u : u | (UINT64_C(1) << 63);
}

/* The double whose key_of is k. */
static inline double double_of_key(uint64_t k)
{
    uint64_t u = (k >> 63) ? k & ~(UINT64_C(1) << 63) : ~k;
    double x;
    memcpy(&x, &u, sizeof x);
    return x;
}

/* LSD radix sort of NaN-free a[0..n) with scratch[0..n): 8 passes of 8
   bits, counted in one read, skipping the passes where every key has the
   same digit (benchmark values share their high bytes). */
static void radix_sort(double *a, size_t n, double *scratch)
{
    size_t count[8][256];
    memset(count, 0, sizeof count);
    uint64_t *src = (uint64_t *)(void *)scratch, *dst = (uint64_t *)(void *)a;
    for (size_t i = 0; i < n; i++) {
        uint64_t k = key_of(a[i]);
        src[i] = k;
        for (int d = 0; d < 8; d++)
            count[d][(k >> (8 * d)) & 0xff]++;
    }
    /* keys live in src (scratch); each pass moves them to the other array */
    for (int d = 0; d < 8; d++) {
        size_t *c = count[d];
        if (c[(src[0] >> (8 * d)) & 0xff] == n)
            continue;                   /* one bucket holds everything */
        size_t sum = 0;
        for (int b = 0; b < 256; b++) {
            size_t t = c[b];
            c[b] = sum;
            sum += t;
        }
        for (size_t i = 0; i < n; i++) {
            uint64_t k = src[i];
            dst[c[(k >> (8 * d)) & 0xff]++] = k;
        }
        uint64_t *t = src;
        src = dst;
        dst = t;
    }
    /* src holds the sorted keys: decode into a */
    for (size_t i = 0; i < n; i++)
        a[i] = double_of_key(src[i]);
}

/* Move the NaNs of xs[0..n) to its front (Go's Float64Slice.Less orders
   them first) and return how many there are. */
static size_t nans_first(double *xs, size_t n)
{
    size_t nan = 0;
    for (size_t i = 0; i < n; i++) {
        if (isnan(xs[i])) {
            double t = xs[nan];
            xs[nan] = xs[i];
            xs[i] = t;
            nan++;
        }
    }
    return nan;
}

/* Radix for 64 values and more, insertion sort below (sort.h). */
void sort_float64s_scratch(double *xs, size_t n, double *scratch)
{
    size_t nan = nans_first(xs, n);
    if (n - nan < 64) {
        insertion_sort(xs + nan, n - nan);
        return;
    }
    radix_sort(xs + nan, n - nan, scratch);
}

/* Introsort with a depth budget of 2 log2(n) (sort.h). */
void sort_float64s(double *xs, size_t n)
{
    size_t nan = nans_first(xs, n);
    int depth = 0;
    for (size_t m = n - nan; m > 1; m >>= 1)
        depth += 2;
    intro_sort(xs + nan, n - nan, depth);
}

/* sort_u32: see sort.h.  LSD radix sort in 11-bit digits (values below
   2^22 take two passes), stable, O(n); insertion sort for tiny arrays. */
void sort_u32(uint32_t *a, size_t n, uint32_t max, uint32_t *tmp)
{
    uint32_t *src = a, *dst = tmp;
    if (n < 32) {
        for (size_t i = 1; i < n; i++) {
            uint32_t v = a[i];
            size_t j = i;
            while (j > 0 && a[j - 1] > v) {
                a[j] = a[j - 1];
                j--;
            }
            a[j] = v;
        }
        return;
    }
    enum { BITS = 11, RADIX = 1 << BITS };
    for (int shift = 0; shift < 32 && (max >> shift) != 0; shift += BITS) {
        uint32_t count[RADIX + 1];
        memset(count, 0, sizeof count);
        for (size_t i = 0; i < n; i++)
            count[((src[i] >> shift) & (RADIX - 1)) + 1]++;
        if (count[((src[0] >> shift) & (RADIX - 1)) + 1] == n)
            continue;           /* one digit value only: nothing moves */
        for (int i = 0; i < RADIX; i++)
            count[i + 1] += count[i];
        for (size_t i = 0; i < n; i++)
            dst[count[(src[i] >> shift) & (RADIX - 1)]++] = src[i];
        uint32_t *t = src;
        src = dst;
        dst = t;
    }
    if (src != a)
        memcpy(a, src, n * sizeof *a);
}
