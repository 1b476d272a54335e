/*
 * alloc.h -- allocation accounting for the benchmark runner.
 *
 * bin/escbench defines the malloc family itself (malloc, calloc, realloc,
 * reallocarray, free, posix_memalign, aligned_alloc, memalign, valloc,
 * pvalloc) and forwards each call to the next definition found with
 * dlsym(RTLD_NEXT, ...), so allocations made by libc on the program's behalf
 * are seen too, and a preloaded allocator (LD_PRELOAD=libjemalloc.so.2) is
 * the one that serves them.  Counting is off until alloc_count_start(); the
 * runner turns it on exactly around the benchmark's loop, so the harness's
 * own allocations never count.
 *
 * Semantics are Go's: allocs = successful allocation calls (realloc that
 * returns a block counts as one, of its new size; realloc(p, 0) that frees
 * counts nothing; malloc(0) counts one of 0 bytes; free counts nothing),
 * bytes = bytes requested (not the rounded size); allocations from every
 * thread count.  A call that fails, for real or by injection, counts
 * nothing.
 * docs/alloc.md is the user's manual.
 */
#ifndef ESCBENCH_ALLOC_H
#define ESCBENCH_ALLOC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct alloc_counts {
    uint64_t allocs;                    /* successful allocation calls */
    uint64_t bytes;                     /* bytes requested by those calls */
};

/* Zero the counters of every thread (and the site table). */
void alloc_count_reset(void);
/* Start / stop counting (a mutex and a pointer swap: call them outside the
 * hot loop); counts accumulate across pairs until the next reset. */
void alloc_count_start(void);
void alloc_count_stop(void);
/* Sum of all threads' counters since the last reset. */
void alloc_count_read(struct alloc_counts *out);

/*
 * --- Counting in a separate, untimed pass ----------------------------------
 * Counting inside the timed loop costs two thread-local adds per allocation,
 * a measurable share of a small malloc+free (docs/alloc.md, "Counting does
 * not distort time", has the figures), so by default the runner times with
 * counting off and counts in a second run of the same n, as Google Benchmark
 * does with its memory manager:
 *
 *     if (benchmem && alloc_count_separate()) {
 *         alloc_count_enable(false);       // start/stop become no-ops
 *         ... the n ramp and the timed run(s), unchanged ...
 *         alloc_count_enable(true);
 *         alloc_count_reset();
 *         run the benchmark once more with the final n; its timer calls
 *         start and stop counting as usual; discard its time
 *         alloc_count_read(&c);            // B/op = c.bytes / n, etc.
 *     }
 *
 * A deterministic benchmark allocates the same in both runs; the tests check
 * that both ways give the same B/op and allocs/op (ESCBENCH_ALLOC_INLINE=1).
 */

/* True unless the environment has ESCBENCH_ALLOC_INLINE=1, which asks for
 * counting inside the timed run itself. */
bool alloc_count_separate(void);
/* With false, alloc_count_start does nothing (and counting stops) until
 * alloc_count_enable(true).  Starts enabled. */
void alloc_count_enable(bool on);

/* False when the hooks are not in use: the build has no interposition
 * (AddressSanitizer owns the malloc family under `make san`), or something
 * redirects the executable's malloc past them (valgrind); asked once, with
 * one probing malloc that counts nowhere.  The counts then stay 0 and mean
 * nothing, so the runner should not print B/op and allocs/op. */
bool alloc_counting_available(void);

/* The allocator that serves the calls, e.g. "glibc malloc" or
 * "libjemalloc.so.2 (LD_PRELOAD)".  Static storage. */
const char *alloc_allocator_name(void);

/* Bytes the bootstrap arena served while dlsym ran (0 here with glibc 2.36
 * and with jemalloc, mimalloc and tcmalloc preloaded; the environment
 * variable ESCBENCH_ALLOC_ARENA_TEST=1 makes dlsym allocate, for the tests).
 * Arena blocks are never handed to the real allocator: free ignores them,
 * realloc moves them out. */
size_t alloc_bootstrap_bytes(void);

/* Failure injection (as SQLite's faultsim): the `nth` allocation call from
 * now on (1 = the next one) returns NULL with errno = ENOMEM, and so does
 * every later one when `sticky`.  nth = 0 turns injection off.  The
 * environment variable ESCBENCH_FAIL_ALLOC=N[,sticky] sets it at start-up. */
void alloc_fail_at(uint64_t nth, bool sticky);
/* alloc_fail_pause(true) ... alloc_fail_pause(false) brackets code whose
 * allocation failures are not under test (SQLite's "benign malloc"): a
 * third-party library that does not survive them, such as PAPI's
 * PAPI_library_init.  Inside, this thread's calls neither fail nor count
 * toward the nth.  Pairs nest. */
void alloc_fail_pause(bool on);

/* How many calls failed by injection so far. */
uint64_t alloc_fail_count(void);

/* --- Allocation sites (-allocsites) ----------------------------------------
 * With sites on, every counted allocation (sites are recorded only while
 * counting is on) also records its call site: the return address of the
 * call into the hook when that lies in the executable, else the first frame
 * in the executable above it (for strdup called from main, the line in main
 * that called strdup; found with backtrace(), microseconds).  Sites go into
 * a fixed table (ALLOC_SITES_MAX entries, atomics; the hook never
 * allocates); alloc_count_reset empties it.  Recording costs time, so the
 * runner records in a separate, untimed pass.
 *
 * The runner, for -allocsites, per benchmark:
 *
 *     alloc_sites_enable(true);            // once, before the first run
 *     ... alloc_count_reset(); start; run n; stop ...   (as always)
 *     struct alloc_site s[16];
 *     size_t k = alloc_sites_read(s, 16);  // the last batch's sites, sorted
 *     for (size_t i = 0; i < k; i++) {
 *         char where[512];
 *         alloc_site_describe(s[i].pc, where, sizeof where);
 *         printf("# allocsite %s: %llu B/op %llu allocs/op\n", where,
 *                s[i].bytes / n, s[i].allocs / n);
 *     }
 */
#define ALLOC_SITES_MAX 1024

struct alloc_site {
    uintptr_t pc;                       /* return address of the call */
    uint64_t allocs;                    /* allocations made from it */
    uint64_t bytes;                     /* bytes requested from it */
};

/* Turn site recording on or off (outside the timed region: enabling warms up
 * the unwinder, which allocates once). */
void alloc_sites_enable(bool on);

/* Copy up to `max` sites recorded since the last alloc_count_reset into
 * `out`, largest first (by bytes, then allocs, then pc); returns how many
 * were copied.  Allocations that found the table full are reported as one
 * site with pc 0. */
size_t alloc_sites_read(struct alloc_site *out, size_t max);

/* Write "file:line function" for a site pc into buf (always terminated;
 * the file relative to the working directory when under it; "??:0
 * function+0xoff" without line information, "??:0 ??" when nothing is
 * known; "(table full)" for pc 0).  Runs addr2line on the object holding pc,
 * so it is slow and allocates: call it after counting stopped.  Returns
 * buf. */
char *alloc_site_describe(uintptr_t pc, char *buf, size_t len);

#endif
