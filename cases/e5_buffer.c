/*
 * e5_buffer.c -- E5, a buffer past Go's 64 KiB stack limit for make.
 *
 * Go:  func E5() byte { b := make([]byte, 65*1024); b[0] = 1; return b[0] }
 *      ./examples.go:39:11: make([]byte, 65 * 1024) escapes to heap
 * Go stack-allocates a make of constant size up to 64 KiB; one byte more
 * and it is a zeroed heap object.  Either way make zeroes the buffer.
 *
 * C:   /heap   malloc(65 KiB), zeroed with memset as make does, used, freed.
 *              1 alloc, 66560 B per op.
 *      /stack  a 64 KiB array on the stack, zeroed with memset.  0 allocs.
 *      /threshold=dynamic/size=4KiB..4MiB  and
 *      /threshold=fixed/size=4KiB..4MiB    the heap op over sizes across
 *              glibc's mmap threshold.  1 alloc of `size` bytes per op.
 * Expect /heap and /stack to cost about the same: the cost is the zeroing
 * of 64 KiB, not the allocation.
 *
 * The sweep: glibc serves requests of at least M_MMAP_THRESHOLD (128 KiB at
 * start-up) with a fresh mmap and returns them with munmap on free.  But the
 * first free of such a chunk raises the threshold to that chunk's size (and
 * the trim threshold to twice that), so in a long loop (`dynamic`, glibc's
 * default) every size here ends up served from the heap and costs its
 * zeroing.  `fixed` pins the threshold with mallopt(M_MMAP_THRESHOLD,
 * 128 KiB), as GLIBC_TUNABLES=glibc.malloc.mmap_threshold=131072 would: from
 * 128 KiB up every op pays mmap, a page fault per 4 KiB page touched by the
 * zeroing, and munmap (e5_pin says how, and why it trims the heap first).
 * mallopt is process-wide and cannot be undone (glibc never goes back to the
 * dynamic threshold), so threshold=fixed runs after threshold=dynamic, and a
 * dynamic leaf run after the pin is skipped; a fixed leaf says so
 * (bench_process_tainted), so that -shuffle and -ci, whose runs share
 * worker processes, keep the fixed leaves' runs in a worker of their own.  Under another allocator
 * (LD_PRELOAD) mallopt is glibc's and changes nothing.
 *
 * Why memset and not calloc: calloc skips the zeroing of a fresh mmapped
 * chunk (the kernel's pages are zero) and so would touch no page; Go's make
 * zeroes whatever it reuses, and a buffer one uses is touched anyway.  The
 * bench_escape between malloc and memset keeps gcc from fusing the two into
 * calloc.
 *
 * Each op then sets b[0] = 1 and returns b[0] + b[size/2] + b[size-1] (= 1),
 * and poisons b[size/2] and b[size-1] with 0xff for the next op: an op that
 * skipped the zeroing would see the poison (the next op gets the same stack
 * frame, and the same heap block once the threshold has settled).
 * Checksum: 1 per op, so n for every variant.
 *
 * Checked in the disassembly (gcc 12 -O2, objdump -d --no-show-raw-insn):
 * the heap op calls malloc, memset and free (no calloc); the stack op
 * reserves 64 KiB (sub rsp) and calls memset; both load b[size/2] and
 * b[size-1] after the memset (b[0] is known: just stored) and store the
 * poison before returning.
 */
#include <malloc.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cases.h"
#include "checksum.h"

#define E5_HEAP_SIZE (65 * 1024)        /* 1 KiB past Go's limit: the heap */
#define E5_STACK_SIZE (64 * 1024)       /* Go's limit for a stack make */
#define E5_PIN (128 * 1024)             /* glibc's initial mmap threshold */

/* e5_use is the op's use of the zeroed buffer b of size bytes: see the file
 * comment.  Returns 1 when the buffer was zero. */
static inline int e5_use(uint8_t *b, size_t size)
{
    int r;

    bench_escape(b);                    /* the bytes are read for real */
    b[0] = 1;
    r = b[0] + b[size / 2] + b[size - 1];
    b[size / 2] = 0xff;
    b[size - 1] = 0xff;
    bench_escape(b);                    /* the poison is not a dead store */
    return r;
}

/* e5_heap mallocs size bytes, zeroes and uses them, frees them.  Returns
 * e5_use's result, or -1 when malloc fails. */
