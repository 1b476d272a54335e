/*
 * fuzz_escplot.c -- libFuzzer target for escplot's script writer: the
 * input is up to two result files separated by a line "@@"; they are read
 * as escplot reads them (plots/dataset.h) and every chart builder runs.
 * Each chart's script must keep the data inside string literals (no raw
 * backquote or @ outside them, quotes in pairs), hold no number gnuplot
 * would read as a variable ("nan", "inf": gp_nonfinite), and its data
 * files numbers only; nothing may crash or leak.  gnuplot is not run.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "chart.h"
#include "dataset.h"
#include "gnuplot.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static fuzz_file fpl_in[2] = { FUZZ_FILE_INIT, FUZZ_FILE_INIT };

static void fpl_report(void *ctx, const char *msg)
{
    (void)ctx;
    (void)msg;
}

/* fpl_script_ok: outside "..." no backquote, no @, and every string ends. */
static int fpl_script_ok(const char *s)
{
    int in = 0;
    for (const char *p = s; *p; p++) {
        if (in) {
            if (*p == '\\' && p[1])
                p++;
            else if (*p == '"')
                in = 0;
        } else if (*p == '"') {
            in = 1;
        } else if (*p == '`' || *p == '@') {
            return 0;
        }
    }
    return !in;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    size_t cut = size;
    for (size_t i = 0; i + 4 <= size; i++)
        if (data[i] == '\n' && data[i + 1] == '@' && data[i + 2] == '@' && data[i + 3] == '\n') {
            cut = i;
            break;
        }
    char *args[2];
    size_t nargs = 1;
    args[0] = (char *)fuzz_file_put(&fpl_in[0], data, cut);
    if (cut < size) {
        args[1] = (char *)fuzz_file_put(&fpl_in[1], data + cut + 4, size - cut - 4);
        nargs = 2;
    }
    dataset ds;
    FUZZ_CHECK(ds_init(&ds) == 0);
    FUZZ_CHECK(ds_read(&ds, args, nargs, fpl_report, NULL) >= 0);
    chart_opts o = { 1200, 700, NULL, NULL };
    chart_list l;
    chart_list_init(&l);
    FUZZ_CHECK(chart_family(&ds, &o, &l) == 0);
    FUZZ_CHECK(chart_sweep(&ds, &o, &l) == 0);
    FUZZ_CHECK(chart_compare(&ds, &o, &l) == 0);
    FUZZ_CHECK(chart_scatter(&ds, &o, &l) == 0);
    for (size_t i = 0; i < l.n; i++) {
        const chart *c = &l.v[i];
        FUZZ_CHECK(fpl_script_ok(strbuf_str(&c->body)));
        FUZZ_CHECK(!gp_nonfinite(strbuf_str(&c->body), true));
        for (size_t k = 0; k < c->ndata; k++) {
            const char *d = strbuf_str(&c->data[k]);
            FUZZ_CHECK(d[strspn(d, "0123456789.eE+-NaN \n")] == '\0');
            FUZZ_CHECK(!gp_nonfinite(d, false));
        }
    }
    chart_list_release(&l);
    ds_release(&ds);
    return 0;
}
