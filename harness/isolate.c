/*
 * isolate.c -- a child process per benchmark, or one worker process for
 * many runs, with a message pipe, a timeout and clean interruption.  See
 * isolate.h.
 */
#include "isolate.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "clock.h"
#include "format.h"
#include "io.h"
#include "output.h"

volatile sig_atomic_t iso_interrupted;
static int child_fd = -1;               /* write end of the pipe, in a child */
static sigset_t blocked;                /* SIGINT, SIGTERM */
static sigset_t saved_mask;             /* the mask before iso_signals_install */
static bool installed, in_process_mode;

bool iso_in_child(void)
{
    return child_fd >= 0;
}

static void on_signal(int sig)
{
    iso_interrupted = sig;
    if (in_process_mode && !iso_in_child()) {
        out_interrupted();
        _exit(128 + sig);
    }
}

void iso_signals_install(bool in_process)
{
    struct sigaction sa;

    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0;                    /* no SA_RESTART: ppoll must wake up */
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    signal(SIGPIPE, SIG_IGN);
    in_process_mode = in_process;
    sigemptyset(&blocked);
    sigaddset(&blocked, SIGINT);
    sigaddset(&blocked, SIGTERM);
    /* With children the signals are taken only inside ppoll, so a signal
     * that arrives between two checks of iso_interrupted is never lost. */
    if (!in_process)
        sigprocmask(SIG_BLOCK, &blocked, &saved_mask);
    else
        sigprocmask(SIG_BLOCK, NULL, &saved_mask);
    installed = true;
}

int iso_send(int kind, const char *text, size_t len)
{
    /* Header and text in one write: a pipe write of up to PIPE_BUF bytes is
     * atomic, and longer ones are only read by our own parent anyway. */
    static char buf[5 + ISO_MSG_MAX];
    uint32_t n;

    if (child_fd < 0)
        return -1;
    if (len > ISO_MSG_MAX)
        len = ISO_MSG_MAX;
    n = (uint32_t)len;
    buf[0] = (char)kind;
    memcpy(buf + 1, &n, 4);
    memcpy(buf + 5, text, len);
    return write_all(child_fd, buf, 5 + len);
}

/* child_setup prepares a forked child: messages go to fd, it dies with the
 * runner, and it takes Ctrl-C as any program. */
static void child_setup(int fd)
{
    struct sigaction sa;

    child_fd = fd;
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = SIG_DFL;
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGPIPE, &sa, NULL);
    if (installed)
        sigprocmask(SIG_SETMASK, &saved_mask, NULL);
}

/* child_main runs in the forked child and never returns. */
static _Noreturn void child_main(void (*body)(void *), void *arg, int fd)
{
    child_setup(fd);
    body(arg);
    fflush(stdout);                     /* what the benchmarks printed */
    iso_send(0, "", 0);
    _exit(0);
}

/* How pump stopped. */
enum pump_end { PUMP_END, PUMP_EOF, PUMP_TIMEOUT, PUMP_STOP };

/* pump hands the messages arriving on fd to deliver until the end message
 * (kind 0: PUMP_END; its text, cut to ISO_KEY_MAX - 1 bytes, goes to
 * endtext unless that is NULL), end of file (PUMP_EOF), timeout_ns without a message
 * (PUMP_TIMEOUT; 0 waits forever), or an interruption or a read error
 * (PUMP_STOP).  The end message is the child's last word for the body or
 * job: pump does not wait for EOF, which a process the benchmark started
 * may hold off. */
