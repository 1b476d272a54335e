/*
 * draw.c -- shared chart style (see draw.h).
 */
#include "draw.h"

#include <float.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "gnuplot.h"
#include "names.h"

/* Okabe-Ito, reordered: blue and orange first (dark vs light in grey). */
static const char *const colours[DRAW_NCOLOURS] = {
    "#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#000000",
};

const char *draw_colour(size_t i)
{
    return colours[i % DRAW_NCOLOURS];
}

const char *draw_fill(size_t i)
{
    /* gnuplot patterns: 1 and 2 cross-hatch, 4 and 5 diagonals, 6 and 7
       the other diagonals; 0 and 3 are empty and solid (not used). */
    static const char *const fills[] = {
        "solid 0.9 border rgb \"#1a1a1a\"",
        "pattern 4 border rgb \"#1a1a1a\"",
        "pattern 2 border rgb \"#1a1a1a\"",
        "pattern 5 border rgb \"#1a1a1a\"",
        "solid 0.45 border rgb \"#1a1a1a\"",
        "pattern 1 border rgb \"#1a1a1a\"",
        "pattern 6 border rgb \"#1a1a1a\"",
    };
    return fills[i % (sizeof fills / sizeof *fills)];
}

int draw_dash(size_t i)
{
    return (int)(i % 5) + 1;
}

int draw_point(size_t i)
{
    static const int pts[] = { 7, 5, 9, 11, 13, 4, 6, 8 };
    return pts[i % (sizeof pts / sizeof *pts)];
}

time_unit draw_time_unit(double max_s)
{
    if (max_s >= 0.9995)
        return (time_unit){ 1, "s" };
    if (max_s >= 0.9995e-3)
        return (time_unit){ 1e3, "ms" };
    if (max_s >= 0.9995e-6)
        return (time_unit){ 1e6, "\xc2\xb5s" };
    return (time_unit){ 1e9, "ns" };
}

void draw_num(strbuf *out, double x)
{
    double a = fabs(x);
    if (x == 0)
        strbuf_adds(out, "0");
    else if (!isfinite(x))
        strbuf_adds(out, "?");
    else if (a < 1e6 && x == floor(x))
        strbuf_printf(out, "%.0f", x);                  /* counts: "1 alloc" */
    else if (a >= 99.95)
        strbuf_printf(out, "%.0f", x);
    else if (a >= 9.995)
        strbuf_printf(out, "%.1f", x);
    else if (a >= 0.9995)
        strbuf_printf(out, "%.2f", x);
    else
        strbuf_printf(out, "%.3g", x);
}

void draw_bytes(strbuf *out, double x)
{
    static const char *const pfx[] = { "B", "KiB", "MiB", "GiB", "TiB" };
    size_t k = 0;
    /* 1000..1023 B stay in B: "1000 B" reads better than "0.98 KiB" */
    while (k + 1 < sizeof pfx / sizeof *pfx && fabs(x) >= 1024) {
        x /= 1024;
        k++;
    }
    draw_num(out, x);
    strbuf_printf(out, " %s", pfx[k]);
}

void draw_label(strbuf *gp, const char *text, const char *xsys, double x, const char *ysys,
                double y, const char *opts)
{
    strbuf_adds(gp, "set label ");
    gp_quote(gp, text);
    strbuf_printf(gp, " at %s %.10g, %s %.10g %s\n", xsys, x, ysys, y, opts ? opts : "");
}

void draw_begin(strbuf *gp, const chart_opts *o, const char *title, const char *suffix,
                const char *subtitle, const char *footnote)
{
    strbuf t = STRBUF_INIT;
    if (o->title) {
        names_display(o->title, strlen(o->title), &t);
        if (suffix) {
            strbuf_adds(&t, " \xe2\x80\x94 ");          /* em dash */
            strbuf_adds(&t, suffix);
        }
    } else {
        strbuf_adds(&t, title);
    }
    /* Titles and subtitles longer than the canvas is wide lose their
       middle: ~13 px per title character at 20 px, ~10 px at 12 px (wide letters). */
    strbuf fit = STRBUF_INIT;
    names_abbrev(strbuf_str(&t), (size_t)(o->width / 13), &fit);
    strbuf_reset(&t);
    strbuf_adds(&t, strbuf_str(&fit));
    strbuf_reset(&fit);
    if (subtitle)
        names_abbrev(subtitle, (size_t)(o->width / 10), &fit);
    strbuf_adds(gp,
                "set encoding utf8\n"
                "set termoption noenhanced\n"
                "set border 3 lc rgb \"#404040\"\n"
                "set tics nomirror out scale 0.6 textcolor rgb \"#202020\"\n"
                "set grid ytics lt 1 lc rgb \"#e3e3e3\" lw 1\n"
                "set grid noxtics\n"
                "set lmargin at screen 0.09\n"
                "set rmargin at screen 0.91\n"
                "set tmargin at screen 0.80\n"
                "set bmargin at screen 0.17\n"
                "set key at screen 0.5, screen 0.875 center top horizontal maxcols 4 "
                "noautotitle samplen 2.5 width 1\n");
    draw_label(gp, strbuf_str(&t), "screen", 0.5, "screen", 0.955, "center font \",20\"");
    if (subtitle && *subtitle)
        draw_label(gp, strbuf_str(&fit), "screen", 0.5, "screen", 0.91,
                   "center font \",12\" textcolor rgb \"#555555\"");
    if (footnote && *footnote)
        draw_label(gp, footnote, "screen", 0.012, "screen", 0.025,
                   "left font \",10\" textcolor rgb \"#555555\"");
    strbuf_release(&t);
    strbuf_release(&fit);
}

