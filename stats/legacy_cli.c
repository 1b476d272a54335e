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

#include "legacy.h"
#include "legacy_format.h"
#include "parse.h"

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

/* go_parse_bool is strconv.ParseBool. */
static int go_parse_bool(const char *s, bool *v)
{
    static const char *const t[] = { "1", "t", "T", "TRUE", "true", "True" };
    static const char *const f[] = { "0", "f", "F", "FALSE", "false", "False" };
    for (int i = 0; i < 6; i++) {
        if (strcmp(s, t[i]) == 0) {
            *v = true;
            return 0;
        }
        if (strcmp(s, f[i]) == 0) {
            *v = false;
            return 0;
        }
    }
    return -1;
}

/* parse_flags is flag.Parse: flags up to the first non-flag argument or
   "--".  Returns 0; or 2 after printing the error and the usage (the old
   tool's flag.Usage exits 2, -h included). */
static int parse_flags(int argc, char **argv, legacy_opts *o, FILE *err)
{
    int i = 1;
    while (i < argc) {
        const char *s = argv[i];
        if (strlen(s) < 2 || s[0] != '-')
            break;
        const char *name = s + 1;
        if (s[1] == '-') {
            name++;
            if (s[2] == '\0') {
                i++;
                break;
            }
        }
        if (name[0] == '\0' || name[0] == '-' || name[0] == '=') {
            fprintf(err, "bad flag syntax: %s\n", s);
            goto usage;
        }
        i++;
        const char *eq = strchr(name, '=');
        size_t nl = eq ? (size_t)(eq - name) : strlen(name);
        char nbuf[64];
        snprintf(nbuf, sizeof nbuf, "%.*s", (int)(nl < 63 ? nl : 63), name);
        if (strcmp(nbuf, "h") == 0 || strcmp(nbuf, "help") == 0)
            goto usage;
        bool *bv = NULL;
        const char **sv = NULL;
        if (strcmp(nbuf, "csv") == 0) bv = &o->csv;
        else if (strcmp(nbuf, "geomean") == 0) bv = &o->geomean;
        else if (strcmp(nbuf, "html") == 0) bv = &o->html;
        else if (strcmp(nbuf, "norange") == 0) bv = &o->norange;
        else if (strcmp(nbuf, "delta-test") == 0) sv = &o->delta_test;
        else if (strcmp(nbuf, "sort") == 0) sv = &o->sort;
        else if (strcmp(nbuf, "split") == 0) sv = &o->split;
        else if (strcmp(nbuf, "alpha") != 0) {
            fprintf(err, "flag provided but not defined: -%s\n", nbuf);
            goto usage;
        }
        if (bv) {
            if (!eq) {
                *bv = true;
            } else if (go_parse_bool(eq + 1, bv) != 0) {
                fprintf(err, "invalid boolean value \"%s\" for -%s: parse error\n", eq + 1, nbuf);
                goto usage;
            }
            continue;
        }
        const char *val;
        if (eq) {
            val = eq + 1;
        } else {
            if (i >= argc) {
                fprintf(err, "flag needs an argument: -%s\n", nbuf);
                goto usage;
            }
            val = argv[i++];
        }
        if (sv) {
            *sv = val;
            continue;
        }
        int prc = parse_float(val, strlen(val), &o->alpha);
        if (prc != 0) {
            fprintf(err, "invalid value \"%s\" for flag -%s: %s\n", val, nbuf,
                    prc == -2 ? "value out of range" : "parse error");
            goto usage;
        }
    }
    o->args = argv + i;
    o->nargs = argc - i;
    return 0;
usage:
    fputs(usage_text, err);
    return 2;
}

int legacy_main(int argc, char **argv, FILE *out, FILE *err)
{
    legacy_opts o = { 0.05, false, false, false, false, "utest", "none", "pkg,goos,goarch",
                      NULL, 0 };
    if (parse_flags(argc, argv, &o, err) != 0)
        return 2;
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
    if (o.nargs < 1 || (int)test == -1 || order == -1) {
        fputs(usage_text, err);
        return 2;
    }

    parse_set ps;
    legacy_coll c;
    legacy_tables t = { 0 };
    int status = 0;
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
            fprintf(err, "escstat: %s\n", msg);
            status = 1;
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
    fputs("escstat: out of memory\n", err);
    status = 1;
done:
    legacy_tables_release(&t);
    legacy_coll_release(&c);
    parse_set_release(&ps);
    return status;
oom0:
    fputs("escstat: out of memory\n", err);
    return 1;
}
