/*
 * builder.c -- the builder behind escstat's tables: groups, per-unit links,
 * cells and their compact value storage (see builder.h).
 */
#include "builder.h"
#include "sort.h"
#include "vec.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

enum { MODE_EMPTY, MODE_DEC, MODE_F64 };

static const double p10[] = {
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
    1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
};
static const uint64_t u10[] = {
    1ull, 10ull, 100ull, 1000ull, 10000ull, 100000ull, 1000000ull, 10000000ull,
    100000000ull, 1000000000ull, 10000000000ull,
};

int builder_init(builder *b, parse_set *ps, projection *tab, projection *row, projection *col,
                 projection *res, const filter *flt)
{
    memset(b, 0, sizeof *b);
    b->ps = ps;
    b->tab = tab;
    b->row = row;
    b->col = col;
    b->res = res;
    b->flt = flt;
    b->last = CELL_NONE;
    hashindex_init(&b->gindex, 1024);
    hashindex_init(&b->cindex, 1024);
    return 0;
}

void builder_release(builder *b)
{
    for (size_t i = 0; i < b->ngroups; i++)
        free(b->groups[i].links);
    free(b->groups);
    for (size_t i = 0; i < b->ncells; i++)
        free(b->cells[i].res_more);
    for (void *blk = b->arena; blk;) {
        void *next = *(void **)blk;
        free(blk);
        blk = next;
    }
    free(b->cells);
    hashindex_release(&b->gindex);
    hashindex_release(&b->cindex);
    memset(b, 0, sizeof *b);
}

/* group_hash and cell_hash give the index the hash of an id's key. */
static uint32_t group_hash(const void *ctx, uint32_t i)
{
    const cell_group *g = &((const builder *)ctx)->groups[i];
    return hash_u32x3(g->name, g->config, g->file);
}

static uint32_t cell_hash(const void *ctx, uint32_t i)
{
    const cell *c = &((const builder *)ctx)->cells[i];
    return hash_u32x3(c->table, c->row, c->col);
}

/* find_group returns the id of r's group (name, config, file), added when
 * new, or CELL_NONE when out of memory (then nothing was added). */
static uint32_t find_group(builder *b, const parse_result *r)
{
    if (b->last != CELL_NONE) {
        cell_group *g = &b->groups[b->last];
        if (g->name == r->name && g->config == r->config && g->file == r->file)
            return b->last;
    }
    uint32_t h = hash_u32x3(r->name, r->config, r->file);
    for (size_t i = hashindex_first(&b->gindex, h);; i = hashindex_next(&b->gindex, i)) {
        uint32_t id = hashindex_at(&b->gindex, i);
        if (id == HASHINDEX_NONE)
            break;
        cell_group *g = &b->groups[id];
        if (g->name == r->name && g->config == r->config && g->file == r->file)
            return b->last = id;
    }
    if (vec_reserve(&b->groups, &b->groups_cap, b->ngroups + 1, sizeof *b->groups) != 0)
        return CELL_NONE;
    cell_group *g = &b->groups[b->ngroups];
    memset(g, 0, sizeof *g);
    g->name = r->name;
    g->config = r->config;
    g->file = r->file;
    if (hashindex_add(&b->gindex, h, (uint32_t)b->ngroups, group_hash, b) != 0)
        return CELL_NONE;
    b->ngroups++;
    return b->last = (uint32_t)b->ngroups - 1;
}

/* find_cell returns the id of the cell (table, row, col), added when new,
 * or CELL_NONE when out of memory (then nothing was added). */
static uint32_t find_cell(builder *b, uint32_t table, uint32_t row, uint32_t col)
{
    uint32_t h = hash_u32x3(table, row, col);
    for (size_t i = hashindex_first(&b->cindex, h);; i = hashindex_next(&b->cindex, i)) {
        uint32_t id = hashindex_at(&b->cindex, i);
        if (id == HASHINDEX_NONE)
            break;
        cell *c = &b->cells[id];
        if (c->table == table && c->row == row && c->col == col)
            return id;
    }
    if (vec_reserve(&b->cells, &b->cells_cap, b->ncells + 1, sizeof *b->cells) != 0)
        return CELL_NONE;
    cell *c = &b->cells[b->ncells];
    memset(c, 0, sizeof *c);
    c->table = table;
    c->row = row;
    c->col = col;
    if (hashindex_add(&b->cindex, h, (uint32_t)b->ncells, cell_hash, b) != 0)
        return CELL_NONE;
    b->ncells++;
    return (uint32_t)b->ncells - 1;
}

