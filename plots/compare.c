/*
 * compare.c -- the comparison chart: two or more inputs (old.txt,
 * new.txt, ...), per benchmark a bar per input (median time per op, 95 %
 * CI whiskers), and over each later bar the change against the first
 * input with its Mann-Whitney p, exactly as escstat prints them ("~" when
 * the difference is not significant at alpha = 0.05).
 *
 * Benchmarks are the rows escstat would print: those the first input has.
 * Many benchmarks are split over several charts, whole families together
 * where they fit, so that the bars stay wide enough to read.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chart.h"
#include "draw.h"
#include "gnuplot.h"
#include "names.h"
#include "summarize.h"

enum { MAX_INPUTS = 8 };

typedef struct row {
    size_t bench;
    bool has[MAX_INPUTS];
    pstat t[MAX_INPUTS];
    pcompare cmp[MAX_INPUTS];   /* [0] unused */
} row;

/* draw_compare writes chart c (number ci): rows r[0..nr) of nin inputs,
   part `part` of nparts; geo (NULL except on the last part) adds the
   geomean group as a last group; ncommon, when not 0, says that the inputs
   have other sets of benchmarks and the geomeans are over the ncommon
   benchmarks all of them have. */
static void draw_compare(chart *c, size_t ci, const dataset *ds, const chart_opts *o,
                         const row *r, size_t nr, size_t nin, size_t part, size_t nparts,
                         const pgeomean *geo, size_t ncommon)
{
    double tmax = 0, cmin = INFINITY, cmax = 0;
    bool has_zero = false;          /* a 0 bar has no height on a log axis */
    size_t nmin = SIZE_MAX, nmax = 0;
    bool some_inf = false;
    for (size_t i = 0; i < nr; i++)
        for (size_t s = 0; s < nin; s++) {
            if (!r[i].has[s])
                continue;
            const pstat *t = &r[i].t[s];
            double hi = t->ci_finite ? t->hi : t->center;
            if (hi > tmax) tmax = hi;
            if (t->center > cmax) cmax = t->center;
            if (t->center < cmin && t->center > 0) cmin = t->center;
            if (!(t->center > 0)) has_zero = true;
            if (t->n < nmin) nmin = t->n;
            if (t->n > nmax) nmax = t->n;
            some_inf |= !t->ci_finite;
        }
    for (size_t s = 0; geo && s < nin; s++) {
        if (!geo[s].has_value)
            continue;
        if (geo[s].value > tmax) tmax = geo[s].value;
        if (geo[s].value > cmax) cmax = geo[s].value;
        if (geo[s].value < cmin) cmin = geo[s].value;
    }
    size_t ngroups = nr + (geo != NULL);
    bool logy = !has_zero && cmin > 0 && cmax / cmin > 25;
    metric m = draw_metric(ds, o);

    strbuf title = STRBUF_INIT, sub = STRBUF_INIT, foot = STRBUF_INIT, txt = STRBUF_INIT;
    strbuf base = STRBUF_INIT;
    strbuf part_s = STRBUF_INIT;
    if (nparts > 1)
        strbuf_printf(&part_s, "%zu/%zu", part + 1, nparts);
    draw_metric_title(&m, true, &title);
    strbuf_adds(&title, ": ");
    for (size_t s = 0; s < nin; s++) {
        if (s)
            strbuf_adds(&title, " vs ");
        draw_input_name(ds, s, &title);
    }
    if (nparts > 1)
        strbuf_printf(&title, " (%s)", strbuf_str(&part_s));
    draw_context(ds, nin - 1, false, &sub);
    draw_input_name(ds, 0, &base);
    strbuf_adds(&foot, "Bars: ");
    draw_runs(&foot, nmin, nmax);
    strbuf_printf(&foot, "; whiskers: 95%% CI of the median%s. Labels: change vs %s and "
                  "Mann-Whitney p as escstat prints them (~: not significant at alpha 0.05).",
                  some_inf ? " (none: too few runs)" : "", strbuf_str(&base));
    draw_begin(&c->body, o, strbuf_str(&title), nparts > 1 ? strbuf_str(&part_s) : NULL,
               strbuf_str(&sub), strbuf_str(&foot));
    if (geo && ncommon > 0) {
        strbuf_reset(&txt);
        strbuf_printf(&txt, "Geomean: the inputs have different sets of benchmarks; its bars and "
                            "change are over the %zu all of them have (escstat's geomean row is "
                            "over each input's own).", ncommon);
        draw_label(&c->body, strbuf_str(&txt),
                   "screen", 0.012, "screen", 0.055, "left font \",10\" textcolor rgb \"#555555\"");
    }

    strbuf *g = &c->body, *d = &c->data[c->ndata++];
    char dn[64];
    chart_data_name(dn, sizeof dn, ci, 0);
    double bw = 0.8 / (double)nin;
    strbuf_printf(g, "set xrange [-0.6:%zu.6]\n", ngroups - 1);
    double mul = draw_y_axis(g, &m, cmin / 1.2, logy ? tmax * 2 : tmax, cmax, logy, 1.25);
    for (size_t s = 0; s < nin; s++) {
        if (s)
            strbuf_adds(d, "\n\n");
        bool any = false;
        for (size_t i = 0; i < nr; i++) {
            if (!r[i].has[s])
                continue;
            const pstat *t = &r[i].t[s];
            double x = (double)i + ((double)s - (double)(nin - 1) / 2) * bw;
            strbuf_printf(d, "%.10g %.10g", x, t->center * mul);
            if (t->ci_finite)
                strbuf_printf(d, " %.10g %.10g\n", t->lo * mul, t->hi * mul);
            else
                strbuf_adds(d, " NaN NaN\n");
            any = true;
        }
        if (geo && geo[s].has_value) {
            double x = (double)nr + ((double)s - (double)(nin - 1) / 2) * bw;
            strbuf_printf(d, "%.10g %.10g NaN NaN\n", x, geo[s].value * mul);
            any = true;
        }
        if (!any)                                    /* keep "index s" valid */
            strbuf_adds(d, "NaN NaN NaN NaN\n");
    }
    size_t cols = (size_t)(o->width * 0.85 / (double)ngroups / 8.5);
    bool split = draw_needs_split(ds, &r[0].bench, nr, sizeof *r, cols);
    strbuf_adds(g, "set xtics scale 0 font \",12\" (");
    for (size_t i = 0; i < nr; i++) {
        strbuf_reset(&txt);
        draw_bench_label(ds_name(ds, r[i].bench), cols, split, &txt);
        strbuf_adds(g, i ? ", " : "");
        gp_quote(g, strbuf_str(&txt));
        strbuf_printf(g, " %zu", i);
    }
    if (geo)
        strbuf_printf(g, ", \"geomean\" %zu", nr);
    strbuf_adds(g, ")\n");
    if (geo)
        strbuf_printf(g, "set arrow from first %zu.5, graph 0 to first %zu.5, graph 1 nohead "
                         "dt 2 lc rgb \"#999999\"\n", nr - 1, nr - 1);
    strbuf_adds(g, "set rmargin at screen 0.96\n");
    /* delta and p over each bar after the first */
    for (size_t i = 0; i < nr; i++)
        for (size_t s = 1; s < nin; s++) {
            if (!r[i].has[s] || !r[i].has[0])
                continue;
            const pstat *t = &r[i].t[s];
            double top = (t->ci_finite ? t->hi : t->center) * mul;
            double x = (double)i + ((double)s - (double)(nin - 1) / 2) * bw;
            strbuf_reset(&txt);
            /* benchstat writes a hyphen-minus; a chart can afford U+2212 */
            const char *dl = r[i].cmp[s].delta;
            if (dl[0] == '-') {
                strbuf_adds(&txt, "\xe2\x88\x92");
                dl++;
            }
            strbuf_adds(&txt, dl);
            /* p as escstat prints it ("p=%0.3f", none when p == 0); n
               only when the sample sizes differ (the footnote has n) */
            const pcompare *cm = &r[i].cmp[s];
            if (cm->p != 0)
                strbuf_printf(&txt, "\np=%.3f", cm->p);
            if (cm->n1 != cm->n2)
                strbuf_printf(&txt, "%sn=%zu+%zu", cm->p != 0 ? " " : "\n", cm->n1, cm->n2);
            draw_label(g, strbuf_str(&txt), "first", x, "first", top,
                       r[i].cmp[s].significant ? "center offset 0,1.8 font \",11\" front"
                                                   : "center offset 0,1.8 font \",11\" front "
                                                     "textcolor rgb \"#555555\"");
        }
    for (size_t s = 1; geo && s < nin; s++) {
        if (!geo[s].has_value)
            continue;
        double x = (double)nr + ((double)s - (double)(nin - 1) / 2) * bw;
        strbuf_reset(&txt);
        const char *dl = geo[s].delta;
        if (dl[0] == '-') {
            strbuf_adds(&txt, "\xe2\x88\x92");
            dl++;
        }
        strbuf_adds(&txt, dl);
        draw_label(g, strbuf_str(&txt), "first", x, "first", geo[s].value * mul,
                   "center offset 0,0.9 font \",11\" front");
    }
    /* (no "boxed" labels: gnuplot's SVG draws boxed text twice) */
    strbuf_printf(g, "set boxwidth %.4f absolute\nplot ", bw * 0.92);
    for (size_t s = 0; s < nin; s++) {
        strbuf_reset(&txt);
        draw_input_name(ds, s, &txt);
        strbuf_printf(g, "%s\"%s\" index %zu using 1:2 with boxes fs %s lc rgb \"%s\" title ",
                      s ? ", \\\n  " : "", dn, s, draw_fill(s), draw_colour(s));
        gp_quote(g, strbuf_str(&txt));
    }
    for (size_t s = 0; s < nin; s++)
        strbuf_printf(g, ", \\\n  \"%s\" index %zu using 1:3:(0):($4-$3) with vectors heads size "
                         "screen 0.006,90 lc rgb \"#1a1a1a\" lw 1.5 %s",
                      dn, s, s == 0 ? "title \"95% CI\"" : "notitle");
    strbuf_addc(g, '\n');
    strbuf_release(&title);
    strbuf_release(&sub);
    strbuf_release(&foot);
    strbuf_release(&txt);
    strbuf_release(&base);
    strbuf_release(&part_s);
}

