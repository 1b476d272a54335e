/*
 * scanner.c -- read() into chunks of line records, on the caller's thread
 * or on a producer thread that fills a ring of chunks ahead of it; the
 * first block sniffed for UTF-16, binary data and Google Benchmark JSON.
 * See scanner.h.
 */
#include "scanner.h"
#include "gbjson.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

/* Read size; a line may add PARSE_MAX_LINE.  The fuzz build (make fuzz)
   sets it small, so that lines cross block boundaries and a run is cheap. */
#ifndef PARSE_BLOCK_SIZE
#define PARSE_BLOCK_SIZE (256u << 10)
#endif
#define BLOCK_SIZE PARSE_BLOCK_SIZE

#define RING_CHUNKS 4
/* Records per chunk: a block of average lines (Go prints ~100 bytes) fits
   easily; a block of many short lines takes several chunks. */
#define CHUNK_LINES (BLOCK_SIZE / 64 > 16 ? BLOCK_SIZE / 64 : 16)
/* A chunk's text: a block, plus room for the longest line carried over
   from the previous chunk, plus slack for 16-byte loads. */
#define CHUNK_TEXT (BLOCK_SIZE + PARSE_MAX_LINE + 1 + 64)

struct scanner {
    int fd;
    bool eof;                   /* read() returned 0 */
    bool failed;                /* read() failed with errno err */
    int err;
    bool sniffed;               /* the first block's encoding was checked */
    bool threaded;              /* a producer thread fills the ring */
    scan_prev prev;             /* the line before, for parse_fast_scan (within a chunk) */
    chunk ring[RING_CHUNKS];    /* ring[0] only when not threaded */
    size_t nring;               /* chunks allocated */
    /* thread: the producer owns head, the consumer tail; both under mu */
    pthread_t th;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    size_t head, tail;          /* chunks produced, chunks given back */
    bool stop;                  /* consumer gone: the producer quits */
    chunk *cur;                 /* the chunk the consumer has, or NULL */
};

/* find_eol: the first '\n' or NUL in [p, end), or end.  Sixteen bytes a
   step where SSE2 is there (every x86-64); bytes at or past end are never
   read. */
static inline const char *find_eol(const char *p, const char *end)
{
#ifdef __SSE2__
    const __m128i nl = _mm_set1_epi8('\n'), zero = _mm_setzero_si128();
    while (end - p >= 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)p);
        unsigned m = (unsigned)_mm_movemask_epi8(
            _mm_or_si128(_mm_cmpeq_epi8(v, nl), _mm_cmpeq_epi8(v, zero)));
        if (m)
            return p + __builtin_ctz(m);
        p += 16;
    }
#endif
    for (; p < end; p++)
        if (*p == '\n' || *p == '\0')
            return p;
    return end;
}

/* sniff: escstat's own check of the first block -- benchstat silently
   reads UTF-16 or binary input as nothing (golang/go#58576).  Returns
   SCAN_MORE when the block looks like text, else SCAN_UTF16 or SCAN_BINARY. */
static int sniff(const unsigned char *p, size_t n)
{
    if (n >= 2 && ((p[0] == 0xFF && p[1] == 0xFE) || (p[0] == 0xFE && p[1] == 0xFF)))
        return SCAN_UTF16;
    if (!memchr(p, 0, n))
        return SCAN_MORE;
    /* UTF-16 without a BOM: text with every other byte NUL and the bytes
       between them not (an all-NUL block is binary, not UTF-16) */
    size_t zeros[2] = { 0, 0 }, m = n < 4096 ? n : 4096;
    for (size_t i = 0; i < m; i++)
        if (p[i] == 0)
            zeros[i & 1]++;
    size_t half = m / 2;
    if (m >= 4 && ((zeros[1] * 10 >= half * 9 && zeros[0] * 10 <= half) ||
                   (zeros[0] * 10 >= half * 9 && zeros[1] * 10 <= half)))
        return SCAN_UTF16;
    return SCAN_BINARY;
}

/* read_some: one read() (EINTR retried) of at most want bytes into
   c->text after its len bytes.  Sets r->eof at the end of the input and
   r->failed (r->err) when read() fails; returns -1 then. */
