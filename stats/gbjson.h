/*
 * gbjson.h -- reader of Google Benchmark's JSON (`--benchmark_format=json`
 * on stdout, `--benchmark_out=FILE`; the schema of libbenchmark 1.7's
 * JSONReporter in src/json_reporter.cc), giving the same records as the
 * Go format reader (parse.h), so escstat and escplot read both, mixed.
 *
 * parse_next recognises the format by content (gbjson_sniff) and hands
 * the input to this reader.  The document is read element by element of
 * its "benchmarks" array: a truncated or malformed file keeps every run
 * before the damage.  JSON syntax is json-c's (libjson-c), which also
 * reads the NaN and Infinity libbenchmark writes for such counters.
 *
 * The mapping (docs/escstat.md, "Google Benchmark JSON"):
 *   - each run (run_type "iteration", i.e. each repetition) is a result;
 *     aggregates (_mean, _median, _stddev, _cv, BigO, RMS) are not, nor
 *     a run with error_occurred (SkipWithError: benchstat skips Go's
 *     --- FAIL and --- SKIP too);
 *   - name: "key:value" parts become "key=value", a "threads:N" part
 *     becomes Go's "-N" suffix (/gomaxprocs), whitespace becomes '_':
 *     "BM_memcpy/size:8/threads:2" -> "BM_memcpy/size=8-2";
 *   - iterations -> the iteration count; real_time in time_unit -> ns/op
 *     (sec/op once tidied); cpu_time -> cpu-ns/op (cpu-sec/op);
 *     bytes_per_second -> B/s; items_per_second -> items/s;
 *     allocs_per_iter -> allocs/op; other numbers -> a unit named after
 *     the counter;
 *   - the context's scalar keys become config keys (host_name, num_cpus,
 *     mhz_per_cpu, cpu_scaling_enabled, library_build_type, custom
 *     context), except those that differ from run to run (date,
 *     executable, load_avg) and would split every comparison.
 *
 * Messages ("file:line: what is wrong", in->err) are escstat's own, not
 * benchstat's: parse_next returns them as PARSE_ERROR with in->err_kind
 * PARSE_ERR_JSON.  After a syntax error or a truncation the rest of the input is
 * dropped; a bad run is skipped and reading goes on.
 */
#ifndef ESCSTAT_GBJSON_H
#define ESCSTAT_GBJSON_H

#include <stdbool.h>
#include <stddef.h>

#include "parse.h"

/* gbjson_sniff decides from the first n bytes of an input whether it is
   Google Benchmark JSON: the first non-blank byte is '{' and the first key
   is "context" or "benchmarks" (go test -json's `{"Time":...}` lines stay
   Go format, read as benchstat reads them: as nothing).  Returns 1 yes,
   0 no, -1 when the bytes end after the '{' before it can tell (the
   caller reads more, or at the end of the input takes it as JSON: a
   truncated document), -2 when they are all blank (read more; at the end
   of the input: not JSON, an empty input). */
int gbjson_sniff(const char *p, size_t n);

/* gbjson_start makes in a JSON input.  data[0..n) are its first bytes;
   complete: they are the whole input (a mapped file), which must then stay
   valid until parse_close; otherwise they are copied and the rest is read
   from in->fd.  Returns 0, or -1 when out of memory (in->err says so). */
int gbjson_start(parse_input *in, const char *data, size_t n, bool complete);

/* gbjson_next is parse_next for a JSON input: PARSE_RESULT (one run),
   PARSE_ERROR (in->err, in->err_kind), PARSE_FATAL (out of memory, read
   error) or PARSE_EOF. */
int gbjson_next(parse_input *in, parse_result *res);

/* gbjson_close frees the reader's state (in->json).  Safe to call twice. */
void gbjson_close(parse_input *in);

/* gbjson_name writes Google Benchmark run name s[0..n) as a benchstat name
   into out (size >= n + 1 always suffices; the result is never longer) and
   returns its length. */
size_t gbjson_name(const char *s, size_t n, char *out);

#endif
