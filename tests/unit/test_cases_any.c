/*
 * test_cases_any.c -- cases/any.c, Go's interface{} in C: which values are
 * boxed on the heap (exactly one malloc of the value's size, as convT64 and
 * convT), which point into the static table, and what any_release frees.
 * The allocation counts come from the harness's malloc hooks (alloc.h).
 */
#include "../../cases/any.c"

#include <stdlib.h>

#include "alloc.h"
#include "../tap.h"

/* counted runs f(arg) with allocation counting on and returns the counts. */
static struct alloc_counts counted(any (*f)(int64_t), int64_t v, any *out)
{
    struct alloc_counts c;

    alloc_count_reset();
    alloc_count_start();
    *out = f(v);
    alloc_count_stop();
    alloc_count_read(&c);
    return c;
}

int main(void)
{
    static const any_type t16 = { "Record16", 16 };
    const char rec[16] = "0123456789abcde";
    bool counting = alloc_counting_available();
    struct alloc_counts c;
    int64_t v = 0;
    any a;

    /* 0..255 use the static boxes, as Go's staticuint64s */
    c = counted(any_from_int64, 0, &a);
    ok(a.type == &any_type_int64 && any_is_static(a), "0 is a static box");
    ok(any_as_int64(a, &v) && v == 0, "0 reads back");
    if (counting)
        is_int(c.allocs, 0, "boxing 0 allocates nothing");
    any_release(a);

    c = counted(any_from_int64, 255, &a);
    ok(any_is_static(a), "255 is a static box");
    ok(any_as_int64(a, &v) && v == 255, "255 reads back");
    if (counting)
        is_int(c.allocs, 0, "boxing 255 allocates nothing");
    any_release(a);                     /* must not free a static box */

    /* 256 and up, and negatives (Go compares unsigned), go to the heap */
    c = counted(any_from_int64, 256, &a);
    ok(a.type == &any_type_int64 && !any_is_static(a), "256 is a heap box");
    ok(any_as_int64(a, &v) && v == 256, "256 reads back");
    if (counting) {
        is_int(c.allocs, 1, "boxing 256: 1 alloc");
        is_int(c.bytes, 8, "boxing 256: 8 B");
    }
    any_release(a);

    c = counted(any_from_int64, -1, &a);
    ok(!any_is_static(a), "-1 is a heap box");
    ok(any_as_int64(a, &v) && v == -1, "-1 reads back");
    if (counting)
        is_int(c.bytes, 8, "boxing -1: 8 B");
    any_release(a);

    c = counted(any_from_int64, INT64_MIN, &a);
    ok(any_as_int64(a, &v) && v == INT64_MIN, "INT64_MIN reads back");
    any_release(a);

    /* convT: a box of exactly the type's size holding a copy */
    alloc_count_reset();
    alloc_count_start();
    a = any_from_value(&t16, rec);
    alloc_count_stop();
    alloc_count_read(&c);
    ok(a.type == &t16 && a.data != (const void *)rec, "any_from_value copies");
    ok(memcmp(a.data, rec, 16) == 0, "the box holds the value");
    ok(!any_as_int64(a, &v), "a Record16 is not an int64");
    if (counting) {
        is_int(c.allocs, 1, "boxing 16 bytes: 1 alloc");
        is_int(c.bytes, 16, "boxing 16 bytes: 16 B");
    } else {
        tap_diag("allocation counting unavailable (sanitizer build): "
                 "counts not checked");
    }
    any_release(a);

    /* nil */
    a = (any){ NULL, NULL };
    ok(!any_as_int64(a, &v), "nil is not an int64");
    any_release(a);                     /* allowed */

    /* out of memory: nil, not a crash */
    alloc_fail_at(1, false);
    a = any_from_int64(1000);
    alloc_fail_at(0, false);
    if (counting)
        ok(a.type == NULL && a.data == NULL, "a failed malloc gives nil");
    any_release(a);                     /* a real box where injection is off */

    return tap_done();
}