static int cell_add_residue(cell *c, uint32_t res)
{
    if (c->nres == 0) {
        c->res0 = res;
        c->nres = 1;
        return 0;
    }
    if (c->res0 == res)
        return 0;
    for (uint32_t i = 0; i + 1 < c->nres; i++)
        if (c->res_more[i] == res)
            return 0;
    /* exactly sized: a cell has one residue or a few */
    if (vec_resize(&c->res_more, c->nres, sizeof *c->res_more) != 0)
        return -1;
    c->res_more[c->nres - 1] = res;
    c->nres++;
    return 0;
}

void cell_residues(const cell *c, uint32_t *out)
{
    if (c->nres == 0)
        return;
    out[0] = c->res0;
    for (uint32_t i = 0; i + 1 < c->nres; i++)
        out[i + 1] = c->res_more[i];
}

/* new_link: first sight of (unit, orig_unit) in group g: run the filter,
   project what is needed, find the cell. */
static cell_link *new_link(builder *b, uint32_t gi, const parse_value *pv)
{
    cell_group *g = &b->groups[gi];
    if (g->nlinks == g->cap) {
        /* 4 first (not VEC_MIN_CAP): a group has a link per unit, most
           have three (ns/op, B/op, allocs/op) */
        uint32_t cap = g->cap ? g->cap * 2 : 4;
        if (vec_resize(&g->links, cap, sizeof *g->links) != 0)
            return NULL;
        g->cap = cap;
    }
    proj_input in = { g->name, g->config, g->file, pv->unit, pv->orig_unit };
    cell_link *l = &g->links[g->nlinks];
    l->unit = pv->unit;
    l->orig_unit = pv->orig_unit;
    l->cell = CELL_NONE;
    if (filter_keep(b->flt, b->ps, &in)) {
        uint32_t t = proj_key(b->tab, &in);
        if (t == CELL_NONE)
            return NULL;
        if (!g->projected) {
            g->row = proj_key(b->row, &in);
            g->col = proj_key(b->col, &in);
            g->res = proj_key(b->res, &in);
            if (g->row == CELL_NONE || g->col == CELL_NONE || g->res == CELL_NONE)
                return NULL;
            g->projected = true;
        }
        uint32_t ci = find_cell(b, t, g->row, g->col);
        if (ci == CELL_NONE || cell_add_residue(&b->cells[ci], g->res) != 0)
            return NULL;
        l->cell = ci;
    }
    g->nlinks++;
    return l;
}

/* ------------------------------------------------------- value segments */

/* A segment: the link to the cell's previous one, its room, then the
   values (uint32_t or double; 8-byte aligned). */
typedef struct seg {
    struct seg *prev;
    uint32_t cap;               /* values it holds when full */
    uint32_t pad;
} seg;

#define SEG_FIRST 8             /* values in a cell's first segment */
#define SEG_MAX 4096            /* segments double up to this many values */
#define ARENA_BLOCK (4u << 20)  /* 2 huge pages */
#define HUGE_PAGE (2u << 20)

static inline seg *seg_of(const void *data)
{
    return (seg *)data - 1;
}

/* arena_get: n bytes (a multiple of 8) for segments, from the builder's
   blocks; NULL when out of memory.  Blocks are 2 MiB-aligned and offered
   to the kernel for transparent huge pages: 13 M values took ~13 000 page
   faults in 4 KiB pages, a few dozen in huge ones. */
