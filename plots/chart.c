/*
 * chart.c -- the list of charts (see chart.h); the builders are in
 * family.c, scatter.c, compare.c and sweep.c.
 */
#include "chart.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "names.h"
#include "vec.h"

void chart_list_init(chart_list *l)
{
    l->v = NULL;
    l->n = l->cap = 0;
}

void chart_list_release(chart_list *l)
{
    for (size_t i = 0; i < l->n; i++) {
        free(l->v[i].slug);
        strbuf_release(&l->v[i].body);
        for (size_t k = 0; k < CHART_MAX_DATA; k++)
            strbuf_release(&l->v[i].data[k]);
    }
    free(l->v);
    chart_list_init(l);
}

static const char *kind_name(enum chart_kind k)
{
    switch (k) {
    case CHART_FAMILY: return "family";
    case CHART_SCATTER: return "scatter";
    case CHART_COMPARE: return "compare";
    case CHART_SWEEP: return "sweep";
    }
    return "chart";
}

chart *chart_add(chart_list *l, enum chart_kind kind, const char *name)
{
    if (vec_reserve(&l->v, &l->cap, l->n + 1, sizeof *l->v) != 0)
        return NULL;
    strbuf slug = STRBUF_INIT;
    strbuf_adds(&slug, kind_name(kind));
    if (name && *name) {
        strbuf_addc(&slug, '-');
        names_slug(name, &slug);
    }
    /* unique: two names may map to the same slug ("a b" and "a_b") */
    size_t base = slug.len;
    for (int k = 2;; k++) {
        bool taken = false;
        for (size_t i = 0; i < l->n && !taken; i++)
            taken = strcmp(l->v[i].slug, strbuf_str(&slug)) == 0;
        if (!taken)
            break;
        slug.len = base;
        strbuf_printf(&slug, "-%d", k);
    }
    if (!strbuf_ok(&slug)) {
        strbuf_release(&slug);
        return NULL;
    }
    chart *c = &l->v[l->n++];
    memset(c, 0, sizeof *c);
    c->kind = kind;
    c->slug = strbuf_detach(&slug);
    return c;
}

void chart_data_name(char *out, size_t size, size_t ci, size_t k)
{
    snprintf(out, size, "c%zu-%zu.dat", ci, k);
}
