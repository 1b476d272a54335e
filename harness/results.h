/*
 * results.h -- the writing side of a run: what the measuring side's
 * messages (message.h) become.
 *
 * One `struct results` lives in the process that writes the results (the
 * runner, never a child).  results_deliver takes each message as it
 * arrives, from a child's pipe (isolate.h) or by a direct call: result
 * text goes out at once through output.h, after the head of the results
 * (go test's config lines and escbench's '#' notes); the benchmarks done
 * are listed so that no child runs them again; the leaves and their ns/op
 * samples are kept for -shuffle, -ci and the closing warnings; a usage
 * error or a write error stops the run.  Internal: not installed.
 */
#ifndef ESCBENCH_RESULTS_H
#define ESCBENCH_RESULTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "bench.h"
#include "flags.h"
#include "message.h"
#include "strlist.h"

/* A leaf benchmark as the writing process knows it: its ns/op samples, and
 * for -ci and -shuffle, what its top-level is and how far it got. */
struct leaf {
    char *name;                         /* full name, no -P */
    int procs;                          /* the -cpu value it runs with */
    const bench_def *top;               /* its top-level benchmark */
    double *xs;                         /* ns/op of each result */
    size_t n, cap;
    long migrated;                      /* results measured across a CPU move */
    int64_t spent_ns;                   /* wall time of its runs */
    char *key;                          /* what its runs change in a worker (isolate.h) */
    bool dead;                          /* failed or crashed: no more runs */
    bool done;                          /* -ci reached */
};

struct results {
    const struct bench_opts *o;         /* the flags */
    const char *prog;                   /* program name for messages */
    int max_len;                        /* width of the name column (M_MAXLEN) */
    bool header_done;                   /* the head is written */
    bool notes_done;                    /* the counters' notes arrived (or never will) */
    strlist notes;                      /* counters notes for the head */
    strlist hnotes;                     /* more '#' lines for the head */
    strlist done;                       /* benchmarks done (or crashed) */
    char *current;                      /* the benchmark running (last M_CUR) */
    bool failed;                        /* some benchmark failed */
    bool stop;                          /* writing failed or usage error */
    int stop_status;                    /* exit status when stopped: ESC_EXIT_FAIL or
                                           ESC_EXIT_USAGE (exitcode.h) */
    char stop_msg[512];                 /* why */
    const bench_def *cur_top;           /* top-level being discovered (M_LEAF) */
    struct leaf *leaves;                /* every leaf seen, with its samples */
    size_t nleaves, leaves_cap;
};

/* results_init starts r for flags o and program prog (kept by pointer). */
void results_init(struct results *r, const struct bench_opts *o, const char *prog);
/* results_free frees what r holds (not r). */
void results_free(struct results *r);

/* results_deliver acts on one message (ctx is the struct results *); an
 * iso_deliver and a msg_emit. */
void results_deliver(void *ctx, int kind, const char *text, size_t len);

/* results_header writes the config lines and notes, once. */
void results_header(struct results *r);
/* results_write writes results text (`result`: a result line); a failure
 * stops the run (r->stop, with the message). */
void results_write(struct results *r, const char *text, size_t len, bool result);
/* results_fail_block writes "--- FAIL: name\n    why\n" and marks the run
 * failed: a benchmark that crashed, hung, or whose result was lost. */
void results_fail_block(struct results *r, const char *name, const char *why);

/* results_leaf_pct is the half-width of leaf l's 95 % interval of the
 * median in percent (+Inf while unbounded), sorting its samples: their
 * order is not kept. */
double results_leaf_pct(struct leaf *l);

/* results_hnote adds a '#' line for the head of the results. */
void results_hnote(struct results *r, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* results_done_add records that name[0..len) must not run again; false when
 * out of memory.  results_done_clear empties the list (strlist.h). */
bool results_done_add(struct results *r, const char *name, size_t len);
void results_done_clear(struct results *r);

#endif
