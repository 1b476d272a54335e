/*
 * fuzz_escstat.c -- libFuzzer target for escstat's whole pipeline: parse
 * -> filter and projections -> cells -> statistics -> text, CSV and
 * markdown, through the same library calls as stats/escstat.c, with
 * everything released at the end (so LeakSanitizer checks the library's
 * ownership rules too).
 *
 * Input layout (so the fuzzer can reach flags as well as data):
 *   - if the input starts with '@', its first line holds up to seven
 *     tab-separated flag values: -table, -row, -col, -ignore, -filter,
 *     -alpha, -confidence (an empty field keeps the default; a bad
 *     projection or filter is a clean error, as in escstat);
 *   - the rest is up to three result files separated by lines "@@"; they
 *     are read as "old=<file1> new=<file2> <file3>".
 * The output goes to /dev/null; rendering must report success.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "builder.h"
#include "filter.h"
#include "parse.h"
#include "projection.h"
#include "render.h"
#include "table.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FE_MAXIN 3
static fuzz_file fe_in[FE_MAXIN] = { FUZZ_FILE_INIT, FUZZ_FILE_INIT, FUZZ_FILE_INIT };
static FILE *fe_null;

/* fe_find_sep: offset of the next "\n@@\n" at or after from, or size. */
static size_t fe_find_sep(const uint8_t *d, size_t size, size_t from)
{
    for (size_t i = from; i + 4 <= size; i++)
        if (d[i] == '\n' && d[i + 1] == '@' && d[i + 2] == '@' && d[i + 3] == '\n')
            return i;
    return size;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!fe_null) {
        fe_null = fopen("/dev/null", "w");
        FUZZ_CHECK(fe_null != NULL);
    }
    /* Flags from the first line. */
    const char *fl[7] = {".config", ".fullname", ".file", "", "*", NULL, NULL};
    char *optline = NULL;
    size_t at = 0;
    if (size > 0 && data[0] == '@') {
        const uint8_t *nl = memchr(data, '\n', size);
        size_t n = nl ? (size_t)(nl - data) : size;
        optline = malloc(n);
        FUZZ_CHECK(optline != NULL);
        memcpy(optline, data + 1, n - 1);
        optline[n - 1] = '\0';
        char *s = optline;
        for (int f = 0; f < 7 && s; f++) {
            char *tab = strchr(s, '\t');
            if (tab)
                *tab = '\0';
            if (*s)
                fl[f] = s;
            s = tab ? tab + 1 : NULL;
        }
        at = nl ? n + 1 : size;
    }
    double alpha = 0.05, confidence = 0.95, d;
    if (fl[5] && parse_float(fl[5], strlen(fl[5]), &d) == 0 && d >= 0 && d <= 1)
        alpha = d;
    if (fl[6] && parse_float(fl[6], strlen(fl[6]), &d) == 0 && d >= 0 && d <= 1)
        confidence = d;

    /* The files. */
    char argbuf[FE_MAXIN][256];
    char *args[FE_MAXIN];
    size_t nargs = 0;
    while (nargs < FE_MAXIN) {
        size_t end = nargs + 1 < FE_MAXIN ? fe_find_sep(data, size, at) : size;
        const char *p = fuzz_file_put(&fe_in[(int)nargs], data + at, end - at);
        snprintf(argbuf[nargs], sizeof argbuf[nargs], "%s%s",
                 nargs == 0 ? "old=" : nargs == 1 ? "new=" : "", p);
        args[nargs] = argbuf[nargs];
        nargs++;
        if (end >= size)
            break;
        at = end + 4;
    }

    parse_set ps;
    FUZZ_CHECK(parse_set_init(&ps) == 0);
    filter flt;
    char *err = NULL;
    if (filter_init(&flt, fl[4], &err) != 0) {
        FUZZ_CHECK(err != NULL && strncmp(err, "syntax error: ", 14) == 0);
        free(err);
        parse_set_release(&ps);
        free(optline);
        return 0;
    }
    proj_parser pp = {0};
    projection tab, row, col, ign, res;
    projection *pj[4] = {&tab, &row, &col, &ign};
    proj_fixed_list fixed = {0};
    int bad = 0;
    for (int k = 0; k < 4; k++) {
        char *e = NULL;
        if (proj_parse(&pp, &ps, pj[k], fl[k], k == 0, &fixed, &e) != 0) {
            FUZZ_CHECK(e != NULL && strncmp(e, "syntax error: ", 14) == 0);
            free(e);
            bad = 1;
            /* a failed projection may hold what it allocated so far
               (proj_release is safe on it, as on every one before) */
            for (int j = 0; j <= k; j++)
                proj_release(pj[j]);
            break;
        }
    }
    if (bad) {
        proj_fixed_free(fixed.v, fixed.n);  /* the entries, not the array */
        free(fixed.v);
        proj_parser_release(&pp);
        filter_release(&flt);
        parse_set_release(&ps);
        free(optline);
        return 0;
    }
    filter_add_fixed(&flt, fixed.v, fixed.n);
    FUZZ_CHECK(proj_residue(&pp, &ps, &res) == 0);

    builder b;
    FUZZ_CHECK(builder_init(&b, &ps, &tab, &row, &col, &res, &flt) == 0);
    parse_arg *pa;
    FUZZ_CHECK(parse_args(args, nargs, &pa) == 0);
    for (size_t i = 0; i < nargs; i++) {
        parse_input in;
        FUZZ_CHECK(parse_open(&ps, &in, &pa[i]) == 0);
        parse_result r;
        int k;
        while ((k = parse_next(&in, &r)) != PARSE_EOF) {
            if (k == PARSE_ERROR)
                continue;
            if (k == PARSE_FATAL)
                break;
            FUZZ_CHECK(builder_add(&b, &r) == 0);
        }
        parse_close(&in);
    }

    stat_tables st;
    FUZZ_CHECK(stat_tables_build(&b, confidence, alpha, &st) == 0);
    FUZZ_CHECK(stat_render_text(&st, fe_null) == 0);
    FUZZ_CHECK(stat_render_csv(&st, fe_null, fe_null) == 0);
    FUZZ_CHECK(stat_render_markdown(&st, fe_null) == 0);
    stat_tables_release(&st);

    builder_release(&b);
    parse_args_free(pa, nargs);
    for (int k = 0; k < 4; k++)
        proj_release(pj[k]);
    proj_release(&res);
    proj_parser_release(&pp);
    filter_release(&flt);
    parse_set_release(&ps);
    free(optline);
    return 0;
}
