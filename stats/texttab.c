/*
 * texttab.c -- port of benchstat's texttab.Table.Format
 * (cmd/benchstat/internal/texttab/table.go; docs/benchstat.md, Text layout).
 */
#include "texttab.h"

#include <stdlib.h>
#include <string.h>

#include "vec.h"

size_t utf8_runes(const char *s)
{
    /* Go counts each invalid byte as one rune, and each valid sequence as
       one; counting non-continuation bytes is the same for valid UTF-8. */
    size_t n = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if ((*p & 0xC0) != 0x80)
            n++;
    return n;
}

void tt_init(texttab *t)
{
    memset(t, 0, sizeof *t);
}

void tt_release(texttab *t)
{
    for (size_t i = 0; i < t->n; i++) {
        free(t->cells[i].value);
        free(t->cells[i].margin);
    }
    free(t->cells);
    free(t->shrink);
    memset(t, 0, sizeof *t);
}

void tt_row(texttab *t)
{
    if (t->n > 0)
        t->cur_row++;
    t->cur_col = 0;
}

void tt_col(texttab *t, int col)
{
    if (col >= t->cur_col)
        t->cur_col = col;
}

int tt_cur_col(const texttab *t)
{
    return t->cur_col;
}

void tt_span(texttab *t, int span, const char *value, tt_align align, const char *margin)
{
    /* (vec_reserve is a call: this runs for every cell) */
    if (t->n == t->cap && vec_reserve(&t->cells, &t->cap, t->n + 1, sizeof *t->cells) != 0) {
        t->oom = true;
        return;
    }
    if (!margin)
        margin = t->cur_col == 0 || value[0] == '\0' ? "" : " ";
    tt_cell *c = &t->cells[t->n];
    c->row = t->cur_row;
    c->col = t->cur_col;
    c->span = span;
    c->value = strdup(value);
    c->margin = strdup(margin);
    c->align = align;
    c->seq = t->n;
    if (!c->value || !c->margin) {
        free(c->value);
        free(c->margin);
        t->oom = true;
        return;
    }
    t->n++;
    t->cur_col += span;
    if (t->cur_col > t->cols)
        t->cols = t->cur_col;
}

void tt_cell_add(texttab *t, const char *value, tt_align align, const char *margin)
{
    tt_span(t, 1, value, align, margin);
}

void tt_set_shrink(texttab *t, int col, bool shrink)
{
    if (col >= t->nshrink) {
        if (vec_reserve(&t->shrink, &t->shrink_cap, (size_t)col + 1, sizeof *t->shrink) != 0) {
            t->oom = true;
            return;
        }
        for (int i = t->nshrink; i <= col; i++)
            t->shrink[i] = false;
        t->nshrink = col + 1;
    }
    t->shrink[col] = shrink;
}

/* by_span is qsort's order of cells for measuring: narrow spans first,
   then insertion order (a stable sort by span). */
static int by_span(const void *x, const void *y)
{
    const tt_cell *a = x, *b = y;
    if (a->span != b->span)
        return a->span < b->span ? -1 : 1;
    return a->seq < b->seq ? -1 : a->seq > b->seq;
}

/* by_pos is qsort's order of cells for printing: by row, column, then
   insertion order. */
static int by_pos(const void *x, const void *y)
{
    const tt_cell *a = x, *b = y;
    if (a->row != b->row)
        return a->row < b->row ? -1 : 1;
    if (a->col != b->col)
        return a->col < b->col ? -1 : 1;
    return a->seq < b->seq ? -1 : a->seq > b->seq;
}

/* The column widths by_width_desc compares (qsort passes no context). */
static const int *ws_sort_key;

/* by_width_desc is qsort's order of column numbers: widest first (by
   ws_sort_key), then by number. */
static int by_width_desc(const void *x, const void *y)
{
    int a = *(const int *)x, b = *(const int *)y;
    int wa = ws_sort_key[a], wb = ws_sort_key[b];
    if (wa != wb)
        return wa > wb ? -1 : 1;
    return a < b ? -1 : a > b;
}

/* blank: strings.TrimSpace(s) == "" (ASCII and the common Unicode spaces). */
static bool blank(const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == ' ' || (*p >= '\t' && *p <= '\r'))
            continue;
        if (p[0] == 0xC2 && (p[1] == 0x85 || p[1] == 0xA0)) {
            p++;
            continue;
        }
        return false;
    }
    return true;
}

