/*
 * test_base_io.c -- base/io.h: write_all delivers every byte of more than a
 * pipe holds, and reports a bad descriptor.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../tap.h"
#include "io.h"

#define SIZE (1 << 20)

int main(void)
{
    int fd[2];
    if (pipe(fd) != 0)
        return tap_skip_all("no pipe");
    unsigned char *out = malloc(SIZE), *in = malloc(SIZE);
    if (!out || !in)
        return tap_skip_all("no memory");
    for (size_t i = 0; i < SIZE; i++)
        out[i] = (unsigned char)(i * 7 + i / 251);

    /* 1 MiB into a 64 KiB pipe, a child reading the other end */
    pid_t pid = fork();
    if (pid == 0) {
        close(fd[1]);
        size_t got = 0;
        ssize_t k;
        while ((k = read(fd[0], in + got, SIZE - got)) > 0)
            got += (size_t)k;
        _exit(got == SIZE && memcmp(in, out, SIZE) == 0 ? 0 : 1);
    }
    close(fd[0]);
    is_int(write_all(fd[1], out, SIZE), 0, "1 MiB through a pipe: 0");
    close(fd[1]);
    int st = 0;
    waitpid(pid, &st, 0);
    ok(WIFEXITED(st) && WEXITSTATUS(st) == 0, "the reader got every byte, in order");

    is_int(write_all(fd[1], "x", 1), -1, "a closed descriptor: -1");
    is_int(errno, EBADF, "errno from write: EBADF");
    is_int(write_all(-1, "", 0), 0, "nothing to write: 0, no write at all");
    free(out);
    free(in);
    return tap_done();
}
