/*
 * ramp.h -- how many iterations to run next: Go's b.N predictor.
 *
 * The runner first runs a benchmark with n = 1, then, while the last run took
 * less than the goal (-benchtime) and n < 1e9, runs it again with
 * ramp_predict_n(goal, last n, last duration, last prediction).  Only the
 * final run is reported.  This is Go's predictN (src/testing/benchmark.go,
 * Go 1.19-1.21) to the integer.
 */
#ifndef ESCBENCH_RAMP_H
#define ESCBENCH_RAMP_H

#include <stdint.h>

/* The most iterations a benchmark is ever run for (Go's 1e9 cap). */
#define RAMP_MAX_N INT64_C(1000000000)

/* ramp_predict_n returns the next n: goal_ns * prev_iters / prev_ns (prev_ns
 * <= 0 counts as 1), plus a fifth, at most 100 * last, at least last + 1, at
 * most RAMP_MAX_N. */
int64_t ramp_predict_n(int64_t goal_ns, int64_t prev_iters, int64_t prev_ns,
                       int64_t last);

#endif
