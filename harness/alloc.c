/*
 * alloc.c -- allocation accounting: the malloc family defined in the
 * executable, forwarding to the next definition (libc's, or a preloaded
 * jemalloc/mimalloc/tcmalloc) found with dlsym(RTLD_NEXT, ...).
 *
 * malloc, calloc, realloc and free are one-instruction trampolines,
 * `jmp *target`, so a call costs what a call through the PLT costs.  The
 * target is the real allocator while nothing is being counted; starting
 * counting, failure injection or site recording swaps in a counting or a
 * checking function.  Counting in the timed loop still costs a measurable
 * share of a malloc(16)+free loop (two thread-local adds against a few ns;
 * docs/alloc.md, "Counting does not distort time", has the figures), which
 * is why the runner counts in a separate pass (alloc_count_separate in
 * alloc.h).
 *
 * Under AddressSanitizer the interposition is compiled out (ASan owns the
 * malloc family); alloc_counting_available() then says false and the counts
 * stay zero.
 */
#include "alloc.h"
#include "allocsites.h"

#include <dlfcn.h>
#include <errno.h>
#include <malloc.h>
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#if defined(__SANITIZE_ADDRESS__)
#define ALLOC_NO_HOOKS 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(memory_sanitizer) || \
    __has_feature(thread_sanitizer)
#define ALLOC_NO_HOOKS 1
#endif
#endif

#define LIKELY(x)   __builtin_expect(!!(x), 1)
#define UNLIKELY(x) __builtin_expect(!!(x), 0)

/* --- Per-thread counters -------------------------------------------------
 * Each thread counts into its own TLS block (fs-relative adds, no lock
 * prefix, no shared cache line).  The block is linked into a global list the
 * first time the thread counts, so alloc_count_read can sum every thread; a
 * thread that exits folds its counts into `retired` (pthread key destructor)
 * and unlinks itself.  Only the owner writes its counters; others read them
 * with relaxed atomic loads (64-bit aligned: never torn). */
enum { TC_NEW = 0, TC_LISTED, TC_DEAD };

struct tcount {
    uint64_t allocs;                    /* successful allocation calls */
    uint64_t bytes;                     /* bytes requested by them */
    int state;                          /* TC_NEW, TC_LISTED or TC_DEAD */
    int in_hook;                        /* nested call from our own code */
    int fail_paused;                    /* alloc_fail_pause depth */
    struct tcount *prev, *next;         /* the list of live threads */
};

static __thread struct tcount tc;
static pthread_mutex_t tc_lock = PTHREAD_MUTEX_INITIALIZER;
static struct tcount *tc_head;          /* live threads that have counted */
static _Atomic uint64_t retired_allocs, retired_bytes;
static pthread_key_t tc_key;
static int tc_key_ok;
static struct alloc_counts count_base;  /* the sum at the last reset */

/* The mode word: what the hooks must do beyond forwarding. */
#define MODE_COUNT 1u                   /* count (alloc_count_start) */
#define MODE_FAIL  2u                   /* failure injection armed */
#define MODE_SITES 4u                   /* record sites (with MODE_COUNT) */
static _Atomic unsigned mode;
static pthread_mutex_t mode_lock = PTHREAD_MUTEX_INITIALIZER;
static _Atomic int count_enabled = 1;   /* alloc_count_enable */
static int count_inline;                /* ESCBENCH_ALLOC_INLINE=1 */

/* Failure injection state. */
static _Atomic uint64_t fail_countdown; /* calls left before the failure */
static _Atomic int fail_sticky;         /* every call after it fails too */
static _Atomic uint64_t fail_total;     /* calls failed by injection */

static void set_targets(void);

static inline unsigned mode_get(void)
{
    return atomic_load_explicit(&mode, memory_order_relaxed);
}

/* mode_update sets and clears bits of the mode and points the trampolines
 * at the functions the new mode needs. */
static void mode_update(unsigned set, unsigned clear)
{
    pthread_mutex_lock(&mode_lock);
    atomic_store(&mode, (atomic_load(&mode) & ~clear) | set);
    set_targets();
    pthread_mutex_unlock(&mode_lock);
}

