/*
 * output.h -- where the results go: stdout, and the -o file, safely.
 *
 * Every piece of the results is written to stdout and to the results file
 * as soon as it is made, and both are flushed, so a crash loses nothing
 * already measured.  The -o file is never written in place: the results go
 * to a temporary file beside it (same directory, so rename is atomic), which
 * replaces the file only when the run completes with at least one result.
 * An interrupted run (Ctrl-C) or one that failed to write leaves the earlier
 * file untouched and keeps what was measured in FILE.partial, or, when that
 * exists, in FILE-2.partial, FILE-3.partial, ... (never replaced), cut back
 * to its last whole line.  A FILE that is a symbolic link is written
 * through (the file it names is replaced and keeps its mode).
 */
#ifndef ESCBENCH_OUTPUT_H
#define ESCBENCH_OUTPUT_H

#include <stdbool.h>
#include <stddef.h>

/* out_open starts the results file `path` (NULL: stdout only) by creating
 * its temporary file; `prog` names the program in the messages of
 * out_interrupted.  Returns 0, or -1 with a message in err, also when path
 * is a directory or a symbolic link to no file (found before the run). */
int out_open(const char *path, const char *prog, char *err, size_t errsz);

/* out_write writes text to stdout and the results file and flushes both.
 * `result` counts it as a result line.  Returns 0, or -1 with a message in
 * err when either write failed (the run should stop). */
int out_write(const char *text, size_t len, bool result, char *err, size_t errsz);

/* out_use_json makes what out_write is given (go test -bench text) go
 * out as Google Benchmark's JSON (jsonout.h), for program `executable`
 * whose benchmarks run `repetitions` times; out_finish of a complete run
 * ends the document.  Call after out_open, before any out_write. */
void out_use_json(const char *executable, int repetitions);

/* out_finish ends the results file.  complete: the run ended normally; the
 * temporary file replaces `path`, unless no result was written and `path`
 * exists (then it is left as it was).  Otherwise the partial results are
 * kept in path.partial, or the first free path-K.partial (K = 2..99).
 * Writes what it did in msg (empty when there is nothing to say).  Returns 0, or -1 when renaming failed (msg says why). */
int out_finish(bool complete, char *msg, size_t msgsz);

/* out_interrupted is out_finish(false) for a signal handler: only
 * async-signal-safe calls (rename, unlink, write to stderr). */
void out_interrupted(void);

/* out_signal_write writes text to stdout and the results file with write(2)
 * only, for a signal handler. */
void out_signal_write(const char *text, size_t len);

#endif
