/*
 * dataset.c -- reading the inputs into cells (see dataset.h).
 */
#include "dataset.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "hashindex.h"
#include "strbuf.h"
#include "vec.h"

int ds_init(dataset *ds)
{
    memset(ds, 0, sizeof *ds);
    hashindex_init(&ds->bench_ix, 0);
    hashindex_init(&ds->cell_ix, 0);
    return parse_set_init(&ds->ps);
}

void ds_release(dataset *ds)
{
    for (size_t i = 0; i < ds->ncell; i++)
        free(ds->cell[i].v);
    free(ds->cell);
    hashindex_release(&ds->cell_ix);
    free(ds->bench);
    hashindex_release(&ds->bench_ix);
    free(ds->unit);
    free(ds->label);
    free(ds->config);
    free(ds->nresults);
    parse_set_release(&ds->ps);
    memset(ds, 0, sizeof *ds);
}

/* index_of finds id in ids[0..n) or appends it; the index or -1. */
static long index_of(parse_id **ids, size_t *n, size_t *cap, parse_id id)
{
    /* Linear: a results file has tens of benchmarks and a few units, and
       the last one looked up is almost always the one wanted. */
    for (size_t i = *n; i-- > 0;)
        if ((*ids)[i] == id)
            return (long)i;
    if (vec_reserve(ids, cap, *n + 1, sizeof **ids) != 0)
        return -1;
    (*ids)[*n] = id;
    return (long)(*n)++;
}

/* bench_hash is the hash of benchmark k's name id (for the index). */
static uint32_t bench_hash(const void *ctx, uint32_t k)
{
    const dataset *ds = ctx;
    return hash_u32x3(ds->bench[k], 0, 0);
}

/* bench_index finds benchmark name id in ds->bench or appends it: the
   index, or -1 when out of memory.  A hash table keeps it constant-time
   (a million benchmarks were a linear scan each). */
static long bench_index(dataset *ds, parse_id id)
{
    if (ds->nbench > 0 && ds->bench[ds->nbench - 1] == id)
        return (long)ds->nbench - 1;            /* a benchmark's runs in a row */
    uint32_t h = hash_u32x3(id, 0, 0);
    for (size_t i = hashindex_first(&ds->bench_ix, h);; i = hashindex_next(&ds->bench_ix, i)) {
        uint32_t k = hashindex_at(&ds->bench_ix, i);
        if (k == HASHINDEX_NONE)
            break;
        if (ds->bench[k] == id)
            return (long)k;
    }
    if (vec_reserve(&ds->bench, &ds->bench_cap, ds->nbench + 1, sizeof *ds->bench) != 0)
        return -1;
    ds->bench[ds->nbench] = id;
    if (hashindex_add(&ds->bench_ix, h, (uint32_t)ds->nbench, bench_hash, ds) != 0)
        return -1;
    return (long)ds->nbench++;
}

/* cell_hash is the hash of cell k's (input, bench, unit) (for the index). */
static uint32_t cell_hash(const void *ctx, uint32_t k)
{
    const ds_cell *c = &((const dataset *)ctx)->cell[k];
    return hash_u32x3(c->input, c->bench, c->unit);
}

/* find_cell returns the index of cell (in, b, u), or -1 when there is none. */
static long find_cell(const dataset *ds, uint32_t in, uint32_t b, uint32_t u)
{
    uint32_t h = hash_u32x3(in, b, u);
    for (size_t i = hashindex_first(&ds->cell_ix, h);; i = hashindex_next(&ds->cell_ix, i)) {
        uint32_t k = hashindex_at(&ds->cell_ix, i);
        if (k == HASHINDEX_NONE)
            return -1;
        const ds_cell *c = &ds->cell[k];
        if (c->input == in && c->bench == b && c->unit == u)
            return (long)k;
    }
}

/* add_value appends v to the cell (in, b, u), creating it. */
static int add_value(dataset *ds, uint32_t in, uint32_t b, uint32_t u, double v)
{
    long k = find_cell(ds, in, b, u);
    if (k < 0) {
        if (vec_reserve(&ds->cell, &ds->cell_cap, ds->ncell + 1, sizeof *ds->cell) != 0)
            return -1;
        ds_cell *c = &ds->cell[ds->ncell];
        memset(c, 0, sizeof *c);
        c->input = in, c->bench = b, c->unit = u;
        if (hashindex_add(&ds->cell_ix, hash_u32x3(in, b, u), (uint32_t)ds->ncell, cell_hash,
                          ds) != 0)
            return -1;
        k = (long)ds->ncell++;
    }
    ds_cell *c = &ds->cell[k];
    if (vec_reserve(&c->v, &c->cap, c->n + 1, sizeof *c->v) != 0)
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
    long k = find_cell(ds, (uint32_t)input, (uint32_t)bench, (uint32_t)unit);
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

int ds_walk_init(ds_walk *w, const dataset *ds)
{
    w->ds = ds;
    w->in = 0;
    w->b = 0;
    w->taken = calloc(ds->nbench ? ds->nbench : 1, sizeof *w->taken);
    return w->taken ? 0 : -1;
}

bool ds_walk_next(ds_walk *w, size_t *in, size_t *b)
{
    const dataset *ds = w->ds;
    while (w->in < ds->ninputs) {
        while (w->b < ds->nbench && w->taken[w->b])
            w->b++;
        if (w->b < ds->nbench) {
            *in = w->in;
            *b = w->b++;
            return true;
        }
        w->in++;
        w->b = 0;
        memset(w->taken, 0, ds->nbench * sizeof *w->taken);
    }
    return false;
}

void ds_walk_release(ds_walk *w)
{
    free(w->taken);
    w->taken = NULL;
}
