/*
 * checksum.h -- proof that a variant did its work.
 *
 * Every variant of a shape folds the result of each op into a 64-bit sum
 * (unsigned, so it wraps instead of overflowing), and all variants of a
 * shape fold the same values, so they end with the same sum for the same n.
 * Each shape knows the sum in closed form; checksum_check compares and fails
 * the benchmark when they differ: a variant that is fast because the
 * compiler (or the author) skipped the work fails instead of winning.
 */
#ifndef ESCBENCH_CHECKSUM_H
#define ESCBENCH_CHECKSUM_H

#include <stdatomic.h>
#include <stdint.h>

#include "bench.h"

/* checksum_init reads ESCBENCH_CHECKSUM from the environment once; when it
 * is set to a non-empty value other than "0", checksum_check also prints one
 * line per run on stderr:
 *     checksum E1ReturnPointer/heap n=1000 sum=1000000
 * (the tests compare these lines across variants).  main() calls it before
 * bench_main; without it nothing is printed. */
void checksum_init(void);

/* checksum_check ends a leaf benchmark: `got` is the sum its loop computed
 * over b->n ops, `want` the closed form.  On a mismatch it fails b (does not
 * return).  The optional stderr line is written with the timer stopped, so it
 * is neither timed nor counted as an allocation. */
void checksum_check(bench *b, uint64_t got, uint64_t want);

/* For bench_run_parallel: each thread runs its own ops 0..k-1 and knows
 * their closed form; checksum_par_add adds a thread's op count, sum and
 * closed form (from that thread, atomically), and checksum_par_check, called
 * by the benchmark after bench_run_parallel returned, checks that the ops
 * add up to b->n and the sums to the closed forms (checksum_check).  The
 * total depends on how the threads split n, so it is not comparable across
 * variants as the serial sums are. */
typedef struct checksum_par {
    _Atomic int64_t ops;
    _Atomic uint64_t got, want;
} checksum_par;

void checksum_par_add(checksum_par *c, int64_t ops, uint64_t got, uint64_t want);
void checksum_par_check(bench *b, checksum_par *c);

#endif