static enum pump_end pump(int fd, int64_t timeout_ns, iso_deliver deliver, void *ctx,
                          char *endtext)
{
    static char buf[2 * (5 + ISO_MSG_MAX)];
    size_t have = 0;
    int64_t deadline = timeout_ns > 0 ? clock_now_ns() + timeout_ns : 0;

    for (;;) {
        struct pollfd p = {fd, POLLIN, 0};
        struct timespec ts, *tsp = NULL;
        ssize_t k;
        int rc;

        if (iso_interrupted)
            return PUMP_STOP;
        if (deadline != 0) {
            int64_t left = deadline - clock_now_ns();
            if (left <= 0)
                return PUMP_TIMEOUT;
            ts.tv_sec = left / 1000000000;
            ts.tv_nsec = left % 1000000000;
            tsp = &ts;
        }
        rc = ppoll(&p, 1, tsp, installed && !in_process_mode ? &saved_mask : NULL);
        if (rc < 0) {
            if (errno == EINTR)
                continue;
            return PUMP_STOP;
        }
        if (rc == 0)
            continue;                   /* the deadline is checked above */
        k = read(fd, buf + have, sizeof buf - have);
        if (k < 0) {
            if (errno == EINTR)
                continue;
            return PUMP_STOP;
        }
        if (k == 0)
            return PUMP_EOF;
        have += (size_t)k;
        /* Deliver every whole message; keep a partial one for the next
         * read.  Each message moves the deadline: -timeout limits the
         * time without news, i.e. one run of one benchmark. */
        for (;;) {
            uint32_t n;
            if (have < 5)
                break;
            memcpy(&n, buf + 1, 4);
            if (have < 5 + (size_t)n)
                break;
            if (buf[0] == 0) {          /* nothing follows it */
                if (endtext != NULL) {
                    size_t m = n < ISO_KEY_MAX - 1 ? n : ISO_KEY_MAX - 1;
                    memcpy(endtext, buf + 5, m);
                    endtext[m] = '\0';
                }
                return PUMP_END;
            }
            deliver(ctx, (unsigned char)buf[0], buf + 5, n);
            memmove(buf, buf + 5 + n, have - 5 - n);
            have -= 5 + n;
            if (timeout_ns > 0)
                deadline = clock_now_ns() + timeout_ns;
        }
    }
}

/* reap waits for child pid, killing it first unless it ended (pump gave
 * PUMP_END or PUMP_EOF), and says in *st how it ended.  Unless the body
 * ended normally, what the child started dies with it: the child leads a
 * process group of its own (spawn), and the whole group is killed before
 * the child is reaped (its zombie keeps the group's id from being reused),
 * so a process it forked cannot hold the runner's stdout open after a
 * -timeout, a crash or Ctrl-C. */
static void reap(pid_t pid, enum pump_end how, struct iso_status *st)
{
    bool ended = how == PUMP_END, eof = ended || how == PUMP_EOF;
    siginfo_t si;
    int wstatus;

    if (!ended) {
        if (!eof)
            kill(pid, SIGKILL);         /* interrupted, timed out or broken */
        /* Wait for it to die without reaping it, then kill its group. */
        while (waitid(P_PID, (id_t)pid, &si, WEXITED | WNOWAIT) < 0 && errno == EINTR)
            ;
        kill(-pid, SIGKILL);
    }
    while (waitpid(pid, &wstatus, 0) < 0 && errno == EINTR)
        ;
    if (iso_interrupted && !ended) {
        st->end = ISO_INTERRUPTED;
        st->code = iso_interrupted;
    } else if (!eof) {
        st->end = ISO_TIMEOUT;
    } else if (WIFSIGNALED(wstatus)) {
        st->end = ISO_SIGNALED;
        st->code = WTERMSIG(wstatus);
        st->core = WCOREDUMP(wstatus);
    } else if (!ended) {
        st->end = ISO_EXITED;
        st->code = WEXITSTATUS(wstatus);
    } else {
        st->end = ISO_OK;
        st->code = WEXITSTATUS(wstatus);
    }
}

/* spawn makes npipes pipes in fds and forks, after flushing stdio (the
 * child must not write the parent's buffers again).  Returns the child's
 * pid in the parent, 0 in the child, or -1 with *st saying why (ISO_ERROR)
 * and no pipe left open.  The child leads a new process group (reap). */