static int read_some(scanner *r, chunk *c, size_t want)
{
    ssize_t got;
    do
        got = read(r->fd, c->text + c->len, want);
    while (got < 0 && errno == EINTR);
    if (got < 0) {
        r->failed = true;
        r->err = errno;
        return -1;
    }
    if (got == 0)
        r->eof = true;
    c->len += (size_t)got;
    return 0;
}

/* scan_lines: records for the complete lines of c->text from *pos on
   (advanced past them).  Returns 1 when the rest of the text is an
   unfinished line and more input may follow; else 0 with c->end set, or
   SCAN_MORE when the records ran out first. */
static int scan_lines(scanner *r, chunk *c, size_t *pos)
{
    const char *t = c->text, *end = c->text + c->len;
    size_t p = *pos;
    int rc = 0;
    scan_prev *prev = &r->prev;
    while (p < c->len) {
        if (c->nlines == CHUNK_LINES)
            goto out;
        const char *e = find_eol(t + p, end);
        size_t n = (size_t)(e - (t + p));
        if (e < end && *e == '\0') {
            c->end = SCAN_NUL;
            goto out;
        }
        if (n > PARSE_MAX_LINE) {
            c->end = SCAN_TOOLONG;
            goto out;
        }
        if (e == end && !r->eof) {
            if (r->failed)
                c->end = SCAN_READERR;   /* the unfinished line is lost */
            else
                rc = 1;
            goto out;
        }
        line_rec *L = &c->lines[c->nlines++];
        L->off = (uint32_t)p;
        p += e < end ? n + 1 : n;
        if (n > 0 && t[L->off + n - 1] == '\r')
            n--;
        L->len = (uint32_t)n;
        L->kind = n >= 9 && memcmp(t + L->off, "Benchmark", 9) == 0 &&
                          parse_fast_scan(t + L->off + 9, n - 9, &L->fl, prev) ? LINE_BENCH : LINE_PLAIN;
        if (L->kind == LINE_PLAIN)
            prev->name = NULL, prev->nv = 0;
    }
    if (r->eof)
        c->end = SCAN_EOF;
    else if (r->failed)
        c->end = SCAN_READERR;
    else
        rc = 1;
out:
    *pos = p;
    return rc;
}

/* produce: fill chunk c: first the carry (n bytes not yet scanned, which
   may lie in c itself), then read() up to a block, then the records.
   c->end says whether more follows; c->text[c->carry..c->len) is what the
   next chunk starts with. */
static void produce(scanner *r, chunk *c, const char *carry, size_t n)
{
    if (n && carry != c->text)
        memmove(c->text, carry, n);
    r->prev.name = NULL;        /* it may lie in text given back or moved */
    r->prev.nv = 0;
    c->len = n;
    c->nlines = 0;
    c->end = SCAN_MORE;
    while (!r->eof && !r->failed && c->len < BLOCK_SIZE)
        if (read_some(r, c, BLOCK_SIZE - c->len) < 0)
            break;
    if (!r->sniffed && c->len > 0) {
        r->sniffed = true;
        int s = sniff((const unsigned char *)c->text, c->len < BLOCK_SIZE ? c->len : BLOCK_SIZE);
        int js = s == SCAN_MORE ? gbjson_sniff(c->text, c->len) : 0;
        if (js == 1 || js == -1)
            s = SCAN_JSON;       /* the whole chunk goes to gbjson_start */
        if (s != SCAN_MORE) {
            c->end = s;
            c->carry = c->len;
            return;
        }
    }
    size_t pos = 0;
    while (scan_lines(r, c, &pos)) {
        if (c->nlines > 0)
            break;              /* the next chunk takes the unfinished line */
        /* no complete line yet: what is held is at most PARSE_MAX_LINE
           bytes, so a block more fits */
        read_some(r, c, CHUNK_TEXT - 64 - c->len);
    }
    c->carry = pos;
}

