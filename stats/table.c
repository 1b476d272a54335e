/*
 * table.c -- from cells to benchstat's tables (benchtab ToTables), and
 * their text, CSV and markdown renderings (benchtab
 * table.go ToText, ToCSV; docs/benchstat.md: Statistics, Text layout, CSV).
 */
#include "table.h"

#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "scale.h"
#include "texttab.h"

/* ------------------------------------------------------------------ build */

static builder *sort_b;

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
   *out = "benchmarks vary in K1, K2" (malloc'd, however long the key
   names), or NULL when they do not vary.  Returns 0, -1 when out of
   memory. */
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
    char *buf = NULL;
    size_t len = 0;
    for (size_t i = 0; i < nf; i++) {
        parse_id base = proj_get(b->res, keys[0], flat[i]);
        for (uint32_t k = 1; k < c->nres; k++)
            if (proj_get(b->res, keys[k], flat[i]) != base) {
                const char *name = b->res->fields[flat[i]].name;
                size_t add = (buf ? 2 : sizeof head - 1) + strlen(name);
                char *g = realloc(buf, len + add + 1);
                if (!g) {
                    free(buf);
                    free(keys);
                    return -1;
                }
                buf = g;
                len += (size_t)sprintf(buf + len, "%s%s", len ? ", " : head, name);
                break;
            }
    }
    free(keys);
    *out = buf;
    return 0;
}

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
        if (c->n > *bufcap) {
            size_t cap = c->n;
            double *p1 = realloc(*buf1, cap * sizeof *p1);
            if (p1)
                *buf1 = p1;
            double *p2 = realloc(*buf2, cap * sizeof *p2);
            if (p2)
                *buf2 = p2;
            uint32_t *s = realloc(*scratch, cap * sizeof *s);
            if (s)
                *scratch = s;
            if (!p1 || !p2 || !s)
                return -1;
            *bufcap = cap;
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

/* ------------------------------------------------------------ shared bits */

static const char *const superdigits[] = {
    "⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹",
};

static void superscript(int i, char *buf, size_t size)
{
    char tmp[64];
    size_t o = 0;
    int digits[20], nd = 0;
    if (i == 0)
        digits[nd++] = 0;
    while (i > 0 && nd < 20) {
        digits[nd++] = i % 10;
        i /= 10;
    }
    while (nd > 0) {
        const char *d = superdigits[digits[--nd]];
        size_t l = strlen(d);
        if (o + l < sizeof tmp) {
            memcpy(tmp + o, d, l);
            o += l;
        }
    }
    tmp[o] = '\0';
    snprintf(buf, size, "%s", tmp);
}

/* footnotes: a table's warning list, deduplicated by text. */
typedef struct notes {
    const char **msg;
    size_t n, cap;
    bool oom;                   /* the list could not grow */
} notes;

/* notes_mark: the superscripts of msgs (NULL/"" skipped) joined by spaces. */
static void notes_mark(notes *ns, const char *const *msgs, size_t nmsgs, char *buf, size_t size)
{
    size_t o = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < nmsgs; i++) {
        if (!msgs[i] || !msgs[i][0])
            continue;
        size_t k;
        for (k = 0; k < ns->n; k++)
            if (strcmp(ns->msg[k], msgs[i]) == 0)
                break;
        if (k == ns->n) {
            if (ns->n == ns->cap) {
                size_t cap = ns->cap ? ns->cap * 2 : 8;
                const char **m = realloc(ns->msg, cap * sizeof *m);
                if (!m) {
                    ns->oom = true;
                    continue;
                }
                ns->msg = m;
                ns->cap = cap;
            }
            ns->msg[ns->n++] = msgs[i];
        }
        char sup[64];
        superscript((int)k + 1, sup, sizeof sup);
        if (o < size)
            o += (size_t)snprintf(buf + o, size - o, "%s%s", o ? " " : "", sup);
    }
}

static int print_notes(notes *ns, FILE *out, const char *prefix)
{
    for (size_t i = 0; i < ns->n; i++) {
        char sup[64];
        superscript((int)i + 1, sup, sizeof sup);
        if (fprintf(out, "%s%s %s\n", prefix, sup, ns->msg[i]) < 0)
            return -1;
    }
    return 0;
}

