/*
 * match.h -- which benchmarks -bench selects, and their full names.
 *
 * Go's matcher (src/testing/match.go): the pattern is split at each '/' and
 * '|' that is outside brackets and parentheses; element i is matched
 * (unanchored) against level i of the slash-separated name, so -bench
 * 'Sink/any' runs every benchmark matching Sink and, under it, only the
 * sub-benchmarks matching any.  A name with fewer levels than the pattern is
 * a partial match: the benchmark runs as a parent (to reach its
 * sub-benchmarks) but is not measured.  Sub-benchmark names are rewritten
 * (white space becomes '_', unprintable characters are escaped) and made
 * unique per parent ("x", "x#01", "x#02").  The patterns are POSIX extended
 * regular expressions (regcomp), not Go's RE2: classes such as \d are not
 * available, [0-9] is.
 */
#ifndef ESCBENCH_MATCH_H
#define ESCBENCH_MATCH_H

#include <stdbool.h>
#include <stddef.h>

typedef struct matcher matcher;

/* match_new compiles `patterns` for the flag named `flag` (for messages).
 * An empty pattern matches everything.  Returns a new matcher (release with
 * match_free), or NULL with a message in err ("invalid regexp for element 0
 * of -bench ("("): ...") or on allocation failure. */
matcher *match_new(const char *patterns, const char *flag, char *err, size_t errsz);
void match_free(matcher *m);

/* match_full_name returns the full name of the benchmark `sub` run by the
 * benchmark named `parent` (NULL for a top-level benchmark, whose name is
 * used as given), made unique among the names seen so far, and sets *ok
 * when the filter selects it and *partial when it matched only the first
 * levels of the pattern.  Caller owns the returned string (NULL when out of
 * memory, here or in regexec). */
char *match_full_name(matcher *m, const char *parent, const char *sub,
                      bool *ok, bool *partial);

/* match_top is match_full_name for a top-level name, without allocating:
 * 1 when the filter selects it (*partial: only its first levels), 0 when
 * not, -1 when regexec ran out of memory. */
int match_top(const matcher *m, const char *name, bool *partial);

/* match_forget empties the record of names handed out, so the same
 * sub-benchmarks run again get the same names (Go's clearSubNames). */
void match_forget(matcher *m);

/* match_string reports whether the single regexp `pattern` matches s
 * anywhere (for -list, which Go matches against the whole name).  Returns
 * 1, 0, or -1 with a message in err when the pattern does not compile. */
int match_string(const char *pattern, const char *s, char *err, size_t errsz);

/* match_rewrite returns s with white space turned into '_' and unprintable
 * characters escaped as Go's strconv.QuoteRune would ("\x01").  Caller
 * owns the result (NULL when out of memory). */
char *match_rewrite(const char *s);

#endif
