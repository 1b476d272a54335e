/*
 * reader.c -- inputs opened one after the other and read record by
 * record: the scanner's line records turned into results in input order
 * (grammar.c), Google Benchmark JSON handed to gbjson.c, and the reasons
 * reading stops put into benchstat's words.  See reader.h.
 */
#include "reader.h"
#include "gbjson.h"
#include "grammar.h"
#include "scanner.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define PIPE_MIN_DEFAULT (8u << 20) /* regular files this big get a producer thread */

/* The consumer's side of an input (parse_input.reader). */
typedef struct reader {
    scanner *sc;                /* the input's chunks */
    chunk *cur;                 /* chunk being consumed, or NULL */
    size_t ci;                  /* next record in cur */
    int final;                  /* SCAN_* once reading has stopped, else SCAN_MORE */
} reader;

/* parse_args: see reader.h. */
int parse_args(char *const *args, size_t n, parse_arg **out)
{
    parse_arg *a = calloc(n ? n : 1, sizeof *a);
    if (!a)
        return -1;
    bool *labeled = calloc(n ? n : 1, sizeof *labeled);
    if (!labeled) {
        free(a);
        return -1;
    }
    for (size_t i = 0; i < n; i++) {
        const char *eq = strchr(args[i], '=');
        if (eq) {
            a[i].label = strndup(args[i], (size_t)(eq - args[i]));
            a[i].path = eq + 1;
            labeled[i] = true;
        } else {
            a[i].path = args[i];
        }
        a[i].is_stdin = strcmp(a[i].path, "-") == 0;
    }
    for (size_t i = 0; i < n; i++) {
        if (labeled[i])
            continue;
        size_t count = 0, before = 0;
        for (size_t j = 0; j < n; j++)
            if (!labeled[j] && strcmp(a[j].path, a[i].path) == 0) {
                count++;
                if (j < i)
                    before++;
            }
        if (count == 1) {
            a[i].label = strdup(a[i].path);
        } else {
            size_t len = strlen(a[i].path) + 24;
            a[i].label = malloc(len);
            if (a[i].label)
                snprintf(a[i].label, len, "%s#%zu", a[i].path, before);
        }
    }
    free(labeled);
    for (size_t i = 0; i < n; i++)
        if (!a[i].label) {
            parse_args_free(a, n);
            return -1;
        }
    *out = a;
    return 0;
}

/* parse_args_free: see reader.h. */
void parse_args_free(parse_arg *a, size_t n)
{
    if (!a)
        return;
    for (size_t i = 0; i < n; i++)
        free(a[i].label);
    free(a);
}

/* go_errno_string: strerror as Go prints it (lower-case first letter). */
static void go_errno_string(int e, char *buf, size_t size)
{
    snprintf(buf, size, "%s", strerror(e));
    if (buf[0] >= 'A' && buf[0] <= 'Z' && !(buf[1] >= 'A' && buf[1] <= 'Z'))
        buf[0] = (char)(buf[0] + 'a' - 'A');
}

/* parse_open: see reader.h.  The scanner starts at the first parse_next. */
int parse_open(parse_set *ps, parse_input *in, const parse_arg *arg)
{
    memset(in, 0, sizeof *in);
    in->set = ps;
    in->fd = -1;
    in->path = arg->path;
    if (arg->is_stdin) {
        in->fd = 0;
    } else {
        in->fd = open(arg->path, O_RDONLY | O_CLOEXEC);
        if (in->fd < 0) {
            char e[128];
            go_errno_string(errno, e, sizeof e);
            snprintf(in->err, sizeof in->err, "open %s: %s", arg->path, e);
            in->err_kind = PARSE_ERR_READ;
            return -1;
        }
        in->own_fd = true;
    }
    in->file = parse_intern(ps, arg->label, strlen(arg->label));
    reader *r = calloc(1, sizeof *r);
    if (r && !(r->sc = scanner_new(in->fd))) {
        free(r);
        r = NULL;
    }
    if (in->file == (parse_id)-1 || !r) {
        if (r)
            scanner_free(r->sc);
        free(r);
        snprintf(in->err, sizeof in->err, "out of memory");
        in->err_kind = PARSE_ERR_NOMEM;
        parse_close(in);
        return -1;
    }
    r->final = SCAN_MORE;
    in->reader = r;
    /* a big regular file gets a producer thread (at the first parse_next) */
    struct stat st;
    size_t min = ps->pipeline_min ? ps->pipeline_min : PIPE_MIN_DEFAULT;
    in->big = !arg->is_stdin && fstat(in->fd, &st) == 0 && S_ISREG(st.st_mode) &&
              (uint64_t)st.st_size >= min;
    if (in->big)
        posix_fadvise(in->fd, 0, 0, POSIX_FADV_SEQUENTIAL);
    in->index = (uint32_t)ps->ninputs++;
    in->config = 0;
    return 0;
}

