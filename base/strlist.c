/*
 * strlist.c -- a list of owned C strings (see strlist.h).
 */
#include "strlist.h"
#include "vec.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void strlist_init(strlist *l)
{
    l->v = NULL;
    l->n = l->cap = 0;
}

void strlist_release(strlist *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->v[i]);
    free(l->v);
    strlist_init(l);
}

int strlist_push_owned(strlist *l, char *s)
{
    /* n strings, the new one and the terminating NULL */
    if (l->n > (size_t)-1 - 2 || vec_reserve(&l->v, &l->cap, l->n + 2, sizeof *l->v) != 0)
        return -1;
    l->v[l->n++] = s;
    l->v[l->n] = NULL;
    return 0;
}

int strlist_push(strlist *l, const char *s)
{
    char *d = strdup(s);
    if (!d)
        return -1;
    if (strlist_push_owned(l, d) != 0) {
        free(d);
        return -1;
    }
    return 0;
}

int strlist_pushf(strlist *l, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *s = NULL;
    int n = vasprintf(&s, fmt, ap);
    va_end(ap);
    if (n < 0)
        return -1;
    if (strlist_push_owned(l, s) != 0) {
        free(s);
        return -1;
    }
    return 0;
}

bool strlist_contains(const strlist *l, const char *s)
{
    for (size_t i = 0; i < l->n; i++)
        if (strcmp(l->v[i], s) == 0)
            return true;
    return false;
}

char **strlist_detach(strlist *l, size_t *n)
{
    char **v = l->v;
    if (n)
        *n = l->n;
    strlist_init(l);
    return v;
}
