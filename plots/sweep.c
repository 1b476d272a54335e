/*
 * sweep.c -- parameter sweeps: finding the numeric key (this file's first
 * half) and the sweep chart (second half): time per op against the key,
 * one line per value of the other keys, the 95 % CI of the median as a
 * band around each line.
 */
#include "sweep.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chart.h"
#include "draw.h"
#include "gnuplot.h"
#include "names.h"
#include "numkey.h"
#include "parse.h"
#include "summarize.h"

enum { MAX_PARTS = 16 };

/* sub_parts splits name into its '/' parts (GOMAXPROCS suffix left out);
   returns how many, at most MAX_PARTS; *base_n gets the base length. */
static size_t sub_parts(const char *name, size_t *base_n, parse_name_part *p)
{
    parse_name_part all[MAX_PARTS + 1];
    size_t n = parse_name_split(name, strlen(name), base_n, all, MAX_PARTS + 1);
    if (n > MAX_PARTS + 1)
        n = MAX_PARTS + 1;
    size_t k = 0;
    for (size_t i = 0; i < n && k < MAX_PARTS; i++)
        if (all[i].s[0] == '/')
            p[k++] = all[i];
    return k;
}

static bool in_family(const char *name, const char *fam, size_t *base_n, parse_name_part *p,
                      size_t *np)
{
    *np = sub_parts(name, base_n, p);
    return *base_n == strlen(fam) && strncmp(name, fam, *base_n) == 0;
}

/* match: part p (number i) is the key k */
static bool match(const parse_name_part *p, size_t i, const sweep_key *k)
{
    if (k->pos >= 0)
        return p->key == NULL && (size_t)k->pos == i;
    return p->key && p->keylen == strlen(k->key) && memcmp(p->key, k->key, p->keylen) == 0;
}

/* count_values: distinct numeric values of key k among the family's
   benchmarks members[0..nm), or 0 when some value is not a number */
static size_t count_values(const dataset *ds, const size_t *members, size_t nm,
                           const sweep_key *k)
{
    double seen[256];
    size_t nseen = 0;
    for (size_t m = 0; m < nm; m++) {
        parse_name_part p[MAX_PARTS];
        size_t base_n, np = sub_parts(ds_name(ds, members[m]), &base_n, p);
        for (size_t i = 0; i < np; i++) {
            if (!match(&p[i], i, k))
                continue;
            double v;
            if (!numkey_parse(p[i].val, p[i].vallen, &v))
                return 0;
            bool dup = false;
            for (size_t j = 0; j < nseen && !dup; j++)
                dup = seen[j] == v;
            if (!dup && nseen < 256)
                seen[nseen++] = v;
        }
    }
    return nseen;
}

bool sweep_find_in(const dataset *ds, const size_t *members, size_t nm, sweep_key *best)
{
    bool found = false;
    /* each key is counted once, the first time it is met (a family of n
       benchmarks has a few keys, not n) */
    sweep_key tried[2 * MAX_PARTS];
    size_t ntried = 0;
    for (size_t m = 0; m < nm; m++) {
        parse_name_part p[MAX_PARTS];
        size_t base_n, np = sub_parts(ds_name(ds, members[m]), &base_n, p);
        for (size_t i = 0; i < np; i++) {
            sweep_key k;
            memset(&k, 0, sizeof k);
            if (p[i].key) {
                if (p[i].keylen >= sizeof k.key)
                    continue;
                memcpy(k.key, p[i].key, p[i].keylen);
                k.pos = -1;
            } else {
                k.pos = (int)i;
            }
            bool seen = false;
            for (size_t t = 0; t < ntried && !seen; t++)
                seen = tried[t].pos == k.pos && strcmp(tried[t].key, k.key) == 0;
            if (seen)
                continue;
            if (ntried < sizeof tried / sizeof tried[0])
                tried[ntried++] = k;
            k.nvalues = count_values(ds, members, nm, &k);
            if (k.nvalues >= SWEEP_MIN_VALUES && (!found || k.nvalues > best->nvalues)) {
                *best = k;
                found = true;
            }
        }
    }
    return found;
}