/* print_config: the table key's fields (but .unit) that differ from the
   previous table's, as "name: value" (benchtab printTables). */
static int config_lines(stat_tables *st, size_t i, int (*emit)(void *, const char *), void *ctx)
{
    projection *tab = st->b->tab;
    const size_t *flat;
    size_t nf = proj_flat(tab, &flat);
    for (size_t f = 0; f < nf; f++) {
        if (tab->fields[flat[f]].kind == PK_UNIT)
            continue;
        parse_id v = proj_get(tab, st->t[i].key, flat[f]);
        if (i > 0 && v == proj_get(tab, st->t[i - 1].key, flat[f]))
            continue;
        size_t len = strlen(tab->fields[flat[f]].name) + parse_strlen(st->b->ps, v) + 3;
        char *line = malloc(len);
        if (!line)
            return -1;
        snprintf(line, len, "%s: %s", tab->fields[flat[f]].name, parse_str(st->b->ps, v));
        int rc = emit(ctx, line);
        free(line);
        if (rc)
            return -1;
    }
    return 0;
}

/* config_count: how many lines config_lines prints for table i. */
static size_t config_count(stat_tables *st, size_t i)
{
    projection *tab = st->b->tab;
    const size_t *flat;
    size_t nf = proj_flat(tab, &flat), n = 0;
    for (size_t f = 0; f < nf; f++)
        if (tab->fields[flat[f]].kind != PK_UNIT &&
            (i == 0 || proj_get(tab, st->t[i].key, flat[f]) != proj_get(tab, st->t[i - 1].key, flat[f])))
            n++;
    return n;
}

/* row_scaler: CommonScale over the row's centers. */
static scaler row_scaler(const stat_table *t, size_t row, bool binary, bool *oom)
{
    double vals[64] = { 0 }, *v = vals;
    if (t->ncols > 64 && !(v = malloc(t->ncols * sizeof *v))) {
        *oom = true;
        return scale_common(NULL, 0, binary);
    }
    size_t n = 0;
    for (size_t k = 0; k < t->ncols; k++) {
        int32_t xi = t->grid[row * t->ncols + k];
        if (xi >= 0)
            v[n++] = t->cells[xi].sum.center;
    }
    scaler s = scale_common(v, n, binary);
    if (v != vals)
        free(v);
    return s;
}

/* key_label: StringValues of key k of p in label (size bytes) or, when
   longer, in a malloc'd string that *heap owns; NULL when out of memory. */
static const char *key_label(projection *p, uint32_t k, char *label, size_t size, char **heap)
{
    *heap = NULL;
    int n = proj_string_values(p, k, label, size);
    if ((size_t)n < size)
        return label;
    *heap = malloc((size_t)n + 1);
    if (!*heap)
        return NULL;
    proj_string_values(p, k, *heap, (size_t)n + 1);
    return *heap;
}

/* ------------------------------------------------------------------- text */

static int start_col(size_t e)
{
    return e == 0 ? 1 : 1 + 3 + (int)(e - 1) * 6;
}

static int emit_text(void *ctx, const char *line)
{
    return fprintf(ctx, "%s\n", line) < 0 ? -1 : 0;
}

/* header_level: the KeyHeader nodes of one level, as runs of equal values
   within runs of the previous levels. */
static void header_rows(texttab *o, stat_tables *st, const stat_table *t, int redge)
{
    projection *col = st->b->col;
    const size_t *flat;
    size_t nf = proj_flat(col, &flat);
    for (size_t lv = 0; lv < nf; lv++) {
        tt_row(o);
        size_t s = 0;
        while (s < t->ncols) {
            size_t e = s + 1;
            while (e < t->ncols) {
                bool same = true;
                for (size_t l = 0; l <= lv && same; l++)
                    same = proj_get(col, t->cols[e], flat[l]) == proj_get(col, t->cols[s], flat[l]);
                if (!same)
                    break;
                e++;
            }
            int l0 = start_col(s), r0 = start_col(e);
            tt_col(o, l0);
            tt_span(o, r0 - l0, parse_str(st->b->ps, proj_get(col, t->cols[s], flat[lv])),
                    TT_CENTER, " │ ");
            s = e;
        }
        tt_col(o, redge);
        tt_cell_add(o, "", TT_LEFT, " │");
    }
}