static inline void relaxed_add(uint64_t *c, uint64_t v)
{
    /* A volatile store: the compiler may not merge or drop it, and readers
     * on other threads see whole values. */
    *(volatile uint64_t *)c = *c + v;
}

/* tc_exit runs when a thread that counted exits: its counts move to the
 * retired totals so they are not lost. */
static void tc_exit(void *arg)
{
    struct tcount *t = arg;

    pthread_mutex_lock(&tc_lock);
    atomic_fetch_add(&retired_allocs, t->allocs);
    atomic_fetch_add(&retired_bytes, t->bytes);
    __atomic_store_n(&t->allocs, 0, __ATOMIC_RELAXED);
    __atomic_store_n(&t->bytes, 0, __ATOMIC_RELAXED);
    if (t->prev)
        t->prev->next = t->next;
    else
        tc_head = t->next;
    if (t->next)
        t->next->prev = t->prev;
    t->prev = t->next = NULL;
    t->state = TC_DEAD;
    pthread_mutex_unlock(&tc_lock);
}

/* tc_register links this thread's counters into the list (once). */
__attribute__((noinline, cold)) static void tc_register(void)
{
    if (tc.state != TC_NEW)
        return;
    pthread_mutex_lock(&tc_lock);
    tc.prev = NULL;
    tc.next = tc_head;
    if (tc_head)
        tc_head->prev = &tc;
    tc_head = &tc;
    tc.state = TC_LISTED;
    pthread_mutex_unlock(&tc_lock);
    /* Keys below PTHREAD_KEY_2NDLEVEL_SIZE live in the thread descriptor:
     * pthread_setspecific does not allocate. */
    if (tc_key_ok)
        pthread_setspecific(tc_key, &tc);
}

/* count_fast: the counting fast path, for a thread already listed. */
static inline void count_fast(size_t n)
{
    relaxed_add(&tc.allocs, 1);
    relaxed_add(&tc.bytes, n);
}

/* count adds one allocation of n bytes to this thread's counters. */
static inline void count(size_t n)
{
    if (UNLIKELY(tc.state != TC_LISTED)) {
        if (tc.state == TC_NEW)
            tc_register();
        if (tc.state == TC_DEAD) {
            /* Allocating after its exit destructor ran: count shared. */
            atomic_fetch_add(&retired_allocs, 1);
            atomic_fetch_add(&retired_bytes, n);
            return;
        }
    }
    count_fast(n);
}

static void count_sum(struct alloc_counts *out)
{
    pthread_mutex_lock(&tc_lock);
    out->allocs = atomic_load(&retired_allocs);
    out->bytes = atomic_load(&retired_bytes);
    for (struct tcount *t = tc_head; t; t = t->next) {
        out->allocs += __atomic_load_n(&t->allocs, __ATOMIC_RELAXED);
        out->bytes += __atomic_load_n(&t->bytes, __ATOMIC_RELAXED);
    }
    pthread_mutex_unlock(&tc_lock);
}

void alloc_count_reset(void)
{
    /* Other threads' counters are never written from here: the base is
     * snapshotted instead, so a reset cannot race with an increment. */
    count_sum(&count_base);
    alloc_sites_clear_();
}

void alloc_count_start(void)
{
    if (!atomic_load(&count_enabled))
        return;
    /* Register the calling thread now, not on its first timed malloc. */
    if (tc.state == TC_NEW)
        tc_register();
    mode_update(MODE_COUNT, 0);
}

void alloc_count_stop(void)
{
    if (mode_get() & MODE_COUNT)
        mode_update(0, MODE_COUNT);
}

void alloc_count_read(struct alloc_counts *out)
{
    struct alloc_counts now;

    count_sum(&now);
    out->allocs = now.allocs - count_base.allocs;
    out->bytes = now.bytes - count_base.bytes;
}

bool alloc_count_separate(void)
{
    return !count_inline;
}

void alloc_count_enable(bool on)
{
    atomic_store(&count_enabled, on);
    if (!on)
        alloc_count_stop();
}

/* --- Failure injection --------------------------------------------------- */

