/*
 * failmalloc.c -- an LD_PRELOAD shim that makes the Nth allocation fail, for
 * the out-of-memory tests of programs that do not link escbench's own
 * allocation hooks (escstat, escplot).  Same contract as alloc_fail_at() in
 * harness/alloc.h, same environment variable:
 *
 *     ESCBENCH_FAIL_ALLOC=N         the Nth allocation call (1 = the first)
 *                                   returns NULL with errno = ENOMEM
 *     ESCBENCH_FAIL_ALLOC=N,sticky  ... and so does every later one
 *     FAILMALLOC_REPORT=path        at exit, write "<calls> <failed>\n" there
 *                                   (how many allocation calls were made, so
 *                                   a test knows the range of N to try)
 *
 * Allocation calls are malloc, calloc, realloc (with a non-zero size),
 * reallocarray, posix_memalign, aligned_alloc and memalign; free is passed
 * through.  The real functions are found with dlsym(RTLD_NEXT), so the shim
 * also works in front of AddressSanitizer's allocator; while dlsym itself
 * allocates, a small static arena serves it.
 */
#include <dlfcn.h>
#include <errno.h>
#include <malloc.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void *(*real_malloc)(size_t);
static void *(*real_calloc)(size_t, size_t);
static void *(*real_realloc)(void *, size_t);
static void (*real_free)(void *);
static int (*real_posix_memalign)(void **, size_t, size_t);
static void *(*real_aligned_alloc)(size_t, size_t);
static void *(*real_memalign)(size_t, size_t);

static uint64_t fail_nth;       /* 0: never fail */
static bool fail_sticky;
static uint64_t ncalls, nfailed;
static int resolving;           /* inside dlsym: serve from the arena */

/* The arena for dlsym's own allocations (a few dozen bytes in practice). */
static _Alignas(16) unsigned char arena[4096];
static size_t arena_used;

static void *arena_alloc(size_t n)
{
    n = (n + 15) & ~(size_t)15;
    if (n > sizeof arena - arena_used)
        return NULL;
    void *p = arena + arena_used;
    arena_used += n;
    return p;
}

static bool in_arena(const void *p)
{
    return (const unsigned char *)p >= arena &&
           (const unsigned char *)p < arena + sizeof arena;
}

/* resolve: look up the real allocator once; reads the environment too. */
static void resolve(void)
{
    if (real_malloc || resolving)
        return;
    resolving = 1;
    real_calloc = (void *(*)(size_t, size_t))dlsym(RTLD_NEXT, "calloc");
    real_realloc = (void *(*)(void *, size_t))dlsym(RTLD_NEXT, "realloc");
    real_free = (void (*)(void *))dlsym(RTLD_NEXT, "free");
    real_posix_memalign =
        (int (*)(void **, size_t, size_t))dlsym(RTLD_NEXT, "posix_memalign");
    real_aligned_alloc =
        (void *(*)(size_t, size_t))dlsym(RTLD_NEXT, "aligned_alloc");
    real_memalign = (void *(*)(size_t, size_t))dlsym(RTLD_NEXT, "memalign");
    real_malloc = (void *(*)(size_t))dlsym(RTLD_NEXT, "malloc");
    resolving = 0;
}

/* read_env: ESCBENCH_FAIL_ALLOC, once the environment is there: at the
   first allocation in a plain program, in the constructor under ASan
   (whose start-up allocates before libc has set environ up). */
extern char **environ;

static void read_env(void)
{
    static int done;
    if (done || !environ || !environ[0])
        return;
    done = 1;
    const char *e = getenv("ESCBENCH_FAIL_ALLOC");
    if (!e)
        return;
    char *end;
    fail_nth = strtoull(e, &end, 10);
    fail_sticky = strcmp(end, ",sticky") == 0;
}

__attribute__((constructor)) static void failmalloc_init(void)
{
    resolve();
    read_env();
}

/* should_fail: counts one allocation call and says whether it fails. */
static bool should_fail(void)
{
    read_env();
    uint64_t k = __atomic_add_fetch(&ncalls, 1, __ATOMIC_RELAXED);
    if (fail_nth && (k == fail_nth || (fail_sticky && k > fail_nth))) {
        __atomic_add_fetch(&nfailed, 1, __ATOMIC_RELAXED);
        errno = ENOMEM;
        return true;
    }
    return false;
}

void *malloc(size_t n)
{
    resolve();
    if (!real_malloc)
        return arena_alloc(n);
    return should_fail() ? NULL : real_malloc(n);
}

void *calloc(size_t k, size_t n)
{
    resolve();
    if (!real_calloc || resolving) {
        /* the arena is zero and never reused */
        if (n && k > SIZE_MAX / n)
            return NULL;
        return arena_alloc(k * n);
    }
    return should_fail() ? NULL : real_calloc(k, n);
}

void *realloc(void *p, size_t n)
{
    resolve();
    if (p && in_arena(p)) {
        void *q = malloc(n);
        size_t left = (size_t)(arena + sizeof arena - (unsigned char *)p);
        if (q)
            memcpy(q, p, n < left ? n : left);
        return q;
    }
    if (n == 0 && p)
        return real_realloc(p, n);      /* a free, not an allocation */
    return should_fail() ? NULL : real_realloc(p, n);
}

void *reallocarray(void *p, size_t k, size_t n)
{
    if (n && k > SIZE_MAX / n) {
        errno = ENOMEM;
        return NULL;
    }
    return realloc(p, k * n);
}

void free(void *p)
{
    if (!p || in_arena(p))
        return;
    resolve();
    real_free(p);
}

int posix_memalign(void **out, size_t align, size_t n)
{
    resolve();
    if (should_fail())
        return ENOMEM;
    return real_posix_memalign(out, align, n);
}

void *aligned_alloc(size_t align, size_t n)
{
    resolve();
    return should_fail() ? NULL : real_aligned_alloc(align, n);
}

void *memalign(size_t align, size_t n)
{
    resolve();
    return should_fail() ? NULL : real_memalign(align, n);
}

/* report: the figures for the test, written when the program exits. */
__attribute__((destructor)) static void report(void)
{
    const char *path = getenv("FAILMALLOC_REPORT");
    if (!path)
        return;
    unsigned long long calls = ncalls, failed = nfailed;
    fail_nth = 0;               /* fopen must not fail */
    FILE *f = fopen(path, "w");
    if (!f)
        return;
    fprintf(f, "%llu %llu\n", calls, failed);
    fclose(f);
}
