/*
 * projection.c -- projections, keys and their order (benchproc
 * projection.go, extract.go, key.go, sort.go; docs/benchstat.md, Grouping).
 */
#include "projection.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "query.h"

/* ------------------------------------------------------------- extraction */

#define MAX_PARTS 64

/* name_parts: parse_name_split with a heap fallback for absurd names. */
static size_t name_parts(const char *full, size_t n, size_t *base_n, parse_name_part *local,
                         parse_name_part **parts)
{
    size_t np = parse_name_split(full, n, base_n, local, MAX_PARTS);
    *parts = local;
    if (np > MAX_PARTS) {
        parse_name_part *p = malloc(np * sizeof *p);
        if (p) {
            parse_name_split(full, n, base_n, p, np);
            *parts = p;
        } else {
            np = MAX_PARTS;
        }
    }
    return np;
}

void proj_extract(const parse_set *ps, const char *key, const proj_input *in, const char **val,
                  size_t *n)
{
    const char *full = parse_str(ps, in->name);
    size_t fn = parse_strlen(ps, in->name);
    *val = "";
    *n = 0;
    if (strcmp(key, ".fullname") == 0) {
        *val = full;
        *n = fn;
        return;
    }
    if (strcmp(key, ".name") == 0) {
        const char *slash = memchr(full, '/', fn);
        if (slash) {
            *val = full;
            *n = (size_t)(slash - full);
            return;
        }
        parse_name_part local[MAX_PARTS], *parts;
        size_t base_n;
        size_t np = name_parts(full, fn, &base_n, local, &parts);
        (void)np;
        if (parts != local)
            free(parts);
        *val = full;
        *n = base_n;
        return;
    }
    if (key[0] == '/') {
        parse_name_part local[MAX_PARTS], *parts;
        size_t base_n, klen = strlen(key + 1);
        size_t np = name_parts(full, fn, &base_n, local, &parts);
        bool gomaxprocs = strcmp(key, "/gomaxprocs") == 0;
        if (gomaxprocs && np > 0 && parts[np - 1].s[0] == '-') {
            *val = parts[np - 1].s + 1;
            *n = parts[np - 1].n - 1;
        } else {
            for (size_t i = 0; i < np; i++) {
                /* HasPrefix(part, "/key=") */
                const parse_name_part *p = &parts[i];
                if (p->s[0] == '/' && p->n >= klen + 2 && memcmp(p->s + 1, key + 1, klen) == 0 &&
                    p->s[klen + 1] == '=') {
                    *val = p->s + klen + 2;
                    *n = p->n - klen - 2;
                    break;
                }
            }
        }
        if (parts != local)
            free(parts);
        return;
    }
    if (strcmp(key, ".file") == 0) {
        *val = parse_str(ps, in->file);
        *n = parse_strlen(ps, in->file);
        return;
    }
    parse_config c = parse_set_config(ps, in->config);
    for (size_t i = 0; i < c.n; i++) {
        if (strcmp(parse_str(ps, c.kv[i].key), key) == 0) {
            *val = parse_str(ps, c.kv[i].val);
            *n = parse_strlen(ps, c.kv[i].val);
            return;
        }
    }
}

/* fullname_excluded: extractFullExcluded -- the full name with the
   explicitly projected sub-name keys deleted, ".name" as "*", and "-N"
   dropped when /gomaxprocs is projected. */
