/*
 * output.c -- streaming the results to stdout and a results file that is
 * replaced only by a complete run.  See output.h.
 */
#include "output.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The paths live in static arrays so that the signal handler can rename
 * without touching the heap. */
static char final_path[PATH_MAX];       /* -o FILE */
static char temp_path[PATH_MAX];        /* FILE.XXXXXX while running */
static char partial_path[PATH_MAX];     /* FILE.partial */
static int temp_fd = -1;
static char prog[64] = "escbench";      /* for the signal handler's message */
static long nresults;

int out_open(const char *path, const char *progname, char *err, size_t errsz)
{
    mode_t mask;

    snprintf(prog, sizeof prog, "%s", progname);
    if (path == NULL)
        return 0;
    if (snprintf(final_path, sizeof final_path, "%s", path) >= (int)sizeof final_path ||
        snprintf(temp_path, sizeof temp_path, "%s.XXXXXX", path) >= (int)sizeof temp_path ||
        snprintf(partial_path, sizeof partial_path, "%s.partial", path) >= (int)sizeof partial_path) {
        snprintf(err, errsz, "%s: file name too long", path);
        return -1;
    }
    temp_fd = mkostemp(temp_path, O_CLOEXEC);
    if (temp_fd < 0) {
        snprintf(err, errsz, "cannot create '%s': %s", temp_path, strerror(errno));
        temp_path[0] = '\0';
        return -1;
    }
    /* mkstemp makes the file 0600; a results file is as readable as any
     * file the user creates. */
    mask = umask(0);
    umask(mask);
    fchmod(temp_fd, 0666 & ~mask);
    return 0;
}

/* write_all writes len bytes to fd, retrying short writes and EINTR. */
static int write_all(int fd, const char *p, size_t len)
{
    while (len > 0) {
        ssize_t k = write(fd, p, len);
        if (k < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        p += k;
        len -= (size_t)k;
    }
    return 0;
}

int out_write(const char *text, size_t len, bool result, char *err, size_t errsz)
{
    /* stdout through stdio (the benchmark program may print too), flushed
     * at once; the file with write(2), unbuffered. */
    if (fwrite(text, 1, len, stdout) != len || fflush(stdout) != 0) {
        snprintf(err, errsz, "writing standard output: %s", strerror(errno));
        return -1;
    }
    if (temp_fd >= 0 && write_all(temp_fd, text, len) != 0) {
        snprintf(err, errsz, "writing '%s': %s", temp_path, strerror(errno));
        return -1;
    }
    if (result)
        nresults++;
    return 0;
}

long out_results(void)
{
    return nresults;
}

int out_finish(bool complete, char *msg, size_t msgsz)
{
    struct stat st;

    msg[0] = '\0';
    if (temp_fd < 0)
        return 0;
    if (fsync(temp_fd) != 0 && errno != EINVAL && errno != EROFS)
        complete = false;
    close(temp_fd);
    temp_fd = -1;
    if (complete) {
        if (nresults == 0 && stat(final_path, &st) == 0) {
            unlink(temp_path);
            snprintf(msg, msgsz, "no results: '%s' left as it was", final_path);
            return 0;
        }
        if (rename(temp_path, final_path) != 0) {
            snprintf(msg, msgsz, "cannot rename '%s' to '%s': %s", temp_path, final_path,
                     strerror(errno));
            return -1;
        }
        return 0;
    }
    if (nresults == 0) {
        unlink(temp_path);
        snprintf(msg, msgsz, "no results; '%s' left as it was", final_path);
        return 0;
    }
    if (rename(temp_path, partial_path) != 0) {
        snprintf(msg, msgsz, "cannot rename '%s' to '%s': %s", temp_path, partial_path,
                 strerror(errno));
        return -1;
    }
    snprintf(msg, msgsz, "run not complete: %ld result%s kept in '%s'; '%s' left as it was",
             nresults, nresults == 1 ? "" : "s", partial_path, final_path);
    return 0;
}

void out_interrupted(void)
{
    static const char kept[] = ": stopped; the results so far are in ";
    static const char none[] = ": stopped\n";

    if (temp_fd < 0) {
        (void)!write(2, prog, strlen(prog));
        (void)!write(2, none, sizeof none - 1);
        return;
    }
    if (nresults == 0) {
        unlink(temp_path);
        (void)!write(2, prog, strlen(prog));
        (void)!write(2, none, sizeof none - 1);
        return;
    }
    if (rename(temp_path, partial_path) == 0) {
        (void)!write(2, prog, strlen(prog));
        (void)!write(2, kept, sizeof kept - 1);
        (void)!write(2, partial_path, strlen(partial_path));
        (void)!write(2, "\n", 1);
    }
}

void out_signal_write(const char *text, size_t len)
{
    (void)write_all(1, text, len);
    if (temp_fd >= 0)
        (void)write_all(temp_fd, text, len);
}