static int text_table(stat_tables *st, stat_table *t, FILE *out)
{
    texttab o;
    notes ns = { 0 };
    tt_init(&o);
    int redge = start_col(t->ncols + 1);
    header_rows(&o, st, t, redge);
    const char *unit = parse_str(st->b->ps, t->unit);
    tt_row(&o);
    for (size_t i = 0; i < t->ncols; i++) {
        int l = start_col(i);
        tt_col(&o, l);
        tt_span(&o, 3, unit, TT_CENTER, " │ ");
        if (i > 0)
            tt_span(&o, 3, "vs base", TT_LEFT, "  ");
        for (int j = l + 1; j < tt_cur_col(&o); j++)
            tt_set_shrink(&o, j, true);
    }
    tt_col(&o, redge);
    tt_cell_add(&o, "", TT_LEFT, " │");
    bool binary = unit_is_binary(unit);
    char label[4096], buf[SCALE_FMT_MAX], mark[256];
    for (size_t row = 0; row < t->nrows; row++) {
        tt_row(&o);
        char *heap;
        const char *lab = key_label(st->b->row, t->rows[row], label, sizeof label, &heap);
        if (!lab)
            ns.oom = true;
        tt_cell_add(&o, lab ? lab : "", TT_LEFT, NULL);
        free(heap);
        scaler sc = row_scaler(t, row, binary, &ns.oom);
        for (size_t k = 0; k < t->ncols; k++) {
            int32_t xi = t->grid[row * t->ncols + k];
            if (xi < 0)
                continue;
            stat_cell *x = &t->cells[xi];
            tt_col(&o, start_col(k));
            scale_format(&sc, x->sum.center, buf, sizeof buf);
            tt_cell_add(&o, buf, TT_RIGHT, NULL);
            tt_cell_add(&o, x->sum.range, TT_RIGHT, " ± ");
            const char *w[2] = { x->residue_warn, x->sum.warning };
            notes_mark(&ns, w, 2, mark, sizeof mark);
            tt_cell_add(&o, mark, TT_LEFT, NULL);
            if (k > 0 && x->has_base) {
                tt_cell_add(&o, x->delta, TT_RIGHT, NULL);
                snprintf(buf, sizeof buf, "(%s)", x->cmpstr);
                tt_cell_add(&o, buf, TT_LEFT, NULL);
                const char *cw[1] = { x->cmp.warning };
                notes_mark(&ns, cw, 1, mark, sizeof mark);
                tt_cell_add(&o, mark, TT_LEFT, NULL);
            }
        }
    }
    if (t->nrows > 1) {
        tt_row(&o);
        tt_cell_add(&o, "geomean", TT_LEFT, NULL);
        for (size_t k = 0; k < t->ncols; k++) {
            summary_col *s = &t->colsum[k];
            if (s->has_summary) {
                tt_col(&o, start_col(k));
                scaler sc = scale_one(s->summary, binary);
                scale_format(&sc, s->summary, buf, sizeof buf);
                tt_cell_add(&o, buf, TT_RIGHT, NULL);
            }
            if (k > 0) {
                tt_col(&o, start_col(k) + 3);
                if (s->has_ratio) {
                    summary_ratio_string(s->ratio, buf, sizeof buf);
                    tt_cell_add(&o, buf, TT_RIGHT, NULL);
                } else {
                    tt_cell_add(&o, "?", TT_LEFT, NULL);
                }
            }
            tt_col(&o, start_col(k + 1) - 1);
            notes_mark(&ns, s->warnings, s->nwarnings, mark, sizeof mark);
            tt_cell_add(&o, mark, TT_LEFT, NULL);
        }
    }
    int rc = ns.oom ? -1 : tt_format(&o, out);
    if (rc == 0)
        rc = print_notes(&ns, out, "");
    tt_release(&o);
    free(ns.msg);
    return rc;
}

int stat_render_text(stat_tables *st, FILE *out)
{
    for (size_t i = 0; i < st->n; i++) {
        if (i > 0 && fputs("\n", out) == EOF)
            return -1;
        if (config_lines(st, i, emit_text, out) != 0)
            return -1;
        if (text_table(st, &st->t[i], out) != 0)
            return -1;
    }
    return 0;
}

