/*
 * legacy_format.c -- the pre-2023 benchstat's text, CSV and HTML output
 * (golang.org/x/perf at 91a0461: benchstat/text.go, html.go, scaler.go,
 * data.go Metrics.Format; cmd/benchstat/main.go for the HTML page).
 */
#include "legacy_format.h"
#include "scale.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "texttab.h"
#include "vec.h"

/* ------------------------------------------------------------ numbers */

/* unit_is: unit is name or ends in "-name". */
static bool unit_is(const char *unit, const char *name)
{
    size_t n = strlen(unit), k = strlen(name);
    if (strcmp(unit, name) == 0)
        return true;
    return n > k && unit[n - k - 1] == '-' && strcmp(unit + n - k, name) == 0;
}

/* One step of a scaler.go scaler: values from min up print with prec
   digits, divided by scale, followed by suffix. */
typedef struct scale_step {
    double min;
    int prec;
    double scale;
    const char *suffix;
} scale_step;

/* scale_pick returns the first of steps[0..n) whose min v reaches, the
   last when none does (a NaN reaches none). */
static size_t scale_pick(const scale_step *steps, size_t n, double v)
{
    size_t i = 0;
    while (i + 1 < n && !(v >= steps[i].min))
        i++;
    return i;
}

/* legacy_scale: scaler.go NewScaler and Scaler.Format (legacy_format.h). */
void legacy_scale(double val, const char *unit, double x, char *buf, size_t size)
{
    if (unit_is(unit, "ns/op") || unit_is(unit, "ns/GC")) {
        /* timeScaler: seconds to nanoseconds, 3 significant digits */
        static const scale_step ts[] = {
            { 99.5, 0, 1, "s" },          { 9.95, 1, 1, "s" },
            { 0.995, 2, 1, "s" },         { 0.0995, 0, 1000, "ms" },
            { 0.00995, 1, 1000, "ms" },   { 0.000995, 2, 1000, "ms" },
            { 0.0000995, 0, 1e6, "µs" },  { 0.00000995, 1, 1e6, "µs" },
            { 0.000000995, 2, 1e6, "µs" }, { 0.0000000995, 0, 1e9, "ns" },
            { 0.00000000995, 1, 1e9, "ns" }, { -INFINITY, 2, 1e9, "ns" },
        };
        size_t i = scale_pick(ts, sizeof ts / sizeof ts[0], val / 1e9);
        int n = go_fmt_float(buf, size, "%.*f", ts[i].prec, x / 1e9 * ts[i].scale);
        if (n >= 0 && (size_t)n < size)
            snprintf(buf + n, size - (size_t)n, "%s", ts[i].suffix);
        return;
    }
    double prescale = strcmp(unit, "MB/s") == 0 ? 1e6 : 1.0;
    static const scale_step vs[] = {
        { 99500000000000.0, 0, 1e12, "T" }, { 9950000000000.0, 1, 1e12, "T" },
        { 995000000000.0, 2, 1e12, "T" },   { 99500000000.0, 0, 1e9, "G" },
        { 9950000000.0, 1, 1e9, "G" },      { 995000000.0, 2, 1e9, "G" },
        { 99500000.0, 0, 1e6, "M" },        { 9950000.0, 1, 1e6, "M" },
        { 995000.0, 2, 1e6, "M" },          { 99500.0, 0, 1e3, "k" },
        { 9950.0, 1, 1e3, "k" },            { 995.0, 2, 1e3, "k" },
        { 99.5, 0, 1, "" },                 { 9.95, 1, 1, "" },
        { -INFINITY, 2, 1, "" },
    };
    size_t i = scale_pick(vs, sizeof vs / sizeof vs[0], val * prescale);
    const char *extra = "";
    if (unit_is(unit, "B/op") || unit_is(unit, "bytes/op") || unit_is(unit, "bytes"))
        extra = "B";
    if (strcmp(unit, "MB/s") == 0)
        extra = "B/s";
    double scale = vs[i].scale / prescale;
    int n = go_fmt_float(buf, size, "%.*f", vs[i].prec, x / scale);
    if (n >= 0 && (size_t)n < size)
        snprintf(buf + n, size - (size_t)n, "%s%s", vs[i].suffix, extra);
}

/* format_diff is Metrics.FormatDiff: the larger of the distances of min
   and max from the mean, "%.0f%%"; "" when the mean or max is 0. */
