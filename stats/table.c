/*
 * table.c -- from cells to benchstat's tables (benchtab ToTables): keys
 * sorted, every cell summarized, compared with its row's first column, the
 * geomean row (docs/benchstat.md, Statistics).  render.c prints them.
 */
#include "table.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "strbuf.h"
#include "vec.h"

/* The builder whose keys cell_order and col_order compare (qsort passes no
   context; stat_tables_build sets it before sorting). */
static builder *sort_b;

/* cell_order is qsort's comparison of two cell ids: by table key, row key,
   then column key, each in its projection's rank. */
static int cell_order(const void *x, const void *y)
{
    const cell *a = &sort_b->cells[*(const uint32_t *)x];
    const cell *b = &sort_b->cells[*(const uint32_t *)y];
    uint32_t ta = sort_b->tab->rank[a->table], tb = sort_b->tab->rank[b->table];
    if (ta != tb)
        return ta < tb ? -1 : 1;
    uint32_t ra = sort_b->row->rank[a->row], rb = sort_b->row->rank[b->row];
    if (ra != rb)
        return ra < rb ? -1 : 1;
    uint32_t ca = sort_b->col->rank[a->col], cb = sort_b->col->rank[b->col];
    return ca < cb ? -1 : ca > cb;
}

/* col_order is qsort's comparison of two column key ids, by rank. */
static int col_order(const void *x, const void *y)
{
    uint32_t ca = sort_b->col->rank[*(const uint32_t *)x];
    uint32_t cb = sort_b->col->rank[*(const uint32_t *)y];
    return ca < cb ? -1 : ca > cb;
}

/* unit_field: the index of the table projection's ".unit" field. */
static size_t unit_field(const projection *p)
{
    for (size_t i = 0; i < p->nfields; i++)
        if (p->fields[i].kind == PK_UNIT)
            return i;
    return 0;
}

/* residue_warning: NonSingularFields over the cell's residue keys:
   *out = "benchmarks vary in K1, K2" (malloc'd, the caller's to free;
   however long the key names), or NULL when they do not vary.  Returns 0,
   -1 when out of memory. */
static int residue_warning(builder *b, cell *c, char **out)
{
    static const char head[] = "benchmarks vary in ";
    *out = NULL;
    if (c->nres <= 1)
        return 0;
    uint32_t *keys = malloc(c->nres * sizeof *keys);
    if (!keys)
        return -1;
    cell_residues(c, keys);
    const size_t *flat;
    size_t nf = proj_flat(b->res, &flat);
    strbuf sb = STRBUF_INIT;
    for (size_t i = 0; i < nf; i++) {
        parse_id base = proj_get(b->res, keys[0], flat[i]);
        for (uint32_t k = 1; k < c->nres; k++)
            if (proj_get(b->res, keys[k], flat[i]) != base) {
                strbuf_adds(&sb, sb.len ? ", " : head);
                strbuf_adds(&sb, b->res->fields[flat[i]].name);
                break;
            }
    }
    free(keys);
    if (!strbuf_ok(&sb)) {
        strbuf_release(&sb);
        return -1;
    }
    /* nothing added: nothing allocated, no warning */
    *out = sb.len ? strbuf_detach(&sb) : NULL;
    return 0;
}

/* assumption: the assumption unit's values get, SUMMARY_ASSUME_EXACT when
   the tidied unit has "assume" metadata "exact" (benchunit's
   UnitMetadata), else SUMMARY_ASSUME_NOTHING (also when out of memory). */
static summary_assume assumption(parse_set *ps, parse_id unit)
{
    const char *u = parse_str(ps, unit);
    size_t n = parse_strlen(ps, unit);
    char small[256], *t = small;
    if (2 * n + 2 > sizeof small && !(t = malloc(2 * n + 2)))
        return SUMMARY_ASSUME_NOTHING;
    parse_tidy_unit(u, n, t, 2 * n + 2);
    parse_id tid = parse_lookup(ps, t, strlen(t));
    if (t != small)
        free(t);
    if (tid == (parse_id)-1)
        return SUMMARY_ASSUME_NOTHING;
    parse_id v = parse_unit_meta_get(ps, tid, "assume");
    return v != (parse_id)-1 && strcmp(parse_str(ps, v), "exact") == 0 ? SUMMARY_ASSUME_EXACT
                                                                         : SUMMARY_ASSUME_NOTHING;
}

/* rows_range: summaries and comparisons of rows [r0, r1), row by row:
   the baseline stays sorted in buf1 while the other columns pass through
   buf2.  Rows touch only their own cells, so ranges can run in parallel. */
