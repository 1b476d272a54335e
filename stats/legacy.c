/*
 * legacy.c -- the pre-2023 benchstat's collection and tables
 * (golang.org/x/perf at 91a0461: benchstat/data.go, table.go, sort.go,
 * delta.go; storage/benchfmt/benchfmt.go for the reader).  The statistics
 * are the library's: sample_quantile (R8), mannwhitney_utest_sorted,
 * ttest_welch and sample_geomean.
 */
#include "legacy.h"
#include "vec.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "grammar.h"
#include "hashindex.h"
#include "scale.h"
#include "sample.h"
#include "sort.h"
#include "ttest.h"
#include "mannwhitney.h"
#include "utf8.h"

/* bufio.Scanner's MaxScanTokenSize: a line and its '\n' must fit. */
#define LEGACY_MAX_LINE (64 * 1024 - 1)

/* Tuple kinds in the one hash table. */
enum { T_METRIC, T_GROUP, T_BENCH, T_UNIT };

/* ------------------------------------------------------------ hashing */

/* tuple_hash mixes a tuple's kind and three words into the hash the index
   keeps it under (hash_combine steps, then a 64-bit multiply). */
static uint32_t tuple_hash(uint32_t kind, uint32_t a, uint32_t b, uint32_t d)
{
    uint64_t h = 0x9E3779B97F4A7C15ull * (kind + 1);
    h ^= a + 0x632BE59BD9B4E019ull + (h << 6) + (h >> 2);
    h ^= b + 0x632BE59BD9B4E019ull + (h << 6) + (h >> 2);
    h ^= d + 0x632BE59BD9B4E019ull + (h << 6) + (h >> 2);
    h *= 0xFF51AFD7ED558CCDull;
    return (uint32_t)(h ^ (h >> 32));
}

/* tuple_rehash is the hash of tuple id, for the index when it grows. */
static uint32_t tuple_rehash(const void *ctx, uint32_t id)
{
    const uint32_t *t = ((const legacy_coll *)ctx)->tuples + 5 * (size_t)id;
    return tuple_hash(t[0], t[1], t[2], t[3]);
}

/* tuple_find: the value stored for the tuple, or -1 (absent); with add,
   stores val for an absent tuple and returns -2 (added), or -3 when out of
   memory (the tuple not added). */
static long tuple_find(legacy_coll *c, uint32_t kind, uint32_t a, uint32_t b, uint32_t d,
                       bool add, uint32_t val)
{
    uint32_t h = tuple_hash(kind, a, b, d);
    for (size_t i = hashindex_first(&c->index, h);; i = hashindex_next(&c->index, i)) {
        uint32_t id = hashindex_at(&c->index, i);
        if (id == HASHINDEX_NONE)
            break;
        const uint32_t *t = c->tuples + 5 * (size_t)id;
        if (t[0] == kind && t[1] == a && t[2] == b && t[3] == d)
            return t[4];
    }
    if (!add)
        return -1;
    if (vec_reserve(&c->tuples, &c->tup_cap, c->ntuples + 1, 5 * sizeof *c->tuples) != 0)
        return -3;
    uint32_t *t = c->tuples + 5 * c->ntuples;
    t[0] = kind;
    t[1] = a;
    t[2] = b;
    t[3] = d;
    t[4] = val;
    if (hashindex_add(&c->index, h, (uint32_t)c->ntuples, tuple_rehash, c) != 0)
        return -3;
    c->ntuples++;
    return -2;
}

/* push_id appends id to the array *a of *n ids and capacity *cap (the
   caller's, grown as vec_reserve grows it).  Returns 0, or -1 when out of
   memory (the array unchanged). */
static int push_id(parse_id **a, size_t *n, size_t *cap, parse_id id)
{
    if (vec_reserve(a, cap, *n + 1, sizeof **a) != 0)
        return -1;
    (*a)[(*n)++] = id;
    return 0;
}

/* add_group appends group to the collection's groups, with no benchmarks
   yet: groups, benches, nbenches and bench_cap are parallel arrays of one
   capacity, grp_cap.  Returns the group's index, or -1 when out of memory
   (the collection unchanged, though some arrays may have grown). */
