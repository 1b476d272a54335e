/*
 * scatter.c -- the scatter chart: every benchmark of an input as a point,
 * allocations per op across, time per op up (log scale), each point
 * labelled; the whole suite at a glance ("what allocating costs").
 *
 * Labels are placed by escplot, not gnuplot: points in the same column
 * (same allocs/op, which is common: 0 and 1) are sorted by time and their
 * labels pushed apart until they are a line apart, with a thin leader line
 * from the point when a label had to move.  The layout is O(n log n) (the
 * sort; the spreading is linear), and at most SCATTER_MAX_LABELS points
 * are labelled (the slowest), so that a suite of a million benchmarks
 * draws in seconds: every point is drawn, the footnote says which are
 * labelled.
 */
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chart.h"
#include "draw.h"
#include "gnuplot.h"
#include "hashindex.h"
#include "names.h"
#include "summarize.h"
#include "sweep.h"

/* More labels than this are unreadable on one chart anyway. */
enum { SCATTER_MAX_LABELS = 200 };
/* draw_colour and draw_point repeat after this many families. */
enum { STYLE_PERIOD = DRAW_NCOLOURS * 8 };

typedef struct spt {
    size_t bench;
    size_t fam;                 /* family number, for colour and shape */
    double x, y;                /* allocs/op, time (display unit) */
    double ly;                  /* label position, log10 */
    size_t n;                   /* runs */
    bool label;                 /* one of the labelled points */
} spt;

static int by_label_x_then_y(const void *a, const void *b)
{
    const spt *p = a, *q = b;
    if (p->label != q->label)
        return p->label ? -1 : 1;
    if (p->x != q->x)
        return (p->x > q->x) - (p->x < q->x);
    if (p->y != q->y)
        return (p->y > q->y) - (p->y < q->y);
    return (p->bench > q->bench) - (p->bench < q->bench);
}

/* spread places the labels ly[] of one column (sorted by y) at least sep
   apart, each as close to its point as that allows: the least-squares
   placement, found by pool-adjacent-violators on z[i] = ly[i] - i*sep
   (which must not decrease) in one pass.  blk (n entries of scratch) holds
   the blocks of labels moved together: their first index and the sum of
   their z. */
typedef struct block {
    size_t first;
    double sum;
} block;

static void spread(spt *p, size_t n, double sep, block *blk)
{
    size_t nb = 0;
    for (size_t i = 0; i < n; i++) {
        blk[nb].first = i;
        blk[nb].sum = p[i].ly - (double)i * sep;
        nb++;
        /* merge while the block before sits higher than the last one */
        while (nb > 1) {
            block *a = &blk[nb - 2], *b = &blk[nb - 1];
            size_t na = b->first - a->first, nbk = i + 1 - b->first;
            if (a->sum / (double)na <= b->sum / (double)nbk)
                break;
            a->sum += b->sum;
            nb--;
        }
    }
    for (size_t k = 0; k < nb; k++) {
        size_t end = k + 1 < nb ? blk[k + 1].first : n;
        double z = blk[k].sum / (double)(end - blk[k].first);
        for (size_t i = blk[k].first; i < end; i++)
            p[i].ly = z + (double)i * sep;
    }
}

static int by_y_desc(const void *a, const void *b)
{
    const spt *p = *(const spt *const *)a, *q = *(const spt *const *)b;
    if (p->y != q->y)
        return (p->y < q->y) - (p->y > q->y);
    return (p->bench > q->bench) - (p->bench < q->bench);
}

/* pick_labels marks the SCATTER_MAX_LABELS slowest points (all when there
   are no more); 0 or -1 when out of memory. */
static int pick_labels(spt *p, size_t n)
{
    if (n <= SCATTER_MAX_LABELS) {
        for (size_t i = 0; i < n; i++)
            p[i].label = true;
        return 0;
    }
    spt **order = malloc(n * sizeof *order);
    if (!order)
        return -1;
    for (size_t i = 0; i < n; i++) {
        order[i] = &p[i];
        p[i].label = false;
    }
    qsort(order, n, sizeof *order, by_y_desc);
    for (size_t i = 0; i < SCATTER_MAX_LABELS; i++)
        order[i]->label = true;
    free(order);
    return 0;
}

