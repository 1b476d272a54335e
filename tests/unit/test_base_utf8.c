/*
 * test_base_utf8.c -- base/utf8.h against Go's utf8.DecodeRune and
 * unicode.IsSpace: valid sequences of each length, and each kind of
 * invalid one giving U+FFFD of length 1.
 */
#include <stdint.h>

#include "../tap.h"
#include "utf8.h"

static void dec(const char *s, size_t n, uint32_t want, size_t want_len, const char *what)
{
    size_t len = 99;
    uint32_t r = utf8_decode((const unsigned char *)s, n, &len);
    ok(r == want && len == want_len, "%s: U+%04X, %zu byte(s)", what, want, want_len);
    if (r != want || len != want_len)
        tap_diag("got U+%04X, %zu", r, len);
}

int main(void)
{
    dec("A", 1, 'A', 1, "ASCII");
    dec("\xc3\xa9x", 3, 0xE9, 2, "2 bytes (e acute)");
    dec("\xe2\x82\xac", 3, 0x20AC, 3, "3 bytes (euro sign)");
    dec("\xf0\x9f\x98\x80", 4, 0x1F600, 4, "4 bytes (emoji)");
    dec("\xf4\x8f\xbf\xbf", 4, 0x10FFFF, 4, "the last code point");
    dec("\x80", 1, 0xFFFD, 1, "a lone continuation byte");
    dec("\xc0\x80", 2, 0xFFFD, 1, "C0: never valid");
    dec("\xc1\xbf", 2, 0xFFFD, 1, "C1: never valid");
    dec("\xe0\x80\x80", 3, 0xFFFD, 1, "an overlong 3-byte NUL");
    dec("\xed\xa0\x80", 3, 0xFFFD, 1, "a surrogate (U+D800)");
    dec("\xf4\x90\x80\x80", 4, 0xFFFD, 1, "above U+10FFFF");
    dec("\xf5\x80\x80\x80", 4, 0xFFFD, 1, "F5: never valid");
    dec("\xe2\x82\xac", 2, 0xFFFD, 1, "cut short by n");
    dec("\xe2\x82", 3, 0xFFFD, 1, "a NUL where a continuation should be");
    dec("\xe2\x28\xa1", 3, 0xFFFD, 1, "a bad 2nd byte");

    static const uint32_t spaces[] = { '\t', '\n', '\v', '\f', '\r', ' ', 0x85, 0xA0, 0x1680,
                                       0x2000, 0x2005, 0x200A, 0x2028, 0x2029, 0x202F,
                                       0x205F, 0x3000 };
    static const uint32_t others[] = { 0, 'a', 0x1C, 0x1F, 0x7F, 0x84, 0x86, 0x9F, 0x180E,
                                       0x200B, 0x1FFF, 0x2027, 0x202A, 0x205E, 0xFEFF,
                                       0xFFFD };
    int good = 1;
    for (size_t i = 0; i < sizeof spaces / sizeof spaces[0]; i++)
        good &= utf8_is_space(spaces[i]);
    ok(good, "17 of the 25 runes unicode.IsSpace accepts, the edges of its ranges among them");
    good = 1;
    for (size_t i = 0; i < sizeof others / sizeof others[0]; i++)
        good &= !utf8_is_space(others[i]);
    ok(good, "its neighbours and the zero-width ones are not");
    return tap_done();
}
