/*
 * sort.h -- sorting float64 samples in Go's sort.Float64s order (NaNs
 * first, then ascending), which every order statistic of sample.h reads;
 * and the builder's uint32 decimal mantissas (sort_u32).
 *
 * No allocation, no global state: the caller owns the arrays.  gsl_sort
 * would give the same values but has no defined place for NaNs, hence
 * these.
 */
#ifndef ESCSTAT_SORT_H
#define ESCSTAT_SORT_H

#include <stddef.h>
#include <stdint.h>

/* Sort xs[0..n) ascending in place, in Go's sort.Float64s order (NaNs
   first).  In-place introsort: no allocation, O(n log n). */
void sort_float64s(double *xs, size_t n);

/* The same order, several times faster for n in the hundreds and up: an
   LSD radix sort using the caller's scratch[0..n) (contents clobbered).
   Among equal-comparing values -0 sorts before +0 (Go's order there is
   unspecified). */
void sort_float64s_scratch(double *xs, size_t n, double *scratch);

/* Sort a[0..n) ascending in place, every value at most max (the bound
   sets the number of radix passes), using the caller's tmp[0..n)
   (contents clobbered; it may be another view of memory the caller
   reuses afterwards). */
void sort_u32(uint32_t *a, size_t n, uint32_t max, uint32_t *tmp);

#endif