static void format_diff(const legacy_cell *m, char *buf, size_t size)
{
    buf[0] = '\0';
    if (m->mean == 0 || m->max == 0)
        return;
    double diff = 1 - m->min / m->mean;
    double d = m->max / m->mean - 1;
    if (d > diff)
        diff = d;
    int n = go_fmt_float(buf, size, "%.*f", 0, diff * 100.0);
    if (n >= 0 && (size_t)n < size)
        snprintf(buf + n, size - (size_t)n, "%%");
}

/* format_cell is Metrics.Format: "mean ±diff" ("%s ±%3s"), the mean and
   five spaces without a diff, "" for an empty Metrics. */
static void format_cell(const legacy_tables *tt, const legacy_table *t, const legacy_row *r,
                        const legacy_cell *m, char *buf, size_t size)
{
    buf[0] = '\0';
    if (!m->present)
        return;
    char mean[128], diff[64];
    const char *unit = parse_str(tt->ps, t->unit);
    if (r->has_scale)
        legacy_scale(r->scale_val, unit, m->mean, mean, sizeof mean);
    else
        snprintf(mean, sizeof mean, "?");
    format_diff(m, diff, sizeof diff);
    if (diff[0] == '\0')
        snprintf(buf, size, "%s     ", mean);
    else
        snprintf(buf, size, "%s ±%3s", mean, diff);
}

/* row_name: the benchmark name of a row, or "[Geo mean]". */
static const char *row_name(const legacy_tables *tt, const legacy_row *r)
{
    return r->bench == (parse_id)-1 ? "[Geo mean]" : parse_str(tt->ps, r->bench);
}

/* ------------------------------------------------------------ text grids */

/* A row of printed columns (text.go textRow); strings are owned. */
typedef struct trow {
    char **cols;
    size_t n, cap;
} trow;

/* The rows of a table being printed (owned); failed once an allocation
   failed. */
typedef struct tgrid {
    trow *rows;
    size_t n, cap;
    bool failed;
} tgrid;

/* grid_row appends an empty row to g and returns it, or NULL once g has
 * failed (out of memory; g->failed is set). */
static trow *grid_row(tgrid *g)
{
    if (g->failed)
        return NULL;
    if (vec_reserve(&g->rows, &g->cap, g->n + 1, sizeof *g->rows) != 0) {
        g->failed = true;
        return NULL;
    }
    trow *r = &g->rows[g->n++];
    memset(r, 0, sizeof *r);
    return r;
}

/* grid_add appends a copy of s to row r of g (nothing once g has failed). */
static void grid_add(tgrid *g, trow *r, const char *s)
{
    if (!r || g->failed)
        return;
    if (vec_reserve(&r->cols, &r->cap, r->n + 1, sizeof *r->cols) != 0) {
        g->failed = true;
        return;
    }
    char *d = strdup(s);
    if (!d) {
        g->failed = true;
        return;
    }
    r->cols[r->n++] = d;
}

/* grid_bench_row starts r's row in g: first a row with the group's name
 * when r begins a new group (*group is the group of the row before), then
 * r's row with its name; returns that row (NULL once g has failed). */
static trow *grid_bench_row(tgrid *g, const legacy_tables *tt, const legacy_row *r,
                            parse_id *group)
{
    if (r->group != *group) {
        *group = r->group;
        grid_add(g, grid_row(g), parse_str(tt->ps, *group));
    }
    trow *tr = grid_row(g);
    grid_add(g, tr, row_name(tt, r));
    return tr;
}

/* grid_trim drops the trailing empty columns of every row (textRow.trim). */
static void grid_trim(tgrid *g)
{
    for (size_t i = 0; i < g->n; i++) {
        trow *r = &g->rows[i];
        while (r->n > 0 && r->cols[r->n - 1][0] == '\0')
            free(r->cols[--r->n]);
    }
}

/* grid_release frees g's rows and their strings and leaves g empty. */
static void grid_release(tgrid *g)
{
    for (size_t i = 0; i < g->n; i++) {
        for (size_t k = 0; k < g->rows[i].n; k++)
            free(g->rows[i].cols[k]);
        free(g->rows[i].cols);
    }
    free(g->rows);
    memset(g, 0, sizeof *g);
}

/* spaces writes n spaces. */
static void spaces(FILE *out, size_t n)
{
    while (n-- > 0)
        putc(' ', out);
}

/* left_aligned writes sep, then s followed by pad spaces (Go's %-*s
   padding, counted in runes by the caller). */
static void left_aligned(FILE *out, const char *sep, const char *s, size_t pad)
{
    fputs(sep, out);
    fputs(s, out);
    spaces(out, pad);
}

