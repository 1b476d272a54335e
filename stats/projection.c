/*
 * projection.c -- projections, keys and their order (benchproc
 * projection.go, extract.go, key.go, sort.go; docs/benchstat.md, Grouping).
 */
#include "projection.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "query.h"
#include "vec.h"

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

/* proj_extract: see projection.h (benchproc extract.go: newExtractor). */
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
    for (size_t i = 0; i < pp->fullname_keys.n; i++) {
        const char *k = pp->fullname_keys.v[i];
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
    for (size_t i = 0; !found && i < pp->fullname_keys.n; i++) {
        const char *k = pp->fullname_keys.v[i];
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
        for (size_t j = 0; j < pp->fullname_keys.n && !skip; j++) {
            const char *k = pp->fullname_keys.v[j];
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

/* add_field appends a field (a copy of name; p owns it) with room for it
   in the scratch row and the flattened order.  Returns its index, or -1
   when out of memory (then no field was added). */
static long add_field(projection *p, const char *name, proj_kind kind, proj_ord ord, bool track)
{
    if (p->nfields == p->fields_cap) {
        size_t cap = vec_capacity(p->fields_cap, p->nfields + 1, sizeof *p->fields);
        if (cap == 0 || vec_resize(&p->fields, cap, sizeof *p->fields) != 0 ||
            vec_resize(&p->row, cap, sizeof *p->row) != 0 ||
            vec_resize(&p->flat, cap, sizeof *p->flat) != 0)
            return -1;
        p->fields_cap = cap;
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

/* add_top appends the top-level entry t (p owns what t points to from
   now on).  Returns 0, or -1 when out of memory (t is still the
   caller's). */
static int add_top(projection *p, proj_top t)
{
    if (vec_reserve(&p->top, &p->top_cap, p->ntop + 1, sizeof *p->top) != 0)
        return -1;
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

/* add_group_sub adds to the ".config" group top a sub-field for config
   key (named ks), ordered as the group says.  Returns the field's index,
   or -1 when out of memory. */
static long add_group_sub(projection *p, proj_top *top, parse_id key, const char *ks)
{
    if (top->nsubs == top->subs_cap) {
        size_t cap = vec_capacity(top->subs_cap, top->nsubs + 1, sizeof *top->subs);
        if (cap == 0 || vec_resize(&top->subs, cap, sizeof *top->subs) != 0 ||
            vec_resize(&top->sub_key, cap, sizeof *top->sub_key) != 0)
            return -1;
        top->subs_cap = cap;
    }
    long fi = add_field(p, ks, PK_GROUP_SUB, (proj_ord)top->field, false);
    if (fi < 0)
        return -1;
    top->subs[top->nsubs] = (size_t)fi;
    top->sub_key[top->nsubs] = key;
    top->nsubs++;
    return fi;
}

/* proj_init makes p an empty projection on pp and ps (allocating
   nothing). */
static void proj_init(projection *p, proj_parser *pp, parse_set *ps)
{
    memset(p, 0, sizeof *p);
    p->parser = pp;
    p->ps = ps;
    hashindex_init(&p->index, 0);
    p->flat_dirty = true;
}

/* add_fixed_filter appends to *fixed the filter part "key@(words)"
   (copies of key and words).  Returns 0, or -1 when out of memory (then
   *fixed is as it was). */
static int add_fixed_filter(proj_fixed_list *fixed, const char *key, const strlist *words)
{
    proj_fixed_filter ff = { strdup(key), STRLIST_INIT };
    bool ok = ff.key != NULL;
    for (size_t i = 0; ok && i < words->n; i++)
        ok = strlist_push(&ff.words, words->v[i]) == 0;
    if (!ok || vec_reserve(&fixed->v, &fixed->cap, fixed->n + 1, sizeof *fixed->v) != 0) {
        proj_fixed_free(&ff, 1);
        return -1;
    }
    fixed->v[fixed->n++] = ff;
    return 0;
}

/* make_field: benchproc makeProjection for one parsed field: adds it to
   p (and its key to pp's exclusions, its fixed order to *fixed).  Returns
   0, or -1 with *err = malloc'd syntax error, or with *err NULL when out
   of memory. */
static int make_field(proj_parser *pp, projection *p, const char *q, const query_field *qf,
                      proj_fixed_list *fixed, char **err)
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
        /* a group's field holds the order of its sub-fields */
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
            if (strlist_push(&pp->fullname_keys, key) != 0)
                return -1;
        } else if (strlist_push(&pp->config_keys, key) != 0) {
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
        if (add_fixed_filter(fixed, key, &qf->fixed) != 0)
            return -1;
    }
    return add_top(p, t);
}

/* proj_parse: see projection.h.  Every field is validated before any
   filter part is kept (benchproc does). */
int proj_parse(proj_parser *pp, parse_set *ps, projection *out, const char *expr, bool with_unit,
               proj_fixed_list *fixed, char **err)
{
    query_field *qf;
    size_t n, nf0 = fixed->n;
    *err = NULL;
    proj_init(out, pp, ps);
    if (query_projection_parse(expr, &qf, &n, err) != 0)
        return -1;              /* *err NULL: out of memory */
    int rc = 0;
    for (size_t i = 0; i < n && rc == 0; i++)
        rc = make_field(pp, out, expr, &qf[i], fixed, err);
    query_fields_free(qf, n);
    if (rc == 0 && with_unit)
        rc = add_top_field(out, ".unit", PK_UNIT);
    if (rc != 0 && fixed->n > nf0) {   /* (fixed->v may be NULL) */
        proj_fixed_free(fixed->v + nf0, fixed->n - nf0);
        fixed->n = nf0;
    }
    return rc;
}

/* proj_residue: see projection.h. */
int proj_residue(proj_parser *pp, parse_set *ps, projection *out)
{
    proj_init(out, pp, ps);
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

/* proj_fixed_free: see projection.h. */
void proj_fixed_free(proj_fixed_filter *f, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(f[i].key);
        strlist_release(&f[i].words);
    }
}

/* proj_release: see projection.h. */
void proj_release(projection *p)
{
    for (size_t i = 0; i < p->nfields; i++) {
        free(p->fields[i].name);
        free(p->fields[i].order);
        free(p->fields[i].fixed);
    }
    for (size_t i = 0; i < p->ntop; i++) {
        free(p->top[i].subs);
        free(p->top[i].sub_key);
    }
    free(p->fields);
    free(p->row);
    free(p->flat);
    free(p->top);
    free(p->kv);
    free(p->keys);
    hashindex_release(&p->index);
    free(p->rank);
    memset(p, 0, sizeof *p);
}

/* proj_parser_release: see projection.h. */
void proj_parser_release(proj_parser *pp)
{
    strlist_release(&pp->config_keys);
    strlist_release(&pp->fullname_keys);
    memset(pp, 0, sizeof *pp);
}

/* ------------------------------------------------------------------ keys */

/* observe records value v's observation rank in field f when v is seen
   for the first time.  Returns 0, or -1 when out of memory. */
static int observe(proj_field *f, parse_id v)
{
    if (v >= f->order_cap) {
        size_t old = f->order_cap;
        if (vec_reserve(&f->order, &f->order_cap, (size_t)v + 1, sizeof *f->order) != 0)
            return -1;
        for (size_t i = old; i < f->order_cap; i++)
            f->order[i] = -1;
    }
    if (f->order[v] < 0)
        f->order[v] = f->nobserved++;
    return 0;
}

/* key_hash gives the index the hash of key id. */
static uint32_t key_hash(const void *p, uint32_t id)
{
    return ((const projection *)p)->keys[id].hash;
}

/* fill_row sets p->row to the values of in's fields (0 = ""), adding the
   .config group's sub-fields for config keys met for the first time.
   Returns 0, or -1 when out of memory. */
static int fill_row(projection *p, const proj_input *in)
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
                    if (strlist_contains(&p->parser->config_keys, ks))
                        continue;
                    long fi = add_group_sub(p, top, key, ks);
                    if (fi < 0)
                        return -1;
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
            return -1;
        p->row[top->field] = v;
    }
    return 0;
}

/* proj_key: see projection.h.  A key is stored without its trailing
   empty values, so that keys from before and after a .config sub-field
   was added compare equal. */
uint32_t proj_key(projection *p, const proj_input *in)
{
    if (fill_row(p, in) != 0)
        return (uint32_t)-1;
    size_t len = p->nfields;
    while (len > 0 && p->row[len - 1] == 0)
        len--;
    uint32_t h = hash_bytes(p->row, len * sizeof *p->row);
    for (size_t i = hashindex_first(&p->index, h);; i = hashindex_next(&p->index, i)) {
        uint32_t k = hashindex_at(&p->index, i);
        if (k == HASHINDEX_NONE)
            break;
        const proj_keyrec *r = &p->keys[k];
        if (r->hash == h && r->len == len &&
            (len == 0 || memcmp(p->kv + r->off, p->row, len * sizeof *p->row) == 0))
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
    if (p->nkeys >= HASHINDEX_NONE - 1 || p->kv_len + len > UINT32_MAX ||
        vec_reserve(&p->keys, &p->keys_cap, p->nkeys + 1, sizeof *p->keys) != 0 ||
        vec_reserve(&p->kv, &p->kv_cap, p->kv_len + len, sizeof *p->kv) != 0)
        return (uint32_t)-1;
    uint32_t k = (uint32_t)p->nkeys;
    if (len)            /* an empty key: kv and row may still be NULL */
        memcpy(p->kv + p->kv_len, p->row, len * sizeof *p->row);
    p->keys[k] = (proj_keyrec){ (uint32_t)p->kv_len, (uint32_t)len, h };
    if (hashindex_add(&p->index, h, k, key_hash, p) != 0)
        return (uint32_t)-1;
    p->kv_len += len;
    p->nkeys++;
    return k;
}

/* proj_get: see projection.h. */
parse_id proj_get(const projection *p, uint32_t k, size_t f)
{
    const proj_keyrec *r = &p->keys[k];
    return f < r->len ? p->kv[r->off + f] : 0;
}

/* proj_flat: see projection.h.  flat has room for every field (add_field
   grows it with them). */
size_t proj_flat(projection *p, const size_t **flat)
{
    if (p->flat_dirty) {
        size_t n = 0;
        for (size_t t = 0; t < p->ntop; t++) {
            if (p->top[t].is_group) {
                for (size_t s = 0; s < p->top[t].nsubs; s++)
                    p->flat[n++] = p->top[t].subs[s];
            } else {
                p->flat[n++] = p->top[t].field;
            }
        }
        p->nflat = n;
        p->flat_dirty = false;
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

/* bytes_cmp compares the strings a and b byte-wise (Go's a < b on
   strings): <0, 0 or >0. */
static int bytes_cmp(const parse_set *ps, parse_id a, parse_id b)
{
    size_t la = parse_strlen(ps, a), lb = parse_strlen(ps, b);
    int c = memcmp(parse_str(ps, a), parse_str(ps, b), la < lb ? la : lb);
    if (c)
        return c;
    return la < lb ? -1 : la > lb;
}

/* field_cmp compares values a and b of field f by the field's order
   (benchproc sort.go: first observation, fixed list, alpha, num): <0, 0
   or >0; 0 also when the order does not tell them apart. */
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

/* key_cmp: benchproc's Key.Less for qsort_r on key ids (ctx is the
   projection): field by field in flattened order, the first that
   differs decides, by its order, else byte-wise. */
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

/* proj_rank_keys: see projection.h. */
int proj_rank_keys(projection *p)
{
    const size_t *flat;
    proj_flat(p, &flat);
    size_t n = p->nkeys ? p->nkeys : 1;
    uint32_t *ids = malloc(n * sizeof *ids);
    if (!ids || vec_resize(&p->rank, n, sizeof *p->rank) != 0) {
        free(ids);
        return -1;
    }
    for (size_t i = 0; i < p->nkeys; i++)
        ids[i] = (uint32_t)i;
    qsort_r(ids, p->nkeys, sizeof *ids, key_cmp, p);
    for (size_t i = 0; i < p->nkeys; i++)
        p->rank[ids[i]] = (uint32_t)i;
    free(ids);
    return 0;
}

/* proj_string_values: see projection.h. */
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
        int w = snprintf(buf + (o < size ? o : size), o < size ? size - o : 0,
                         o ? " %s" : "%s", parse_str(p->ps, v));
        o += (size_t)w;
    }
    return (int)o;
}
