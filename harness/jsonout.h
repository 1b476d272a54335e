/*
 * jsonout.h -- escbench -format json: the results as Google Benchmark's
 * JSON (the schema libbenchmark 1.7's JSONReporter writes:
 * {"context": {...}, "benchmarks": [run, ...]}), so Google Benchmark's
 * tools (compare.py) and escstat read them.
 *
 * The runner writes its results as `go test -bench` text; with -format
 * json that text comes here, line by line, and goes out as JSON:
 *   - the config lines (goos, goarch, pkg, cpu) become context keys next
 *     to libbenchmark's own (date, host_name, executable, num_cpus,
 *     mhz_per_cpu when /proc/cpuinfo says, load_avg); the '#' notes go to
 *     "escbench_notes", a list of strings;
 *   - each result line becomes one run (run_type "iteration"): the name
 *     without "Benchmark" (so escstat reads the same name back), iterations,
 *     real_time = ns/op and cpu_time = cpu-ns/op in time_unit "ns", MB/s as
 *     bytes_per_second, every other metric -- B/op and allocs/op included --
 *     as a user counter named by its unit;
 *   - anything else (--- FAIL blocks, PASS) is left out.
 * Each run is written as soon as its line arrives, so an interrupted run
 * leaves a truncated document whose complete runs escstat still reads.
 */
#ifndef ESCBENCH_JSONOUT_H
#define ESCBENCH_JSONOUT_H

#include <stddef.h>

/* Where the JSON goes: put writes len bytes; returns 0, or -1 to stop. */
typedef int jo_put_fn(void *ctx, const char *text, size_t len);

/* jo_start begins a document for program `executable` whose benchmarks
   run `repetitions` times (-count).  The strings are copied. */
void jo_start(const char *executable, int repetitions);

/* jo_feed takes results text (whole lines or pieces of them) and writes
   the JSON it completes.  Returns 0, or -1 when put failed or memory ran
   out. */
int jo_feed(const char *text, size_t len, jo_put_fn *put, void *ctx);

/* jo_end writes the end of the document (and the context, if no run came).
   Returns 0 or -1. */
int jo_end(jo_put_fn *put, void *ctx);

#endif
