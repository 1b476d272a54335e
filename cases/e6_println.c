/*
 * e6_println.c -- E6, fmt.Println of anything.
 *
 * Go:  func E6(x int) { fmt.Println(x) }
 *      ./examples.go:46:13: ... argument does not escape
 *      ./examples.go:46:13: x escapes to heap
 * Println takes ...interface{}: the []interface{} itself stays on the stack,
 * but each argument is boxed (E2 in disguise): one 8-byte heap box for an
 * int >= 256, every call.
 *
 * C:   /boxed  e6_boxed builds the variadic list as Go does -- an array of
 *              `any` on its stack, one heap box per argument (any.h) -- and
 *              calls e6_sprintln, which type-switches on each argument and
 *              formats it with snprintf into the caller's buffer, spaces
 *              between operands and a newline at the end, as Println.
 *              1 alloc, 8 B per op.
 *      /typed  e6_typed formats the int64 with snprintf("%lld\n") into the
 *              caller's buffer.  0 allocs.
 * The buffer is a 64-byte array on the loop's stack: there is no terminal
 * I/O in the timed loop (Go's twin writes to a reused bytes.Buffer).  Both
 * variants format with the same snprintf, so the difference is the box and
 * the type switch.  Expect /boxed to cost a malloc+free pair more.
 *
 * Checksum: op i prints x = 1000 + i; the loop adds the length written
 * (digits and newline) and the last digit.  Both variants end with the
 * same sum, known in closed form (e6_want).
 *
 * Checked in the disassembly (gcc 12 -O2, objdump -d --no-show-raw-insn):
 * each loop calls its noipa op per iteration; e6_boxed calls
 * any_from_int64, e6_sprintln and any_release; e6_sprintln and e6_typed call
 * snprintf.
 */
#include <stdint.h>
#include <stdio.h>

#include "any.h"
#include "cases.h"
#include "checksum.h"

#define E6_FIRST 1000                   /* boxed on the heap (>= 256) */
#define E6_BUF 64                       /* output buffer, bytes */

/* e6_sprintln formats the nargs values in args as Go's Println does (a
 * space between operands, a newline at the end) into dst of cap bytes,
 * NUL-terminated.  Returns the length written, or 0 when it did not fit. */
static CASE_OPAQUE size_t e6_sprintln(char *dst, size_t cap, const any *args,
                                      size_t nargs)
{
    size_t len = 0;

    for (size_t k = 0; k < nargs; k++) {
        int64_t v;
        int w;

        if (k > 0 && len + 1 < cap)
            dst[len++] = ' ';
        if (any_as_int64(args[k], &v))
            w = snprintf(dst + len, cap - len, "%lld", (long long)v);
        else if (args[k].type == NULL)
            w = snprintf(dst + len, cap - len, "<nil>");
        else
            w = snprintf(dst + len, cap - len, "%%!v(%s)", args[k].type->name);
        if (w < 0 || (size_t)w >= cap - len)
            return 0;
        len += (size_t)w;
    }
    if (len + 1 >= cap)
        return 0;
    dst[len++] = '\n';
    dst[len] = '\0';
    return len;
}

/* e6_boxed prints x through a one-element list of boxed values.  Returns
 * the length written, or 0 (malloc failed or dst too small). */
static CASE_OPAQUE size_t e6_boxed(char *dst, size_t cap, int64_t x)
{
    any args[1];                        /* ... argument does not escape */
    size_t len;

    args[0] = any_from_int64(x);        /* x escapes to heap */
    if (args[0].type == NULL)
        return 0;
    len = e6_sprintln(dst, cap, args, 1);
    any_release(args[0]);
    return len;
}

/* e6_typed prints x with snprintf.  Returns the length written, or 0. */
static CASE_OPAQUE size_t e6_typed(char *dst, size_t cap, int64_t x)
{
    int w = snprintf(dst, cap, "%lld\n", (long long)x);

    return w < 0 || (size_t)w >= cap ? 0 : (size_t)w;
}

/* e6_want: sum over i < n of (digits(x) + 1 + x % 10), x = E6_FIRST + i. */
static uint64_t e6_want(int64_t n)
{
    uint64_t lo = E6_FIRST, hi = E6_FIRST + (uint64_t)n; /* [lo, hi) */
    uint64_t sum = 0, p = 1;

    for (uint64_t d = 1; d <= 19; d++, p *= 10) {
        /* values with d digits: [p, 10p) (p = 10^(d-1)) */
        uint64_t a = lo > p ? lo : p, z = hi < 10 * p ? hi : 10 * p;

        if (a < z)
            sum += (z - a) * (d + 1);
        if (10 * p > hi)
            break;
    }
    /* last digits: the sum of x % 10 over [lo, hi), lo a multiple of 10 */
    sum += 45 * ((uint64_t)n / 10);
    sum += ((uint64_t)n % 10) * ((uint64_t)n % 10 - 1) / 2;
    return sum;
}

static void e6_loop(bench *b, size_t (*op)(char *, size_t, int64_t))
{
    char buf[E6_BUF];
    uint64_t sum = 0;

    for (int64_t i = 0; i < b->n; i++) {
        size_t len = op(buf, sizeof buf, E6_FIRST + i);

        if (len < 2)
            bench_fail(b, "formatting %lld failed", (long long)(E6_FIRST + i));
        sum += len + (uint64_t)(buf[len - 2] - '0');
    }
    checksum_check(b, sum, e6_want(b->n));
}

static void e6_boxed_loop(bench *b) { e6_loop(b, e6_boxed); }
static void e6_typed_loop(bench *b) { e6_loop(b, e6_typed); }

void BenchmarkE6Println(bench *b)
{
    bench_run(b, "boxed", e6_boxed_loop);
    bench_run(b, "typed", e6_typed_loop);
}
