/*
 * fuzz_gbjson.c -- libFuzzer target for the Google Benchmark JSON reader
 * (stats/gbjson.h) behind the shared reader (stats/parse.h).  The input is
 * made a JSON input -- `{"benchmarks":` goes in front of bytes that do not
 * already look like Google Benchmark JSON -- and read through parse_open/
 * parse_next as a file and through a pipe, exactly as
 * escstat reads it.  Besides "no crash, no sanitizer report, no leak" it
 * checks what the headers promise and traps when they do not:
 *   - every message is "path:line: what is wrong", marked as escstat's own
 *     (err_kind PARSE_ERR_JSON), or "out of memory", on one line with no
 *     control byte;
 *   - the file and the pipe give the same records and the same messages;
 *   - results have >= 1 value, line numbers that never go back, valid ids,
 *     names with no blanks or control bytes (one field of a Go line);
 *   - gbjson_name never lengthens a name and leaves no blank in it.
 * Built by `make fuzz`; tests/progs/fuzz_replay.c replays the corpus and the
 * regression inputs in the ordinary test suite.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "gbjson.h"
#include "parse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static fuzz_file fg_in = FUZZ_FILE_INIT;

/* fg_message: err is "path:N: text" with N >= 1 and text not empty. */
static void fg_message(const char *err, const char *path)
{
    size_t pn = strlen(path);
    FUZZ_CHECK(strncmp(err, path, pn) == 0 && err[pn] == ':');
    const char *m = err + pn + 1;
    FUZZ_CHECK(*m >= '1' && *m <= '9');
    while (*m >= '0' && *m <= '9')
        m++;
    FUZZ_CHECK(m[0] == ':' && m[1] == ' ' && m[2] != '\0');
    /* one line, no terminal escape, whatever the input's names hold */
    for (const char *c = m; *c; c++)
        FUZZ_CHECK((unsigned char)*c >= ' ' && *c != 0x7F);
}

/* fg_read: one pass over the input; writes a transcript of what came back
   (names, values, line numbers, messages without the path) into out. */
static void fg_read(parse_set *ps, const parse_arg *arg, const char *path, char **out,
                    size_t *len)
{
    FILE *f = open_memstream(out, len);
    FUZZ_CHECK(f != NULL);
    parse_input in;
    FUZZ_CHECK(parse_open(ps, &in, arg) == 0);
    parse_id label = parse_lookup(ps, arg->label, strlen(arg->label));
    long last_line = 0, nrec = 0;
    parse_result r;
    int k;
    while ((k = parse_next(&in, &r)) != PARSE_EOF) {
        FUZZ_CHECK(++nrec <= 1000000);
        if (k == PARSE_FATAL) {
            FUZZ_CHECK(strcmp(in.err, "out of memory") == 0 ||
                     strncmp(in.err, path, strlen(path)) == 0);
            fprintf(f, "F\n");
            break;
        }
        if (k == PARSE_ERROR) {
            FUZZ_CHECK(in.err_kind == PARSE_ERR_JSON);
            FUZZ_CHECK(memchr(in.err, '\0', sizeof in.err) != NULL);
            fg_message(in.err, path);
            fprintf(f, "E %s\n", in.err + strlen(path));
            continue;
        }
        FUZZ_CHECK(k == PARSE_RESULT);
        FUZZ_CHECK(r.line >= 1 && r.line >= last_line);
        last_line = r.line;
        FUZZ_CHECK(r.file == label && r.nvalues >= 1);
        const char *name = parse_str(ps, r.name);
        size_t nn = parse_strlen(ps, r.name);
        FUZZ_CHECK(name[nn] == '\0');
        for (size_t i = 0; i < nn; i++)
            FUZZ_CHECK((unsigned char)name[i] > ' ' && name[i] != 0x7F);
        fprintf(f, "R %ld %s %lld", r.line, name, (long long)r.iters);
        for (size_t i = 0; i < r.nvalues; i++) {
            FUZZ_CHECK(r.values[i].unit < parse_nstr(ps));
            fprintf(f, " %a %s", r.values[i].value, parse_str(ps, r.values[i].unit));
        }
        parse_config c = parse_set_config(ps, r.config);
        for (size_t i = 0; i < c.n; i++) {
            FUZZ_CHECK(c.kv[i].key < parse_nstr(ps) && c.kv[i].val < parse_nstr(ps));
            FUZZ_CHECK(c.kv[i].val != 0);
            fprintf(f, " {%s=%s}", parse_str(ps, c.kv[i].key), parse_str(ps, c.kv[i].val));
        }
        fputc('\n', f);
    }
    parse_close(&in);
    parse_close(&in);           /* documented as safe */
    FUZZ_CHECK(fclose(f) == 0);
}

/* Inputs up to this size also go through a pipe (its capacity, so the
   write never blocks). */
#define FG_PIPE_MAX 65536

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* gbjson_name on the raw bytes */
    char *name = malloc(size + 1);
    FUZZ_CHECK(name != NULL);
    size_t nn = gbjson_name((const char *)data, size, name);
    FUZZ_CHECK(nn <= size && name[nn] == '\0');
    for (size_t i = 0; i < nn; i++)
        FUZZ_CHECK((unsigned char)name[i] > ' ' && name[i] != 0x7F);
    free(name);

    static const char head[] = "{\"benchmarks\":";
    uint8_t *doc = malloc(size + sizeof head);
    FUZZ_CHECK(doc != NULL);
    size_t n = 0;
    if (gbjson_sniff((const char *)data, size) != 1) {
        memcpy(doc, head, sizeof head - 1);
        n = sizeof head - 1;
    }
    memcpy(doc + n, data, size);
    n += size;
    FUZZ_CHECK(gbjson_sniff((const char *)doc, n) != 0);

    const char *path = fuzz_file_put(&fg_in, doc, n);
    char *args[2] = {(char *)path, (char *)"-"};
    parse_arg *pa;
    FUZZ_CHECK(parse_args(args, 2, &pa) == 0);
    parse_set ps;
    FUZZ_CHECK(parse_set_init(&ps) == 0);
    char *t_file = NULL, *t_pipe = NULL;
    size_t l_file = 0, l_pipe = 0;
    fg_read(&ps, &pa[0], path, &t_file, &l_file);
    if (n <= FG_PIPE_MAX) {
        int saved = fuzz_stdin_put(doc, n);
        fg_read(&ps, &pa[1], "-", &t_pipe, &l_pipe);
        fuzz_stdin_restore(saved);
        /* the same bytes read from a file and from a pipe: the same records */
        FUZZ_CHECK(l_file == l_pipe && memcmp(t_file, t_pipe, l_file) == 0);
    }
    free(t_file);
    free(t_pipe);
    parse_set_release(&ps);
    parse_args_free(pa, 2);
    free(doc);
    return 0;
}
