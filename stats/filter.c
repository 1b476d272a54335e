/*
 * filter.c -- evaluation of -filter trees and fixed-order filter parts
 * for one measurement (benchproc filter.go semantics, see filter.h).
 */
#include "filter.h"

#include <stdlib.h>
#include <string.h>

/* check_keys: ".config" is not a filter key; keys must not be empty. */
static int check_keys(const query_node *n, const char *q, char **err)
{
    if (n->op == QUERY_MATCH) {
        if (strcmp(n->key, ".config") == 0) {
            *err = query_syntax_error(q, n->off, ".config is only allowed in projections");
            return -1;
        }
        if (n->key[0] == '\0') {
            *err = query_syntax_error(q, n->off, "key must not be empty");
            return -1;
        }
        return 0;
    }
    for (size_t i = 0; i < n->nkids; i++)
        if (check_keys(n->kids[i], q, err) != 0)
            return -1;
    return 0;
}

/* filter_init: see filter.h. */
int filter_init(filter *f, const char *query, char **err)
{
    memset(f, 0, sizeof *f);
    f->root = query_filter_parse(query, err);
    if (!f->root)
        return -1;
    if (check_keys(f->root, query, err) != 0) {
        query_free(f->root);
        f->root = NULL;
        return -1;
    }
    f->trivial = f->root->op == QUERY_AND && f->root->nkids == 0;
    return 0;
}

/* filter_add_fixed: see filter.h. */
void filter_add_fixed(filter *f, proj_fixed_filter *fixed, size_t n)
{
    f->fixed = fixed;
    f->nfixed = n;
    if (n)
        f->trivial = false;
}

/* match_value: whether MATCH node m's literal equals v[0..n), or its
   regexp matches somewhere in it (Go's MatchString: unanchored). */
static bool match_value(const query_node *m, const char *v, size_t n)
{
    if (m->lit)
        return strlen(m->lit) == n && memcmp(m->lit, v, n) == 0;
    if (!m->has_re)
        return false;
    regmatch_t pm[1];
    pm[0].rm_so = 0;
    pm[0].rm_eo = (regoff_t)n;
    return regexec(&m->re, v, 1, pm, REG_STARTEND) == 0;
}

/* eval: filter tree n on the measurement in (recursing once per level;
   the parser bounds the depth). */
static bool eval(const query_node *n, const parse_set *ps, const proj_input *in)
{
    switch (n->op) {
    case QUERY_AND:
        for (size_t i = 0; i < n->nkids; i++)
            if (!eval(n->kids[i], ps, in))
                return false;
        return true;
    case QUERY_OR:
        for (size_t i = 0; i < n->nkids; i++)
            if (eval(n->kids[i], ps, in))
                return true;
        return false;
    case QUERY_NOT:
        return !eval(n->kids[0], ps, in);
    case QUERY_MATCH:
        if (strcmp(n->key, ".unit") == 0) {
            if (match_value(n, parse_str(ps, in->unit), parse_strlen(ps, in->unit)))
                return true;
            return in->orig_unit != in->unit &&
                   match_value(n, parse_str(ps, in->orig_unit), parse_strlen(ps, in->orig_unit));
        } else {
            const char *v;
            size_t len;
            proj_extract(ps, n->key, in, &v, &len);
            return match_value(n, v, len);
        }
    }
    return false;
}

/* filter_keep: see filter.h. */
bool filter_keep(const filter *f, const parse_set *ps, const proj_input *in)
{
    if (f->trivial)
        return true;
    for (size_t i = 0; i < f->nfixed; i++) {
        const char *v;
        size_t len;
        proj_extract(ps, f->fixed[i].key, in, &v, &len);
        bool ok = false;
        const strlist *w = &f->fixed[i].words;
        for (size_t j = 0; j < w->n && !ok; j++)
            ok = strlen(w->v[j]) == len && memcmp(w->v[j], v, len) == 0;
        if (!ok)
            return false;
    }
    return f->root ? eval(f->root, ps, in) : true;
}

/* filter_release frees the tree and the fixed-order parts. */
void filter_release(filter *f)
{
    query_free(f->root);
    proj_fixed_free(f->fixed, f->nfixed);
    free(f->fixed);
    memset(f, 0, sizeof *f);
}
