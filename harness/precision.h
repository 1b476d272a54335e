/*
 * precision.h -- how sure a set of repetitions is: the confidence interval
 * of the median as benchstat computes it, outliers, a second mode, and the
 * seeded shuffle behind -shuffle.  Pure functions on caller arrays: no
 * allocation, no printing.
 */
#ifndef ESCBENCH_PRECISION_H
#define ESCBENCH_PRECISION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* prec_ci computes the median of sorted[0..n) and the half-width of its
 * confidence interval at level conf in percent of the median, as benchstat
 * prints "±X%" (docs/benchstat.md, Statistics: order statistics from
 * QuantileCI; the larger of hi/median - 1 and 1 - lo/median).  Returns false
 * when the interval is unbounded (fewer than 6 samples at 95 %) or the median
 * is not positive; *pct is then +Inf. */
bool prec_ci(const double *sorted, size_t n, double conf, double *median, double *pct);

/* prec_outliers counts the samples outside Tukey's fences [Q1 - 1.5 IQR,
 * Q3 + 1.5 IQR] (quantiles by Hyndman-Fan R8, as benchstat's).  0 when
 * n < 4. */
size_t prec_outliers(const double *sorted, size_t n);

/* prec_bimodal reports whether the sorted sample looks like two clusters:
 * with n >= 8, the widest gap between neighbours that leaves at least
 * max(2, n/5) samples on each side is wider than both sides' own ranges
 * and than 2 % of the median.  *split is the index of the first sample of
 * the upper cluster.  A heuristic, for a warning only. */
bool prec_bimodal(const double *sorted, size_t n, size_t *split);

/* PREC_SHARE_MAX: the most repetitions prec_share gives in one round. */
#define PREC_SHARE_MAX 4

/* prec_share says how many repetitions a benchmark gets in the next round
 * of -ci with -shuffle, so that the time goes where the interval is widest:
 * if the interval shrinks as 1/sqrt(n), reaching the target takes
 * (pct/target)^2 times the samples it has; the benchmark gets that factor
 * minus one, rounded up, at least 1 and at most PREC_SHARE_MAX.  An
 * unbounded interval (pct +Inf) gets PREC_SHARE_MAX. */
int prec_share(double pct, double target);

/* prec_rand returns the next number of the splitmix64 sequence in *state:
 * the same seed gives the same order on every machine. */
uint64_t prec_rand(uint64_t *state);

/* prec_shuffle permutes a[0..n) (Fisher-Yates) with prec_rand. */
void prec_shuffle(size_t *a, size_t n, uint64_t *state);

#endif