static int draw_scatter(chart *c, size_t ci, const dataset *ds, const chart_opts *o, size_t in,
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
    if (pick_labels(p, n) != 0)
        return -1;
    /* the labelled points first, by column and time: only their labels
       are spread */
    qsort(p, n, sizeof *p, by_label_x_then_y);
    size_t nl = 0;
    while (nl < n && p[nl].label)
        nl++;
    block *blk = malloc((nl ? nl : 1) * sizeof *blk);
    if (!blk)
        return -1;
    for (size_t i = 0; i < n; i++)
        p[i].ly = log10(p[i].y);
    for (size_t i = 0; i < nl;) {
        size_t j = i;
        while (j < nl && p[j].x == p[i].x)
            j++;
        spread(p + i, j - i, sep, blk);
        i = j;
    }
    free(blk);
    for (size_t i = 0; i < nl; i++) {
        if (p[i].ly - sep < lo) lo = p[i].ly - sep;
        if (p[i].ly + sep > hi) hi = p[i].ly + sep;
    }
    /* horizontal: the labels need ~240 px right of the rightmost column */
    double plot_w = 0.87 * o->width;
    double span = xmax - xmin > 0 ? xmax - xmin : 1;
    double label_frac = 240.0 / plot_w;
    double x0 = xmin - span * 0.08;
    double x1 = x0 + (xmax - x0) / (1 - label_frac);
    draw_range(&x0, &x1, false);
    double dx = (x1 - x0) / plot_w * 12.0;          /* 12 px right of the point */

    strbuf title = STRBUF_INIT, sub = STRBUF_INIT, foot = STRBUF_INIT, txt = STRBUF_INIT;
    strbuf_adds(&title, "Time against allocations per op");
    draw_context(ds, in, ds->ninputs > 1, &sub);
    strbuf_adds(&foot, "Each point: one benchmark, ");
    draw_runs(&foot, nmin, nmax);
    strbuf_adds(&foot, "; colour and shape: one family of sub-benchmarks.");
    if (nl < n)
        strbuf_printf(&foot, " Labelled: the %zu slowest of %zu.", nl, n);
    if (sweeps_left_out)
        strbuf_adds(&foot, " Parameter sweeps have charts of their own.");
    strbuf suffix = STRBUF_INIT;
    if (ds->ninputs > 1)
        draw_input_name(ds, in, &suffix);
    draw_begin(&c->body, o, strbuf_str(&title), ds->ninputs > 1 ? strbuf_str(&suffix) : NULL,
               strbuf_str(&sub), strbuf_str(&foot));

    strbuf *g = &c->body, *d = &c->data[c->ndata++];
    char dn[64];
    chart_data_name(dn, sizeof dn, ci, 0);
    /* one data block per point style: families that share a colour and
       shape share a block (a plot clause per family would be a million
       clauses for a million families) */
    size_t nstyle = nfam < STYLE_PERIOD ? nfam : STYLE_PERIOD;
    for (size_t f = 0; f < nstyle; f++) {
        if (f)
            strbuf_adds(d, "\n\n");
        bool any = false;
        for (size_t i = 0; i < n; i++)
            if (p[i].fam % STYLE_PERIOD == f) {
                strbuf_printf(d, "%.10g %.10g\n", p[i].x, p[i].y);
                any = true;
            }
        if (!any)
            strbuf_adds(d, "NaN NaN\n");
    }
    draw_log_time_axis(g, pow(10, lo) * 1.6, pow(10, hi) / 1.6);
    strbuf_printf(g, "set xrange [%.10g:%.10g]\n", x0, x1);
    if (xmax <= 12 && xmin >= 0)
        strbuf_adds(g, "set xtics 1\n");
    strbuf_adds(g, "set grid xtics\nset key off\n"
                   "set rmargin at screen 0.96\nset tmargin at screen 0.86\n");
    strbuf_adds(g, "set xlabel \"allocations per op\"\n"
                   "set ylabel \"time per op (log scale)\"\n");
    for (size_t i = 0; i < nl; i++) {
        /* a label pushed past the largest double stays at it */
        double ly = fmin(fmax(pow(10, p[i].ly), DBL_MIN), DBL_MAX);
        strbuf_reset(&txt);
        size_t base_n;
        strbuf var = STRBUF_INIT, whole = STRBUF_INIT;
        names_family(ds_name(ds, p[i].bench), &base_n, &var);
        strbuf_add(&whole, ds_name(ds, p[i].bench), base_n);
        if (var.len) {
            strbuf_addc(&whole, '/');
            strbuf_adds(&whole, strbuf_str(&var));
        }
        names_abbrev(strbuf_str(&whole), 30, &txt);
        strbuf_release(&var);
        strbuf_release(&whole);
        draw_label(g, strbuf_str(&txt), "first", p[i].x + dx, "first", ly,
                   "left font \",11\"");
        if (fabs(p[i].ly - log10(p[i].y)) > sep * 0.3)
            strbuf_printf(g, "set arrow from first %.10g, first %.10g to first %.10g, first %.10g "
                             "nohead lc rgb \"#999999\" lw 0.8\n",
                          p[i].x, p[i].y, p[i].x + dx * 0.9, ly);
    }
    strbuf_adds(g, "plot ");
    for (size_t f = 0; f < nstyle; f++)
        strbuf_printf(g, "%s\"%s\" index %zu using 1:2 with points pt %d ps 1.6 lc rgb \"%s\"",
                      f ? ", \\\n  " : "", dn, f, draw_point(f), draw_colour(f));
    strbuf_addc(g, '\n');
    strbuf_release(&title);
    strbuf_release(&sub);
    strbuf_release(&foot);
    strbuf_release(&txt);
    strbuf_release(&suffix);
    return 0;
}