/* parse_close: see reader.h. */
void parse_close(parse_input *in)
{
    gbjson_close(in);
    if (in->reader) {
        scanner_free(((reader *)in->reader)->sc);
        free(in->reader);
    }
    in->reader = NULL;
    if (in->own_fd && in->fd >= 0)
        close(in->fd);
    in->fd = -1;
    in->own_fd = false;
    free(in->cur);
    in->cur = NULL;
    free(in->vals);
    in->vals = NULL;
}

/* reader_final: the record of why reading stopped (SCAN_* other than
   SCAN_MORE): PARSE_EOF, or PARSE_FATAL with in->err set. */
static int reader_final(parse_input *in, int end)
{
    reader *r = in->reader;
    char e[128];
    switch (end) {
    case SCAN_EOF:
        return PARSE_EOF;
    case SCAN_JSON:             /* gbjson_start failed: in->err says why */
        return PARSE_FATAL;
    case SCAN_TOOLONG:
        in->err_kind = PARSE_ERR_READ;
        snprintf(in->err, sizeof in->err, "%s:%ld: bufio.Scanner: token too long", in->path,
                 in->line);
        break;
    case SCAN_NUL:
        in->err_kind = PARSE_ERR_NOT_TEXT;
        snprintf(in->err, sizeof in->err, "%s:%ld: input looks like a binary file (NUL byte)",
                 in->path, in->line + 1);
        break;
    case SCAN_READERR:
        in->err_kind = PARSE_ERR_READ;
        go_errno_string(scanner_errno(r->sc), e, sizeof e);
        snprintf(in->err, sizeof in->err, "%s:%ld: read %s: %s", in->path, in->line, in->path, e);
        break;
    case SCAN_UTF16:
        in->err_kind = PARSE_ERR_NOT_TEXT;
        snprintf(in->err, sizeof in->err,
                 "%s: input looks like UTF-16 (convert with iconv -f UTF-16 -t UTF-8)", in->path);
        break;
    default:
        in->err_kind = PARSE_ERR_NOT_TEXT;
        snprintf(in->err, sizeof in->err, "%s: input looks like a binary file", in->path);
        break;
    }
    return PARSE_FATAL;
}

/* parse_next: see reader.h. */
int parse_next(parse_input *in, parse_result *res)
{
    if (in->json)
        return gbjson_next(in, res);
    if (in->unit_rest) {
        int k = parse_unit_rest(in);
        if (k)
            return k;
    }
    reader *r = in->reader;
    if (!r)
        return PARSE_EOF;
    if (r->final != SCAN_MORE)
        return reader_final(in, r->final);      /* again */
    if (!scanner_started(r->sc) && scanner_start(r->sc, in->big) != 0)
        return parse_oom(in);
    for (;;) {
        chunk *c = r->cur;
        if (!c || r->ci == c->nlines) {
            if (c && c->end != SCAN_MORE) {
                r->final = c->end;
                if (c->end == SCAN_JSON)    /* Google Benchmark JSON: gbjson.h */
                    return gbjson_start(in, c->text, c->len, false) != 0
                               ? PARSE_FATAL : gbjson_next(in, res);
                return reader_final(in, c->end);
            }
            r->cur = scanner_next(r->sc);
            r->ci = 0;
            continue;
        }
        const line_rec *L = &c->lines[r->ci++];
        in->line++;
        const char *line = c->text + L->off;
        int k = L->kind == LINE_BENCH ? parse_fast_resolve(in, line + 9, &L->fl, res)
                                      : parse_line(in, line, L->len, res);
        if (k)
            return k;
    }
}