static parse_id fullname_excluded(projection *p, const proj_input *in)
{
    proj_parser *pp = p->parser;
    parse_set *ps = p->ps;
    const char *full = parse_str(ps, in->name);
    size_t fn = parse_strlen(ps, in->name);
    bool exc_name = false, exc_procs = false, any_del = false;
    for (size_t i = 0; i < pp->nfullname_keys; i++) {
        const char *k = pp->fullname_keys[i];
        if (strcmp(k, ".name") == 0)
            exc_name = true;
        if (k[0] == '/') {
            any_del = true;
            if (strcmp(k, "/gomaxprocs") == 0)
                exc_procs = true;
        }
    }
    if (!exc_name && !any_del)
        return in->name;
    bool found = exc_name;
    for (size_t i = 0; !found && i < pp->nfullname_keys; i++) {
        const char *k = pp->fullname_keys[i];
        if (k[0] != '/')
            continue;
        size_t kl = strlen(k);
        for (size_t j = 0; j + kl < fn + 0 && !found; j++)
            if (memcmp(full + j, k, kl) == 0 && full[j + kl] == '=')
                found = true;
    }
    if (!found && exc_procs && memchr(full, '-', fn))
        found = true;
    if (!found)
        return in->name;
    parse_name_part local[MAX_PARTS], *parts;
    size_t base_n;
    size_t np = name_parts(full, fn, &base_n, local, &parts);
    char small[512], *buf = small;
    if (fn + 2 > sizeof small && !(buf = malloc(fn + 2))) {
        if (parts != local)
            free(parts);
        return (parse_id)-1;
    }
    size_t o = 0;
    if (exc_name) {
        buf[o++] = '*';
    } else {
        memcpy(buf, full, base_n);
        o = base_n;
    }
    for (size_t i = 0; i < np; i++) {
        const parse_name_part *q = &parts[i];
        bool skip = false;
        for (size_t j = 0; j < pp->nfullname_keys && !skip; j++) {
            const char *k = pp->fullname_keys[j];
            size_t kl = strlen(k);
            if (k[0] == '/' && q->n >= kl + 1 && memcmp(q->s, k, kl) == 0 && q->s[kl] == '=')
                skip = true;
        }
        if (exc_procs && q->s[0] == '-')
            skip = true;
        if (!skip) {
            memcpy(buf + o, q->s, q->n);
            o += q->n;
        }
    }
    parse_id id = parse_intern(ps, buf, o);
    if (buf != small)
        free(buf);
    if (parts != local)
        free(parts);
    return id;
}

/* -------------------------------------------------------------- fields */

static long add_field(projection *p, const char *name, proj_kind kind, proj_ord ord, bool track)
{
    if (p->nfields == p->fields_cap) {
        size_t cap = p->fields_cap ? p->fields_cap * 2 : 8;
        proj_field *f = realloc(p->fields, cap * sizeof *f);
        if (!f)
            return -1;
        p->fields = f;
        p->fields_cap = cap;
    }
    if (p->nfields + 1 > p->row_cap) {
        size_t cap = p->row_cap ? p->row_cap * 2 : 8;
        parse_id *r = realloc(p->row, cap * sizeof *r);
        if (!r)
            return -1;
        p->row = r;
        p->row_cap = cap;
    }
    proj_field *f = &p->fields[p->nfields];
    memset(f, 0, sizeof *f);
    f->name = strdup(name);
    if (!f->name)
        return -1;
    f->kind = kind;
    f->ord = ord;
    f->track = track;
    p->flat_dirty = true;
    return (long)p->nfields++;
}

static int add_top(projection *p, proj_top t)
{
    proj_top *n = realloc(p->top, (p->ntop + 1) * sizeof *n);
    if (!n)
        return -1;
    p->top = n;
    p->top[p->ntop++] = t;
    return 0;
}

/* add_top_field adds a tracked first-observation field of this kind as a
   top-level entry (".unit" of -table, ".fullname" of the residue).
   Returns 0, or -1 when out of memory. */
static int add_top_field(projection *p, const char *name, proj_kind kind)
{
    long fi = add_field(p, name, kind, PO_FIRST, true);
    proj_top t = { 0 };
    t.field = (size_t)fi;
    if (fi < 0 || add_top(p, t) != 0)
        return -1;
    return 0;
}

static int strv_add(char ***v, size_t *n, const char *s)
{
    char **p = realloc(*v, (*n + 1) * sizeof *p);
    if (!p)
        return -1;
    *v = p;
    p[*n] = strdup(s);
    return p[(*n)++] ? 0 : -1;
}

static int proj_init(projection *p, proj_parser *pp, parse_set *ps)
{
    memset(p, 0, sizeof *p);
    p->parser = pp;
    p->ps = ps;
    p->nslots = 64;
    p->slots = calloc(p->nslots, sizeof *p->slots);
    p->flat_dirty = true;
    return p->slots ? 0 : -1;
}

