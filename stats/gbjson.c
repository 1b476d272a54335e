/*
 * gbjson.c -- Google Benchmark's JSON, read run by run into the records of
 * the Go format reader (grammar.h).  See gbjson.h for the mapping; the
 * schema is libbenchmark's JSONReporter (src/json_reporter.cc, 1.7.1:
 * ReportContext and PrintRunData).
 *
 * The top level, `{"context": {...}, "benchmarks": [run, run, ...]}`, is
 * walked here byte by byte (only its punctuation); every value in it -- the
 * context, each run, each key -- is parsed by json-c, which stops at the
 * end of the value and says where that is.  So the runs before a syntax
 * error or a truncation are results like any other.
 */
#include "gbjson.h"
#include "grammar.h"
#include "vec.h"

#include <errno.h>
#include <json-c/json.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Where the walk of the top level is. */
enum gb_state {
    GB_OPEN,                    /* before the '{' */
    GB_FIRST_KEY,               /* after '{': a key or '}' */
    GB_KEY,                     /* after ',': a key */
    GB_AFTER_VALUE,             /* after a top-level value: ',' or '}' */
    GB_FIRST_RUN,               /* after "benchmarks": [ : a run or ']' */
    GB_RUN,                     /* after ',' in the array: a run */
    GB_AFTER_RUN,               /* ',' or ']' */
    GB_END,                     /* after the final '}': nothing but blanks */
    GB_DONE                     /* read to the end, or given up */
};

typedef struct gbjson {
    const char *buf;            /* the document (the mapping, or own) */
    size_t len, pos;            /* its length; the next byte to look at */
    char *own;                  /* the copy of a streamed input, or NULL */
    struct json_tokener *tok;   /* json-c's parser, reset for each value */
    enum gb_state st;
    bool benchmarks;            /* a "benchmarks" array was opened */
    long runs;                  /* results given so far */
    size_t end;                 /* the last closing '}' or ']' seen */
    size_t nl_pos;              /* newlines counted up to this byte */
    long nl_line;               /* the line number there (1-based) */
    char *scratch;              /* names and units as benchstat's (owned) */
    size_t scratch_cap;
} gbjson;

/* ------------------------------------------------------------------ sniff */

