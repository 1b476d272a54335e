/*
 * jsonout.c -- Go benchmark text in, Google Benchmark JSON out.  See
 * jsonout.h; the layout (keys, their order, two-space indent) is that of
 * libbenchmark 1.7.1's src/json_reporter.cc.
 */
#include "jsonout.h"
#include "cpuinfo.h"
#include "strbuf.h"
#include "strlist.h"
#include "vec.h"

#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* jb_str: s[0..n) as a JSON string (quotes, escapes). */
static void jb_str(strbuf *b, const char *s, size_t n)
{
    strbuf_add(b, "\"", 1);
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '"' || c == '\\') {
            char e[2] = { '\\', (char)c };
            strbuf_add(b, e, 2);
        } else if (c < 0x20 || c == 0x7F) {
            strbuf_printf(b, "\\u%04x", c);
        } else {
            strbuf_add(b, s + i, 1);
        }
    }
    strbuf_add(b, "\"", 1);
}

/* jb_num: a double as libbenchmark writes it: enough digits to read back
   the same double, NaN and Infinity by name. */
static void jb_num(strbuf *b, double v)
{
    if (isnan(v))
        strbuf_printf(b, "NaN");
    else if (isinf(v))
        strbuf_printf(b, "%sInfinity", v < 0 ? "-" : "");
    else
        strbuf_printf(b, "%.17g", v);
}

/* ---------------------------------------------------------------- state */

static struct {
    char *exe;
    int repetitions;
    strbuf line;                /* a line not yet complete */
    strlist ctx;                /* "key", "value" pairs from config lines */
    strlist notes;              /* '#' lines, without "# " */
    bool head_done;             /* the context is out */
    long nruns;
    strlist names;              /* runs seen: name, family, instance, count */
    int *family, *instance, *count;
    size_t names_cap;           /* of family, instance and count */
    int nfamilies;
} J;

/* push_n appends a copy of s[0..n) to l; 0, or -1 when out of memory. */
static int push_n(strlist *l, const char *s, size_t n)
{
    char *p = strndup(s, n);
    if (!p || strlist_push_owned(l, p) != 0) {
        free(p);
        return -1;
    }
    return 0;
}

void jo_start(const char *executable, int repetitions)
{
    memset(&J, 0, sizeof J);
    J.exe = strdup(executable);
    J.repetitions = repetitions;
}

/* mhz: the "cpu MHz" of /proc/cpuinfo's first CPU, rounded, or -1. */
static long mhz(void)
{
    size_t len;
    const char *text = cpuinfo_text(&len);
    char v[64];
    if (!cpuinfo_find(text, len, "cpu MHz", v, sizeof v))
        return -1;
    return lround(strtod(v, NULL));
}

/* head: the document's start and its context. */
static void head(strbuf *b)
{
    char host[256] = "", date[64] = "";
    time_t now = time(NULL);
    struct tm tm;
    if (localtime_r(&now, &tm) && strftime(date, sizeof date, "%Y-%m-%dT%H:%M:%S%z", &tm)) {
        size_t n = strlen(date);    /* +0000 -> +00:00, as libbenchmark */
        if (n >= 5 && n + 1 < sizeof date) {
            memmove(date + n - 1, date + n - 2, 3);
            date[n - 2] = ':';
        }
    }
    gethostname(host, sizeof host - 1);
    strbuf_printf(b, "{\n  \"context\": {\n    \"date\": ");
    jb_str(b, date, strlen(date));
    strbuf_printf(b, ",\n    \"host_name\": ");
    jb_str(b, host, strlen(host));
    strbuf_printf(b, ",\n    \"executable\": ");
    jb_str(b, J.exe ? J.exe : "", J.exe ? strlen(J.exe) : 0);
    strbuf_printf(b, ",\n    \"num_cpus\": %ld", sysconf(_SC_NPROCESSORS_ONLN));
    long m = mhz();
    if (m > 0)
        strbuf_printf(b, ",\n    \"mhz_per_cpu\": %ld", m);
    double load[3];
    if (getloadavg(load, 3) == 3)
        strbuf_printf(b, ",\n    \"load_avg\": [%g,%g,%g]", load[0], load[1], load[2]);
    for (size_t i = 0; i + 1 < J.ctx.n; i += 2) {
        strbuf_printf(b, ",\n    ");
        jb_str(b, J.ctx.v[i], strlen(J.ctx.v[i]));
        strbuf_printf(b, ": ");
        jb_str(b, J.ctx.v[i + 1], strlen(J.ctx.v[i + 1]));
    }
    strbuf_printf(b, ",\n    \"escbench_notes\": [");
    for (size_t i = 0; i < J.notes.n; i++) {
        strbuf_printf(b, "%s\n      ", i ? "," : "");
        jb_str(b, J.notes.v[i], strlen(J.notes.v[i]));
    }
    strbuf_printf(b, "%s]\n  },\n  \"benchmarks\": [", J.notes.n ? "\n    " : "");
    J.head_done = true;
}

