/*
 * utf8.h -- the two pieces of Go's unicode handling that benchstat's reader,
 * its query syntax and the runner's -bench patterns depend on: utf8.DecodeRune
 * and unicode.IsSpace.  Static inline, because the parser calls them per
 * byte of non-ASCII input.
 */
#ifndef ESCBASE_UTF8_H
#define ESCBASE_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* utf8_decode is Go's utf8.DecodeRune: the rune at s[0..n) (n >= 1) and its
 * length in *len; an invalid or truncated encoding gives U+FFFD, length 1. */
static inline uint32_t utf8_decode(const unsigned char *s, size_t n, size_t *len)
{
    unsigned c = s[0];
    uint32_t r, min;
    size_t need;

    *len = 1;
    if (c < 0x80)
        return c;
    if (c >= 0xC2 && c <= 0xDF) { need = 1; r = c & 0x1F; min = 0x80; }
    else if (c >= 0xE0 && c <= 0xEF) { need = 2; r = c & 0x0F; min = 0x800; }
    else if (c >= 0xF0 && c <= 0xF4) { need = 3; r = c & 0x07; min = 0x10000; }
    else return 0xFFFD;
    if (n < need + 1)
        return 0xFFFD;
    for (size_t i = 1; i <= need; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0xFFFD;
        r = (r << 6) | (s[i] & 0x3F);
    }
    if (r < min || r > 0x10FFFF || (r >= 0xD800 && r <= 0xDFFF))
        return 0xFFFD;
    *len = need + 1;
    return r;
}

/* utf8_is_space is Go's unicode.IsSpace. */
static inline bool utf8_is_space(uint32_t r)
{
    switch (r) {
    case '\t': case '\n': case '\v': case '\f': case '\r': case ' ':
    case 0x85: case 0xA0: case 0x1680: case 0x2028: case 0x2029:
    case 0x202F: case 0x205F: case 0x3000:
        return true;
    }
    return r >= 0x2000 && r <= 0x200A;
}

#endif
