/*
 * family.c -- the family chart: for each top-level benchmark, bars of
 * time per op (median, 95 % CI whiskers) per variant on the left axis
 * and allocations per op on the right axis, bytes per op in the labels.
 * The seed post's "Interface boxing vs concrete type: ns/op and
 * allocs/op" picture.
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
#include "sweep.h"

enum { FAMILY_MAX_VARIANTS = 16 };

/* One bar pair. */
typedef struct variant {
    size_t bench;               /* index in the dataset */
    pstat t;                    /* time, seconds */
    double allocs, bytes;       /* medians; NaN when not measured */
} variant;

static double median_of(const dataset *ds, size_t in, size_t b, int unit)
{
    const ds_cell *c = ds_cell_get(ds, in, b, unit);
    pstat s;
    if (!c || summarize_cell(c->v, c->n, ds_exact(ds, unit), &s) != 0)
        return NAN;
    return s.center;
}

/* draw_family writes chart c (number ci) for the variants v[0..n), with
   tic labels labels[0..n), of family fam_raw (as in the data; fam is its
   display form) in input `in`. */
static void draw_family(chart *c, size_t ci, const dataset *ds, const chart_opts *o,
                        size_t in, const char *fam_raw, const char *fam, const variant *v, size_t n,
                        const char *const *labels)
{
    double tmax = 0, amax = 0;
    size_t nmin = SIZE_MAX, nmax = 0;
    bool some_inf = false;
    for (size_t i = 0; i < n; i++) {
        double top = v[i].t.ci_finite ? v[i].t.hi : v[i].t.center;
        if (top > tmax)
            tmax = top;
        if (v[i].allocs > amax)
            amax = v[i].allocs;
        if (v[i].t.n < nmin)
            nmin = v[i].t.n;
        if (v[i].t.n > nmax)
            nmax = v[i].t.n;
        some_inf |= !v[i].t.ci_finite;
    }
    double cmax = 0;
    for (size_t i = 0; i < n; i++)
        if (v[i].t.center > cmax)
            cmax = v[i].t.center;
    time_unit u = draw_time_unit(cmax);    /* the medians read 1..999 */
    bool have_allocs = false;
    for (size_t i = 0; i < n; i++)
        have_allocs |= !isnan(v[i].allocs);

    strbuf title = STRBUF_INIT, sub = STRBUF_INIT, foot = STRBUF_INIT, txt = STRBUF_INIT;
    names_abbrev(fam, 40, &title);
    strbuf_adds(&title, have_allocs ? ": time and allocations per op" : ": time per op");
    draw_context(ds, in, draw_family_inputs(ds, fam_raw) > 1, &sub);
    strbuf_adds(&foot, "Bars: ");
    draw_runs(&foot, nmin, nmax);
    strbuf_printf(&foot, "; whiskers: 95%% confidence interval of the median (as escstat prints "
                  "it)%s.", some_inf ? "; no whisker: too few runs" : "");
    draw_begin(&c->body, o, strbuf_str(&title), fam, strbuf_str(&sub), strbuf_str(&foot));

    double bw = have_allocs ? 0.36 : 0.6, off = have_allocs ? 0.19 : 0;
    strbuf *d = &c->data[c->ndata++];
    for (size_t i = 0; i < n; i++) {
        double ctr = v[i].t.center * u.mul;
        /* no whisker: "NaN", gnuplot's missing value (printf would
           write "nan") */
        strbuf_printf(d, "%zu %.10g ", i, ctr);
        if (v[i].t.ci_finite)
            strbuf_printf(d, "%.10g %.10g", v[i].t.lo * u.mul, v[i].t.hi * u.mul);
        else
            strbuf_adds(d, "NaN NaN");
        strbuf_printf(d, " %.10g\n", isnan(v[i].allocs) ? 0 : v[i].allocs);
    }
    char dn[64];
    chart_data_name(dn, sizeof dn, ci, 0);

    strbuf *g = &c->body;
    strbuf_printf(g, "set xrange [-0.6:%zu.6]\n", n - 1);
    double ya = 0, yb = tmax * u.mul * 1.22;
    for (size_t i = 0; i < n; i++)
        if (v[i].t.center * u.mul * 1.22 < ya)
            ya = v[i].t.center * u.mul * 1.22;          /* negative values */
    draw_range(&ya, &yb, false);
    strbuf_printf(g, "set yrange [%.10g:%.10g]\n", ya, yb);
    strbuf_adds(g, "set xtics scale 0 font \",13\" (");
    for (size_t i = 0; i < n; i++) {
        if (i)
            strbuf_adds(g, ", ");
        gp_quote(g, labels[i]);
        strbuf_printf(g, " %zu", i);
    }
    strbuf_adds(g, ")\n");
    strbuf_adds(g, "set ylabel ");
    strbuf_reset(&txt);
    strbuf_printf(&txt, "time per op (%s)", u.name);
    gp_quote(g, strbuf_str(&txt));
    strbuf_adds(g, "\n");
    if (have_allocs) {
        double bot = 0, top = amax > 0 ? amax * 1.22 : 1;
        draw_range(&bot, &top, false);
        strbuf_printf(g, "set y2range [0:%.10g]\nset y2tics nomirror out scale 0.6\n", top);
        if (amax <= 8)
            strbuf_adds(g, "set y2tics 1\n");
        strbuf_adds(g, "set y2label \"allocations per op\" offset -1,0\n"
                       "set border 11 lc rgb \"#404040\"\n");
    }
    /* value labels: time over each time bar, allocs and bytes over each
       alloc bar */
    for (size_t i = 0; i < n; i++) {
        double top = v[i].t.ci_finite ? v[i].t.hi : v[i].t.center;
        strbuf_reset(&txt);
        draw_num(&txt, v[i].t.center * u.mul);
        strbuf_printf(&txt, " %s", u.name);
        draw_label(g, strbuf_str(&txt), "first", (double)i - off, "first", top * u.mul,
                   "center offset 0,0.8 font \",12\"");
        if (have_allocs && !isnan(v[i].allocs)) {
            strbuf_reset(&txt);
            draw_num(&txt, v[i].allocs);
            strbuf_adds(&txt, v[i].allocs == 1 ? " alloc" : " allocs");
            if (!isnan(v[i].bytes)) {
                strbuf_addc(&txt, '\n');
                draw_bytes(&txt, v[i].bytes);
            }
            draw_label(g, strbuf_str(&txt), "first", (double)i + off, "second", v[i].allocs,
                       isnan(v[i].bytes) ? "center offset 0,0.8 font \",12\""
                                             : "center offset 0,1.8 font \",12\"");
        }
    }
    strbuf_printf(g, "set boxwidth %.2f absolute\n", bw);
    strbuf_printf(g, "plot \"%s\" using ($1-%.2f):2 with boxes fs %s lc rgb \"%s\" title "
                     "\"time/op (median)\", \\\n",
                  dn, off, draw_fill(0), draw_colour(0));
    /* whiskers as vectors with flat heads: yerrorbars would draw a point
       at the median too */
    strbuf_printf(g, "  \"\" using ($1-%.2f):3:(0):($4-$3) with vectors heads size screen "
                     "0.008,90 lc rgb \"#1a1a1a\" lw 1.5 title \"95%% CI\"", off);
    if (have_allocs)
        strbuf_printf(g, ", \\\n  \"\" using ($1+%.2f):5 axes x1y2 with boxes fs %s lc rgb \"%s\" "
                         "title \"allocs/op (right axis)\"",
                      off, draw_fill(1), draw_colour(1));
    strbuf_addc(g, '\n');
    strbuf_release(&title);
    strbuf_release(&sub);
    strbuf_release(&foot);
    strbuf_release(&txt);
}

