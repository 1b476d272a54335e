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

#include "fuzz.h"
#include "legacy_cli.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FL_MAXIN 3
static fuzz_file fl_in[FL_MAXIN] = { FUZZ_FILE_INIT, FUZZ_FILE_INIT, FUZZ_FILE_INIT };
static FILE *fl_null;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!fl_null) {
        fl_null = fopen("/dev/null", "w");
        FUZZ_CHECK(fl_null != NULL);
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
        argv[argc++] = (char *)fuzz_file_put(&fl_in[i], data + pos, end - pos);
        pos = end + 4;
    }
    argv[argc] = NULL;
    int rc = legacy_main(argc, argv, fl_null, fl_null);
    FUZZ_CHECK(rc == 0);
    return 0;
}