/* make_field: benchproc makeProjection for one parsed field. */
static int make_field(proj_parser *pp, projection *p, const char *q, const query_field *qf,
                      proj_fixed_filter **fixed, size_t *nfixed, char **err)
{
    proj_ord ord;
    if (qf->order == QUERY_FIXED) {
        ord = PO_FIXED;
    } else if (qf->order == QUERY_FIRST) {
        ord = PO_FIRST;
    } else if (strcmp(qf->order_name, "alpha") == 0) {
        ord = PO_ALPHA;
    } else if (strcmp(qf->order_name, "num") == 0) {
        ord = PO_NUM;
    } else {
        char msg[300];
        snprintf(msg, sizeof msg, "unknown order \"%s\"", qf->order_name);
        *err = query_syntax_error(q, qf->order_off, msg);
        return -1;
    }
    const char *key = qf->key;
    proj_top t = { 0 };
    if (strcmp(key, ".config") == 0) {
        if (ord == PO_FIXED) {
            *err = query_syntax_error(q, qf->order_off, "fixed order not allowed for .config");
            return -1;
        }
        pp->have_config = true;
        t.is_group = true;
        /* the group's order kind is kept in field slot SIZE_MAX - ord */
        t.field = (size_t)ord;
        return add_top(p, t);
    }
    if (strcmp(key, ".unit") == 0) {
        *err = query_syntax_error(q, qf->key_off, ".unit is only allowed in filters");
        return -1;
    }
    if (key[0] == '\0') {
        *err = query_syntax_error(q, qf->key_off, "key must not be empty");
        return -1;
    }
    proj_kind kind;
    if (strcmp(key, ".fullname") == 0) {
        pp->have_fullname = true;
        kind = PK_FULLNAME;
    } else {
        if (strcmp(key, ".name") == 0 || key[0] == '/') {
            if (strv_add(&pp->fullname_keys, &pp->nfullname_keys, key) != 0)
                return -1;
        } else if (strv_add(&pp->config_keys, &pp->nconfig_keys, key) != 0) {
            return -1;
        }
        kind = strcmp(key, ".name") == 0 ? PK_NAME : key[0] == '/' ? PK_PART : PK_CONFIG;
    }
    long fi = add_field(p, key, kind, ord, ord == PO_FIRST);
    if (fi < 0)
        return -1;
    t.field = (size_t)fi;
    if (ord == PO_FIXED) {
        proj_field *f = &p->fields[fi];
        f->fixed = malloc(qf->fixed.n * sizeof *f->fixed);
        if (!f->fixed)
            return -1;
        for (size_t i = 0; i < qf->fixed.n; i++)
            if ((f->fixed[i] = parse_intern(p->ps, qf->fixed.v[i], strlen(qf->fixed.v[i]))) ==
                (parse_id)-1)
                return -1;
        f->nfixed = qf->fixed.n;
        proj_fixed_filter *ff = realloc(*fixed, (*nfixed + 1) * sizeof *ff);
        if (!ff)
            return -1;
        *fixed = ff;
        ff = &ff[(*nfixed)++];
        ff->key = strdup(key);
        ff->words = NULL;
        ff->nwords = 0;
        if (!ff->key)
            return -1;
        for (size_t i = 0; i < qf->fixed.n; i++)
            if (strv_add(&ff->words, &ff->nwords, qf->fixed.v[i]) != 0)
                return -1;
    }
    return add_top(p, t);
}

int proj_parse(proj_parser *pp, parse_set *ps, projection *out, const char *expr, bool with_unit,
               proj_fixed_filter **fixed, size_t *nfixed, char **err)
{
    query_field *qf;
    size_t n;
    *err = NULL;
    if (proj_init(out, pp, ps) != 0)
        return -1;
    if (query_projection_parse(expr, &qf, &n, err) != 0)
        return -1;              /* *err NULL: out of memory */
    /* validate every field before adding any filter (benchproc does) */
    size_t nf0 = *nfixed;
    for (size_t i = 0; i < n; i++) {
        if (make_field(pp, out, expr, &qf[i], fixed, nfixed, err) != 0) {
            if (*nfixed > nf0)  /* (*fixed may be NULL) */
                proj_fixed_free(*fixed + nf0, *nfixed - nf0);
            *nfixed = nf0;
            query_fields_free(qf, n);
            return -1;          /* *err NULL: out of memory */
        }
    }
    query_fields_free(qf, n);
    if (with_unit && add_top_field(out, ".unit", PK_UNIT) != 0)
        return -1;
    return 0;
}

int proj_residue(proj_parser *pp, parse_set *ps, projection *out)
{
    if (proj_init(out, pp, ps) != 0)
        return -1;
    if (!pp->have_config) {
        proj_top t = { 0 };
        t.is_group = true;
        t.field = PO_FIRST;
        if (add_top(out, t) != 0)
            return -1;
    }
    if (!pp->have_fullname && add_top_field(out, ".fullname", PK_FULLNAME) != 0)
        return -1;
    return 0;
}

void proj_fixed_free(proj_fixed_filter *f, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(f[i].key);
        for (size_t j = 0; j < f[i].nwords; j++)
            free(f[i].words[j]);
        free(f[i].words);
    }
}

