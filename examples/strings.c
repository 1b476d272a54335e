/* strings.c -- a string on the heap against one on the stack. */
#include "suite.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* BenchmarkStrdup copies a 32-character string to the heap each op. */
void BenchmarkStrdup(bench *b)
{
    const char *s = "0123456789abcdef0123456789abcdef";

    s = bench_opaque(s);
    for (int64_t i = 0; i < b->n; i++) {
        char *p = strdup(s);
        if (p == NULL)
            bench_fail(b, "strdup: out of memory");
        bench_escape(p);
        free(p);
    }
}

/* BenchmarkFormat formats a number into a buffer on the stack each op. */
void BenchmarkFormat(bench *b)
{
    char buf[32];

    for (int64_t i = 0; i < b->n; i++) {
        snprintf(buf, sizeof buf, "n=%lld", (long long)i);
        bench_escape(buf);
    }
}