static long add_group(legacy_coll *c, parse_id group)
{
    if (c->ngroups == c->grp_cap) {
        /* the capacity for the widest element, benches' pointers */
        size_t cap = vec_capacity(c->grp_cap, c->ngroups + 1, sizeof *c->benches);
        if (cap == 0 || vec_resize(&c->groups, cap, sizeof *c->groups) != 0 ||
            vec_resize(&c->benches, cap, sizeof *c->benches) != 0 ||
            vec_resize(&c->nbenches, cap, sizeof *c->nbenches) != 0 ||
            vec_resize(&c->bench_cap, cap, sizeof *c->bench_cap) != 0)
            return -1;
        c->grp_cap = cap;
    }
    size_t g = c->ngroups++;
    c->groups[g] = group;
    c->benches[g] = NULL;
    c->nbenches[g] = 0;
    c->bench_cap[g] = 0;
    return (long)g;
}

/* ------------------------------------------------------------ collection */

int legacy_coll_init(legacy_coll *c, parse_set *ps, const char *split)
{
    memset(c, 0, sizeof *c);
    hashindex_init(&c->index, 1024);
    c->ps = ps;
    if (split[0] == '\0')
        return 0;
    size_t n = 1;
    for (const char *p = split; *p; p++)
        n += *p == ',';
    c->split = malloc(n * sizeof *c->split);
    if (!c->split)
        return -1;
    const char *s = split;
    for (size_t i = 0; i < n; i++) {
        const char *e = strchr(s, ',');
        size_t len = e ? (size_t)(e - s) : strlen(s);
        parse_id id = parse_intern(ps, s, len);
        if (id == (parse_id)-1)
            return -1;
        c->split[c->nsplit++] = id;
        s += len + 1;
    }
    return 0;
}

void legacy_coll_release(legacy_coll *c)
{
    free(c->split);
    free(c->configs);
    free(c->groups);
    for (size_t g = 0; g < c->ngroups; g++)
        free(c->benches[g]);
    free(c->benches);
    free(c->nbenches);
    free(c->bench_cap);
    free(c->units);
    for (size_t i = 0; i < c->nm; i++) {
        free(c->m[i].values);
        free(c->m[i].rvalues);
    }
    free(c->m);
    hashindex_release(&c->index);
    free(c->tuples);
    memset(c, 0, sizeof *c);
}

/* add_metrics is Collection.addMetrics: the metrics of the key, created
   (with the key's group, benchmark and unit recorded in first-seen order)
   when new.  NULL when out of memory. */
static legacy_metrics *add_metrics(legacy_coll *c, parse_id config, parse_id group,
                                   parse_id bench, parse_id unit)
{
    /* the metric key packs config and group into one word pair */
    long k = tuple_find(c, T_METRIC, config, group, bench ^ (unit * 0x9E3779B1u), false, 0);
    while (k >= 0) {
        legacy_metrics *m = &c->m[k];
        if (m->config == config && m->group == group && m->bench == bench && m->unit == unit)
            return m;
        /* a collision of the packed word: fall back to a scan (rare) */
        for (size_t i = 0; i < c->nm; i++) {
            m = &c->m[i];
            if (m->config == config && m->group == group && m->bench == bench &&
                m->unit == unit)
                return m;
        }
        break;
    }
    long gi = tuple_find(c, T_GROUP, group, 0, 0, true, (uint32_t)c->ngroups);
    if (gi == -3)
        return NULL;
    if (gi == -2 && (gi = add_group(c, group)) < 0)
        return NULL;
    long bi = tuple_find(c, T_BENCH, (uint32_t)gi, bench, 0, true, 0);
    if (bi == -3)
        return NULL;
    if (bi == -2 && push_id(&c->benches[gi], &c->nbenches[gi], &c->bench_cap[gi], bench) != 0)
        return NULL;
    long ui = tuple_find(c, T_UNIT, unit, 0, 0, true, 0);
    if (ui == -3)
        return NULL;
    if (ui == -2 && push_id(&c->units, &c->nunits, &c->unit_cap, unit) != 0)
        return NULL;
    if (vec_reserve(&c->m, &c->m_cap, c->nm + 1, sizeof *c->m) != 0)
        return NULL;
    if (k < 0 && tuple_find(c, T_METRIC, config, group, bench ^ (unit * 0x9E3779B1u), true,
                            (uint32_t)c->nm) == -3)
        return NULL;
    legacy_metrics *m = &c->m[c->nm++];
    memset(m, 0, sizeof *m);
    m->config = config;
    m->group = group;
    m->bench = bench;
    m->unit = unit;
    return m;
}

