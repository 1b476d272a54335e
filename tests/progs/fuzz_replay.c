/*
 * fuzz_replay.c -- runs libFuzzer targets' inputs without libFuzzer, so the
 * ordinary test suite (and `make san`, and valgrind) replays the seed
 * corpus and every regression input: `fuzz_replay TARGET FILE...` calls the
 * target's LLVMFuzzerTestOneInput once per file, with the file's bytes in
 * an exactly-sized heap buffer (so ASan sees an overread by one byte).
 * A broken check in the target aborts; exit 0 means every file passed.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LLVMFuzzerTestOneInput fuzz_parse_one
#include "../fuzz/fuzz_parse.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_escstat_one
#include "../fuzz/fuzz_escstat.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_query_one
#include "../fuzz/fuzz_query.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_escplot_one
#include "../fuzz/fuzz_escplot.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_gbjson_one
#include "../fuzz/fuzz_gbjson.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_legacy_one
#include "../fuzz/fuzz_legacy.c"
#undef LLVMFuzzerTestOneInput

/* read_file: the whole file, malloc'd to exactly its size (caller frees);
   NULL when it cannot be read. */
static uint8_t *read_file(const char *path, size_t *size)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 4096, n = 0;
    uint8_t *b = malloc(cap);
    size_t k;
    while (b && (k = fread(b + n, 1, cap - n, f)) > 0) {
        n += k;
        if (n == cap) {
            uint8_t *nb = realloc(b, cap *= 2);
            if (!nb)
                free(b);
            b = nb;
        }
    }
    int bad = ferror(f);
    fclose(f);
    if (!b || bad) {
        free(b);
        return NULL;
    }
    uint8_t *exact = malloc(n ? n : 1);
    if (exact)
        memcpy(exact, b, n);
    free(b);
    *size = n;
    return exact;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: fuzz_replay parse|escstat|query|escplot|gbjson|legacy FILE...\n");
        return 2;
    }
    int (*one)(const uint8_t *, size_t);
    if (strcmp(argv[1], "parse") == 0)
        one = fuzz_parse_one;
    else if (strcmp(argv[1], "escstat") == 0)
        one = fuzz_escstat_one;
    else if (strcmp(argv[1], "query") == 0)
        one = fuzz_query_one;
    else if (strcmp(argv[1], "escplot") == 0)
        one = fuzz_escplot_one;
    else if (strcmp(argv[1], "gbjson") == 0)
        one = fuzz_gbjson_one;
    else if (strcmp(argv[1], "legacy") == 0)
        one = fuzz_legacy_one;
    else {
        fprintf(stderr, "fuzz_replay: unknown target '%s'\n", argv[1]);
        return 2;
    }
    for (int i = 2; i < argc; i++) {
        size_t n;
        uint8_t *b = read_file(argv[i], &n);
        if (!b) {
            fprintf(stderr, "fuzz_replay: cannot read '%s'\n", argv[i]);
            return 1;
        }
        one(b, n);
        free(b);
    }
    return 0;
}
