/*
 * legacy.h -- the data model of the pre-2023 benchstat (golang.org/x/perf
 * benchstat package at 91a0461: data.go, table.go, sort.go, delta.go):
 * a collection of samples keyed by (file, group, benchmark, unit), its
 * outlier-trimmed means, and the tables the old tool printed.
 *
 * The collection reads the Go benchmark format the way the old reader did
 * (storage/benchfmt plus Collection.addResult): raw units, no error
 * messages for bad lines, a value that does not parse dropped with its
 * unit.  Strings are interned in a parse_set (parse.h).  The library never
 * prints; legacy_format.h prints the tables.
 *
 *     legacy_coll c;
 *     legacy_coll_init(&c, &ps, "pkg,goos,goarch");
 *     legacy_coll_add_file(&c, "old.txt", err, sizeof err);
 *     legacy_tables t;
 *     legacy_tables_build(&c, LEGACY_UTEST, 0.05, true, LEGACY_SORT_NONE, false, &t);
 *     ... legacy_format_text(&t, stdout) ...
 *     legacy_tables_release(&t);
 *     legacy_coll_release(&c);
 */
#ifndef ESCSTAT_LEGACY_H
#define ESCSTAT_LEGACY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "hashindex.h"
#include "parse.h"

/* The samples of one (file, group, benchmark, unit) and what
   Metrics.computeStats derives from them. */
typedef struct legacy_metrics {
    parse_id config, group, bench, unit;
    double *values;             /* in input order (owned) */
    size_t n, cap;
    double *rvalues;            /* values inside Tukey's fences, input order (owned) */
    size_t nr;
    double min, mean, max;      /* of rvalues (NaN when empty) */
} legacy_metrics;

/* All samples read, in first-appearance order of each key part. */
typedef struct legacy_coll {
    parse_set *ps;              /* interns the strings (not owned) */
    parse_id *split;            /* -split labels (owned), nsplit of them */
    size_t nsplit;
    parse_id *configs;          /* one per input, duplicates kept */
    size_t nconfigs, cfg_cap;
    parse_id *groups;           /* distinct groups; with the next three, */
    size_t ngroups, grp_cap;    /* parallel arrays of capacity grp_cap */
    parse_id **benches;         /* benches[g]: distinct benchmarks of group g (owned) */
    size_t *nbenches, *bench_cap;
    parse_id *units;            /* distinct units */
    size_t nunits, unit_cap;
    legacy_metrics *m;          /* every key, creation order */
    size_t nm, m_cap;
    hashindex index;            /* tuple hash -> tuple (private) */
    uint32_t *tuples;           /* kind, 3 ids, value: 5 words a tuple (private) */
    size_t ntuples, tup_cap;
} legacy_coll;

/* legacy_coll_init: an empty collection over ps; split is the -split
   flag ("" for none), cut at commas as strings.Split does.  Returns 0, or
   -1 when out of memory.  legacy_coll_release frees what it owns. */
int legacy_coll_init(legacy_coll *c, parse_set *ps, const char *split);
void legacy_coll_release(legacy_coll *c);

/* legacy_coll_add_file reads one input file as the old tool did, under
   config name path.  Returns 0; -1 with err set to the message the old
   tool died with ("open x: no such file or directory", "bufio.Scanner:
   token too long", "read x: is a directory"); or -2 when out of memory
   (err "out of memory"). */
int legacy_coll_add_file(legacy_coll *c, const char *path, char *err, size_t errsize);

/* The significance tests of delta.go. */
enum legacy_test { LEGACY_UTEST, LEGACY_TTEST, LEGACY_NOTEST };

/* Row orders of sort.go; reversed by the flag below. */
enum legacy_sort { LEGACY_SORT_NONE, LEGACY_SORT_NAME, LEGACY_SORT_DELTA };

/* One cell: the Metrics of a file (or a geomean), or nothing. */
typedef struct legacy_cell {
    bool present;               /* false: an empty Metrics (prints "") */
    double mean, min, max;
} legacy_cell;

/* A row of a table (table.go Row). */
typedef struct legacy_row {
    parse_id bench;             /* benchmark name, or (parse_id)-1 for "[Geo mean]" */
    parse_id group;             /* shown group (0 = "" when one group) */
    legacy_cell *cells;         /* one per config (owned) */
    bool has_scale;             /* the scaler exists */
    double scale_val;           /* NewScaler's value (first present mean) */
    double pct;                 /* PctDelta */
    char delta[40];             /* "", "~", "0.00%", "+1.23%" */
    char note[64];              /* "", "(p=0.000 n=9+9)", "(all equal)", ... */
    int change;                 /* +1 better, -1 worse, 0 */
} legacy_row;

/* A table: one unit (table.go Table). */
typedef struct legacy_table {
    parse_id unit;              /* raw unit, e.g. "ns/op" */
    char metric[256];           /* metricOf(unit), e.g. "time/op" */
    bool oldnew;                /* exactly two configs */
    legacy_row *rows;           /* owned */
    size_t nrows, cap;
} legacy_table;

/* Tables in unit order, plus what printing needs from the collection. */
typedef struct legacy_tables {
    const parse_set *ps;
    const parse_id *configs;    /* the collection's (not owned) */
    size_t nconfigs;
    size_t ngroups;
    legacy_table *t;            /* owned */
    size_t n;
} legacy_tables;

/* legacy_tables_build is Collection.Tables: computes every Metrics'
   statistics, then builds one table per unit with rows per group and
   benchmark, the delta column for two configs (test and alpha as given;
   alpha == 0 means 0.05, as the old tool), the order, and with geomean a
   "[Geo mean]" row.  Returns 0, or -1 when out of memory (release t
   anyway). */
int legacy_tables_build(legacy_coll *c, enum legacy_test test, double alpha, bool geomean,
                        enum legacy_sort order, bool reverse, legacy_tables *t);
void legacy_tables_release(legacy_tables *t);

/* Metrics.computeStats on values[0..n): Tukey's fences from the R8
   quartiles, the kept values into rvalues (caller's array of n), their
   count, minimum, maximum and running mean.  Exposed for tests. */
size_t legacy_compute_stats(const double *values, size_t n, double *rvalues, double *min,
                            double *mean, double *max);

#endif