/* next_field: the next blank-separated field of *s (length *n). */
static bool next_field(const char **s, size_t *n, const char **f, size_t *fn)
{
    while (*n > 0 && (**s == ' ' || **s == '\t')) {
        (*s)++;
        (*n)--;
    }
    *f = *s;
    while (*n > 0 && **s != ' ' && **s != '\t') {
        (*s)++;
        (*n)--;
    }
    *fn = (size_t)(*s - *f);
    return *fn > 0;
}

/* run_index: family, instance and repetition of run name[0..n); -1 when
   out of memory. */
static int run_index(const char *name, size_t n, int *fam, int *inst, int *rep)
{
    size_t base = 0;
    while (base < n && name[base] != '/')
        base++;
    int family = -1, instance = 0;
    for (size_t i = 0; i < J.names.n; i++) {
        const char *seen = J.names.v[i];
        if (strlen(seen) == n && memcmp(seen, name, n) == 0) {
            *fam = J.family[i];
            *inst = J.instance[i];
            *rep = J.count[i]++;
            return 0;
        }
        if (strncmp(seen, name, base) == 0 && (seen[base] == '/' || seen[base] == '\0')) {
            family = J.family[i];
            instance++;
        }
    }
    size_t k = J.names.n, cap = vec_capacity(J.names_cap, k + 1, sizeof *J.count);
    if (cap == 0 || (cap > J.names_cap && (vec_resize(&J.family, cap, sizeof *J.family) != 0 ||
                                           vec_resize(&J.instance, cap, sizeof *J.instance) != 0 ||
                                           vec_resize(&J.count, cap, sizeof *J.count) != 0)))
        return -1;
    J.names_cap = cap;
    if (push_n(&J.names, name, n) != 0)
        return -1;
    *fam = J.family[k] = family >= 0 ? family : J.nfamilies++;
    *inst = J.instance[k] = instance;
    *rep = 0;
    J.count[k] = 1;
    return 0;
}