/* json_blank: JSON's whitespace. */
static bool json_blank(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* gbjson_sniff: see gbjson.h. */
int gbjson_sniff(const char *p, size_t n)
{
    static const char *const keys[] = { "context\"", "benchmarks\"" };
    size_t i = 0;
    while (i < n && json_blank((unsigned char)p[i]))
        i++;
    if (i == n)
        return -2;
    if (p[i++] != '{')
        return 0;
    while (i < n && json_blank((unsigned char)p[i]))
        i++;
    if (i == n)
        return -1;
    if (p[i] == '}')
        return 1;               /* an empty document: JSON, and an error */
    if (p[i++] != '"')
        return 0;
    int undecided = 0;
    for (size_t k = 0; k < 2; k++) {
        size_t m = strlen(keys[k]), avail = n - i < m ? n - i : m;
        if (memcmp(p + i, keys[k], avail) == 0) {
            if (avail == m)
                return 1;
            undecided = 1;
        }
    }
    return undecided ? -1 : 0;
}

/* -------------------------------------------------------------- messages */

/* line_at: the 1-based line of byte off, counting on from the last count
   (offsets mostly grow). */
static long line_at(gbjson *g, size_t off)
{
    if (off > g->len)
        off = g->len;
    if (off < g->nl_pos) {
        g->nl_pos = 0;
        g->nl_line = 1;
    }
    const char *p = g->buf + g->nl_pos, *e = g->buf + off;
    while (p < e && (p = memchr(p, '\n', (size_t)(e - p))) != NULL) {
        g->nl_line++;
        p++;
    }
    g->nl_pos = off;
    return g->nl_line;
}

/* fail: the message "path:line: ..." in in->err (escstat's own) and
   PARSE_ERROR; stop: the rest of the input is dropped. */
__attribute__((format(printf, 5, 6)))
static int fail(parse_input *in, gbjson *g, long line, bool stop, const char *fmt, ...)
{
    int k = snprintf(in->err, sizeof in->err, "%s:%ld: ", in->path, line);
    if (k < 0 || (size_t)k >= sizeof in->err)
        k = (int)sizeof in->err - 1;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(in->err + k, sizeof in->err - (size_t)k, fmt, ap);
    va_end(ap);
    in->err_kind = PARSE_ERR_JSON;
    if (stop)
        g->st = GB_DONE;
    return PARSE_ERROR;
}

/* truncated: the document ends before its closing brace. */
static int truncated(parse_input *in, gbjson *g)
{
    /* the last line, not the empty one after its newline */
    long line = line_at(g, g->len > 0 && g->buf[g->len - 1] == '\n' ? g->len - 1 : g->len);
    if (g->runs == 0)
        return fail(in, g, line, true, "unexpected end of JSON input (truncated?)");
    return fail(in, g, line, true,
                "unexpected end of JSON input (truncated? the %ld run%s before it %s kept)",
                g->runs, g->runs == 1 ? "" : "s", g->runs == 1 ? "is" : "are");
}

/* ----------------------------------------------------------------- start */

/* gbjson_start: see gbjson.h. */
int gbjson_start(parse_input *in, const char *data, size_t n, bool complete)
{
    gbjson *g = calloc(1, sizeof *g);
    if (!g || !(g->tok = json_tokener_new())) {
        free(g);
        parse_oom(in);
        return -1;
    }
    g->nl_line = 1;
    in->json = g;
    if (complete) {
        g->buf = data;
        g->len = n;
        return 0;
    }
    /* a stream: all of it, read now (escstat reads every input before it
       prints anything, and JSON results are small) */
    size_t cap = n < 65536 ? 65536 : 2 * n;
    if (!(g->own = malloc(cap))) {
        parse_oom(in);
        gbjson_close(in);
        return -1;
    }
    memcpy(g->own, data, n);
    g->len = n;
    for (;;) {
        if (vec_reserve(&g->own, &cap, g->len + 1, 1) != 0) {
            parse_oom(in);
            gbjson_close(in);
            return -1;
        }
        ssize_t k = read(in->fd, g->own + g->len, cap - g->len);
        if (k < 0 && errno == EINTR)
            continue;
        if (k < 0) {
            snprintf(in->err, sizeof in->err, "%s: read error: %s", in->path, strerror(errno));
            in->err_kind = PARSE_ERR_READ;
            gbjson_close(in);
            return -1;
        }
        if (k == 0)
            break;
        g->len += (size_t)k;
    }
    g->buf = g->own;
    return 0;
}

/* gbjson_close: see gbjson.h. */
void gbjson_close(parse_input *in)
{
    gbjson *g = in->json;
    if (!g)
        return;
    if (g->tok)
        json_tokener_free(g->tok);
    free(g->own);
    free(g->scratch);
    free(g);
    in->json = NULL;
}

/* ----------------------------------------------------------------- values */

/* skip_blanks: g->pos past JSON whitespace. */
static void skip_blanks(gbjson *g)
{
    while (g->pos < g->len && json_blank((unsigned char)g->buf[g->pos]))
        g->pos++;
}

/* value: the JSON value at g->pos, parsed by json-c; g->pos moves past it.
   Returns 0 with *out (the caller puts it; NULL for null), or PARSE_ERROR
   (a syntax error or the end of the input: the rest is dropped). */
static int value(parse_input *in, gbjson *g, json_object **out)
{
    size_t avail = g->len - g->pos;
    json_tokener_reset(g->tok);
    json_object *o = json_tokener_parse_ex(g->tok, g->buf + g->pos,
                                           avail > INT_MAX ? INT_MAX : (int)avail);
    enum json_tokener_error e = json_tokener_get_error(g->tok);
    size_t end = json_tokener_get_parse_end(g->tok);
    if (e == json_tokener_success) {
        g->pos += end;
        *out = o;
        return 0;
    }
    json_object_put(o);
    if (e == json_tokener_continue)
        return truncated(in, g);
    return fail(in, g, line_at(g, g->pos + end), true, "invalid JSON: %s",
                json_tokener_error_desc(e));
}

/* scratch: room for n bytes in g->scratch; NULL when out of memory. */
static char *scratch(gbjson *g, size_t n)
{
    if (vec_reserve(&g->scratch, &g->scratch_cap, n + 1, 1) != 0)
        return NULL;
    return g->scratch;
}

/* word: s[0..n) with blanks and control bytes as '_' (a name or a unit is
   one field of a Go result line), into out. */
static void word(const char *s, size_t n, char *out)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        out[i] = c <= ' ' || c == 0x7F ? '_' : (char)c;
    }
}

/* all_digits: s[0..n) is ASCII digits only (true when empty). */
static bool all_digits(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return false;
    return true;
}

