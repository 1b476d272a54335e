/*
 * runner_orphan.c -- benchmarks that start a process which outlives them:
 * Orphan forks a grandchild that sleeps 30 s holding the runner's stdout
 * (and writes its pid to $ORPHAN_PID_FILE when set), then hangs until
 * -timeout kills it; Good is a plain loop.  A runner that kills only the
 * benchmark's own process leaves the grandchild, and `runner | cat` waits
 * for it (tests/harness-timeout-group.t).
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bench.h"

static void BenchmarkGood(bench *b)
{
    for (int64_t i = 0; i < b->n; i++)
        bench_clobber();
}

static void BenchmarkOrphan(bench *b)
{
    const char *path = getenv("ORPHAN_PID_FILE");
    pid_t pid = fork();

    (void)b;
    if (pid == 0) {
        /* Keeps stdin, stdout and stderr: the runner's, or its pipe. */
        sleep(30);
        _exit(0);
    }
    if (pid > 0 && path != NULL) {
        char line[32];
        int fd = open(path, O_WRONLY | O_CREAT | O_APPEND, 0644);
        int k = snprintf(line, sizeof line, "%ld\n", (long)pid);

        if (fd >= 0) {
            if (write(fd, line, (size_t)k) != k)
                _exit(9);
            close(fd);
        }
    }
    for (;;)
        pause();
}

static const bench_def suite[] = {BENCH(Good), BENCH(Orphan), BENCH_END};

/* main runs the suite. */
int main(int argc, char **argv)
{
    return bench_main(argc, argv, suite);
}
