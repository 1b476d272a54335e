/*
 * test_stats_legacy.c -- known answers for the pieces of `escstat -legacy`
 * (the pre-2023 benchstat): Tukey outlier removal and the trimmed mean
 * (Metrics.computeStats), Welch's t-test (internal/stats ttest.go, p from
 * an independent 30-digit evaluation of the incomplete beta function),
 * its error cases, and the old scaler's units and thresholds (scaler.go).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../tap.h"
#include "legacy.h"
#include "legacy_format.h"
#include "ttest.h"

int main(void)
{
    /* R8 quartiles of 10 11 12 13 100: q1 = 10 + 2/3, q3 = 13 + 87/3 = 42;
       the upper fence 42 + 1.5 * 31.33 = 89 drops 100 */
    double v[] = { 13, 100, 10, 12, 11 }, r[6], min, mean, max;   /* r: room for w's 6 */
    size_t nr = legacy_compute_stats(v, 5, r, &min, &mean, &max);
    is_int((int)nr, 4, "Tukey fences drop the outlier 100");
    is_double(r[0], 13, 0, "kept values stay in input order (first)");
    is_double(r[3], 11, 0, "kept values stay in input order (last)");
    is_double(mean, 11.5, 0, "mean of the kept values");
    is_double(min, 10, 0, "min of the kept values");
    is_double(max, 13, 0, "max of the kept values");

    /* a lower outlier too, and a sample too small to trim */
    double w[] = { 50, 1, 52, 51, 49, 50 };
    nr = legacy_compute_stats(w, 6, r, &min, &mean, &max);
    is_int((int)nr, 5, "the low outlier 1 is dropped");
    is_double(mean, 50.4, 1e-12, "mean 50.4");
    double one[] = { 7 };
    nr = legacy_compute_stats(one, 1, r, &min, &mean, &max);
    ok(nr == 1 && mean == 7 && min == 7 && max == 7, "a single value is kept");

    /* Welch: 1 2 3 4 against 2 4 6 8: t = -sqrt(3), dof = 75/17,
       p = I_{dof/(dof+t^2)}(dof/2, 1/2) = 0.15158050484530393797 (mpmath) */
    double a[] = { 1, 2, 3, 4 }, b[] = { 2, 4, 6, 8 }, p = -1;
    is_int(ttest_welch(a, 4, b, 4, &p), TTEST_OK, "welch: ok");
    is_double(p, 0.151580504845303938, 1e-12, "welch: p");
    is_int(ttest_welch(b, 4, a, 4, &p), TTEST_OK, "welch: swapped samples");
    is_double(p, 0.151580504845303938, 1e-12, "welch: same p for the swap");
    double c1[] = { 5, 5, 5 }, c2[] = { 6, 6, 6 };
    is_int(ttest_welch(c1, 3, c2, 3, &p), TTEST_ZERO_VARIANCE, "welch: both variances 0");
    is_int(ttest_welch(a, 1, b, 4, &p), TTEST_SAMPLE_SIZE, "welch: n = 1 is too few");
    is_int(ttest_welch(c1, 3, b, 4, &p), TTEST_OK, "welch: one variance 0 is fine");
    /* dof outside GSL's domain: p is NaN (Go's TDist gives NaN or
       panics), never GSL's default handler, which aborts the process.
       0 and 1.4e80: v1/n1 = 4.9e159, whose square overflows, dof = inf/inf;
       1e-160 and 3e-160: the squares underflow, dof = 0/0 */
    double h1[] = { 0, 1.4e80 }, h2[] = { 1, 2 };
    p = -1;
    is_int(ttest_welch(h1, 2, h2, 2, &p), TTEST_OK, "welch: squares overflow: ok");
    ok(isnan(p), "welch: squares overflow: p is NaN");
    double u1[] = { 1e-160, 3e-160 }, u2[] = { 2e-160, 5e-160 };
    p = -1;
    is_int(ttest_welch(u1, 2, u2, 2, &p), TTEST_OK, "welch: squares underflow: ok");
    ok(isnan(p), "welch: squares underflow: p is NaN");
    is_double(ttest_variance(a, 4), 5.0 / 3.0, 1e-15, "Welford variance");
    ok(isnan(ttest_mean(a, 0)), "mean of nothing is NaN");

    /* scaler.go: three significant digits, the prefix from the row's first
       value, the same scale for the other cells of the row */
    char buf[64];
    legacy_scale(13552735, "ns/op", 13552735, buf, sizeof buf);
    is_str(buf, "13.6ms", "time: ms");
    legacy_scale(13552735, "ns/op", 1155000, buf, sizeof buf);
    is_str(buf, "1.2ms", "time: the row's scale for a smaller value");
    legacy_scale(5, "ns/GC", 5, buf, sizeof buf);
    is_str(buf, "5.00ns", "ns/GC is a time");
    legacy_scale(1.438e13, "user-ns/op", 1.438e13, buf, sizeof buf);
    is_str(buf, "14380s", "prefix-ns/op is a time");
    legacy_scale(1393.3, "ns/op", 1393.3, buf, sizeof buf);
    is_str(buf, "1.39µs", "µ is U+00B5");
    legacy_scale(56.63, "MB/s", 56.63, buf, sizeof buf);
    is_str(buf, "56.6MB/s", "MB/s prescaled to B/s");
    legacy_scale(0.731, "MB/s", 0.731, buf, sizeof buf);
    is_str(buf, "731kB/s", "MB/s below 1");
    legacy_scale(976, "B/op", 976, buf, sizeof buf);
    is_str(buf, "976B", "B/op");
    legacy_scale(13.6, "quick-bytes", 13.6, buf, sizeof buf);
    is_str(buf, "13.6B", "prefix-bytes gets a B");
    legacy_scale(99500, "allocs/op", 99500, buf, sizeof buf);
    is_str(buf, "100k", "99500: no decimals, half to even");
    legacy_scale(99499, "allocs/op", 99499, buf, sizeof buf);
    is_str(buf, "99.5k", "99499: one decimal");
    legacy_scale(995, "x", 995, buf, sizeof buf);
    is_str(buf, "0.99k", "995/1000 is just below 0.995");
    legacy_scale(9.94, "x", 9.94, buf, sizeof buf);
    is_str(buf, "9.94", "below 9.95: two decimals");
    legacy_scale(NAN, "x", NAN, buf, sizeof buf);
    is_str(buf, "NaN", "NaN as Go prints it");
    return tap_done();
}
