/*
 * output.c -- streaming the results to stdout and a results file that is
 * replaced only by a complete run.  See output.h.
 */
#include "output.h"
#include "io.h"
#include "jsonout.h"

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
static char final_path[PATH_MAX];       /* -o FILE, or what its symlink names */
static char temp_path[PATH_MAX];        /* FILE.XXXXXX while running */
static char partial_path[PATH_MAX];     /* FILE.partial, FILE-2.partial, ... */
static int temp_fd = -1;
static char prog[64] = "escbench";      /* for the signal handler's message */
static long nresults;
static bool json;                       /* -format json: jsonout.h */
static char json_err[512];              /* why the last JSON write failed */
static off_t whole;                     /* bytes of the file up to its last whole line */
static off_t written;                   /* bytes written to it */

#define PARTIAL_MAX 99                  /* FILE.partial, then FILE-2 .. FILE-99.partial */

/* partial_name writes FILE.partial (k = 1) or FILE-k.partial into
 * partial_path, with no library call that is not async-signal-safe. */
static void partial_name(int k)
{
    size_t n = strlen(final_path);
    char *p = partial_path;

    memcpy(p, final_path, n);
    p += n;
    if (k > 1) {
        *p++ = '-';
        if (k >= 10)
            *p++ = (char)('0' + k / 10);
        *p++ = (char)('0' + k % 10);
    }
    memcpy(p, ".partial", sizeof ".partial");
}

/* keep_partial cuts the temporary file back to its last whole line (a
 * half-written line must not read as a result) and moves it to the first
 * of FILE.partial, FILE-2.partial, ... FILE-99.partial that does not exist:
 * an earlier run's partial file is never replaced.  Async-signal-safe.
 * Returns 0 (partial_path names the file), or -1 with errno set. */
static int keep_partial(void)
{
    int e = EEXIST;

    /* Also when whole == written: a write cut short is not in written. */
    if (temp_fd >= 0)
        (void)!ftruncate(temp_fd, whole);
    for (int k = 1; k <= PARTIAL_MAX; k++) {
        partial_name(k);
        /* link fails instead of replacing; then the temporary name goes. */
        if (link(temp_path, partial_path) == 0) {
            unlink(temp_path);
            return 0;
        }
        e = errno;
        if (e != EEXIST)
            break;
    }
    partial_name(1);
    errno = e;
    return -1;
}

int out_open(const char *path, const char *progname, char *err, size_t errsz)
{
    struct stat st, lst;
    char *real = NULL;
    bool exists;
    mode_t mask;

    snprintf(prog, sizeof prog, "%s", progname);
    if (path == NULL)
        return 0;
    /* What would make the final rename fail, found before any work: a
     * directory; a symbolic link is written through (the file it names is
     * replaced, the link stays), one that names nothing is refused. */
    exists = stat(path, &st) == 0;
    if (exists && S_ISDIR(st.st_mode)) {
        snprintf(err, errsz, "-o %s: is a directory", path);
        return -1;
    }
    if (lstat(path, &lst) == 0 && S_ISLNK(lst.st_mode)) {
        if (!exists || (real = realpath(path, NULL)) == NULL) {
            snprintf(err, errsz, "-o %s: a symbolic link to no file (%s)", path,
                     exists ? strerror(errno) : "dangling");
            return -1;
        }
        path = real;
    }
    if (snprintf(final_path, sizeof final_path, "%s", path) >= (int)sizeof final_path ||
        snprintf(temp_path, sizeof temp_path, "%s.XXXXXX", path) >= (int)sizeof temp_path ||
        strlen(path) + sizeof "-99.partial" > sizeof partial_path) {
        snprintf(err, errsz, "%s: file name too long", path);
        free(real);
        return -1;
    }
    free(real);
    partial_name(1);
    temp_fd = mkostemp(temp_path, O_CLOEXEC);
    if (temp_fd < 0) {
        snprintf(err, errsz, "cannot create '%s': %s", temp_path, strerror(errno));
        temp_path[0] = '\0';
        return -1;
    }
    /* mkstemp makes the file 0600; a results file is as readable as any
     * file the user creates, and one that replaces a file keeps its mode. */
    mask = umask(0);
    umask(mask);
    fchmod(temp_fd, exists ? st.st_mode & 07777 : 0666 & ~mask);
    return 0;
}

static int write_text(const char *text, size_t len, char *err, size_t errsz);

/* put_json is jsonout's put: write_text, its message kept in json_err. */
static int put_json(void *ctx, const char *text, size_t len)
{
    (void)ctx;
    return write_text(text, len, json_err, sizeof json_err);
}

void out_use_json(const char *executable, int repetitions)
{
    json = true;
    jo_start(executable, repetitions);
}

int out_write(const char *text, size_t len, bool result, char *err, size_t errsz)
{
    if (json) {
        json_err[0] = '\0';
        if (jo_feed(text, len, put_json, NULL) != 0) {
            snprintf(err, errsz, "%s", json_err[0] ? json_err : "out of memory");
            return -1;
        }
    } else if (write_text(text, len, err, errsz) != 0) {
        return -1;
    }
    if (result)
        nresults++;
    return 0;
}

/* write_text writes text to stdout and the results file and flushes both. */
static int write_text(const char *text, size_t len, char *err, size_t errsz)
{
    /* stdout through stdio (the benchmark program may print too), flushed
     * at once; the file with write(2), unbuffered. */
    if (fwrite(text, 1, len, stdout) != len || fflush(stdout) != 0) {
        snprintf(err, errsz, "writing standard output: %s", strerror(errno));
        return -1;
    }
    if (temp_fd >= 0) {
        if (write_all(temp_fd, text, len) != 0) {
            snprintf(err, errsz, "writing '%s': %s", temp_path, strerror(errno));
            return -1;
        }
        written += (off_t)len;
        if (len > 0 && text[len - 1] == '\n')
            whole = written;
    }
    return 0;
}

int out_finish(bool complete, char *msg, size_t msgsz)
{
    struct stat st;

    msg[0] = '\0';
    if (json && complete && jo_end(put_json, NULL) != 0) {
        snprintf(msg, msgsz, "%s", json_err[0] ? json_err : "out of memory");
        complete = false;
    }
    if (temp_fd < 0)
        return 0;
    if (fsync(temp_fd) != 0 && errno != EINVAL && errno != EROFS)
        complete = false;
    if (!complete)
        (void)!ftruncate(temp_fd, whole);   /* before it closes: keep_partial */
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
    if (keep_partial() != 0) {
        snprintf(msg, msgsz, "cannot keep '%s' as '%s' (or -2..-%d): %s", temp_path,
                 partial_path, PARTIAL_MAX, strerror(errno));
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
    if (keep_partial() == 0) {
        (void)!write(2, prog, strlen(prog));
        (void)!write(2, kept, sizeof kept - 1);
        (void)!write(2, partial_path, strlen(partial_path));
        (void)!write(2, "\n", 1);
    }
}

void out_signal_write(const char *text, size_t len)
{
    (void)write_all(1, text, len);
    if (temp_fd >= 0) {
        /* The signal may have cut a write short: start on a whole line. */
        (void)!ftruncate(temp_fd, whole);
        lseek(temp_fd, whole, SEEK_SET);
        written = whole;
        if (write_all(temp_fd, text, len) == 0) {
            written += (off_t)len;
            if (len > 0 && text[len - 1] == '\n')
                whole = written;
        }
    }
}