static int rows_range(builder *b, stat_table *t, size_t r0, size_t r1, double confidence,
                      double alpha, double *buf1, double *buf2, uint32_t *scratch)
{
    for (size_t row = r0; row < r1; row++) {
        int32_t bi = t->grid[row * t->ncols];
        stat_cell *base = bi >= 0 ? &t->cells[bi] : NULL;
        if (base) {
            cell_sorted(base->c, buf1, scratch);
            if (summary_compute(buf1, base->c->n, t->assume, confidence, &base->sum) != 0)
                return -1;
            if (residue_warning(b, base->c, &base->residue_warn) != 0)
                return -1;
        }
        for (size_t k = 1; k < t->ncols; k++) {
            int32_t xi = t->grid[row * t->ncols + k];
            if (xi < 0)
                continue;
            stat_cell *x = &t->cells[xi];
            cell_sorted(x->c, buf2, scratch);
            if (summary_compute(buf2, x->c->n, t->assume, confidence, &x->sum) != 0)
                return -1;
            if (residue_warning(b, x->c, &x->residue_warn) != 0)
                return -1;
            if (base) {
                x->has_base = true;
                if (summary_compare(buf1, base->c->n, buf2, x->c->n, t->assume, alpha,
                                    &x->cmp) != 0)
                    return -1;
                comparison_delta(&x->cmp, base->sum.center, x->sum.center, x->delta,
                                 sizeof x->delta);
                comparison_string(&x->cmp, x->cmpstr, sizeof x->cmpstr);
            }
        }
    }
    return 0;
}

/* A second thread for the upper half of a big table's rows. */
typedef struct rows_job {
    builder *b;
    stat_table *t;
    size_t r0, r1;
    double confidence, alpha;
    double *buf1, *buf2;
    uint32_t *scratch;
    int rc;
} rows_job;

/* rows_worker is the second thread's body: rows_range on the job, its
   result in j->rc. */
static void *rows_worker(void *arg)
{
    rows_job *j = arg;
    j->rc = rows_range(j->b, j->t, j->r0, j->r1, j->confidence, j->alpha, j->buf1, j->buf2,
                       j->scratch);
    return NULL;
}

/* Tables with fewer values than this are summarized by one thread: a
   thread costs more than it saves there. */
#define PARALLEL_MIN_VALUES 100000

/* summarize_rows: rows_range over all rows, split over two threads when
   the table is big; if a thread or its buffers cannot be had, one thread
   does it all (same results either way). */
static int summarize_rows(builder *b, stat_table *t, double confidence, double alpha,
                          double *buf1, double *buf2, uint32_t *scratch, size_t maxn)
{
    size_t total = 0;
    for (size_t i = 0; i < t->ncells; i++)
        total += t->cells[i].c->n;
    if (total < PARALLEL_MIN_VALUES || t->nrows < 2)
        return rows_range(b, t, 0, t->nrows, confidence, alpha, buf1, buf2, scratch);
    rows_job j = { b, t, t->nrows / 2, t->nrows, confidence, alpha, NULL, NULL, NULL, 0 };
    j.buf1 = malloc(maxn * sizeof *j.buf1);
    j.buf2 = malloc(maxn * sizeof *j.buf2);
    j.scratch = malloc(maxn * sizeof *j.scratch);
    pthread_t th;
    int rc;
    if (j.buf1 && j.buf2 && j.scratch && pthread_create(&th, NULL, rows_worker, &j) == 0) {
        rc = rows_range(b, t, 0, j.r0, confidence, alpha, buf1, buf2, scratch);
        pthread_join(th, NULL);
        rc = rc || j.rc ? -1 : 0;
    } else {
        rc = rows_range(b, t, 0, t->nrows, confidence, alpha, buf1, buf2, scratch);
    }
    free(j.buf1);
    free(j.buf2);
    free(j.scratch);
    return rc;
}

/* build_one builds table t from the n cells ci (sorted, all of one table
   key): its row and column keys, the grid, every cell summarized and
   compared, the geomean row.  *buf1, *buf2 and *scratch (capacity *bufcap
   values, the caller's, kept across tables) grow to the largest cell.
   Returns 0, or -1 when out of memory (t holds what was built). */
