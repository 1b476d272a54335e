/*
 * table.h -- benchstat's comparison tables (cmd/benchstat/internal/
 * benchtab: ToTables, ToText, ToCSV) plus escstat's
 * GitHub-flavoured markdown.
 *
 * stat_tables_build turns a filled builder into tables: keys sorted as
 * benchproc sorts them, every cell summarized, every non-baseline cell
 * compared with the first column, geomean rows.  The render functions
 * print them; warnings are benchstat's footnotes (text, markdown) or
 * "<cell>: message" lines on the warnings stream (CSV).
 */
#ifndef ESCSTAT_TABLE_H
#define ESCSTAT_TABLE_H

#include <stdio.h>

#include "cells.h"
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
   alpha given.  Returns 0 or -1 (out of memory). */
int stat_tables_build(builder *b, double confidence, double alpha, stat_tables *out);
void stat_tables_release(stat_tables *st);

/* Renderers: 0 on success, -1 on a write error. */
int stat_render_text(stat_tables *st, FILE *out);
int stat_render_csv(stat_tables *st, FILE *out, FILE *warnings);
int stat_render_markdown(stat_tables *st, FILE *out);

#endif
