/*
 * test_base_vec.c -- base/vec.h: the capacities arrays grow to, contents
 * kept across growth, and overflow refused with the array untouched.
 */
#include <stdint.h>
#include <stdlib.h>

#include "../tap.h"
#include "vec.h"

int main(void)
{
    is_int(vec_capacity(0, 1, 4), 8, "first allocation: VEC_MIN_CAP (8)");
    is_int(vec_capacity(0, 9, 4), 16, "8 doubled until 9 fit: 16");
    is_int(vec_capacity(8, 8, 4), 8, "enough already: unchanged");
    is_int(vec_capacity(8, 9, 4), 16, "one more than 8: doubles");
    is_int(vec_capacity(16, 100, 4), 128, "16 doubled until 100 fit: 128");
    is_int(vec_capacity(3, 4, 4), 6, "an odd capacity doubles too");
    is_int(vec_capacity(0, SIZE_MAX / 4 + 1, 4), 0, "need * elem overflows: 0");
    ok(vec_capacity(SIZE_MAX / 2 + 1, SIZE_MAX / 2 + 2, 1) == SIZE_MAX / 2 + 2,
       "doubling would overflow: exactly what is needed");

    int *v = NULL;
    size_t n = 0, cap = 0;
    for (int i = 0; i < 1000; i++) {
        if (vec_reserve(&v, &cap, n + 1, sizeof *v) != 0)
            break;
        v[n++] = i * 3;
    }
    is_int(n, 1000, "1000 appends");
    is_int(cap, 1024, "capacity 8 doubled: 1024");
    int good = 1;
    for (int i = 0; i < 1000; i++)
        good &= v[i] == i * 3;
    ok(good, "contents kept across every growth");

    int *before = v;
    is_int(vec_reserve(&v, &cap, 1024, sizeof *v), 0, "room already: 0");
    ok(v == before && cap == 1024, "and nothing moves");

    is_int(vec_reserve(&v, &cap, SIZE_MAX / 2, sizeof *v), -1, "an impossible size: -1");
    ok(v == before && cap == 1024 && v[999] == 2997, "the array is untouched and still valid");
    is_int(vec_resize(&v, SIZE_MAX / 2, sizeof *v), -1, "vec_resize overflow: -1");
    ok(v == before, "leaving the pointer");

    is_int(vec_resize(&v, 2, sizeof *v), 0, "vec_resize to exactly 2");
    ok(v[0] == 0 && v[1] == 3, "keeps the first elements");
    free(v);

    double *d = NULL;
    size_t dcap = 0;
    is_int(vec_reserve(&d, &dcap, 20, sizeof *d), 0, "from NULL, 20 at once");
    is_int(dcap, 32, "8 doubled until 20 fit: 32");
    d[19] = 1.5;
    ok(d[19] == 1.5, "writable to the last needed element");
    free(d);
    return tap_done();
}
