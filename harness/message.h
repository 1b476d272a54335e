/*
 * message.h -- what the measuring side tells the writing side.
 *
 * The code that runs benchmarks (measure.c, in a child process or in this
 * one) reports everything as messages: a kind and a text.  In a child they
 * travel through isolate.c's pipe; without one the emitter is a direct call.
 * The writing side (results.c) acts on them.  Internal: not part of the
 * harness API, not installed.
 */
#ifndef ESCBENCH_MESSAGE_H
#define ESCBENCH_MESSAGE_H

#include <stddef.h>

/* The kinds of message (one byte on the pipe; 0 is isolate.c's). */
enum {
    M_OUT = 'O',                        /* text for the results (stdout, -o) */
    M_ERR = 'E',                        /* text for stderr */
    M_NOTE = 'N',                       /* a note for the head of the results */
    M_NOTES_END = 'n',                  /* no more notes from this child */
    M_CUR = 'C',                        /* the benchmark now running */
    M_DONE = 'D',                       /* a benchmark finished: do not rerun */
    M_MAXLEN = 'M',                     /* the name column grew */
    M_FAIL = 'F',                       /* a benchmark failed */
    M_USAGE = 'U',                      /* a usage error found in the child */
    M_LEAF = 'L',                       /* -ci, -shuffle: a leaf found */
    M_SAMPLE = 'S',                     /* name, P, ns/op, migrated: for the warnings */
    M_FATAL = 'X',                      /* the runner cannot go on (out of memory) */
};

/* An emitter takes one message (text need not be NUL-terminated); it has
 * the signature of isolate.h's iso_deliver, so the writing side's
 * results_deliver is both. */
typedef void (*msg_emit)(void *ctx, int kind, const char *text, size_t len);

#endif
