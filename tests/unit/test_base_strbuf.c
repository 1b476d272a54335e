/*
 * test_base_strbuf.c -- base/strbuf.h: contents, growth (64 bytes, then
 * doubling), the sticky out-of-memory mark, detach and reset.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../tap.h"
#include "strbuf.h"

int main(void)
{
    strbuf b = STRBUF_INIT;
    is_str(strbuf_str(&b), "", "empty: \"\"");
    ok(b.s == NULL && b.cap == 0, "STRBUF_INIT allocates nothing");
    ok(strbuf_ok(&b), "empty: ok");

    strbuf_adds(&b, "abc");
    strbuf_addc(&b, '-');
    strbuf_add(&b, "xyz", 2);
    strbuf_printf(&b, "%d/%s", 42, "q");
    is_str(strbuf_str(&b), "abc-xy42/q", "adds, addc, add, printf append in order");
    is_int(b.len, 10, "len counts the bytes");
    is_int(b.cap, 64, "first allocation: 64 bytes");

    char big[300];
    memset(big, 'a', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    strbuf_reset(&b);
    is_str(strbuf_str(&b), "", "reset empties");
    is_int(b.cap, 64, "reset keeps the memory");
    strbuf_printf(&b, "<%s>", big);
    is_int(b.len, 301, "printf longer than its 256-byte scratch");
    ok(b.s[0] == '<' && b.s[300] == '>' && b.s[301] == '\0' && b.s[150] == 'a',
       "printf's long text is all there");
    is_int(b.cap, 512, "64 doubled until 302 bytes fit: 512");

    strbuf_reset(&b);
    strbuf_add(&b, "a\0b", 3);
    is_int(b.len, 3, "add keeps NUL bytes");
    ok(memcmp(b.s, "a\0b", 4) == 0, "and terminates after them");

    char *d = strbuf_detach(&b);
    ok(d && memcmp(d, "a\0b", 4) == 0, "detach hands the bytes over");
    ok(b.s == NULL && b.len == 0 && b.cap == 0, "detach leaves the buffer empty");
    free(d);
    d = strbuf_detach(&b);
    is_str(d, "", "detach of an empty buffer: an allocated \"\"");
    free(d);

    /* out of memory, by asking for more than a size_t holds */
    strbuf_adds(&b, "kept");
    strbuf_add(&b, "x", SIZE_MAX);
    ok(!strbuf_ok(&b), "an impossible size marks the buffer");
    is_str(strbuf_str(&b), "kept", "and leaves the contents");
    strbuf_adds(&b, "more");
    strbuf_printf(&b, "%d", 1);
    is_str(strbuf_str(&b), "kept", "the mark is sticky: later appends do nothing");
    strbuf_reset(&b);
    ok(!strbuf_ok(&b), "reset keeps the mark");
    strbuf_release(&b);
    ok(strbuf_ok(&b) && b.s == NULL, "release clears it and frees");
    strbuf_adds(&b, "again");
    is_str(strbuf_str(&b), "again", "usable after release");
    strbuf_release(&b);

    strbuf c;
    strbuf_init(&c);
    ok(c.s == NULL && c.len == 0 && c.cap == 0 && !c.oom, "strbuf_init: as STRBUF_INIT");
    return tap_done();
}
