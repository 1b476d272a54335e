/*
 * bench.h -- the escbench benchmark library: Go's testing.B, in C.
 *
 * A benchmark is a function that runs its body b->n times.  The runner
 * (bench_main) picks n the way `go test -bench` does, times the loop, counts
 * the allocations made inside it and prints one line per result in the Go
 * benchmark format, so benchstat and escstat read the output unchanged.
 *
 *     #include "bench.h"
 *
 *     static void BenchmarkSum(bench *b)
 *     {
 *         int64_t s = 0;
 *         for (int64_t i = 0; i < b->n; i++)
 *             s += i;
 *         bench_keep(s);                  // the compiler may not delete the loop
 *     }
 *
 *     static const bench_def suite[] = { BENCH(Sum), BENCH_END };
 *     int main(int argc, char **argv) { return bench_main(argc, argv, suite); }
 *
 * Library code never prints or exits, except bench_main, which is the runner.
 *
 * The header is C11 and C++11..C++20 alike (GNU extensions of gcc and
 * clang: __typeof__, statement expressions, asm); from C++ the functions
 * have C linkage and operator new, which calls malloc, is counted as malloc.
 */
#ifndef ESCBENCH_BENCH_H
#define ESCBENCH_BENCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
#define BENCH_NORETURN [[noreturn]]
extern "C" {
#else
#define BENCH_NORETURN _Noreturn
#endif

struct bench_state;                     /* the runner's private state */

/* The handle a benchmark function receives.  Only `n` is public. */
typedef struct bench {
    int64_t n;                          /* iterations to run: Go's b.N */
    struct bench_state *st;             /* private to the runner */
} bench;

typedef void (*bench_fn)(bench *b);

/* One entry of a suite table.  `name` is the name without the "Benchmark"
 * prefix (as in Go, the prefix is added on output); `doc` is a one-line
 * description shown by -list -v (may be NULL). */
typedef struct bench_def {
    const char *name;
    bench_fn fn;
    const char *doc;
} bench_def;

/* BENCH(Foo) is the table entry for `void BenchmarkFoo(bench *b)`. */
#define BENCH(id) { #id, Benchmark##id, NULL }
#define BENCH_DOC(id, doc) { #id, Benchmark##id, doc }
#define BENCH_END { NULL, NULL, NULL }

/*
 * bench_main runs the suite as `go test -bench` would, with Go's flags
 * (-bench, -benchtime, -count, -benchmem, -list, -o, ...) parsed from argv.
 * A built-in `Empty` benchmark (an empty loop) comes first.  Each top-level
 * benchmark runs in a child process (-isolate=false: in this one), so a
 * crash, exit() or hang (-timeout) fails that benchmark only.  Returns the
 * process exit status: 0 when every selected benchmark passed, 1 when one
 * failed, 2 for a usage error, 130 when interrupted (SIGINT, SIGTERM).
 * `suite` ends with BENCH_END and is not copied.  docs/harness.md has the
 * flags and the output format.
 */
int bench_main(int argc, char **argv, const bench_def *suite);

/* --- Timer control (Go: b.ResetTimer, b.StopTimer, b.StartTimer) ----------
 * Time and allocation counting run together: what happens while the timer
 * is stopped is neither timed nor counted.  Each reads the clock once; call
 * them outside the hot loop where you can, as in Go. */
void bench_reset_timer(bench *b);
void bench_stop_timer(bench *b);
void bench_start_timer(bench *b);

/* bench_report_allocs asks for B/op and allocs/op on this benchmark even when
 * -benchmem=false (Go: b.ReportAllocs). */
void bench_report_allocs(bench *b);

/* bench_process_tainted says that b changed state of its process that other
 * benchmarks would see and that cannot be undone (mallopt, the environment,
 * signal dispositions); `what` names the change, e.g. "mallopt
 * M_MMAP_THRESHOLD 131072".  With -shuffle or -ci, whose repetitions run in
 * worker processes, that worker from then on runs only benchmarks that make
 * the same change, and the others get a clean worker.  Without them each
 * top-level benchmark has its own child already; with -isolate=false
 * nothing can be done. */
void bench_process_tainted(bench *b, const char *what);

/* bench_set_bytes records the bytes processed per iteration; the result line
 * then carries MB/s as Go prints it (Go: b.SetBytes). */
void bench_set_bytes(bench *b, int64_t bytes);

/* bench_report_metric adds `value unit` to the result line (Go:
 * b.ReportMetric).  `unit` must contain no white space; "ns/op" overrides the
 * measured time per op.  A value reported for the same unit again replaces
 * the earlier one.  The unit string is copied. */
void bench_report_metric(bench *b, double value, const char *unit);

/* bench_run runs `fn` as the sub-benchmark `name` of b (Go: b.Run), with its
 * own n ramp.  A benchmark that calls bench_run is a parent: it is run once
 * with n = 1 and is not itself measured or printed.  Returns false if the
 * sub-benchmark failed. */
bool bench_run(bench *b, const char *name, bench_fn fn);

/* bench_run_arg is bench_run for a function taking an extra argument (for
 * parameter sweeps such as size=4KiB..4MiB).  `arg` is passed through. */
typedef void (*bench_fn_arg)(bench *b, void *arg);
bool bench_run_arg(bench *b, const char *name, bench_fn_arg fn, void *arg);

/* bench_fail marks the benchmark failed with a printf-style message and
 * stops it (Go: b.Fatalf): the runner prints `--- FAIL: BenchmarkName` and the
 * message, and no result line.  Does not return: it longjmps back to the
 * runner, so call it from the thread running the benchmark (as Go requires
 * of its goroutine), and what the benchmark allocated is not freed. */
BENCH_NORETURN void bench_fail(bench *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* bench_skip marks the benchmark skipped with a message (Go: b.Skipf): the
 * runner prints `--- SKIP: BenchmarkName` and the message.  Does not return. */
BENCH_NORETURN void bench_skip(bench *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* bench_logf records a message printed after the result (Go: b.Logf). */
void bench_logf(bench *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* bench_name returns the full name of b as Go's b.Name() does, with the
 * prefix and without the -P suffix: "BenchmarkSink/any" (owned by b). */
const char *bench_name(const bench *b);

/* bench_elapsed returns the time measured so far in this run, in
 * nanoseconds: what the timer has counted, including the current stretch
 * when it is running (Go: b.Elapsed). */
int64_t bench_elapsed(const bench *b);

/* bench_cleanup registers fn(arg) to run when the benchmark function
 * returns, after its sub-benchmarks finished, untimed (Go: b.Cleanup).
 * Cleanups run last registered first, after every run of the function
 * (each n of the ramp, as Go's runN), also when it failed or skipped; one
 * that calls bench_fail fails the benchmark and the others still run. */
void bench_cleanup(bench *b, void (*fn)(void *arg), void *arg);

/* --- Parallel benchmarks (Go: b.RunParallel, b.SetParallelism) -----------
 * bench_run_parallel runs `body` on P threads at once, P = the -cpu value
 * in effect (the -N of the name; by default the CPUs usable) times the
 * parallelism (1 unless set), and shares b->n iterations among them: each
 * thread calls bench_pb_next until it returns false, taking iterations
 * from a shared counter in batches of about 100 us of work (Go's grain,
 * from the previous run's ns/op, 1 to 10000).  The timer, which runs around
 * the whole call, measures wall time: ns/op is the time of all threads
 * together divided by b->n, as in Go.  Allocations of every thread count.
 *
 *     static void body(bench_pb *pb, void *arg)
 *     {
 *         while (bench_pb_next(pb))
 *             free(bench_opaque(malloc(16)));
 *     }
 *     static void BenchmarkMallocParallel(bench *b)
 *     {
 *         bench_run_parallel(b, body, NULL);
 *     }
 *
 * Call it from the benchmark's thread, at most once per run of the
 * function.  The body must not use the timer, bench_run or
 * bench_report_metric (global effects, as in Go); it may call bench_logf,
 * bench_fail and bench_skip, which end that thread's body (Go's Goexit);
 * the benchmark then fails (or skips) once all threads are back.  A body
 * that returns before bench_pb_next said false fails the benchmark with
 * Go's message.  The threads are started once, untimed, and kept for later
 * runs.  Hardware counters (-counters) count one thread only, so a
 * parallel benchmark's result line has none. */
typedef struct bench_pb {
    uint64_t cache;                     /* iterations left in the batch taken */
    uint64_t grain;                     /* iterations taken from the counter at once */
    uint64_t bn;                        /* b->n of the run */
    uint64_t *next;                     /* the shared counter (atomic adds) */
} bench_pb;

typedef void (*bench_pb_fn)(bench_pb *pb, void *arg);

void bench_run_parallel(bench *b, bench_pb_fn body, void *arg);

/* bench_set_parallelism makes the next bench_run_parallel of this run use
 * p times the -cpu value threads; p < 1 is ignored (Go: b.SetParallelism;
 * reset to 1 before each run of the function). */
void bench_set_parallelism(bench *b, int p);

/* bench_pb_take_ takes the next batch from the shared counter (Go's
 * PB.Next when its cache is empty); bench_pb_next's slow path. */
bool bench_pb_take_(bench_pb *pb);

/* bench_pb_next reports whether this thread has another iteration to run
 * (Go: pb.Next).  Inline: a decrement and a branch, except once a batch. */
static inline bool bench_pb_next(bench_pb *pb)
{
    if (__builtin_expect(pb->cache == 0, 0))
        return bench_pb_take_(pb);
    pb->cache--;
    return true;
}

/* --- Keeping the compiler honest -----------------------------------------
 * The compiler deletes work whose result is unused, and gcc/clang delete a
 * malloc/free pair whose pointer never escapes.  These helpers cost no
 * instructions of their own: they only make the compiler believe the value
 * is read (and, for pointers, that the memory it points at may be read or
 * written) by code it cannot see. */

/* bench_escape: the pointer escapes; what it points at is observed. */
static inline void bench_escape(const void *p)
{
    __asm__ volatile("" : : "g"(p) : "memory");
}

/* bench_clobber: all memory may have been read and written. */
static inline void bench_clobber(void)
{
    __asm__ volatile("" : : : "memory");
}

/* bench_keep(x): the value x is used (any scalar or pointer lvalue or rvalue,
 * evaluated once).  Equivalent to Google Benchmark's DoNotOptimize. */
#define bench_keep(x)                                                   \
    do {                                                                \
        __typeof__(x) bench_keep_v_ = (x);                              \
        __asm__ volatile("" : : "r"(bench_keep_v_) : "memory");         \
    } while (0)

/* bench_opaque(x): returns x, but the compiler cannot know the value, so
 * loops cannot be folded on it. */
#define bench_opaque(x)                                                 \
    __extension__({                                                     \
        __typeof__(x) bench_opaque_v_ = (x);                            \
        __asm__ volatile("" : "+r"(bench_opaque_v_));                   \
        bench_opaque_v_;                                                \
    })

#ifdef __cplusplus
}
#endif

#endif
