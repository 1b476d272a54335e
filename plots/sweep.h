/*
 * sweep.h -- finding parameter sweeps in benchmark names: a family
 * (top-level benchmark) whose sub-benchmarks carry a numeric key, such as
 * E5Buffer/threshold=dynamic/size=4KiB ... size=4MiB or E4MakeN/n=8 ...
 * n=4096 (numbers as numkey.h reads them).
 */
#ifndef ESCPLOT_SWEEP_H
#define ESCPLOT_SWEEP_H

#include <stdbool.h>
#include <stddef.h>

#include "dataset.h"

/* The least number of distinct key values that make a sweep. */
enum { SWEEP_MIN_VALUES = 3 };

/* A sweep key of a family. */
typedef struct sweep_key {
    char key[64];               /* "size", or "" for a positional part */
    int pos;                    /* part number (0-based, GOMAXPROCS
                                   suffix not counted) for positional keys,
                                   -1 for key=value */
    size_t nvalues;             /* distinct values */
} sweep_key;

/* sweep_find looks at the benchmarks of family fam (base name) and
   returns true with *k set when one of their parts is a numeric key with
   at least SWEEP_MIN_VALUES distinct values (the one with most values
   wins; the earlier one on a tie). */
bool sweep_find(const dataset *ds, const char *fam, sweep_key *k);

/* sweep_find_in is sweep_find on the family's benchmarks given as their
   indices members[0..n) (all of one family, in dataset order): what
   sweep_find does after finding them. */
bool sweep_find_in(const dataset *ds, const size_t *members, size_t n, sweep_key *k);

/* sweep_value finds key k in the full benchmark name and returns true
   with its number in *v and its text (pointer into name, length *n).
   *rest receives the other sub-benchmark parts joined by '/', without the
   GOMAXPROCS suffix (the series label; "" when none). */
bool sweep_value(const char *name, const sweep_key *k, double *v, const char **text,
                 size_t *n, char *rest, size_t rest_size);

#endif