bool sweep_find(const dataset *ds, const char *fam, sweep_key *best)
{
    size_t *members = malloc((ds->nbench ? ds->nbench : 1) * sizeof *members), nm = 0;
    if (!members)
        return false;
    for (size_t b = 0; b < ds->nbench; b++) {
        parse_name_part p[MAX_PARTS];
        size_t base_n, np;
        if (in_family(ds_name(ds, b), fam, &base_n, p, &np))
            members[nm++] = b;
    }
    bool found = sweep_find_in(ds, members, nm, best);
    free(members);
    return found;
}

bool sweep_value(const char *name, const sweep_key *k, double *v, const char **text,
                 size_t *n, char *rest, size_t rest_size)
{
    parse_name_part p[MAX_PARTS];
    size_t base_n;
    size_t np = sub_parts(name, &base_n, p);
    bool found = false;
    size_t len = 0;
    rest[0] = '\0';
    for (size_t i = 0; i < np; i++) {
        if (!found && match(&p[i], i, k) && numkey_parse(p[i].val, p[i].vallen, v)) {
            *text = p[i].val;
            *n = p[i].vallen;
            found = true;
            continue;
        }
        const char *s = p[i].s + (len == 0);          /* no leading '/' */
        size_t sl = p[i].n - (len == 0);
        if (len + sl + 1 < rest_size) {
            memcpy(rest + len, s, sl);
            len += sl;
            rest[len] = '\0';
        }
    }
    return found;
}

/* --- the chart ---------------------------------------------------------- */

enum { MAX_SERIES = 8, MAX_POINTS = 64 };

typedef struct spoint {
    double x;                   /* key value */
    const char *text;           /* key as written (points into the name) */
    size_t textn;
    pstat t;
} spoint;

typedef struct series {
    char label[256];            /* other parts, "" when none */
    spoint pt[MAX_POINTS];
    size_t n;
} series;

static int cmp_point(const void *a, const void *b)
{
    double x = ((const spoint *)a)->x, y = ((const spoint *)b)->x;
    return (x > y) - (x < y);
}

