/*
 * e2_interface.c -- E2, storing a concrete value into an interface.
 *
 * Go:  func E2(v int) interface{} { return v }
 *      ./examples.go:15:9: v escapes to heap
 * An interface is a (type, pointer) pair; to put an int behind it Go calls
 * runtime.convT64, which mallocs an 8-byte box (values 0..255 excepted: they
 * point into a static table and allocate nothing).
 *
 * C:   /boxed     e2_boxed returns an `any` (any.h: type pointer + data
 *                 pointer) whose data is a new 8-byte heap box, as convT64;
 *                 the loop asserts it back to int64 and releases the box.
 *                 1 alloc, 8 B per op (malloc(8)).
 *      /concrete  e2_concrete returns the int64 itself.  0 allocs.
 * The values are 256 + i, so every one is boxed on the heap as in Go.
 * Expect /boxed to cost a malloc+free pair more than /concrete.
 *
 * Checksum: both loops sum the values, sum(256 + i, i<n).
 *
 * Checked in the disassembly (gcc 12 -O2, objdump -d --no-show-raw-insn):
 * /boxed calls e2_boxed, compares the type pointer, loads the box and calls
 * any_release each iteration; /concrete calls e2_concrete each iteration.
 */
#include <stdint.h>

#include "any.h"
#include "cases.h"
#include "checksum.h"

#define E2_FIRST 256                    /* first value Go boxes on the heap */

/* e2_boxed returns v boxed in an `any` (caller owns: any_release); nil when
 * malloc fails. */
static CASE_OPAQUE any e2_boxed(int64_t v)
{
    return any_from_int64(v);
}

/* e2_concrete returns v. */
static CASE_OPAQUE int64_t e2_concrete(int64_t v)
{
    return v;
}

static uint64_t e2_want(int64_t n)
{
    uint64_t u = (uint64_t)n;

    return E2_FIRST * u + u * (u - 1) / 2;
}

static void e2_boxed_loop(bench *b)
{
    uint64_t sum = 0;

    for (int64_t i = 0; i < b->n; i++) {
        any a = e2_boxed(E2_FIRST + i);
        int64_t v;

        if (a.type == NULL)
            bench_fail(b, "out of memory");
        if (!any_as_int64(a, &v))
            bench_fail(b, "any holds %s, want int64", a.type->name);
        sum += (uint64_t)v;
        any_release(a);
    }
    checksum_check(b, sum, e2_want(b->n));
}

static void e2_concrete_loop(bench *b)
{
    uint64_t sum = 0;

    for (int64_t i = 0; i < b->n; i++)
        sum += (uint64_t)e2_concrete(E2_FIRST + i);
    checksum_check(b, sum, e2_want(b->n));
}

void BenchmarkE2Interface(bench *b)
{
    bench_run(b, "boxed", e2_boxed_loop);
    bench_run(b, "concrete", e2_concrete_loop);
}