/* right_aligned writes sep, then pad spaces followed by s (Go's %*s). */
static void right_aligned(FILE *out, const char *sep, const char *s, size_t pad)
{
    fputs(sep, out);
    spaces(out, pad);
    fputs(s, out);
}

/* to_text is text.go toText: the header row, group rows, data rows. */
static void to_text(const legacy_tables *tt, const legacy_table *t, tgrid *g)
{
    char buf[512];
    trow *h = grid_row(g);
    if (tt->nconfigs == 1) {
        grid_add(g, h, "name");
        grid_add(g, h, t->metric);
    } else if (tt->nconfigs == 2) {
        grid_add(g, h, "name");
        snprintf(buf, sizeof buf, "old %s", t->metric);
        grid_add(g, h, buf);
        snprintf(buf, sizeof buf, "new %s", t->metric);
        grid_add(g, h, buf);
        grid_add(g, h, "delta");
    } else {
        snprintf(buf, sizeof buf, "name \\ %s", t->metric);
        grid_add(g, h, buf);
        for (size_t k = 0; k < tt->nconfigs; k++)
            grid_add(g, h, parse_str(tt->ps, tt->configs[k]));
    }
    parse_id group = 0;
    for (size_t i = 0; i < t->nrows; i++) {
        const legacy_row *r = &t->rows[i];
        trow *tr = grid_bench_row(g, tt, r, &group);
        for (size_t k = 0; k < tt->nconfigs; k++) {
            format_cell(tt, t, r, &r->cells[k], buf, sizeof buf);
            grid_add(g, tr, buf);
        }
        if (tt->nconfigs == 2) {
            grid_add(g, tr, strcmp(r->delta, "~") == 0 ? "~   " : r->delta);
            grid_add(g, tr, r->note);
        }
    }
}

int legacy_format_text(const legacy_tables *tt, FILE *out)
{
    tgrid *grids = calloc(tt->n ? tt->n : 1, sizeof *grids);
    if (!grids)
        return -1;
    int rc = 0;
    size_t *max = NULL, nmax = 0, maxcap = 0;   /* the widths of columns 0..nmax */
    for (size_t i = 0; i < tt->n; i++) {
        to_text(tt, &tt->t[i], &grids[i]);
        grid_trim(&grids[i]);
        if (grids[i].failed)
            rc = -1;
    }
    /* column widths over all tables; one-column rows (group headers) do
       not count */
    for (size_t i = 0; i < tt->n && rc == 0; i++)
        for (size_t j = 0; j < grids[i].n; j++) {
            trow *r = &grids[i].rows[j];
            if (r->n == 1)
                continue;
            if (r->n > nmax) {
                if (vec_reserve(&max, &maxcap, r->n, sizeof *max) != 0) {
                    rc = -1;
                    break;
                }
                memset(max + nmax, 0, (r->n - nmax) * sizeof *max);
                nmax = r->n;
            }
            for (size_t k = 0; k < r->n; k++) {
                size_t w = utf8_runes(r->cols[k]);
                if (w > max[k])
                    max[k] = w;
            }
        }
    for (size_t i = 0; i < tt->n && rc == 0; i++) {
        if (i > 0)
            fputc('\n', out);
        const trow *h = &grids[i].rows[0];
        for (size_t k = 0; k < h->n; k++) {
            /* Go's %-*s pads by runes; a one-column header has no width */
            size_t w = k < nmax ? max[k] : 0, len = utf8_runes(h->cols[k]);
            size_t pad = w > len ? w - len : 0;
            if (k == 0)
                left_aligned(out, "", h->cols[k], pad);
            else if (k == h->n - 1)
                fprintf(out, "  %s\n", h->cols[k]);
            else
                left_aligned(out, "  ", h->cols[k], pad);
        }
        for (size_t j = 1; j < grids[i].n; j++) {
            const trow *r = &grids[i].rows[j];
            for (size_t k = 0; k < r->n; k++) {
                const char *s = r->cols[k];
                size_t w = k < nmax ? max[k] : 0, len = utf8_runes(s);
                size_t pad = w > len ? w - len : 0;
                if (r->n == 1)
                    fputs(s, out);
                else if (k == 0)
                    left_aligned(out, "", s, pad);
                else if (k == r->n - 1 && s[0] == '(')
                    fprintf(out, "  %s", s);        /* the p value, left-aligned */
                else
                    right_aligned(out, "  ", s, pad);
            }
            fputc('\n', out);
        }
    }
    for (size_t i = 0; i < tt->n; i++)
        grid_release(&grids[i]);
    free(grids);
    free(max);
    return rc;
}