void draw_context(const dataset *ds, size_t i, bool with_name, strbuf *out)
{
    const char *goos = ds_config_get(ds, i, "goos");
    const char *goarch = ds_config_get(ds, i, "goarch");
    const char *cpu = ds_config_get(ds, i, "cpu");
    const char *pkg = ds_config_get(ds, i, "pkg");
    const char *sep = "";
    strbuf tmp = STRBUF_INIT;
    if (goos || goarch) {
        if (goos)
            strbuf_adds(&tmp, goos);
        if (goos && goarch)
            strbuf_addc(&tmp, '/');
        if (goarch)
            strbuf_adds(&tmp, goarch);
        sep = " \xc2\xb7 ";                          /* middle dot */
    }
    if (cpu) {
        /* go test's cpu: line keeps the blanks that pad the CPUID brand
           string ("Oxide Virtual Turin-like Processor" and 13 more); a
           subtitle has no use for them */
        size_t n = strlen(cpu);
        while (n > 0 && cpu[n - 1] == ' ')
            n--;
        strbuf_adds(&tmp, sep);
        strbuf_add(&tmp, cpu, n);
        sep = " \xc2\xb7 ";
    }
    if (pkg) {
        strbuf_adds(&tmp, sep);
        strbuf_adds(&tmp, "pkg ");
        strbuf_adds(&tmp, pkg);
    }
    names_display(strbuf_str(&tmp), tmp.len, out);
    strbuf_release(&tmp);
    if (with_name) {
        strbuf_adds(out, out->len ? " \xc2\xb7 " : "");
        draw_input_name(ds, i, out);
    }
}

void draw_runs(strbuf *out, size_t nmin, size_t nmax)
{
    if (nmin == nmax)
        strbuf_printf(out, "median of %zu run%s", nmin, nmin == 1 ? "" : "s");
    else
        strbuf_printf(out, "median of %zu to %zu runs", nmin, nmax);
}

void draw_bench_label(const char *full, size_t cols, bool split, strbuf *out)
{
    size_t base_n;
    strbuf var = STRBUF_INIT, whole = STRBUF_INIT, base = STRBUF_INIT;
    names_family(full, &base_n, &var);
    strbuf_add(&base, full, base_n);
    strbuf_adds(&whole, strbuf_str(&base));
    if (var.len) {
        strbuf_addc(&whole, '/');
        strbuf_adds(&whole, strbuf_str(&var));
    }
    if (cols < 8)
        cols = 8;
    strbuf disp = STRBUF_INIT;
    names_display(strbuf_str(&whole), whole.len, &disp);
    if ((!split && names_width(strbuf_str(&disp)) <= cols) || var.len == 0) {
        names_abbrev(strbuf_str(&whole), cols, out);
    } else {
        names_abbrev(strbuf_str(&base), cols, out);
        strbuf_addc(out, '\n');
        names_abbrev_variant(strbuf_str(&var), cols, out);
    }
    strbuf_release(&disp);
    strbuf_release(&var);
    strbuf_release(&whole);
    strbuf_release(&base);
}

void draw_input_name(const dataset *ds, size_t i, strbuf *out)
{
    const char *label = ds_label(ds, i);
    const char *slash = strrchr(label, '/');
    /* A label=path label is shown as given; a path by its base name.  (A
       label with a '/' in it is shown from its last '/' on: a chart legend
       has no room for directories.) */
    const char *s = slash && slash[1] ? slash + 1 : label;
    names_abbrev(s, 40, out);
}

void draw_input_stem(const dataset *ds, size_t i, strbuf *out)
{
    size_t start = out->len;
    draw_input_name(ds, i, out);
    if (out->len - start > 4 && !strcmp(out->s + out->len - 4, ".txt")) {
        out->len -= 4;
        out->s[out->len] = '\0';
    }
}

size_t draw_family_inputs(const dataset *ds, const char *fam)
{
    int t = ds_unit(ds, "sec/op");
    size_t count = 0, fl = strlen(fam);
    for (size_t in = 0; in < ds->ninputs; in++) {
        bool has = false;
        for (size_t b = 0; b < ds->nbench && !has; b++) {
            size_t base_n;
            strbuf var = STRBUF_INIT;
            names_family(ds_name(ds, b), &base_n, &var);
            strbuf_release(&var);
            has = base_n == fl && !strncmp(ds_name(ds, b), fam, fl) && ds_cell_get(ds, in, b, t);
        }
        count += has;
    }
    return count;
}

