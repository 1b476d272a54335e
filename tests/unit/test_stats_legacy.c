/*
 * test_stats_legacy.c -- known answers for the pieces of `escstat -legacy`
 * (the pre-2023 benchstat): Tukey outlier removal and the trimmed mean
 * (Metrics.computeStats), Welch's t-test (internal/stats ttest.go, p from
 * an independent 30-digit evaluation of the incomplete beta function),
 * its error cases, the old scaler's units and thresholds (scaler.go), and
 * the collection read from files of our own: a line of more fields than
 * the reader's stack array holds, and enough groups, benchmarks, units,
 * samples and a long enough -split label to grow every array it keeps.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../tap.h"
#include "legacy.h"
#include "legacy_format.h"
#include "scale.h"
#include "ttest.h"

/* write_file writes text to dir/name and returns the path (static buffer,
   one at a time), or NULL when it cannot. */
static const char *write_file(const char *dir, const char *name, const char *text)
{
    static char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    if (!f)
        return NULL;
    fputs(text, f);
    return fclose(f) == 0 ? path : NULL;
}

/* metric_sum: the number and sum of the samples of (group, bench, unit)
   in config 0, found by name; -1 when there is no such key. */
static long metric_sum(const legacy_coll *c, const char *group, const char *bench,
                       const char *unit, double *sum)
{
    for (size_t i = 0; i < c->nm; i++) {
        const legacy_metrics *m = &c->m[i];
        if (strcmp(parse_str(c->ps, m->group), group) != 0 ||
            strcmp(parse_str(c->ps, m->bench), bench) != 0 ||
            strcmp(parse_str(c->ps, m->unit), unit) != 0)
            continue;
        *sum = 0;
        for (size_t k = 0; k < m->n; k++)
            *sum += m->values[k];
        return (long)m->n;
    }
    return -1;
}

/* collection_tests reads files of our own into a legacy_coll. */
static void collection_tests(void)
{
    char dir[] = "/tmp/test_stats_legacy.XXXXXX";
    if (!mkdtemp(dir)) {
        ok(0, "mkdtemp");
        return;
    }
    char err[256] = "";
    parse_set ps;
    legacy_coll c;

    /* strings.Fields of a line with 2 + 2*40 fields: more than the 64 the
       reader keeps on its stack; every "i ns/op" pair is a sample */
    char *text = malloc(64 * 1024);
    size_t o = (size_t)sprintf(text, "BenchmarkWide 100");
    for (int i = 0; i < 40; i++)
        o += (size_t)sprintf(text + o, " %d ns/op", i);
    sprintf(text + o, "\n");
    const char *path = write_file(dir, "wide.txt", text);
    ok(path != NULL, "wide.txt written");
    parse_set_init(&ps);
    legacy_coll_init(&c, &ps, "");
    is_int(legacy_coll_add_file(&c, path, err, sizeof err), 0, "82 fields: read");
    double sum = 0;
    is_int((int)metric_sum(&c, "", "Wide", "ns/op", &sum), 40, "82 fields: 40 samples");
    is_double(sum, 780, 0, "82 fields: 0 + 1 + ... + 39");
    legacy_coll_release(&c);
    parse_set_release(&ps);
    unlink(path);

    /* 30 packages of 4 benchmarks in 2 units (30 groups, 240 keys, 392
       hashed tuples), package p0's name 300 bytes long, B0 of p1 repeated
       20 times */
    o = 0;
    for (int g = 0; g < 30; g++) {
        if (g == 0) {
            o += (size_t)sprintf(text + o, "pkg: p");
            for (int k = 0; k < 299; k++)
                text[o++] = 'x';
            text[o++] = '\n';
        } else {
            o += (size_t)sprintf(text + o, "pkg: p%d\n", g);
        }
        for (int b = 0; b < 4; b++)
            for (int r = 0; r < (g == 1 && b == 0 ? 20 : 1); r++)
                o += (size_t)sprintf(text + o, "BenchmarkB%d 1 %d ns/op %d B/op\n", b,
                                     g * 10 + b + r, b);
    }
    text[o] = '\0';
    path = write_file(dir, "groups.txt", text);
    ok(path != NULL, "groups.txt written");
    parse_set_init(&ps);
    legacy_coll_init(&c, &ps, "pkg");
    is_int(legacy_coll_add_file(&c, path, err, sizeof err), 0, "30 groups: read");
    is_int((int)c.ngroups, 30, "30 groups");
    is_int((int)strlen(parse_str(&ps, c.groups[0])), 4 + 300, "the long group label");
    is_int(strncmp(parse_str(&ps, c.groups[0]), "pkg:pxxx", 8), 0, "its first bytes");
    is_str(parse_str(&ps, c.groups[29]), "pkg:p29", "the last group, in order");
    is_int((int)c.nbenches[29], 4, "4 benchmarks in the last group");
    is_str(parse_str(&ps, c.benches[29][3]), "B3", "its last benchmark");
    is_int((int)c.nunits, 2, "2 units");
    is_str(parse_str(&ps, c.units[1]), "B/op", "in first-seen order");
    is_int((int)c.nm, 240, "240 keys");
    is_int((int)metric_sum(&c, "pkg:p1", "B0", "ns/op", &sum), 20, "p1 B0: 20 samples");
    is_double(sum, 20 * 10 + 190, 0, "p1 B0: 10 + 11 + ... + 29");
    is_int((int)metric_sum(&c, "pkg:p29", "B2", "B/op", &sum), 1, "p29 B2 B/op: 1 sample");
    is_double(sum, 2, 0, "p29 B2 B/op: 2");
    legacy_tables t;
    is_int(legacy_tables_build(&c, LEGACY_UTEST, 0, false, LEGACY_SORT_NONE, false, &t), 0,
           "30 groups: tables");
    ok(t.n == 2 && t.t[0].nrows == 120 && t.t[1].nrows == 120, "2 tables of 120 rows");
    legacy_tables_release(&t);
    legacy_coll_release(&c);
    parse_set_release(&ps);
    unlink(path);
    free(text);
    rmdir(dir);
}

