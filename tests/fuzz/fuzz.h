/*
 * fuzz.h -- what the libFuzzer targets (tests/fuzz/fuzz_*.c) share: a check
 * that turns a broken promise into a crash, so that libFuzzer keeps the
 * input, and the input handed to code that opens files by name.
 */
#ifndef ESCBENCH_FUZZ_H
#define ESCBENCH_FUZZ_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/types.h>
#include <unistd.h>

/* FUZZ_CHECK aborts with the file, line and condition when c is false. */
#define FUZZ_CHECK(c)                                                       \
    do {                                                                    \
        if (!(c)) {                                                         \
            fprintf(stderr, "%s:%d: check failed: %s\n",                    \
                    __FILE__, __LINE__, #c);                                \
            abort();                                                        \
        }                                                                   \
    } while (0)

/* A file in memory (a memfd), named through /proc/self/fd so that the
 * readers open it as they open any file, without touching the disk. */
typedef struct {
    int fd;                             /* -1 until first used */
    char path[64];
} fuzz_file;

#define FUZZ_FILE_INIT { -1, "" }

/* fuzz_file_put replaces the contents of f (made on first use) by
 * p[0..n) and returns its path, owned by f and valid while f is. */
static inline const char *fuzz_file_put(fuzz_file *f, const uint8_t *p, size_t n)
{
    if (f->fd < 0) {
        f->fd = memfd_create("fuzz", 0);
        FUZZ_CHECK(f->fd >= 0);
        snprintf(f->path, sizeof f->path, "/proc/self/fd/%d", f->fd);
    }
    FUZZ_CHECK(ftruncate(f->fd, 0) == 0);
    for (size_t off = 0; off < n;) {
        ssize_t k = pwrite(f->fd, p + off, n - off, (off_t)off);
        FUZZ_CHECK(k > 0);
        off += (size_t)k;
    }
    return f->path;
}

/* fuzz_stdin_put makes p[0..n) the whole of standard input, through a
 * pipe (n must fit in the pipe's buffer: the write is done before anyone
 * reads), and returns a duplicate of the old standard input for
 * fuzz_stdin_restore. */
static inline int fuzz_stdin_put(const uint8_t *p, size_t n)
{
    int fd[2];
    FUZZ_CHECK(pipe(fd) == 0);
    for (size_t off = 0; off < n;) {
        ssize_t k = write(fd[1], p + off, n - off);
        FUZZ_CHECK(k > 0);
        off += (size_t)k;
    }
    close(fd[1]);
    int saved = dup(0);
    FUZZ_CHECK(saved >= 0 && dup2(fd[0], 0) == 0);
    close(fd[0]);
    return saved;
}

/* fuzz_stdin_restore puts back the standard input fuzz_stdin_put saved. */
static inline void fuzz_stdin_restore(int saved)
{
    FUZZ_CHECK(dup2(saved, 0) == 0);
    close(saved);
}

#endif
