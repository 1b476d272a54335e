/*
 * strbuf.h -- a growable byte buffer for text that is built piece by piece:
 * escplot's scripts, data files and labels, and whatever else formats text
 * of unknown length (after git's strbuf).
 *
 * A strbuf always holds a NUL-terminated string once anything was added.
 * Allocation failure is sticky: the buffer records it in `oom`, later
 * appends do nothing, and the caller checks strbuf_ok() once at the end.
 * The bytes belong to the strbuf until strbuf_detach() hands them over.
 */
#ifndef ESCBASE_STRBUF_H
#define ESCBASE_STRBUF_H

#include <stdbool.h>
#include <stddef.h>

typedef struct strbuf {
    char *s;                    /* the bytes, NUL-terminated; NULL when empty */
    size_t len;                 /* bytes used, not counting the NUL */
    size_t cap;                 /* bytes allocated */
    bool oom;                   /* an allocation failed */
} strbuf;

#define STRBUF_INIT { NULL, 0, 0, false }

/* strbuf_init makes an empty buffer (the same as STRBUF_INIT); it
 * allocates nothing. */
void strbuf_init(strbuf *b);

/* strbuf_release frees the bytes and leaves b empty and reusable, its
 * out-of-memory mark cleared. */
void strbuf_release(strbuf *b);

/* strbuf_add appends s[0..n) (which may hold NUL bytes).  The first
 * allocation is 64 bytes; capacity doubles from there.  When it cannot
 * grow, b keeps its contents and is marked out of memory. */
void strbuf_add(strbuf *b, const char *s, size_t n);

/* strbuf_adds appends the C string s. */
void strbuf_adds(strbuf *b, const char *s);

/* strbuf_addc appends the byte c. */
void strbuf_addc(strbuf *b, char c);

/* strbuf_printf appends printf-formatted text.  An encoding error of
 * vsnprintf appends nothing and does not mark b. */
void strbuf_printf(strbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* strbuf_reset empties the buffer, keeping its memory (and its
 * out-of-memory mark). */
void strbuf_reset(strbuf *b);

/* strbuf_str returns the contents: "" when nothing was added.  The string
 * is owned by b and valid until the next change to b. */
const char *strbuf_str(const strbuf *b);

/* strbuf_ok returns false when an allocation failed since the last init or
 * release. */
bool strbuf_ok(const strbuf *b);

/* strbuf_detach hands the bytes to the caller, who frees them, and leaves b
 * empty.  An empty buffer gives a fresh "" (allocated), so the result is
 * NULL only when out of memory (now or earlier: a marked buffer's bytes are
 * still returned when there are any). */
char *strbuf_detach(strbuf *b);

#endif
