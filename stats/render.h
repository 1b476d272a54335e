/*
 * render.h -- printing benchstat's comparison tables (table.h): text and
 * CSV as benchstat prints them (cmd/benchstat/internal/benchtab: ToText,
 * ToCSV), and escstat's GitHub-flavoured markdown.
 *
 * The tables are only read.  Warnings are benchstat's footnotes (text,
 * markdown) or "<cell>: message" lines on the warnings stream (CSV).
 * Nothing is kept between calls.
 */
#ifndef ESCSTAT_RENDER_H
#define ESCSTAT_RENDER_H

#include <stdio.h>

#include "table.h"

/* stat_render_text prints st as benchstat's text tables, each preceded by
   the table key's fields that changed since the previous table, with
   footnotes under each table.  Returns 0, or -1 on a write error or when
   out of memory. */
int stat_render_text(stat_tables *st, FILE *out);

/* stat_render_csv prints st as benchstat's CSV on out, its warnings as
   "<cell>: message" lines on warnings (the cell named like a spreadsheet's,
   "B3").  Returns 0, or -1 on a write error or when out of memory. */
int stat_render_csv(stat_tables *st, FILE *out, FILE *warnings);

/* stat_render_markdown prints st as GitHub-flavoured markdown tables, the
   table key's fields as a list above each, footnotes as a list below.
   Returns 0, or -1 on a write error or when out of memory. */
int stat_render_markdown(stat_tables *st, FILE *out);

#endif
