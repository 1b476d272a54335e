/*
 * jsonout.c -- Go benchmark text in, Google Benchmark JSON out.  See
 * jsonout.h; the layout (keys, their order, two-space indent) is that of
 * libbenchmark 1.7.1's src/json_reporter.cc.
 */
#include "jsonout.h"

#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* A growing text buffer (the JSON of one piece before it is put). */
typedef struct jbuf {
    char *p;
    size_t n, cap;
    bool oom;
} jbuf;

static void jb_add(jbuf *b, const char *s, size_t n)
{
    if (b->oom)
        return;
    if (b->n + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 1024;
        while (cap < b->n + n + 1)
            cap *= 2;
        char *p = realloc(b->p, cap);
        if (!p) {
            b->oom = true;
            return;
        }
        b->p = p;
        b->cap = cap;
    }
    memcpy(b->p + b->n, s, n);
    b->n += n;
    b->p[b->n] = '\0';
}

__attribute__((format(printf, 2, 3)))
static void jb_printf(jbuf *b, const char *fmt, ...)
{
    char tmp[512];
    va_list ap;
    va_start(ap, fmt);
    int k = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (k < 0)
        return;
    jb_add(b, tmp, (size_t)k < sizeof tmp ? (size_t)k : sizeof tmp - 1);
}

/* jb_str: s[0..n) as a JSON string (quotes, escapes). */
static void jb_str(jbuf *b, const char *s, size_t n)
{
    jb_add(b, "\"", 1);
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '"' || c == '\\') {
            char e[2] = { '\\', (char)c };
            jb_add(b, e, 2);
        } else if (c < 0x20 || c == 0x7F) {
            jb_printf(b, "\\u%04x", c);
        } else {
            jb_add(b, s + i, 1);
        }
    }
    jb_add(b, "\"", 1);
}

/* jb_num: a double as libbenchmark writes it: enough digits to read back
   the same double, NaN and Infinity by name. */
static void jb_num(jbuf *b, double v)
{
    if (isnan(v))
        jb_printf(b, "NaN");
    else if (isinf(v))
        jb_printf(b, "%sInfinity", v < 0 ? "-" : "");
    else
        jb_printf(b, "%.17g", v);
}

/* ---------------------------------------------------------------- state */

static struct {
    char *exe;
    int repetitions;
    char *line;                 /* a line not yet complete */
    size_t line_n, line_cap;
    char **ctx;                 /* "key", "value" pairs from config lines */
    size_t nctx;
    char **notes;               /* '#' lines, without "# " */
    size_t nnotes;
    bool head_done;             /* the context is out */
    long nruns;
    char **names;               /* runs seen: name, family, instance, count */
    int *family, *instance, *count;
    size_t nnames;
    int nfamilies;
} J;

static char *dup_n(const char *s, size_t n)
{
    char *p = malloc(n + 1);
    if (p) {
        memcpy(p, s, n);
        p[n] = '\0';
    }
    return p;
}

/* grow: room for one more entry in *arr of n (elements of size sz). */
static int grow(void *arr, size_t n, size_t sz)
{
    void **a = arr;
    if ((n & (n - 1)) != 0 && n != 0)
        return 0;               /* capacity is the next power of two */
    void *p = realloc(*a, (n ? 2 * n : 4) * sz);
    if (!p)
        return -1;
    *a = p;
    return 0;
}

void jo_start(const char *executable, int repetitions)
{
    memset(&J, 0, sizeof J);
    J.exe = dup_n(executable, strlen(executable));
    J.repetitions = repetitions;
}

/* mhz: the "cpu MHz" of /proc/cpuinfo's first CPU, rounded, or -1. */
static long mhz(void)
{
    FILE *f = fopen("/proc/cpuinfo", "r");
    char line[256];
    long v = -1;
    if (!f)
        return -1;
    while (fgets(line, sizeof line, f))
        if (strncmp(line, "cpu MHz", 7) == 0) {
            const char *c = strchr(line, ':');
            if (c)
                v = lround(strtod(c + 1, NULL));
            break;
        }
    fclose(f);
    return v;
}

/* head: the document's start and its context. */
static void head(jbuf *b)
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
    jb_printf(b, "{\n  \"context\": {\n    \"date\": ");
    jb_str(b, date, strlen(date));
    jb_printf(b, ",\n    \"host_name\": ");
    jb_str(b, host, strlen(host));
    jb_printf(b, ",\n    \"executable\": ");
    jb_str(b, J.exe ? J.exe : "", J.exe ? strlen(J.exe) : 0);
    jb_printf(b, ",\n    \"num_cpus\": %ld", sysconf(_SC_NPROCESSORS_ONLN));
    long m = mhz();
    if (m > 0)
        jb_printf(b, ",\n    \"mhz_per_cpu\": %ld", m);
    double load[3];
    if (getloadavg(load, 3) == 3)
        jb_printf(b, ",\n    \"load_avg\": [%g,%g,%g]", load[0], load[1], load[2]);
    for (size_t i = 0; i + 1 < J.nctx; i += 2) {
        jb_printf(b, ",\n    ");
        jb_str(b, J.ctx[i], strlen(J.ctx[i]));
        jb_printf(b, ": ");
        jb_str(b, J.ctx[i + 1], strlen(J.ctx[i + 1]));
    }
    jb_printf(b, ",\n    \"escbench_notes\": [");
    for (size_t i = 0; i < J.nnotes; i++) {
        jb_printf(b, "%s\n      ", i ? "," : "");
        jb_str(b, J.notes[i], strlen(J.notes[i]));
    }
    jb_printf(b, "%s]\n  },\n  \"benchmarks\": [", J.nnotes ? "\n    " : "");
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
    for (size_t i = 0; i < J.nnames; i++) {
        if (strlen(J.names[i]) == n && memcmp(J.names[i], name, n) == 0) {
            *fam = J.family[i];
            *inst = J.instance[i];
            *rep = J.count[i]++;
            return 0;
        }
        if (strncmp(J.names[i], name, base) == 0 &&
            (J.names[i][base] == '/' || J.names[i][base] == '\0')) {
            family = J.family[i];
            instance++;
        }
    }
    if (grow(&J.names, J.nnames, sizeof *J.names) || grow(&J.family, J.nnames, sizeof *J.family) ||
        grow(&J.instance, J.nnames, sizeof *J.instance) ||
        grow(&J.count, J.nnames, sizeof *J.count))
        return -1;
    if (!(J.names[J.nnames] = dup_n(name, n)))
        return -1;
    *fam = J.family[J.nnames] = family >= 0 ? family : J.nfamilies++;
    *inst = J.instance[J.nnames] = instance;
    *rep = 0;
    J.count[J.nnames++] = 1;
    return 0;
}

