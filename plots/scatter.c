/*
 * scatter.c -- the scatter chart: every benchmark of an input as a point,
 * allocations per op across, time per op up (log scale), each point
 * labelled; the whole suite at a glance ("what allocating costs").
 *
 * Labels are placed by escplot, not gnuplot: points in the same column
 * (same allocs/op, which is common: 0 and 1) are sorted by time and their
 * labels pushed apart until they are a line apart, with a thin leader line
 * from the point when a label had to move.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chart.h"
#include "draw.h"
#include "gnuplot.h"
#include "names.h"
#include "stat.h"
#include "sweep.h"

typedef struct spt {
    size_t bench;
    size_t fam;                 /* family number, for colour and shape */
    double x, y;                /* allocs/op, time (display unit) */
    double ly;                  /* label position, log10 */
    size_t n;                   /* runs */
} spt;

static int by_x_then_y(const void *a, const void *b)
{
    const spt *p = a, *q = b;
    if (p->x != q->x)
        return (p->x > q->x) - (p->x < q->x);
    if (p->y != q->y)
        return (p->y > q->y) - (p->y < q->y);
    return (p->bench > q->bench) - (p->bench < q->bench);
}

/* spread pushes the labels ly[] of one column (sorted by y) apart to at
   least sep, moving each pair symmetrically; a few hundred rounds settle
   any realistic column. */
static void spread(spt *p, size_t n, double sep)
{
    for (int round = 0; round < 500; round++) {
        bool moved = false;
        for (size_t i = 1; i < n; i++) {
            double d = p[i].ly - p[i - 1].ly;
            if (d < sep - 1e-12) {
                double s = (sep - d) / 2;
                p[i].ly += s;
                p[i - 1].ly -= s;
                moved = true;
            }
        }
        if (!moved)
            break;
    }
}

static void draw_scatter(chart *c, size_t ci, const dataset *ds, const chart_opts *o, size_t in,
                         spt *p, size_t n, size_t nfam, bool sweeps_left_out)
{
    double tmax = 0;
    size_t nmin = SIZE_MAX, nmax = 0;
    for (size_t i = 0; i < n; i++) {
        if (p[i].y > tmax) tmax = p[i].y;
        if (p[i].n < nmin) nmin = p[i].n;
        if (p[i].n > nmax) nmax = p[i].n;
    }
    (void)tmax;
    double ymin = INFINITY, ymax = 0, xmin = INFINITY, xmax = -INFINITY;
    for (size_t i = 0; i < n; i++) {
        if (p[i].y < ymin) ymin = p[i].y;
        if (p[i].y > ymax) ymax = p[i].y;
        if (p[i].x < xmin) xmin = p[i].x;
        if (p[i].x > xmax) xmax = p[i].x;
    }
    /* vertical layout in log10 units: the plot is 63 % of the height;
       a label line is ~17 px */
    double lo = log10(ymin) - 0.25, hi = log10(ymax) + 0.25;
    double plot_px = 0.63 * o->height;
    double sep = 17.0 / plot_px * (hi - lo);
    qsort(p, n, sizeof *p, by_x_then_y);
    for (size_t i = 0; i < n; i++)
        p[i].ly = log10(p[i].y);
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j < n && p[j].x == p[i].x)
            j++;
        spread(p + i, j - i, sep);
        i = j;
    }
    for (size_t i = 0; i < n; i++) {
        if (p[i].ly - sep < lo) lo = p[i].ly - sep;
        if (p[i].ly + sep > hi) hi = p[i].ly + sep;
    }
    /* horizontal: the labels need ~240 px right of the rightmost column */
    double plot_w = 0.87 * o->width;
    double span = xmax - xmin > 0 ? xmax - xmin : 1;
    double label_frac = 240.0 / plot_w;
    double x0 = xmin - span * 0.08;
    double x1 = x0 + (xmax - x0) / (1 - label_frac);
    double dx = (x1 - x0) * 12.0 / plot_w;          /* 12 px right of the point */

    buf title = BUF_INIT, sub = BUF_INIT, foot = BUF_INIT, txt = BUF_INIT;
    buf_adds(&title, "Time against allocations per op");
    draw_context(ds, in, &sub);
    if (ds->ninputs > 1) {
        buf_adds(&sub, sub.len ? " \xc2\xb7 " : "");
        draw_input_name(ds, in, &sub);
    }
    buf_adds(&foot, "Each point: one benchmark, ");
    draw_runs(&foot, nmin, nmax);
    buf_adds(&foot, "; colour and shape: one family of sub-benchmarks.");
    if (sweeps_left_out)
        buf_adds(&foot, " Parameter sweeps have charts of their own.");
    buf suffix = BUF_INIT;
    if (ds->ninputs > 1)
        draw_input_name(ds, in, &suffix);
    draw_begin(&c->body, o, buf_str(&title), ds->ninputs > 1 ? buf_str(&suffix) : NULL,
               buf_str(&sub), buf_str(&foot));

    buf *g = &c->body, *d = &c->data[c->ndata++];
    char dn[64];
    chart_data_name(dn, sizeof dn, ci, 0);
    for (size_t f = 0; f < nfam; f++) {
        if (f)
            buf_adds(d, "\n\n");
        bool any = false;
        for (size_t i = 0; i < n; i++)
            if (p[i].fam == f) {
                buf_printf(d, "%.10g %.10g\n", p[i].x, p[i].y);
                any = true;
            }
        if (!any)
            buf_adds(d, "NaN NaN\n");
    }
    draw_log_time_axis(g, pow(10, lo) * 1.6, pow(10, hi) / 1.6);
    buf_printf(g, "set xrange [%.10g:%.10g]\n", x0, x1);
    if (xmax <= 12 && xmin >= 0)
        buf_adds(g, "set xtics 1\n");
    buf_adds(g, "set grid xtics\nset key off\nset rmargin at screen 0.96\nset tmargin at screen 0.86\n");
    buf_adds(g, "set xlabel \"allocations per op\"\n"
                "set ylabel \"time per op (log scale)\"\n");
    for (size_t i = 0; i < n; i++) {
        double ly = pow(10, p[i].ly);
        buf_reset(&txt);
        size_t base_n;
        buf var = BUF_INIT, whole = BUF_INIT;
        names_family(ds_name(ds, p[i].bench), &base_n, &var);
        buf_add(&whole, ds_name(ds, p[i].bench), base_n);
        if (var.len) {
            buf_addc(&whole, '/');
            buf_adds(&whole, buf_str(&var));
        }
        names_abbrev(buf_str(&whole), 30, &txt);
        buf_release(&var);
        buf_release(&whole);
        draw_label(g, buf_str(&txt), "first", p[i].x + dx, "first", ly,
                   "left font \",11\"");
        if (fabs(p[i].ly - log10(p[i].y)) > sep * 0.3)
            buf_printf(g, "set arrow from first %.10g, first %.10g to first %.10g, first %.10g "
                          "nohead lc rgb \"#999999\" lw 0.8\n",
                       p[i].x, p[i].y, p[i].x + dx * 0.9, ly);
    }
    buf_adds(g, "plot ");
    for (size_t f = 0; f < nfam; f++)
        buf_printf(g, "%s\"%s\" index %zu using 1:2 with points pt %d ps 1.6 lc rgb \"%s\"",
                   f ? ", \\\n  " : "", dn, f, draw_point(f), draw_colour(f));
    buf_addc(g, '\n');
    buf_release(&title);
    buf_release(&sub);
    buf_release(&foot);
    buf_release(&txt);
    buf_release(&suffix);
}

