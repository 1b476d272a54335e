/*
 * resyntax.h -- the check Go's regexp/syntax parser makes before it
 * compiles a regular expression (regexp.Compile, Perl flags), for the
 * patterns escstat (-filter's /re/) and escbench (-bench, -run, -list)
 * hand to POSIX regcomp.
 *
 * POSIX regcomp expands counted repetitions and knows no limits, so
 * "((a{1,200}){1,200}){1,200}" costs minutes and gigabytes there; Go
 * rejects it at once ("invalid repeat count").  resyntax_check rejects what
 * Go's parser rejects, with Go's message, so that what reaches regcomp is
 * bounded as Go bounds it:
 *
 *   - a repeat count over 1000, min > max, and nested counted repetitions
 *     whose product exceeds 1000 (parse.go: repeat, repeatIsValid);
 *   - stacked repetition operators "a**", "a{2}{3}" (Perl syntax);
 *   - a repetition with nothing to repeat, "unexpected )", "missing
 *     closing )", "missing closing ]", bad escapes, bad ranges, bad (?...)
 *     groups, invalid UTF-8, a trailing backslash;
 *   - a parse tree nested over 1000 deep ("expression nests too deeply",
 *     maxHeight) or compiling to over 128 MB of instructions ("expression
 *     too large", maxSize).  Height and size are counted on the tree as
 *     parsed, before Go's simplifications (literal-prefix factoring of
 *     alternations), so a pattern within a few levels of the height limit
 *     may be judged differently from Go.  Go computes sizes only when a
 *     cheap estimate (nodes allocated x product of all repeat counts)
 *     reaches the limit; here the size is always computed, so a pattern
 *     such as a 3354-letter literal repeated 1000 times, which Go lets
 *     through, is refused (POSIX regcomp would take seconds and over half
 *     a gigabyte for it).
 *
 * Not checked: the names in \pN and \p{Name} (POSIX has no Unicode
 * classes; see query.h for the RE2 syntax that is rewritten or not
 * supported).
 */
#ifndef ESCSTAT_RESYNTAX_H
#define ESCSTAT_RESYNTAX_H

#include <stdbool.h>

/* resyntax_check checks the NUL-terminated pattern re.  Returns 0 when Go
   accepts it; otherwise -1 with *msg set to Go's error text, e.g.
   "error parsing regexp: invalid repeat count: `{1,200}`" (malloc'd,
   caller frees; NULL when out of memory). */
int resyntax_check(const char *re, char **msg);

/* resyntax_posix returns re (a pattern resyntax_check accepts) in POSIX
   extended syntax, for regcomp with REG_EXTENDED, plus REG_ICASE when it
   sets *icase:
     - a leading "(?i)" is dropped and sets *icase;
     - RE2's \d \D \w \W \s \S become [0-9], [^0-9], [0-9A-Za-z_],
       [^0-9A-Za-z_], [[:space:]], [^[:space:]] (inside a class: 0-9,
       0-9A-Za-z_, [:space:]; the negated ones stay as they are there);
     - a '{' outside a class that does not open a counted repetition as
       Go's parser reads one ({n}, {n,}, {n,m}; digits without a leading
       zero) is a literal for Go, so it becomes "\{" (glibc's regcomp reads
       "{,n}", "{01}" as repetitions: "(x{,200}){1,822}", a literal
       repeated for Go, costs it gigabytes).
   Other RE2-only syntax (\pL, (?s), \b, ...) is left as it is.  Malloc'd
   (caller frees); NULL when out of memory. */
char *resyntax_posix(const char *re, bool *icase);

#endif
