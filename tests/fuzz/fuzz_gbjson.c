/*
 * fuzz_gbjson.c -- libFuzzer target for the Google Benchmark JSON reader
 * (stats/gbjson.h) behind the shared reader (stats/parse.h).  The input is
 * made a JSON input -- `{"benchmarks":` goes in front of bytes that do not
 * already look like Google Benchmark JSON -- and read through parse_open/
 * parse_next as a file (mapped) and through a pipe (streamed), exactly as
 * escstat reads it.  Besides "no crash, no sanitizer report, no leak" it
 * checks what the headers promise and traps when they do not:
 *   - every message is "path:line: what is wrong", marked as escstat's own
 *     (err_own), or "out of memory";
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
#include <sys/mman.h>
#include <unistd.h>

#include "gbjson.h"
#include "parse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* fg_check: a broken promise is a crash, so libFuzzer keeps the input. */
#define fg_check(c)                                                         \
    do {                                                                    \
        if (!(c)) {                                                         \
            fprintf(stderr, "fuzz_gbjson: %s:%d: check failed: %s\n",       \
                    __FILE__, __LINE__, #c);                                \
            abort();                                                        \
        }                                                                   \
    } while (0)

/* fg_memfile: the input as a file, named through /proc/self/fd (made once). */
static int fg_fd = -1;
static char fg_path[64];

static const char *fg_memfile(const uint8_t *data, size_t size)
{
    if (fg_fd < 0) {
        fg_fd = memfd_create("fuzz_gbjson", 0);
        fg_check(fg_fd >= 0);
        snprintf(fg_path, sizeof fg_path, "/proc/self/fd/%d", fg_fd);
    }
    fg_check(ftruncate(fg_fd, 0) == 0);
    size_t off = 0;
    while (off < size) {
        ssize_t k = pwrite(fg_fd, data + off, size - off, (off_t)off);
        fg_check(k > 0);
        off += (size_t)k;
    }
    return fg_path;
}

/* fg_message: err is "path:N: text" with N >= 1 and text not empty. */
static void fg_message(const char *err, const char *path)
{
    size_t pn = strlen(path);
    fg_check(strncmp(err, path, pn) == 0 && err[pn] == ':');
    const char *m = err + pn + 1;
    fg_check(*m >= '1' && *m <= '9');
    while (*m >= '0' && *m <= '9')
        m++;
    fg_check(m[0] == ':' && m[1] == ' ' && m[2] != '\0');
}

/* fg_read: one pass over the input; writes a transcript of what came back
   (names, values, line numbers, messages without the path) into out. */
static void fg_read(parse_set *ps, const parse_arg *arg, const char *path, char **out,
                    size_t *len)
{
    FILE *f = open_memstream(out, len);
    fg_check(f != NULL);
    parse_input in;
    fg_check(parse_open(ps, &in, arg) == 0);
    parse_id label = parse_lookup(ps, arg->label, strlen(arg->label));
    long last_line = 0, nrec = 0;
    parse_result r;
    int k;
    while ((k = parse_next(&in, &r)) != PARSE_EOF) {
        fg_check(++nrec <= 1000000);
        if (k == PARSE_FATAL) {
            fg_check(strcmp(in.err, "out of memory") == 0 ||
                     strncmp(in.err, path, strlen(path)) == 0);
            fprintf(f, "F\n");
            break;
        }
        if (k == PARSE_ERROR) {
            fg_check(in.err_own);
            fg_check(memchr(in.err, '\0', sizeof in.err) != NULL);
            fg_message(in.err, path);
            fprintf(f, "E %s\n", in.err + strlen(path));
            continue;
        }
        fg_check(k == PARSE_RESULT);
        fg_check(r.line >= 1 && r.line >= last_line);
        last_line = r.line;
        fg_check(r.file == label && r.nvalues >= 1);
        const char *name = parse_str(ps, r.name);
        size_t nn = parse_strlen(ps, r.name);
        fg_check(name[nn] == '\0');
        for (size_t i = 0; i < nn; i++)
            fg_check((unsigned char)name[i] > ' ' && name[i] != 0x7F);
        fprintf(f, "R %ld %s %lld", r.line, name, (long long)r.iters);
        for (size_t i = 0; i < r.nvalues; i++) {
            fg_check(r.values[i].unit < parse_nstr(ps));
            fprintf(f, " %a %s", r.values[i].value, parse_str(ps, r.values[i].unit));
        }
        parse_config c = parse_set_config(ps, r.config);
        for (size_t i = 0; i < c.n; i++) {
            fg_check(c.kv[i].key < parse_nstr(ps) && c.kv[i].val < parse_nstr(ps));
            fg_check(c.kv[i].val != 0);
            fprintf(f, " {%s=%s}", parse_str(ps, c.kv[i].key), parse_str(ps, c.kv[i].val));
        }
        fputc('\n', f);
    }
    parse_close(&in);
    parse_close(&in);           /* documented as safe */
    fg_check(fclose(f) == 0);
}

/* Inputs up to this size also go through a pipe (its capacity, so the
   write never blocks). */
#define FG_PIPE_MAX 65536

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* gbjson_name on the raw bytes */
    char *name = malloc(size + 1);
    fg_check(name != NULL);
    size_t nn = gbjson_name((const char *)data, size, name);
    fg_check(nn <= size && name[nn] == '\0');
    for (size_t i = 0; i < nn; i++)
        fg_check((unsigned char)name[i] > ' ' && name[i] != 0x7F);
    free(name);

    static const char head[] = "{\"benchmarks\":";
    uint8_t *doc = malloc(size + sizeof head);
    fg_check(doc != NULL);
    size_t n = 0;
    if (gbjson_sniff((const char *)data, size) != 1) {
        memcpy(doc, head, sizeof head - 1);
        n = sizeof head - 1;
    }
    memcpy(doc + n, data, size);
    n += size;
    fg_check(gbjson_sniff((const char *)doc, n) != 0);

    const char *path = fg_memfile(doc, n);
    char *args[2] = {(char *)path, (char *)"-"};
    parse_arg *pa;
    fg_check(parse_args(args, 2, &pa) == 0);
    parse_set ps;
    fg_check(parse_set_init(&ps) == 0);
    char *t_file = NULL, *t_pipe = NULL;
    size_t l_file = 0, l_pipe = 0;
    fg_read(&ps, &pa[0], path, &t_file, &l_file);
    if (n <= FG_PIPE_MAX) {
        int p[2];
        fg_check(pipe(p) == 0);
        size_t off = 0;
        while (off < n) {
            ssize_t k = write(p[1], doc + off, n - off);
            fg_check(k > 0);
            off += (size_t)k;
        }
        close(p[1]);
        int saved = dup(0);
        fg_check(dup2(p[0], 0) == 0);
        close(p[0]);
        fg_read(&ps, &pa[1], "-", &t_pipe, &l_pipe);
        fg_check(dup2(saved, 0) == 0);
        close(saved);
        /* the same bytes read mapped and streamed: the same records */
        fg_check(l_file == l_pipe && memcmp(t_file, t_pipe, l_file) == 0);
    }
    free(t_file);
    free(t_pipe);
    parse_set_release(&ps);
    parse_args_free(pa, 2);
    free(doc);
    return 0;
}