int main(void)
{
    /* R8 quartiles of 10 11 12 13 100: q1 = 10 + 2/3, q3 = 13 + 87/3 = 42;
       the upper fence 42 + 1.5 * 31.33 = 89 drops 100 */
    double v[] = { 13, 100, 10, 12, 11 }, r[6], min, mean, max;   /* r: room for w's 6 */
    size_t nr = legacy_compute_stats(v, 5, r, &min, &mean, &max);
    is_int((int)nr, 4, "Tukey fences drop the outlier 100");
    is_double(r[0], 13, 0, "kept values stay in input order (first)");
    is_double(r[3], 11, 0, "kept values stay in input order (last)");
    is_double(mean, 11.5, 0, "mean of the kept values");
    is_double(min, 10, 0, "min of the kept values");
    is_double(max, 13, 0, "max of the kept values");

    /* a lower outlier too, and a sample too small to trim */
    double w[] = { 50, 1, 52, 51, 49, 50 };
    nr = legacy_compute_stats(w, 6, r, &min, &mean, &max);
    is_int((int)nr, 5, "the low outlier 1 is dropped");
    is_double(mean, 50.4, 1e-12, "mean 50.4");
    double one[] = { 7 };
    nr = legacy_compute_stats(one, 1, r, &min, &mean, &max);
    ok(nr == 1 && mean == 7 && min == 7 && max == 7, "a single value is kept");

    /* Welch: 1 2 3 4 against 2 4 6 8: t = -sqrt(3), dof = 75/17,
       p = I_{dof/(dof+t^2)}(dof/2, 1/2) = 0.15158050484530393797 (mpmath) */
    double a[] = { 1, 2, 3, 4 }, b[] = { 2, 4, 6, 8 }, p = -1;
    is_int(ttest_welch(a, 4, b, 4, &p), TTEST_OK, "welch: ok");
    is_double(p, 0.151580504845303938, 1e-12, "welch: p");
    is_int(ttest_welch(b, 4, a, 4, &p), TTEST_OK, "welch: swapped samples");
    is_double(p, 0.151580504845303938, 1e-12, "welch: same p for the swap");
    double c1[] = { 5, 5, 5 }, c2[] = { 6, 6, 6 };
    is_int(ttest_welch(c1, 3, c2, 3, &p), TTEST_ZERO_VARIANCE, "welch: both variances 0");
    is_int(ttest_welch(a, 1, b, 4, &p), TTEST_SAMPLE_SIZE, "welch: n = 1 is too few");
    is_int(ttest_welch(c1, 3, b, 4, &p), TTEST_OK, "welch: one variance 0 is fine");
    /* dof outside GSL's domain: p is NaN (Go's TDist gives NaN or
       panics), never GSL's default handler, which aborts the process.
       0 and 1.4e80: v1/n1 = 4.9e159, whose square overflows, dof = inf/inf;
       1e-160 and 3e-160: the squares underflow, dof = 0/0 */
    double h1[] = { 0, 1.4e80 }, h2[] = { 1, 2 };
    p = -1;
    is_int(ttest_welch(h1, 2, h2, 2, &p), TTEST_OK, "welch: squares overflow: ok");
    ok(isnan(p), "welch: squares overflow: p is NaN");
    double u1[] = { 1e-160, 3e-160 }, u2[] = { 2e-160, 5e-160 };
    p = -1;
    is_int(ttest_welch(u1, 2, u2, 2, &p), TTEST_OK, "welch: squares underflow: ok");
    ok(isnan(p), "welch: squares underflow: p is NaN");
    is_double(ttest_variance(a, 4), 5.0 / 3.0, 1e-15, "Welford variance");
    ok(isnan(ttest_mean(a, 0)), "mean of nothing is NaN");

    /* scaler.go: three significant digits, the prefix from the row's first
       value, the same scale for the other cells of the row */
    char buf[64];
    legacy_scale(13552735, "ns/op", 13552735, buf, sizeof buf);
    is_str(buf, "13.6ms", "time: ms");
    legacy_scale(13552735, "ns/op", 1155000, buf, sizeof buf);
    is_str(buf, "1.2ms", "time: the row's scale for a smaller value");
    legacy_scale(5, "ns/GC", 5, buf, sizeof buf);
    is_str(buf, "5.00ns", "ns/GC is a time");
    legacy_scale(1.438e13, "user-ns/op", 1.438e13, buf, sizeof buf);
    is_str(buf, "14380s", "prefix-ns/op is a time");
    legacy_scale(1393.3, "ns/op", 1393.3, buf, sizeof buf);
    is_str(buf, "1.39µs", "µ is U+00B5");
    legacy_scale(56.63, "MB/s", 56.63, buf, sizeof buf);
    is_str(buf, "56.6MB/s", "MB/s prescaled to B/s");
    legacy_scale(0.731, "MB/s", 0.731, buf, sizeof buf);
    is_str(buf, "731kB/s", "MB/s below 1");
    legacy_scale(976, "B/op", 976, buf, sizeof buf);
    is_str(buf, "976B", "B/op");
    legacy_scale(13.6, "quick-bytes", 13.6, buf, sizeof buf);
    is_str(buf, "13.6B", "prefix-bytes gets a B");
    legacy_scale(99500, "allocs/op", 99500, buf, sizeof buf);
    is_str(buf, "100k", "99500: no decimals, half to even");
    legacy_scale(99499, "allocs/op", 99499, buf, sizeof buf);
    is_str(buf, "99.5k", "99499: one decimal");
    legacy_scale(995, "x", 995, buf, sizeof buf);
    is_str(buf, "0.99k", "995/1000 is just below 0.995");
    legacy_scale(9.94, "x", 9.94, buf, sizeof buf);
    is_str(buf, "9.94", "below 9.95: two decimals");
    legacy_scale(NAN, "x", NAN, buf, sizeof buf);
    is_str(buf, "NaN", "NaN as Go prints it");

    /* Go's fmt on one float64: the verbs of the old tool's delta, cells
       and CSV means */
    go_fmt_float(buf, sizeof buf, "%+.*f", 2, -3.14159);
    is_str(buf, "-3.14", "%%+.2f");
    go_fmt_float(buf, sizeof buf, "%+.*f", 2, NAN);
    is_str(buf, "+NaN", "%%+.2f of NaN: +NaN");
    go_fmt_float(buf, sizeof buf, "%.*f", 0, NAN);
    is_str(buf, "NaN", "%%.0f of NaN: NaN");
    go_fmt_float(buf, sizeof buf, "%.*f", 1, INFINITY);
    is_str(buf, "+Inf", "%%.1f of +Inf: +Inf");
    go_fmt_float(buf, sizeof buf, "%+.*f", 2, -INFINITY);
    is_str(buf, "-Inf", "%%+.2f of -Inf: -Inf");
    is_int(go_fmt_float(buf, sizeof buf, "%.*E", 5, 12345.678), 11, "%%.5E: its length");
    is_str(buf, "1.23457E+04", "%%.5E");
    go_fmt_float(buf, sizeof buf, "%.*E", 5, -INFINITY);
    is_str(buf, "-Inf", "%%.5E of -Inf");

    collection_tests();
    return tap_done();
}