/* pad: Go's "%*s" with an empty argument: |w| spaces. */
static int pad(FILE *out, int w)
{
    if (w < 0)
        w = -w;
    for (int i = 0; i < w; i++)
        if (putc(' ', out) == EOF)
            return -1;
    return 0;
}

int tt_format(texttab *t, FILE *out)
{
    if (t->oom)
        return -1;
    int cols = t->cols;
    int *lmargin = calloc((size_t)cols + 1, sizeof *lmargin);
    int *ws = calloc((size_t)cols + 1, sizeof *ws);
    int *offs = calloc((size_t)cols + 2, sizeof *offs);
    int *span_cols = calloc((size_t)cols + 1, sizeof *span_cols);
    if (!lmargin || !ws || !offs || !span_cols) {
        free(lmargin);
        free(ws);
        free(offs);
        free(span_cols);
        return -1;
    }
    for (size_t i = 0; i < t->n; i++) {
        int m = (int)utf8_runes(t->cells[i].margin);
        if (m > lmargin[t->cells[i].col])
            lmargin[t->cells[i].col] = m;
    }
    qsort(t->cells, t->n, sizeof *t->cells, by_span);
    for (size_t i = 0; i < t->n; i++) {
        tt_cell *c = &t->cells[i];
        int w = (int)utf8_runes(c->value) + lmargin[c->col];
        if (c->span == 1) {
            if (w > ws[c->col])
                ws[c->col] = w;
            continue;
        }
        int tw = 0;
        for (int col = c->col; col < c->col + c->span; col++)
            tw += ws[col];
        if (tw >= w)
            continue;
        int nspan = 0;
        for (int col = c->col; col < c->col + c->span; col++) {
            if (col < t->nshrink && t->shrink[col])
                w -= ws[col];
            else
                span_cols[nspan++] = col;
        }
        ws_sort_key = ws;
        qsort(span_cols, (size_t)nspan, sizeof *span_cols, by_width_desc);
        int span = nspan;
        for (int k = 0; k < nspan; k++) {
            int col = span_cols[k];
            int avg = (w + span - 1) / span;
            if (avg > ws[col])
                ws[col] = avg;
            w -= ws[col];
            span--;
        }
    }
    int off = 0;
    for (int i = 0; i < cols; i++) {
        offs[i] = off;
        off += ws[i];
    }
    offs[cols] = off;
    qsort(t->cells, t->n, sizeof *t->cells, by_pos);
    int row = 0, rc = 0;
    off = 0;
    for (size_t i = 0; i < t->n && rc == 0; i++) {
        tt_cell *c = &t->cells[i];
        if (blank(c->value) && blank(c->margin))
            continue;
        while (c->row > row) {
            if (putc('\n', out) == EOF)
                rc = -1;
            row++;
            off = 0;
        }
        int spaces = offs[c->col] - off;
        int mr = (int)utf8_runes(c->margin);
        if (pad(out, spaces) || pad(out, lmargin[c->col] - mr) || fputs(c->margin, out) == EOF)
            rc = -1;
        off += spaces + lmargin[c->col];
        int tw = offs[c->col + c->span] - offs[c->col] - lmargin[c->col];
        int vr = (int)utf8_runes(c->value);
        int printed = vr;
        switch (c->align) {
        case TT_LEFT:
            if (fputs(c->value, out) == EOF)
                rc = -1;
            break;
        case TT_CENTER: {
            int l = (tw - vr) / 2;
            if (pad(out, l) || fputs(c->value, out) == EOF)
                rc = -1;
            printed += l < 0 ? -l : l;
            break;
        }
        case TT_RIGHT:
            if (tw >= 0) {
                if (tw > vr) {
                    if (pad(out, tw - vr))
                        rc = -1;
                    printed = tw;
                }
                if (fputs(c->value, out) == EOF)
                    rc = -1;
            } else {
                /* "%*s" with a negative width left-justifies */
                if (fputs(c->value, out) == EOF)
                    rc = -1;
                if (-tw > vr) {
                    if (pad(out, -tw - vr))
                        rc = -1;
                    printed = -tw;
                }
            }
            break;
        }
        off += printed;
    }
    if (t->n > 0 && rc == 0 && putc('\n', out) == EOF)
        rc = -1;
    free(lmargin);
    free(ws);
    free(offs);
    free(span_cols);
    return rc;
}