static void draw_sweep(chart *c, size_t ci, const dataset *ds, const chart_opts *o, size_t in,
                       const char *fam_raw, const char *fam, const sweep_key *k, series *s, size_t ns)
{
    double tmin = INFINITY, tmax = 0, xmin = INFINITY, xmax = -INFINITY;
    bool has_zero = false;          /* a 0 has no place on a log axis */
    double cmax = 0;                /* largest median: picks the unit */
    size_t nmin = SIZE_MAX, nmax = 0;
    bool some_inf = false;
    for (size_t i = 0; i < ns; i++)
        for (size_t j = 0; j < s[i].n; j++) {
            const spoint *p = &s[i].pt[j];
            double hi = p->t.ci_finite ? p->t.hi : p->t.center;
            double lo = p->t.ci_finite ? p->t.lo : p->t.center;
            if (hi > tmax) tmax = hi;
            if (p->t.center > cmax) cmax = p->t.center;
            if (lo < tmin && lo > 0) tmin = lo;
            if (!(p->t.center > 0)) has_zero = true;
            if (p->x < xmin) xmin = p->x;
            if (p->x > xmax) xmax = p->x;
            if (p->t.n < nmin) nmin = p->t.n;
            if (p->t.n > nmax) nmax = p->t.n;
            some_inf |= !p->t.ci_finite;
        }
    bool logx = xmin > 0 && xmax / xmin >= 8;
    bool logy = !has_zero && tmin > 0 && tmax / tmin >= 20;
    metric m = draw_metric(ds, o);

    strbuf title = STRBUF_INIT, sub = STRBUF_INIT, foot = STRBUF_INIT, txt = STRBUF_INIT;
    strbuf kname = STRBUF_INIT;
    if (k->pos >= 0)
        strbuf_printf(&kname, "sub-benchmark %d", k->pos + 1);
    else
        names_display(k->key, strlen(k->key), &kname);
    names_abbrev(fam, 40, &title);
    strbuf_adds(&title, ": ");
    draw_metric_title(&m, false, &title);
    strbuf_printf(&title, " against %s", strbuf_str(&kname));
    draw_context(ds, in, draw_family_inputs(ds, fam_raw) > 1, &sub);
    strbuf_adds(&foot, "Points: ");
    draw_runs(&foot, nmin, nmax);
    strbuf_printf(&foot, "; band: 95%% confidence interval of the median (as escstat prints it)%s.",
                  some_inf ? "; no band: too few runs" : "");
    draw_begin(&c->body, o, strbuf_str(&title), fam, strbuf_str(&sub), strbuf_str(&foot));

    strbuf *g = &c->body, *d = &c->data[c->ndata++];
    char dn[64];
    chart_data_name(dn, sizeof dn, ci, 0);
    double mul = draw_y_axis(g, &m, tmin, tmax, cmax, logy, 1.1);
    for (size_t i = 0; i < ns; i++) {
        if (i)
            strbuf_adds(d, "\n\n");
        for (size_t j = 0; j < s[i].n; j++) {
            const spoint *p = &s[i].pt[j];
            strbuf_printf(d, "%.10g %.10g", p->x, p->t.center * mul);
            if (p->t.ci_finite)
                strbuf_printf(d, " %.10g %.10g\n", p->t.lo * mul, p->t.hi * mul);
            else
                strbuf_printf(d, " NaN NaN\n");
        }
    }
    if (logx)
        strbuf_adds(g, "set logscale x 2\n");
    double xa, xb;
    if (logx) {
        xa = xmin / 1.3;
        xb = xmax * 1.3;
    } else {
        double pad = (xmax - xmin) * 0.04;
        xa = xmin - pad;
        xb = xmax + pad;
    }
    draw_range(&xa, &xb, logx);
    strbuf_printf(g, "set xrange [%.10g:%.10g]\n", xa, xb);
    /* x tics at the key values, written as in the names (4KiB, not 4096) */
    strbuf_adds(g, "set xtics (");
    size_t ntics = 0;
    double last = NAN;
    for (size_t i = 0; i < ns; i++) {
        for (size_t j = 0; j < s[i].n; j++) {
            const spoint *p = &s[i].pt[j];
            bool dup = false;
            for (size_t a = 0; a < i && !dup; a++)
                for (size_t b = 0; b < s[a].n && !dup; b++)
                    dup = s[a].pt[b].x == p->x;
            for (size_t b = 0; b < j && !dup; b++)
                dup = s[i].pt[b].x == p->x;
            if (dup || p->x == last)
                continue;
            strbuf_reset(&txt);
            names_display(p->text, p->textn, &txt);
            strbuf_adds(g, ntics++ ? ", " : "");
            gp_quote(g, strbuf_str(&txt));
            strbuf_printf(g, " %.10g", p->x);
        }
    }
    strbuf_adds(g, ")\nset grid xtics\n");
    strbuf_adds(g, "set xlabel ");
    gp_quote(g, strbuf_str(&kname));
    strbuf_adds(g, logx ? " offset 0,0.3\n" : "\n");
    strbuf_adds(g, "set rmargin at screen 0.96\n");
    strbuf_adds(g, "plot ");
    for (size_t i = 0; i < ns; i++) {
        const char *col = draw_colour(i);
        strbuf_printf(g, "%s\"%s\" index %zu using 1:3:4 with filledcurves fs transparent solid "
                         "0.18 noborder lc rgb \"%s\" notitle, \\\n",
                      i ? ", \\\n  " : "", dn, i, col);
        strbuf_printf(g, "  \"\" index %zu using 1:2 with linespoints lw 2.5 dt %d pt %d ps 1.4 "
                         "lc rgb \"%s\" title ",
                      i, draw_dash(i), draw_point(i), col);
        strbuf_reset(&txt);
        if (s[i].label[0])
            names_abbrev_variant(s[i].label, 40, &txt);
        else
            strbuf_adds(&txt, fam);
        gp_quote(g, strbuf_str(&txt));
    }
    strbuf_addc(g, '\n');
    strbuf_release(&title);
    strbuf_release(&sub);
    strbuf_release(&foot);
    strbuf_release(&txt);
    strbuf_release(&kname);
}