/* gbjson_name: see gbjson.h. */
size_t gbjson_name(const char *s, size_t n, char *out)
{
    size_t o = 0, i = 0, part = 0;
    const char *threads = NULL;
    size_t threads_n = 0;
    while (i <= n) {
        size_t start = i;
        while (i < n && s[i] != '/')
            i++;
        const char *p = s + start;
        size_t pn = i - start;
        if (part == 0) {
            word(p, pn, out);
            o = pn;
        } else if (!threads && pn > 8 && memcmp(p, "threads:", 8) == 0 &&
                   all_digits(p + 8, pn - 8)) {
            threads = p + 8;            /* libbenchmark's threads:N: Go's -N */
            threads_n = pn - 8;
        } else {
            out[o++] = '/';
            word(p, pn, out + o);
            /* "key:value" (ArgNames, min_time:, iterations:, repeats:) is
               benchstat's "key=value" sub-benchmark key */
            const char *colon = memchr(p, ':', pn);
            if (colon && colon > p && !memchr(p, '=', (size_t)(colon - p)))
                out[o + (size_t)(colon - p)] = '=';
            o += pn;
        }
        part++;
        i++;                            /* past the '/' (or the end) */
    }
    if (threads) {
        out[o++] = '-';
        memcpy(out + o, threads, threads_n);
        o += threads_n;
    }
    out[o] = '\0';
    return o;
}

/* is_number: v is a JSON number (json-c's int or double). */
static bool is_number(json_object *v)
{
    return json_object_is_type(v, json_type_int) || json_object_is_type(v, json_type_double);
}

/* The keys of a run that are not measurements (json_reporter.cc's
   PrintRunData, and the complexity fits). */
static bool run_meta_key(const char *k)
{
    static const char *const meta[] = {
        "name", "family_index", "per_family_instance_index", "run_name", "run_type",
        "repetitions", "repetition_index", "threads", "aggregate_name", "aggregate_unit",
        "error_occurred", "error_message", "iterations", "real_time", "cpu_time",
        "time_unit", "label", "big_o", "cpu_coefficient", "real_coefficient", "rms",
    };
    for (size_t i = 0; i < sizeof meta / sizeof meta[0]; i++)
        if (strcmp(k, meta[i]) == 0)
            return true;
    return false;
}

/* emit_unit: measurement *nv in the unit named by counter key k. */
static int emit_counter(parse_input *in, gbjson *g, size_t *nv, const char *k, size_t kn,
                        double v)
{
    const char *unit = k;
    size_t un = kn;
    if (strcmp(k, "bytes_per_second") == 0)
        unit = "B/s";
    else if (strcmp(k, "items_per_second") == 0)
        unit = "items/s";
    else if (strcmp(k, "allocs_per_iter") == 0)
        unit = "allocs/op";
    else {
        char *w = scratch(g, kn);
        if (!w)
            return -1;
        word(k, kn, w);
        unit = w;
    }
    if (unit != k && unit != g->scratch)
        un = strlen(unit);
    return parse_emit_value(in, (*nv)++, v, unit, un);
}

/* What a message shows of a run's name and of its time_unit, at most (a
   hostile name must not fill the message, or make the file's message and
   the pipe's differ where the longer path cuts it). */
enum { GB_MSG_NAME = 120, GB_MSG_UNIT = 24 };

/* msg_text: s[0..n) as a message shows it, into out (max + 4 bytes):
   blanks and control bytes as '_' (word: one line, no terminal escape),
   cut at a UTF-8 character boundary to at most max bytes and then ended
   by "...".  Returns out. */
static const char *msg_text(const char *s, size_t n, size_t max, char *out)
{
    size_t k = n;
    if (k > max) {
        k = max;
        while (k > 0 && ((unsigned char)s[k] & 0xC0) == 0x80)
            k--;
    }
    word(s, k, out);
    memcpy(out + k, k < n ? "..." : "", k < n ? 4 : 1);
    return out;
}

/* run: one element of "benchmarks" (starting on line `line`) as a result.
   Returns PARSE_RESULT, 0 for an aggregate or a failed run (not samples),
   PARSE_ERROR for
   a run that cannot be one (skipped), PARSE_FATAL when out of memory. */
