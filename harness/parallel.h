/*
 * parallel.h -- what of bench_run_parallel (parallel.c) is visible inside
 * the harness: Go's grain.  The API (bench_run_parallel, bench_pb_next,
 * bench_set_parallelism) is bench.h's.  Internal, not installed.
 */
#ifndef ESCBENCH_PARALLEL_H
#define ESCBENCH_PARALLEL_H

#include <stdint.h>

/* par_grain is Go's RunParallel grain: iterations of about 100 us at the
 * previous run's speed, 1 without one, at most 10000. */
uint64_t par_grain(int64_t prev_n, int64_t prev_dur_ns);

#endif