int chart_sweep(const dataset *ds, const chart_opts *o, chart_list *l)
{
    int tunit = draw_metric(ds, o).unit;
    if (tunit < 0)
        return 0;
    series *s = calloc(MAX_SERIES, sizeof *s);
    ds_walk w;
    int wrc = ds_walk_init(&w, ds);
    int rc = 0;
    if (!s || wrc != 0) {
        rc = -1;
        goto out;
    }
    size_t in, b;
    while (ds_walk_next(&w, &in, &b)) {
        parse_name_part p[MAX_PARTS];
        size_t base_n, np;
        np = sub_parts(ds_name(ds, b), &base_n, p);
        (void)np;
        char fam[256];
        if (base_n >= sizeof fam)
            continue;
        memcpy(fam, ds_name(ds, b), base_n);
        fam[base_n] = '\0';
        sweep_key k;
        if (!sweep_find(ds, fam, &k)) {
            ds_walk_take(&w, b);
            continue;
        }
        size_t ns = 0;
        for (size_t m = b; m < ds->nbench; m++) {
            size_t mb, mn;
            if (!in_family(ds_name(ds, m), fam, &mb, p, &mn))
                continue;
            ds_walk_take(&w, m);
            double x;
            const char *text;
            size_t textn;
            char rest[256];
            const ds_cell *c = ds_cell_get(ds, in, m, tunit);
            if (!c || !sweep_value(ds_name(ds, m), &k, &x, &text, &textn, rest, sizeof rest))
                continue;
            size_t si = 0;
            while (si < ns && strcmp(s[si].label, rest) != 0)
                si++;
            if (si == ns) {
                if (ns == MAX_SERIES)
                    continue;
                memset(&s[ns], 0, sizeof s[ns]);
                snprintf(s[ns].label, sizeof s[ns].label, "%s", rest);
                ns++;
            }
            if (s[si].n == MAX_POINTS)
                continue;
            spoint *pt = &s[si].pt[s[si].n];
            if (summarize_cell(c->v, c->n, ds_exact(ds, tunit), &pt->t) != 0) {
                rc = -1;
                goto out;
            }
            pt->x = x;
            pt->text = text;
            pt->textn = textn;
            s[si].n++;
        }
        if (ns == 0)
            continue;
        for (size_t i = 0; i < ns; i++)
            qsort(s[i].pt, s[i].n, sizeof *s[i].pt, cmp_point);
        strbuf slug = STRBUF_INIT, disp = STRBUF_INIT;
        strbuf_adds(&slug, fam);
        strbuf_addc(&slug, '-');
        if (k.pos >= 0)
            strbuf_printf(&slug, "%d", k.pos + 1);
        else
            strbuf_adds(&slug, k.key);
        if (draw_family_inputs(ds, fam) > 1) {
            strbuf_addc(&slug, '-');
            draw_input_stem(ds, in, &slug);
        }
        chart *c = chart_add(l, CHART_SWEEP, strbuf_str(&slug));
        if (c) {
            names_display(fam, strlen(fam), &disp);
            draw_sweep(c, l->n - 1, ds, o, in, fam, strbuf_str(&disp), &k, s, ns);
        } else {
            rc = -1;
        }
        strbuf_release(&slug);
        strbuf_release(&disp);
        if (rc)
            goto out;
    }
out:
    free(s);
    ds_walk_release(&w);
    return rc;
}
