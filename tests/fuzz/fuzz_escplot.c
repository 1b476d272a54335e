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
#include <sys/mman.h>
#include <unistd.h>

#include "chart.h"
#include "dataset.h"
#include "gnuplot.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define fpl_check(c)                                                         \
    do {                                                                    \
        if (!(c)) {                                                         \
            fprintf(stderr, "fuzz_escplot: %s:%d: check failed: %s\n",      \
                    __FILE__, __LINE__, #c);                                \
            abort();                                                        \
        }                                                                   \
    } while (0)

static int fpl_fd[2] = {-1, -1};
static char fpl_path[2][64];

/* fpl_file: memfd number i holding p[0..n), named by a /proc path. */
static const char *fpl_file(int i, const uint8_t *p, size_t n)
{
    if (fpl_fd[i] < 0) {
        fpl_fd[i] = memfd_create("fuzz_escplot", 0);
        fpl_check(fpl_fd[i] >= 0);
        snprintf(fpl_path[i], sizeof fpl_path[i], "/proc/self/fd/%d", fpl_fd[i]);
    }
    fpl_check(ftruncate(fpl_fd[i], 0) == 0);
    for (size_t off = 0; off < n;) {
        ssize_t k = pwrite(fpl_fd[i], p + off, n - off, (off_t)off);
        fpl_check(k > 0);
        off += (size_t)k;
    }
    return fpl_path[i];
}

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
    args[0] = (char *)fpl_file(0, data, cut);
    if (cut < size) {
        args[1] = (char *)fpl_file(1, data + cut + 4, size - cut - 4);
        nargs = 2;
    }
    dataset ds;
    fpl_check(ds_init(&ds) == 0);
    fpl_check(ds_read(&ds, args, nargs, fpl_report, NULL) >= 0);
    chart_opts o = { 1200, 700, NULL, NULL };
    chart_list l;
    chart_list_init(&l);
    fpl_check(chart_family(&ds, &o, &l) == 0);
    fpl_check(chart_sweep(&ds, &o, &l) == 0);
    fpl_check(chart_compare(&ds, &o, &l) == 0);
    fpl_check(chart_scatter(&ds, &o, &l) == 0);
    for (size_t i = 0; i < l.n; i++) {
        const chart *c = &l.v[i];
        fpl_check(fpl_script_ok(buf_str(&c->body)));
        fpl_check(!gp_nonfinite(buf_str(&c->body), true));
        for (size_t k = 0; k < c->ndata; k++) {
            const char *d = buf_str(&c->data[k]);
            fpl_check(d[strspn(d, "0123456789.eE+-NaN \n")] == '\0');
            fpl_check(!gp_nonfinite(d, false));
        }
    }
    chart_list_release(&l);
    ds_release(&ds);
    return 0;
}
