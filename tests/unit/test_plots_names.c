/*
 * test_plots_names.c -- escplot's label handling (plots/names.h) and
 * numeric sweep keys (plots/numkey.h): known answers.
 */
#include <stdlib.h>
#include <string.h>

#include "../tap.h"
#include "names.h"
#include "numkey.h"

static const char *display(const char *s, size_t n)
{
    static strbuf b = STRBUF_INIT;
    strbuf_reset(&b);
    names_display(s, n, &b);
    return strbuf_str(&b);
}

static const char *abbrev(const char *s, size_t max)
{
    static strbuf b = STRBUF_INIT;
    strbuf_reset(&b);
    names_abbrev(s, max, &b);
    return strbuf_str(&b);
}

static const char *slug(const char *s)
{
    static strbuf b = STRBUF_INIT;
    strbuf_reset(&b);
    names_slug(s, &b);
    return strbuf_str(&b);
}

static void family(const char *full, size_t want_base, const char *want_var)
{
    size_t base;
    strbuf v = STRBUF_INIT;
    names_family(full, &base, &v);
    is_int(base, want_base, "names_family(%s) base length", full);
    is_str(strbuf_str(&v), want_var, "names_family(%s) variant", full);
    strbuf_release(&v);
}

static void num(const char *s, int ok_want, double want)
{
    double v = -1;
    bool got = numkey_parse(s, strlen(s), &v);
    ok(got == ok_want, "numkey_parse(\"%s\") %s", s, ok_want ? "is a number" : "is not a number");
    if (ok_want)
        is_double(v, want, 0, "numkey_parse(\"%s\") = %.17g", s, want);
}