/* result: a result line ("Benchmark..." with its fields) as one run. */
static int result(strbuf *b, const char *s, size_t n)
{
    const char *f, *name;
    size_t fn, name_n;
    next_field(&s, &n, &name, &name_n);
    name += 9;                  /* "Benchmark" */
    name_n -= 9;
    if (!next_field(&s, &n, &f, &fn))
        return 0;
    long long iters = strtoll(f, NULL, 10);
    double real = 0, cpu = NAN;
    struct { const char *u; size_t un; double v; } ctr[40];
    size_t nctr = 0;
    while (next_field(&s, &n, &f, &fn)) {
        char num[64];
        snprintf(num, sizeof num, "%.*s", (int)(fn < 63 ? fn : 63), f);
        double v = strtod(num, NULL);
        if (!next_field(&s, &n, &f, &fn))
            break;
        if (fn == 5 && memcmp(f, "ns/op", 5) == 0)
            real = v;
        else if (fn == 9 && memcmp(f, "cpu-ns/op", 9) == 0)
            cpu = v;
        else if (nctr < sizeof ctr / sizeof ctr[0]) {
            ctr[nctr].u = f;
            ctr[nctr].un = fn;
            ctr[nctr++].v = v;
        }
    }
    int fam, inst, rep;
    if (run_index(name, name_n, &fam, &inst, &rep) != 0)
        return -1;
    strbuf_printf(b, "%s\n    {\n      \"name\": ", J.nruns++ ? "," : "");
    jb_str(b, name, name_n);
    strbuf_printf(b, ",\n      \"family_index\": %d,\n      \"per_family_instance_index\": %d,"
                 "\n      \"run_name\": ", fam, inst);
    jb_str(b, name, name_n);
    strbuf_printf(b, ",\n      \"run_type\": \"iteration\",\n      \"repetitions\": %d,"
                 "\n      \"repetition_index\": %d,\n      \"threads\": 1,"
                 "\n      \"iterations\": %lld,\n      \"real_time\": ",
              J.repetitions, rep, iters);
    jb_num(b, real);
    /* cpu_time is measured under -format json; a line without it (never
       from escbench) would get 0, which no reader takes for a time */
    strbuf_printf(b, ",\n      \"cpu_time\": ");
    jb_num(b, isnan(cpu) ? 0 : cpu);
    strbuf_printf(b, ",\n      \"time_unit\": \"ns\"");
    for (size_t i = 0; i < nctr; i++) {
        strbuf_printf(b, ",\n      ");
        if (ctr[i].un == 4 && memcmp(ctr[i].u, "MB/s", 4) == 0) {
            strbuf_printf(b, "\"bytes_per_second\": ");
            jb_num(b, ctr[i].v * 1e6);
            continue;
        }
        jb_str(b, ctr[i].u, ctr[i].un);
        strbuf_printf(b, ": ");
        jb_num(b, ctr[i].v);
    }
    strbuf_printf(b, "\n    }");
    return 0;
}

/* line: one line of results text. */
static int line(strbuf *b, const char *s, size_t n)
{
    if (n >= 9 && memcmp(s, "Benchmark", 9) == 0) {
        const char *f;
        size_t fn, rest = n;
        const char *p = s;
        next_field(&p, &rest, &f, &fn);
        if (rest == 0)
            return 0;           /* a bare name */
        if (!J.head_done)
            head(b);
        return result(b, s, n);
    }
    if (J.head_done)
        return 0;
    if (n >= 2 && s[0] == '#' && s[1] == ' ')
        return push_n(&J.notes, s + 2, n - 2);
    const char *colon = memchr(s, ':', n);
    if (colon && colon > s && colon + 1 < s + n && colon[1] == ' ' && s[0] >= 'a' && s[0] <= 'z' &&
        !memchr(s, ' ', (size_t)(colon - s))) {
        const char *v = colon + 2;
        while (v < s + n && (*v == ' ' || *v == '\t'))
            v++;
        if (push_n(&J.ctx, s, (size_t)(colon - s)) != 0 ||
            push_n(&J.ctx, v, (size_t)(s + n - v)) != 0)
            return -1;
    }
    return 0;
}

int jo_feed(const char *text, size_t len, jo_put_fn *put, void *ctx)
{
    strbuf b = STRBUF_INIT;
    int rc = 0;
    for (size_t i = 0; i < len && rc == 0; i++) {
        if (text[i] != '\n') {
            strbuf_addc(&J.line, text[i]);
            if (!strbuf_ok(&J.line))
                rc = -1;
            continue;
        }
        rc = line(&b, strbuf_str(&J.line), J.line.len);
        strbuf_reset(&J.line);
    }
    if (!strbuf_ok(&b))
        rc = -1;
    if (rc == 0 && b.len > 0)
        rc = put(ctx, b.s, b.len);
    strbuf_release(&b);
    return rc;
}

int jo_end(jo_put_fn *put, void *ctx)
{
    strbuf b = STRBUF_INIT;
    if (J.line.len > 0)
        line(&b, strbuf_str(&J.line), J.line.len);
    strbuf_reset(&J.line);
    if (!J.head_done)
        head(&b);
    strbuf_printf(&b, "%s]\n}\n", J.nruns ? "\n  " : "");
    int rc = strbuf_ok(&b) ? put(ctx, b.s, b.len) : -1;
    strbuf_release(&b);
    return rc;
}