int chart_scatter(const dataset *ds, const chart_opts *o, chart_list *l)
{
    int tunit = ds_unit(ds, "sec/op"), aunit = ds_unit(ds, "allocs/op");
    if (tunit < 0 || aunit < 0)
        return 0;
    spt *p = calloc(ds->nbench ? ds->nbench : 1, sizeof *p);
    size_t *fam_of = calloc(ds->nbench ? ds->nbench : 1, sizeof *fam_of);
    if (!p || !fam_of) {
        free(p);
        free(fam_of);
        return -1;
    }
    /* family numbers in order of first appearance */
    size_t nfam = 0;
    for (size_t b = 0; b < ds->nbench; b++) {
        size_t bn, cn;
        buf var = BUF_INIT;
        names_family(ds_name(ds, b), &bn, &var);
        fam_of[b] = nfam;
        for (size_t k = 0; k < b; k++) {
            names_family(ds_name(ds, k), &cn, &var);
            if (cn == bn && !strncmp(ds_name(ds, k), ds_name(ds, b), bn)) {
                fam_of[b] = fam_of[k];
                break;
            }
        }
        buf_release(&var);
        if (fam_of[b] == nfam)
            nfam++;
    }
    /* the points of a parameter sweep are in the sweep chart; here they
       would be a tower of labels at one allocs/op */
    bool *swept = calloc(ds->nbench ? ds->nbench : 1, sizeof *swept);
    size_t nswept = 0;
    if (!swept) {
        free(p);
        free(fam_of);
        return -1;
    }
    for (size_t b = 0; b < ds->nbench; b++) {
        size_t bn;
        buf var = BUF_INIT, fam = BUF_INIT;
        names_family(ds_name(ds, b), &bn, &var);
        buf_add(&fam, ds_name(ds, b), bn);
        sweep_key k;
        double v;
        const char *kt;
        size_t kn;
        char rest[8];
        if (sweep_find(ds, buf_str(&fam), &k) &&
            sweep_value(ds_name(ds, b), &k, &v, &kt, &kn, rest, sizeof rest)) {
            swept[b] = true;
            nswept++;
        }
        buf_release(&var);
        buf_release(&fam);
    }
    int rc = 0;
    for (size_t in = 0; in < ds->ninputs && rc == 0; in++) {
        size_t n = 0;
        for (size_t b = 0; b < ds->nbench; b++) {
            const ds_cell *t = ds_cell_get(ds, in, b, tunit);
            const ds_cell *a = ds_cell_get(ds, in, b, aunit);
            pstat ts, as;
            if (!t || !a || swept[b])
                continue;
            if (pstat_of(t->v, t->n, ds_exact(ds, tunit), &ts) != 0 ||
                pstat_of(a->v, a->n, ds_exact(ds, aunit), &as) != 0) {
                rc = -1;
                break;
            }
            if (!(ts.center > 0))
                continue;                            /* no place on a log axis */
            p[n].bench = b;
            p[n].fam = fam_of[b];
            p[n].x = as.center;
            p[n].y = ts.center;
            p[n].n = ts.n;
            n++;
        }
        if (rc || n == 0)
            continue;
        buf slug = BUF_INIT;
        if (ds->ninputs > 1)
            draw_input_stem(ds, in, &slug);
        chart *c = chart_add(l, CHART_SCATTER, ds->ninputs > 1 ? buf_str(&slug) : NULL);
        buf_release(&slug);
        if (!c) {
            rc = -1;
            break;
        }
        draw_scatter(c, l->n - 1, ds, o, in, p, n, nfam, nswept > 0);
    }
    free(p);
    free(fam_of);
    free(swept);
    return rc;
}