void proj_release(projection *p)
{
    for (size_t i = 0; i < p->nfields; i++) {
        free(p->fields[i].name);
        free(p->fields[i].order);
        free(p->fields[i].fixed);
    }
    free(p->fields);
    for (size_t i = 0; i < p->ntop; i++) {
        free(p->top[i].subs);
        free(p->top[i].sub_key);
    }
    free(p->top);
    free(p->flat);
    free(p->kv);
    free(p->key_off);
    free(p->key_len);
    free(p->key_hash);
    free(p->slots);
    free(p->rank);
    free(p->row);
    memset(p, 0, sizeof *p);
}

void proj_parser_release(proj_parser *pp)
{
    for (size_t i = 0; i < pp->nconfig_keys; i++)
        free(pp->config_keys[i]);
    free(pp->config_keys);
    for (size_t i = 0; i < pp->nfullname_keys; i++)
        free(pp->fullname_keys[i]);
    free(pp->fullname_keys);
    memset(pp, 0, sizeof *pp);
}

/* ------------------------------------------------------------------ keys */

static uint32_t hash_ids(const parse_id *v, size_t n)
{
    uint64_t h = 0x9E3779B97F4A7C15ull;
    for (size_t i = 0; i < n; i++) {
        h = (h ^ v[i]) * 0xbf58476d1ce4e5b9ull;
        h ^= h >> 31;
    }
    return (uint32_t)(h ^ (h >> 32));
}

static int observe(proj_field *f, parse_id v)
{
    if (v >= f->order_cap) {
        size_t cap = f->order_cap ? f->order_cap : 64;
        while (cap <= v)
            cap *= 2;
        int *o = realloc(f->order, cap * sizeof *o);
        if (!o)
            return -1;
        for (size_t i = f->order_cap; i < cap; i++)
            o[i] = -1;
        f->order = o;
        f->order_cap = cap;
    }
    if (f->order[v] < 0)
        f->order[v] = f->nobserved++;
    return 0;
}

static int keys_grow(projection *p)
{
    size_t cap = p->keys_cap ? p->keys_cap * 2 : 64;
    uint32_t *o = realloc(p->key_off, cap * sizeof *o);
    if (!o)
        return -1;
    p->key_off = o;
    uint32_t *l = realloc(p->key_len, cap * sizeof *l);
    if (!l)
        return -1;
    p->key_len = l;
    uint32_t *h = realloc(p->key_hash, cap * sizeof *h);
    if (!h)
        return -1;
    p->key_hash = h;
    p->keys_cap = cap;
    return 0;
}

static int slots_grow(projection *p)
{
    size_t ns = p->nslots * 2;
    uint32_t *s = calloc(ns, sizeof *s);
    if (!s)
        return -1;
    for (size_t k = 0; k < p->nkeys; k++) {
        size_t i = p->key_hash[k] & (ns - 1);
        while (s[i])
            i = (i + 1) & (ns - 1);
        s[i] = (uint32_t)k + 1;
    }
    free(p->slots);
    p->slots = s;
    p->nslots = ns;
    return 0;
}

