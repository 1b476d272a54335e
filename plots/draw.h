/*
 * draw.h -- the look shared by all escplot charts: palette, fonts,
 * layout, time units and number labels.
 *
 * Palette: Okabe & Ito (2008), "Color Universal Design", safe for the
 * common colour-vision deficiencies.  Each series also gets its own fill
 * pattern / dash type / point type, and the first two colours differ
 * strongly in lightness, so a greyscale print still tells them apart.
 *
 * Layout (fractions of the canvas, so any -width/-height works): title
 * and subtitle on top, the plot in the middle, the legend in a row below
 * the x axis (never over the data), a footnote saying what bars and
 * whiskers are at the bottom left.
 */
#ifndef ESCPLOT_DRAW_H
#define ESCPLOT_DRAW_H

#include <stddef.h>

#include "strbuf.h"
#include "chart.h"
#include "dataset.h"

enum { DRAW_NCOLOURS = 7 };

/* Series colour i (wraps around), "#rrggbb". */
const char *draw_colour(size_t i);
/* gnuplot fill style of bar series i: solid for 0, hatch patterns after. */
const char *draw_fill(size_t i);
/* gnuplot dash type and point type of line series i. */
int draw_dash(size_t i);
int draw_point(size_t i);

/* A unit for times: values in seconds are multiplied by mul. */
typedef struct time_unit {
    double mul;                 /* 1e9 for ns */
    const char *name;           /* "ns", "µs", "ms", "s" */
} time_unit;

/* draw_time_unit picks the unit in which the largest time `max_s`
   (seconds) reads as 1..999 ("ns" below 1 µs, ...). */
time_unit draw_time_unit(double max_s);

/* draw_num appends x with three significant digits, no exponent:
   "1.07", "11.3", "352", "352000"; "0" for 0. */
void draw_num(strbuf *out, double x);

/* draw_bytes appends a byte count with a binary prefix: "16 B", "65 KiB",
   "4.00 MiB" (draw_num of the scaled value). */
void draw_bytes(strbuf *out, double x);

/* draw_begin writes the common settings: fonts, margins, title (from
   o->title when set, else `title`; `suffix` is appended to a -title when
   several charts share it, may be NULL), the subtitle (may be NULL) and
   the footnote (may be NULL).  All strings are data and are quoted. */
void draw_begin(strbuf *gp, const chart_opts *o, const char *title, const char *suffix,
                const char *subtitle, const char *footnote);

/* draw_context appends a subtitle describing the input i: "linux/amd64 ·
   AMD EPYC 7B13 · pkg escbench" from its config lines (what exists; the
   cpu name without the trailing blanks go test keeps), then, with_name,
   " · " and the input's name (draw_input_name), for a chart that is one
   of several inputs'. */
void draw_context(const dataset *ds, size_t i, bool with_name, strbuf *out);

/* draw_label appends `set label` for text at (x, y) in the given
   coordinate systems ("first", "second", "graph", "screen"), with extra
   options such as "center offset 0,1" (trusted, not data). */
void draw_label(strbuf *gp, const char *text, const char *xsys, double x, const char *ysys,
                double y, const char *opts);

#endif

/* draw_runs appends "median of 10 runs" or "median of 6 to 10 runs". */
void draw_runs(strbuf *out, size_t nmin, size_t nmax);

/* draw_bench_label appends the label of benchmark `full` for a category
   axis `cols` code points wide: the name without its GOMAXPROCS suffix,
   on one line when it fits, else the base name and the sub-benchmark
   parts on two lines, each abbreviated (names_abbrev) to fit; split is
   true: two lines whenever there are sub-benchmark parts (so that all
   labels of an axis look alike). */
void draw_bench_label(const char *full, size_t cols, bool split, strbuf *out);

/* draw_needs_split: some name of benches[0..n) would not fit on one line
   of cols code points. */
bool draw_needs_split(const dataset *ds, const size_t *benches, size_t n, size_t stride,
                      size_t cols);

/* draw_input_name appends the name of input i for legends and subtitles:
   its label when it was given as label=path, else the file's base name,
   abbreviated to 40 code points (names_abbrev). */
void draw_input_name(const dataset *ds, size_t i, strbuf *out);

/* draw_family_inputs: how many inputs have a time result for a benchmark
   of family fam (base name).  Charts of a family present in several
   inputs carry the input's name in their file name and subtitle. */
size_t draw_family_inputs(const dataset *ds, const char *fam);

/* draw_input_stem appends draw_input_name without a ".txt" ending, for
   file names. */
void draw_input_stem(const dataset *ds, size_t i, strbuf *out);

/* draw_range makes [*lo, *hi] an axis range gnuplot can draw: finite,
   *lo < *hi, and both > 0 when logscale (a log axis of all-zero or
   negative values, an all-zero or one-value range, an overflow to Inf).
   Ranges that are fine are left as they are. */
void draw_range(double *lo, double *hi, bool logscale);

/* draw_log_time_axis writes the y axis of a log time chart whose data are
   in seconds and span lo_s..hi_s: log scale, range with some room, and
   tics labelled with their own unit ("10 ns", "1 µs", "100 ms") at each
   power of ten, plus 2x and 5x when at most four decades are shown.
   One unit for the whole axis would print 0.0001 ms or 10000 ns. */
void draw_log_time_axis(strbuf *gp, double lo_s, double hi_s);

/* What compare and sweep charts draw: time per op, or the unit of -unit. */
typedef struct metric {
    int unit;                   /* dataset unit index, -1 when absent */
    bool time;                  /* sec/op: time units and time tics */
    const char *name;           /* tidied unit, e.g. "sec/op", "B/op" */
} metric;

/* draw_metric: the metric of the options (o->unit, or sec/op). */
metric draw_metric(const dataset *ds, const chart_opts *o);

/* draw_metric_title appends "Time per op" or the unit ("B/op"),
   capitalised for a title when cap. */
void draw_metric_title(const metric *m, bool cap, strbuf *out);

/* draw_y_axis writes the y axis for values of metric m from lo to hi
   (hi: the top of the highest whisker; lo > 0 needed for a log axis):
   log when logy, else linear from 0 with hi*headroom on top, in the time
   unit in which `ref` (the largest median) reads 1..999; the axis title
   names the unit.  Returns the factor to multiply values by before they
   go into the data file (1e9 for ns; 1 on log axes, whose tics carry
   their units). */
double draw_y_axis(strbuf *gp, const metric *m, double lo, double hi, double ref, bool logy,
                   double headroom);
