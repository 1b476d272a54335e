/*
 * precision.c -- confidence intervals, outliers, modes and the shuffle of
 * the runner's repetitions.  See precision.h.
 */
#include "precision.h"

#include <math.h>

#include "sample.h"

bool prec_ci(const double *sorted, size_t n, double conf, double *median, double *pct)
{
    int lo, hi;
    double c, l, h, v;

    *pct = INFINITY;
    *median = n > 0 ? sample_median(sorted, n) : NAN;
    if (n == 0)
        return false;
    sample_quantile_ci((int)n, 0.5, conf, &lo, &hi);
    if (lo < 1 || hi > (int)n)
        return false;
    c = *median;
    l = sorted[lo - 1];
    h = sorted[hi - 1];
    if (!(c > 0) || !(l > 0))
        return false;
    /* benchstat's PctRangeString: max(Hi/center - 1, 1 - Lo/center). */
    v = fmax(h / c - 1, 1 - l / c);
    *pct = 100 * v;
    return true;
}

size_t prec_outliers(const double *sorted, size_t n)
{
    double q1, q3, iqr, lo, hi;
    size_t k = 0;

    if (n < 4)
        return 0;
    q1 = sample_quantile(sorted, n, 0.25);
    q3 = sample_quantile(sorted, n, 0.75);
    iqr = q3 - q1;
    lo = q1 - 1.5 * iqr;
    hi = q3 + 1.5 * iqr;
    for (size_t i = 0; i < n; i++)
        k += sorted[i] < lo || sorted[i] > hi;
    return k;
}

bool prec_bimodal(const double *sorted, size_t n, size_t *split)
{
    size_t side, best = 0;
    double gap = -1, median;

    *split = 0;
    if (n < 8)
        return false;
    side = n / 5 > 2 ? n / 5 : 2;
    for (size_t i = side; i + side <= n; i++)
        if (sorted[i] - sorted[i - 1] > gap) {
            gap = sorted[i] - sorted[i - 1];
            best = i;
        }
    if (best == 0)
        return false;
    median = sample_median(sorted, n);
    if (gap <= sorted[best - 1] - sorted[0] || gap <= sorted[n - 1] - sorted[best] ||
        gap <= 0.02 * median)
        return false;
    *split = best;
    return true;
}

uint64_t prec_rand(uint64_t *state)
{
    /* splitmix64 (Steele, Lea, Flood 2014; Vigna's reference constants). */
    uint64_t z = (*state += UINT64_C(0x9e3779b97f4a7c15));

    z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
    return z ^ (z >> 31);
}

void prec_shuffle(size_t *a, size_t n, uint64_t *state)
{
    for (size_t i = n; i > 1; i--) {
        /* j uniform in [0, i): the high half of a 64x64 product (Lemire);
         * the bias is below 2^-32 for any i we meet. */
        size_t j = (size_t)(((unsigned __int128)prec_rand(state) * i) >> 64);
        size_t t = a[i - 1];
        a[i - 1] = a[j];
        a[j] = t;
    }
}

int prec_share(double pct, double target)
{
    double need;

    if (!(target > 0))
        return 1;
    if (!(pct < INFINITY))
        return PREC_SHARE_MAX;
    need = ceil((pct / target) * (pct / target) - 1);
    if (!(need >= 1))
        return 1;
    return need > PREC_SHARE_MAX ? PREC_SHARE_MAX : (int)need;
}
