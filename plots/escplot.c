/*
 * escplot.c -- main of escplot: charts of benchmark results for blog
 * posts, drawn by gnuplot from the numbers escstat prints.
 *
 *     escplot [flags] inputs... [-o DIR]
 *
 * Reads the inputs with the escstat parser (dataset.h), builds the charts
 * that apply (chart.h), writes each chart's script and data into a
 * scratch directory inside DIR, runs gnuplot on it (gnuplot.h) and moves
 * the finished PNG/SVG files into DIR, printing their paths on stdout,
 * one per line (with -script also each chart's script and data files).
 * Exit status (exitcode.h): 0 all charts written; 1 a bad input line, an
 * unreadable input, no results, no chart applies, or a chart gnuplot
 * failed on (the other charts are still written); 2 usage error; 3
 * gnuplot not found.  Messages go out through usage.h.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "strbuf.h"
#include "chart.h"
#include "dataset.h"
#include "exitcode.h"
#include "gnuplot.h"
#include "goflag.h"
#include "names.h"
#include "usage.h"

#define PROG "escplot"                  /* the name in messages */
enum { FMT_PNG = 1, FMT_SVG = 2 };

static const char usage_text[] =
    "usage: escplot [flags] inputs... [-o DIR]\n"
    "\n"
    "Draws charts of Go-format benchmark results (escbench, go test -bench)\n"
    "with gnuplot, with the medians and 95% confidence intervals escstat prints.\n"
    "An input is a file, label=file, or - for stdin.  Flags may follow the inputs.\n"
    "\n"
    "  -chart LIST    charts to draw, comma-separated: family, scatter, compare,\n"
    "                 sweep, all (default all: every kind that applies)\n"
    "  -format F      png, svg or both (default both)\n"
    "  -o DIR         write the charts into DIR (default .; created if missing)\n"
    "  -title TEXT    title of the charts (default: made from the benchmark names)\n"
    "  -width N       width in pixels (default 1200)\n"
    "  -height N      height in pixels (default 700)\n"
    "  -unit U        what compare and sweep charts show: a unit of the inputs,\n"
    "                 e.g. B/op, allocs/op, MB/s (default ns/op: time per op)\n"
    "  -gnuplot PROG  the gnuplot to run (default gnuplot, found in $PATH)\n"
    "  -script        also write each chart's gnuplot script and data into DIR\n"
    "                 (NAME.gp, NAME-0.dat; run `gnuplot NAME.gp` in DIR to redraw)\n"
    "  -v             show gnuplot's messages and the scratch files kept on failure\n"
    "\n"
    "Prints the path of each chart written, one per line.  Exit status: 0 ok,\n"
    "1 bad input or a chart failed, 2 usage error, 3 gnuplot not found.\n";

typedef struct opts {
    int charts;                 /* CHART_* bits */
    int formats;                /* FMT_* bits */
    const char *outdir;
    const char *gnuplot;
    bool verbose;
    bool script;                /* -script: keep each chart's script and data */
    char *unit_tidy;            /* -unit, tidied (owned) */
    const char *unit_given;     /* -unit as given */
    chart_opts co;
} opts;

static bool parse_int(const char *s, int lo, int hi, int *v)
{
    char *end;
    errno = 0;
    long x = strtol(s, &end, 10);
    if (errno || end == s || *end || x < lo || x > hi)
        return false;
    *v = (int)x;
    return true;
}

static bool parse_charts(const char *s, int *bits)
{
    *bits = 0;
    while (*s) {
        size_t n = strcspn(s, ",");
        if (n == 6 && !strncmp(s, "family", n)) *bits |= CHART_FAMILY;
        else if (n == 7 && !strncmp(s, "scatter", n)) *bits |= CHART_SCATTER;
        else if (n == 7 && !strncmp(s, "compare", n)) *bits |= CHART_COMPARE;
        else if (n == 5 && !strncmp(s, "sweep", n)) *bits |= CHART_SWEEP;
        else if (n == 3 && !strncmp(s, "all", n)) *bits |= CHART_ALL;
        else return false;
        s += n;
        if (*s == ',')
            s++;
    }
    return *bits != 0;
}

