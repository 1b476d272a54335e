/*
 * test_harness_predict.c -- Go's b.N predictor, number by number.
 *
 * Each expectation is worked out by hand from predictN (Go 1.19-1.21):
 * n = goal*prev/prevns; n += n/5; n = min(n, 100*last); n = max(n,
 * last+1); n = min(n, 1e9).
 */
#include <stdint.h>

#include "ramp.h"
#include "../tap.h"

/* ramp runs launch's loop against a benchmark that costs ns_per_op (plus
 * overhead_ns per batch) and stores the n of each run; returns the count. */
static int ramp(int64_t goal, double ns_per_op, int64_t overhead_ns, int64_t *seq, int max)
{
    int k = 0;
    int64_t n = 1, dur = (int64_t)(ns_per_op * 1) + overhead_ns, prev = 1;

    seq[k++] = 1;
    for (int64_t last; dur < goal && n < RAMP_MAX_N && k < max;) {
        last = n;
        n = ramp_predict_n(goal, prev, dur, last);
        seq[k++] = n;
        prev = n;
        dur = (int64_t)(ns_per_op * (double)n) + overhead_ns;
    }
    return k;
}

int main(void)
{
    int64_t seq[32];
    int k;

    /* 1 op took 100 ns: 1e9*1/100 = 1e7, +20% = 1.2e7, capped at 100*1. */
    is_int(ramp_predict_n(1000000000, 1, 100, 1), 100, "growth capped at 100x last");
    /* 100 ops in 2000 ns: 5e7 + 1e7 = 6e7, capped at 100*100. */
    is_int(ramp_predict_n(1000000000, 100, 2000, 100), 10000, "second step capped");
    /* 1e6 ops in 2.5e8 ns: 4e6 + 8e5 = 4800000, under 1e8. */
    is_int(ramp_predict_n(1000000000, 1000000, 250000000, 1000000), 4800000,
           "prediction plus a fifth");
    /* Multiply before dividing: 1e9*3/7 = 428571428 (not 1e9*(3/7) = 0),
     * + 85714285 = 514285713. */
    is_int(ramp_predict_n(1000000000, 3, 7, 100000000), 514285713, "multiply first");
    /* prevns 0 counts as 1: 1e9 + 2e8, capped at 100. */
    is_int(ramp_predict_n(1000000000, 1, 0, 1), 100, "zero duration counts as 1 ns");
    is_int(ramp_predict_n(1000000000, 1, -5, 1), 100, "negative duration counts as 1 ns");
    /* 1000 ops took 2 s: 500 + 100 = 600, but at least last+1 = 1001. */
    is_int(ramp_predict_n(1000000000, 1000, 2000000000, 1000), 1001, "at least last+1");
    /* 1e8 ops in 5e7 ns: 2e9 + 4e8, capped at 1e9. */
    is_int(ramp_predict_n(1000000000, 100000000, 50000000, 100000000), 1000000000,
           "capped at 1e9");
    /* Go's int64 arithmetic wraps: 1e10*1e9 = 1e19 -> -8446744073709551616;
     * adding a fifth (-1689348814741910323) wraps again, to
     * 8310651185258089677; then min(., 100*last), max(., last+1),
     * min(., 1e9). */
    is_int(ramp_predict_n(10000000000, 1000000000, 1, 1000000000), 1000000000,
           "wrapped product still ends at the cap");
    is_int(ramp_predict_n(10000000000, 1000000000, 1, 5), 500, "twice wrapped -> 100*last");

    /* A whole ramp at 3 ns/op for 1 s: 1, 100, 1e4, 1e6, 1e8, then
     * 1e9*1e8/3e8 = 333333333 + 66666666 = 399999999, which runs 1.2 s. */
    k = ramp(1000000000, 3, 0, seq, 32);
    is_int(k, 6, "3 ns/op: six runs");
    is_int(seq[1], 100, "3 ns/op: run 2");
    is_int(seq[2], 10000, "3 ns/op: run 3");
    is_int(seq[3], 1000000, "3 ns/op: run 4");
    is_int(seq[4], 100000000, "3 ns/op: run 5");
    is_int(seq[5], 399999999, "3 ns/op: the reported run");

    /* 0.25 ns/op with 30 ns per batch: run1 30 ns -> 100 (55 ns) ->
     * 1e4 (2530 ns) -> 1e6 -> 1e8 (25000030 ns) -> 1e9*1e8/25000030 =
     * 3999995200, +799999040 = 4799994240, min 1e10, min 1e9 -> 1e9, which
     * takes 0.25 s: the cap ends the ramp short of the goal. */
    k = ramp(1000000000, 0.25, 30, seq, 32);
    is_int(k, 6, "0.25 ns/op: six runs");
    is_int(seq[4], 100000000, "0.25 ns/op: run 5");
    is_int(seq[5], 1000000000, "0.25 ns/op: stops at the 1e9 cap");

    /* A slow benchmark, 300 ms/op: 1 -> 1e9/3e8 = 3 + 0 = 3 -> 900 ms ->
     * 1e9*3/9e8 = 3 + 0 = 3, at least 4 -> 1.2 s. */
    k = ramp(1000000000, 300000000, 0, seq, 32);
    is_int(k, 3, "300 ms/op: three runs");
    is_int(seq[1], 3, "300 ms/op: run 2");
    is_int(seq[2], 4, "300 ms/op: last+1");
    return tap_done();
}