/* chunk_alloc: the buffers of one chunk; -1 when out of memory. */
static int chunk_alloc(chunk *c)
{
    c->text = calloc(1, CHUNK_TEXT);   /* the slack read past the end is defined */
    c->lines = malloc(CHUNK_LINES * sizeof *c->lines);
    if (!c->text || !c->lines) {
        free(c->text);
        free(c->lines);
        c->text = NULL;
        c->lines = NULL;
        return -1;
    }
    c->len = c->carry = c->nlines = 0;
    c->end = SCAN_MORE;
    return 0;
}

/* producer: the thread that fills the ring ahead of the consumer, until a
   chunk ends the input or the consumer stops it. */
static void *producer(void *arg)
{
    scanner *r = arg;
    const chunk *prev = NULL;
    for (;;) {
        pthread_mutex_lock(&r->mu);
        while (r->head - r->tail >= RING_CHUNKS && !r->stop)
            pthread_cond_wait(&r->cv, &r->mu);
        bool stop = r->stop;
        pthread_mutex_unlock(&r->mu);
        if (stop)
            break;
        /* ring[head] was given back (or never used); prev, the chunk
           before it, is not given back before this one is produced */
        chunk *c = &r->ring[r->head % RING_CHUNKS];
        if (prev)
            produce(r, c, prev->text + prev->carry, prev->len - prev->carry);
        else
            produce(r, c, NULL, 0);
        pthread_mutex_lock(&r->mu);
        r->head++;
        pthread_cond_broadcast(&r->cv);
        pthread_mutex_unlock(&r->mu);
        if (c->end != SCAN_MORE)
            break;
        prev = c;
    }
    return NULL;
}

/* scanner_start: see scanner.h. */
int scanner_start(scanner *r, bool threaded)
{
    if (chunk_alloc(&r->ring[0]) != 0)
        return -1;
    r->nring = 1;
    if (!threaded)
        return 0;
    for (; r->nring < RING_CHUNKS; r->nring++)
        if (chunk_alloc(&r->ring[r->nring]) != 0)
            return 0;           /* one chunk will do, without a thread */
    if (pthread_mutex_init(&r->mu, NULL) != 0)
        return 0;
    if (pthread_cond_init(&r->cv, NULL) != 0) {
        pthread_mutex_destroy(&r->mu);
        return 0;
    }
    if (pthread_create(&r->th, NULL, producer, r) != 0) {
        pthread_cond_destroy(&r->cv);
        pthread_mutex_destroy(&r->mu);
        return 0;
    }
    r->threaded = true;
    return 0;
}

/* scanner_free: see scanner.h. */
void scanner_free(scanner *r)
{
    if (!r)
        return;
    if (r->threaded) {
        pthread_mutex_lock(&r->mu);
        r->stop = true;
        pthread_cond_broadcast(&r->cv);
        pthread_mutex_unlock(&r->mu);
        pthread_join(r->th, NULL);
        pthread_cond_destroy(&r->cv);
        pthread_mutex_destroy(&r->mu);
    }
    for (size_t i = 0; i < r->nring; i++) {
        free(r->ring[i].text);
        free(r->ring[i].lines);
    }
    free(r);
}

/* scanner_next: see scanner.h. */
chunk *scanner_next(scanner *r)
{
    if (!r->threaded) {
        chunk *c = &r->ring[0];
        if (r->cur)
            produce(r, c, c->text + c->carry, c->len - c->carry);
        else
            produce(r, c, NULL, 0);
        r->cur = c;
        return c;
    }
    pthread_mutex_lock(&r->mu);
    if (r->cur) {
        r->tail++;              /* give it back */
        pthread_cond_broadcast(&r->cv);
    }
    while (r->head == r->tail)
        pthread_cond_wait(&r->cv, &r->mu);
    r->cur = &r->ring[r->tail % RING_CHUNKS];
    pthread_mutex_unlock(&r->mu);
    return r->cur;
}

/* scanner_new: see scanner.h. */
scanner *scanner_new(int fd)
{
    scanner *r = calloc(1, sizeof *r);
    if (r)
        r->fd = fd;
    return r;
}

/* scanner_started: see scanner.h. */
bool scanner_started(const scanner *r)
{
    return r->nring != 0;
}

/* scanner_errno: see scanner.h. */
int scanner_errno(const scanner *r)
{
    return r->err;
}