int main(void)
{
    /* display: printable UTF-8, visible escapes, U+FFFD for bad bytes */
    is_str(display("Sink/any-2", 10), "Sink/any-2", "plain name unchanged");
    is_str(display("a\nb\tc", 5), "a\\nb\\tc", "newline and tab made visible");
    is_str(display("x\001y\177", 4), "x\\x01y\\x7f", "control bytes as \\xHH");
    is_str(display("\xc2\xb5s", 3), "\xc2\xb5s", "valid UTF-8 (µs) kept");
    is_str(display("a\xffz", 3), "a\xef\xbf\xbdz", "invalid byte -> U+FFFD");
    is_str(display("\xc0\xaf", 2), "\xef\xbf\xbd\xef\xbf\xbd", "overlong '/' -> two U+FFFD");
    is_str(display("\xed\xa0\x80", 3), "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd",
           "UTF-16 surrogate rejected");
    is_str(display("\xe2\x82", 2), "\xef\xbf\xbd\xef\xbf\xbd", "truncated sequence rejected");
    is_int(names_width("\xc2\xb5s \xe2\x80\xa6"), 4, "width counts code points");

    /* abbreviation, step by step */
    is_str(abbrev("Sink/any", 8), "Sink/any", "fits: unchanged");
    is_str(abbrev("E5Buffer/threshold=dynamic/size=4KiB", 40),
           "E5Buffer/threshold=dynamic/size=4KiB", "36 <= 40: unchanged");
    is_str(abbrev("E5Buffer/threshold=dynamic/size=4KiB", 30), "E5Buffer/dynamic/4KiB",
           "step 2: keys dropped");
    is_str(abbrev("VeryLongBenchmarkFamilyName/implementation=interface-boxed", 24),
           "Very\xe2\x80\xa6" "ame/interface-boxed", "step 3: the widest part cut in the middle");
    is_str(abbrev("VeryLongBenchmarkFamilyName/implementation=interface-boxed/payload=small", 24),
           "Ver\xe2\x80\xa6" "ame/inter\xe2\x80\xa6" "oxed/small", "step 3 on two parts");
    is_str(abbrev("AAAAAAAAAAAA/BBBBBBBBBBBB/CCCCCCCCCCCC/DDDDDDDDDDDD", 20),
           "AAAAAAAAAA\xe2\x80\xa6" "DDDDDDDDD", "step 4: one ellipsis for the whole name");
    is_int(names_width(abbrev("VeryLongBenchmarkFamilyName/implementation=interface-boxed", 24)),
           24, "step 3 result is exactly max wide");
    is_str(abbrev("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", 12), "ABCDEF\xe2\x80\xa6" "56789",
           "no parts: whole name cut");
    /* a cut never splits a UTF-8 sequence */
    const char *mu = abbrev("\xc2\xb5\xc2\xb5\xc2\xb5\xc2\xb5\xc2\xb5\xc2\xb5\xc2\xb5\xc2\xb5"
                            "\xc2\xb5\xc2\xb5", 8);
    is_str(mu, "\xc2\xb5\xc2\xb5\xc2\xb5\xc2\xb5\xe2\x80\xa6\xc2\xb5\xc2\xb5\xc2\xb5",
           "cut between code points");
    is_str(abbrev("a\nb", 8), "a\\nb", "abbrev shows the display form");
    strbuf v = STRBUF_INIT;
    names_abbrev_variant("implementation=interface-boxed/payload=small", 24, &v);
    is_str(strbuf_str(&v), "interface-boxed/small", "a variant's first part loses its key too");
    strbuf_reset(&v);
    names_abbrev("implementation=interface-boxed/payload=small", 24, &v);
    is_str(strbuf_str(&v), "implement\xe2\x80\xa6" "ce-boxed/small", "a full name's base keeps its '='");
    strbuf_release(&v);

    /* distinct results for distinct names */
    const char *names[] = { "Family/variant-one-long-name", "Family/variant-two-long-name",
                            "Other" };
    strbuf out[3] = { STRBUF_INIT, STRBUF_INIT, STRBUF_INIT };
    names_abbrev_all(names, 3, 14, false, out);
    ok(strcmp(strbuf_str(&out[0]), strbuf_str(&out[1])) != 0, "colliding abbreviations made distinct");
    is_str(strbuf_str(&out[0]), "Famil\xe2\x80\xa6" "-name #1", "first collision gets #1");
    is_str(strbuf_str(&out[1]), "Famil\xe2\x80\xa6" "-name #2", "second collision gets #2");
    is_int(names_width(strbuf_str(&out[1])), 14, "numbered label still max wide");
    is_str(strbuf_str(&out[2]), "Other", "non-colliding name untouched");
    for (int i = 0; i < 3; i++)
        strbuf_release(&out[i]);

    /* slugs: safe file names */
    is_str(slug("Sink"), "Sink", "slug of a plain name");
    is_str(slug("`touch${IFS}x`/a"), "_touch_IFS_x_a", "slug drops shell characters");
    is_str(slug("../../etc/passwd"), "_etc_passwd", "slug cannot climb directories");
    is_str(slug("-rf"), "_rf", "slug never starts with '-'");
    is_str(slug(""), "x", "empty slug is x");
    is_int(strlen(slug("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")),
           64, "slug at most 64 bytes");

    /* families */
    family("Sink/any-2", 4, "any");
    family("E5Buffer/threshold=dynamic/size=4KiB-2", 8, "threshold=dynamic/size=4KiB");
    family("Empty-8", 5, "");
    family("Foo-bar", 7, "");

    /* numeric keys */
    num("64", 1, 64);
    num("4KiB", 1, 4096);
    num("4MiB", 1, 4194304);
    num("1.5k", 1, 1500);
    num("2MB", 1, 2e6);
    num("0.3", 1, 0.3);
    num("1Gi", 1, 1073741824);
    num("8b", 1, 8);
    num("", 0, 0);
    num("64KiB-stack", 0, 0);
    num("-4", 0, 0);
    num("1e6", 0, 0);
    num("KiB", 0, 0);
    num("1.2.3", 0, 0);
    num("dynamic", 0, 0);
    return tap_done();
}
