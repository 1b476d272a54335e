/*
 * e4_make_dynamic.c -- E4, make with a size known only at run time.
 *
 * Go:  func E4(n int) int {
 *          s := make([]int, 0, n)
 *          for i := 0; i < n; i++ { s = append(s, i) }
 *          return s[len(s)-1]
 *      }
 *      ./examples.go:29:11: make([]int, 0, n) escapes to heap
 * The slice never leaves the function, but Go puts no runtime-sized object
 * on the stack: a zeroed 8n-byte array from the heap (512 B for n = 64).
 * make([]int, 0, 64) with a constant capacity stays on the stack.
 *
 * C:   /heap   calloc(n, 8): zeroed like make, 1 alloc, 512 B per op.
 *      /vla    int64_t s[n], a runtime-sized array on the stack, zeroed
 *              with memset -- what C99 allows and Go refuses.  0 allocs.
 *      /const  int64_t s[64] = {0}, Go's constant-capacity version.  0 allocs.
 * n = 64 comes through bench_opaque, so the compiler cannot fold it.  Then
 * each op appends n values and returns the last.  Expect /heap to pay a
 * calloc+free pair over the fill that all three share; /vla and /const
 * about the same.
 *
 * The bench_escape after the zeroing and after the fill tells gcc the array
 * is observed: otherwise it keeps only the last element and deletes the
 * stores, the memset and even the calloc/free pair (gcc 12 and clang 14 do).
 *
 * Checksum: op i appends i, i+1, ..., i+n-1 and returns i+n-1; all three sum
 * to sum(i + n - 1, i < ops).
 *
 * Checked in the disassembly (gcc 12 -O2, objdump -d --no-show-raw-insn):
 * each loop calls its noipa op per iteration; /heap's op calls calloc and
 * free, /vla's op adjusts rsp by 8n and calls memset, /const's op zeroes its
 * 512 bytes inline (rep stos); all three fill the array with n stores.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cases.h"
#include "checksum.h"

#define E4_N 64                         /* elements: 512 B of int64 */
#define E4_CAP 64                       /* the constant capacity of /const */

/* e4_fill appends start, start+1, ... to the empty slice s of capacity n,
 * as the post's append loop, and returns the last element. */
static inline int64_t e4_fill(int64_t *s, int64_t n, int64_t start)
{
    int64_t len = 0;

    for (int64_t k = 0; k < n; k++)
        s[len++] = start + k;
    bench_escape(s);
    return s[len - 1];
}

/* e4_heap: the slice's array is a zeroed heap block of n int64s.  Returns
 * the last element, or -1 when calloc fails. */
static CASE_OPAQUE int64_t e4_heap(int64_t n, int64_t start)
{
    int64_t *s = calloc((size_t)n, sizeof *s);
    int64_t last;

    if (s == NULL)
        return -1;
    bench_escape(s);
    last = e4_fill(s, n, start);
    free(s);
    return last;
}

/* e4_vla: the array is a variable-length array on the stack. */
static CASE_OPAQUE int64_t e4_vla(int64_t n, int64_t start)
{
    int64_t s[n];

    memset(s, 0, sizeof s);
    bench_escape(s);
    return e4_fill(s, n, start);
}

/* e4_const: the array has the constant capacity E4_CAP (n <= E4_CAP). */
static CASE_OPAQUE int64_t e4_const(int64_t n, int64_t start)
{
    int64_t s[E4_CAP] = { 0 };

    bench_escape(s);
    return e4_fill(s, n, start);
}

static uint64_t e4_want(int64_t ops, int64_t n)
{
    uint64_t u = (uint64_t)ops;

    return u * (u - 1) / 2 + u * (uint64_t)(n - 1);
}

/* e4_loop runs op b->n times on an opaque n = E4_N. */
static void e4_loop(bench *b, int64_t (*op)(int64_t, int64_t))
{
    int64_t n = bench_opaque((int64_t)E4_N);
    uint64_t sum = 0;

    for (int64_t i = 0; i < b->n; i++) {
        int64_t last = op(n, i);

        if (last < 0)
            bench_fail(b, "out of memory");
        sum += (uint64_t)last;
    }
    checksum_check(b, sum, e4_want(b->n, n));
}

static void e4_heap_loop(bench *b) { e4_loop(b, e4_heap); }
static void e4_vla_loop(bench *b) { e4_loop(b, e4_vla); }
static void e4_const_loop(bench *b) { e4_loop(b, e4_const); }

void BenchmarkE4MakeDynamic(bench *b)
{
    bench_run(b, "heap", e4_heap_loop);
    bench_run(b, "vla", e4_vla_loop);
    bench_run(b, "const", e4_const_loop);
}
