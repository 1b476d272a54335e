/*
 * filter.h -- benchstat's -filter (golang.org/x/perf/benchproc filter.go):
 * a boolean expression over result keys, where ".unit"
 * matches single measurements (either the tidied or the written unit).
 *
 * benchproc evaluates a filter on a whole result into a per-measurement
 * mask; every operator works bit by bit or broadcasts a whole-result
 * boolean, so whether one measurement survives depends only on the result's
 * name, config, file and that measurement's unit.  filter_keep evaluates
 * exactly that, which lets callers cache it per (benchmark, unit).
 */
#ifndef ESCSTAT_FILTER_H
#define ESCSTAT_FILTER_H

#include <stdbool.h>

#include "parse.h"
#include "projection.h"
#include "query.h"

typedef struct filter {
    query_node *root;           /* the -filter expression */
    proj_fixed_filter *fixed;   /* fixed-order parts of projections, ANDed */
    size_t nfixed;
    bool trivial;               /* "*" and no fixed parts: keeps everything */
} filter;

/* filter_init parses query (e.g. "*", ".name:Encode /size:(1k OR 4k)").
   Returns 0, or -1 with *err = malloc'd "syntax error: ..." message. */
int filter_init(filter *f, const char *query, char **err);

/* filter_add_fixed takes ownership of fixed-order filter parts (from
   proj_parse). */
void filter_add_fixed(filter *f, proj_fixed_filter *fixed, size_t n);

/* filter_keep: whether the measurement described by in (name, config,
   file, unit, orig_unit) passes. */
bool filter_keep(const filter *f, const parse_set *ps, const proj_input *in);

void filter_release(filter *f);

#endif