static pid_t spawn(int fds[][2], int npipes, struct iso_status *st)
{
    int made = 0, e;
    pid_t pid = -1;

    fflush(stdout);
    fflush(stderr);
    while (made < npipes && pipe2(fds[made], O_CLOEXEC) == 0)
        made++;
    if (made == npipes)
        pid = fork();
    /* The child leads a process group of its own, so that reap can kill
     * what it starts (both sides set it: no race with an early kill). */
    if (pid == 0)
        setpgid(0, 0);
    else if (pid > 0)
        setpgid(pid, pid);
    if (pid < 0) {
        e = errno;
        while (made-- > 0) {
            close(fds[made][0]);
            close(fds[made][1]);
        }
        st->end = ISO_ERROR;
        st->code = e;
    }
    return pid;
}

void iso_run(void (*body)(void *arg), void *arg, int64_t timeout_ns,
             iso_deliver deliver, void *ctx, struct iso_status *st)
{
    int fds[1][2];
    pid_t pid;

    memset(st, 0, sizeof *st);
    if ((pid = spawn(fds, 1, st)) < 0)
        return;
    if (pid == 0) {
        close(fds[0][0]);
        child_main(body, arg, fds[0][1]);
    }
    close(fds[0][1]);
    enum pump_end how = pump(fds[0][0], timeout_ns, deliver, ctx, NULL);
    close(fds[0][0]);
    reap(pid, how, st);
}

/* --- the workers ------------------------------------------------------------ */

/* The workers of iso_job: pid (0: the slot is free), the pipe the parent
 * writes job numbers to, the pipe messages come back on, the key of what
 * its jobs changed in it ("" while clean), and when it was last used. */
#define ISO_WORKERS 4
static struct worker {
    pid_t pid;
    int jobs, msgs;
    char key[ISO_KEY_MAX];
    uint64_t used;
} W[ISO_WORKERS];
static uint64_t use_clock;
static char taint[ISO_KEY_MAX];         /* in a worker: what its jobs changed */

void iso_worker_taint(const char *key)
{
    if (taint[0] == '\0')
        snprintf(taint, sizeof taint, "%s", key);
    else if (strcmp(taint, key) != 0)
        snprintf(taint, sizeof taint, "%c(changed twice)", '\1'); /* matches no job */
}

/* worker_main runs in a worker: one job per number read, until EOF; each
 * job's end message carries the worker's key. */
static _Noreturn void worker_main(void (*fn)(void *, uint32_t), void *arg, int jobs, int msgs)
{
    uint32_t job;

    child_setup(msgs);
    taint[0] = '\0';
    for (;;) {
        size_t got = 0;
        while (got < sizeof job) {
            ssize_t k = read(jobs, (char *)&job + got, sizeof job - got);
            if (k < 0 && errno == EINTR)
                continue;
            if (k <= 0)
                _exit(0);               /* the runner closed the pipe: done */
            got += (size_t)k;
        }
        fn(arg, job);
        fflush(stdout);
        if (iso_send(0, taint, strlen(taint)) != 0)
            _exit(0);
    }
}

/* worker_stop ends worker w (it reads EOF and exits) and waits for it. */
static void worker_stop(struct worker *w)
{
    int wstatus;

    close(w->jobs);
    close(w->msgs);
    while (waitpid(w->pid, &wstatus, 0) < 0 && errno == EINTR)
        ;
    w->pid = 0;
}

/* worker_start forks a clean worker into slot w; false with *st filled when
 * it cannot. */
static bool worker_start(struct worker *w, void (*fn)(void *, uint32_t), void *arg,
                         struct iso_status *st)
{
    int fds[2][2];                      /* jobs to the worker, its messages back */
    int *jobs = fds[0], *msgs = fds[1];
    pid_t pid;

    if ((pid = spawn(fds, 2, st)) < 0)
        return false;
    if (pid == 0) {
        /* Not the other workers' pipes: a worker must see EOF when the
         * runner closes its own. */
        for (int i = 0; i < ISO_WORKERS; i++)
            if (W[i].pid != 0) {
                close(W[i].jobs);
                close(W[i].msgs);
            }
        close(jobs[1]);
        close(msgs[0]);
        worker_main(fn, arg, jobs[0], msgs[1]);
    }
    close(jobs[0]);
    close(msgs[1]);
    w->pid = pid;
    w->jobs = jobs[1];
    w->msgs = msgs[0];
    w->key[0] = '\0';
    return true;
}