/* A family's name is the first base[b] bytes of benchmark b's name. */
typedef struct fam_names {
    const dataset *ds;
    const size_t *base;
} fam_names;

/* fam_hash: the hash of benchmark b's family name (for the index). */
static uint32_t fam_hash(const void *ctx, uint32_t b)
{
    const fam_names *f = ctx;
    return hash_bytes(ds_name(f->ds, b), f->base[b]);
}

/* families numbers the families of the benchmarks (fam_of[b]) in order of
   first appearance, through an index of their first benchmarks (base's
   hashindex): linear in the number of benchmarks.  0, or -1 when out of
   memory. */
static int families(const dataset *ds, size_t *fam_of, size_t *nfam)
{
    size_t *base = malloc((ds->nbench ? ds->nbench : 1) * sizeof *base);
    if (!base)
        return -1;
    fam_names names = { ds, base };
    hashindex first;
    hashindex_init(&first, 0);
    strbuf var = STRBUF_INIT;
    int rc = 0;
    *nfam = 0;
    for (size_t b = 0; b < ds->nbench; b++) {
        const char *name = ds_name(ds, b);
        strbuf_reset(&var);
        names_family(name, &base[b], &var);
        uint32_t h = hash_bytes(name, base[b]), k = HASHINDEX_NONE;
        for (size_t i = hashindex_first(&first, h);; i = hashindex_next(&first, i)) {
            k = hashindex_at(&first, i);
            if (k == HASHINDEX_NONE ||
                (base[k] == base[b] && memcmp(ds_name(ds, k), name, base[b]) == 0))
                break;
        }
        if (k != HASHINDEX_NONE) {
            fam_of[b] = fam_of[k];
        } else if (hashindex_add(&first, h, (uint32_t)b, fam_hash, &names) == 0) {
            fam_of[b] = (*nfam)++;
        } else {
            rc = -1;
            break;
        }
    }
    strbuf_release(&var);
    hashindex_release(&first);
    free(base);
    return rc;
}

/* mark_swept sets swept[b] for the benchmarks that a sweep chart draws:
   sweep_find_in once per family (of at least SWEEP_MIN_VALUES members),
   then sweep_value per member.  0, or -1 when out of memory. */
static int mark_swept(const dataset *ds, const size_t *fam_of, size_t nfam, bool *swept,
                      size_t *nswept)
{
    size_t *start = calloc(nfam + 1, sizeof *start);
    size_t *members = malloc((ds->nbench ? ds->nbench : 1) * sizeof *members);
    if (!start || !members) {
        free(start);
        free(members);
        return -1;
    }
    /* members grouped by family, in dataset order (a counting sort) */
    for (size_t b = 0; b < ds->nbench; b++)
        start[fam_of[b] + 1]++;
    for (size_t f = 0; f < nfam; f++)
        start[f + 1] += start[f];
    for (size_t b = 0; b < ds->nbench; b++)
        members[start[fam_of[b]]++] = b;
    for (size_t f = nfam; f > 0; f--)
        start[f] = start[f - 1];
    start[0] = 0;
    *nswept = 0;
    for (size_t f = 0; f < nfam; f++) {
        size_t nm = start[f + 1] - start[f];
        sweep_key k;
        if (nm < SWEEP_MIN_VALUES || !sweep_find_in(ds, members + start[f], nm, &k))
            continue;
        for (size_t m = start[f]; m < start[f + 1]; m++) {
            double v;
            const char *kt;
            size_t kn;
            char rest[8];
            if (sweep_value(ds_name(ds, members[m]), &k, &v, &kt, &kn, rest, sizeof rest)) {
                swept[members[m]] = true;
                ++*nswept;
            }
        }
    }
    free(start);
    free(members);
    return 0;
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
    /* family numbers in order of first appearance, and which benchmarks
       belong to a parameter sweep: their points are in the sweep chart;
       here they would be a tower of labels at one allocs/op */
    size_t nfam = 0, nswept = 0;
    bool *swept = calloc(ds->nbench ? ds->nbench : 1, sizeof *swept);
    if (!swept || families(ds, fam_of, &nfam) != 0 ||
        mark_swept(ds, fam_of, nfam, swept, &nswept) != 0) {
        free(p);
        free(fam_of);
        free(swept);
        return -1;
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
            if (summarize_cell(t->v, t->n, ds_exact(ds, tunit), &ts) != 0 ||
                summarize_cell(a->v, a->n, ds_exact(ds, aunit), &as) != 0) {
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
        strbuf slug = STRBUF_INIT;
        if (ds->ninputs > 1)
            draw_input_stem(ds, in, &slug);
        chart *c = chart_add(l, CHART_SCATTER, ds->ninputs > 1 ? strbuf_str(&slug) : NULL);
        strbuf_release(&slug);
        if (!c) {
            rc = -1;
            break;
        }
        if (draw_scatter(c, l->n - 1, ds, o, in, p, n, nfam, nswept > 0) != 0)
            rc = -1;
    }
    free(p);
    free(fam_of);
    free(swept);
    return rc;
}