/* find_metrics: the metrics of the key, or NULL. */
static const legacy_metrics *find_metrics(legacy_coll *c, parse_id config, parse_id group,
                                          parse_id bench, parse_id unit)
{
    long k = tuple_find(c, T_METRIC, config, group, bench ^ (unit * 0x9E3779B1u), false, 0);
    if (k < 0)
        return NULL;
    const legacy_metrics *m = &c->m[k];
    if (m->config == config && m->group == group && m->bench == bench && m->unit == unit)
        return m;
    for (size_t i = 0; i < c->nm; i++) {
        m = &c->m[i];
        if (m->config == config && m->group == group && m->bench == bench && m->unit == unit)
            return m;
    }
    return NULL;
}

/* A string slice. */
typedef struct span {
    const char *s;
    size_t n;
} span;

/* A file's config labels (storage/benchfmt Labels), insertion order. */
typedef struct labels {
    span *kv;                   /* key, value, key, value, ... (owned copies) */
    size_t n, cap;              /* pairs */
} labels;

/* labels_release frees the copies l owns and its array. */
static void labels_release(labels *l)
{
    for (size_t i = 0; i < l->n; i++) {
        free((char *)l->kv[2 * i].s);
        free((char *)l->kv[2 * i + 1].s);
    }
    free(l->kv);
}

/* dup_span returns a malloc'd, NUL-terminated copy of s[0..n) (the
   caller's to free), or NULL when out of memory. */
static char *dup_span(const char *s, size_t n)
{
    char *d = malloc(n + 1);
    if (d) {
        memcpy(d, s, n);
        d[n] = '\0';
    }
    return d;
}

/* labels_set sets key to val, or deletes it when vn == 0. */
static int labels_set(labels *l, const char *k, size_t kn, const char *v, size_t vn)
{
    for (size_t i = 0; i < l->n; i++) {
        span *p = &l->kv[2 * i];
        if (p->n == kn && memcmp(p->s, k, kn) == 0) {
            free((char *)p[1].s);
            if (vn == 0) {
                free((char *)p->s);
                l->kv[2 * i] = l->kv[2 * (l->n - 1)];
                l->kv[2 * i + 1] = l->kv[2 * (l->n - 1) + 1];
                l->n--;
                return 0;
            }
            char *d = dup_span(v, vn);
            if (!d)
                return -1;
            p[1].s = d;
            p[1].n = vn;
            return 0;
        }
    }
    if (vn == 0)
        return 0;
    if (vec_reserve(&l->kv, &l->cap, l->n + 1, 2 * sizeof *l->kv) != 0)
        return -1;
    char *dk = dup_span(k, kn), *dv = dup_span(v, vn);
    if (!dk || !dv) {
        free(dk);
        free(dv);
        return -1;
    }
    l->kv[2 * l->n] = (span){ dk, kn };
    l->kv[2 * l->n + 1] = (span){ dv, vn };
    l->n++;
    return 0;
}

/* is_go_int: strconv.Atoi succeeds on s[0..n). */
static bool is_go_int(const char *s, size_t n)
{
    int64_t v;
    return parse_atoi(s, n, &v) == 0;
}

/* name_label: the value of label key in the name labels of full name
   name[0..n), as storage/benchfmt's parseNameLabels sets them (a trailing
   "-N" is gomaxprocs, the part before the first '/' is "name", the other
   '/' parts "k=v" or subN; later ones overwrite earlier ones).  Empty when
   unset. */
static span name_label(const char *name, size_t n, const char *key, size_t kn)
{
    span found = { "", 0 };
    size_t len = n;
    const char *dash = NULL;
    for (size_t i = n; i > 0; i--)
        if (name[i - 1] == '-') {
            dash = name + i - 1;
            break;
        }
    if (dash && is_go_int(dash + 1, (size_t)(name + n - dash - 1))) {
        if (kn == 10 && memcmp(key, "gomaxprocs", 10) == 0)
            found = (span){ dash + 1, (size_t)(name + n - dash - 1) };
        len = (size_t)(dash - name);
    }
    const char *p = name, *end = name + len;
    const char *slash = memchr(p, '/', len);
    const char *e = slash ? slash : end;
    if (kn == 4 && memcmp(key, "name", 4) == 0)
        found = (span){ p, (size_t)(e - p) };
    int idx = 0;
    while (slash) {
        p = slash + 1;
        slash = memchr(p, '/', (size_t)(end - p));
        e = slash ? slash : end;
        idx++;
        const char *eq = memchr(p, '=', (size_t)(e - p));
        char sub[32];
        const char *k;
        size_t kl;
        span v;
        if (eq) {
            k = p;
            kl = (size_t)(eq - p);
            v = (span){ eq + 1, (size_t)(e - eq - 1) };
        } else {
            kl = (size_t)snprintf(sub, sizeof sub, "sub%d", idx);
            k = sub;
            v = (span){ p, (size_t)(e - p) };
        }
        if (kl == kn && memcmp(k, key, kn) == 0)
            found = v;
    }
    return found;
}

