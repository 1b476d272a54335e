/*
 * test_alloc_count.c -- the allocation counters, driven directly (no
 * runner): each kind of allocation call counts exactly once with the bytes
 * requested, free counts nothing, counting off counts nothing, and every
 * thread counts.
 */
#include "alloc.h"
#include "bench.h"
#include "../tap.h"

#include <malloc.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

static struct alloc_counts c;

/* measure: counts of one region.  The macro keeps the calls in this file. */
#define MEASURE(body)                                                   \
    do {                                                                \
        alloc_count_reset();                                            \
        alloc_count_start();                                            \
        body;                                                           \
        alloc_count_stop();                                             \
        alloc_count_read(&c);                                           \
    } while (0)

static pthread_barrier_t go, done;

static void *thread_body(void *arg)
{
    pthread_barrier_wait(&go);
    for (int i = 0; i < 1000; i++) {
        void *p = malloc(24);

        bench_escape(p);
        free(p);
    }
    pthread_barrier_wait(&done);
    return arg;
}

/* exiting_body: 500 mallocs of 40 bytes, then the thread ends. */
static void *exiting_body(void *arg)
{
    pthread_barrier_wait(arg);
    for (int i = 0; i < 500; i++) {
        void *p = malloc(40);

        bench_escape(p);
        free(p);
    }
    return NULL;
}

int main(void)
{
    void *p, *q;
    char *s;

    if (!alloc_counting_available())
        return tap_skip_all("allocation hooks not in use (ASan or valgrind)");

    MEASURE((void)0);
    is_int(c.allocs, 0, "nothing: 0 allocs");
    is_int(c.bytes, 0, "nothing: 0 bytes");

    MEASURE(p = malloc(16); bench_escape(p); free(p));
    is_int(c.allocs, 1, "malloc(16): 1 alloc");
    is_int(c.bytes, 16, "malloc(16): 16 bytes");

    MEASURE(p = calloc(3, 40); bench_escape(p); free(p));
    is_int(c.allocs, 1, "calloc(3, 40): 1 alloc");
    is_int(c.bytes, 120, "calloc(3, 40): 120 bytes");

    /* A call that fails for real (no injection: the size cannot be served)
     * returns no block and counts nothing, neither the call nor its bytes. */
    {
        volatile size_t huge = (size_t)1 << 62;

        MEASURE(p = malloc(huge); bench_escape(p); free(p));
        ok(p == NULL, "malloc(2^62) fails for real");
        is_int(c.allocs, 0, "a failed malloc: 0 allocs");
        is_int(c.bytes, 0, "a failed malloc: 0 bytes");
        MEASURE(p = calloc(huge, 2); bench_escape(p); free(p));
        ok(p == NULL, "calloc(2^62, 2) fails for real");
        is_int(c.allocs, 0, "a failed calloc: 0 allocs");
        is_int(c.bytes, 0, "a failed calloc: 0 bytes");
    }

    p = malloc(8);
    MEASURE(q = realloc(p, 4000); bench_escape(q));
    free(q);
    is_int(c.allocs, 1, "realloc grows: 1 alloc");
    is_int(c.bytes, 4000, "realloc grows: 4000 bytes");

    MEASURE(p = aligned_alloc(64, 256); bench_escape(p); free(p));
    is_int(c.allocs, 1, "aligned_alloc(64, 256): 1 alloc");
    is_int(c.bytes, 256, "aligned_alloc: 256 bytes");
    ok(((uintptr_t)p & 63) == 0, "aligned_alloc: aligned");

    MEASURE(if (posix_memalign(&p, 128, 100) == 0) free(p));
    is_int(c.allocs, 1, "posix_memalign: 1 alloc");
    is_int(c.bytes, 100, "posix_memalign: 100 bytes");

    MEASURE(p = memalign(32, 48); bench_escape(p); free(p));
    is_int(c.bytes, 48, "memalign: 48 bytes");

    MEASURE(p = valloc(10); bench_escape(p); free(p));
    is_int(c.bytes, 10, "valloc: 10 bytes");

    MEASURE(p = reallocarray(NULL, 7, 9); bench_escape(p); free(p));
    is_int(c.allocs, 1, "reallocarray: 1 alloc");
    is_int(c.bytes, 63, "reallocarray: 63 bytes");

    MEASURE(s = strdup("hello, world"); bench_escape(s); free(s));
    is_int(c.allocs, 1, "strdup (inside libc): 1 alloc");
    is_int(c.bytes, 13, "strdup: 13 bytes");

    MEASURE(for (int i = 0; i < 3; i++) {
        p = malloc(10 + (size_t)i);
        bench_escape(p);
        free(p);
    });
    is_int(c.allocs, 3, "three mallocs: 3 allocs");
    is_int(c.bytes, 33, "three mallocs: 33 bytes");

    /* Counting off: nothing. */
    alloc_count_reset();
    p = malloc(100);
    bench_escape(p);
    free(p);
    alloc_count_read(&c);
    is_int(c.allocs, 0, "counting off: 0 allocs");

    /* Counts accumulate across start/stop pairs until reset. */
    alloc_count_reset();
    for (int i = 0; i < 2; i++) {
        alloc_count_start();
        p = malloc(5);
        bench_escape(p);
        alloc_count_stop();
        free(p);
    }
    alloc_count_read(&c);
    is_int(c.allocs, 2, "two start/stop pairs: 2 allocs");
    is_int(c.bytes, 10, "two start/stop pairs: 10 bytes");

    /* Two threads, 1000 mallocs of 24 bytes each, started before counting
     * and released by a barrier, so only their mallocs fall in the region. */
    {
        pthread_t t[2];

        pthread_barrier_init(&go, NULL, 3);
        pthread_barrier_init(&done, NULL, 3);
        for (int i = 0; i < 2; i++)
            pthread_create(&t[i], NULL, thread_body, &go);
        alloc_count_reset();
        alloc_count_start();
        pthread_barrier_wait(&go);
        pthread_barrier_wait(&done);
        alloc_count_stop();
        alloc_count_read(&c);
        for (int i = 0; i < 2; i++)
            pthread_join(t[i], NULL);
        is_int(c.allocs, 2000, "two threads: 2000 allocs");
        is_int(c.bytes, 48000, "two threads: 48000 bytes");

        /* The threads have exited: their counts were folded, not lost. */
        alloc_count_read(&c);
        is_int(c.allocs, 2000, "after exit: still 2000 allocs");
        pthread_barrier_destroy(&go);
        pthread_barrier_destroy(&done);
    }

    /* A thread that exits inside the region: its counts are folded at exit
     * (pthread key destructor), not lost. */
    {
        pthread_t t;

        pthread_barrier_init(&go, NULL, 2);
        pthread_create(&t, NULL, exiting_body, &go);
        alloc_count_reset();
        alloc_count_start();
        pthread_barrier_wait(&go);
        pthread_join(t, NULL);
        alloc_count_stop();
        alloc_count_read(&c);
        is_int(c.allocs, 500, "a thread exiting while counted: 500 allocs");
        is_int(c.bytes, 500 * 40, "a thread exiting while counted: 20000 bytes");
        pthread_barrier_destroy(&go);
    }

    return tap_done();
}
