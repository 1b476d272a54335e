/*
 * test_harness_match.c -- -bench selection level by level, as Go's
 * src/testing/match.go: split at '/' and '|' outside [] and (), unanchored
 * regexps per level, partial matches, rewritten and uniquified names.
 */
#include <stdlib.h>
#include <string.h>

#include "match.h"
#include "../tap.h"

/* sel returns "ok", "partial" or "no" for name under the pattern. */
static const char *sel(matcher *m, const char *parent, const char *sub, char *name, size_t size)
{
    bool ok, partial;
    char *full = match_full_name(m, parent, sub, &ok, &partial);

    snprintf(name, size, "%s", full ? full : "(null)");
    free(full);
    return !ok ? "no" : partial ? "partial" : "ok";
}

int main(void)
{
    char err[512], name[256];
    matcher *m;
    char *s;

    m = match_new("Sink/any", "-bench", err, sizeof err);
    ok(m != NULL, "Sink/any compiles");
    is_str(sel(m, NULL, "BenchmarkSink", name, sizeof name), "partial",
           "top level matches the first element only: a parent");
    is_str(name, "BenchmarkSink", "top-level names are kept as they are");
    is_str(sel(m, "BenchmarkSink", "any", name, sizeof name), "ok", "second level matches");
    is_str(name, "BenchmarkSink/any", "full name");
    is_str(sel(m, "BenchmarkSink", "typed", name, sizeof name), "no", "typed is not any");
    is_str(sel(m, "BenchmarkSink", "many", name, sizeof name), "ok", "unanchored: many has any");
    is_str(sel(m, NULL, "BenchmarkE1ReturnPointer", name, sizeof name), "no",
           "other top-level benchmark");
    is_str(sel(m, "BenchmarkSink/any", "deeper", name, sizeof name), "ok",
           "levels beyond the pattern match");
    match_free(m);

    m = match_new(".", "-bench", err, sizeof err);
    is_str(sel(m, NULL, "BenchmarkEmpty", name, sizeof name), "ok", ". selects everything");
    is_str(sel(m, "BenchmarkEmpty", "x", name, sizeof name), "ok", ". selects sub-benchmarks");
    match_free(m);

    m = match_new("", "-bench", err, sizeof err);
    is_str(sel(m, "BenchmarkA", "x", name, sizeof name), "ok", "empty pattern: all, never partial");
    match_free(m);

    /* Alternation at the top, each alternative its own levels. */
    m = match_new("Empty|Sink/typed", "-bench", err, sizeof err);
    is_str(sel(m, NULL, "BenchmarkEmpty", name, sizeof name), "ok", "first alternative");
    is_str(sel(m, NULL, "BenchmarkSink", name, sizeof name), "partial", "second alternative");
    is_str(sel(m, "BenchmarkSink", "typed", name, sizeof name), "ok", "second, level 2");
    is_str(sel(m, "BenchmarkSink", "any", name, sizeof name), "no", "second, level 2 no");
    match_free(m);

    /* '/' inside brackets or parentheses does not split. */
    m = match_new("Sink[/]any", "-bench", err, sizeof err);
    is_str(sel(m, NULL, "BenchmarkSink", name, sizeof name), "no", "[/] is one level");
    match_free(m);
    m = match_new("(Sink/any)", "-bench", err, sizeof err);
    is_str(sel(m, NULL, "BenchmarkSink", name, sizeof name), "no", "(a/b) is one level");
    match_free(m);

    /* Anchors apply per level. */
    m = match_new("^BenchmarkSink$/^any$", "-bench", err, sizeof err);
    is_str(sel(m, NULL, "BenchmarkSink", name, sizeof name), "partial", "anchored level 1");
    is_str(sel(m, "BenchmarkSink", "many", name, sizeof name), "no", "anchored level 2");
    is_str(sel(m, NULL, "BenchmarkSinkX", name, sizeof name), "no", "anchored level 1 no");
    match_free(m);

    /* Names: spaces become '_', duplicates get #01, #02. */
    m = match_new(".", "-bench", err, sizeof err);
    sel(m, "BenchmarkSub", "a", name, sizeof name);
    is_str(name, "BenchmarkSub/a", "first a");
    sel(m, "BenchmarkSub", "a", name, sizeof name);
    is_str(name, "BenchmarkSub/a#01", "second a");
    sel(m, "BenchmarkSub", "a", name, sizeof name);
    is_str(name, "BenchmarkSub/a#02", "third a");
    sel(m, "BenchmarkOther", "a", name, sizeof name);
    is_str(name, "BenchmarkOther/a", "per parent");
    sel(m, "BenchmarkSub", "with space\there", name, sizeof name);
    is_str(name, "BenchmarkSub/with_space_here", "white space rewritten");
    sel(m, "BenchmarkSub", "", name, sizeof name);
    is_str(name, "BenchmarkSub/#00", "empty name is #00");
    sel(m, "BenchmarkSub", "", name, sizeof name);
    is_str(name, "BenchmarkSub/#01", "second empty name is #01");
    /* An explicit "b#01" after two "b": Go skips to the next free number. */
    sel(m, "BenchmarkSub", "b", name, sizeof name);
    sel(m, "BenchmarkSub", "b#01", name, sizeof name);
    is_str(name, "BenchmarkSub/b#01", "explicit b#01 while free");
    sel(m, "BenchmarkSub", "b", name, sizeof name);
    is_str(name, "BenchmarkSub/b#02", "second b skips the taken b#01");
    match_free(m);

    s = match_rewrite("a\x01" "b\x7f" "c\a");
    is_str(s, "a\\x01b\\x7fc\\a", "unprintable bytes escaped as strconv.QuoteRune");
    free(s);
    s = match_rewrite("x\xc2\xa0y\xe2\x80\x83z");
    is_str(s, "x_y_z", "no-break space and em space are spaces");
    free(s);
    s = match_rewrite("caf\xc3\xa9");
    is_str(s, "caf\xc3\xa9", "printable UTF-8 kept");
    free(s);

    /* Bad patterns: Go's message shape. */
    m = match_new("Sink/(", "-bench", err, sizeof err);
    ok(m == NULL, "unbalanced ( is refused");
    ok(strncmp(err, "invalid regexp for element 1 of -bench (\"(\"): ",
               strlen("invalid regexp for element 1 of -bench (\"(\"): ")) == 0,
       "message names the element: %s", err);

    is_int(match_string("^BenchmarkS", "BenchmarkSink", err, sizeof err), 1, "-list matches");
    is_int(match_string("Sink/any", "BenchmarkSink", err, sizeof err), 0,
           "-list matches the whole name, not per level");
    is_int(match_string("[", "x", err, sizeof err), -1, "-list bad regexp");
    return tap_done();
}