/* -------------------------------------------------------------------- csv */

typedef struct csvw {
    FILE *out;
    char **fields;
    size_t n, cap;
    bool err;
} csvw;

static bool csv_needs_quotes(const char *f)
{
    if (!f[0])
        return false;
    if (strcmp(f, "\\.") == 0)
        return true;
    for (const char *p = f; *p; p++)
        if (*p == '\n' || *p == '\r' || *p == '"' || *p == ',')
            return true;
    const unsigned char *u = (const unsigned char *)f;
    if (u[0] == ' ' || (u[0] >= '\t' && u[0] <= '\r'))
        return true;
    if (u[0] == 0xC2 && (u[1] == 0x85 || u[1] == 0xA0))
        return true;
    if (u[0] == 0xE1 && u[1] == 0x9A && u[2] == 0x80)
        return true;
    if (u[0] == 0xE2 && u[1] == 0x80 && ((u[2] >= 0x80 && u[2] <= 0x8A) || u[2] == 0xA8 ||
                                         u[2] == 0xA9 || u[2] == 0xAF))
        return true;
    if (u[0] == 0xE2 && u[1] == 0x81 && u[2] == 0x9F)
        return true;
    if (u[0] == 0xE3 && u[1] == 0x80 && u[2] == 0x80)
        return true;
    return false;
}

static void csv_push(csvw *w, const char *s)
{
    if (w->n == w->cap) {
        size_t cap = w->cap ? w->cap * 2 : 16;
        char **f = realloc(w->fields, cap * sizeof *f);
        if (!f) {
            w->err = true;
            return;
        }
        w->fields = f;
        w->cap = cap;
    }
    w->fields[w->n] = strdup(s);
    if (!w->fields[w->n])
        w->err = true;
    else
        w->n++;
}

static void csv_clear_to(csvw *w, size_t col)
{
    while (w->n < col && !w->err)
        csv_push(w, "");
}

static void csv_emit(csvw *w)
{
    for (size_t i = 0; i < w->n; i++) {
        const char *f = w->fields[i];
        if (i > 0)
            putc(',', w->out);
        if (!csv_needs_quotes(f)) {
            fputs(f, w->out);
        } else {
            putc('"', w->out);
            for (const char *p = f; *p; p++) {
                if (*p == '"')
                    putc('"', w->out);
                putc(*p, w->out);
            }
            putc('"', w->out);
        }
        free(w->fields[i]);
    }
    if (putc('\n', w->out) == EOF)
        w->err = true;
    w->n = 0;
}

static int emit_csv_line(void *ctx, const char *line)
{
    csvw *w = ctx;
    csv_push(w, line);
    csv_emit(w);
    return w->err ? -1 : 0;
}

static size_t csv_start(size_t e)
{
    return e == 0 ? 1 : 1 + 2 + (e - 1) * 4;
}

/* csv_warn: "<cell>: msg" with benchstat's base-26 column letters. */
static void csv_warn(FILE *warn, size_t col, size_t row, const char *msg)
{
    if (!msg || !msg[0])
        return;
    char name[16];
    int pos = (int)sizeof name - 1;
    name[pos] = '\0';
    for (size_t x = col; x > 0; x /= 26)
        name[--pos] = (char)('A' + x % 26);
    if (pos == (int)sizeof name - 1)
        name[--pos] = 'A';
    fprintf(warn, "%s%zu: %s\n", name + pos, row, msg);
}

