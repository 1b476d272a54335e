/*
 * buf.h -- a growable byte buffer for escplot's scripts, data files and
 * labels (after git's strbuf).
 *
 * A buf always holds a NUL-terminated string once anything was added.
 * Allocation failure is sticky: the buffer records it in `oom`, later
 * appends do nothing, and the caller checks buf_ok() once at the end.
 */
#ifndef ESCPLOT_BUF_H
#define ESCPLOT_BUF_H

#include <stdbool.h>
#include <stddef.h>

typedef struct buf {
    char *s;                    /* the bytes, NUL-terminated; NULL when empty */
    size_t len;                 /* bytes used, not counting the NUL */
    size_t cap;                 /* bytes allocated */
    bool oom;                   /* an allocation failed */
} buf;

#define BUF_INIT { NULL, 0, 0, false }

/* buf_init makes an empty buffer; buf_release frees its bytes and leaves
   it empty and reusable. */
void buf_init(buf *b);
void buf_release(buf *b);

/* buf_add appends s[0..n); buf_adds appends a C string; buf_addc one
   byte; buf_printf formatted text. */
void buf_add(buf *b, const char *s, size_t n);
void buf_adds(buf *b, const char *s);
void buf_addc(buf *b, char c);
void buf_printf(buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* buf_reset empties the buffer, keeping its memory. */
void buf_reset(buf *b);

/* buf_str: the contents ("" when nothing was added; owned by b). */
const char *buf_str(const buf *b);

/* buf_ok: false when an allocation failed since init. */
bool buf_ok(const buf *b);

/* buf_detach hands the bytes to the caller (caller frees; never NULL
   unless out of memory) and leaves b empty. */
char *buf_detach(buf *b);

#endif
