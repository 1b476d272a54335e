/*
 * chart.h -- the charts escplot makes from a dataset.  Each builder
 * decides which charts of its kind apply and writes, per chart, the body
 * of a gnuplot script (everything after `set terminal` and `set output`)
 * and the data files the body reads.  Running gnuplot is escplot.c's job
 * (through gnuplot.h); these builders never print.
 *
 * Kinds:
 *   family   per top-level benchmark: bars of ns/op (median, 95 % CI
 *            whiskers) per variant, allocs/op bars on the right axis,
 *            B/op in the labels;
 *   scatter  per input: every benchmark a point, allocs/op against ns/op;
 *   compare  two or more inputs: per benchmark, a bar per input with CI
 *            whiskers, and escstat's delta and p over each later bar;
 *   sweep    per top-level benchmark with a numeric sub-benchmark key
 *            (size=4KiB, n=64): ns/op against the key, one line per value
 *            of the other keys, the CI as a band.
 */
#ifndef ESCPLOT_CHART_H
#define ESCPLOT_CHART_H

#include <stddef.h>

#include "strbuf.h"
#include "dataset.h"

enum chart_kind { CHART_FAMILY = 1, CHART_SCATTER = 2, CHART_COMPARE = 4, CHART_SWEEP = 8 };
#define CHART_ALL (CHART_FAMILY | CHART_SCATTER | CHART_COMPARE | CHART_SWEEP)

enum { CHART_MAX_DATA = 4 };

typedef struct chart {
    enum chart_kind kind;
    char *slug;                 /* file name part, e.g. "family-Sink" (owned) */
    strbuf body;                     /* gnuplot commands: settings and one plot */
    strbuf data[CHART_MAX_DATA];     /* data files; the body reads data[k] as
                                        "c<i>-<k>.dat" (chart_data_name) */
    size_t ndata;
} chart;

typedef struct chart_list {
    chart *v;
    size_t n, cap;
} chart_list;

typedef struct chart_opts {
    int width, height;          /* pixels */
    const char *title;          /* -title, or NULL for the default titles */
    const char *unit;           /* -unit, tidied ("sec/op", "B/op", "B/s"),
                                   drawn by compare and sweep charts; NULL:
                                   time per op */
} chart_opts;

/* chart_list_init makes an empty list; chart_list_release frees the
   charts and their buffers. */
void chart_list_init(chart_list *l);
void chart_list_release(chart_list *l);

/* chart_add appends a new empty chart of the given kind; its slug is
   "<kind>-<slug of name>" (name may be NULL), made unique in the list by a
   "-2", "-3" suffix.  A body refers to the data files of chart number i
   as "c<i>-<k>.dat" (chart_data_name); escplot.c renames them to the
   chart's file name when it writes them.  NULL when out of memory.  The
   chart is owned by the list. */
chart *chart_add(chart_list *l, enum chart_kind kind, const char *name);

/* chart_data_name writes the data file name of chart index ci, file k. */
void chart_data_name(char *out, size_t size, size_t ci, size_t k);

/* The builders append the charts of their kind that apply (none is not an
   error).  Return 0, or -1 when out of memory. */
int chart_family(const dataset *ds, const chart_opts *o, chart_list *l);
int chart_scatter(const dataset *ds, const chart_opts *o, chart_list *l);
int chart_compare(const dataset *ds, const chart_opts *o, chart_list *l);
int chart_sweep(const dataset *ds, const chart_opts *o, chart_list *l);

#endif