int chart_compare(const dataset *ds, const chart_opts *o, chart_list *l)
{
    int tunit = draw_metric(ds, o).unit;
    size_t nin = ds->ninputs > MAX_INPUTS ? MAX_INPUTS : ds->ninputs;
    if (tunit < 0 || nin < 2)
        return 0;
    bool exact = ds_exact(ds, tunit);
    row *r = calloc(ds->nbench ? ds->nbench : 1, sizeof *r);
    if (!r)
        return -1;
    size_t nr = 0;
    int rc = 0;
    pgeomean *geo = NULL;
    double *centers = NULL, *basec = NULL;
    for (size_t b = 0; b < ds->nbench; b++) {
        const ds_cell *base = ds_cell_get(ds, 0, b, tunit);
        if (!base)
            continue;
        row *w = &r[nr];
        w->bench = b;
        size_t others = 0;
        for (size_t s = 0; s < nin; s++) {
            const ds_cell *c = ds_cell_get(ds, s, b, tunit);
            if (!c)
                continue;
            if (summarize_cell(c->v, c->n, exact, &w->t[s]) != 0 ||
                (s > 0 &&
                 summarize_compare(base->v, base->n, c->v, c->n, exact, &w->cmp[s]) != 0)) {
                rc = -1;
                goto out;
            }
            w->has[s] = true;
            others += s > 0;
        }
        if (others)
            nr++;
    }
    if (nr == 0)
        goto out;
    /* The geomean group: escstat shows a geomean row when the table has
       more than one row.  Its bars are over the benchmarks every input
       has, the same set for each bar, so that a bar's height against the
       first input's is its change label (the geomean of the ratios over
       that set: escstat's own change for two inputs).  escstat's geomean
       row itself is over each input's own benchmarks: with other sets (C's
       38 leaves beside Go's 14) the first bar would stand for benchmarks
       the others lack. */
    size_t nrows = 0, ncommon = 0;
    bool differ = false;
    for (size_t b = 0; b < ds->nbench; b++) {
        size_t have = 0;
        for (size_t s = 0; s < nin; s++)
            have += ds_cell_get(ds, s, b, tunit) != NULL;
        nrows += have > 0;
        ncommon += have == nin;
        differ |= have > 0 && have < nin;
    }
    if (nrows > 1 && ncommon > 0) {
        geo = calloc(nin, sizeof *geo);
        centers = malloc(ncommon * sizeof *centers);
        basec = malloc(ncommon * sizeof *basec);
        if (!geo || !centers || !basec) {
            rc = -1;
            goto out;
        }
        for (size_t s = 0; s < nin; s++) {
            size_t n = 0;
            for (size_t b = 0; b < ds->nbench; b++) {
                const ds_cell *c = ds_cell_get(ds, s, b, tunit);
                const ds_cell *bc = ds_cell_get(ds, 0, b, tunit);
                pstat t, bt;
                size_t have = 0;
                for (size_t k = 0; k < nin; k++)
                    have += ds_cell_get(ds, k, b, tunit) != NULL;
                if (have < nin)
                    continue;
                if (summarize_cell(c->v, c->n, exact, &t) != 0 ||
                    summarize_cell(bc->v, bc->n, exact, &bt) != 0) {
                    rc = -1;
                    goto out;
                }
                centers[n] = t.center;
                basec[n] = bt.center;
                n++;
            }
            if (summarize_geomean(centers, basec, n, ncommon, s == 0, &geo[s]) != 0) {
                rc = -1;
                goto out;
            }
        }
    }
    /* per chart at most `per` benchmarks: ~100 px per input and bar gap */
    size_t per = (size_t)(o->width / (60.0 * (double)nin + 40.0));
    if (per < 3)
        per = 3;
    size_t nparts = (nr + per - 1) / per;
    size_t each = (nr + nparts - 1) / nparts;     /* even parts: 7+7, not 12+2 */
    for (size_t p = 0; p < nparts; p++) {
        size_t from = p * each, to = from + each > nr ? nr : from + each;
        if (from >= to)
            break;
        chart *c = chart_add(l, CHART_COMPARE, NULL);
        if (!c) {
            rc = -1;
            goto out;
        }
        draw_compare(c, l->n - 1, ds, o, r + from, to - from, nin, p, nparts,
                     p + 1 == nparts ? geo : NULL, differ ? ncommon : 0);
    }
out:
    free(r);
    free(geo);
    free(centers);
    free(basec);
    return rc;
}