enum { P_CHART, P_FORMAT, P_O, P_TITLE, P_WIDTH, P_HEIGHT, P_UNIT, P_GNUPLOT, P_SCRIPT, P_V };
static const goflag_def flag_defs[] = {
    {"chart", false, P_CHART}, {"format", false, P_FORMAT}, {"o", false, P_O},
    {"title", false, P_TITLE}, {"width", false, P_WIDTH},   {"height", false, P_HEIGHT},
    {"unit", false, P_UNIT},   {"gnuplot", false, P_GNUPLOT},
    {"script", true, P_SCRIPT}, {"v", true, P_V},
};

/* set stores the value of the flag g just read into o.  Returns 0, -1
   with Go's message in g->msg (a bad value), or -2 when out of memory. */
static int set(opts *o, goflag *g)
{
    const char *val = g->value;

    switch (g->def->id) {
    case P_CHART:
        if (!parse_charts(val, &o->charts))
            return goflag_invalid(g, "want family, scatter, compare, sweep or all");
        return 0;
    case P_FORMAT:
        if (!strcmp(val, "png")) o->formats = FMT_PNG;
        else if (!strcmp(val, "svg")) o->formats = FMT_SVG;
        else if (!strcmp(val, "both")) o->formats = FMT_PNG | FMT_SVG;
        else return goflag_invalid(g, "want png, svg or both");
        return 0;
    case P_O: o->outdir = val; return 0;
    case P_TITLE: o->co.title = val; return 0;
    case P_GNUPLOT: o->gnuplot = val; return 0;
    case P_SCRIPT: return goflag_bool(g, &o->script);
    case P_V: return goflag_bool(g, &o->verbose);
    case P_WIDTH:
    case P_HEIGHT:
        if (!parse_int(val, 200, 10000, g->def->id == P_WIDTH ? &o->co.width : &o->co.height))
            return goflag_invalid(g, "want pixels from 200 to 10000");
        return 0;
    case P_UNIT: {
        /* tidied as the parser tidies the inputs: ns/op is sec/op */
        size_t n = strlen(val);
        if (n == 0)
            return goflag_invalid(g, NULL);
        char *t = malloc(n + n / 2 + 8);
        if (!t)
            return -2;
        parse_tidy_unit(val, n, t, n + n / 2 + 8);
        free(o->unit_tidy);
        o->unit_tidy = t;
        o->unit_given = val;
        o->co.unit = t;
        return 0;
    }
    }
    return 0;
}

/* parse_flags reads Go-style flags (goflag.h) anywhere among the inputs,
   gathered in inputs[]; "--" ends the flags.  Returns -1 to go on, or the
   exit status: 0 after -h (the usage on stdout), 2 for a bad command line
   (the reason and the usage on stderr), 1 when out of memory. */
static int parse_flags(int argc, char **argv, opts *o, char **inputs, size_t *ninputs)
{
    goflag g;
    int k, rc;

    *ninputs = 0;
    goflag_init(&g, argc, argv, flag_defs, sizeof flag_defs / sizeof flag_defs[0]);
    g.interspersed = true;
    while ((k = goflag_next(&g)) != GOFLAG_END) {
        switch (k) {
        case GOFLAG_ARG:
            inputs[(*ninputs)++] = argv[g.next - 1];
            break;
        case GOFLAG_HELP:
            fputs(usage_text, stdout);
            return ESC_EXIT_OK;
        case GOFLAG_ERROR:
            return usage_error(stderr, PROG, g.msg, usage_text);
        default:
            rc = set(o, &g);
            if (rc == -2) {
                usage_msg(stderr, PROG, "out of memory");
                return ESC_EXIT_FAIL;
            }
            if (rc != 0)
                return usage_error(stderr, PROG, g.msg, usage_text);
        }
    }
    if (*ninputs == 0)
        return usage_error(stderr, PROG, "no inputs", usage_text);
    return -1;
}

