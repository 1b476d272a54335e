/*
 * test_stats_texttab.c -- the text table layout (stats/texttab.h), a port
 * of benchstat's texttab: margins per column, spanning cells widening only
 * non-shrink columns, centering, right alignment, code-point widths, no
 * trailing blanks, and the negative-width cases of Go's "%*s".
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

int main(void)
{
    texttab t;
    char *s;

    tt_init(&t);
    tt_row(&t);
    tt_cell_add(&t, "name", TT_LEFT, NULL);
    tt_cell_add(&t, "1", TT_RIGHT, NULL);
    tt_row(&t);
    tt_cell_add(&t, "x", TT_LEFT, NULL);
    tt_cell_add(&t, "100", TT_RIGHT, NULL);
    s = render(&t);
    is_str(s, "name   1\nx    100\n", "left and right alignment, default margins");
    free(s);
    tt_release(&t);

    /* margins: the widest margin of a column applies to all its cells */
    tt_init(&t);
    tt_row(&t);
    tt_cell_add(&t, "a", TT_LEFT, NULL);
    tt_cell_add(&t, "5", TT_RIGHT, " ± ");
    tt_row(&t);
    tt_cell_add(&t, "b", TT_LEFT, NULL);
    tt_cell_add(&t, "10", TT_RIGHT, NULL);
    s = render(&t);
    is_str(s, "a ±  5\nb   10\n", "margin right-aligned in the column's margin width");
    free(s);
    tt_release(&t);

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
    s = render(&t);
    is_str(s, "  │ wide header\nr         1 2 3\n",
           "span: extra width goes to the first (non-shrink) column; code points count");
    free(s);
    tt_release(&t);

    /* centered text: left pad only, no trailing blanks */
    tt_init(&t);
    tt_row(&t);
    tt_cell_add(&t, "abcdef", TT_LEFT, NULL);
    tt_row(&t);
    tt_cell_add(&t, "ab", TT_CENTER, NULL);
    s = render(&t);
    is_str(s, "abcdef\n  ab\n", "centered, no trailing blanks");
    free(s);
    tt_release(&t);

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
    s = render(&t);
    is_str(s, "x   yy\nz w\n", "empty cells print nothing");
    free(s);
    tt_release(&t);

    is_int(utf8_runes("µ±│¹"), 4, "code points, not bytes");
    return tap_done();
}
