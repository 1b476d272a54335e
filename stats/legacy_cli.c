/*
 * legacy_cli.c -- `escstat -legacy`: the flags of the pre-2023 benchstat
 * (golang.org/x/perf cmd/benchstat/main.go at 91a0461) read as Go's flag
 * package reads them, the inputs, and the choice of output.
 */
#include "legacy_cli.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "exitcode.h"
#include "goflag.h"
#include "legacy.h"
#include "legacy_format.h"
#include "parse.h"
#include "usage.h"

#define PROG "escstat"                  /* the name in messages */

static const char usage_text[] =
    "usage: escstat -legacy [options] old.txt [new.txt] [more.txt ...]\n"
    "options:\n"
    "  -alpha α\n"
    "    \tconsider change significant if p < α (default 0.05)\n"
    "  -csv\n"
    "    \tprint results in CSV form\n"
    "  -delta-test test\n"
    "    \tsignificance test to apply to delta: utest, ttest, or none (default \"utest\")\n"
    "  -geomean\n"
    "    \tprint the geometric mean of each file\n"
    "  -html\n"
    "    \tprint results as an HTML table\n"
    "  -norange\n"
    "    \tsuppress range columns (CSV only)\n"
    "  -sort order\n"
    "    \tsort by order: [-]delta, [-]name, none (default \"none\")\n"
    "  -split labels\n"
    "    \tsplit benchmarks by labels (default \"pkg,goos,goarch\")\n"
    "\n"
    "escstat -legacy prints what benchstat printed before its 2023 rewrite\n"
    "(golang.org/x/perf at 91a0461); see docs/escstat.md.\n";

/* The flag values (main.go's flag.* variables). */
typedef struct legacy_opts {
    double alpha;
    bool csv, geomean, html, norange;
    const char *delta_test, *sort, *split;
    char **args;
    int nargs;
} legacy_opts;

/* The old tool's flags (main.go at 91a0461). */
enum { L_ALPHA, L_CSV, L_DELTA_TEST, L_GEOMEAN, L_HTML, L_NORANGE, L_SORT, L_SPLIT };
static const goflag_def flag_defs[] = {
    {"alpha", false, L_ALPHA},     {"csv", true, L_CSV},
    {"delta-test", false, L_DELTA_TEST}, {"geomean", true, L_GEOMEAN},
    {"html", true, L_HTML},        {"norange", true, L_NORANGE},
    {"sort", false, L_SORT},       {"split", false, L_SPLIT},
};

/* parse_flags is flag.Parse (goflag.h): flags up to the first non-flag
   argument or "--".  Returns 0; or 2 after printing the error and the
   usage on err (the old tool's flag.Usage exits 2, -h included). */
static int parse_flags(int argc, char **argv, legacy_opts *o, FILE *err)
{
    goflag g;
    int k;

    goflag_init(&g, argc, argv, flag_defs, sizeof flag_defs / sizeof flag_defs[0]);
    while ((k = goflag_next(&g)) == GOFLAG_FLAG) {
        int rc = 0;
        switch (g.def->id) {
        case L_CSV: rc = goflag_bool(&g, &o->csv); break;
        case L_GEOMEAN: rc = goflag_bool(&g, &o->geomean); break;
        case L_HTML: rc = goflag_bool(&g, &o->html); break;
        case L_NORANGE: rc = goflag_bool(&g, &o->norange); break;
        case L_DELTA_TEST: o->delta_test = g.value; break;
        case L_SORT: o->sort = g.value; break;
        case L_SPLIT: o->split = g.value; break;
        case L_ALPHA:           /* Go's float64Value */
            rc = parse_float(g.value, strlen(g.value), &o->alpha);
            if (rc != 0)
                rc = goflag_invalid(&g, rc == -2 ? "value out of range" : "parse error");
            break;
        }
        if (rc != 0) {
            k = GOFLAG_ERROR;
            break;
        }
    }
    if (k == GOFLAG_HELP)
        return usage_error(err, NULL, NULL, usage_text);
    if (k == GOFLAG_ERROR)
        return usage_error(err, NULL, g.msg, usage_text);
    o->args = argv + g.next;
    o->nargs = argc - g.next;
    return 0;
}

int legacy_main(int argc, char **argv, FILE *out, FILE *err)
{
    legacy_opts o = { 0.05, false, false, false, false, "utest", "none", "pkg,goos,goarch",
                      NULL, 0 };
    if (parse_flags(argc, argv, &o, err) != 0)
        return ESC_EXIT_USAGE;
    enum legacy_test test;
    if (strcasecmp(o.delta_test, "none") == 0)
        test = LEGACY_NOTEST;
    else if (strcasecmp(o.delta_test, "u") == 0 || strcasecmp(o.delta_test, "u-test") == 0 ||
             strcasecmp(o.delta_test, "utest") == 0)
        test = LEGACY_UTEST;
    else if (strcasecmp(o.delta_test, "t") == 0 || strcasecmp(o.delta_test, "t-test") == 0 ||
             strcasecmp(o.delta_test, "ttest") == 0)
        test = LEGACY_TTEST;
    else
        test = (enum legacy_test)-1;
    const char *sort = o.sort;
    bool reverse = sort[0] == '-';
    if (reverse)
        sort++;
    int order = -1;
    if (strcmp(sort, "none") == 0)
        order = LEGACY_SORT_NONE;
    else if (strcmp(sort, "name") == 0)
        order = LEGACY_SORT_NAME;
    else if (strcmp(sort, "delta") == 0)
        order = LEGACY_SORT_DELTA;
    if (o.nargs < 1 || (int)test == -1 || order == -1)
        return usage_error(err, NULL, NULL, usage_text);

    parse_set ps;
    legacy_coll c;
    legacy_tables t = { 0 };
    int status = ESC_EXIT_OK;
    if (parse_set_init(&ps) != 0)
        goto oom0;
    if (legacy_coll_init(&c, &ps, o.split) != 0)
        goto oom;
    for (int i = 0; i < o.nargs; i++) {
        char msg[1024];
        int arc = legacy_coll_add_file(&c, o.args[i], msg, sizeof msg);
        if (arc != 0) {
            if (arc == -2)
                goto oom;
            /* log.Fatal: the message, nothing on stdout, status 1 */
            usage_msg(err, PROG, "%s", msg);
            status = ESC_EXIT_FAIL;
            goto done;
        }
    }
    if (legacy_tables_build(&c, test, o.alpha, o.geomean, (enum legacy_sort)order, reverse,
                            &t) != 0)
        goto oom;
    int rc;
    if (o.html)
        rc = legacy_format_html(&t, out);
    else if (o.csv)
        rc = legacy_format_csv(&t, o.norange, out);
    else
        rc = legacy_format_text(&t, out);
    if (rc != 0)
        goto oom;
    goto done;
oom:
    usage_msg(err, PROG, "out of memory");
    status = ESC_EXIT_FAIL;
done:
    legacy_tables_release(&t);
    legacy_coll_release(&c);
    parse_set_release(&ps);
    return status;
oom0:
    usage_msg(err, PROG, "out of memory");
    return ESC_EXIT_FAIL;
}
