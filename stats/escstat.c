/*
 * escstat.c -- main of escstat, a drop-in benchstat (golang.org/x/perf
 * cmd/benchstat): flags as Go's flag package reads them, inputs, and the
 * error behaviour of cmd/benchstat/main.go (docs/benchstat.md, Command
 * line); messages go out through usage.h, exit statuses are exitcode.h's.
 * The work is in the library: parse.h reads, filter.h and projection.h
 * group, builder.h collects, table.h builds the tables and render.h prints
 * them.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "builder.h"
#include "exitcode.h"
#include "filter.h"
#include "goflag.h"
#include "legacy_cli.h"
#include "parse.h"
#include "projection.h"
#include "render.h"
#include "table.h"
#include "usage.h"

#define PROG "escstat"                  /* the name in messages */

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

typedef struct opts {
    const char *table, *row, *col, *ignore, *filter, *format;
    double alpha, confidence;
    char **args;
    size_t nargs;
} opts;

/* benchstat's flags (cmd/benchstat/main.go). */
enum { O_TABLE, O_ROW, O_COL, O_IGNORE, O_FILTER, O_FORMAT, O_ALPHA, O_CONFIDENCE };
static const goflag_def flag_defs[] = {
    {"table", false, O_TABLE},   {"row", false, O_ROW},
    {"col", false, O_COL},       {"ignore", false, O_IGNORE},
    {"filter", false, O_FILTER}, {"format", false, O_FORMAT},
    {"alpha", false, O_ALPHA},   {"confidence", false, O_CONFIDENCE},
};

/* parse_flags reads the flags as benchstat's flag.Parse does (goflag.h):
   up to the first argument that is not a flag, or "--"; the inputs are
   the rest.  Returns -1 to go on; or the exit status after -h (the usage
   on stderr, 0) or an error (Go's message and the usage on stderr, 2). */
static int parse_flags(int argc, char **argv, opts *o)
{
    goflag g;
    int k;

    goflag_init(&g, argc, argv, flag_defs, sizeof flag_defs / sizeof flag_defs[0]);
    while ((k = goflag_next(&g)) == GOFLAG_FLAG) {
        const char *v = g.value;
        double d;
        int prc;
        switch (g.def->id) {
        case O_TABLE: o->table = v; break;
        case O_ROW: o->row = v; break;
        case O_COL: o->col = v; break;
        case O_IGNORE: o->ignore = v; break;
        case O_FILTER: o->filter = v; break;
        case O_FORMAT: o->format = v; break;
        default:                /* -alpha, -confidence: Go's float64Value */
            prc = parse_float(v, strlen(v), &d);
            if (prc != 0) {
                goflag_invalid(&g, prc == -2 ? "value out of range" : "parse error");
                return usage_error(stderr, NULL, g.msg, usage_text);
            }
            *(g.def->id == O_ALPHA ? &o->alpha : &o->confidence) = d;
            break;
        }
    }
    if (k == GOFLAG_HELP) {
        fputs(usage_text, stderr);
        return ESC_EXIT_OK;
    }
    if (k == GOFLAG_ERROR)
        return usage_error(stderr, NULL, g.msg, usage_text);
    o->args = argv + g.next;
    o->nargs = (size_t)(argc - g.next);
    return -1;
}

/* oom: out of memory is escstat's own failure: message and status 1. */
static int oom(void)
{
    usage_msg(stderr, PROG, "out of memory");
    return ESC_EXIT_FAIL;
}

/* fatal: benchstat prints "benchstat: <error>", nothing on stdout, and
   exits with status 0; escstat does the same with its own name. */
static int fatal(const char *msg)
{
    usage_msg(stderr, PROG, "%s", msg);
    return ESC_EXIT_AS_BENCHSTAT;
}

int main(int argc, char **argv)
{
    if (argc > 1 && (strcmp(argv[1], "-legacy") == 0 || strcmp(argv[1], "--legacy") == 0)) {
        /* the old tool printed everything at the end: buffer it all */
        static char lbuf[1 << 16];
        setvbuf(stdout, lbuf, _IOFBF, sizeof lbuf);
        int lrc = legacy_main(argc - 1, argv + 1, stdout, stderr);
        if (fflush(stdout) != 0 || ferror(stdout)) {
            usage_msg(stderr, PROG, "write error: %s", strerror(errno));
            return ESC_EXIT_FAIL;
        }
        return lrc;
    }
    opts o = { ".config", ".fullname", ".file", "", "*", "text", 0.05, 0.95, NULL, 0 };
    int prc = parse_flags(argc, argv, &o);
    if (prc >= 0)
        return prc;
    if (o.nargs == 0)
        return usage_error(stderr, PROG, NULL, usage_text);
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
        usage_msg(stderr, PROG, "parsing -filter: %s", err);
        free(err);
        return ESC_EXIT_AS_BENCHSTAT;
    }
    static proj_parser pp;
    static projection tab, row, col, ign, res;
    static proj_fixed_list fixed;
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
        if (proj_parse(&pp, &ps, projs[k].p, projs[k].expr, projs[k].unit, &fixed, &e) != 0) {
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
        usage_msg(stderr, PROG, "parsing %s: %s", pname, perr);
        free(perr);
        return ESC_EXIT_AS_BENCHSTAT;
    }
    filter_add_fixed(&flt, fixed.v, fixed.n);
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
    int status = ESC_EXIT_OK;
    for (size_t i = 0; i < o.nargs; i++) {
        parse_input in;
        if (parse_open(&ps, &in, &args[i]) != 0) {
            if (in.err_kind == PARSE_ERR_NOMEM)
                return oom();
            return fatal(in.err);
        }
        parse_result r;
        int k;
        while ((k = parse_next(&in, &r)) != PARSE_EOF) {
            if (k == PARSE_ERROR) {
                /* benchstat's messages as benchstat prints them; escstat's
                   own (Google Benchmark JSON) with its name, and status 1 */
                bool own = in.err_kind == PARSE_ERR_JSON;
                usage_msg(stderr, own ? PROG : NULL, "%s", in.err);
                if (own)
                    status = ESC_EXIT_FAIL;
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
                    status = ESC_EXIT_FAIL;
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
        usage_msg(stderr, PROG, "write error: %s", strerror(errno));
        return ESC_EXIT_FAIL;
    }
    if (rc != 0)
        return oom();
    return status;
}