bool draw_needs_split(const dataset *ds, const size_t *benches, size_t n, size_t stride,
                      size_t cols)
{
    for (size_t i = 0; i < n; i++) {
        const size_t *b = (const size_t *)((const char *)benches + i * stride);
        strbuf disp = STRBUF_INIT;
        const char *name = ds_name(ds, *b);
        names_display(name, strlen(name), &disp);
        bool wide = names_width(strbuf_str(&disp)) > (cols < 8 ? 8 : cols);
        strbuf_release(&disp);
        if (wide)
            return true;
    }
    return false;
}

void draw_range(double *lo, double *hi, bool logscale)
{
    double a = *lo, b = *hi;
    if (logscale) {
        if (!(b > 0))
            b = a > 0 ? a : 1;
        if (b > DBL_MAX)
            b = DBL_MAX;
        if (!(a > 0))
            a = b / 100;
        if (a > DBL_MAX)
            a = DBL_MAX;
        if (a < DBL_MIN)
            a = DBL_MIN;
        if (!(a < b)) {
            a = a / 10 < DBL_MIN ? DBL_MIN : a / 10;
            b = b > DBL_MAX / 10 ? DBL_MAX : b * 10;
        }
    } else {
        if (isnan(a))
            a = 0;
        if (isnan(b))
            b = a;
        a = fmax(-DBL_MAX / 4, fmin(a, DBL_MAX / 4));
        b = fmax(-DBL_MAX / 4, fmin(b, DBL_MAX / 4));
        if (!(a < b)) {
            double d = a == 0 ? 1 : fabs(a) / 10;
            a -= a == 0 ? 0 : d;
            b = a + (a == 0 ? d : 2 * d);
        }
    }
    *lo = a;
    *hi = b;
}

void draw_log_time_axis(strbuf *gp, double lo_s, double hi_s)
{
    double lo = lo_s / 1.6, hi = hi_s * 1.6;
    draw_range(&lo, &hi, true);
    strbuf_printf(gp, "set logscale y 10\nset yrange [%.10g:%.10g]\nset ytics (", lo, hi);
    int k0 = (int)floor(log10(lo)), k1 = (int)ceil(log10(hi));
    static const int steps_all[] = { 1, 2, 5 };
    bool fine = k1 - k0 <= 4;
    bool first = true;
    for (int k = k0; k <= k1; k++) {
        for (size_t m = 0; m < (fine ? 3u : 1u); m++) {
            double v = steps_all[m] * pow(10, k);
            if (v < lo || v > hi)
                continue;
            /* the label: v in the unit that makes it 1..999 */
            int e = k + 9;                           /* exponent in ns */
            const char *unit = e >= 9 ? "s" : e >= 6 ? "ms" : e >= 3 ? "\xc2\xb5s" : "ns";
            int ue = e >= 9 ? 9 : e >= 6 ? 6 : e >= 3 ? 3 : 0;
            double shown = steps_all[m] * pow(10, e - ue);
            strbuf t = STRBUF_INIT;
            strbuf_printf(&t, "%g %s", shown, unit);
            strbuf_adds(gp, first ? "" : ", ");
            gp_quote(gp, strbuf_str(&t));
            strbuf_printf(gp, " %.10g", v);
            strbuf_release(&t);
            first = false;
        }
    }
    strbuf_adds(gp, ")\n");
}

metric draw_metric(const dataset *ds, const chart_opts *o)
{
    metric m;
    m.name = o->unit ? o->unit : "sec/op";
    m.time = strcmp(m.name, "sec/op") == 0;
    m.unit = ds_unit(ds, m.name);
    return m;
}

void draw_metric_title(const metric *m, bool cap, strbuf *out)
{
    if (m->time)
        strbuf_adds(out, cap ? "Time per op" : "time per op");
    else
        names_display(m->name, strlen(m->name), out);
}

double draw_y_axis(strbuf *gp, const metric *m, double lo, double hi, double ref, bool logy,
                   double headroom)
{
    strbuf label = STRBUF_INIT;
    double mul = 1;
    draw_metric_title(m, false, &label);
    if (logy && m->time) {
        draw_log_time_axis(gp, lo, hi);
        strbuf_adds(&label, " (log scale)");
    } else if (logy) {
        double a = lo / 1.6, b = hi * 1.6;
        draw_range(&a, &b, true);
        strbuf_printf(gp, "set logscale y 10\nset format y \"%%g\"\nset yrange [%.10g:%.10g]\n",
                      a, b);
        strbuf_adds(&label, " (log scale)");
    } else {
        if (m->time) {
            time_unit u = draw_time_unit(ref);
            mul = u.mul;
            strbuf_printf(&label, " (%s)", u.name);
        }
        /* from 0, or from below 0 when there are negative values */
        double a = lo < 0 ? lo * mul * headroom : 0, b = hi > 0 ? hi * mul * headroom : 0;
        draw_range(&a, &b, false);
        strbuf_printf(gp, "set yrange [%.10g:%.10g]\n", a, b);
    }
    strbuf_adds(gp, "set ylabel ");
    gp_quote(gp, strbuf_str(&label));
    strbuf_adds(gp, "\n");
    strbuf_release(&label);
    return mul;
}
