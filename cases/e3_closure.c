/*
 * e3_closure.c -- E3, a closure capturing a local by reference.
 *
 * Go:  func E3() func() int { n := 0; return func() int { n++; return n } }
 *      ./examples.go:20:2: moved to heap: n
 *      ./examples.go:21:9: func literal escapes to heap
 * The closure mutates n and outlives the frame, so Go allocates n (8 B) and
 * the closure object {code pointer, &n} (16 B): 2 allocs, 24 B per op.
 *
 * C:   a closure is what Go builds: a struct {code pointer, int64 *n} called
 *      as c->fn(c).
 *      /byref    e3_byref(start) returns a heap closure whose counter n is a
 *                heap int64 too, exactly Go's two objects: malloc(8) for n,
 *                malloc(16) for the closure.  2 allocs, 24 B per op; the
 *                caller calls it twice (indirectly) and frees both.
 *      /byvalue  e3_byvalue(start) builds the closure and its counter on its
 *                own stack, calls it twice and returns the sum: the closure
 *                does not outlive the frame.  0 allocs.
 * Expect /byref to cost two malloc+free pairs; /byvalue a call.
 *
 * Checksum: op i starts the counter at i and calls the closure twice, so it
 * yields (i+1) + (i+2); both variants sum to sum(2i+3, i<n) = n^2 + 2n.
 *
 * Checked in the disassembly (gcc 12 -O2, objdump -d --no-show-raw-insn):
 * /byref calls e3_byref, makes two indirect calls through c->fn and two
 * calls to free per iteration; /byvalue calls e3_byvalue per iteration, in
 * which gcc knows the code pointer: it inlines the first call and calls
 * e3_incr directly for the second (Go inlines both calls of a directly
 * called func literal).
 */
#include <stdint.h>
#include <stdlib.h>

#include "cases.h"
#include "checksum.h"

/* A Go func value: the code and the captured variables it refers to. */
typedef struct closure {
    int64_t (*fn)(struct closure *self); /* the func literal's code */
    int64_t *n;                         /* captured by reference */
} closure;

/* e3_incr is the func literal: n++; return n. */
static int64_t e3_incr(closure *self)
{
    return ++*self->n;
}

/* e3_byref returns a new heap closure over a new heap counter starting at
 * start, or NULL when malloc fails.  Caller owns both: e3_release. */
static CASE_OPAQUE closure *e3_byref(int64_t start)
{
    int64_t *n = malloc(sizeof *n);     /* moved to heap: n */
    closure *c;

    if (n == NULL)
        return NULL;
    c = malloc(sizeof *c);              /* func literal escapes to heap */
    if (c == NULL) {
        free(n);
        return NULL;
    }
    *n = start;
    c->fn = e3_incr;
    c->n = n;
    return c;
}

/* e3_release frees a closure from e3_byref and its counter. */
static void e3_release(closure *c)
{
    free(c->n);
    free(c);
}

/* e3_byvalue calls a stack closure over a stack counter starting at start
 * twice and returns the sum of the two results. */
static CASE_OPAQUE int64_t e3_byvalue(int64_t start)
{
    int64_t n = start;
    closure c = { e3_incr, &n };
    int64_t first = c.fn(&c);

    return first + c.fn(&c);
}

static uint64_t e3_want(int64_t n)
{
    uint64_t u = (uint64_t)n;

    return u * u + 2 * u;
}

static void e3_byref_loop(bench *b)
{
    uint64_t sum = 0;

    for (int64_t i = 0; i < b->n; i++) {
        closure *c = e3_byref(i);

        if (c == NULL)
            bench_fail(b, "out of memory");
        sum += (uint64_t)c->fn(c);
        sum += (uint64_t)c->fn(c);
        e3_release(c);
    }
    checksum_check(b, sum, e3_want(b->n));
}

static void e3_byvalue_loop(bench *b)
{
    uint64_t sum = 0;

    for (int64_t i = 0; i < b->n; i++)
        sum += (uint64_t)e3_byvalue(i);
    checksum_check(b, sum, e3_want(b->n));
}

void BenchmarkE3Closure(bench *b)
{
    bench_run(b, "byref", e3_byref_loop);
    bench_run(b, "byvalue", e3_byvalue_loop);
}
