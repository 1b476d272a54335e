/*
 * texttab.h -- text table layout, a port of benchstat's
 * cmd/benchstat/internal/texttab (table.go Format): cells on a grid, spanning
 * cells, per-column left margins, "shrink" columns that spanning cells
 * never widen; widths count code points, as Go's fmt does.
 */
#ifndef ESCSTAT_TEXTTAB_H
#define ESCSTAT_TEXTTAB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

typedef enum tt_align { TT_LEFT, TT_CENTER, TT_RIGHT } tt_align;

/* A cell: its position, span, text and margin (copies the cell owns). */
typedef struct tt_cell {
    int row, col, span;
    char *value;                /* owned */
    char *margin;               /* owned */
    tt_align align;
    size_t seq;                 /* insertion order (stable sorts) */
} tt_cell;

/* A table being built: cells in insertion order (owned), the number of
   columns, which columns are "shrink" ones, the current position. */
typedef struct texttab {
    tt_cell *cells;             /* owned, n of cap */
    size_t n, cap;
    int cols;
    bool *shrink;               /* shrink[col] for col < nshrink (owned) */
    int nshrink;
    size_t shrink_cap;
    int cur_row, cur_col;
    bool oom;                   /* an allocation failed: tt_format fails */
} texttab;

/* tt_init makes an empty table; tt_release frees what it owns (the cells'
   copies too) and leaves it empty. */
void tt_init(texttab *t);
void tt_release(texttab *t);
/* tt_row starts a new row (the first call starts row 0). */
void tt_row(texttab *t);
/* tt_col moves to column col (never backwards). */
void tt_col(texttab *t, int col);
/* tt_cur_col returns the current column. */
int tt_cur_col(const texttab *t);
/* tt_span adds a cell spanning span columns at the current position and
   moves past it.  margin NULL means the default: " ", or "" in column 0
   and for empty values.  value and margin are copied; when out of memory
   t is marked failed (tt_format then fails). */
void tt_span(texttab *t, int span, const char *value, tt_align align, const char *margin);
/* tt_cell_add is tt_span with a span of 1. */
void tt_cell_add(texttab *t, const char *value, tt_align align, const char *margin);
/* tt_set_shrink marks column col (>= 0) as a shrink column or not; columns
   never set are not.  When out of memory t is marked failed. */
void tt_set_shrink(texttab *t, int col, bool shrink);
/* tt_format lays the table out and writes it to out (sorting t's cells);
   returns 0, or -1 when out of memory (now or in an earlier call: then
   nothing is written) or on a write error. */
int tt_format(texttab *t, FILE *out);

/* utf8_runes: number of code points in s (Go utf8.RuneCountInString). */
size_t utf8_runes(const char *s);

#endif