static void *arena_get(builder *b, size_t n)
{
    if (n > b->arena_left) {
        size_t size = n + 64 > ARENA_BLOCK ? n + 64 : ARENA_BLOCK;
        void *blk;
        if (posix_memalign(&blk, HUGE_PAGE, size) != 0)
            return NULL;
#ifdef MADV_HUGEPAGE
        madvise(blk, size, MADV_HUGEPAGE);      /* a hint: failure is fine */
#endif
        *(void **)blk = b->arena;
        b->arena = blk;
        b->arena_cur = (char *)blk + 64;
        b->arena_left = size - 64;
    }
    void *p = b->arena_cur;
    b->arena_cur += n;
    b->arena_left -= n;
    return p;
}

/* grow: a new segment for c of elem-byte values, twice the last one's
   room (SEG_MAX at most); the cell's values so far stay where they are.
   Returns 0, -1 when out of memory. */
static int grow(builder *b, cell *c, size_t elem)
{
    uint32_t room = c->data ? seg_of(c->data)->cap * 2 : SEG_FIRST;
    if (room > SEG_MAX)
        room = SEG_MAX;
    seg *s = arena_get(b, sizeof *s + (size_t)room * elem);
    if (!s)
        return -1;
    s->prev = c->data ? seg_of(c->data) : NULL;
    s->cap = room;
    c->data = s + 1;
    c->base = c->n;
    c->cap = c->n + room;
    return 0;
}

/* seg_count: values in segment s of cell c (all but the current one are
   full). */
static inline uint32_t seg_count(const cell *c, const seg *s)
{
    return s == seg_of(c->data) ? c->n - c->base : s->cap;
}

/* gather: the cell's values, elem bytes each, to out (in no particular
   order). */
static void gather(const cell *c, void *out, size_t elem)
{
    if (!c->data)
        return;
    char *o = (char *)out + (size_t)c->n * elem;
    for (const seg *s = seg_of(c->data); s; s = s->prev) {
        uint32_t k = seg_count(c, s);
        o -= (size_t)k * elem;
        memcpy(o, s + 1, (size_t)k * elem);
    }
}

/* to_f64: switch a cell from decimal mantissas to doubles: one new
   segment with the values so far (the old ones are left in the arena:
   a rare case). */
static int to_f64(builder *b, cell *c)
{
    uint32_t room = c->n * 2 > SEG_FIRST ? c->n * 2 : SEG_FIRST;
    seg *s = arena_get(b, sizeof *s + (size_t)room * sizeof(double));
    if (!s)
        return -1;
    double *d = (double *)(s + 1);
    uint32_t *m = (uint32_t *)(d + room) - c->n; /* above d[0..n): free room */
    gather(c, m, sizeof *m);
    for (uint32_t i = 0; i < c->n; i++)
        d[i] = (double)m[i] / p10[c->scale] * c->factor;
    s->prev = NULL;
    s->cap = room;
    c->data = d;
    c->base = 0;
    c->cap = room;
    c->mode = MODE_F64;
    return 0;
}

static int push_slow(builder *b, cell *c, const parse_value *pv, double factor)
{
    if (c->mode == MODE_EMPTY) {
        if (pv->dec_scale >= 0 && pv->dec_scale <= 10 && pv->dec_mant <= UINT32_MAX) {
            c->mode = MODE_DEC;
            c->scale = (int8_t)pv->dec_scale;
            c->factor = factor;
        } else {
            c->mode = MODE_F64;
        }
    }
    if (c->mode == MODE_DEC) {
        bool ok = pv->dec_scale >= 0 && pv->dec_scale <= 10 && factor == c->factor;
        uint64_t m = pv->dec_mant;
        if (ok && pv->dec_scale > c->scale) {
            /* rescale what is stored to the finer scale */
            uint64_t mul = u10[pv->dec_scale - c->scale];
            if ((uint64_t)c->maxm * mul <= UINT32_MAX && m <= UINT32_MAX) {
                for (seg *sg = c->data ? seg_of(c->data) : NULL; sg; sg = sg->prev) {
                    uint32_t *v = (uint32_t *)(sg + 1), k = seg_count(c, sg);
                    for (uint32_t i = 0; i < k; i++)
                        v[i] = (uint32_t)(v[i] * mul);
                }
                c->maxm = (uint32_t)(c->maxm * mul);
                c->scale = (int8_t)pv->dec_scale;
            } else {
                ok = false;
            }
        } else if (ok && pv->dec_scale < c->scale) {
            m *= u10[c->scale - pv->dec_scale];
        }
        if (ok && m <= UINT32_MAX) {
            if (c->n == c->cap && grow(b, c, sizeof(uint32_t)) != 0)
                return -1;
            ((uint32_t *)c->data)[c->n++ - c->base] = (uint32_t)m;
            if (m > c->maxm)
                c->maxm = (uint32_t)m;
            return 0;
        }
        if (to_f64(b, c) != 0)
            return -1;
    }
    if (c->n == c->cap && grow(b, c, sizeof(double)) != 0)
        return -1;
    ((double *)c->data)[c->n++ - c->base] = pv->value;
    return 0;
}

