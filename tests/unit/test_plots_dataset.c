/*
 * test_plots_dataset.c -- plots/dataset.c's walk (ds_walk): the order in
 * which the chart makers meet the benchmarks, input by input, skipping
 * those a maker has taken with their family, the marks cleared for each
 * input; on two small inputs written to temporary files.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../tap.h"
#include "dataset.h"

/* put: a temporary file holding text; its path in path (caller unlinks). */
static int put(char *path, size_t size, const char *text)
{
    const char *dir = getenv("TMPDIR");
    snprintf(path, size, "%s/escplot-walk-XXXXXX", dir && *dir ? dir : "/tmp");
    int fd = mkstemp(path);
    if (fd < 0)
        return -1;
    size_t n = strlen(text);
    int rc = write(fd, text, n) == (ssize_t)n ? 0 : -1;
    close(fd);
    return rc;
}

static void report(void *ctx, const char *msg)
{
    (void)ctx;
    tap_diag("%s", msg);
}

/* walk: the walk's order as "input:bench" words; with take, the maker
   takes each benchmark it is given and the next one (its "family"). */
static void walk(const dataset *ds, int take, char *out, size_t size)
{
    ds_walk w;
    size_t in, b, len = 0;
    out[0] = '\0';
    if (ds_walk_init(&w, ds) != 0)
        return;
    while (ds_walk_next(&w, &in, &b) && len < size) {
        len += (size_t)snprintf(out + len, size - len, "%s%zu:%zu", len ? " " : "", in, b);
        if (take) {
            ds_walk_take(&w, b);
            if (b + 1 < ds->nbench)
                ds_walk_take(&w, b + 1);
        }
    }
    ds_walk_release(&w);
}

int main(void)
{
    char p1[512], p2[512];
    if (put(p1, sizeof p1, "BenchmarkA-2 10 5 ns/op\nBenchmarkB-2 10 6 ns/op\n"
                           "BenchmarkC-2 10 7 ns/op\n") != 0 ||
        put(p2, sizeof p2, "BenchmarkA-2 10 5 ns/op\nBenchmarkC-2 10 8 ns/op\n") != 0)
        return tap_skip_all("cannot write temporary files");
    char *args[] = { p1, p2 };
    dataset ds;
    if (ds_init(&ds) != 0)
        return tap_skip_all("out of memory");
    is_int(ds_read(&ds, args, 2, report, NULL), 0, "two inputs read without problems");
    is_int((int)ds.ninputs, 2, "two inputs");
    is_int((int)ds.nbench, 3, "three benchmarks");
    char got[256];
    walk(&ds, 0, got, sizeof got);
    is_str(got, "0:0 0:1 0:2 1:0 1:1 1:2", "nothing taken: every benchmark of every input");
    walk(&ds, 1, got, sizeof got);
    is_str(got, "0:0 0:2 1:0 1:2", "taken with the next one: skipped, marks cleared per input");
    ds_release(&ds);
    dataset empty;
    if (ds_init(&empty) == 0) {
        walk(&empty, 0, got, sizeof got);
        is_str(got, "", "an empty dataset: no step");
        ds_release(&empty);
    }
    unlink(p1);
    unlink(p2);
    return tap_done();
}