void alloc_fail_at(uint64_t nth, bool sticky)
{
    pthread_mutex_lock(&mode_lock);
    atomic_store(&fail_sticky, sticky);
    atomic_store(&fail_countdown, nth);
    if (nth > 0)
        atomic_fetch_or(&mode, MODE_FAIL);
    else
        atomic_fetch_and(&mode, ~MODE_FAIL);
    set_targets();
    pthread_mutex_unlock(&mode_lock);
}

void alloc_fail_pause(bool on)
{
    if (on)
        tc.fail_paused++;
    else if (tc.fail_paused > 0)
        tc.fail_paused--;
}

uint64_t alloc_fail_count(void)
{
    return atomic_load(&fail_total);
}

/* fail_now decides whether this allocation call fails by injection; the
 * one-shot failure disarms injection. */
__attribute__((unused)) static bool fail_now(void)
{
    uint64_t left = atomic_load(&fail_countdown);

    for (;;) {
        if (left == 0)
            return false;
        if (left == 1) {
            if (atomic_load(&fail_sticky))
                break;
            if (atomic_compare_exchange_weak(&fail_countdown, &left, 0)) {
                mode_update(0, MODE_FAIL);
                break;
            }
            continue;
        }
        if (atomic_compare_exchange_weak(&fail_countdown, &left, left - 1))
            return false;
    }
    atomic_fetch_add(&fail_total, 1);
    return true;
}

/* read_env: ESCBENCH_FAIL_ALLOC=N[,sticky] and ESCBENCH_ALLOC_INLINE=1. */
static void read_env(void)
{
    const char *s;
    char *end;
    unsigned long long n;

    if ((s = getenv("ESCBENCH_ALLOC_INLINE")) && strcmp(s, "1") == 0)
        count_inline = 1;
    s = getenv("ESCBENCH_FAIL_ALLOC");
    if (!s || *s < '0' || *s > '9')     /* strtoull would take "-1", " 1" */
        return;
    errno = 0;
    n = strtoull(s, &end, 10);
    if (errno || end == s || (*end && strcmp(end, ",sticky") != 0))
        return;
    alloc_fail_at(n, *end != '\0');
}

/* --- Allocation sites (the table is in allocsites.c) -------------------- */

void alloc_sites_enable(bool on)
{
    if (on && alloc_counting_available() && alloc_sites_prepare_())
        mode_update(MODE_SITES, 0);
    else
        mode_update(0, MODE_SITES);
}

#ifndef ALLOC_NO_HOOKS

/* --- The real allocator -------------------------------------------------- */

typedef void *malloc_fn(size_t);
typedef void *calloc_fn(size_t, size_t);
typedef void *realloc_fn(void *, size_t);
typedef void free_fn(void *);
typedef int posix_memalign_fn(void **, size_t, size_t);
typedef void *aligned_alloc_fn(size_t, size_t);
typedef void *valloc_fn(size_t);
typedef size_t usable_fn(void *);

static malloc_fn boot_malloc, count_malloc, slow_malloc;
static calloc_fn boot_calloc, count_calloc, slow_calloc;
static realloc_fn boot_realloc, checked_realloc;
static free_fn boot_free, checked_free;

/* What the trampolines jump to.  They start at the boot functions, which
 * resolve the real allocator on the first call. */
__attribute__((used)) static malloc_fn *malloc_target = boot_malloc;
__attribute__((used)) static calloc_fn *calloc_target = boot_calloc;
__attribute__((used)) static realloc_fn *realloc_target = boot_realloc;
__attribute__((used)) static free_fn *free_target = boot_free;

static malloc_fn *real_malloc;
static calloc_fn *real_calloc;
static realloc_fn *real_realloc;
static free_fn *real_free;
static posix_memalign_fn *real_posix_memalign;
static aligned_alloc_fn *real_aligned_alloc; /* NULL: via posix_memalign */
static aligned_alloc_fn *real_memalign;
static valloc_fn *real_valloc;
static valloc_fn *real_pvalloc;
static usable_fn *real_usable;
static const char *real_object;         /* path of the object serving */
static _Atomic int resolved;           /* 0 no, 1 in progress, 2 done */

/* The trampolines.  A jump, not a call, so the target sees the caller's
 * return address (allocation sites) and the call costs one indirect jump,
 * as through the PLT. */