/* make_group is Collection.makeGroup: "label:value" for each -split label
   with a value in the name labels or else the file labels, space-joined,
   built in *buf (capacity *cap; the caller's, kept from line to line and
   grown with vec_reserve).  Interned id, or (parse_id)-1 when out of
   memory. */
static parse_id make_group(legacy_coll *c, const labels *l, const char *name, size_t n,
                           char **buf, size_t *cap)
{
    size_t len = 0;
    for (size_t i = 0; i < c->nsplit; i++) {
        const char *key = parse_str(c->ps, c->split[i]);
        size_t kn = parse_strlen(c->ps, c->split[i]);
        span v = name_label(name, n, key, kn);
        if (v.n == 0)
            for (size_t j = 0; j < l->n; j++)
                if (l->kv[2 * j].n == kn && memcmp(l->kv[2 * j].s, key, kn) == 0) {
                    v = l->kv[2 * j + 1];
                    break;
                }
        if (v.n == 0)
            continue;
        size_t need = len + 1 + kn + 1 + v.n;
        /* (vec_reserve is a call: this runs for every line) */
        if (need > *cap && vec_reserve(buf, cap, need, 1) != 0)
            return (parse_id)-1;
        if (len)
            (*buf)[len++] = ' ';
        memcpy(*buf + len, key, kn);
        len += kn;
        (*buf)[len++] = ':';
        memcpy(*buf + len, v.s, v.n);
        len += v.n;
    }
    return parse_intern(c->ps, len ? *buf : "", len);
}

/* fields splits s[0..n) at runs of Unicode white space (strings.Fields).
   Returns the number of fields; writes at most cap of them. */
static size_t fields(const char *s, size_t n, span *f, size_t cap)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t nf = 0, i = 0;
    while (i < n) {
        size_t k;
        uint32_t r = u[i] < 0x80 ? u[i] : utf8_decode(u + i, n - i, &k);
        if (u[i] < 0x80)
            k = 1;
        if (utf8_is_space(r)) {
            i += k;
            continue;
        }
        size_t start = i;
        while (i < n) {
            r = u[i] < 0x80 ? u[i] : utf8_decode(u + i, n - i, &k);
            if (u[i] < 0x80)
                k = 1;
            if (utf8_is_space(r))
                break;
            i += k;
        }
        if (nf < cap)
            f[nf] = (span){ s + start, i - start };
        nf++;
    }
    return nf;
}

/* add_line handles one benchmark line as Collection.addResult. */
static int add_line(legacy_coll *c, parse_id config, const labels *l, const char *line,
                    size_t n, span **fs, size_t *fcap, char **gbuf, size_t *gcap)
{
    size_t nf = fields(line, n, *fs, *fcap);
    if (nf > *fcap) {
        if (vec_reserve(fs, fcap, nf, sizeof **fs) != 0)
            return -1;
        fields(line, n, *fs, *fcap);
    }
    span *f = *fs;
    if (nf < 4)
        return 0;
    if (f[0].n < 9 || memcmp(f[0].s, "Benchmark", 9) != 0)
        return 0;
    /* n, _ := strconv.Atoi(f[1]); if n == 0 { skip }: a syntax error gives
       0, an out-of-range count the int64 bound, which is kept */
    int64_t iters = 0;
    int rc = parse_atoi(f[1].s, f[1].n, &iters);
    if (rc == -1 || (rc == 0 && iters == 0))
        return 0;
    const char *name = f[0].s + 9;
    size_t name_n = f[0].n - 9;
    parse_id group = make_group(c, l, name, name_n, gbuf, gcap);
    parse_id bench = parse_intern(c->ps, name, name_n);
    if (group == (parse_id)-1 || bench == (parse_id)-1)
        return -1;
    for (size_t i = 2; i + 2 <= nf; i += 2) {
        double v;
        if (parse_float(f[i].s, f[i].n, &v) != 0)
            continue;
        parse_id unit = parse_intern(c->ps, f[i + 1].s, f[i + 1].n);
        if (unit == (parse_id)-1)
            return -1;
        legacy_metrics *m = add_metrics(c, config, group, bench, unit);
        if (!m)
            return -1;
        /* (vec_reserve is a call: this runs for every value) */
        if (m->n == m->cap && vec_reserve(&m->values, &m->cap, m->n + 1, sizeof *m->values) != 0)
            return -1;
        m->values[m->n++] = v;
    }
    return 0;
}

