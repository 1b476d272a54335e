/*
 * test_stats_resyntax.c -- Go's regexp/syntax checks (stats/resyntax.h):
 * for each pattern, accepted, or Go's exact error text (the texts are
 * those of regexp.Compile in Go 1.22, regexp/syntax parse.go).  The
 * limits are tested at the boundary: 1000 accepted, 1001 refused.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../tap.h"
#include "resyntax.h"

/* check: resyntax_check(re) gives want (NULL: accepted). */
static void check(const char *re, const char *want)
{
    char *msg = NULL;
    int rc = resyntax_check(re, &msg);
    if (want == NULL) {
        ok(rc == 0 && msg == NULL, "accepted: %.60s%s", re, msg ? msg : "");
    } else {
        ok(rc == -1, "refused: %.60s", re);
        is_str(msg ? msg : "(null)", want, "message for %.60s", re);
    }
    free(msg);
}

/* repeated: s n times, then tail (caller frees). */
static char *repeated(const char *head, const char *s, int n, const char *tail)
{
    size_t l = strlen(s);
    char *out = malloc(strlen(head) + l * (size_t)n + strlen(tail) + 1), *o = out;
    o = stpcpy(o, head);
    for (int i = 0; i < n; i++)
        o = stpcpy(o, s);
    strcpy(o, tail);
    return out;
}

/* posix: resyntax_posix(re) is want. */
static void posix(const char *re, const char *want)
{
    bool icase = true;
    char *got = resyntax_posix(re, &icase);
    is_str(got, want, "posix form of \"%s\"", re);
    ok(!icase, "no (?i): case matters");
    free(got);
}