static void report(void *ctx, const char *msg)
{
    (void)ctx;
    usage_msg(stderr, PROG, "%s", msg);
}

/* stem_of: the chart file name prefix from the first input: its base
   name without ".txt" ("results/2026-11-25-host.txt" -> "2026-11-25-host"),
   "stdin" for "-". */
static void stem_of(const char *arg, strbuf *out)
{
    const char *eq = strchr(arg, '=');
    const char *path = eq ? eq + 1 : arg;
    if (!strcmp(path, "-")) {
        strbuf_adds(out, "stdin");
        return;
    }
    const char *slash = strrchr(path, '/');
    const char *base = slash ? slash + 1 : path;
    size_t n = strlen(base);
    const char *dot = strrchr(base, '.');
    if (dot && dot != base)
        n = (size_t)(dot - base);
    strbuf tmp = STRBUF_INIT;
    strbuf_add(&tmp, base, n);
    names_slug(strbuf_str(&tmp), out);
    strbuf_release(&tmp);
}

static int mkdirs(const char *dir)
{
    strbuf p = STRBUF_INIT;
    strbuf_adds(&p, dir);
    int rc = 0;
    for (size_t i = 1; i <= p.len && rc == 0; i++) {
        if (i < p.len && p.s[i] != '/')
            continue;
        char c = p.s[i];
        p.s[i] = '\0';
        if (mkdir(p.s, 0777) != 0 && errno != EEXIST)
            rc = -1;
        p.s[i] = c;
    }
    strbuf_release(&p);
    return rc;
}

static void remove_scratch(const char *dir)
{
    DIR *d = opendir(dir);
    if (d) {
        struct dirent *e;
        strbuf p = STRBUF_INIT;
        while ((e = readdir(d)) != NULL) {
            if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
                continue;
            strbuf_reset(&p);
            strbuf_printf(&p, "%s/%s", dir, e->d_name);
            unlink(strbuf_str(&p));
        }
        strbuf_release(&p);
        closedir(d);
    }
    rmdir(dir);
}

static int write_file(const char *path, const strbuf *b)
{
    FILE *f = fopen(path, "w");
    if (!f)
        return -1;
    size_t n = fwrite(strbuf_str(b), 1, b->len, f);
    int rc = (n == b->len && !ferror(f)) ? 0 : -1;
    if (fclose(f) != 0)
        rc = -1;
    return rc;
}

/* terminal lines.  The same font sizes in both, so that every label keeps
   its size relative to the others; the SVG's fontscale makes its text as
   large as pngcairo's (which turns points into ~1.3 pixels).  name is a
   slug (letters, digits, . _ -): safe between quotes. */
static void terminal(strbuf *gp, int fmt, const chart_opts *co, const char *name)
{
    if (fmt == FMT_SVG)
        strbuf_printf(gp, "set terminal svg size %d,%d fixed font \"DejaVu Sans,11\" fontscale 1.3 "
                       "noenhanced background rgb \"#ffffff\"\nset output \"%s.svg\"\n",
                   co->width, co->height, name);
    else
        strbuf_printf(gp, "set terminal pngcairo size %d,%d font \"DejaVu Sans,11\" noenhanced "
                       "background rgb \"#ffffff\"\nset output \"%s.png\"\n",
                   co->width, co->height, name);
}

/* out_path appends the path of file name in the output directory, as
   printed: "name" for ".", "DIR/name" otherwise. */
static void out_path(const opts *o, const char *name, strbuf *to)
{
    if (strcmp(o->outdir, ".") != 0) {
        strbuf_adds(to, o->outdir);
        if (o->outdir[strlen(o->outdir) - 1] != '/')
            strbuf_adds(to, "/");
    }
    strbuf_adds(to, name);
}

/* move renames scratch/name into the output directory and prints the new
   path; 0 or -1 (reported). */
