/*
 * alloc.h -- allocation accounting for the benchmark runner.
 *
 * bin/escbench defines the malloc family itself (malloc, calloc, realloc,
 * reallocarray, free, posix_memalign, aligned_alloc, memalign, valloc,
 * pvalloc) and forwards each call to the next definition found with
 * dlsym(RTLD_NEXT, ...), so allocations made by libc on the program's behalf
 * are seen too, and a preloaded allocator (LD_PRELOAD=libjemalloc.so.2) is
 * the one that serves them.  Counting is off until alloc_count_start(); the
 * runner turns it on exactly around the timed region, so the harness's own
 * allocations never count.
 *
 * Semantics are Go's: allocs = successful allocation calls (realloc that
 * returns a block counts as one, free counts nothing), bytes = bytes
 * requested; allocations from every thread count.
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

/* Zero the counters of every thread. */
void alloc_count_reset(void);
/* Start / stop counting (cheap: a flag); counts accumulate across pairs. */
void alloc_count_start(void);
void alloc_count_stop(void);
/* Sum of all threads' counters since the last reset. */
void alloc_count_read(struct alloc_counts *out);

/* The allocator that serves the calls, e.g. "glibc malloc" or
 * "libjemalloc.so.2 (LD_PRELOAD)".  Static storage. */
const char *alloc_allocator_name(void);

/* Failure injection (as SQLite's faultsim): the `nth` allocation call from
 * now on (1 = the next one) returns NULL with errno = ENOMEM, and so does
 * every later one when `sticky`.  nth = 0 turns injection off.  The
 * environment variable ESCBENCH_FAIL_ALLOC=N[,sticky] sets it at start-up. */
void alloc_fail_at(uint64_t nth, bool sticky);
/* How many calls failed by injection so far. */
uint64_t alloc_fail_count(void);

#endif
