/*
 * dataset.c -- reading the inputs into cells (see dataset.h).
 */
#include "dataset.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "strbuf.h"

int ds_init(dataset *ds)
{
    memset(ds, 0, sizeof *ds);
    return parse_set_init(&ds->ps);
}

void ds_release(dataset *ds)
{
    for (size_t i = 0; i < ds->ncell; i++)
        free(ds->cell[i].v);
    free(ds->cell);
    free(ds->slot);
    free(ds->bench);
    free(ds->bslot);
    free(ds->unit);
    free(ds->label);
    free(ds->config);
    free(ds->nresults);
    parse_set_release(&ds->ps);
    memset(ds, 0, sizeof *ds);
}

/* grow_array makes room for one more element in *p (elements of size sz,
   count n, capacity *cap); 0 or -1. */
static int grow_array(void *p, size_t sz, size_t n, size_t *cap)
{
    if (n < *cap)
        return 0;
    size_t c = *cap ? *cap * 2 : 16;
    void *q = realloc(*(void **)p, c * sz);
    if (!q)
        return -1;
    *(void **)p = q;
    *cap = c;
    return 0;
}

/* index_of finds id in ids[0..n) or appends it; the index or -1. */
static long index_of(parse_id **ids, size_t *n, size_t *cap, parse_id id)
{
    /* Linear: a results file has tens of benchmarks and a few units, and
       the last one looked up is almost always the one wanted. */
    for (size_t i = *n; i-- > 0;)
        if ((*ids)[i] == id)
            return (long)i;
    if (grow_array(ids, sizeof **ids, *n, cap) != 0)
        return -1;
    (*ids)[*n] = id;
    return (long)(*n)++;
}

static size_t hash3(uint32_t a, uint32_t b, uint32_t c);

/* bench_index finds benchmark name id in ds->bench or appends it: the
   index, or -1 when out of memory.  A hash table keeps it constant-time
   (a million benchmarks were a linear scan each). */
static long bench_index(dataset *ds, parse_id id)
{
    if (ds->nbench > 0 && ds->bench[ds->nbench - 1] == id)
        return (long)ds->nbench - 1;            /* a benchmark's runs in a row */
    if (ds->nbslot) {
        for (size_t i = hash3(id, 0, 0) & (ds->nbslot - 1);; i = (i + 1) & (ds->nbslot - 1)) {
            uint32_t s = ds->bslot[i];
            if (s == 0)
                break;
            if (ds->bench[s - 1] == id)
                return (long)s - 1;
        }
    }
    if (grow_array(&ds->bench, sizeof *ds->bench, ds->nbench, &ds->bench_cap) != 0)
        return -1;
    ds->bench[ds->nbench++] = id;
    if (ds->nbench * 2 > ds->nbslot) {
        size_t n = ds->nbslot ? ds->nbslot * 2 : 64;
        uint32_t *s = calloc(n, sizeof *s);
        if (!s) {
            ds->nbench--;
            return -1;
        }
        free(ds->bslot);
        ds->bslot = s;
        ds->nbslot = n;
        for (size_t k = 0; k + 1 < ds->nbench; k++) {
            size_t i = hash3(ds->bench[k], 0, 0) & (n - 1);
            while (s[i])
                i = (i + 1) & (n - 1);
            s[i] = (uint32_t)k + 1;
        }
    }
    size_t i = hash3(id, 0, 0) & (ds->nbslot - 1);
    while (ds->bslot[i])
        i = (i + 1) & (ds->nbslot - 1);
    ds->bslot[i] = (uint32_t)ds->nbench;
    return (long)ds->nbench - 1;
}

static size_t hash3(uint32_t a, uint32_t b, uint32_t c)
{
    uint64_t h = (uint64_t)a * 0x9E3779B97F4A7C15u;
    h ^= (uint64_t)b * 0xC2B2AE3D27D4EB4Fu;
    h ^= (uint64_t)c * 0x165667B19E3779F9u;
    return (size_t)(h ^ (h >> 29));
}

static long find_slot(const dataset *ds, uint32_t in, uint32_t b, uint32_t u)
{
    if (!ds->nslot)
        return -1;
    size_t i = hash3(in, b, u) & (ds->nslot - 1);
    for (;;) {
        uint32_t s = ds->slot[i];
        if (s == 0)
            return -(long)i - 2;
        const ds_cell *c = &ds->cell[s - 1];
        if (c->input == in && c->bench == b && c->unit == u)
            return (long)(s - 1);
        i = (i + 1) & (ds->nslot - 1);
    }
}

static int rehash(dataset *ds)
{
    size_t n = ds->nslot ? ds->nslot * 2 : 64;
    uint32_t *s = calloc(n, sizeof *s);
    if (!s)
        return -1;
    free(ds->slot);
    ds->slot = s;
    ds->nslot = n;
    for (size_t k = 0; k < ds->ncell; k++) {
        const ds_cell *c = &ds->cell[k];
        size_t i = hash3(c->input, c->bench, c->unit) & (n - 1);
        while (s[i])
            i = (i + 1) & (n - 1);
        s[i] = (uint32_t)k + 1;
    }
    return 0;
}