uint32_t proj_key(projection *p, const proj_input *in)
{
    parse_set *ps = p->ps;
    for (size_t i = 0; i < p->nfields; i++)
        p->row[i] = 0;
    for (size_t t = 0; t < p->ntop; t++) {
        proj_top *top = &p->top[t];
        if (top->is_group) {
            parse_config c = parse_set_config(ps, in->config);
            for (size_t i = 0; i < c.n; i++) {
                parse_id key = c.kv[i].key;
                size_t s;
                for (s = 0; s < top->nsubs; s++)
                    if (top->sub_key[s] == key)
                        break;
                if (s == top->nsubs) {
                    const char *ks = parse_str(ps, key);
                    bool excluded = false;
                    for (size_t j = 0; j < p->parser->nconfig_keys; j++)
                        if (strcmp(p->parser->config_keys[j], ks) == 0)
                            excluded = true;
                    if (excluded)
                        continue;
                    long fi = add_field(p, ks, PK_GROUP_SUB, (proj_ord)top->field, false);
                    if (fi < 0)
                        return (uint32_t)-1;
                    size_t *ns = realloc(top->subs, (top->nsubs + 1) * sizeof *ns);
                    if (!ns)
                        return (uint32_t)-1;
                    top->subs = ns;
                    parse_id *nk = realloc(top->sub_key, (top->nsubs + 1) * sizeof *nk);
                    if (!nk)
                        return (uint32_t)-1;
                    top->sub_key = nk;
                    top->subs[top->nsubs] = (size_t)fi;
                    top->sub_key[top->nsubs] = key;
                    top->nsubs++;
                    p->row[fi] = 0;
                }
                p->row[top->subs[s]] = c.kv[i].val;
            }
            continue;
        }
        proj_field *f = &p->fields[top->field];
        parse_id v = 0;
        const char *val;
        size_t n;
        switch (f->kind) {
        case PK_UNIT:
            v = in->unit;
            break;
        case PK_FULLNAME:
            v = fullname_excluded(p, in);
            break;
        default:
            proj_extract(ps, f->name, in, &val, &n);
            v = n ? parse_intern(ps, val, n) : 0;
            break;
        }
        if (v == (parse_id)-1)
            return (uint32_t)-1;
        p->row[top->field] = v;
    }
    size_t len = p->nfields;
    while (len > 0 && p->row[len - 1] == 0)
        len--;
    uint32_t h = hash_ids(p->row, len);
    size_t mask = p->nslots - 1;
    for (size_t i = h & mask; p->slots[i]; i = (i + 1) & mask) {
        uint32_t k = p->slots[i] - 1;
        if (p->key_hash[k] == h && p->key_len[k] == len &&
            (len == 0 ||
             memcmp(p->kv + p->key_off[k], p->row, len * sizeof *p->row) == 0))
            return k;
    }
    /* a new key: record observation order of the tracked top-level fields */
    for (size_t t = 0; t < p->ntop; t++) {
        if (p->top[t].is_group)
            continue;
        proj_field *f = &p->fields[p->top[t].field];
        if (f->track && observe(f, p->row[p->top[t].field]) != 0)
            return (uint32_t)-1;
    }
    if (p->nkeys == p->keys_cap && keys_grow(p) != 0)
        return (uint32_t)-1;
    if ((p->nkeys + 1) * 2 > p->nslots && slots_grow(p) != 0)
        return (uint32_t)-1;
    if (p->kv_len + len > p->kv_cap) {
        size_t cap = p->kv_cap ? p->kv_cap * 2 : 256;
        while (cap < p->kv_len + len)
            cap *= 2;
        parse_id *kv = realloc(p->kv, cap * sizeof *kv);
        if (!kv)
            return (uint32_t)-1;
        p->kv = kv;
        p->kv_cap = cap;
    }
    uint32_t k = (uint32_t)p->nkeys++;
    if (len)            /* an empty key: kv and row may still be NULL */
        memcpy(p->kv + p->kv_len, p->row, len * sizeof *p->row);
    p->key_off[k] = (uint32_t)p->kv_len;
    p->key_len[k] = (uint32_t)len;
    p->key_hash[k] = h;
    p->kv_len += len;
    mask = p->nslots - 1;
    size_t i = h & mask;
    while (p->slots[i])
        i = (i + 1) & mask;
    p->slots[i] = k + 1;
    return k;
}

parse_id proj_get(const projection *p, uint32_t k, size_t f)
{
    return f < p->key_len[k] ? p->kv[p->key_off[k] + f] : 0;
}

size_t proj_flat(projection *p, const size_t **flat)
{
    if (p->flat_dirty) {
        size_t *fl = realloc(p->flat, (p->nfields ? p->nfields : 1) * sizeof *fl);
        if (fl) {
            size_t n = 0;
            for (size_t t = 0; t < p->ntop; t++) {
                if (p->top[t].is_group) {
                    for (size_t s = 0; s < p->top[t].nsubs; s++)
                        fl[n++] = p->top[t].subs[s];
                } else {
                    fl[n++] = p->top[t].field;
                }
            }
            p->flat = fl;
            p->nflat = n;
            p->flat_dirty = false;
        }
    }
    *flat = p->flat;
    return p->nflat;
}

/* ---------------------------------------------------------------- sorting */

/* parse_num: benchproc parseNum -- a float, or a number with an SI/IEC
   prefix found by ([0-9.]+)([kKMGTPEZY]i?)?[bB]?.  Returns 0 or -1. */