static size_t csv_table(stat_tables *st, stat_table *t, csvw *w, size_t start_row, FILE *warn)
{
    size_t count = 0;
    projection *col = st->b->col;
    const size_t *flat;
    size_t nf = proj_flat(col, &flat);
    char buf[SCALE_FMT_MAX];
    for (size_t f = 0; f < nf; f++) {
        for (size_t e = 0; e < t->ncols; e++) {
            csv_clear_to(w, csv_start(e));
            csv_push(w, parse_str(st->b->ps, proj_get(col, t->cols[e], flat[f])));
        }
        csv_clear_to(w, csv_start(t->ncols));
        csv_emit(w);
        count++;
    }
    const char *unit = parse_str(st->b->ps, t->unit);
    for (size_t e = 0; e < t->ncols; e++) {
        csv_clear_to(w, csv_start(e));
        csv_push(w, unit);
        csv_push(w, "CI");
        if (e > 0) {
            csv_push(w, "vs base");
            csv_push(w, "P");
        }
    }
    csv_emit(w);
    count++;
    char label[4096];
    for (size_t row = 0; row < t->nrows; row++) {
        char *heap;
        const char *lab = key_label(st->b->row, t->rows[row], label, sizeof label, &heap);
        if (!lab)
            w->err = true;
        csv_push(w, lab ? lab : "");
        free(heap);
        for (size_t e = 0; e < t->ncols; e++) {
            int32_t xi = t->grid[row * t->ncols + e];
            if (xi < 0)
                continue;
            stat_cell *x = &t->cells[xi];
            csv_clear_to(w, csv_start(e));
            csv_warn(warn, w->n, start_row + count, x->residue_warn);
            csv_warn(warn, w->n, start_row + count, x->sum.warning);
            go_format_float(x->sum.center, buf, sizeof buf);
            csv_push(w, buf);
            csv_push(w, x->sum.range);
            if (e > 0 && x->has_base) {
                csv_warn(warn, w->n, start_row + count, x->cmp.warning);
                csv_push(w, x->delta);
                csv_push(w, x->cmpstr);
            }
        }
        csv_emit(w);
        count++;
    }
    csv_push(w, "geomean");
    for (size_t e = 0; e < t->ncols; e++) {
        summary_col *s = &t->colsum[e];
        csv_clear_to(w, csv_start(e));
        for (size_t k = 0; k < s->nwarnings; k++)
            csv_warn(warn, w->n, start_row + count, s->warnings[k]);
        if (s->has_summary) {
            go_format_float(s->summary, buf, sizeof buf);
            csv_push(w, buf);
        }
        if (e > 0) {
            csv_clear_to(w, csv_start(e) + 2);
            if (s->has_ratio) {
                summary_ratio_string(s->ratio, buf, sizeof buf);
                csv_push(w, buf);
            } else {
                csv_push(w, "?");
            }
        }
    }
    csv_clear_to(w, csv_start(t->ncols));
    csv_emit(w);
    count++;
    return count;
}

int stat_render_csv(stat_tables *st, FILE *out, FILE *warnings)
{
    csvw w = { out, NULL, 0, 0, false };
    size_t row = 1;
    for (size_t i = 0; i < st->n && !w.err; i++) {
        if (i > 0) {
            emit_csv_line(&w, "");
            row++;
        }
        size_t before = config_count(st, i);
        if (config_lines(st, i, emit_csv_line, &w) != 0)
            w.err = true;
        row += before;
        row += csv_table(st, &st->t[i], &w, row, warnings);
    }
    for (size_t i = 0; i < w.n; i++)
        free(w.fields[i]);
    free(w.fields);
    return w.err || ferror(out) ? -1 : 0;
}

/* --------------------------------------------------------------- markdown */

/* md_text: s with '|' escaped. */
static int md_text(FILE *out, const char *s)
{
    for (const char *p = s; *p; p++) {
        if (*p == '|' && putc('\\', out) == EOF)
            return -1;
        if (putc(*p, out) == EOF)
            return -1;
    }
    return 0;
}

/* md_cell: a table cell, " s |". */
static int md_cell(FILE *out, const char *s)
{
    if (fputs(" ", out) == EOF || md_text(out, s) != 0)
        return -1;
    return fputs(" |", out) == EOF ? -1 : 0;
}

static int emit_md(void *ctx, const char *line)
{
    return fprintf(ctx, "- %s\n", line) < 0 ? -1 : 0;
}

