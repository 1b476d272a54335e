/*
 * test_stats_texttab.c -- the text table layout (stats/texttab.h), a port
 * of benchstat's texttab: margins per column, spanning cells widening only
 * non-shrink columns, centering, right alignment, code-point widths, no
 * trailing blanks, and the negative-width cases of Go's "%*s"; a table of
 * 120 cells and shrink columns set out of order, which grow its arrays.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../tap.h"
#include "texttab.h"

/* render: format t into a malloc'd string. */
static char *render(texttab *t)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (!f)
        return NULL;
    tt_format(t, f);
    fclose(f);
    return buf;
}

/* is_layout checks that t renders as want, then releases t. */
static void is_layout(texttab *t, const char *want, const char *name)
{
    char *s = render(t);
    is_str(s, want, "%s", name);
    free(s);
    tt_release(t);
}

int main(void)
{
    texttab t;

    tt_init(&t);
    tt_row(&t);
    tt_cell_add(&t, "name", TT_LEFT, NULL);
    tt_cell_add(&t, "1", TT_RIGHT, NULL);
    tt_row(&t);
    tt_cell_add(&t, "x", TT_LEFT, NULL);
    tt_cell_add(&t, "100", TT_RIGHT, NULL);
    is_layout(&t, "name   1\nx    100\n", "left and right alignment, default margins");

    /* margins: the widest margin of a column applies to all its cells */
    tt_init(&t);
    tt_row(&t);
    tt_cell_add(&t, "a", TT_LEFT, NULL);
    tt_cell_add(&t, "5", TT_RIGHT, " ± ");
    tt_row(&t);
    tt_cell_add(&t, "b", TT_LEFT, NULL);
    tt_cell_add(&t, "10", TT_RIGHT, NULL);
    is_layout(&t, "a ±  5\nb   10\n", "margin right-aligned in the column's margin width");

    /* a spanning centered header widens the non-shrink column only */
    tt_init(&t);
    tt_row(&t);
    tt_col(&t, 1);
    tt_span(&t, 3, "wide header", TT_CENTER, " │ ");
    tt_set_shrink(&t, 2, true);
    tt_set_shrink(&t, 3, true);
    tt_row(&t);
    tt_cell_add(&t, "r", TT_LEFT, NULL);
    tt_cell_add(&t, "1", TT_RIGHT, NULL);
    tt_cell_add(&t, "2", TT_RIGHT, NULL);
    tt_cell_add(&t, "3", TT_RIGHT, NULL);
    is_layout(&t, "  │ wide header\nr         1 2 3\n",
           "span: extra width goes to the first (non-shrink) column; code points count");

    /* centered text: left pad only, no trailing blanks */
    tt_init(&t);
    tt_row(&t);
    tt_cell_add(&t, "abcdef", TT_LEFT, NULL);
    tt_row(&t);
    tt_cell_add(&t, "ab", TT_CENTER, NULL);
    is_layout(&t, "abcdef\n  ab\n", "centered, no trailing blanks");

    /* empty cells are skipped, so lines end at the last visible cell */
    tt_init(&t);
    tt_row(&t);
    tt_cell_add(&t, "x", TT_LEFT, NULL);
    tt_cell_add(&t, "", TT_LEFT, NULL);
    tt_cell_add(&t, "yy", TT_LEFT, NULL);
    tt_row(&t);
    tt_cell_add(&t, "z", TT_LEFT, NULL);
    tt_cell_add(&t, "w", TT_LEFT, NULL);
    tt_cell_add(&t, "", TT_LEFT, NULL);
    is_layout(&t, "x   yy\nz w\n", "empty cells print nothing");

    /* 40 rows of 3 cells (the cell array grows past its first
       allocations): the same text as "%-3s %2d %s" row by row */
    tt_init(&t);
    char want[40 * 16], name[16], num[16];
    size_t o = 0;
    for (int i = 0; i < 40; i++) {
        const char *parity = i % 2 ? "odd" : "even";
        snprintf(name, sizeof name, "r%d", i);
        snprintf(num, sizeof num, "%d", i);
        tt_row(&t);
        tt_cell_add(&t, name, TT_LEFT, NULL);
        tt_cell_add(&t, num, TT_RIGHT, NULL);
        tt_cell_add(&t, parity, TT_LEFT, NULL);
        o += (size_t)snprintf(want + o, sizeof want - o, "%-3s %2d %s\n", name, i, parity);
    }
    is_layout(&t, want, "120 cells: every row laid out");

    /* shrink columns set out of order, the later ones beyond the array
       so far: the columns skipped over are not shrink ones.  A span of
       8 over columns 1-3 of which only 3 (width 1) shrinks: the other 7
       go to 1 and 2, rounded up first (4 and 3) */
    tt_init(&t);
    tt_set_shrink(&t, 3, true);
    tt_set_shrink(&t, 12, false);
    tt_row(&t);
    tt_col(&t, 1);
    tt_span(&t, 3, "abcdefgh", TT_LEFT, "");
    tt_row(&t);
    tt_cell_add(&t, "x", TT_LEFT, NULL);
    tt_cell_add(&t, "1", TT_RIGHT, "");
    tt_cell_add(&t, "2", TT_RIGHT, "");
    tt_cell_add(&t, "3", TT_RIGHT, "");
    is_layout(&t, " abcdefgh\nx   1  23\n", "columns below a later shrink column stay widenable");

    is_int(utf8_runes("µ±│¹"), 4, "code points, not bytes");
    return tap_done();
}
