/*
 * test_stats_summary.c -- per-cell summaries, comparisons, deltas and the
 * geomean row (stats/summary.h) with answers worked out by hand from
 * docs/benchstat.md, Statistics, and benchmath.
 */
#include <math.h>
#include <string.h>

#include "../tap.h"
#include "summary.h"

static void test_summary(void)
{
    double x10[] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 };
    summary s;
    summary_compute(x10, 10, SUMMARY_ASSUME_NOTHING, 0.95, &s);
    is_double(s.center, 5.5, 0, "median of 1..10");
    is_double(s.lo, 2, 0, "CI order 2 at n=10");
    is_double(s.hi, 9, 0, "CI order 9 at n=10");
    is_str(s.range, "64%", "range: max(9/5.5-1, 1-2/5.5) = 63.6%%");
    is_str(s.warning, "", "no warning");

    summary_compute(x10, 5, SUMMARY_ASSUME_NOTHING, 0.95, &s);
    is_double(s.center, 3, 0, "median of 1..5");
    is_str(s.range, "∞", "n=5: infinite CI");
    is_str(s.warning, "need >= 6 samples for confidence interval at level 0.95",
           "n=5: need >= 6");
    summary_compute(x10, 7, SUMMARY_ASSUME_NOTHING, 0.99, &s);
    is_str(s.warning, "need >= 8 samples for confidence interval at level 0.99",
           "n=7 at 0.99: need >= 8");
    summary_compute(x10, 10, SUMMARY_ASSUME_NOTHING, 1, &s);
    is_str(s.warning, "need > 50 samples for confidence interval at level 1",
           "confidence 1: need > 50");

    double zeros[] = { 0, 0, 0, 0, 0, 0 };
    summary_compute(zeros, 6, SUMMARY_ASSUME_NOTHING, 0.95, &s);
    is_str(s.range, "0%", "all zero: 0%%");
    double mixed[] = { -1, 0, 0, 0, 0, 1 };
    summary_compute(mixed, 6, SUMMARY_ASSUME_NOTHING, 0.95, &s);
    is_str(s.range, "?", "bounds of another sign: ?");

    double ex[] = { 100, 101, 101 };
    summary_compute(ex, 3, SUMMARY_ASSUME_EXACT, 0.95, &s);
    is_double(s.center, 101, 0, "exact: the mode");
    is_str(s.range, "1%", "exact: range min..max");
    is_str(s.warning, "exact distribution expected, but values range from 100 to 101",
           "exact: values differ");
    double ex2[] = { 7, 7, 8, 8 };
    summary_compute(ex2, 4, SUMMARY_ASSUME_EXACT, 0.95, &s);
    is_double(s.center, 7, 0, "exact: tie goes to the smaller value");
}

static void test_compare(void)
{
    double a[] = { 1, 2, 3 }, b[] = { 4, 5, 6 }, c[] = { 5, 5, 5 };
    comparison cmp;
    char buf[64];
    summary_compare(a, 3, b, 3, SUMMARY_ASSUME_NOTHING, 0.05, &cmp);
    is_double(cmp.p, 0.1, 1e-15, "separated n=3: p = 2/C(6,3)");
    is_str(cmp.warning, "need >= 4 samples to detect a difference at alpha level 0.05",
           "too few samples");
    comparison_delta(&cmp, 2, 5, buf, sizeof buf);
    is_str(buf, "~", "p > alpha: ~");
    comparison_string(&cmp, buf, sizeof buf);
    is_str(buf, "p=0.100 n=3", "comparison string");

    summary_compare(a, 3, b, 3, SUMMARY_ASSUME_NOTHING, cmp.p, &cmp);
    comparison_delta(&cmp, 2, 5, buf, sizeof buf);
    is_str(buf, "+150.00%", "p == alpha is significant (alpha set to the exact p)");
    is_str(cmp.warning, "", "no sample-size warning when significant");

    summary_compare(c, 3, c, 3, SUMMARY_ASSUME_NOTHING, 0.05, &cmp);
    is_double(cmp.p, 1, 0, "all equal: P = 1");
    is_str(cmp.warning, "all samples are equal", "all equal: warning");

    summary_compare(a, 3, b, 2, SUMMARY_ASSUME_EXACT, 0.05, &cmp);
    comparison_string(&cmp, buf, sizeof buf);
    is_str(buf, "n=3+2", "exact: no p, n1+n2");
    comparison_delta(&cmp, 100, 100, buf, sizeof buf);
    is_str(buf, "0.00%", "equal centers: 0.00%% without sign");
    comparison_delta(&cmp, 0, 100, buf, sizeof buf);
    is_str(buf, "?", "old 0: ?");
    comparison_delta(&cmp, 100, 95, buf, sizeof buf);
    is_str(buf, "-5.00%", "delta -5.00%%");
}

static void test_column(void)
{
    summary_col col;
    summary_colrow rows[] = { { 2, true, 1 }, { 8, true, 2 } };
    summary_column(rows, 2, 2, false, &col);
    ok(col.has_summary && fabs(col.summary - 4) < 1e-12, "geomean of 2 and 8 is 4");
    ok(col.has_ratio && fabs(col.ratio - sqrt(8)) < 1e-12, "geomean of ratios 2 and 4");
    is_int(col.nwarnings, 0, "no warnings");
    char buf[32];
    summary_ratio_string(col.ratio, buf, sizeof buf);
    is_str(buf, "+182.84%", "ratio string");
    summary_ratio_string(1 - 1e-12, buf, sizeof buf);
    is_str(buf, "-0.00%", "negative zero keeps its sign");

    summary_colrow zero[] = { { 0, true, 0 }, { 0, true, 0 } };
    summary_column(zero, 2, 2, false, &col);
    ok(!col.has_summary && col.has_ratio && col.ratio == 1, "0/0 counts as 1");
    is_str(col.nwarnings ? col.warnings[0] : "", "summaries must be >0 to compute geomean",
           "zero summaries warn");
    summary_colrow bad[] = { { 100, true, 0 }, { 100, true, 0 } };
    summary_column(bad, 2, 2, false, &col);
    ok(col.has_summary && !col.has_ratio, "x/0: no ratio (printed ?)");
    is_int(col.nwarnings, 0, "x/0: no warning");
    summary_colrow missing[] = { { 5, true, 5 } };
    summary_column(missing, 1, 2, false, &col);
    is_str(col.nwarnings ? col.warnings[0] : "",
           "benchmark set differs from baseline; geomeans may not be comparable",
           "a missing row warns");
    summary_colrow extra[] = { { 5, true, 5 }, { 7, false, 0 } };
    summary_column(extra, 2, 1, false, &col);
    is_int(col.nwarnings, 0, "an extra row does not warn");
    ok(col.has_summary && fabs(col.summary - sqrt(35)) < 1e-12, "extra rows enter the geomean");
    summary_column(rows, 2, 2, true, &col);
    ok(col.has_summary && !col.has_ratio, "baseline column: no ratio");
}

int main(void)
{
    test_summary();
    test_compare();
    test_column();
    return tap_done();
}
