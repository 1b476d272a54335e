/*
 * alloc_probe.c -- which allocator serves the interposed calls, proved with
 * the allocator's own API rather than taken on trust: every function of the
 * family allocates a block, the allocator is asked whether it owns it
 * (jemalloc: mallctl thread.allocated grows; mimalloc: mi_is_in_heap_region;
 * tcmalloc: MallocExtension_GetOwnership; glibc: none of those symbols
 * exist and malloc_usable_size(malloc(16)) is glibc's 24), and the block is
 * freed.  Prints
 *
 *     allocator: libjemalloc.so.2 (LD_PRELOAD)
 *     owner: jemalloc
 *     malloc: owned
 *     ...
 *
 * Exit 0 when every block is owned by that allocator.  With
 * ESCBENCH_ALLOC_ARENA_TEST=1 the hooks make dlsym fail once while they
 * resolve the allocator, so dlsym allocates from the bootstrap arena, and
 * the probe says whether it did.  Under ASan (no
 * hooks) prints "hooks: off" and exits 0.
 */
#include "alloc.h"
#include "bench.h"

#include <dlfcn.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char text[4001];                 /* 4000 x's for strdup */
static int (*je_mallctl)(const char *, void *, size_t *, void *, size_t);
static bool (*mi_in_heap)(const void *);
static int (*tc_ownership)(const void *);

static uint64_t je_allocated(void)
{
    uint64_t v = 0;
    size_t sz = sizeof v;

    je_mallctl("thread.allocated", &v, &sz, NULL, 0);
    return v;
}

/* owned: does the serving allocator own p?  For jemalloc, `before` is
 * thread.allocated before the call and n the size asked for. */
static bool owned(void *p, uint64_t before, size_t n)
{
    if (!p)
        return false;
    if (je_mallctl)
        return je_allocated() - before >= n;
    if (mi_in_heap)
        return mi_in_heap(p);
    if (tc_ownership)
        return tc_ownership(p) == 1;    /* kOwned */
    return true;                        /* glibc: checked once, below */
}

int main(void)
{
    const char *owner = "glibc";
    int bad = 0;
    void *p;
    uint64_t b;

    if (!alloc_counting_available()) {
        printf("hooks: off\n");
        return 0;
    }
    if (getenv("ESCBENCH_ALLOC_ARENA_TEST")) {
        /* The hooks' failed lookup left its error message, allocated from
         * the bootstrap arena, with dlerror (unless an earlier dl call
         * replaced it).  Failing again frees it: a free of an arena block,
         * which must be ignored, not passed to the allocator. */
        printf("bootstrap arena: %s\n",
               alloc_bootstrap_bytes() > 0 ? "used" : "unused");
        (void)dlsym(RTLD_NEXT, "escbench_alloc_no_such_symbol_either");
        (void)dlerror();
    }
    *(void **)&je_mallctl = dlsym(RTLD_DEFAULT, "mallctl");
    *(void **)&mi_in_heap = dlsym(RTLD_DEFAULT, "mi_is_in_heap_region");
    *(void **)&tc_ownership = dlsym(RTLD_DEFAULT, "MallocExtension_GetOwnership");
    if (je_mallctl)
        owner = "jemalloc";
    else if (mi_in_heap)
        owner = "mimalloc";
    else if (tc_ownership)
        owner = "tcmalloc";
    printf("allocator: %s\n", alloc_allocator_name());
    printf("owner: %s\n", owner);
    if (strcmp(owner, "glibc") == 0) {
        p = malloc(16);
        printf("glibc usable size of malloc(16): %zu\n", malloc_usable_size(p));
        bad += malloc_usable_size(p) != 24;
        free(p);
    }

#define PROBE(name, n, expr)                                            \
    do {                                                                \
        b = je_mallctl ? je_allocated() : 0;                            \
        p = (expr);                                                     \
        bool o_ = owned(p, b, n);                                       \
        printf("%s: %s\n", name, o_ ? "owned" : "NOT OWNED");           \
        bad += !o_;                                                     \
        free(p);                                                        \
    } while (0)

    PROBE("malloc", 4096, malloc(4096));
    PROBE("calloc", 4096, calloc(64, 64));
    PROBE("realloc", 8192, realloc(malloc(16), 8192));
    PROBE("reallocarray", 4096, reallocarray(NULL, 64, 64));
    PROBE("aligned_alloc", 4096, aligned_alloc(256, 4096));
    PROBE("memalign", 4096, memalign(256, 4096));
    PROBE("valloc", 4096, valloc(4096));
    PROBE("pvalloc", 4096, pvalloc(4000));
    PROBE("posix_memalign", 4096,
          posix_memalign(&p, 256, 4096) == 0 ? p : NULL);
    memset(text, 'x', sizeof text - 1);
    PROBE("strdup", 4000, strdup(text));
    return bad ? 1 : 0;
}
