/*
 * table.h -- benchstat's comparison tables (cmd/benchstat/internal/
 * benchtab: ToTables).
 *
 * stat_tables_build turns a filled builder into tables: keys sorted as
 * benchproc sorts them, every cell summarized, every non-baseline cell
 * compared with the first column, geomean rows.  render.h prints them.
 */
#ifndef ESCSTAT_TABLE_H
#define ESCSTAT_TABLE_H

#include "builder.h"
#include "summary.h"

typedef struct stat_cell {
    cell *c;
    summary sum;
    char *residue_warn;         /* "benchmarks vary in ..." (malloc'd) or NULL */
    bool has_base;              /* not the first column, and the row has one */
    comparison cmp;
    char delta[SUMMARY_NUM_MAX]; /* FormatDelta */
    char cmpstr[64];            /* Comparison.String */
} stat_cell;

typedef struct stat_table {
    uint32_t key;               /* table key id */
    parse_id unit;
    summary_assume assume;
    uint32_t *rows, *cols;      /* key ids, sorted */
    size_t nrows, ncols;
    int32_t *grid;              /* nrows*ncols: index into cells, -1 empty */
    stat_cell *cells;
    size_t ncells;
    summary_col *colsum;        /* ncols geomean-row entries */
} stat_table;

typedef struct stat_tables {
    stat_table *t;
    size_t n;
    builder *b;
} stat_tables;

/* stat_tables_build computes every table of b at the confidence level and
   alpha given, into *out (which keeps a pointer to b: b must outlive it).
   Returns 0 or -1 (out of memory; *out then holds what was built, for
   stat_tables_release). */
int stat_tables_build(builder *b, double confidence, double alpha, stat_tables *out);

/* stat_tables_release frees what stat_tables_build allocated in *st (not
   the builder) and zeroes *st. */
void stat_tables_release(stat_tables *st);

#endif
