/*
 * alloc_failenv.c -- ESCBENCH_FAIL_ALLOC as a program sees it: five
 * malloc(8) calls at the start of main, then one line: "+" for each that
 * succeeded, "-" for each that failed, and alloc_fail_count().  With
 * ESCBENCH_FAIL_ALLOC=3 it prints "++-++ 1".
 */
#include "alloc.h"

#include <stdio.h>
#include <stdlib.h>

/* kept: the pointer escapes, so the compiler may not elide the allocation
 * (clang removes a malloc whose result is only compared with NULL). */
static void *kept(void *p)
{
    __asm__ volatile("" : : "g"(p) : "memory");
    return p;
}

int main(void)
{
    static char buf[256];               /* stdout must not allocate */
    void *p[5];
    char mark[6] = "";

    for (int i = 0; i < 5; i++)
        p[i] = kept(malloc(8));
    alloc_fail_at(0, false);
    setvbuf(stdout, buf, _IOFBF, sizeof buf);
    for (int i = 0; i < 5; i++) {
        mark[i] = p[i] ? '+' : '-';
        free(p[i]);
    }
    if (!alloc_counting_available()) {
        printf("hooks: off\n");
        return 0;
    }
    printf("%s %llu\n", mark, (unsigned long long)alloc_fail_count());
    return 0;
}
