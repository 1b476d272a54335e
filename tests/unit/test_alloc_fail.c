/*
 * test_alloc_fail.c -- failure injection: the nth allocation call fails
 * with ENOMEM (once, or from then on when sticky), whatever the function,
 * and a failed call is not counted as an allocation.
 */
#include "alloc.h"
#include "bench.h"
#include "../tap.h"

#include <errno.h>
#include <malloc.h>
#include <stdlib.h>
#include <string.h>

/* kept: the pointer escapes, so the compiler may not elide the allocation
 * (clang removes a malloc whose result is only compared with NULL). */
static void *kept(void *p)
{
    __asm__ volatile("" : : "g"(p) : "memory");
    return p;
}

int main(void)
{
    void *p[6];
    struct alloc_counts c;
    int e;

    if (!alloc_counting_available())
        return tap_skip_all("allocation hooks not in use (ASan or valgrind)");
    setvbuf(stdout, NULL, _IONBF, 0);   /* printf must not allocate */

    alloc_fail_at(1, false);
    errno = 0;
    p[0] = kept(malloc(10));
    e = errno;
    p[1] = kept(malloc(10));
    ok(p[0] == NULL, "fail_at(1): the next malloc fails");
    is_int(e, ENOMEM, "fail_at(1): errno is ENOMEM");
    ok(p[1] != NULL, "fail_at(1): the one after succeeds");
    is_int(alloc_fail_count(), 1, "one failure so far");
    free(p[1]);

    alloc_fail_at(3, false);
    for (int i = 0; i < 5; i++)
        p[i] = kept(malloc(8));
    ok(p[0] && p[1] && !p[2] && p[3] && p[4],
       "fail_at(3): only the third of five fails");
    for (int i = 0; i < 5; i++)
        free(p[i]);
    is_int(alloc_fail_count(), 2, "two failures so far");

    alloc_fail_at(2, true);
    p[0] = kept(malloc(8));
    p[1] = kept(calloc(2, 8));
    p[2] = kept(realloc(p[0], 100));
    p[3] = kept(aligned_alloc(64, 64));
    p[4] = kept(strdup("x"));
    e = posix_memalign(&p[5], 64, 64);
    alloc_fail_at(0, false);
    ok(p[0] != NULL, "sticky from 2: the first succeeds");
    ok(!p[1] && !p[2] && !p[3] && !p[4], "sticky: calloc, realloc, "
       "aligned_alloc, strdup all fail");
    is_int(e, ENOMEM, "sticky: posix_memalign returns ENOMEM");
    is_int(alloc_fail_count(), 7, "seven failures so far");
    free(p[0]);                         /* realloc failed: p[0] still live */
    p[0] = kept(malloc(8));
    ok(p[0] != NULL, "fail_at(0): injection off");
    free(p[0]);

    /* Paused: calls neither fail nor count toward the nth; pairs nest. */
    alloc_fail_at(1, false);
    alloc_fail_pause(true);
    alloc_fail_pause(true);
    p[0] = kept(malloc(8));
    alloc_fail_pause(false);
    p[1] = kept(malloc(8));
    alloc_fail_pause(false);
    p[2] = kept(malloc(8));
    p[3] = kept(malloc(8));
    ok(p[0] && p[1], "paused (nested): malloc succeeds");
    ok(!p[2] && p[3], "unpaused: the first call after is the 1st, and fails");
    for (int i = 0; i < 4; i++)
        free(p[i]);

    /* A failed call is no allocation. */
    alloc_count_reset();
    alloc_fail_at(2, false);
    alloc_count_start();
    p[0] = kept(malloc(16));
    p[1] = kept(malloc(16));
    p[2] = kept(malloc(16));
    alloc_count_stop();
    alloc_count_read(&c);
    ok(p[0] && !p[1] && p[2], "counting and injection together");
    is_int(c.allocs, 2, "the failed call is not counted");
    is_int(c.bytes, 32, "nor its bytes");
    free(p[0]);
    free(p[2]);
    is_int(alloc_fail_count(), 9, "nine failures in all");
    return tap_done();
}