static int md_table(stat_tables *st, stat_table *t, FILE *out)
{
    notes ns = { 0 };
    const char *unit = parse_str(st->b->ps, t->unit);
    bool binary = unit_is_binary(unit);
    char label[4096], buf[SCALE_FMT_MAX], mark[256], cellbuf[8192];
    int rc = 0;
    /* header: one column per logical column, plus "vs base" after each
       compared column */
    rc |= fputs("|", out) == EOF;
    rc |= md_cell(out, "");
    for (size_t e = 0; e < t->ncols; e++) {
        char *heap;
        const char *lab = key_label(st->b->col, t->cols[e], label, sizeof label, &heap);
        rc |= !lab;
        rc |= fputs(" ", out) == EOF;
        rc |= md_text(out, lab ? lab : "") != 0;
        rc |= putc(' ', out) == EOF;
        rc |= md_text(out, unit) != 0;
        rc |= fputs(" |", out) == EOF;
        free(heap);
        if (e > 0)
            rc |= md_cell(out, "vs base");
    }
    rc |= fputs("\n|:---|", out) == EOF;
    for (size_t e = 0; e < t->ncols; e++)
        rc |= fputs(e > 0 ? "---:|---:|" : "---:|", out) == EOF;
    rc |= putc('\n', out) == EOF;
    for (size_t row = 0; row < t->nrows; row++) {
        char *heap;
        const char *lab = key_label(st->b->row, t->rows[row], label, sizeof label, &heap);
        rc |= !lab;
        rc |= fputs("|", out) == EOF;
        rc |= md_cell(out, lab ? lab : "");
        free(heap);
        scaler sc = row_scaler(t, row, binary, &ns.oom);
        for (size_t e = 0; e < t->ncols; e++) {
            int32_t xi = t->grid[row * t->ncols + e];
            if (xi < 0) {
                rc |= md_cell(out, "");
                if (e > 0)
                    rc |= md_cell(out, "");
                continue;
            }
            stat_cell *x = &t->cells[xi];
            scale_format(&sc, x->sum.center, buf, sizeof buf);
            const char *w[2] = { x->residue_warn, x->sum.warning };
            notes_mark(&ns, w, 2, mark, sizeof mark);
            snprintf(cellbuf, sizeof cellbuf, "%s ± %s%s%s", buf, x->sum.range, mark[0] ? " " : "",
                     mark);
            rc |= md_cell(out, cellbuf);
            if (e > 0) {
                if (x->has_base) {
                    const char *cw[1] = { x->cmp.warning };
                    notes_mark(&ns, cw, 1, mark, sizeof mark);
                    snprintf(cellbuf, sizeof cellbuf, "%s (%s)%s%s", x->delta, x->cmpstr,
                             mark[0] ? " " : "", mark);
                    rc |= md_cell(out, cellbuf);
                } else {
                    rc |= md_cell(out, "");
                }
            }
        }
        rc |= putc('\n', out) == EOF;
    }
    if (t->nrows > 1) {
        rc |= fputs("|", out) == EOF;
        rc |= md_cell(out, "geomean");
        for (size_t e = 0; e < t->ncols; e++) {
            summary_col *s = &t->colsum[e];
            buf[0] = '\0';
            if (s->has_summary) {
                scaler sc = scale_one(s->summary, binary);
                scale_format(&sc, s->summary, buf, sizeof buf);
            }
            if (e == 0) {
                notes_mark(&ns, s->warnings, s->nwarnings, mark, sizeof mark);
                snprintf(cellbuf, sizeof cellbuf, "%s%s%s", buf, buf[0] && mark[0] ? " " : "",
                         mark);
                rc |= md_cell(out, cellbuf);
                continue;
            }
            rc |= md_cell(out, buf);
            char ratio[SCALE_FMT_MAX] = "?";
            if (s->has_ratio)
                summary_ratio_string(s->ratio, ratio, sizeof ratio);
            notes_mark(&ns, s->warnings, s->nwarnings, mark, sizeof mark);
            snprintf(cellbuf, sizeof cellbuf, "%s%s%s", ratio, mark[0] ? " " : "", mark);
            rc |= md_cell(out, cellbuf);
        }
        rc |= putc('\n', out) == EOF;
    }
    if (ns.n > 0) {
        rc |= putc('\n', out) == EOF;
        rc |= print_notes(&ns, out, "- ") != 0;
    }
    free(ns.msg);
    return rc || ns.oom ? -1 : 0;
}

int stat_render_markdown(stat_tables *st, FILE *out)
{
    for (size_t i = 0; i < st->n; i++) {
        if (i > 0 && fputs("\n", out) == EOF)
            return -1;
        size_t before = config_count(st, i);
        if (config_lines(st, i, emit_md, out) != 0)
            return -1;
        if (before && fputs("\n", out) == EOF)
            return -1;
        if (md_table(st, &st->t[i], out) != 0)
            return -1;
    }
    return 0;
}