/* is_benchmark_line: storage/benchfmt's parseBenchmarkLine -- the text up
   to the first Unicode space starts with "Benchmark" (and there is one). */
static bool is_benchmark_line(const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    for (size_t i = 0; i < n;) {
        size_t k = 1;
        uint32_t r = u[i] < 0x80 ? u[i] : utf8_decode(u + i, n - i, &k);
        if (utf8_is_space(r))
            return i >= 9 && memcmp(s, "Benchmark", 9) == 0;
        i += k;
    }
    return false;
}

/* go_errno: strerror as Go prints it (lower-case first letter). */
static void go_errno(char *buf, size_t size, const char *op, const char *path, int e)
{
    char msg[128];
    snprintf(msg, sizeof msg, "%s", strerror(e));
    if (msg[0] >= 'A' && msg[0] <= 'Z')
        msg[0] = (char)(msg[0] - 'A' + 'a');
    snprintf(buf, size, "%s %s: %s", op, path, msg);
}

int legacy_coll_add_file(legacy_coll *c, const char *path, char *err, size_t errsize)
{
    parse_id config = parse_intern(c->ps, path, strlen(path));
    if (config == (parse_id)-1 ||
        push_id(&c->configs, &c->nconfigs, &c->cfg_cap, config) != 0) {
        snprintf(err, errsize, "out of memory");
        return -2;
    }
    FILE *fp = fopen(path, "r");
    if (!fp) {
        if (errno == ENOMEM) {
            snprintf(err, errsize, "out of memory");
            return -2;
        }
        go_errno(err, errsize, "open", path, errno);
        return -1;
    }
    labels l = { 0 };
    span *fs = NULL;            /* a line's fields (add_line grows it) */
    size_t fcap = 0;
    char *gbuf = NULL, *line = NULL;
    size_t gcap = 0, lcap = 0;
    int rc = 0;
    ssize_t got;
    errno = 0;
    while ((got = getline(&line, &lcap, fp)) >= 0) {
        size_t n = (size_t)got;
        bool nl = n > 0 && line[n - 1] == '\n';
        if (nl)
            n--;
        if (n > LEGACY_MAX_LINE) {
            snprintf(err, errsize, "bufio.Scanner: token too long");
            rc = -1;
            break;
        }
        if (n > 0 && line[n - 1] == '\r')
            n--;
        size_t kn, vn;
        const char *v;
        if (parse_config_line(line, n, &kn, &v, &vn)) {
            if (labels_set(&l, line, kn, v, vn) != 0)
                goto oom;
            continue;
        }
        if (!is_benchmark_line(line, n))
            continue;
        if (add_line(c, config, &l, line, n, &fs, &fcap, &gbuf, &gcap) != 0)
            goto oom;
    }
    if (rc == 0 && !feof(fp)) {
        /* getline stopped before the end: out of memory or a read error */
        if (errno == ENOMEM)
            goto oom;
        go_errno(err, errsize, "read", path, errno ? errno : EIO);
        rc = -1;
    }
    goto done;
oom:
    snprintf(err, errsize, "out of memory");
    rc = -2;
done:
    free(fs);
    free(gbuf);
    free(line);
    labels_release(&l);
    fclose(fp);
    return rc;
}

/* ------------------------------------------------------------ statistics */

