/*
 * schedule.h -- what runs when: the suite in order as go test runs it, or,
 * for -shuffle and -ci, each repetition of each leaf as a run of its own,
 * in a seeded random order and until its confidence interval is narrow
 * enough (docs/harness.md, Precision).  dispatch.h says where each runs.
 * Internal: not installed.
 */
#ifndef ESCBENCH_SCHEDULE_H
#define ESCBENCH_SCHEDULE_H

#include <stdbool.h>

#include "bench.h"
#include "dispatch.h"

/* schedule_suite runs every selected benchmark of tables[0] then tables[1]
 * in order, each -count times back to back, as go test.  Returns false when
 * interrupted. */
bool schedule_suite(struct dispatch *dp, const bench_def *const tables[2]);

/* schedule_rounds is the runner for -shuffle and -ci: first every selected
 * benchmark runs once with n = 1 to find the leaves (parents are run to
 * reach them); then each repetition of each leaf is a run of its own, in
 * rounds: with -shuffle in a seeded random order after the first, and with
 * -ci until the leaf's confidence interval is narrow enough.  Returns false
 * when interrupted. */
bool schedule_rounds(struct dispatch *dp, const bench_def *const tables[2]);

#endif
