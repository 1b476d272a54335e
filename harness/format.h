/*
 * format.h -- the text of a Go benchmark result line, byte for byte.
 *
 * `go test -bench` prints a result as
 *
 *     BenchmarkName-P<pad>\t%8d\t<ns/op>[\t%7.2f MB/s][\t<extra>...][\t%8d B/op\t%8d allocs/op]
 *
 * with the name padded to a common width, ns/op and extra metrics in Go's
 * prettyPrint widths (four significant digits for small numbers, decimal
 * points aligned), extras sorted by unit.  These functions reproduce
 * BenchmarkResult.String, MemString and prettyPrint of Go's
 * src/testing/benchmark.go (Go 1.19-1.21), and time.Duration.String for
 * messages.  They write into caller buffers and never allocate.
 */
#ifndef ESCBENCH_FORMAT_H
#define ESCBENCH_FORMAT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define FMT_UNIT_MAX 64                 /* longest metric unit + 1 */
#define FMT_EXTRA_MAX 16                /* most extra metrics on a line */

/* One `value unit` pair reported by the benchmark or the counters. */
struct fmt_metric {
    char unit[FMT_UNIT_MAX];
    double value;
};

/* A measured result: what Go's BenchmarkResult holds. */
struct fmt_result {
    int64_t n;                          /* iterations of the reported run */
    int64_t t_ns;                       /* timed nanoseconds of that run */
    int64_t bytes;                      /* bytes per op (bench_set_bytes), 0 none */
    uint64_t mem_allocs;                /* allocation calls in the timed region */
    uint64_t mem_bytes;                 /* bytes requested in the timed region */
    bool mem;                           /* print B/op and allocs/op */
    int nextra;                         /* entries used in extra[] */
    struct fmt_metric extra[FMT_EXTRA_MAX]; /* bench_report_metric, counters */
};

/* fmt_pretty writes `x unit` as Go's prettyPrint does ("%10.0f %s" for 0 and
 * |x| >= 999.95, "%12.1f" from 99.995, "%13.2f" from 9.9995, "%14.3f" from
 * 0.99995, ... "%18.7f" below 0.00099995); NaN, +Inf and -Inf as Go's fmt
 * prints them ("NaN" in the %18.7f field, "+Inf" and "-Inf" in %10.0f), not
 * C's "nan"/"inf".  Returns what snprintf returns. */
int fmt_pretty(char *buf, size_t size, double x, const char *unit);

/* fmt_ns_per_op returns the ns/op Go prints for r: the "ns/op" extra metric
 * when one was reported, otherwise t_ns / n as a double. */
double fmt_ns_per_op(const struct fmt_result *r);

/* fmt_result writes the result columns after the name and its tab: the
 * iterations, ns/op (left out when 0, as Go does), MB/s, extras sorted by
 * unit, and B/op, allocs/op when r->mem.  No newline.  Returns the length
 * (what snprintf returns: the output is truncated if size is too small). */
int fmt_result(char *buf, size_t size, const struct fmt_result *r);

/* fmt_bench_name writes Go's benchmarkName: "name-P", or just "name" when
 * procs is 1. */
int fmt_bench_name(char *buf, size_t size, const char *name, int procs);

/* fmt_duration writes d as Go's time.Duration.String: "10m0s", "1.5s",
 * "500ms", "1µs", "0s". */
int fmt_duration(char *buf, size_t size, int64_t d_ns);

/* fmt_parse_duration parses Go's time.ParseDuration syntax ("1s", "500ms",
 * "1h2m3.5s", "1.5us", "0"; units ns us µs ms s m h) into *d_ns.  Returns 0,
 * or -1 for invalid syntax, an unknown unit or overflow. */
int fmt_parse_duration(const char *s, int64_t *d_ns);

#endif