#if defined(__x86_64__)
#define TRAMPOLINE(name)                                                \
    __asm__(".text\n"                                                   \
            ".globl " #name "\n"                                        \
            ".type " #name ", @function\n"                              \
            ".p2align 4\n"                                              \
            #name ":\n"                                                 \
            "\tjmp *" #name "_target(%rip)\n"                           \
            ".size " #name ", .-" #name "\n")
TRAMPOLINE(malloc);
TRAMPOLINE(calloc);
TRAMPOLINE(realloc);
TRAMPOLINE(free);
#else
/* Elsewhere, C; gcc -O2 makes these tail jumps too (sites need that). */
void *malloc(size_t n) { return malloc_target(n); }
void *calloc(size_t k, size_t n) { return calloc_target(k, n); }
void *realloc(void *p, size_t n) { return realloc_target(p, n); }
void free(void *p) { free_target(p); }
#endif

/* The bootstrap arena serves what dlsym allocates while we resolve the real
 * functions (glibc 2.36 allocates nothing there, but others may).  Each
 * block is preceded by its size; blocks are never reused. */
static _Alignas(64) unsigned char arena[16384];
static size_t arena_used;
static __thread int resolving;          /* this thread is resolving */

static inline bool in_arena(const void *p)
{
    return (uintptr_t)p - (uintptr_t)arena < sizeof arena;
}

static void *arena_alloc(size_t n, size_t align)
{
    size_t off, hdr = 16;

    if (align < 16)
        align = 16;
    off = (arena_used + hdr + align - 1) / align * align;
    if (n > sizeof arena || off + n > sizeof arena) {
        errno = ENOMEM;
        return NULL;
    }
    memcpy(arena + off - sizeof(size_t), &n, sizeof n);
    arena_used = off + n;
    return arena + off;
}

static size_t arena_size(const void *p)
{
    size_t n;

    memcpy(&n, (const unsigned char *)p - sizeof n, sizeof n);
    return n;
}

/* set_targets points each trampoline at what the mode needs: the real
 * function when nothing is watched, the lean counting path when only
 * counting, the checking path otherwise.  Called with mode_lock held (or
 * single-threaded, at resolution). */
static void set_targets(void)
{
    unsigned m = atomic_load(&mode);
    bool arena_live = arena_used > 0;

    if (atomic_load(&resolved) != 2)
        return;
    __atomic_store_n(&malloc_target,
                     m == 0 ? real_malloc
                     : m == MODE_COUNT ? count_malloc : slow_malloc,
                     __ATOMIC_RELEASE);
    __atomic_store_n(&calloc_target,
                     m == 0 ? real_calloc
                     : m == MODE_COUNT ? count_calloc : slow_calloc,
                     __ATOMIC_RELEASE);
    __atomic_store_n(&realloc_target,
                     m == 0 && !arena_live ? real_realloc : checked_realloc,
                     __ATOMIC_RELEASE);
    __atomic_store_n(&free_target, arena_live ? checked_free : real_free,
                     __ATOMIC_RELEASE);
}

/* same_object: f is defined by the object that defines malloc, so a block
 * from one may be handed to the other. */
static bool same_object(void *f, const Dl_info *mi)
{
    Dl_info fi;

    return f && dladdr(f, &fi) && fi.dli_fbase == mi->dli_fbase;
}

/* resolve finds the next definition of each function.  A function the
 * serving allocator does not define (tcmalloc has no reallocarray, say) is
 * not taken from libc -- libc's would get the other allocator's blocks --
 * but built from posix_memalign or realloc. */
static void resolve(void)
{
    Dl_info mi;
    void *f;
    int expect = 0;

    if (LIKELY(atomic_load(&resolved) == 2) || resolving)
        return;
    /* One thread resolves (and alone uses the arena); any other waits. */
    if (!atomic_compare_exchange_strong(&resolved, &expect, 1)) {
        while (atomic_load(&resolved) != 2)
            sched_yield();
        return;
    }
    resolving = 1;
    f = dlsym(RTLD_NEXT, "malloc");
    if (!f || !dladdr(f, &mi)) {
        static const char msg[] = "escbench: alloc: cannot find malloc\n";
        (void)!write(2, msg, sizeof msg - 1);
        abort();
    }
    real_malloc = (malloc_fn *)f;
    real_object = mi.dli_fname;
    real_calloc = (calloc_fn *)dlsym(RTLD_NEXT, "calloc");
    real_realloc = (realloc_fn *)dlsym(RTLD_NEXT, "realloc");
    real_free = (free_fn *)dlsym(RTLD_NEXT, "free");
    real_posix_memalign =
        (posix_memalign_fn *)dlsym(RTLD_NEXT, "posix_memalign");
#define OPT(var, type, name)                                    \
    f = dlsym(RTLD_NEXT, name);                                 \
    var = same_object(f, &mi) ? (type *)f : NULL
    OPT(real_aligned_alloc, aligned_alloc_fn, "aligned_alloc");
    OPT(real_memalign, aligned_alloc_fn, "memalign");
    OPT(real_valloc, valloc_fn, "valloc");
    OPT(real_pvalloc, valloc_fn, "pvalloc");
    OPT(real_usable, usable_fn, "malloc_usable_size");
    /* For the tests of the arena (tests/alloc-preload.t): a failed lookup
     * makes dlsym allocate its error message, which the arena serves. */
    if (getenv("ESCBENCH_ALLOC_ARENA_TEST"))
        (void)dlsym(RTLD_NEXT, "escbench_alloc_no_such_symbol");
#undef OPT
    resolving = 0;
    atomic_store(&resolved, 2);
    set_targets();
}

/* The boot functions run until resolution: during it (dlsym allocating)
 * they serve from the arena, after it they forward through the
 * trampolines, which now point at the real targets. */
static void *boot_malloc(size_t n)
{
    if (resolving)
        return arena_alloc(n, 16);
    resolve();
    return malloc(n);
}

static void *boot_calloc(size_t k, size_t n)
{
    size_t t;

    if (resolving) {
        if (__builtin_mul_overflow(k, n, &t)) {
            errno = ENOMEM;
            return NULL;
        }
        return arena_alloc(t, 16);     /* static storage: already zero */
    }
    resolve();
    return calloc(k, n);
}

static void *boot_realloc(void *p, size_t n)
{
    if (resolving) {
        void *q = arena_alloc(n, 16);  /* p is NULL or an arena block */

        if (q && p)
            memcpy(q, p, arena_size(p) < n ? arena_size(p) : n);
        return q;
    }
    resolve();
    return realloc(p, n);
}

static void boot_free(void *p)
{
    if (!p || in_arena(p) || resolving)
        return;
    resolve();
    free(p);
}

/* --- Counting and checking paths ---------------------------------------- */

/* slow_before: failure injection for one allocation call; true = fail. */
static bool slow_before(unsigned m)
{
    if (tc.in_hook || tc.fail_paused)
        return false;
    if ((m & MODE_FAIL) && fail_now()) {
        errno = ENOMEM;
        return true;
    }
    return false;
}

/* slow_after: account for a successful allocation of n bytes made by the
 * call returning to ra. */
static void slow_after(unsigned m, size_t n, const void *ra)
{
    if (tc.in_hook)
        return;
    if (m & MODE_COUNT) {
        count(n);
        if (m & MODE_SITES) {
            tc.in_hook = 1;
            alloc_sites_note_(ra, n);
            tc.in_hook = 0;
        }
    }
}

/* note_result: the common tail of every checking hook. */
static inline void *note_result(void *p, unsigned m, size_t n, const void *ra)
{
    if (p && m)
        slow_after(m, n, ra);
    return p;
}

__attribute__((noinline)) static void *malloc_checked(size_t n,
                                                      const void *ra)
{
    unsigned m = mode_get();

    if (UNLIKELY(m) && slow_before(m))
        return NULL;
    return note_result(real_malloc(n), m, n, ra);
}

__attribute__((noinline)) static void *calloc_checked(size_t k, size_t n,
                                                      const void *ra)
{
    unsigned m = mode_get();
    size_t t;

    if (UNLIKELY(m) && slow_before(m))
        return NULL;
    if (__builtin_mul_overflow(k, n, &t))
        return real_calloc(k, n);       /* fails, uncounted */
    return note_result(real_calloc(k, n), m, t, ra);
}

/* count_malloc: counting only.  Counted after the call, and only when it
 * returned a block: a malloc that fails for real (not by injection) counts
 * nothing, as every other hook. */
static void *count_malloc(size_t n)
{
    void *p;

    if (UNLIKELY(tc.state != TC_LISTED))
        return malloc_checked(n, __builtin_return_address(0));
    p = real_malloc(n);
    if (LIKELY(p != NULL))
        count_fast(n);
    return p;
}

static void *slow_malloc(size_t n)
{
    return malloc_checked(n, __builtin_return_address(0));
}

static void *count_calloc(size_t k, size_t n)
{
    size_t t;

    void *p;

    if (UNLIKELY(tc.state != TC_LISTED || __builtin_mul_overflow(k, n, &t)))
        return calloc_checked(k, n, __builtin_return_address(0));
    p = real_calloc(k, n);
    if (LIKELY(p != NULL))
        count_fast(t);
    return p;
}

static void *slow_calloc(size_t k, size_t n)
{
    return calloc_checked(k, n, __builtin_return_address(0));
}

static void checked_free(void *p)
{
    if (UNLIKELY(in_arena(p)))
        return;
    real_free(p);
}

/* realloc_common: realloc with the caller's return address.  Counts a call
 * that returns a block (realloc(p, 0) that frees and returns NULL counts
 * nothing). */
static void *realloc_common(void *p, size_t n, const void *ra)
{
    unsigned m;

    if (UNLIKELY(in_arena(p))) {
        /* An arena block moves to the real allocator. */
        size_t old = arena_size(p);
        void *q = malloc(n);

        if (q)
            memcpy(q, p, old < n ? old : n);
        return q;
    }
    m = mode_get();
    if (LIKELY(!m))
        return real_realloc(p, n);
    if (slow_before(m))
        return NULL;
    return note_result(real_realloc(p, n), m, n, ra);
}

static void *checked_realloc(void *p, size_t n)
{
    return realloc_common(p, n, __builtin_return_address(0));
}

void *reallocarray(void *p, size_t k, size_t n)
{
    size_t t;

    /* Built on realloc: libc's reallocarray would call libc's realloc even
     * when another allocator owns p. */
    if (__builtin_mul_overflow(k, n, &t)) {
        errno = ENOMEM;
        return NULL;
    }
    resolve();
    if (UNLIKELY(resolving))
        return boot_realloc(p, t);
    return realloc_common(p, t, __builtin_return_address(0));
}

/* memalign_common: the aligned allocations, through f or, when the serving
 * allocator lacks f, through its posix_memalign. */
static void *memalign_common(aligned_alloc_fn *f, size_t align, size_t n,
                             const void *ra)
{
    unsigned m = mode_get();
    void *p = NULL;

    if (UNLIKELY(resolving))
        return arena_alloc(n, align);

    if (UNLIKELY(m) && slow_before(m))
        return NULL;
    if (f) {
        p = f(align, n);
    } else {
        int e = real_posix_memalign(&p, align, n);

        if (e) {
            errno = e;
            p = NULL;
        }
    }
    return note_result(p, m, n, ra);
}

int posix_memalign(void **out, size_t align, size_t n)
{
    unsigned m;
    void *p;
    int e;

    resolve();
    if (UNLIKELY(resolving))
        return (*out = arena_alloc(n, align)) ? 0 : ENOMEM;
    m = mode_get();
    if (UNLIKELY(m) && slow_before(m))
        return ENOMEM;
    e = real_posix_memalign(&p, align, n);
    if (e)
        return e;
    *out = note_result(p, m, n, __builtin_return_address(0));
    return 0;
}

void *aligned_alloc(size_t align, size_t n)
{
    resolve();
    return memalign_common(real_aligned_alloc, align, n,
                           __builtin_return_address(0));
}

void *memalign(size_t align, size_t n)
{
    resolve();
    return memalign_common(real_memalign, align, n,
                           __builtin_return_address(0));
}

void *valloc(size_t n)
{
    unsigned m;

    resolve();
    if (!real_valloc)
        return memalign_common(NULL, (size_t)sysconf(_SC_PAGESIZE), n,
                               __builtin_return_address(0));
    m = mode_get();
    if (UNLIKELY(m) && slow_before(m))
        return NULL;
    return note_result(real_valloc(n), m, n, __builtin_return_address(0));
}

void *pvalloc(size_t n)
{
    size_t pg = (size_t)sysconf(_SC_PAGESIZE), r;
    unsigned m;
    void *p;

    resolve();
    if (real_pvalloc) {
        m = mode_get();
        if (UNLIKELY(m) && slow_before(m))
            return NULL;
        return note_result(real_pvalloc(n), m, n,
                           __builtin_return_address(0));
    }
    /* pvalloc rounds the size up to whole pages (one page for 0). */
    if (__builtin_add_overflow(n, pg - 1, &r)) {
        errno = ENOMEM;
        return NULL;
    }
    r = r / pg * pg;
    if (r == 0)
        r = pg;
    if (UNLIKELY(resolving))
        return arena_alloc(r, pg);
    m = mode_get();
    if (UNLIKELY(m) && slow_before(m))
        return NULL;
    if (real_posix_memalign(&p, pg, r)) {
        errno = ENOMEM;
        return NULL;
    }
    return note_result(p, m, n, __builtin_return_address(0));
}

size_t malloc_usable_size(void *p)
{
    if (!p)
        return 0;
    if (in_arena(p))
        return arena_size(p);
    resolve();
    return real_usable ? real_usable(p) : 0;
}

/* alloc_counting_available asks the hooks once whether they are reached at
 * all: under valgrind (which redirects the malloc family of the executable
 * too) they are not, and every count would be 0. */
bool alloc_counting_available(void)
{
    static _Atomic int known;           /* 0 not yet, 1 reached, 2 not */
    struct alloc_counts a, b;
    void *p;

    if (atomic_load(&known))
        return atomic_load(&known) == 1;
    if (mode_get() & MODE_COUNT)
        return true;                    /* counting now: do not disturb */
    resolve();
    alloc_fail_pause(true);
    count_sum(&a);
    mode_update(MODE_COUNT, 0);
    p = malloc(1);
    __asm__ volatile("" : : "g"(p) : "memory");  /* not elided */
    mode_update(0, MODE_COUNT);
    count_sum(&b);
    free(p);
    alloc_fail_pause(false);
    /* The probe's allocation must not show in anyone's counts. */
    count_base.allocs += b.allocs - a.allocs;
    count_base.bytes += b.bytes - a.bytes;
    atomic_store(&known, b.allocs > a.allocs ? 1 : 2);
    return atomic_load(&known) == 1;
}

const char *alloc_allocator_name(void)
{
    static char name[256];
    const char *base, *pre;

    resolve();
    if (!alloc_counting_available())
        return "not seen: malloc is redirected (valgrind?), counts are 0";
    base = strrchr(real_object, '/');
    base = base ? base + 1 : real_object;
    if (strncmp(base, "libc.so", 7) == 0)
        return "glibc malloc";
    pre = getenv("LD_PRELOAD");
    snprintf(name, sizeof name, "%s%s", base,
             pre && strstr(pre, base) ? " (LD_PRELOAD)" : "");
    return name;
}

size_t alloc_bootstrap_bytes(void)
{
    resolve();
    return arena_used;
}

#else /* ALLOC_NO_HOOKS */

static void set_targets(void)
{
}

bool alloc_counting_available(void)
{
    return false;
}

const char *alloc_allocator_name(void)
{
    return "sanitizer malloc (allocation counting off)";
}

size_t alloc_bootstrap_bytes(void)
{
    return 0;
}

#endif

/* The locks are held across fork, so a child (the runner runs benchmarks
 * in children) never inherits one locked by a thread it does not have. */
static void fork_prepare(void)
{
    pthread_mutex_lock(&mode_lock);
    pthread_mutex_lock(&tc_lock);
}

static void fork_after(void)
{
    pthread_mutex_unlock(&tc_lock);
    pthread_mutex_unlock(&mode_lock);
}

/* alloc_init: the key that folds an exiting thread's counts, the fork
 * handlers, and what the environment asks for. */
__attribute__((constructor)) static void alloc_init(void)
{
    if (pthread_key_create(&tc_key, tc_exit) == 0)
        tc_key_ok = 1;
    pthread_atfork(fork_prepare, fork_after, fork_after);
    read_env();
}
