/*
 * cases.h -- the escbench suite: the six escape shapes of the seed post
 * (E1..E6) and its Sink benchmark, each as the variant that allocates and
 * the variant that does not.  main.c lists them in the suite table; each
 * shape lives in its own file, whose head comment says what Go does, what
 * the C counterpart is and what to expect.
 */
#ifndef ESCBENCH_CASES_H
#define ESCBENCH_CASES_H

#include "bench.h"

/*
 * CASE_OPAQUE marks a function the optimiser must treat as a black box, as
 * Go's //go:noinline does.  C's noinline is not enough: gcc still analyses
 * across a noinline function -- it propagates constants into it, learns
 * what memory it reads and writes, infers that it is pure or returns fresh
 * malloc memory (a probe showed it collapsing a loop of boxed Puts into
 * one call; with noinline alone, gcc 12 keeps sink.c's
 * calls but stops reloading b->n in /typed's loop, having learnt that
 * typed_sink_put does not write it).  gcc's noipa stops all of that; clang
 * has no noipa, so under clang the function is only noinline.
 */
#if defined(__has_attribute)
#if __has_attribute(noipa)
#define CASE_OPAQUE __attribute__((noinline, noipa))
#endif
#endif
#ifndef CASE_OPAQUE
#define CASE_OPAQUE __attribute__((noinline))
#endif

void BenchmarkE1ReturnPointer(bench *b);
void BenchmarkE2Interface(bench *b);
void BenchmarkE3Closure(bench *b);
void BenchmarkE4MakeDynamic(bench *b);
void BenchmarkE5Buffer(bench *b);
void BenchmarkE6Println(bench *b);
void BenchmarkSink(bench *b);
void BenchmarkSinkParallel(bench *b);
void BenchmarkE1ReturnPointerParallel(bench *b);

#endif
