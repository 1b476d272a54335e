/*
 * parallel.c -- bench_run_parallel and bench_set_parallelism (bench.h):
 * Go's B.RunParallel and PB.Next (src/testing/benchmark.go), on a pool of
 * threads.
 *
 * Go starts parallelism * GOMAXPROCS goroutines per call; starting a thread
 * costs tens of microseconds and allocates (its TLS), so here the threads
 * are started once, with the timer and allocation counting paused, and
 * kept.  A call runs the body on the calling thread and on P - 1 pool
 * threads, which it wakes (a mutex and a condition variable, no
 * allocation), then waits until all are back.  Go's caller blocks in
 * wg.Wait while its P runs the goroutine it just made, with no wake-up of
 * an OS thread, so with P = 1 neither pays one; with P > 1 both wake P - 1.
 * The timer runs throughout, as Go's covers the goroutines' start and the
 * WaitGroup.  A pool thread never exits, so its allocation counters
 * (alloc.c counts per thread and sums at read) stay listed; a forked child
 * starts with no pool.
 */
#include <pthread.h>
#include <setjmp.h>
#include <stdatomic.h>
#include <stdlib.h>

#include "bench_int.h"
#include "parallel.h"

/* The job of one bench_run_parallel call, on the caller's stack. */
struct job {
    bench_pb_fn body;
    void *arg;
    uint64_t grain, bn;
    _Atomic uint64_t next;              /* Go's globalN */
};

static struct {
    pthread_mutex_t mu;
    pthread_cond_t wake, done;
    int nthreads;                       /* threads created */
    int ready;                          /* of those, ready for jobs */
    uint64_t gen;                       /* number of the current job */
    int want;                           /* threads in the current job */
    int running;                        /* of those, not yet back */
    struct job *job;
} pool = { PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, PTHREAD_COND_INITIALIZER,
           0, 0, 0, 0, 0, NULL };

static pthread_once_t atfork_once = PTHREAD_ONCE_INIT;

uint64_t par_grain(int64_t prev_n, int64_t prev_dur_ns)
{
    uint64_t grain = 0;

    /* Go: "Calculate grain size as number of iterations that take ~100µs". */
    if (prev_n > 0 && prev_dur_ns > 0)
        grain = UINT64_C(100000) * (uint64_t)prev_n / (uint64_t)prev_dur_ns;
    if (grain < 1)
        grain = 1;
    if (grain > 10000)
        grain = 10000;
    return grain;
}

bool bench_pb_take_(bench_pb *pb)
{
    /* Go's PB.Next with an empty cache. */
    uint64_t n = atomic_fetch_add_explicit((_Atomic uint64_t *)pb->next, pb->grain,
                                           memory_order_relaxed) + pb->grain;

    if (n <= pb->bn)
        pb->cache = pb->grain;
    else if (n < pb->bn + pb->grain)
        pb->cache = pb->bn + pb->grain - n;
    else
        return false;
    pb->cache--;
    return true;
}

/* run_body runs the job's body on this thread, until it returns or ends
 * itself with bench_fail or bench_skip. */
static void run_body(struct job *j)
{
    jmp_buf jb;
    bench_pb pb = { 0, j->grain, j->bn, (uint64_t *)&j->next };

    state_body_enter(&jb);
    if (setjmp(jb) == 0)
        j->body(&pb, j->arg);
    state_body_leave();
}

/* worker is pool thread number `id` (as a pointer): it sleeps until a job
 * wants it, runs the body, and says it is back. */