size_t legacy_compute_stats(const double *values, size_t n, double *rvalues, double *min,
                            double *mean, double *max)
{
    /* the quartiles come from a sorted copy; rvalues serves as the copy
       and is then overwritten with the kept values in input order */
    memcpy(rvalues, values, n * sizeof *rvalues);
    sort_float64s(rvalues, n);
    double q1 = sample_quantile(rvalues, n, 0.25), q3 = sample_quantile(rvalues, n, 0.75);
    double lo = q1 - 1.5 * (q3 - q1), hi = q3 + 1.5 * (q3 - q1);
    size_t nr = 0;
    for (size_t i = 0; i < n; i++)
        if (lo <= values[i] && values[i] <= hi)
            rvalues[nr++] = values[i];
    if (nr == 0) {
        *min = *max = NAN;
    } else {
        *min = *max = rvalues[0];
        for (size_t i = 0; i < nr; i++) {
            if (rvalues[i] < *min)
                *min = rvalues[i];
            if (rvalues[i] > *max)
                *max = rvalues[i];
        }
    }
    *mean = ttest_mean(rvalues, nr);
    return nr;
}

/* ------------------------------------------------------------ tables */

/* metric_of is table.go's metricOf: the names of ns/op, ns/GC, B/op and
   MB/s, also after a "prefix-". */
static void metric_of(const char *unit, char *out, size_t size)
{
    static const char *const from[] = { "ns/op", "ns/GC", "B/op", "MB/s" };
    static const char *const to[] = { "time/op", "time/GC", "alloc/op", "speed" };
    for (int i = 0; i < 4; i++)
        if (strcmp(unit, from[i]) == 0) {
            snprintf(out, size, "%s", to[i]);
            return;
        }
    size_t n = strlen(unit);
    for (int i = 0; i < 4; i++) {
        size_t fl = strlen(from[i]);
        if (n > fl && unit[n - fl - 1] == '-' && strcmp(unit + n - fl, from[i]) == 0) {
            snprintf(out, size, "%.*s-%s", (int)(n - fl - 1), unit, to[i]);
            return;
        }
    }
    snprintf(out, size, "%s", unit);
}

/* new_row appends an empty row with ncfg cells. */
static legacy_row *new_row(legacy_table *t, size_t ncfg)
{
    if (vec_reserve(&t->rows, &t->cap, t->nrows + 1, sizeof *t->rows) != 0)
        return NULL;
    legacy_row *r = &t->rows[t->nrows];
    memset(r, 0, sizeof *r);
    r->cells = calloc(ncfg ? ncfg : 1, sizeof *r->cells);
    if (!r->cells)
        return NULL;
    t->nrows++;
    return r;
}

/* go_pct writes pct to buf as Go's "%+.2f%%" ("+NaN%", "+Inf%", "-Inf%"
   for the non-finite values). */
static void go_pct(char *buf, size_t size, double pct)
{
    int n = go_fmt_float(buf, size, "%+.*f", 2, pct);
    if (n >= 0 && (size_t)n < size)
        snprintf(buf + n, size - (size_t)n, "%%");
}

/* delta_test runs the delta test on the two trimmed samples (delta.go):
   0 and *p; -1 and the note of the test's error; -2 when out of memory. */
static int delta_test(enum legacy_test test, const legacy_metrics *o, const legacy_metrics *n,
                      double *p, const char **note, double *scratch)
{
    if (test == LEGACY_NOTEST) {
        *p = -1;
        return 0;
    }
    if (test == LEGACY_TTEST) {
        int rc = ttest_welch(o->rvalues, o->nr, n->rvalues, n->nr, p);
        if (rc == TTEST_SAMPLE_SIZE) {
            *note = "(too few samples)";
            return -1;
        }
        if (rc == TTEST_ZERO_VARIANCE) {
            *note = "(zero variance)";
            return -1;
        }
        return 0;
    }
    if (o->nr == 0 || n->nr == 0) {
        *note = "(too few samples)";
        return -1;
    }
    memcpy(scratch, o->rvalues, o->nr * sizeof *scratch);
    memcpy(scratch + o->nr, n->rvalues, n->nr * sizeof *scratch);
    sort_float64s(scratch, o->nr);
    sort_float64s(scratch + o->nr, n->nr);
    const double *a = scratch, *b = scratch + o->nr;
    if (mannwhitney_utest_sorted(a, o->nr, b, n->nr, p) != 0) {
        /* the U test fails when all values are equal -- or when its memo
           could not be allocated */
        if (!(a[0] == a[o->nr - 1] && b[0] == b[n->nr - 1] && a[0] == b[0]))
            return -2;
        *note = "(all equal)";
        return -1;
    }
    return 0;
}

