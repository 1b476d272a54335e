/*
 * test_cases_checksum.c -- the checksums of the suite, without the runner:
 * each shape's closed form (eN_want) against the sum of its ops computed
 * here op by op, for every variant of the shape.  So all variants of a
 * shape compute the same values, and the closed form the benchmarks check
 * against is right.  The shape files are included whole to reach their
 * static ops.  (tests/cases-checksum.t checks the benchmark loops.)
 */
#include "../../cases/any.c"
#include "../../cases/checksum.c"
#include "../../cases/e1_return_pointer.c"
#include "../../cases/e2_interface.c"
#include "../../cases/e3_closure.c"
#include "../../cases/e4_make_dynamic.c"
#include "../../cases/e5_buffer.c"
#include "../../cases/e6_println.c"
#include "../../cases/sink.c"

#include "../tap.h"

static const int64_t ns[] = { 0, 1, 2, 9, 10, 11, 99, 255, 256, 1000, 9001, 123457 };
#define NN (sizeof ns / sizeof ns[0])

static void check_e1(int64_t n)
{
    uint64_t heap = 0, value = 0;

    for (int64_t i = 0; i < n; i++) {
        point *p = e1_new_point(i);
        point q = e1_point_value(i);

        heap += (uint64_t)p->x + (uint64_t)p->y;
        value += (uint64_t)q.x + (uint64_t)q.y;
        free(p);
    }
    is_int(heap, e1_want(n), "E1 heap, n=%lld", (long long)n);
    is_int(value, e1_want(n), "E1 value, n=%lld", (long long)n);
}

static void check_e2(int64_t n)
{
    uint64_t boxed = 0, concrete = 0;

    for (int64_t i = 0; i < n; i++) {
        any a = e2_boxed(E2_FIRST + i);
        int64_t v = 0;

        if (!any_as_int64(a, &v) || any_is_static(a))
            v = -1;
        boxed += (uint64_t)v;
        any_release(a);
        concrete += (uint64_t)e2_concrete(E2_FIRST + i);
    }
    is_int(boxed, e2_want(n), "E2 boxed (every value on the heap), n=%lld", (long long)n);
    is_int(concrete, e2_want(n), "E2 concrete, n=%lld", (long long)n);
}

static void check_e3(int64_t n)
{
    uint64_t byref = 0, byvalue = 0;

    for (int64_t i = 0; i < n; i++) {
        closure *c = e3_byref(i);

        byref += (uint64_t)c->fn(c);
        byref += (uint64_t)c->fn(c);
        e3_release(c);
        byvalue += (uint64_t)e3_byvalue(i);
    }
    is_int(byref, e3_want(n), "E3 byref, n=%lld", (long long)n);
    is_int(byvalue, e3_want(n), "E3 byvalue, n=%lld", (long long)n);
}

static void check_e4(int64_t n)
{
    uint64_t heap = 0, vla = 0, cst = 0;

    for (int64_t i = 0; i < n; i++) {
        heap += (uint64_t)e4_heap(E4_N, i);
        vla += (uint64_t)e4_vla(E4_N, i);
        cst += (uint64_t)e4_const(E4_N, i);
    }
    is_int(heap, e4_want(n, E4_N), "E4 heap, n=%lld", (long long)n);
    is_int(vla, e4_want(n, E4_N), "E4 vla, n=%lld", (long long)n);
    is_int(cst, e4_want(n, E4_N), "E4 const, n=%lld", (long long)n);
}

static void check_e5(int64_t n)
{
    uint64_t heap = 0, stack = 0, big = 0;

    if (n > 1000)
        return;                         /* 1000 ops of 1 MiB are plenty */
    for (int64_t i = 0; i < n; i++) {
        heap += (uint64_t)e5_heap(E5_HEAP_SIZE);
        stack += (uint64_t)e5_stack();
        big += (uint64_t)e5_heap(1024 * 1024);
    }
    is_int(heap, n, "E5 heap, n=%lld", (long long)n);
    is_int(stack, n, "E5 stack, n=%lld", (long long)n);
    is_int(big, n, "E5 heap 1 MiB, n=%lld", (long long)n);
}

static void check_e6(int64_t n)
{
    uint64_t boxed = 0, typed = 0, ref = 0;
    char buf[E6_BUF], want[E6_BUF];

    for (int64_t i = 0; i < n; i++) {
        size_t len = e6_boxed(buf, sizeof buf, E6_FIRST + i);
        int w = snprintf(want, sizeof want, "%lld\n", (long long)(E6_FIRST + i));

        if (i == 0 || i == n - 1) {
            is_str(buf, want, "E6 boxed prints %lld as Println", (long long)(E6_FIRST + i));
        }
        boxed += len + (uint64_t)(buf[len - 2] - '0');
        len = e6_typed(buf, sizeof buf, E6_FIRST + i);
        if (i == 0 || i == n - 1) {
            is_str(buf, want, "E6 typed prints %lld", (long long)(E6_FIRST + i));
        }
        typed += len + (uint64_t)(buf[len - 2] - '0');
        ref += (uint64_t)w + (uint64_t)((E6_FIRST + i) % 10);
    }
    is_int(ref, e6_want(n), "E6 closed form, n=%lld", (long long)n);
    is_int(boxed, e6_want(n), "E6 boxed, n=%lld", (long long)n);
    is_int(typed, e6_want(n), "E6 typed, n=%lld", (long long)n);
}

static void check_sink(int64_t n)
{
    any_sink as = { { NULL, NULL } };
    typed_sink ts = { { 0, 0, 0 } };
    uint64_t got_any = 0, got_typed = 0;

    for (int64_t i = 0; i < n; i++) {
        record r = make_record(i);

        any_sink_put(&as, any_from_value(&sink_type_record, &r));
        typed_sink_put(&ts, r);
    }
    if (n > 0) {
        ok(as.last.type == &sink_type_record, "Sink any holds a Record, n=%lld", (long long)n);
        got_any = record_sum(as.last.data);
        got_typed = record_sum(&ts.last);
    }
    any_release(as.last);
    is_int(got_any, sink_want(n), "Sink any, n=%lld", (long long)n);
    is_int(got_typed, sink_want(n), "Sink typed, n=%lld", (long long)n);
}

int main(void)
{
    /* the closed forms at the sizes tests/cases-checksum.t expects */
    is_int(e1_want(1000), 1000000, "E1 at n=1000");
    is_int(e2_want(1000), 755500, "E2 at n=1000");
    is_int(e3_want(1000), 1002000, "E3 at n=1000");
    is_int(e4_want(1000, 64), 562500, "E4 at n=1000");
    is_int(e6_want(1000), 9500, "E6 at n=1000");
    is_int(sink_want(1000), 3996, "Sink at n=1000");
    is_int(e6_want(9001), 9000 * 5 + 1 * 6 + 45 * 900, "E6 across 9999 -> 10000");

    for (size_t k = 0; k < NN; k++) {
        check_e1(ns[k]);
        check_e2(ns[k]);
        check_e3(ns[k]);
        check_e4(ns[k]);
        check_e5(ns[k]);
        check_e6(ns[k]);
        check_sink(ns[k]);
    }
    return tap_done();
}