/* worker_for finds the worker whose key is key, or the slot for a new one:
 * a free slot, else the least recently used worker, stopped. */
static struct worker *worker_for(const char *key)
{
    struct worker *free_slot = NULL, *lru = NULL;

    for (int i = 0; i < ISO_WORKERS; i++) {
        struct worker *w = &W[i];
        if (w->pid == 0) {
            if (free_slot == NULL)
                free_slot = w;
        } else if (strcmp(w->key, key) == 0) {
            return w;
        } else if (lru == NULL || w->used < lru->used) {
            lru = w;
        }
    }
    if (free_slot != NULL)
        return free_slot;
    worker_stop(lru);
    return lru;
}

void iso_job(void (*fn)(void *arg, uint32_t job), void *arg, uint32_t job, const char *key,
             int64_t timeout_ns, iso_deliver deliver, void *ctx, struct iso_status *st)
{
    struct worker *w;
    enum pump_end how;
    pid_t pid;

    memset(st, 0, sizeof *st);
    w = worker_for(key != NULL ? key : "");
    if (w->pid == 0 && !worker_start(w, fn, arg, st))
        return;
    w->used = ++use_clock;
    if (write_all(w->jobs, &job, sizeof job) != 0) {
        how = PUMP_EOF;                 /* the worker is gone: say how */
    } else {
        how = pump(w->msgs, timeout_ns, deliver, ctx, st->key);
        if (how == PUMP_END) {
            snprintf(w->key, sizeof w->key, "%s", st->key);
            return;                     /* ISO_OK; the worker stays */
        }
    }
    pid = w->pid;
    close(w->jobs);
    close(w->msgs);
    w->pid = 0;
    reap(pid, how, st);
}

void iso_worker_stop(void)
{
    for (int i = 0; i < ISO_WORKERS; i++)
        if (W[i].pid != 0)
            worker_stop(&W[i]);
}

static const char *volatile timeout_msg;

static void on_alarm(int sig)
{
    const char *msg = timeout_msg;

    (void)sig;
    if (msg != NULL)
        out_signal_write(msg, strlen(msg));
    out_interrupted();
    _exit(1);
}

void iso_inproc_timeout(int64_t timeout_ns, const char *msg)
{
    static bool handler;
    struct itimerval it;

    if (!handler && timeout_ns > 0) {
        struct sigaction sa;
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = on_alarm;
        sigemptyset(&sa.sa_mask);
        sigaction(SIGALRM, &sa, NULL);
        handler = true;
    }
    timeout_msg = msg;
    memset(&it, 0, sizeof it);
    it.it_value.tv_sec = timeout_ns / 1000000000;
    it.it_value.tv_usec = timeout_ns % 1000000000 / 1000;
    if (timeout_ns > 0 && it.it_value.tv_sec == 0 && it.it_value.tv_usec == 0)
        it.it_value.tv_usec = 1;
    setitimer(ITIMER_REAL, &it, NULL);
}

int iso_describe(const struct iso_status *st, int64_t timeout_ns, char *buf, size_t size)
{
    char d[40];

    switch (st->end) {
    case ISO_OK:
        return snprintf(buf, size, "ok");
    case ISO_EXITED:
        return snprintf(buf, size, "exited with status %d in the middle of the benchmark (exit called?)",
                        st->code);
    case ISO_SIGNALED:
        return snprintf(buf, size, "killed by signal %d (%s)%s", st->code, strsignal(st->code),
                        st->core ? ", core dumped" : "");
    case ISO_TIMEOUT:
        fmt_duration(d, sizeof d, timeout_ns);
        return snprintf(buf, size, "timed out after %s (-timeout %s)", d, d);
    case ISO_INTERRUPTED:
        return snprintf(buf, size, "interrupted by signal %d (%s)", st->code, strsignal(st->code));
    case ISO_ERROR:
        return snprintf(buf, size, "cannot start a child process: %s", strerror(st->code));
    }
    return snprintf(buf, size, "unknown");
}