static int run(parse_input *in, gbjson *g, json_object *o, long line, parse_result *res)
{
    json_object *v;
    if (!json_object_is_type(o, json_type_object))
        return fail(in, g, line, false, "a benchmark run that is not a JSON object");
    if (!json_object_object_get_ex(o, "name", &v) || !json_object_is_type(v, json_type_string))
        return fail(in, g, line, false, "a benchmark run without a \"name\" string");
    const char *name = json_object_get_string(v);
    size_t name_n = (size_t)json_object_get_string_len(v);
    char shown[GB_MSG_NAME + 4], shown_unit[GB_MSG_UNIT + 4];
    /* _mean, _median, _stddev, _cv, _BigO, _RMS: statistics of the runs,
       not runs */
    if (json_object_object_get_ex(o, "run_type", &v) &&
        json_object_is_type(v, json_type_string) &&
        strcmp(json_object_get_string(v), "aggregate") == 0)
        return 0;
    if (json_object_object_get_ex(o, "aggregate_name", &v))
        return 0;
    /* SkipWithError: no measurement (real_time 0), skipped as benchstat
       skips Go's --- FAIL and --- SKIP */
    if (json_object_object_get_ex(o, "error_occurred", &v) && json_object_get_boolean(v))
        return 0;
    if (!json_object_object_get_ex(o, "iterations", &v) ||
        !json_object_is_type(v, json_type_int))
        return fail(in, g, line, false, "%s: \"iterations\" is missing or not an integer",
                    msg_text(name, name_n, GB_MSG_NAME, shown));
    int64_t iters = json_object_get_int64(v);
    if (iters == INT64_MAX && json_object_get_uint64(v) > (uint64_t)INT64_MAX)
        return fail(in, g, line, false, "%s: \"iterations\" is out of range",
                    msg_text(name, name_n, GB_MSG_NAME, shown));
    if (!json_object_object_get_ex(o, "real_time", &v) || !is_number(v))
        return fail(in, g, line, false, "%s: \"real_time\" is missing or not a number",
                    msg_text(name, name_n, GB_MSG_NAME, shown));
    double real = json_object_get_double(v);
    json_object *tu;
    if (!json_object_object_get_ex(o, "time_unit", &tu) ||
        !json_object_is_type(tu, json_type_string))
        return fail(in, g, line, false, "%s: \"time_unit\" is missing or not a string",
                    msg_text(name, name_n, GB_MSG_NAME, shown));
    /* libbenchmark's GetTimeUnitString: ns, us, ms, s */
    static const struct { const char *u; double ns; } units[] = {
        { "ns", 1 }, { "us", 1e3 }, { "ms", 1e6 }, { "s", 1e9 },
    };
    double to_ns = 0;
    for (size_t i = 0; i < sizeof units / sizeof units[0]; i++)
        if (strcmp(json_object_get_string(tu), units[i].u) == 0)
            to_ns = units[i].ns;
    if (to_ns == 0)
        return fail(in, g, line, false, "%s: time_unit \"%s\" is not ns, us, ms or s",
                    msg_text(name, name_n, GB_MSG_NAME, shown),
                    msg_text(json_object_get_string(tu), (size_t)json_object_get_string_len(tu),
                             GB_MSG_UNIT, shown_unit));
    size_t nv = 0;
    if (parse_emit_value(in, nv++, real * to_ns, "ns/op", 5) != 0)
        return parse_oom(in);
    if (json_object_object_get_ex(o, "cpu_time", &v) && is_number(v) &&
        parse_emit_value(in, nv++, json_object_get_double(v) * to_ns, "cpu-ns/op", 9) != 0)
        return parse_oom(in);
    /* user counters (bytes_per_second and items_per_second are counters
       since libbenchmark 1.5), in the order written */
    json_object_object_foreach(o, key, val) {
        if (!is_number(val) || run_meta_key(key) || key[0] == '\0')
            continue;
        if (emit_counter(in, g, &nv, key, strlen(key), json_object_get_double(val)) != 0)
            return parse_oom(in);
    }
    char *w = scratch(g, name_n);
    if (!w)
        return parse_oom(in);
    size_t wn = gbjson_name(name, name_n, w);
    g->runs++;
    return parse_emit_result(in, w, wn, iters, nv, line, res);
}

/* context: the "context" object's keys as config.  Returns 0, PARSE_ERROR
   (not an object: the runs are still read) or PARSE_FATAL. */
static int context(parse_input *in, gbjson *g, json_object *o, long line)
{
    /* date, executable and load_avg differ from run to run: as config they
       would split every comparison into tables of one column */
    static const char *const skip[] = { "date", "executable", "load_avg",
                                        "json_schema_version" };
    if (!json_object_is_type(o, json_type_object))
        return fail(in, g, line, false, "\"context\" is not a JSON object");
    json_object_object_foreach(o, key, val) {
        bool drop = key[0] == '\0';
        for (size_t i = 0; i < sizeof skip / sizeof skip[0]; i++)
            drop = drop || strcmp(key, skip[i]) == 0;
        if (drop)
            continue;
        const char *s;
        switch (json_object_get_type(val)) {
        case json_type_string:
        case json_type_int:
        case json_type_double:  /* json-c keeps the number as written */
            s = json_object_get_string(val);
            break;
        case json_type_boolean:
            s = json_object_get_boolean(val) ? "true" : "false";
            break;
        default:                /* caches, load_avg: not one value */
            continue;
        }
        size_t kn = strlen(key), sn = strlen(s);
        if (sn == 0)
            continue;
        char *w = scratch(g, kn + sn);
        if (!w)
            return parse_oom(in);
        word(key, kn, w);
        /* a config value is one line */
        for (size_t i = 0; i < sn; i++)
            w[kn + i] = (unsigned char)s[i] < ' ' || s[i] == 0x7F ? ' ' : s[i];
        if (parse_emit_config(in, w, kn, w + kn, sn) != 0)
            return parse_oom(in);
    }
    return 0;
}

