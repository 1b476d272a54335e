/*
 * escstat.c -- main of escstat, a drop-in benchstat (golang.org/x/perf
 * cmd/benchstat): flags as Go's flag package reads them, inputs, and the
 * error behaviour of cmd/benchstat/main.go (docs/benchstat.md, Command
 * line).  The work is in the library: parse.h
 * reads, filter.h and projection.h group, builder.h collects, table.h
 * builds the tables and render.h prints them.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "builder.h"
#include "filter.h"
#include "legacy_cli.h"
#include "parse.h"
#include "projection.h"
#include "render.h"
#include "table.h"

static const char usage_text[] =
    "Usage: escstat [flags] inputs...\n"
    "\n"
    "escstat computes statistical summaries and A/B comparisons of Go\n"
    "benchmarks, exactly as benchstat does. It shows benchmark medians in a\n"
    "table with a row for each benchmark and a column for each input file.\n"
    "If there is more than one input file, it also shows A/B comparisons\n"
    "between the files. If a difference is likely to be noise, it shows \"~\".\n"
    "An input is a file, label=file, or - for standard input.\n"
    "\n"
    "  -alpha α\n"
    "    \tconsider change significant if p < α (default 0.05)\n"
    "  -col projection\n"
    "    \tsplit results into columns by distinct values of projection (default \".file\")\n"
    "  -confidence level\n"
    "    \tconfidence level for ranges (default 0.95)\n"
    "  -filter query\n"
    "    \tuse only benchmarks matching benchfilter query (default \"*\")\n"
    "  -format format\n"
    "    \tprint results in format:\n"
    "    \t  text     - plain text\n"
    "    \t  csv      - comma-separated values (warnings will be written to stderr)\n"
    "    \t  markdown - GitHub-flavoured markdown table (escstat only)\n"
    "    \t (default \"text\")\n"
    "  -ignore keys\n"
    "    \tignore variations in keys\n"
    "  -legacy\n"
    "    \tbe the pre-2023 benchstat (first argument; escstat -legacy -h for its flags)\n"
    "  -row projection\n"
    "    \tsplit results into rows by distinct values of projection (default \".fullname\")\n"
    "  -table projection\n"
    "    \tsplit results into tables by distinct values of projection (default \".config\")\n"
    "\n"
    "See docs/escstat.md; the key and filter syntax is benchstat's\n"
    "(https://pkg.go.dev/golang.org/x/perf/benchproc/syntax).\n";

static void usage(void)
{
    fputs(usage_text, stderr);
}

/* usage_error: Go flag's message, the usage, exit 2. */
static void usage_error(const char *fmt, const char *a, const char *b)
{
    fprintf(stderr, fmt, a, b);
    fputc('\n', stderr);
    usage();
    exit(2);
}

typedef struct opts {
    const char *table, *row, *col, *ignore, *filter, *format;
    double alpha, confidence;
    char **args;
    size_t nargs;
} opts;

/* parse_flags: Go's flag.FlagSet.Parse -- flags until the first non-flag
   argument or "--"; "-x=v", "-x v", one or two dashes; -h/-help prints
   usage and exits 0. */