static CASE_OPAQUE int e5_heap(size_t size)
{
    uint8_t *b = malloc(size);
    int r;

    if (b == NULL)
        return -1;
    bench_escape(b);                    /* no fusing into calloc */
    memset(b, 0, size);
    r = e5_use(b, size);
    free(b);
    return r;
}

/* e5_stack zeroes and uses a 64 KiB stack buffer. */
static CASE_OPAQUE int e5_stack(void)
{
    uint8_t b[E5_STACK_SIZE];

    memset(b, 0, sizeof b);
    return e5_use(b, sizeof b);
}

static void e5_heap_run(bench *b, size_t size)
{
    uint64_t sum = 0;

    for (int64_t i = 0; i < b->n; i++) {
        int r = e5_heap(size);

        if (r < 0)
            bench_fail(b, "out of memory");
        sum += (uint64_t)r;
    }
    checksum_check(b, sum, (uint64_t)b->n);
}

static void e5_heap_loop(bench *b)
{
    e5_heap_run(b, E5_HEAP_SIZE);
}

static void e5_stack_loop(bench *b)
{
    uint64_t sum = 0;

    for (int64_t i = 0; i < b->n; i++)
        sum += (uint64_t)e5_stack();
    checksum_check(b, sum, (uint64_t)b->n);
}

/* --- the sweep across the mmap threshold ------------------------------- */

static int e5_pinned;                   /* mallopt has pinned the threshold */

/* One leaf of the sweep. */
struct e5_point {
    size_t size;                        /* bytes per malloc */
    int fixed;                          /* pin the threshold first */
};

/* e5_pin puts glibc's malloc in the state GLIBC_TUNABLES=
 * glibc.malloc.mmap_threshold=131072 gives at start-up: the mmap threshold
 * pinned at 128 KiB, the trim threshold at its default 128 KiB, and the heap
 * top trimmed.  The trim matters: glibc consults the threshold only when the
 * top of the heap cannot serve a request, and after the dynamic sweep the
 * top holds megabytes, from which a 128 KiB request would be carved without
 * any mmap.  Returns 0, or -1 when mallopt refuses. */
static int e5_pin(void)
{
    if (mallopt(M_MMAP_THRESHOLD, E5_PIN) != 1 ||
        mallopt(M_TRIM_THRESHOLD, E5_PIN) != 1)
        return -1;
    e5_pinned = 1;
    malloc_trim(0);
    return 0;
}

static void e5_sweep_leaf(bench *b, void *arg)
{
    const struct e5_point *pt = arg;

    if (pt->fixed) {
        /* With -shuffle or -ci only fixed leaves share its process. */
        bench_process_tainted(b, "mallopt M_MMAP_THRESHOLD 131072");
        if (e5_pin() != 0)
            bench_fail(b, "mallopt(M_MMAP_THRESHOLD, %d) failed", E5_PIN);
    } else if (e5_pinned) {
        bench_skip(b, "the mmap threshold was pinned earlier in this process "
                   "(threshold=fixed) and cannot be made dynamic again");
    }
    bench_reset_timer(b);
    e5_heap_run(b, pt->size);
}

#define E5_SIZES 11                     /* 4 KiB, 8 KiB, ..., 4 MiB */

/* e5_sweep runs the leaves of one threshold mode, smallest size first. */
static void e5_sweep(bench *b, int fixed)
{
    static struct e5_point pts[2][E5_SIZES];
    char name[32];

    for (int k = 0; k < E5_SIZES; k++) {
        size_t kib = (size_t)4 << k;

        pts[fixed][k].size = kib * 1024;
        pts[fixed][k].fixed = fixed;
        if (kib >= 1024)
            snprintf(name, sizeof name, "size=%zuMiB", kib / 1024);
        else
            snprintf(name, sizeof name, "size=%zuKiB", kib);
        bench_run_arg(b, name, e5_sweep_leaf, &pts[fixed][k]);
    }
}

static void e5_dynamic(bench *b) { e5_sweep(b, 0); }
static void e5_fixed(bench *b) { e5_sweep(b, 1); }

void BenchmarkE5Buffer(bench *b)
{
    bench_run(b, "heap", e5_heap_loop);
    bench_run(b, "stack", e5_stack_loop);
    /* dynamic first: the pin cannot be undone (see the file comment) */
    bench_run(b, "threshold=dynamic", e5_dynamic);
    bench_run(b, "threshold=fixed", e5_fixed);
}
