/*
 * vec.c -- growing arrays (see vec.h).
 */
#include "vec.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

size_t vec_capacity(size_t cap, size_t need, size_t elem)
{
    size_t max = elem ? SIZE_MAX / elem : SIZE_MAX;
    if (need > max)
        return 0;
    if (need <= cap)
        return cap;
    size_t c = cap ? cap : VEC_MIN_CAP;
    while (c < need)
        c = c <= max / 2 ? c * 2 : need;
    return c > max ? need : c;
}

/* The caller's pointer is read and written with memcpy: pp points to a
 * T *, not to a void *, and the two may not alias. */
int vec_resize(void *pp, size_t n, size_t elem)
{
    void *p;
    if (elem && n > SIZE_MAX / elem)
        return -1;
    memcpy(&p, pp, sizeof p);
    void *q = realloc(p, n * elem);
    if (!q)
        return -1;
    memcpy(pp, &q, sizeof q);
    return 0;
}

int vec_reserve(void *pp, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap)
        return 0;
    size_t c = vec_capacity(*cap, need, elem);
    if (c == 0 || vec_resize(pp, c, elem) != 0)
        return -1;
    *cap = c;
    return 0;
}
