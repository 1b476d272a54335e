/*
 * strlist.h -- a list of C strings that the list owns: notes for a
 * results header, words of a filter, keys named on a command line.
 *
 * v is NULL-terminated whenever it is not NULL (v[n] == NULL), so it can
 * be handed on as an argv.  Every string in it is a malloc'd copy owned by
 * the list; strlist_release frees them all.
 */
#ifndef ESCBASE_STRLIST_H
#define ESCBASE_STRLIST_H

#include <stdbool.h>
#include <stddef.h>

typedef struct strlist {
    char **v;                   /* n strings, then NULL; NULL while empty */
    size_t n;                   /* strings in v */
    size_t cap;                 /* slots allocated in v, the NULL's included */
} strlist;

#define STRLIST_INIT { NULL, 0, 0 }

/* strlist_init makes an empty list (the same as STRLIST_INIT); it
 * allocates nothing. */
void strlist_init(strlist *l);

/* strlist_release frees every string and the array, and leaves l empty
 * and reusable. */
void strlist_release(strlist *l);

/* strlist_push appends a copy of s (the caller keeps s).  It returns 0, or
 * -1 when out of memory, leaving l as it was. */
int strlist_push(strlist *l, const char *s);

/* strlist_push_owned appends s itself: on success the list owns s and
 * frees it on release.  It returns 0, or -1 when out of memory; then l is
 * as it was and s is still the caller's. */
int strlist_push_owned(strlist *l, char *s);

/* strlist_pushf appends printf-formatted text (a copy of it; any length).
 * It returns 0, or -1 when out of memory or on an encoding error, leaving
 * l as it was. */
int strlist_pushf(strlist *l, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* strlist_contains returns whether some string of l equals s. */
bool strlist_contains(const strlist *l, const char *s);

/* strlist_detach hands the array to the caller (who frees each string and
 * then the array; NULL when the list is empty) and leaves l empty.  *n,
 * when n is not NULL, receives the number of strings. */
char **strlist_detach(strlist *l, size_t *n);

#endif
