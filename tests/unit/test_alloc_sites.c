/*
 * test_alloc_sites.c -- allocation sites: each allocating line is found,
 * with its count and bytes, largest first, and named "file:line function"
 * (a strdup by the line that called strdup, not by libc).
 */
#include "alloc.h"
#include "bench.h"
#include "../tap.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int line_helper;

/* A helper that allocates: its own line is the site. */
__attribute__((noinline)) static void *helper(size_t n)
{
    line_helper = __LINE__ + 1;
    void *p = malloc(n);

    bench_escape(p);
    return p;
}

/* where: the expected description, with the path as addr2line prints it
 * (it may be absolute: compare the tail). */
static int ends_with(const char *s, const char *tail)
{
    size_t a = strlen(s), b = strlen(tail);

    return a >= b && strcmp(s + a - b, tail) == 0 &&
           (a == b || s[a - b - 1] == '/');
}

int main(void)
{
    struct alloc_site s[8];
    char where[512], want[256];
    size_t k;
    int line_malloc, line_strdup;

    if (!alloc_counting_available())
        return tap_skip_all("allocation hooks not in use (ASan or valgrind)");

    alloc_sites_enable(true);
    alloc_count_reset();
    alloc_count_start();
    for (int i = 0; i < 10; i++) {
        line_malloc = __LINE__ + 1;
        void *p = malloc(100);
        bench_escape(p);
        free(p);
        line_strdup = __LINE__ + 1;
        char *d = strdup("0123456789");
        bench_escape(d);
        free(d);
        free(helper(1000));
    }
    alloc_count_stop();
    k = alloc_sites_read(s, 8);
    alloc_sites_enable(false);

    is_int(k, 3, "three sites");
    if (k != 3)
        return tap_done();
    is_int(s[0].allocs, 10, "largest: 10 allocs");
    is_int(s[0].bytes, 10000, "largest: 10000 bytes (helper)");
    is_int(s[1].bytes, 1000, "second: 1000 bytes (malloc(100))");
    is_int(s[2].allocs, 10, "third: 10 allocs");
    is_int(s[2].bytes, 110, "third: 110 bytes (strdup of 10 chars)");

    alloc_site_describe(s[0].pc, where, sizeof where);
    snprintf(want, sizeof want, "tests/unit/test_alloc_sites.c:%d helper",
             line_helper);
    ok(ends_with(where, want), "helper site is '%s'", want);
    tap_diag("got '%s'", where);

    alloc_site_describe(s[1].pc, where, sizeof where);
    snprintf(want, sizeof want, "tests/unit/test_alloc_sites.c:%d main",
             line_malloc);
    ok(ends_with(where, want), "malloc site is '%s'", want);
    tap_diag("got '%s'", where);

    alloc_site_describe(s[2].pc, where, sizeof where);
    snprintf(want, sizeof want, "tests/unit/test_alloc_sites.c:%d main",
             line_strdup);
    ok(ends_with(where, want), "strdup site (inside libc) is '%s'", want);
    tap_diag("got '%s'", where);

    /* Reset empties the table. */
    alloc_count_reset();
    is_int(alloc_sites_read(s, 8), 0, "reset empties the table");
    return tap_done();
}