static void *worker(void *idp)
{
    int id = (int)(intptr_t)idp;
    uint64_t seen;
    void *volatile warm;

    /* The thread's first malloc sets up its allocator state (glibc: an
     * arena and a tcache), milliseconds on a loaded machine: done here,
     * while grow waits with the timer stopped, it is not the first op's. */
    warm = malloc(64);
    free(warm);
    pthread_mutex_lock(&pool.mu);
    seen = pool.gen;
    pool.ready++;
    pthread_cond_broadcast(&pool.done);
    pthread_mutex_unlock(&pool.mu);
    for (;;) {
        struct job *j;

        pthread_mutex_lock(&pool.mu);
        while (pool.gen == seen)
            pthread_cond_wait(&pool.wake, &pool.mu);
        seen = pool.gen;
        if (id >= pool.want) {
            pthread_mutex_unlock(&pool.mu);
            continue;
        }
        j = pool.job;
        pthread_mutex_unlock(&pool.mu);
        run_body(j);
        pthread_mutex_lock(&pool.mu);
        if (--pool.running == 0)
            pthread_cond_signal(&pool.done);
        pthread_mutex_unlock(&pool.mu);
    }
    return NULL;
}

/* after_fork: the child of a fork has none of the pool's threads. */
static void after_fork(void)
{
    pthread_mutex_init(&pool.mu, NULL);
    pthread_cond_init(&pool.wake, NULL);
    pthread_cond_init(&pool.done, NULL);
    state_after_fork();
    pool.nthreads = pool.ready = 0;
    pool.want = pool.running = 0;
    pool.job = NULL;
}

static void install_atfork(void)
{
    pthread_atfork(NULL, NULL, after_fork);
}

/* grow starts pool threads until there are `want` and waits until they are
 * ready; returns how many there are.  Threads are detached and sleep on
 * pool.wake between jobs, with a default thread's stack (ulimit -s). */
static int grow(int want)
{
    pthread_once(&atfork_once, install_atfork);
    while (pool.nthreads < want) {
        pthread_t t;
        pthread_attr_t a;
        int rc;

        pthread_attr_init(&a);
        pthread_attr_setdetachstate(&a, PTHREAD_CREATE_DETACHED);
        rc = pthread_create(&t, &a, worker, (void *)(intptr_t)pool.nthreads);
        pthread_attr_destroy(&a);
        if (rc != 0)
            break;
        pool.nthreads++;
    }
    pthread_mutex_lock(&pool.mu);
    while (pool.ready < pool.nthreads)
        pthread_cond_wait(&pool.done, &pool.mu);
    pthread_mutex_unlock(&pool.mu);
    return pool.nthreads;
}

void bench_set_parallelism(bench *b, int p)
{
    if (p >= 1)
        b->st->parallelism = p;
}

void bench_run_parallel(bench *b, bench_pb_fn body, void *arg)
{
    struct bench_state *s = b->st;
    struct job j;
    int procs = s->parallelism * s->ctx->procs, helpers = procs - 1;

    if (b->n <= 0)
        return;                         /* Go: nothing to do when probing */
    s->ran_parallel = true;
    if (pool.nthreads < helpers) {
        /* Starting threads is the harness's cost, not the benchmark's. */
        bool on = s->timer_on;
        if (on)
            bench_stop_timer(b);
        grow(helpers);
        if (on)
            bench_start_timer(b);
        if (pool.nthreads < helpers)
            bench_fail(b, "bench_run_parallel: cannot start %d threads (%d started)", helpers,
                       pool.nthreads);
    }
    j.body = body;
    j.arg = arg;
    j.grain = par_grain(s->prev_n, s->prev_dur_ns);
    j.bn = (uint64_t)b->n;
    atomic_init(&j.next, 0);

    if (helpers > 0) {
        pthread_mutex_lock(&pool.mu);
        pool.job = &j;
        pool.want = pool.running = helpers;
        pool.gen++;
        pthread_cond_broadcast(&pool.wake);
        pthread_mutex_unlock(&pool.mu);
    }
    run_body(&j);
    if (helpers > 0) {
        pthread_mutex_lock(&pool.mu);
        while (pool.running > 0)
            pthread_cond_wait(&pool.done, &pool.mu);
        pool.job = NULL;
        pthread_mutex_unlock(&pool.mu);
    }

    if (s->finished)
        longjmp(s->jb, 1);              /* a body failed or skipped */
    if (atomic_load(&j.next) <= (uint64_t)b->n)
        bench_fail(b, "RunParallel: body exited without pb.Next() == false");
}