/* ------------------------------------------------------------ CSV */

/* trim_prefix is text.go's trimCommonPathPrefix: the common prefix of the
   non-empty names up to its last '/', removed when at least two names are
   non-empty.  Returns the number of bytes to skip in each non-empty name. */
static size_t trim_prefix(const legacy_tables *tt)
{
    const char *first = NULL;
    size_t plen = 0;
    bool several = false;
    for (size_t k = 0; k < tt->nconfigs; k++) {
        const char *s = parse_str(tt->ps, tt->configs[k]);
        size_t n = strlen(s);
        if (n == 0)
            continue;
        if (!first) {
            first = s;
            plen = n;
            continue;
        }
        several = true;
        if (plen > n)
            plen = n;
        for (size_t j = 0; j < plen; j++)
            if (first[j] != s[j]) {
                plen = j;
                break;
            }
    }
    if (!several || plen == 0)
        return 0;
    size_t cut = 0;
    for (size_t j = 0; j < plen; j++)
        if (first[j] == '/')
            cut = j + 1;
    return cut;
}

/* to_csv is text.go toCSV. */
static void to_csv(const legacy_tables *tt, const legacy_table *t, bool norange, tgrid *g)
{
    char buf[512];
    /* the header's unit is the Unit of the first row's first Metrics,
       which is empty when that benchmark lacks the unit in the first file */
    const char *unit = t->nrows > 0 && t->rows[0].cells[0].present ? parse_str(tt->ps, t->unit) : "";
    trow *h = grid_row(g);
#define WITH_RANGE(s)                                                        \
    do {                                                                     \
        grid_add(g, h, s);                                                   \
        if (!norange)                                                        \
            grid_add(g, h, "±");                                             \
    } while (0)
    if (tt->nconfigs == 1) {
        grid_add(g, h, "name");
        snprintf(buf, sizeof buf, "%s (%s)", t->metric, unit);
        WITH_RANGE(buf);
    } else if (tt->nconfigs == 2) {
        grid_add(g, h, "name");
        snprintf(buf, sizeof buf, "old %s (%s)", t->metric, unit);
        WITH_RANGE(buf);
        snprintf(buf, sizeof buf, "new %s (%s)", t->metric, unit);
        WITH_RANGE(buf);
        WITH_RANGE("delta");
    } else {
        snprintf(buf, sizeof buf, "name \\ %s (%s)", t->metric, unit);
        grid_add(g, h, buf);
        size_t cut = trim_prefix(tt);
        for (size_t k = 0; k < tt->nconfigs; k++) {
            const char *s = parse_str(tt->ps, tt->configs[k]);
            WITH_RANGE(s[0] ? s + cut : s);
        }
    }
#undef WITH_RANGE
    parse_id group = 0;
    for (size_t i = 0; i < t->nrows; i++) {
        const legacy_row *r = &t->rows[i];
        trow *tr = grid_bench_row(g, tt, r, &group);
        for (size_t k = 0; k < tt->nconfigs; k++) {
            const legacy_cell *m = &r->cells[k];
            char diff[64] = "";
            buf[0] = '\0';
            if (m->present) {
                go_fmt_float(buf, sizeof buf, "%.*E", 5, m->mean);
                format_diff(m, diff, sizeof diff);
            }
            grid_add(g, tr, buf);
            if (!norange)
                grid_add(g, tr, diff);
        }
        if (tt->nconfigs == 2) {
            grid_add(g, tr, r->delta);
            grid_add(g, tr, r->note);
        }
    }
}

int legacy_format_csv(const legacy_tables *tt, bool norange, FILE *out)
{
    int rc = 0;
    for (size_t i = 0; i < tt->n; i++) {
        tgrid g = { 0 };
        to_csv(tt, &tt->t[i], norange, &g);
        grid_trim(&g);
        if (g.failed) {
            grid_release(&g);
            return -1;
        }
        if (i > 0)
            fputc('\n', out);
        for (size_t j = 0; j < g.n; j++) {
            for (size_t k = 0; k < g.rows[j].n; k++) {
                if (k > 0)
                    fputc(',', out);
                csv_put_field(out, g.rows[j].cols[k]);
            }
            fputc('\n', out);
        }
        grid_release(&g);
    }
    return rc;
}

/* ------------------------------------------------------------ HTML */

