/*
 * render.c -- benchstat's tables printed as text, CSV (benchtab table.go
 * ToText, ToCSV; docs/benchstat.md: Text layout, CSV) and escstat's
 * GitHub-flavoured markdown.
 */
#include "render.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "scale.h"
#include "strlist.h"
#include "texttab.h"
#include "vec.h"

/* ------------------------------------------------------------ shared bits */

static const char *const superdigits[] = {
    "⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹",
};

/* superscript writes i (>= 0) in superscript digits to buf: a footnote's
   mark, as benchstat's printTables numbers its notes. */
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
    const char **msg;           /* the texts (the table's, not owned); the array owned */
    size_t n, cap;
    bool oom;                   /* the list could not grow */
} notes;

/* notes_mark: the superscripts of msgs (NULL/"" skipped) joined by spaces,
   in buf; a message not seen before is added to ns (which keeps the
   pointer: msgs' strings must outlive it).  When ns cannot grow it is
   marked oom and the message gets no mark. */
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
            if (vec_reserve(&ns->msg, &ns->cap, ns->n + 1, sizeof *ns->msg) != 0) {
                ns->oom = true;
                continue;
            }
            ns->msg[ns->n++] = msgs[i];
        }
        char sup[64];
        superscript((int)k + 1, sup, sizeof sup);
        if (o < size)
            o += (size_t)snprintf(buf + o, size - o, "%s%s", o ? " " : "", sup);
    }
}

/* print_notes writes the notes of ns, one a line: prefix, the mark, the
   text.  Returns 0, or -1 on a write error. */
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

/* config_lines: the table key's fields (but .unit) that differ from the
   previous table's, as "name: value" (benchtab printTables), each passed
   to emit(ctx, line) (the line is valid during the call).  Returns 0, or
   -1 when out of memory or when emit fails. */
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

/* start_col: the texttab column where logical column e starts (texttab
   column 0 holds the row label; the first logical column takes 3 texttab
   columns: value, range, mark; the others 6: also delta, test, mark). */
static int start_col(size_t e)
{
    return e == 0 ? 1 : 1 + 3 + (int)(e - 1) * 6;
}

/* emit_text writes line and a newline to the stream ctx (config_lines'
   emit for text).  Returns 0, or -1 on a write error. */
static int emit_text(void *ctx, const char *line)
{
    return fprintf(ctx, "%s\n", line) < 0 ? -1 : 0;
}

/* header_rows: a row per level of the column keys' fields, each the
   KeyHeader nodes of its level: runs of equal values within runs of the
   previous levels, centred over their columns; redge is the right edge. */
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

/* text_table writes table t as benchtab's ToText lays it out, its notes
   below.  Returns 0, or -1 when out of memory or on a write error. */
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

/* A CSV writer: the fields of the line being built (copies it owns), and
   whether anything failed (out of memory or a write error). */
typedef struct csvw {
    FILE *out;
    strlist fields;
    bool err;
} csvw;

/* csv_push appends a copy of s to the line (marks w failed when out of
   memory). */
static void csv_push(csvw *w, const char *s)
{
    if (strlist_push(&w->fields, s) != 0)
        w->err = true;
}

/* csv_clear_to pads the line with empty fields up to column col. */
static void csv_clear_to(csvw *w, size_t col)
{
    while (w->fields.n < col && !w->err)
        csv_push(w, "");
}

/* csv_emit writes the line's fields as a CSV record and empties the line. */
static void csv_emit(csvw *w)
{
    for (size_t i = 0; i < w->fields.n; i++) {
        if (i > 0)
            putc(',', w->out);
        csv_put_field(w->out, w->fields.v[i]);
    }
    if (putc('\n', w->out) == EOF)
        w->err = true;
    strlist_release(&w->fields);
}

/* emit_csv_line writes line as a one-field record (config_lines' emit for
   CSV; ctx is the csvw).  Returns 0, or -1 once w has failed. */
static int emit_csv_line(void *ctx, const char *line)
{
    csvw *w = ctx;
    csv_push(w, line);
    csv_emit(w);
    return w->err ? -1 : 0;
}

/* csv_start: the CSV column where logical column e starts (CSV column 0
   holds the row label; the first logical column takes 2 CSV columns: value,
   CI; the others 4: also "vs base" and P). */
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

/* csv_table writes table t as benchtab's ToCSV: a row per column-key
   field, the unit row, the data rows, the geomean row; warnings go to warn
   as "<cell>: msg", start_row being the CSV row number of its first line.
   Returns the number of rows written (w->err says whether any failed). */
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
            csv_warn(warn, w->fields.n, start_row + count, x->residue_warn);
            csv_warn(warn, w->fields.n, start_row + count, x->sum.warning);
            go_format_float(x->sum.center, buf, sizeof buf);
            csv_push(w, buf);
            csv_push(w, x->sum.range);
            if (e > 0 && x->has_base) {
                csv_warn(warn, w->fields.n, start_row + count, x->cmp.warning);
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
            csv_warn(warn, w->fields.n, start_row + count, s->warnings[k]);
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
    csvw w = { out, STRLIST_INIT, false };
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
    strlist_release(&w.fields);
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

/* emit_md writes line as a markdown list item to the stream ctx
   (config_lines' emit for markdown).  Returns 0, or -1 on a write error. */
static int emit_md(void *ctx, const char *line)
{
    return fprintf(ctx, "- %s\n", line) < 0 ? -1 : 0;
}

/* md_table writes table t as a GitHub-flavoured markdown table: a column
   per logical column, "vs base" after each compared one, the geomean row,
   the notes as a list below.  Returns 0, or -1 when out of memory or on a
   write error. */
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