static int move(const opts *o, const char *scratch, const char *name)
{
    strbuf from = STRBUF_INIT, to = STRBUF_INIT;
    strbuf_printf(&from, "%s/%s", scratch, name);
    out_path(o, name, &to);
    int rc = 0;
    if (!strbuf_ok(&from) || !strbuf_ok(&to) || rename(strbuf_str(&from), strbuf_str(&to)) != 0) {
        usage_msg(stderr, PROG, "cannot write %s: %s", strbuf_str(&to), strerror(errno));
        rc = -1;
    } else if (printf("%s\n", strbuf_str(&to)) < 0) {
        rc = -1;
    }
    strbuf_release(&from);
    strbuf_release(&to);
    return rc;
}

/* render writes chart ci's data and script into the scratch directory
   under its final name <stem>-<slug>, runs gnuplot there and moves the
   charts (and with -script the script and data) into the output
   directory, printing their paths.  0 or -1 (reported). */
static int render(const opts *o, const char *gnuplot, const char *scratch, const char *stem,
                  chart_list *l, size_t ci)
{
    chart *c = &l->v[ci];
    strbuf name = STRBUF_INIT, path = STRBUF_INIT, gp = STRBUF_INIT, err = STRBUF_INIT, body = STRBUF_INIT;
    strbuf file = STRBUF_INIT;
    int rc = 0;
    strbuf_printf(&name, "%s-%s", stem, c->slug);
    /* the body names its data "c<ci>-<k>.dat"; the files get the chart's
       name, so that a kept script (-script) reads them as they are */
    strbuf_adds(&body, strbuf_str(&c->body));
    for (size_t k = 0; k < c->ndata; k++) {
        char dn[64], q[72];
        chart_data_name(dn, sizeof dn, ci, k);
        snprintf(q, sizeof q, "\"%s\"", dn);
        strbuf_reset(&file);
        strbuf_printf(&file, "\"%s-%zu.dat\"", strbuf_str(&name), k);
        strbuf out = STRBUF_INIT;
        const char *s = strbuf_str(&body), *hit;
        while ((hit = strstr(s, q)) != NULL) {
            strbuf_add(&out, s, (size_t)(hit - s));
            strbuf_adds(&out, strbuf_str(&file));
            s = hit + strlen(q);
        }
        strbuf_adds(&out, s);
        strbuf_release(&body);
        body = out;
        strbuf_reset(&path);
        strbuf_printf(&path, "%s/%s-%zu.dat", scratch, strbuf_str(&name), k);
        if (rc == 0 && write_file(strbuf_str(&path), &c->data[k]) != 0) {
            usage_msg(stderr, PROG, "cannot write %s: %s", strbuf_str(&path), strerror(errno));
            rc = -1;
        }
    }
    /* the last line of defence: no chart reaches gnuplot with a number it
       would read as a variable (the charts keep their ranges finite and
       the reader leaves non-finite values out) */
    bool nonfinite = gp_nonfinite(strbuf_str(&body), true);
    for (size_t k = 0; k < c->ndata; k++)
        nonfinite |= gp_nonfinite(strbuf_str(&c->data[k]), false);
    if (rc == 0 && nonfinite) {
        usage_msg(stderr, PROG, "%s: a number of the chart is NaN or infinite: not drawn",
                c->slug);
        rc = -1;
    }
    bool first = true;
    for (int fmt = FMT_SVG; fmt >= FMT_PNG; fmt >>= 1) {
        if (!(o->formats & fmt))
            continue;
        terminal(&gp, fmt, &o->co, strbuf_str(&name));
        if (first)
            strbuf_adds(&gp, strbuf_str(&body));
        else
            strbuf_adds(&gp, "replot\n");
        strbuf_adds(&gp, "set output\n");
        first = false;
    }
    char script[300];
    snprintf(script, sizeof script, "%s.gp", strbuf_str(&name));
    if (rc == 0) {
        strbuf_reset(&path);
        strbuf_printf(&path, "%s/%s", scratch, script);
        if (!strbuf_ok(&gp) || !strbuf_ok(&body) || write_file(strbuf_str(&path), &gp) != 0) {
            usage_msg(stderr, PROG, "cannot write %s: %s", strbuf_str(&path), strerror(errno));
            rc = -1;
        } else if (gp_run(gnuplot, scratch, script, &err) != 0) {
            usage_msg(stderr, PROG, "%s: %s", c->slug, strbuf_str(&err));
            if (strstr(strbuf_str(&err), "unknown or ambiguous terminal type"))
                usage_msg(stderr, PROG, "this gnuplot lacks the pngcairo or svg terminal: "
                                        "install gnuplot-nox, or try -format svg");
            rc = -1;
        } else if (o->verbose) {
            strbuf_reset(&path);
            strbuf_printf(&path, "%s/gnuplot.err", scratch);
            FILE *f = fopen(strbuf_str(&path), "r");
            char line[512];
            /* gnuplot's lines as they come, each with its newline */
            while (f && fgets(line, sizeof line, f))
                fprintf(stderr, "%s: %s: gnuplot: %s", PROG, c->slug, line);
            if (f)
                fclose(f);
        }
    }
    /* every chart whole and on disk before any replaces an old one */
    for (int fmt = FMT_SVG; fmt >= FMT_PNG && rc == 0; fmt >>= 1) {
        if (!(o->formats & fmt))
            continue;
        strbuf_reset(&file);
        strbuf_printf(&file, "%s.%s", strbuf_str(&name), fmt == FMT_SVG ? "svg" : "png");
        strbuf_reset(&path);
        strbuf_printf(&path, "%s/%s", scratch, strbuf_str(&file));
        strbuf_reset(&err);
        if (!strbuf_ok(&path) || gp_check_output(strbuf_str(&path), &err) != 0) {
            strbuf to = STRBUF_INIT;
            out_path(o, strbuf_str(&file), &to);
            usage_msg(stderr, PROG, "cannot write %s: %s", strbuf_str(&to),
                    strbuf_ok(&err) ? strbuf_str(&err) : "out of memory");
            strbuf_release(&to);
            rc = -1;
        }
    }
    for (int fmt = FMT_SVG; fmt >= FMT_PNG && rc == 0; fmt >>= 1) {
        if (!(o->formats & fmt))
            continue;
        strbuf_reset(&file);
        strbuf_printf(&file, "%s.%s", strbuf_str(&name), fmt == FMT_SVG ? "svg" : "png");
        rc = move(o, scratch, strbuf_str(&file));
    }
    if (rc == 0 && o->script) {
        rc = move(o, scratch, script);
        for (size_t k = 0; k < c->ndata && rc == 0; k++) {
            strbuf_reset(&file);
            strbuf_printf(&file, "%s-%zu.dat", strbuf_str(&name), k);
            rc = move(o, scratch, strbuf_str(&file));
        }
    }
    strbuf_release(&name);
    strbuf_release(&path);
    strbuf_release(&gp);
    strbuf_release(&err);
    strbuf_release(&body);
    strbuf_release(&file);
    return rc;
}

