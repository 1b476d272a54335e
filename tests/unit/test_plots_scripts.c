/*
 * test_plots_scripts.c -- the gnuplot scripts escplot writes for hostile
 * benchmark names (tests/data/escplot/inject.txt, twice, with a hostile
 * label) keep the data inside string literals: outside the literals no
 * backquote, no @, no "system", no $ but the column references ($1), no
 * raw non-ASCII byte; inside them only letters, digits, inert punctuation
 * and octal escapes; quotes in pairs on every line.  Checked on the script
 * bodies, without gnuplot.
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "../tap.h"
#include "chart.h"
#include "dataset.h"

static void report(void *ctx, const char *msg)
{
    (void)ctx;
    tap_diag("reader: %s", msg);
}

/* check splits script s into string literals and the rest.  Returns a
   description of the first problem, or NULL. */
static const char *check(const char *s)
{
    bool in = false;
    for (const char *p = s; *p; p++) {
        unsigned char c = (unsigned char)*p;
        if (in) {
            if (c == '"') {
                in = false;
            } else if (c == '\\') {
                /* only octal escapes: \ooo, or \0ooo below 0100 */
                int digits = 0;
                while (p[1] >= '0' && p[1] <= '7' && digits < 4) {
                    p++;
                    digits++;
                }
                if (digits < 3)
                    return "an escape that is not octal";
            } else if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                         (c >= '0' && c <= '9') || strchr(" .,:-+=()/_%", c)) &&
                       !(c == '#' && p[-1] == '"')) {      /* "#rrggbb" colours */
                return "a raw non-inert byte inside a string literal";
            } else if (c == '\n') {
                return "a newline inside a string literal";
            }
            continue;
        }
        if (c == '"')
            in = true;
        else if (c == '\n')
            continue;
        else if (c >= 0x80 || c == '`' || c == '@' || c == '\'')
            return "a backquote, @, ' or non-ASCII byte outside the strings";
        else if (c == '$' && !(p[1] >= '1' && p[1] <= '9'))
            return "a $ that is not a column reference";
        else if (strncmp(p, "system", 6) == 0)
            return "system outside the strings";
    }
    return in ? "an unterminated string literal" : NULL;
}

int main(void)
{
    /* the fixture, found from this file's path (make runs from the top) */
    char path[512];
    snprintf(path, sizeof path, "%.*stests/data/escplot/inject.txt",
             (int)(strlen(__FILE__) - strlen("tests/unit/test_plots_scripts.c")), __FILE__);
    if (access(path, R_OK) != 0)
        return tap_skip_all("tests/data/escplot/inject.txt not found: run from the top directory");
    char label[600];
    snprintf(label, sizeof label, "`touch x`\n@y\"z=%s", path);
    char *args[] = { path, label };
    dataset ds;
    if (ds_init(&ds) != 0)
        return tap_skip_all("out of memory");
    int problems = ds_read(&ds, args, 2, report, NULL);
    is_int(problems, 0, "inject.txt reads without problems");
    chart_opts o = { 1200, 700, "`touch t` @t", NULL };
    chart_list l;
    chart_list_init(&l);
    ok(chart_family(&ds, &o, &l) == 0 && chart_sweep(&ds, &o, &l) == 0 &&
           chart_compare(&ds, &o, &l) == 0 && chart_scatter(&ds, &o, &l) == 0,
       "all builders succeed");
    ok(l.n >= 6, "charts of every kind (%zu)", l.n);
    int kinds = 0;
    for (size_t i = 0; i < l.n; i++) {
        const chart *c = &l.v[i];
        const char *b = strbuf_str(&c->body);
        kinds |= c->kind;
        const char *why = check(b);
        ok(why == NULL, "%s: the data stays inside escaped string literals%s%s", c->slug,
           why ? ": " : "", why ? why : "");
        for (size_t k = 0; k < c->ndata; k++) {
            const char *d = strbuf_str(&c->data[k]);
            size_t bad = strspn(d, "0123456789.eE+-NaInf \n");
            ok(d[bad] == '\0', "%s: data file %zu holds numbers only", c->slug, k);
        }
    }
    is_int(kinds, CHART_ALL, "family, sweep, compare and scatter charts were built");
    chart_list_release(&l);
    ds_release(&ds);
    return tap_done();
}