/* ------------------------------------------------------------------- walk */

/* gbjson_next: see gbjson.h. */
int gbjson_next(parse_input *in, parse_result *res)
{
    gbjson *g = in->json;
    json_object *o;
    int k;
    for (;;) {
        skip_blanks(g);
        size_t at = g->pos;
        int c = at < g->len ? (unsigned char)g->buf[at] : -1;
        switch (g->st) {
        case GB_OPEN:
            if (c != '{')       /* gbjson_sniff saw one */
                return fail(in, g, line_at(g, at), true, "expected '{'");
            g->pos++;
            g->st = GB_FIRST_KEY;
            continue;
        case GB_FIRST_KEY:
        case GB_KEY:
            if (c == '}' && g->st == GB_FIRST_KEY) {
                g->end = at;
                g->pos++;
                g->st = GB_END;
                continue;
            }
            if (c < 0)
                return truncated(in, g);
            if (c != '"')
                return fail(in, g, line_at(g, at), true, "invalid JSON: expected a key");
            if ((k = value(in, g, &o)) != 0)
                return k;
            char key[16];       /* only two keys matter, both short */
            snprintf(key, sizeof key, "%s", json_object_get_string(o));
            json_object_put(o);
            skip_blanks(g);
            if (g->pos >= g->len)
                return truncated(in, g);
            if (g->buf[g->pos] != ':')
                return fail(in, g, line_at(g, g->pos), true,
                            "invalid JSON: expected ':' after a key");
            g->pos++;
            skip_blanks(g);
            at = g->pos;
            g->st = GB_AFTER_VALUE;
            if (strcmp(key, "benchmarks") == 0) {
                if (at >= g->len)
                    return truncated(in, g);
                if (g->buf[at] != '[')
                    return fail(in, g, line_at(g, at), true, "\"benchmarks\" is not an array");
                g->pos++;
                g->benchmarks = true;
                g->st = GB_FIRST_RUN;
                continue;
            }
            if ((k = value(in, g, &o)) != 0)
                return k;
            k = strcmp(key, "context") == 0 ? context(in, g, o, line_at(g, at)) : 0;
            json_object_put(o);
            if (k != 0)
                return k;
            continue;
        case GB_AFTER_VALUE:
        case GB_AFTER_RUN:
            if (c < 0)
                return truncated(in, g);
            if (c == ',') {
                g->pos++;
                g->st = g->st == GB_AFTER_VALUE ? GB_KEY : GB_RUN;
                continue;
            }
            if (c == (g->st == GB_AFTER_VALUE ? '}' : ']')) {
                g->end = at;
                g->pos++;
                g->st = g->st == GB_AFTER_VALUE ? GB_END : GB_AFTER_VALUE;
                continue;
            }
            return fail(in, g, line_at(g, at), true, "invalid JSON: expected ',' or '%c'",
                        g->st == GB_AFTER_VALUE ? '}' : ']');
        case GB_FIRST_RUN:
        case GB_RUN:
            if (c == ']' && g->st == GB_FIRST_RUN) {
                g->pos++;
                g->st = GB_AFTER_VALUE;
                continue;
            }
            if (c < 0)
                return truncated(in, g);
            if ((k = value(in, g, &o)) != 0)
                return k;
            g->st = GB_AFTER_RUN;
            k = run(in, g, o, line_at(g, at), res);
            json_object_put(o);
            if (k != 0)
                return k;
            continue;
        case GB_END:
            g->st = GB_DONE;
            if (c >= 0)
                return fail(in, g, line_at(g, at), true,
                            "invalid JSON: more after the end of the document");
            if (!g->benchmarks)
                return fail(in, g, line_at(g, g->end), true,
                            "no \"benchmarks\" array: not Google Benchmark JSON");
            return PARSE_EOF;
        case GB_DONE:
            return PARSE_EOF;
        }
    }
}
