/*
 * verdict.h -- the verdict that ends the results: the -ci outcome of each
 * leaf and the warnings about what makes results doubtful, each with what
 * to do about it (docs/harness.md, Precision).  Internal: not installed.
 */
#ifndef ESCBENCH_VERDICT_H
#define ESCBENCH_VERDICT_H

#include "results.h"

/* verdict_write writes them as '#' lines of the results (and on stderr),
 * from the samples r holds, whose order it changes (it sorts them). */
void verdict_write(struct results *r);

#endif
