/*
 * builder.h -- the builder: every measurement goes to the cell (table key,
 * row key, column key) its result projects to (benchtab builder.go Add),
 * with the residue keys seen in each cell.
 *
 * Built for millions of lines: a result's keys are projected once per
 * distinct (name, config, file) "group" and once per unit of it; values
 * are stored as 32-bit decimal mantissas with a per-cell scale whenever
 * that reproduces the exact doubles (see parse_value.dec_mant), else as
 * doubles, in segments carved from big blocks (transparent huge pages
 * where the kernel offers them: a page fault per 2 MiB, not per 4 KiB).
 * No allocation per line, no value copied as a cell grows.
 */
#ifndef ESCSTAT_BUILDER_H
#define ESCSTAT_BUILDER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "hashindex.h"

#include "filter.h"
#include "parse.h"
#include "projection.h"

#define CELL_NONE UINT32_MAX

/* One cell: the values of one (table, row, col).  The values live in
   segments from the builder's arena (private): data is the current one,
   holding values [base, cap); earlier ones are chained behind it. */
typedef struct cell {
    uint32_t table, row, col;   /* key ids in the table/row/col projections */
    uint32_t n, cap;            /* values stored, room up to the current segment's end */
    uint32_t base;              /* values before the current segment */
    uint8_t mode;               /* private: empty, decimal, double */
    int8_t scale;               /* decimal mode: value = mant / 10^scale * factor */
    uint32_t maxm;              /* decimal mode: largest mantissa */
    double factor;              /* decimal mode: tidy factor of these values */
    void *data;                 /* current segment: uint32_t[] or double[] */
    uint32_t res0;              /* first residue key id */
    uint32_t nres;              /* distinct residue keys */
    uint32_t *res_more;         /* residue keys after the first (nres-1) */
} cell;

typedef struct cell_link {
    parse_id unit, orig_unit;
    uint32_t cell;              /* CELL_NONE: filtered out */
} cell_link;

typedef struct cell_group {
    parse_id name, file;
    uint32_t config;
    bool projected;
    uint32_t row, col, res;
    cell_link *links;
    uint32_t nlinks, cap;
} cell_group;

typedef struct builder {
    parse_set *ps;
    projection *tab, *row, *col, *res;
    const filter *flt;
    cell_group *groups;
    size_t ngroups, groups_cap;
    hashindex gindex;           /* groups by (name, config, file) */
    uint32_t last;              /* last group used, or CELL_NONE */
    cell *cells;
    size_t ncells, cells_cap;
    hashindex cindex;           /* cells by (table, row, col) */
    size_t nvalues;             /* values stored */
    void *arena;                /* value segments: blocks (private) */
    char *arena_cur;
    size_t arena_left;
} builder;

/* builder_init: tab must carry the .unit field (proj_parse with_unit).
   The projections and filter stay owned by the caller. */
int builder_init(builder *b, parse_set *ps, projection *tab, projection *row,
                 projection *col, projection *res, const filter *flt);
void builder_release(builder *b);

/* builder_add files every measurement of r (as benchtab's Builder.Add
   after filter.Apply).  Returns 0, -1 when out of memory. */
int builder_add(builder *b, const parse_result *r);

/* cell_sorted writes the cell's values, ascending as Go's sort.Float64s
   orders them (NaN first), to out[0..c->n) (scratch is caller-provided
   room for c->n uint32_t).  The cell is not changed. */
void cell_sorted(cell *c, double *out, uint32_t *scratch);

/* cell_residues: the cell's distinct residue key ids into out (room for
   c->nres). */
void cell_residues(const cell *c, uint32_t *out);

#endif
