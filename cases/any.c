/*
 * any.c -- see any.h.  A translation unit of its own, as Go's convT64 and
 * convT are runtime functions the compiler calls and never inlines: without
 * LTO the callers cannot see that these return fresh malloc memory.
 */
#include "any.h"

#include <stdlib.h>
#include <string.h>

const any_type any_type_int64 = { "int64", sizeof(int64_t) };

/* Go's runtime.staticuint64s: boxes for 0..255 that need no allocation. */
#define ANY_SMALL 256
static const int64_t any_small[ANY_SMALL] = {
#define V4(x) x, x + 1, x + 2, x + 3
#define V16(x) V4(x), V4(x + 4), V4(x + 8), V4(x + 12)
#define V64(x) V16(x), V16(x + 16), V16(x + 32), V16(x + 48)
    V64(0), V64(64), V64(128), V64(192)
#undef V64
#undef V16
#undef V4
};

bool any_is_static(any a)
{
    /* Compare as integers: < between unrelated objects is undefined in C. */
    uintptr_t p = (uintptr_t)a.data, lo = (uintptr_t)any_small;

    return p >= lo && p < lo + sizeof any_small;
}

any any_from_int64(int64_t v)
{
    any a = { NULL, NULL };
    int64_t *box;

    /* Go compares as unsigned: negative values are boxed on the heap. */
    if ((uint64_t)v < ANY_SMALL) {
        a.type = &any_type_int64;
        a.data = &any_small[v];
        return a;
    }
    box = malloc(sizeof *box);
    if (box == NULL)
        return a;
    *box = v;
    a.type = &any_type_int64;
    a.data = box;
    return a;
}

any any_from_value(const any_type *t, const void *v)
{
    any a = { NULL, NULL };
    void *box = malloc(t->size);

    if (box == NULL)
        return a;
    memcpy(box, v, t->size);
    a.type = t;
    a.data = box;
    return a;
}

void any_release(any a)
{
    if (a.type != NULL && !any_is_static(a))
        free((void *)a.data);
}
