/*
 * isolate.h -- run a piece of the suite in a child process and survive it.
 *
 * iso_run forks; the child runs `body`, which reports to the parent through
 * a pipe with iso_send (one message per result, note or event, each a single
 * write so it arrives whole or not at all).  The parent hands each message
 * to `deliver` as it arrives, so results are kept the moment they exist.  A
 * child that is killed by a signal (segfault, abort), exits on its own
 * (exit() inside a benchmark) or sends nothing for longer than `timeout_ns`
 * (then it is killed) ends the call with the reason in the status; the
 * caller reports it and carries on with the next benchmark.  SIGINT and
 * SIGTERM to the runner end the child and the run (iso_interrupted).  Each
 * child leads a process group of its own; when it crashes, times out or is
 * interrupted, the whole group is killed, so nothing it started outlives it
 * (a child that ends normally may leave processes running).
 */
#ifndef ESCBENCH_ISOLATE_H
#define ESCBENCH_ISOLATE_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* How the child ended. */
enum iso_end {
    ISO_OK,                             /* body returned (exit status 0 or 1) */
    ISO_EXITED,                         /* exited before body returned */
    ISO_SIGNALED,                       /* killed by a signal */
    ISO_TIMEOUT,                        /* sent nothing for timeout_ns; killed */
    ISO_INTERRUPTED,                    /* the runner got SIGINT or SIGTERM */
    ISO_ERROR,                          /* fork or pipe failed (errno in code) */
};

#define ISO_KEY_MAX 128

struct iso_status {
    enum iso_end end;
    int code;                           /* exit status, signal number or errno */
    bool core;                          /* the signal dumped core */
    char key[ISO_KEY_MAX];              /* iso_job: the worker's key after the job */
};

/* The message kinds are the caller's; iso_run passes them through.  Kind 0
 * is reserved: it marks the end of the body. */
typedef void (*iso_deliver)(void *ctx, int kind, const char *text, size_t len);

/* iso_run runs body(arg) in a child and delivers its messages; timeout_ns 0
 * waits forever.  Fills *st. */
void iso_run(void (*body)(void *arg), void *arg, int64_t timeout_ns,
             iso_deliver deliver, void *ctx, struct iso_status *st);

/* iso_job runs fn(arg, job) in a worker, a child that stays between calls,
 * and delivers its messages until fn returns.  A run of many short jobs
 * (-shuffle, -ci) then pays for fork once and measures in a process that has
 * been running for a while.  Every call must pass the same fn and arg: the
 * workers were forked with them.
 *
 * Workers are kept by key: what their jobs changed in them for good
 * (iso_worker_taint), "" (or NULL) for a clean one.  A job goes to the
 * worker with its key, or to a new clean worker, which then takes the key
 * the job leaves it with; st->key says that key, so the caller can send the
 * job's next runs to the same worker.  At most four workers are kept (the
 * least recently used is stopped).  The status is that of iso_run: ISO_OK
 * when the job ended and its worker waits for the next; any other end
 * (crash, exit, timeout, interruption) leaves no worker in that slot. */
void iso_job(void (*fn)(void *arg, uint32_t job), void *arg, uint32_t job, const char *key,
             int64_t timeout_ns, iso_deliver deliver, void *ctx, struct iso_status *st);

/* iso_worker_taint, called in a worker, says that its job changed the
 * process for good, as `key` names (e.g. "mallopt M_MMAP_THRESHOLD
 * 131072"): from then on the worker runs only jobs of that key.  Two
 * different keys leave a worker no job will match. */
void iso_worker_taint(const char *key);

/* iso_worker_stop ends the workers and waits for them. */
void iso_worker_stop(void);

/* iso_send sends one message from the child (text need not be
 * NUL-terminated; at most ISO_MSG_MAX bytes, longer text is cut).  Returns
 * 0, or -1 when the parent is gone. */
#define ISO_MSG_MAX 65536
int iso_send(int kind, const char *text, size_t len);

/* iso_in_child: true in a child started by iso_run or iso_job. */
bool iso_in_child(void);

/* iso_signals_install makes SIGINT and SIGTERM set iso_interrupted instead
 * of killing the runner, and SIGPIPE be ignored (write errors are
 * reported).  `in_process`: the benchmarks run in this process, so a signal
 * cannot wait for a batch to end: the handler keeps the partial results
 * (out_interrupted) and exits with status 130. */
void iso_signals_install(bool in_process);
extern volatile sig_atomic_t iso_interrupted;

/* iso_inproc_timeout arms (again) the -timeout of a run without children:
 * if nothing is delivered for timeout_ns, SIGALRM writes msg (a failure
 * block the caller keeps up to date, in static storage) to the results,
 * keeps the partial results as out_interrupted does, and exits with status
 * 1: in one process there is no benchmark to kill, only the run (go test
 * does the same).  timeout_ns 0 disarms. */
void iso_inproc_timeout(int64_t timeout_ns, const char *msg);

/* iso_describe writes the reason a child ended, e.g. "killed by signal 11
 * (Segmentation fault)" or "timed out after 10m0s". */
int iso_describe(const struct iso_status *st, int64_t timeout_ns, char *buf, size_t size);

#endif