int main(void)
{
    /* the POSIX form: a '{' Go reads as a literal is escaped; counted
       repetitions, classes and escapes stay as they are */
    posix("x{2}{,3}", "x{2}\\{,3}");
    posix("a{01}", "a\\{01}");
    posix("(x{,200}){1,822}", "(x\\{,200}){1,822}");
    posix("a{2}b{2,}c{2,3}", "a{2}b{2,}c{2,3}");
    posix("{", "\\{");
    posix("a{1,2", "a\\{1,2");
    posix("a{x}", "a\\{x}");
    posix("\\{,2}", "\\{,2}");
    posix("[{,]{2}", "[{,]{2}");
    posix("[]{]{,1}", "[]{]\\{,1}");
    posix("[^]{][[:alpha:]{]{", "[^]{][[:alpha:]{]\\{");
    posix("", "");
    /* RE2's shorthands, outside and inside classes; (?i) as a flag */
    posix("\\d+\\D\\w\\W\\s\\S\\.", "[0-9]+[^0-9][0-9A-Za-z_][^0-9A-Za-z_][[:space:]][^[:space:]]\\.");
    posix("\\W", "[^0-9A-Za-z_]");         /* the most a byte grows: 6.5 times */
    posix("\\W\\W\\W", "[^0-9A-Za-z_][^0-9A-Za-z_][^0-9A-Za-z_]");
    posix("[\\d\\w\\s\\D]", "[0-90-9A-Za-z_[:space:]\\D]");
    bool icase = false;
    char *p = resyntax_posix("(?i)sink\\d{,2}", &icase);
    is_str(p, "sink[0-9]\\{,2}", "posix form of a leading (?i): dropped");
    ok(icase, "a leading (?i): REG_ICASE");
    free(p);

    /* accepted */
    check("BenchmarkSink/size=[0-9]+", NULL);
    check("a{1000}", NULL);
    check("(a{30}){33}", NULL);                 /* 990 copies */
    check("(?:a{2}){500}", NULL);
    check("a*?", NULL);
    check("a{2}(?i)*", NULL);                   /* a flag group ends the repeat run */
    check("x{2}{,3}", NULL);                    /* "{,3}" is literal text */
    check("a{01}", NULL);                       /* leading zero: literal */
    check("(?P<n>a)(?<m>b)", NULL);
    check("[[:^alpha:]\\d\\pL\\p{Greek}]", NULL);
    check("\\Qa.b\\E*", NULL);
    check("\\x41\\x{10FFFF}\\101\\0\\a\\f\\t\\n\\r\\v\\.\\_", NULL);
    check("[]a]", NULL);
    check("^*$", NULL);
    check("", NULL);

    /* the catastrophic ones: counts and nested counts (repeat, repeatIsValid) */
    check("((a{1,200}){1,200}){1,200}", "error parsing regexp: invalid repeat count: `{1,200}`");
    check("a{1001}", "error parsing regexp: invalid repeat count: `{1001}`");
    check("a{2,1001}", "error parsing regexp: invalid repeat count: `{2,1001}`");
    check("a{1001,}", "error parsing regexp: invalid repeat count: `{1001,}`");
    check("a{5,4}", "error parsing regexp: invalid repeat count: `{5,4}`");
    check("a{100000000}", "error parsing regexp: invalid repeat count: `{100000000}`");
    check("(a{30}){34}", "error parsing regexp: invalid repeat count: `{34}`");
    check("(?:a{2}){501}", "error parsing regexp: invalid repeat count: `{501}`");
    check("(a{1000}){2}?", "error parsing regexp: invalid repeat count: `{2}?`");
    check("a{2}{3}", "error parsing regexp: invalid nested repetition operator: `{2}{3}`");
    check("a**", "error parsing regexp: invalid nested repetition operator: `**`");
    check("a*??", "error parsing regexp: invalid nested repetition operator: `*??`");

    /* structure */
    check(")", "error parsing regexp: unexpected ): `)`");
    check("a)b", "error parsing regexp: unexpected ): `a)b`");
    check("(a", "error parsing regexp: missing closing ): `(a`");
    check("*", "error parsing regexp: missing argument to repetition operator: `*`");
    check("a|+", "error parsing regexp: missing argument to repetition operator: `+`");
    check("(?:{2})", "error parsing regexp: missing argument to repetition operator: `{2}`");
    check("[a", "error parsing regexp: missing closing ]: `[a`");
    check("x[^", "error parsing regexp: missing closing ]: `[^`");
    check("[z-a]", "error parsing regexp: invalid character class range: `z-a`");
    check("[[:foo:]]", "error parsing regexp: invalid character class range: `[:foo:]`");
    check("\\p{", "error parsing regexp: invalid character class range: `\\p{`");
    check("\\q", "error parsing regexp: invalid escape sequence: `\\q`");
    check("\\C", "error parsing regexp: invalid escape sequence: `\\C`");
    check("\\8", "error parsing regexp: invalid escape sequence: `\\8`");
    check("\\1", "error parsing regexp: invalid escape sequence: `\\1`");
    check("\\x{110000}", "error parsing regexp: invalid escape sequence: `\\x{110000`");
    check("\\xZ1", "error parsing regexp: invalid escape sequence: `\\xZ1`");
    check("ab\\", "error parsing regexp: trailing backslash at end of expression: ``");
    check("(?x)", "error parsing regexp: invalid or unsupported Perl syntax: `(?x`");
    check("(?i-)", "error parsing regexp: invalid or unsupported Perl syntax: `(?i-)`");
    check("(?P<>a)", "error parsing regexp: invalid named capture: `(?P<>`");
    check("(?P<a-b>x)", "error parsing regexp: invalid named capture: `(?P<a-b>`");
    check("a\xff", "error parsing regexp: invalid UTF-8: `\xff`");

    /* nesting (maxHeight 1000): 999 capturing groups around a literal are a
       tree 1000 high; one more is too deep.  Unclosed groups are "missing
       closing )", however many. */
    char *s = repeated("", "(", 999, "a"), *t;
    t = repeated(s, ")", 999, "");
    check(t, NULL);
    free(s);
    free(t);
    s = repeated("", "(", 1000, "a");
    t = repeated(s, ")", 1000, "");
    char *want = malloc(strlen(t) + 64);
    sprintf(want, "error parsing regexp: expression nests too deeply: `%s`", t);
    check(t, want);
    free(want);
    free(t);
    free(s);
    s = repeated("", "(", 100000, "");
    want = malloc(strlen(s) + 64);
    sprintf(want, "error parsing regexp: missing closing ): `%s`", s);
    check(s, want);
    free(want);
    free(s);

    /* size (maxSize: 3355443 instructions of 40 bytes): 1000 copies of a
       capture of 3353 literals compile to 1000 x 3355, of 3354 to 1000 x
       3356.  (Go computes sizes only once its estimate, nodes x repeat
       product, reaches the limit, so it lets the second through; here the
       size is always computed: see resyntax.h.) */
    s = repeated("(", "a", 3353, "){1000}");
    check(s, NULL);
    free(s);
    s = repeated("(", "a", 3354, "){1000}");
    want = malloc(strlen(s) + 64);
    sprintf(want, "error parsing regexp: expression too large: `%s`", s);
    check(s, want);
    free(want);
    free(s);

    /* the check itself is linear: a megabyte of pattern in well under a
       second even under the sanitizers */
    s = repeated("", "(a|b)*c{2,7}[x-z]", 60000, "");
    struct timespec a, b;
    clock_gettime(CLOCK_MONOTONIC, &a);
    check(s, NULL);
    clock_gettime(CLOCK_MONOTONIC, &b);
    double sec = (double)(b.tv_sec - a.tv_sec) + (double)(b.tv_nsec - a.tv_nsec) / 1e9;
    ok(sec < 1.0, "1 MB pattern checked in %.3f s", sec);
    free(s);
    return tap_done();
}
