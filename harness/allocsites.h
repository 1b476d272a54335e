/*
 * allocsites.h -- internals shared by alloc.c (the hooks) and allocsites.c
 * (the site table and its symbolisation).  Not part of the harness API: the
 * runner uses the alloc_sites_* functions declared in alloc.h.
 */
#ifndef ESCBENCH_ALLOCSITES_H
#define ESCBENCH_ALLOCSITES_H

#include <stdbool.h>
#include <stddef.h>

/* Record one allocation of n bytes whose hook was called from `ra`.  Called
 * from inside an allocation hook, with recursion blocked: never allocates,
 * never locks. */
void alloc_sites_note_(const void *ra, size_t n);

/* Prepare for recording (find the executable's text, warm up the unwinder);
 * false if sites cannot be recorded.  Called outside counting. */
bool alloc_sites_prepare_(void);

/* Empty the table (alloc_count_reset). */
void alloc_sites_clear_(void);

#endif
