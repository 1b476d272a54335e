/*
 * fuzz_legacy.c -- libFuzzer target for `escstat -legacy` (the pre-2023
 * benchstat): the old reader, the trimmed statistics, the delta tests, the
 * sort and the text, CSV and HTML output, through legacy_main as
 * stats/escstat.c calls it, everything released at the end (LeakSanitizer
 * checks the ownership rules too).
 *
 * Input layout: the first byte picks the flags (bit 0 -csv, 1 -html,
 * 2 -geomean, 3 -norange, bits 4-5 the delta test utest/ttest/none/utest
 * with -alpha 0.5, bits 6-7 the sort none/delta/-name/-delta); the rest is
 * up to three result files separated by lines "@@", read with -split
 * pkg,name (so both kinds of labels make groups).  Output goes to
 * /dev/null; legacy_main must return 0.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "legacy_cli.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define fl_check(c)                                                         \
    do {                                                                    \
        if (!(c)) {                                                         \
            fprintf(stderr, "fuzz_legacy: %s:%d: check failed: %s\n",       \
                    __FILE__, __LINE__, #c);                                \
            abort();                                                        \
        }                                                                   \
    } while (0)

#define FL_MAXIN 3
static int fl_fd[FL_MAXIN] = { -1, -1, -1 };
static char fl_path[FL_MAXIN][64];
static FILE *fl_null;

/* fl_file: memfd number i holding data[0..n), named by a /proc path. */
static char *fl_file(int i, const uint8_t *p, size_t n)
{
    if (fl_fd[i] < 0) {
        fl_fd[i] = memfd_create("fuzz_legacy", 0);
        fl_check(fl_fd[i] >= 0);
        snprintf(fl_path[i], sizeof fl_path[i], "/proc/self/fd/%d", fl_fd[i]);
    }
    fl_check(ftruncate(fl_fd[i], 0) == 0);
    size_t off = 0;
    while (off < n) {
        ssize_t k = pwrite(fl_fd[i], p + off, n - off, (off_t)off);
        fl_check(k > 0);
        off += (size_t)k;
    }
    return fl_path[i];
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!fl_null) {
        fl_null = fopen("/dev/null", "w");
        fl_check(fl_null != NULL);
    }
    if (size == 0)
        return 0;
    unsigned f = data[0];
    char *argv[24];
    int argc = 0;
    argv[argc++] = "escstat";
    if (f & 1)
        argv[argc++] = "-csv";
    if (f & 2)
        argv[argc++] = "-html";
    if (f & 4)
        argv[argc++] = "-geomean";
    if (f & 8)
        argv[argc++] = "-norange";
    static char *const tests[] = { "-delta-test=utest", "-delta-test=ttest",
                                   "-delta-test=none", "-alpha=0.5" };
    argv[argc++] = tests[(f >> 4) & 3];
    static char *const sorts[] = { "-sort=none", "-sort=delta", "-sort=-name", "-sort=-delta" };
    argv[argc++] = sorts[(f >> 6) & 3];
    argv[argc++] = "-split=pkg,name";
    size_t pos = 1;
    for (int i = 0; i < FL_MAXIN && pos <= size; i++) {
        size_t end = pos;
        while (end + 4 <= size && !(data[end] == '\n' && data[end + 1] == '@' &&
                                    data[end + 2] == '@' && data[end + 3] == '\n'))
            end++;
        if (end + 4 > size)
            end = size;
        argv[argc++] = fl_file(i, data + pos, end - pos);
        pos = end + 4;
    }
    argv[argc] = NULL;
    int rc = legacy_main(argc, argv, fl_null, fl_null);
    fl_check(rc == 0);
    return 0;
}
