/*
 * numkey.h -- numbers in sub-benchmark names, for sweep charts: "size=4KiB",
 * "n=64", "/1M".  The suffixes are those of benchstat's @num order (benchproc
 * parseNum; docs/benchstat.md, Grouping): k K M G T P E Z Y are powers of
 * 1000, with an "i" (Ki Mi ...) powers of 1024, and an optional trailing b/B.
 * Unlike @num, which sorts by the first number anywhere in the value, a sweep
 * key must be a number and nothing else ("64KiB-stack" is not one).
 */
#ifndef ESCPLOT_NUMKEY_H
#define ESCPLOT_NUMKEY_H

#include <stdbool.h>
#include <stddef.h>

/* numkey_parse reads s[0..n) as  digits [. digits] [suffix [i]] [b|B]
   and stores its value in *v.  Returns false (and leaves *v alone) for
   anything else, including an empty string, a sign, an exponent or a
   second number.  "4KiB" = 4096, "1.5k" = 1500, "64" = 64, "2MB" = 2e6. */
bool numkey_parse(const char *s, size_t n, double *v);

#endif