static int build_one(builder *b, stat_table *t, const uint32_t *ci, size_t n, double confidence,
                     double alpha, double **buf1, double **buf2, uint32_t **scratch, size_t *bufcap)
{
    t->key = b->cells[ci[0]].table;
    t->unit = proj_get(b->tab, t->key, unit_field(b->tab));
    t->assume = assumption(b->ps, t->unit);
    t->rows = malloc(n * sizeof *t->rows);
    t->cols = malloc(n * sizeof *t->cols);
    t->cells = calloc(n, sizeof *t->cells);
    if (!t->rows || !t->cols || !t->cells)
        return -1;
    for (size_t i = 0; i < n; i++) {
        const cell *c = &b->cells[ci[i]];
        if (t->nrows == 0 || t->rows[t->nrows - 1] != c->row)
            t->rows[t->nrows++] = c->row;
        size_t k;
        for (k = 0; k < t->ncols; k++)
            if (t->cols[k] == c->col)
                break;
        if (k == t->ncols)
            t->cols[t->ncols++] = c->col;
    }
    qsort(t->cols, t->ncols, sizeof *t->cols, col_order);
    t->grid = malloc(t->nrows * t->ncols * sizeof *t->grid);
    t->colsum = calloc(t->ncols, sizeof *t->colsum);
    if (!t->grid || !t->colsum)
        return -1;
    for (size_t i = 0; i < t->nrows * t->ncols; i++)
        t->grid[i] = -1;
    size_t r = 0;
    for (size_t i = 0; i < n; i++) {
        cell *c = &b->cells[ci[i]];
        while (t->rows[r] != c->row)
            r++;
        size_t k = 0;
        while (t->cols[k] != c->col)
            k++;
        t->grid[r * t->ncols + k] = (int32_t)t->ncells;
        t->cells[t->ncells++].c = c;
        /* the three buffers hold the largest cell so far, exactly */
        if (c->n > *bufcap) {
            if (vec_resize(buf1, c->n, sizeof **buf1) != 0 ||
                vec_resize(buf2, c->n, sizeof **buf2) != 0 ||
                vec_resize(scratch, c->n, sizeof **scratch) != 0)
                return -1;
            *bufcap = c->n;
        }
    }
    if (summarize_rows(b, t, confidence, alpha, *buf1, *buf2, *scratch, *bufcap) != 0)
        return -1;
    /* geomean row */
    summary_colrow *cr = malloc((t->nrows ? t->nrows : 1) * sizeof *cr);
    if (!cr)
        return -1;
    size_t nbase = 0;
    for (size_t row = 0; row < t->nrows; row++)
        if (t->grid[row * t->ncols] >= 0)
            nbase++;
    for (size_t k = 0; k < t->ncols; k++) {
        size_t m = 0;
        for (size_t row = 0; row < t->nrows; row++) {
            int32_t xi = t->grid[row * t->ncols + k];
            if (xi < 0)
                continue;
            stat_cell *x = &t->cells[xi];
            cr[m].center = x->sum.center;
            cr[m].has_base = x->has_base;
            cr[m].base_center = x->has_base ? t->cells[t->grid[row * t->ncols]].sum.center : 0;
            m++;
        }
        if (summary_column(cr, m, nbase, k == 0, &t->colsum[k]) != 0) {
            free(cr);
            return -1;
        }
    }
    free(cr);
    return 0;
}

int stat_tables_build(builder *b, double confidence, double alpha, stat_tables *out)
{
    memset(out, 0, sizeof *out);
    out->b = b;
    if (proj_rank_keys(b->tab) || proj_rank_keys(b->row) || proj_rank_keys(b->col) ||
        proj_rank_keys(b->res))
        return -1;
    if (b->ncells == 0)
        return 0;
    uint32_t *ci = malloc(b->ncells * sizeof *ci);
    if (!ci)
        return -1;
    for (size_t i = 0; i < b->ncells; i++)
        ci[i] = (uint32_t)i;
    sort_b = b;
    qsort(ci, b->ncells, sizeof *ci, cell_order);
    size_t ntab = 0;
    for (size_t i = 0; i < b->ncells; i++)
        if (i == 0 || b->cells[ci[i]].table != b->cells[ci[i - 1]].table)
            ntab++;
    out->t = calloc(ntab, sizeof *out->t);
    double *buf1 = NULL, *buf2 = NULL;
    uint32_t *scratch = NULL;
    size_t bufcap = 0;
    int rc = out->t ? 0 : -1;
    for (size_t i = 0; i < b->ncells && rc == 0;) {
        size_t j = i + 1;
        while (j < b->ncells && b->cells[ci[j]].table == b->cells[ci[i]].table)
            j++;
        rc = build_one(b, &out->t[out->n++], ci + i, j - i, confidence, alpha, &buf1, &buf2,
                       &scratch, &bufcap);
        i = j;
    }
    free(buf1);
    free(buf2);
    free(scratch);
    free(ci);
    return rc;
}

void stat_tables_release(stat_tables *st)
{
    for (size_t i = 0; i < st->n; i++) {
        stat_table *t = &st->t[i];
        free(t->rows);
        free(t->cols);
        free(t->grid);
        for (size_t k = 0; k < t->ncells; k++)
            free(t->cells[k].residue_warn);
        free(t->cells);
        free(t->colsum);
    }
    free(st->t);
    memset(st, 0, sizeof *st);
}
