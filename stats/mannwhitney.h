/*
 * mannwhitney.h -- the two-sided Mann-Whitney U test exactly as go-moremath's
 * stats.MannWhitneyUTest (stats/utest.go), the p-value benchstat prints.
 *
 * No global state.  mannwhitney_utest copies and sorts its inputs; callers
 * that already hold sorted samples (every summary cell does, for the
 * median) should call mannwhitney_utest_sorted, which never allocates for
 * the exact-without-ties and normal-approximation cases.
 */
#ifndef ESCSTAT_MANNWHITNEY_H
#define ESCSTAT_MANNWHITNEY_H

#include <stddef.h>

/* Mann-Whitney U test, two-sided, exactly as go-moremath's MannWhitneyUTest:
   exact without ties, exact with ties (Cheung & Klotz), normal approximation
   with tie and continuity correction.  Returns 0 and *p, or -1 when all
   samples are equal (benchstat then uses P = 1 and the warning "all samples
   are equal") or when n1 or n2 is 0 (*p is then NaN).  x1/x2 need not be
   sorted; they are not modified (they are copied: one malloc per call, and -1
   with *p NaN if that fails). */
int mannwhitney_utest(const double *x1, size_t n1, const double *x2, size_t n2, double *p);

/* As mannwhitney_utest, for s1 and s2 sorted ascending in Go's order (NaNs
   first, as sort_float64s leaves them).  Allocates only for the exact
   distributions that do not fit on the stack: with ties (n1, n2 <= 25) the
   memo rows, without ties tables beyond about 30 vs 30; all freed before
   returning.  The normal approximation (n > 50, or n > 25 with ties) never
   allocates.  go-moremath never returns on a NaN; here each NaN is a run
   of its own, in Go's merge order. */
int mannwhitney_utest_sorted(const double *s1, size_t n1, const double *s2, size_t n2,
                             double *p);

/* Smallest possible p for n1 = n2 = n (the "need >= N samples" note),
   2/C(2n,n): for n = 1..9 exactly the doubles of benchmath's uTestMinP
   table.  n <= 0 gives NaN. */
double mannwhitney_min_p(int n);

/* Smallest possible p for sample sizes n1 and n2 (no ties), 2/C(n1+n2,n1). */
double mannwhitney_min_p2(int n1, int n2);

#endif
