/*
 * clock.h -- the one clock the runner times benchmarks with.
 *
 * CLOCK_MONOTONIC, read with clock_gettime (a vDSO call, no system call, about
 * 20-30 ns here).  The runner reads it at batch boundaries only, never inside
 * a benchmark's loop.
 */
#ifndef ESCBENCH_CLOCK_H
#define ESCBENCH_CLOCK_H

#include <stdint.h>

/* clock_now_ns returns the monotonic clock in nanoseconds. */
int64_t clock_now_ns(void);

/* clock_thread_cpu_ns returns the CPU time of the calling thread in
 * nanoseconds (CLOCK_THREAD_CPUTIME_ID, a system call: read only under
 * -format json, for Google Benchmark's cpu_time). */
int64_t clock_thread_cpu_ns(void);

/* clock_name names the clock for the notes at the top of a results file,
 * e.g. "CLOCK_MONOTONIC (resolution 1 ns)".  Static storage. */
const char *clock_name(void);

#endif