static int parse_num(const char *s, size_t n, double *v)
{
    if (parse_float(s, n, v) == 0)
        return 0;
    size_t i = 0;
    while (i < n && !((s[i] >= '0' && s[i] <= '9') || s[i] == '.'))
        i++;
    if (i == n)
        return -1;
    size_t j = i;
    while (j < n && ((s[j] >= '0' && s[j] <= '9') || s[j] == '.'))
        j++;
    double x;
    if (parse_float(s + i, j - i, &x) != 0)
        return -1;
    static const char prefixes[] = "KMGTPEZY";
    int exp = 0;
    bool iec = false;
    if (j < n && (s[j] == 'k' || strchr(prefixes, s[j])) && s[j] != '\0') {
        char pre = s[j] == 'k' ? 'K' : s[j];
        exp = 1 + (int)(strchr(prefixes, pre) - prefixes);
        if (j + 1 < n && s[j + 1] == 'i')
            iec = true;
    }
    *v = x * pow(iec ? 1024 : 1000, exp);
    return 0;
}

static int bytes_cmp(const parse_set *ps, parse_id a, parse_id b)
{
    size_t la = parse_strlen(ps, a), lb = parse_strlen(ps, b);
    int c = memcmp(parse_str(ps, a), parse_str(ps, b), la < lb ? la : lb);
    if (c)
        return c;
    return la < lb ? -1 : la > lb;
}

static int field_cmp(const projection *p, const proj_field *f, parse_id a, parse_id b)
{
    switch (f->ord) {
    case PO_FIRST: {
        int oa = a < f->order_cap && f->order[a] >= 0 ? f->order[a] : 0;
        int ob = b < f->order_cap && f->order[b] >= 0 ? f->order[b] : 0;
        return oa - ob;
    }
    case PO_FIXED: {
        int oa = 0, ob = 0;
        for (size_t i = 0; i < f->nfixed; i++) {
            if (f->fixed[i] == a)
                oa = (int)i;
            if (f->fixed[i] == b)
                ob = (int)i;
        }
        return oa - ob;
    }
    case PO_ALPHA:
        return bytes_cmp(p->ps, a, b);
    case PO_NUM: {
        double x, y;
        int ea = parse_num(parse_str(p->ps, a), parse_strlen(p->ps, a), &x);
        int eb = parse_num(parse_str(p->ps, b), parse_strlen(p->ps, b), &y);
        if (ea == 0 && eb == 0) {
            if (x < y || (!isnan(x) && isnan(y)))
                return -1;
            if (x > y || (isnan(x) && !isnan(y)))
                return 1;
            return 0;
        }
        if (ea != 0 && eb != 0)
            return 0;
        return ea == 0 ? -1 : 1;
    }
    }
    return 0;
}

static int key_cmp(const void *x, const void *y, void *ctx)
{
    projection *p = ctx;
    uint32_t a = *(const uint32_t *)x, b = *(const uint32_t *)y;
    for (size_t i = 0; i < p->nflat; i++) {
        size_t f = p->flat[i];
        parse_id va = proj_get(p, a, f), vb = proj_get(p, b, f);
        if (va == vb)
            continue;
        int c = field_cmp(p, &p->fields[f], va, vb);
        if (c)
            return c < 0 ? -1 : 1;
        return bytes_cmp(p->ps, va, vb) < 0 ? -1 : 1;
    }
    return 0;
}

int proj_rank_keys(projection *p)
{
    const size_t *flat;
    proj_flat(p, &flat);
    if (p->flat_dirty)
        return -1;
    uint32_t *ids = malloc((p->nkeys ? p->nkeys : 1) * sizeof *ids);
    uint32_t *rank = malloc((p->nkeys ? p->nkeys : 1) * sizeof *rank);
    if (!ids || !rank) {
        free(ids);
        free(rank);
        return -1;
    }
    for (size_t i = 0; i < p->nkeys; i++)
        ids[i] = (uint32_t)i;
    qsort_r(ids, p->nkeys, sizeof *ids, key_cmp, p);
    for (size_t i = 0; i < p->nkeys; i++)
        rank[ids[i]] = (uint32_t)i;
    free(ids);
    free(p->rank);
    p->rank = rank;
    return 0;
}

int proj_string_values(projection *p, uint32_t k, char *buf, size_t size)
{
    const size_t *flat;
    size_t nf = proj_flat(p, &flat);
    size_t o = 0;
    if (size)
        buf[0] = '\0';
    for (size_t i = 0; i < nf; i++) {
        parse_id v = proj_get(p, k, flat[i]);
        if (v == 0)
            continue;
        int w = snprintf(buf + (o < size ? o : size), o < size ? size - o : 0, "%s%s",
                         o ? " " : "", parse_str(p->ps, v));
        o += (size_t)w;
    }
    return (int)o;
}