/* add_geomean is table.go's addGeomean. */
static int add_geomean(legacy_coll *c, legacy_table *t, parse_id unit, bool delta,
                       double *means)
{
    legacy_row *row = new_row(t, c->nconfigs);
    if (!row)
        return -1;
    row->bench = (parse_id)-1;
    double gm[2] = { 0, 0 };
    size_t ngm = 0, maxcount = 0;
    for (size_t k = 0; k < c->nconfigs; k++) {
        size_t nmeans = 0;
        for (size_t g = 0; g < c->ngroups; g++)
            for (size_t b = 0; b < c->nbenches[g]; b++) {
                const legacy_metrics *m =
                    find_metrics(c, c->configs[k], c->groups[g], c->benches[g][b], unit);
                /* zeros are left out: they would make the geomean 0 */
                if (m && m->mean != 0)
                    means[nmeans++] = m->mean;
            }
        if (nmeans > maxcount)
            maxcount = nmeans;
        if (nmeans == 0) {
            delta = false;
            continue;
        }
        double g = sample_geomean(means, nmeans);
        if (ngm < 2)
            gm[ngm] = g;
        ngm++;
        if (!row->has_scale) {
            row->has_scale = true;
            row->scale_val = g;
        }
        row->cells[k] = (legacy_cell){ true, g, 0, 0 };
    }
    if (maxcount <= 1) {
        /* one benchmark: the geomean is its mean, not worth a row */
        free(row->cells);
        t->nrows--;
        return 0;
    }
    if (delta) {
        double pct = ((gm[1] / gm[0]) - 1.0) * 100.0;
        row->pct = pct;
        go_pct(row->delta, sizeof row->delta, pct);
    }
    return 0;
}

/* Sort keys: the row's name, or |PctDelta|*Change. */
typedef struct sort_ctx {
    const parse_set *ps;
    enum legacy_sort order;
    bool reverse;
} sort_ctx;

/* row_less is the Order (reversed: the arguments swapped, as Reverse). */
static bool row_less(const sort_ctx *s, const legacy_row *a, const legacy_row *b)
{
    if (s->reverse) {
        const legacy_row *t = a;
        a = b;
        b = t;
    }
    if (s->order == LEGACY_SORT_NAME) {
        const char *x = parse_str(s->ps, a->bench), *y = parse_str(s->ps, b->bench);
        size_t xn = parse_strlen(s->ps, a->bench), yn = parse_strlen(s->ps, b->bench);
        int c = memcmp(x, y, xn < yn ? xn : yn);
        return c < 0 || (c == 0 && xn < yn);
    }
    return fabs(a->pct) * (double)a->change < fabs(b->pct) * (double)b->change;
}

/* sort_rows: a stable merge sort (sort.SliceStable keeps equal rows in
   input order; any stable sort gives the same order). */
static int sort_rows(legacy_row *rows, size_t n, const sort_ctx *s)
{
    if (n < 2)
        return 0;
    legacy_row *tmp = malloc(n * sizeof *tmp);
    if (!tmp)
        return -1;
    for (size_t w = 1; w < n; w *= 2) {
        for (size_t lo = 0; lo < n; lo += 2 * w) {
            size_t mid = lo + w < n ? lo + w : n, hi = lo + 2 * w < n ? lo + 2 * w : n;
            size_t i = lo, j = mid, k = lo;
            while (i < mid && j < hi)
                tmp[k++] = row_less(s, &rows[j], &rows[i]) ? rows[j++] : rows[i++];
            while (i < mid)
                tmp[k++] = rows[i++];
            while (j < hi)
                tmp[k++] = rows[j++];
        }
        memcpy(rows, tmp, n * sizeof *rows);
    }
    free(tmp);
    return 0;
}