/* result: a result line ("Benchmark..." with its fields) as one run. */
static int result(jbuf *b, const char *s, size_t n)
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
    jb_printf(b, "%s\n    {\n      \"name\": ", J.nruns++ ? "," : "");
    jb_str(b, name, name_n);
    jb_printf(b, ",\n      \"family_index\": %d,\n      \"per_family_instance_index\": %d,"
                 "\n      \"run_name\": ", fam, inst);
    jb_str(b, name, name_n);
    jb_printf(b, ",\n      \"run_type\": \"iteration\",\n      \"repetitions\": %d,"
                 "\n      \"repetition_index\": %d,\n      \"threads\": 1,"
                 "\n      \"iterations\": %lld,\n      \"real_time\": ",
              J.repetitions, rep, iters);
    jb_num(b, real);
    /* cpu_time is measured under -format json; a line without it (never
       from escbench) would get 0, which no reader takes for a time */
    jb_printf(b, ",\n      \"cpu_time\": ");
    jb_num(b, isnan(cpu) ? 0 : cpu);
    jb_printf(b, ",\n      \"time_unit\": \"ns\"");
    for (size_t i = 0; i < nctr; i++) {
        jb_printf(b, ",\n      ");
        if (ctr[i].un == 4 && memcmp(ctr[i].u, "MB/s", 4) == 0) {
            jb_printf(b, "\"bytes_per_second\": ");
            jb_num(b, ctr[i].v * 1e6);
            continue;
        }
        jb_str(b, ctr[i].u, ctr[i].un);
        jb_printf(b, ": ");
        jb_num(b, ctr[i].v);
    }
    jb_printf(b, "\n    }");
    return 0;
}

/* line: one line of results text. */
static int line(jbuf *b, const char *s, size_t n)
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
    if (n >= 2 && s[0] == '#' && s[1] == ' ') {
        if (grow(&J.notes, J.nnotes, sizeof *J.notes) != 0 ||
            !(J.notes[J.nnotes] = dup_n(s + 2, n - 2)))
            return -1;
        J.nnotes++;
        return 0;
    }
    const char *colon = memchr(s, ':', n);
    if (colon && colon > s && colon + 1 < s + n && colon[1] == ' ' && s[0] >= 'a' && s[0] <= 'z' &&
        !memchr(s, ' ', (size_t)(colon - s))) {
        const char *v = colon + 2;
        while (v < s + n && (*v == ' ' || *v == '\t'))
            v++;
        if (grow(&J.ctx, J.nctx, sizeof *J.ctx) != 0 ||
            grow(&J.ctx, J.nctx + 1, sizeof *J.ctx) != 0 ||
            !(J.ctx[J.nctx] = dup_n(s, (size_t)(colon - s))) ||
            !(J.ctx[J.nctx + 1] = dup_n(v, (size_t)(s + n - v))))
            return -1;
        J.nctx += 2;
    }
    return 0;
}

int jo_feed(const char *text, size_t len, jo_put_fn *put, void *ctx)
{
    jbuf b = { 0 };
    int rc = 0;
    for (size_t i = 0; i < len && rc == 0; i++) {
        if (text[i] != '\n') {
            if (J.line_n + 1 >= J.line_cap) {
                size_t cap = J.line_cap ? 2 * J.line_cap : 256;
                char *p = realloc(J.line, cap);
                if (!p) {
                    rc = -1;
                    break;
                }
                J.line = p;
                J.line_cap = cap;
            }
            J.line[J.line_n++] = text[i];
            continue;
        }
        rc = line(&b, J.line ? J.line : "", J.line_n);
        J.line_n = 0;
    }
    if (b.oom)
        rc = -1;
    if (rc == 0 && b.n > 0)
        rc = put(ctx, b.p, b.n);
    free(b.p);
    return rc;
}

int jo_end(jo_put_fn *put, void *ctx)
{
    jbuf b = { 0 };
    if (J.line_n > 0)
        line(&b, J.line, J.line_n);
    J.line_n = 0;
    if (!J.head_done)
        head(&b);
    jb_printf(&b, "%s]\n}\n", J.nruns ? "\n  " : "");
    int rc = b.oom ? -1 : put(ctx, b.p, b.n);
    free(b.p);
    return rc;
}