static const char html_header[] =
    "<!doctype html>\n"
    "<html>\n"
    "<head>\n"
    "<meta charset=\"utf-8\">\n"
    "<title>Performance Result Comparison</title>\n"
    "<style>\n"
    ".benchstat { border-collapse: collapse; }\n"
    ".benchstat th:nth-child(1) { text-align: left; }\n"
    ".benchstat tbody td:nth-child(1n+2):not(.note) { text-align: right; padding: 0em 1em; }\n"
    ".benchstat tr:not(.configs) th { border-top: 1px solid #666; border-bottom: 1px solid #ccc; }\n"
    ".benchstat .nodelta { text-align: center !important; }\n"
    ".benchstat .better td.delta { font-weight: bold; }\n"
    ".benchstat .worse td.delta { font-weight: bold; color: #c00; }\n"
    "</style>\n"
    "</head>\n"
    "<body>\n";

static const char html_footer[] = "</body>\n</html>\n";

/* html_text writes s escaped as html/template escapes text: the five
   markup characters as entities, NUL as U+FFFD. */
static void html_text(const char *s, FILE *out)
{
    for (const char *p = s; *p; p++) {
        switch (*p) {
        case '"': fputs("&#34;", out); break;
        case '&': fputs("&amp;", out); break;
        case '\'': fputs("&#39;", out); break;
        case '<': fputs("&lt;", out); break;
        case '>': fputs("&gt;", out); break;
        default: fputc(*p, out);
        }
    }
}

/* html_delta writes the delta with '-' replaced by U+2212 (html.go). */
static void html_delta(const char *s, FILE *out)
{
    for (const char *p = s; *p; p++)
        if (*p == '-')
            fputs("\xE2\x88\x92", out);
        else {
            char c[2] = { *p, 0 };
            html_text(c, out);
        }
}

int legacy_format_html(const legacy_tables *tt, FILE *out)
{
    char buf[512];
    fputs(html_header, out);
    if (tt->n > 0) {
        const legacy_table *t0 = &tt->t[0];
        fprintf(out, "\n<table class='benchstat %s'>\n", t0->oldnew ? "oldnew" : "");
        if (tt->nconfigs != 1) {
            fputs("<tr class='configs'><th>", out);
            for (size_t k = 0; k < tt->nconfigs; k++) {
                fputs("<th>", out);
                html_text(parse_str(tt->ps, tt->configs[k]), out);
            }
            fputc('\n', out);
        }
        fputc('\n', out);
        for (size_t i = 0; i < tt->n; i++) {
            const legacy_table *t = &tt->t[i];
            fputs("\n<tbody>\n", out);
            if (tt->nconfigs == 1) {
                fputs("\n<tr><th><th>", out);
                html_text(t->metric, out);
                fputc('\n', out);
            } else {
                fprintf(out, "<tr><th><th colspan='%zu' class='metric'>", tt->nconfigs);
                html_text(t->metric, out);
                if (t->oldnew)
                    fputs("<th>delta", out);
                fputc('\n', out);
            }
            parse_id group = 0;
            for (size_t j = 0; j < t->nrows; j++) {
                const legacy_row *r = &t->rows[j];
                /* html.go's group: runs of rows with the same Group; a
                   run with a non-empty group gets a header row */
                if ((j == 0 || r->group != group) && tt->ngroups > 1 && r->group != 0) {
                    fprintf(out, "<tr class='group'><th colspan='%zu'>",
                            tt->nconfigs + 1 + (t->oldnew ? 1 : 0));
                    html_text(parse_str(tt->ps, r->group), out);
                }
                group = r->group;
                if (t->oldnew)
                    fprintf(out, "<tr class='%s'>",
                            r->change == 1 ? "better" : r->change == -1 ? "worse" : "unchanged");
                else
                    fputs("<tr>", out);
                fputs("<td>", out);
                html_text(row_name(tt, r), out);
                for (size_t k = 0; k < tt->nconfigs; k++) {
                    format_cell(tt, t, r, &r->cells[k], buf, sizeof buf);
                    fputs("<td>", out);
                    html_text(buf, out);
                }
                if (t->oldnew) {
                    fprintf(out, "<td class='%s'>", strcmp(r->delta, "~") == 0 ? "nodelta" : "delta");
                    html_delta(r->delta, out);
                    fputs("<td class='note'>", out);
                    html_text(r->note, out);
                }
                fputc('\n', out);
            }
            fputs("<tr><td>&nbsp;\n</tbody>\n", out);
        }
        fputs("\n</table>\n", out);
    }
    fputs(html_footer, out);
    return 0;
}
