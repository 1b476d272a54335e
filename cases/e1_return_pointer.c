/*
 * e1_return_pointer.c -- E1, returning a pointer to a local.
 *
 * Go:  func E1() *Point { p := Point{1, 2}; return &p }
 *      ./examples.go:9:2: moved to heap: p
 * The address outlives the frame, so Go allocates p on the heap (16 B, one
 * object) and the garbage collector frees it later.
 *
 * C:   /heap   e1_new_point mallocs a Point {int64 X, Y} and returns it;
 *              the caller frees it.  1 alloc, 16 B per op (malloc(16)).
 *      /value  e1_point_value returns the Point by value (in RAX:RDX under
 *              the x86-64 SysV ABI).  0 allocs.
 * C has no escape analysis to save the first one: `return &p` of a local
 * compiles, with gcc's -Wreturn-local-addr warning, to a dangling pointer.
 * Expect /heap to cost one malloc+free pair (tens of ns) and /value about a
 * call (a few ns).
 *
 * Checksum: op i makes the Point {i, i+1}; the loop sums X+Y, so both
 * variants end with sum(2i+1, i<n) = n^2.
 *
 * Checked in the disassembly (gcc 12 -O2, objdump -d --no-show-raw-insn):
 * both loops call their noipa maker once per iteration, /heap also calls
 * free once per iteration; nothing is hoisted or folded.
 */
#include <stdint.h>
#include <stdlib.h>

#include "cases.h"
#include "checksum.h"

typedef struct point {
    int64_t x, y;                       /* Go's Point{X, Y int} */
} point;

/* e1_new_point returns a new heap Point {i, i+1}, or NULL when malloc
 * fails.  Caller owns it and frees it. */
static CASE_OPAQUE point *e1_new_point(int64_t i)
{
    point *p = malloc(sizeof *p);

    if (p != NULL) {
        p->x = i;
        p->y = i + 1;
    }
    return p;
}

/* e1_point_value returns the Point {i, i+1} by value. */
static CASE_OPAQUE point e1_point_value(int64_t i)
{
    point p = { i, i + 1 };

    return p;
}

static uint64_t e1_want(int64_t n)
{
    return (uint64_t)n * (uint64_t)n;
}

static void e1_heap(bench *b)
{
    uint64_t sum = 0;

    for (int64_t i = 0; i < b->n; i++) {
        point *p = e1_new_point(i);

        if (p == NULL)
            bench_fail(b, "out of memory");
        sum += (uint64_t)p->x + (uint64_t)p->y;
        free(p);
    }
    checksum_check(b, sum, e1_want(b->n));
}

static void e1_value(bench *b)
{
    uint64_t sum = 0;

    for (int64_t i = 0; i < b->n; i++) {
        point p = e1_point_value(i);

        sum += (uint64_t)p.x + (uint64_t)p.y;
    }
    checksum_check(b, sum, e1_want(b->n));
}

void BenchmarkE1ReturnPointer(bench *b)
{
    bench_run(b, "heap", e1_heap);
    bench_run(b, "value", e1_value);
}

/*
 * E1ReturnPointerParallel: /heap and /value under bench_run_parallel, P
 * threads at once (Go: b.RunParallel), each with its own ops 0..k-1: the
 * malloc(16)+free pair of /heap on every thread at the same time, against
 * a call.  Checksum: each thread's k^2, summed (checksum_par_check).
 */
struct e1_par {
    bench *b;
    checksum_par c;
};

static void e1_heap_body(bench_pb *pb, void *arg)
{
    struct e1_par *a = arg;
    uint64_t sum = 0;
    int64_t i = 0;

    while (bench_pb_next(pb)) {
        point *p = e1_new_point(i);

        if (p == NULL)
            bench_fail(a->b, "out of memory");
        sum += (uint64_t)p->x + (uint64_t)p->y;
        free(p);
        i++;
    }
    checksum_par_add(&a->c, i, sum, e1_want(i));
}

static void e1_value_body(bench_pb *pb, void *arg)
{
    struct e1_par *a = arg;
    uint64_t sum = 0;
    int64_t i = 0;

    while (bench_pb_next(pb)) {
        point p = e1_point_value(i);

        sum += (uint64_t)p.x + (uint64_t)p.y;
        i++;
    }
    checksum_par_add(&a->c, i, sum, e1_want(i));
}

static void e1_par(bench *b, bench_pb_fn body)
{
    struct e1_par a = { b, { 0, 0, 0 } };

    bench_run_parallel(b, body, &a);
    checksum_par_check(b, &a.c);
}

static void e1_heap_par(bench *b)
{
    e1_par(b, e1_heap_body);
}

static void e1_value_par(bench *b)
{
    e1_par(b, e1_value_body);
}

void BenchmarkE1ReturnPointerParallel(bench *b)
{
    bench_run(b, "heap", e1_heap_par);
    bench_run(b, "value", e1_value_par);
}