/* add_value appends v to the cell (in, b, u), creating it. */
static int add_value(dataset *ds, uint32_t in, uint32_t b, uint32_t u, double v)
{
    long k = find_slot(ds, in, b, u);
    if (k < 0) {
        if (grow_array(&ds->cell, sizeof *ds->cell, ds->ncell, &ds->cell_cap) != 0)
            return -1;
        ds_cell *c = &ds->cell[ds->ncell++];
        memset(c, 0, sizeof *c);
        c->input = in, c->bench = b, c->unit = u;
        if ((ds->ncell + 1) * 2 > ds->nslot) {
            if (rehash(ds) != 0)
                return -1;
        } else {
            ds->slot[-k - 2] = (uint32_t)ds->ncell;
        }
        k = (long)ds->ncell - 1;
    }
    ds_cell *c = &ds->cell[k];
    if (grow_array(&c->v, sizeof *c->v, c->n, &c->cap) != 0)
        return -1;
    c->v[c->n++] = v;
    return 0;
}

int ds_read(dataset *ds, char *const *args, size_t n, ds_report_fn *report, void *ctx)
{
    int problems = 0;
    ds->label = calloc(n ? n : 1, sizeof *ds->label);
    ds->config = calloc(n ? n : 1, sizeof *ds->config);
    ds->nresults = calloc(n ? n : 1, sizeof *ds->nresults);
    if (!ds->label || !ds->config || !ds->nresults)
        return -1;
    parse_arg *pa;
    if (parse_args(args, n, &pa) != 0)
        return -1;
    parse_id sec = parse_intern(&ds->ps, "sec/op", 6);
    parse_id ns = parse_intern(&ds->ps, "ns/op", 5);
    for (size_t i = 0; i < n; i++) {
        parse_input in;
        if (parse_open(&ds->ps, &in, &pa[i]) != 0) {
            report(ctx, in.err);
            problems++;
            ds->label[i] = parse_intern(&ds->ps, pa[i].label, strlen(pa[i].label));
            ds->ninputs = i + 1;
            continue;
        }
        ds->label[i] = in.file;
        ds->ninputs = i + 1;
        parse_result r;
        int k;
        while ((k = parse_next(&in, &r)) != PARSE_EOF) {
            if (k == PARSE_ERROR || k == PARSE_FATAL) {
                report(ctx, in.err);
                problems++;
                if (k == PARSE_FATAL)
                    break;
                continue;
            }
            if (ds->nresults[i]++ == 0)
                ds->config[i] = r.config;
            long b = bench_index(ds, r.name);
            if (b < 0)
                goto oom;
            for (size_t j = 0; j < r.nvalues; j++) {
                parse_id unit = r.values[j].unit;
                double v = r.values[j].value;
                /* benchstat keeps 0 and Inf ns/op in their own "ns/op" table
                   (docs/benchstat.md, Reader); a chart has one time axis. */
                if (unit == ns) {
                    unit = sec;
                    v = r.values[j].orig_value * 1e-9;
                }
                /* NaN and the infinities have no place on an axis: the
                   value is reported and left out, the rest drawn */
                if (!isfinite(v)) {
                    strbuf msg = STRBUF_INIT;
                    strbuf_printf(&msg, "%s:%ld: %s %s is %s: a chart cannot show it, left out",
                                  pa[i].path, r.line, parse_str(&ds->ps, r.name),
                                  parse_str(&ds->ps, r.values[j].orig_unit),
                                  isnan(v) ? "NaN" : v > 0 ? "+Inf" : "-Inf");
                    report(ctx, strbuf_ok(&msg) ? strbuf_str(&msg) : "out of memory");
                    strbuf_release(&msg);
                    problems++;
                    continue;
                }
                long u = index_of(&ds->unit, &ds->nunit, &ds->unit_cap, unit);
                if (u < 0 || add_value(ds, (uint32_t)i, (uint32_t)b, (uint32_t)u, v) != 0)
                    goto oom;
            }
        }
        parse_close(&in);
        continue;
oom:
        parse_close(&in);
        parse_args_free(pa, n);
        return -1;
    }
    parse_args_free(pa, n);
    return problems;
}

int ds_unit(const dataset *ds, const char *u)
{
    for (size_t i = 0; i < ds->nunit; i++)
        if (strcmp(parse_str(&ds->ps, ds->unit[i]), u) == 0)
            return (int)i;
    return -1;
}

const ds_cell *ds_cell_get(const dataset *ds, size_t input, size_t bench, int unit)
{
    if (unit < 0)
        return NULL;
    long k = find_slot(ds, (uint32_t)input, (uint32_t)bench, (uint32_t)unit);
    return k >= 0 ? &ds->cell[k] : NULL;
}

const char *ds_name(const dataset *ds, size_t b)
{
    return parse_str(&ds->ps, ds->bench[b]);
}

const char *ds_label(const dataset *ds, size_t i)
{
    return parse_str(&ds->ps, ds->label[i]);
}

const char *ds_config_get(const dataset *ds, size_t i, const char *key)
{
    parse_config c = parse_set_config(&ds->ps, ds->config[i]);
    for (size_t k = 0; k < c.n; k++)
        if (strcmp(parse_str(&ds->ps, c.kv[k].key), key) == 0)
            return parse_str(&ds->ps, c.kv[k].val);
    return NULL;
}

bool ds_exact(const dataset *ds, int u)
{
    if (u < 0)
        return false;
    parse_id v = parse_unit_meta_get(&ds->ps, ds->unit[u], "assume");
    return v != (parse_id)-1 && strcmp(parse_str(&ds->ps, v), "exact") == 0;
}
