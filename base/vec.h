/*
 * vec.h -- growing an array by hand-kept count and capacity, the pattern
 * every module repeats: `T *v; size_t n, cap;` and, before v[n++] = x,
 * room for one more.
 *
 *     if (vec_reserve(&l->v, &l->cap, l->n + 1, sizeof *l->v) != 0)
 *         return -1;
 *     l->v[l->n++] = x;
 *
 * The array stays the caller's: it is an ordinary malloc'd block, freed
 * with free().  Nothing here keeps state.
 */
#ifndef ESCBASE_VEC_H
#define ESCBASE_VEC_H

#include <stddef.h>

/* VEC_MIN_CAP is the capacity of an array's first allocation (unless more
 * is needed at once). */
#define VEC_MIN_CAP 8

/* vec_capacity returns the capacity an array of capacity cap grows to so
 * that it holds need elements of elem bytes: cap itself when it is enough,
 * otherwise cap doubled (VEC_MIN_CAP when cap is 0) until it reaches need.
 * It returns 0 when that many elements would not fit in a size_t of bytes.
 * For parallel arrays that share one count: compute the capacity once,
 * then vec_resize each array to it. */
size_t vec_capacity(size_t cap, size_t need, size_t elem);

/* vec_reserve makes room for need elements of elem bytes in the array *pp
 * (pp is the address of the caller's pointer, of any object type; *pp may
 * be NULL) whose capacity is *cap, growing it as vec_capacity says.  It
 * returns 0, or -1 when out of memory or when the size overflows; then
 * *pp and *cap are unchanged (the old array is still valid and still the
 * caller's). */
int vec_reserve(void *pp, size_t *cap, size_t need, size_t elem);

/* vec_resize reallocates the array *pp to exactly n elements of elem bytes
 * (n > 0).  It returns 0, or -1 when out of memory or when n * elem
 * overflows, leaving *pp unchanged. */
int vec_resize(void *pp, size_t n, size_t elem);

#endif
