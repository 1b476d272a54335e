/*
 * any.h -- Go's interface{} in C: a (type, data) pair whose data points at
 * a box holding the value.  Storing a non-pointer value into an `any` copies
 * it into a new heap box, as Go's runtime does (convT64, convT) when the
 * compiler reports "v escapes to heap".  E2, E6 and Sink use it.
 *
 * Go frees boxes by garbage collection; here the owner of an `any` frees
 * its box with any_release (a no-op for the static boxes of small ints).
 */
#ifndef ESCBENCH_ANY_H
#define ESCBENCH_ANY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A dynamic type: what Go's itab/_type pointer tells a type switch. */
typedef struct any_type {
    const char *name;                   /* Go's name of the type, "int64" */
    size_t size;                        /* bytes in a value (and its box) */
} any_type;

/* An interface value.  type == NULL is nil. */
typedef struct any {
    const any_type *type;               /* dynamic type, or NULL for nil */
    const void *data;                   /* the box holding the value */
} any;

extern const any_type any_type_int64;

/* any_from_int64 boxes v as Go's convT64 does: 0 <= v < 256 points into a
 * static table (Go's staticuint64s) and allocates nothing; any other value
 * is copied into a new 8-byte heap box.  Returns nil when malloc fails.  The
 * caller owns the result and releases it with any_release. */
any any_from_int64(int64_t v);

/* any_from_value boxes the t->size bytes at v into a new heap box of exactly
 * that size, as Go's convT does for a non-pointer value of type t.  Returns
 * nil when malloc fails.  Caller owns the result (any_release). */
any any_from_value(const any_type *t, const void *v);

/* any_release frees a's box unless it is static.  nil is allowed.  The
 * value must not be used afterwards. */
void any_release(any a);

/* any_as_int64 is the type assertion a.(int64): stores the value in *out and
 * returns true when a holds an int64, returns false otherwise.  Inline, as
 * Go compiles a type assertion to a compare and a load. */
static inline bool any_as_int64(any a, int64_t *out)
{
    if (a.type != &any_type_int64)
        return false;
    *out = *(const int64_t *)a.data;
    return true;
}

/* any_is_static tells whether a's box is one of the static small-int boxes
 * (for the tests). */
bool any_is_static(any a);

#endif