static void parse_flags(int argc, char **argv, opts *o)
{
    int i = 1;
    while (i < argc) {
        const char *s = argv[i];
        if (strlen(s) < 2 || s[0] != '-')
            break;
        int dashes = 1;
        if (s[1] == '-') {
            dashes = 2;
            if (s[2] == '\0') {
                i++;
                break;
            }
        }
        const char *name = s + dashes;
        if (name[0] == '\0' || name[0] == '-' || name[0] == '=')
            usage_error("bad flag syntax: %s%s", s, "");
        i++;
        const char *eq = strchr(name, '=');
        char nbuf[64];
        size_t nl = eq ? (size_t)(eq - name) : strlen(name);
        snprintf(nbuf, sizeof nbuf, "%.*s", (int)(nl < 63 ? nl : 63), name);
        if (strcmp(nbuf, "h") == 0 || strcmp(nbuf, "help") == 0) {
            usage();
            exit(0);
        }
        const char **sv = NULL;
        double *dv = NULL;
        if (strcmp(nbuf, "table") == 0) sv = &o->table;
        else if (strcmp(nbuf, "row") == 0) sv = &o->row;
        else if (strcmp(nbuf, "col") == 0) sv = &o->col;
        else if (strcmp(nbuf, "ignore") == 0) sv = &o->ignore;
        else if (strcmp(nbuf, "filter") == 0) sv = &o->filter;
        else if (strcmp(nbuf, "format") == 0) sv = &o->format;
        else if (strcmp(nbuf, "alpha") == 0) dv = &o->alpha;
        else if (strcmp(nbuf, "confidence") == 0) dv = &o->confidence;
        else
            usage_error("flag provided but not defined: -%s%s", nbuf, "");
        const char *val;
        if (eq) {
            val = eq + 1;
        } else {
            if (i >= argc)
                usage_error("flag needs an argument: -%s%s", nbuf, "");
            val = argv[i++];
        }
        if (sv) {
            *sv = val;
        } else {
            double d;
            int prc = parse_float(val, strlen(val), &d);
            if (prc != 0) {
                fprintf(stderr, "invalid value \"%s\" for flag -%s: %s\n", val, nbuf,
                        prc == -2 ? "value out of range" : "parse error");
                usage();
                exit(2);
            }
            *dv = d;
        }
    }
    o->args = argv + i;
    o->nargs = (size_t)(argc - i);
}

/* oom: out of memory is escstat's own failure: message and status 1. */
static int oom(void)
{
    fputs("escstat: out of memory\n", stderr);
    return 1;
}

/* fatal: benchstat prints "benchstat: <error>", nothing on stdout, and
   exits with status 0; escstat does the same with its own name. */