int main(int argc, char **argv)
{
    opts o = { CHART_ALL, FMT_PNG | FMT_SVG, ".", "gnuplot", false, false, NULL, NULL,
               { 1200, 700, NULL, NULL } };
    char **inputs = calloc((size_t)argc + 1, sizeof *inputs);
    size_t ninputs;
    if (!inputs) {
        usage_msg(stderr, PROG, "out of memory");
        return ESC_EXIT_FAIL;
    }
    int rc = parse_flags(argc, argv, &o, inputs, &ninputs);
    if (rc >= 0) {
        free(inputs);
        free(o.unit_tidy);
        return rc;
    }
    /* "results/" and "results" name the same directory; paths printed
       as "results/x.png", not "results//x.png" */
    size_t ol = strlen(o.outdir);
    while (ol > 1 && o.outdir[ol - 1] == '/')
        ol--;
    char *outdir = strndup(o.outdir, ol);
    if (!outdir) {
        usage_msg(stderr, PROG, "out of memory");
        free(inputs);
        free(o.unit_tidy);
        return ESC_EXIT_FAIL;
    }
    o.outdir = outdir;
    strbuf gnuplot = STRBUF_INIT;
    if (!gp_find(o.gnuplot, &gnuplot)) {
        if (!strcmp(o.gnuplot, "gnuplot"))
            usage_msg(stderr, PROG, "gnuplot not found: install gnuplot-nox");
        else
            usage_msg(stderr, PROG, "gnuplot not found: %s", o.gnuplot);
        strbuf_release(&gnuplot);
        free(inputs);
        free(outdir);
        free(o.unit_tidy);
        return ESC_EXIT_NO_GNUPLOT;
    }

    int status = ESC_EXIT_OK;
    dataset ds;
    chart_list l;
    chart_list_init(&l);
    if (ds_init(&ds) != 0)
        goto oom;
    int problems = ds_read(&ds, inputs, ninputs, report, NULL);
    if (problems < 0)
        goto oom;
    if (problems > 0)
        status = ESC_EXIT_FAIL;
    size_t nresults = 0;
    for (size_t i = 0; i < ds.ninputs; i++)
        nresults += ds.nresults[i];
    if (nresults == 0) {
        usage_msg(stderr, PROG, "no benchmark results in the input%s", ninputs > 1 ? "s" : "");
        status = ESC_EXIT_FAIL;
        goto out;
    }
    if (o.co.unit && ds_unit(&ds, o.co.unit) < 0) {
        usage_msg(stderr, PROG, "-unit %s: no result has this unit", o.unit_given);
        status = ESC_EXIT_FAIL;
        goto out;
    }
    if (((o.charts & CHART_FAMILY) && chart_family(&ds, &o.co, &l) != 0) ||
        ((o.charts & CHART_SWEEP) && chart_sweep(&ds, &o.co, &l) != 0) ||
        ((o.charts & CHART_COMPARE) && chart_compare(&ds, &o.co, &l) != 0) ||
        ((o.charts & CHART_SCATTER) && chart_scatter(&ds, &o.co, &l) != 0))
        goto oom;
    if (l.n == 0) {
        usage_msg(stderr, PROG, "no chart of the kinds asked for applies to these inputs");
        status = ESC_EXIT_FAIL;
        goto out;
    }
    if (mkdirs(o.outdir) != 0) {
        usage_msg(stderr, PROG, "cannot create %s: %s", o.outdir, strerror(errno));
        status = ESC_EXIT_FAIL;
        goto out;
    }
    strbuf scratch = STRBUF_INIT, stem = STRBUF_INIT;
    strbuf_printf(&scratch, "%s/.escplot-XXXXXX", o.outdir);
    if (!strbuf_ok(&scratch) || !mkdtemp(scratch.s)) {
        usage_msg(stderr, PROG, "cannot create a scratch directory in %s: %s", o.outdir,
                strerror(errno));
        strbuf_release(&scratch);
        status = ESC_EXIT_FAIL;
        goto out;
    }
    stem_of(inputs[0], &stem);
    bool failed = false;
    for (size_t i = 0; i < l.n; i++)
        if (render(&o, strbuf_str(&gnuplot), strbuf_str(&scratch), strbuf_str(&stem), &l, i) != 0)
            failed = true;
    if (failed && o.verbose)
        usage_msg(stderr, PROG, "scratch files kept in %s", strbuf_str(&scratch));
    else
        remove_scratch(strbuf_str(&scratch));
    if (failed)
        status = ESC_EXIT_FAIL;
    if (fflush(stdout) != 0 || ferror(stdout)) {
        usage_msg(stderr, PROG, "writing standard output: %s", strerror(errno));
        status = ESC_EXIT_FAIL;
    }
    strbuf_release(&scratch);
    strbuf_release(&stem);
    goto out;
oom:
    usage_msg(stderr, PROG, "out of memory");
    status = ESC_EXIT_FAIL;
out:
    chart_list_release(&l);
    ds_release(&ds);
    strbuf_release(&gnuplot);
    free(inputs);
    free(outdir);
    free(o.unit_tidy);
    return status;
}
