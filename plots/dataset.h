/*
 * dataset.h -- the results escplot draws: every input read with the
 * escstat parser (stats/parse.h), its samples grouped into cells by
 * (input, benchmark, unit).
 *
 * Benchmarks and units are kept in order of first appearance over all
 * inputs, as benchstat orders rows.  A cell's samples are the tidied
 * values (seconds for ns/op).  Config lines are kept per input only as
 * far as the chart subtitles need them (goos, goarch, cpu, pkg of the
 * input's first result); a config change inside a file does not split
 * cells here.
 */
#ifndef ESCPLOT_DATASET_H
#define ESCPLOT_DATASET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "hashindex.h"
#include "parse.h"

/* The samples of one (input, benchmark, unit). */
typedef struct ds_cell {
    uint32_t input;             /* index of the input */
    uint32_t bench;             /* index into dataset.bench */
    uint32_t unit;              /* index into dataset.unit */
    double *v;                  /* n samples in input order, owned */
    size_t n, cap;
} ds_cell;

typedef struct dataset {
    parse_set ps;               /* strings, configs (owned) */
    size_t ninputs;
    parse_id *label;            /* per input: its .file label */
    uint32_t *config;           /* per input: config of its first result */
    size_t *nresults;           /* per input: result lines read */
    parse_id *bench;            /* full names, first appearance order */
    size_t nbench, bench_cap;
    hashindex bench_ix;         /* name id -> index into bench */
    parse_id *unit;             /* tidied units, first appearance order */
    size_t nunit, unit_cap;
    ds_cell *cell;              /* all cells */
    size_t ncell, cell_cap;
    hashindex cell_ix;          /* (input, bench, unit) -> index into cell */
} dataset;

/* Called with each message of a bad line ("file:line: message") or of an
   input that cannot be read ("open x: no such file or directory"). */
typedef void ds_report_fn(void *ctx, const char *msg);

/* ds_init makes an empty dataset; 0 or -1 (out of memory). */
int ds_init(dataset *ds);
void ds_release(dataset *ds);

/* ds_read reads the inputs args[0..n) ("path", "label=path" or "-") as
   benchstat does.  Bad lines are reported and skipped; an input that
   cannot be opened or read further is reported and the others are still
   read.  Returns the number of problems reported (0 = clean), or -1 when
   out of memory. */
int ds_read(dataset *ds, char *const *args, size_t n, ds_report_fn *report, void *ctx);

/* ds_unit: index of the tidied unit u ("sec/op", "B/op", "allocs/op"),
   or -1 when no result has it. */
int ds_unit(const dataset *ds, const char *u);

/* ds_exact: unit index u has the metadata `assume=exact`. */
bool ds_exact(const dataset *ds, int u);

/* ds_cell_get: the cell of (input, bench, unit index), or NULL. */
const ds_cell *ds_cell_get(const dataset *ds, size_t input, size_t bench, int unit);

/* ds_name: full name of benchmark b (owned by ds). */
const char *ds_name(const dataset *ds, size_t b);

/* ds_label: the label of input i (owned by ds). */
const char *ds_label(const dataset *ds, size_t i);

/* ds_config_get: value of config key (e.g. "cpu") for input i, or NULL. */
const char *ds_config_get(const dataset *ds, size_t i, const char *key);

/* ds_walk: the benchmarks of a dataset taken a group at a time (a
   family, a sweep), input by input, as the chart makers go: ds_walk_next
   gives the first benchmark of the input not taken yet, the maker takes
   it and the others of its group with ds_walk_take, draws, and asks for
   the next.  The walk owns its marks; the dataset is only read. */
typedef struct ds_walk {
    const dataset *ds;
    bool *taken;                /* per benchmark, in the current input */
    size_t in, b;               /* where the next search starts */
} ds_walk;

/* ds_walk_init starts a walk at input 0, benchmark 0, nothing taken.
   Returns 0, or -1 when out of memory (then w holds nothing). */
int ds_walk_init(ds_walk *w, const dataset *ds);

/* ds_walk_next sets *in and *b to the next benchmark not taken in the
   current input, in benchmark order, moving on to the next input (all
   marks cleared) when this one has none left.  Returns false when every
   input is done.  It does not take *b: the caller does, or not. */
bool ds_walk_next(ds_walk *w, size_t *in, size_t *b);

/* ds_walk_take marks benchmark b taken in the current input. */
static inline void ds_walk_take(ds_walk *w, size_t b)
{
    w->taken[b] = true;
}

/* ds_walk_release frees the marks. */
void ds_walk_release(ds_walk *w);

#endif