static int fatal(const char *msg)
{
    fprintf(stderr, "escstat: %s\n", msg);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc > 1 && (strcmp(argv[1], "-legacy") == 0 || strcmp(argv[1], "--legacy") == 0)) {
        /* the old tool printed everything at the end: buffer it all */
        static char lbuf[1 << 16];
        setvbuf(stdout, lbuf, _IOFBF, sizeof lbuf);
        int lrc = legacy_main(argc - 1, argv + 1, stdout, stderr);
        if (fflush(stdout) != 0 || ferror(stdout)) {
            fprintf(stderr, "escstat: write error: %s\n", strerror(errno));
            return 1;
        }
        return lrc;
    }
    opts o = { ".config", ".fullname", ".file", "", "*", "text", 0.05, 0.95, NULL, 0 };
    parse_flags(argc, argv, &o);
    if (o.nargs == 0) {
        usage();
        return 2;
    }
    static char outbuf[1 << 16];
    setvbuf(stdout, outbuf, _IOFBF, sizeof outbuf);

    /* What main allocates is never freed (exit does it; releasing
       millions of values one cell at a time would only cost time), so
       the owners are static: the memory stays reachable, and valgrind and
       LeakSanitizer (make san) count it as in use, not as leaked. */
    static parse_set ps;
    if (parse_set_init(&ps) != 0)
        return oom();
    /* ESCSTAT_PIPELINE_MIN: inputs of at least this many bytes get a
       scanner thread (parse.h); for tests and measurements */
    const char *pm = getenv("ESCSTAT_PIPELINE_MIN");
    if (pm && *pm)
        ps.pipeline_min = (size_t)strtoull(pm, NULL, 10);
    static filter flt;
    char *err = NULL;
    if (filter_init(&flt, o.filter, &err) != 0) {
        if (!err)
            return oom();
        fprintf(stderr, "escstat: parsing -filter: %s\n", err);
        free(err);
        return 0;
    }
    static proj_parser pp;
    static projection tab, row, col, ign, res;
    static proj_fixed_filter *fixed;
    size_t nfixed = 0;
    char *perr = NULL;
    const char *pname = NULL;
    bool poom = false;
    struct { const char *flag, *expr; projection *p; bool unit; } projs[] = {
        { "-table", o.table, &tab, true },
        { "-row", o.row, &row, false },
        { "-col", o.col, &col, false },
        { "-ignore", o.ignore, &ign, false },
    };
    for (size_t k = 0; k < 4; k++) {
        char *e = NULL;
        if (proj_parse(&pp, &ps, projs[k].p, projs[k].expr, projs[k].unit, &fixed, &nfixed, &e) != 0) {
            if (!e) {
                poom = true;
            } else if (!perr) {
                perr = e;
                pname = projs[k].flag;
            } else {
                free(e);
            }
        }
    }
    if (poom)
        return oom();
    if (perr) {
        fprintf(stderr, "escstat: parsing %s: %s\n", pname, perr);
        free(perr);
        return 0;
    }
    filter_add_fixed(&flt, fixed, nfixed);
    if (proj_residue(&pp, &ps, &res) != 0)
        return oom();
    if (o.alpha < 0 || o.alpha > 1 || o.alpha != o.alpha)
        return fatal("-alpha must be in range [0, 1]");
    if (o.confidence < 0 || o.confidence > 1 || o.confidence != o.confidence)
        return fatal("-confidence must be in range [0, 1]");
    enum { F_TEXT, F_CSV, F_MD } format;
    if (strcmp(o.format, "text") == 0)
        format = F_TEXT;
    else if (strcmp(o.format, "csv") == 0)
        format = F_CSV;
    else if (strcmp(o.format, "markdown") == 0)
        format = F_MD;
    else
        return fatal("-format must be text, csv or markdown");

    static builder b;
    if (builder_init(&b, &ps, &tab, &row, &col, &res, &flt) != 0)
        return oom();
    static parse_arg *args;
    if (parse_args(o.args, o.nargs, &args) != 0)
        return oom();
    int status = 0;
    for (size_t i = 0; i < o.nargs; i++) {
        parse_input in;
        if (parse_open(&ps, &in, &args[i]) != 0) {
            if (in.err_kind == PARSE_ERR_NOMEM)
                return oom();
            fatal(in.err);
            return 0;
        }
        parse_result r;
        int k;
        while ((k = parse_next(&in, &r)) != PARSE_EOF) {
            if (k == PARSE_ERROR) {
                /* benchstat's messages as benchstat prints them; escstat's
                   own (Google Benchmark JSON) with its name, and status 1 */
                if (in.err_kind == PARSE_ERR_JSON) {
                    fprintf(stderr, "escstat: %s\n", in.err);
                    status = 1;
                } else {
                    fprintf(stderr, "%s\n", in.err);
                }
                continue;
            }
            if (k == PARSE_FATAL) {
                parse_close(&in);
                if (in.err_kind == PARSE_ERR_NOMEM)
                    return oom();
                fatal(in.err);
                /* UTF-16 and binary input are escstat's own errors: they
                   fail; the rest is benchstat's behaviour (status 0) */
                if (in.err_kind == PARSE_ERR_NOT_TEXT)
                    status = 1;
                return status;
            }
            if (builder_add(&b, &r) != 0) {
                parse_close(&in);
                return oom();
            }
        }
        parse_close(&in);
    }

    static stat_tables st;
    if (stat_tables_build(&b, o.confidence, o.alpha, &st) != 0)
        return oom();
    int rc;
    if (format == F_CSV) {
        rc = stat_render_csv(&st, stdout, stderr);
    } else if (format == F_MD) {
        rc = stat_render_markdown(&st, stdout);
    } else {
        rc = stat_render_text(&st, stdout);
    }
    int ferr = fflush(stdout) != 0 || ferror(stdout);
    if (ferr) {
        fprintf(stderr, "escstat: write error: %s\n", strerror(errno));
        return 1;
    }
    if (rc != 0)
        return oom();
    return status;
}