int legacy_tables_build(legacy_coll *c, enum legacy_test test, double alpha, bool geomean,
                        enum legacy_sort order, bool reverse, legacy_tables *out)
{
    memset(out, 0, sizeof *out);
    out->ps = c->ps;
    out->configs = c->configs;
    out->nconfigs = c->nconfigs;
    out->ngroups = c->ngroups;
    if (alpha == 0)
        alpha = 0.05;
    size_t maxn = 0, nbench = 0;
    for (size_t i = 0; i < c->nm; i++) {
        legacy_metrics *m = &c->m[i];
        free(m->rvalues);
        m->rvalues = malloc((m->n ? m->n : 1) * sizeof *m->rvalues);
        if (!m->rvalues)
            return -1;
        m->nr = legacy_compute_stats(m->values, m->n, m->rvalues, &m->min, &m->mean, &m->max);
        if (m->n > maxn)
            maxn = m->n;
    }
    for (size_t g = 0; g < c->ngroups; g++)
        nbench += c->nbenches[g];
    double *scratch = malloc((2 * maxn + nbench + 1) * sizeof *scratch);
    out->t = calloc(c->nunits ? c->nunits : 1, sizeof *out->t);
    if (!scratch || !out->t) {
        free(scratch);
        return -1;
    }
    int rc = -1;
    for (size_t u = 0; u < c->nunits; u++) {
        legacy_table *t = &out->t[out->n++];
        t->unit = c->units[u];
        metric_of(parse_str(c->ps, t->unit), t->metric, sizeof t->metric);
        t->oldnew = c->nconfigs == 2;
        for (size_t g = 0; g < c->ngroups; g++)
            for (size_t b = 0; b < c->nbenches[g]; b++) {
                parse_id bench = c->benches[g][b];
                const legacy_metrics *ms[2] = { NULL, NULL };
                if (t->oldnew) {
                    ms[0] = find_metrics(c, c->configs[0], c->groups[g], bench, t->unit);
                    ms[1] = find_metrics(c, c->configs[1], c->groups[g], bench, t->unit);
                    /* a benchmark missing from either file has no row */
                    if (!ms[0] || !ms[1])
                        continue;
                }
                legacy_row *row = new_row(t, c->nconfigs);
                if (!row)
                    goto out;
                row->bench = bench;
                /* group headers only when there is more than one group */
                row->group = c->ngroups > 1 ? c->groups[g] : 0;
                for (size_t k = 0; k < c->nconfigs; k++) {
                    const legacy_metrics *m =
                        find_metrics(c, c->configs[k], c->groups[g], bench, t->unit);
                    if (!m)
                        continue;
                    row->cells[k] = (legacy_cell){ true, m->mean, m->min, m->max };
                    if (!row->has_scale) {
                        row->has_scale = true;
                        row->scale_val = m->mean;
                    }
                }
                if (!t->oldnew)
                    continue;
                double p = 0;
                const char *note = NULL;
                snprintf(row->delta, sizeof row->delta, "~");
                int trc = delta_test(test, ms[0], ms[1], &p, &note, scratch);
                if (trc == -2)
                    goto out;
                if (trc != 0) {
                    snprintf(row->note, sizeof row->note, "%s", note);
                } else if (p < alpha) {
                    if (ms[1]->mean == ms[0]->mean) {
                        snprintf(row->delta, sizeof row->delta, "0.00%%");
                    } else {
                        double pct = ((ms[1]->mean / ms[0]->mean) - 1.0) * 100.0;
                        row->pct = pct;
                        go_pct(row->delta, sizeof row->delta, pct);
                        /* smaller is better, except speeds */
                        row->change = (pct < 0) == (strcmp(t->metric, "speed") != 0) ? +1 : -1;
                    }
                }
                if (!note && p != -1) {
                    if (isnan(p))
                        snprintf(row->note, sizeof row->note, "(p=NaN n=%zu+%zu)", ms[0]->nr,
                                 ms[1]->nr);
                    else
                        snprintf(row->note, sizeof row->note, "(p=%0.3f n=%zu+%zu)", p,
                                 ms[0]->nr, ms[1]->nr);
                }
            }
        if (t->nrows > 0) {
            if (order != LEGACY_SORT_NONE) {
                sort_ctx s = { c->ps, order, reverse };
                if (sort_rows(t->rows, t->nrows, &s) != 0)
                    goto out;
            }
            if (geomean && add_geomean(c, t, t->unit, t->oldnew, scratch) != 0)
                goto out;
        } else {
            out->n--;
        }
    }
    rc = 0;
out:
    free(scratch);
    return rc;
}

void legacy_tables_release(legacy_tables *t)
{
    for (size_t i = 0; i < t->n; i++) {
        for (size_t r = 0; r < t->t[i].nrows; r++)
            free(t->t[i].rows[r].cells);
        free(t->t[i].rows);
    }
    free(t->t);
    memset(t, 0, sizeof *t);
}