int chart_family(const dataset *ds, const chart_opts *o, chart_list *l)
{
    int tunit = ds_unit(ds, "sec/op");
    int aunit = ds_unit(ds, "allocs/op"), bunit = ds_unit(ds, "B/op");
    if (tunit < 0)
        return 0;
    ds_walk w;
    int wrc = ds_walk_init(&w, ds);
    variant *v = calloc(FAMILY_MAX_VARIANTS, sizeof *v);
    strbuf *lab = calloc(FAMILY_MAX_VARIANTS, sizeof *lab);
    strbuf *abbr = calloc(FAMILY_MAX_VARIANTS, sizeof *abbr);
    const char *names[FAMILY_MAX_VARIANTS];
    int rc = 0;
    if (wrc != 0 || !v || !lab || !abbr) {
        rc = -1;
        goto out;
    }
    size_t in, b;
    while (ds_walk_next(&w, &in, &b)) {
        size_t base_n;
        strbuf fam = STRBUF_INIT, tmp = STRBUF_INIT;
        names_family(ds_name(ds, b), &base_n, &tmp);
        strbuf_add(&fam, ds_name(ds, b), base_n);
        strbuf_release(&tmp);
        /* the family's variants with a time in this input; in a sweep
           family (E5Buffer/threshold=fixed/size=4KiB ...) only those
           without the sweep key (E5Buffer/heap, E5Buffer/stack): the
           others are drawn by the sweep chart */
        sweep_key sk;
        bool swept = sweep_find(ds, strbuf_str(&fam), &sk);
        size_t n = 0;
        bool too_many = false;
        for (size_t k = b; k < ds->nbench; k++) {
            size_t kb;
            names_family(ds_name(ds, k), &kb, &tmp);
            if (kb != base_n || strncmp(ds_name(ds, k), fam.s ? fam.s : "", base_n) != 0) {
                strbuf_release(&tmp);
                continue;
            }
            ds_walk_take(&w, k);
            double kv;
            const char *kt;
            size_t kn;
            char rest[8];
            if (swept && sweep_value(ds_name(ds, k), &sk, &kv, &kt, &kn, rest, sizeof rest)) {
                strbuf_release(&tmp);
                continue;
            }
            const ds_cell *c = ds_cell_get(ds, in, k, tunit);
            if (c && n < FAMILY_MAX_VARIANTS &&
                summarize_cell(c->v, c->n, ds_exact(ds, tunit), &v[n].t) == 0) {
                v[n].bench = k;
                v[n].allocs = median_of(ds, in, k, aunit);
                v[n].bytes = median_of(ds, in, k, bunit);
                strbuf_reset(&lab[n]);
                if (tmp.len)
                    strbuf_adds(&lab[n], strbuf_str(&tmp));
                else
                    strbuf_adds(&lab[n], strbuf_str(&fam));
                n++;
            } else if (c) {
                too_many = true;
            }
            strbuf_release(&tmp);
        }
        /* one bar is no comparison; a sweep family gets a sweep chart */
        if (n < 2 || too_many) {
            strbuf_release(&fam);
            continue;
        }
        size_t per = (size_t)(o->width * 0.82 / (double)n / 11.0);
        for (size_t i = 0; i < n; i++) {
            names[i] = strbuf_str(&lab[i]);
            strbuf_reset(&abbr[i]);
        }
        names_abbrev_all(names, n, per < 8 ? 8 : per, true, abbr);
        for (size_t i = 0; i < n; i++)
            names[i] = strbuf_str(&abbr[i]);
        strbuf disp = STRBUF_INIT, slug = STRBUF_INIT;
        names_display(strbuf_str(&fam), fam.len, &disp);
        strbuf_adds(&slug, strbuf_str(&fam));
        if (draw_family_inputs(ds, strbuf_str(&fam)) > 1) {
            strbuf_addc(&slug, '-');
            draw_input_stem(ds, in, &slug);
        }
        chart *c = chart_add(l, CHART_FAMILY, strbuf_str(&slug));
        if (!c) {
            rc = -1;
            strbuf_release(&fam);
            strbuf_release(&disp);
            strbuf_release(&slug);
            goto out;
        }
        draw_family(c, l->n - 1, ds, o, in, strbuf_str(&fam), strbuf_str(&disp), v, n, names);
        strbuf_release(&fam);
        strbuf_release(&disp);
        strbuf_release(&slug);
    }
out:
    for (size_t i = 0; lab && i < FAMILY_MAX_VARIANTS; i++) {
        strbuf_release(&lab[i]);
        strbuf_release(&abbr[i]);
    }
    free(lab);
    free(abbr);
    free(v);
    ds_walk_release(&w);
    return rc;
}