int builder_add(builder *b, const parse_result *r)
{
    uint32_t gi = find_group(b, r);
    if (gi == CELL_NONE)
        return -1;
    for (size_t i = 0; i < r->nvalues; i++) {
        const parse_value *pv = &r->values[i];
        cell_group *g = &b->groups[gi];
        cell_link *l = NULL;
        /* lines of a benchmark list their units in the same order, so the
           i-th link is usually the one */
        if (i < g->nlinks && g->links[i].unit == pv->unit && g->links[i].orig_unit == pv->orig_unit)
            l = &g->links[i];
        else
            for (uint32_t k = 0; k < g->nlinks; k++)
                if (g->links[k].unit == pv->unit && g->links[k].orig_unit == pv->orig_unit) {
                    l = &g->links[k];
                    break;
                }
        if (!l && !(l = new_link(b, gi, pv)))
            return -1;
        if (l->cell == CELL_NONE)
            continue;
        cell *c = &b->cells[l->cell];
        double factor = pv->unit == pv->orig_unit ? 1.0 : pv->value / pv->orig_value;
        /* the factor is the unit's tidy factor; recover it exactly from the
           set's cache rather than by division */
        if (pv->unit != pv->orig_unit)
            factor = b->ps->tidy_factor[pv->orig_unit];
        b->nvalues++;
        if (c->mode == MODE_DEC && pv->dec_scale == c->scale && pv->dec_mant <= UINT32_MAX &&
            factor == c->factor && c->n < c->cap) {
            uint32_t m = (uint32_t)pv->dec_mant;
            ((uint32_t *)c->data)[c->n++ - c->base] = m;
            if (m > c->maxm)
                c->maxm = m;
            continue;
        }
        if (push_slow(b, c, pv, factor) != 0)
            return -1;
    }
    return 0;
}

static int dbl_cmp(const void *x, const void *y)
{
    double a = *(const double *)x, b = *(const double *)y;
    return (a > b) - (a < b);
}

void cell_sorted(cell *c, double *out, uint32_t *scratch)
{
    if (c->mode == MODE_DEC) {
        /* the mantissas go to scratch and are sorted there, with out's
           room as the radix sort's second array; out is then written
           through memcpy, which may alias what the sort stored there */
        uint32_t *m = scratch;
        gather(c, m, sizeof *m);
        for (uint32_t i = 1; i < c->n; i++)
            if (m[i] != m[0]) {
                sort_u32(m, c->n, c->maxm, (uint32_t *)(void *)out);
                break;
            }
        double div = p10[c->scale];
        bool plain = c->scale == 0 && c->factor == 1.0;
        for (uint32_t i = 0; i < c->n; i++) {
            double d = plain ? (double)m[i] : (double)m[i] / div * c->factor;
            memcpy(out + i, &d, sizeof d);
        }
        return;
    }
    gather(c, out, sizeof *out);
    /* sort.Float64s puts NaNs first */
    size_t nn = 0;
    for (uint32_t i = 0; i < c->n; i++)
        if (isnan(out[i])) {
            double t = out[nn];
            out[nn++] = out[i];
            out[i] = t;
        }
    qsort(out + nn, c->n - nn, sizeof *out, dbl_cmp);
}
