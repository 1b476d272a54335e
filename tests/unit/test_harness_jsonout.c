/*
 * test_harness_jsonout.c -- escbench -format json (harness/jsonout.h): a
 * results file of escbench (tests/data/escstat/escbench.txt) fed in pieces
 * comes out as Google Benchmark's JSON, with the keys of libbenchmark's
 * runs in libbenchmark's order, and read back by escstat's reader it gives
 * the same results -- names, iterations, every value and unit -- as the
 * text; a document cut short (an interrupted run) still gives every run
 * written before the cut.
 */
#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "jsonout.h"
#include "parse.h"
#include "../tap.h"

static char *doc;
static size_t doc_n;

static int put(void *ctx, const char *text, size_t len)
{
    (void)ctx;
    char *p = realloc(doc, doc_n + len + 1);
    if (!p)
        return -1;
    doc = p;
    memcpy(doc + doc_n, text, len);
    doc_n += len;
    doc[doc_n] = '\0';
    return 0;
}

static char *slurp(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *b = malloc(1 << 20);
    *n = fread(b, 1, (1 << 20) - 1, f);
    b[*n] = '\0';
    fclose(f);
    return b;
}

/* A result as read by parse.h, kept. */
typedef struct rec {
    char name[128];
    long long iters;
    size_t nv;
    char unit[12][32];
    double v[12];
    char cfg[512];
} rec;

/* read_all: the results of file path through parse.h (at most max);
   *err gets the last message.  Returns the count. */
static size_t read_all(const char *path, rec *out, size_t max, char *err, size_t errsz)
{
    parse_set ps;
    parse_set_init(&ps);
    char *args[1] = { (char *)path };
    parse_arg *pa;
    parse_args(args, 1, &pa);
    parse_input in;
    size_t n = 0;
    err[0] = '\0';
    if (parse_open(&ps, &in, &pa[0]) == 0) {
        parse_result r;
        int k;
        while ((k = parse_next(&in, &r)) != PARSE_EOF) {
            if (k != PARSE_RESULT) {
                snprintf(err, errsz, "%s", in.err);
                if (k == PARSE_FATAL)
                    break;
                continue;
            }
            if (n == max)
                continue;
            rec *x = &out[n++];
            snprintf(x->name, sizeof x->name, "%s", parse_str(&ps, r.name));
            x->iters = (long long)r.iters;
            x->nv = r.nvalues < 12 ? r.nvalues : 12;
            for (size_t i = 0; i < x->nv; i++) {
                snprintf(x->unit[i], sizeof x->unit[i], "%s", parse_str(&ps, r.values[i].unit));
                x->v[i] = r.values[i].value;
            }
            parse_config c = parse_set_config(&ps, r.config);
            size_t len = 0;
            x->cfg[0] = '\0';
            for (size_t i = 0; i < c.n && len < sizeof x->cfg; i++)
                len += (size_t)snprintf(x->cfg + len, sizeof x->cfg - len, "{%s=%s}",
                                        parse_str(&ps, c.kv[i].key), parse_str(&ps, c.kv[i].val));
        }
        parse_close(&in);
    }
    parse_args_free(pa, 1);
    parse_set_release(&ps);
    return n;
}

int main(void)
{
    const char *fixture = "tests/data/escstat/escbench.txt";
    size_t tn;
    char *text = slurp(fixture, &tn);
    if (!text) {
        printf("1..0 # SKIP %s not found (run from the top of the tree)\n", fixture);
        return 0;
    }
    jo_start("bin/escbench", 6);
    /* in pieces of 1, 2, 3, ... bytes: lines arrive cut anywhere */
    size_t off = 0, piece = 1;
    int rc = 0;
    while (off < tn && rc == 0) {
        size_t k = tn - off < piece ? tn - off : piece;
        rc = jo_feed(text + off, k, put, NULL);
        off += k;
        piece = piece % 97 + 1;
    }
    ok(rc == 0, "jo_feed takes the whole results file");
    size_t cut = doc_n;         /* the document as an interrupted run leaves it */
    ok(jo_end(put, NULL) == 0, "jo_end ends the document");

    /* structure: libbenchmark's keys, in its order */
    struct json_tokener *tok = json_tokener_new();
    json_object *root = json_tokener_parse_ex(tok, doc, (int)doc_n);
    ok(root != NULL && json_tokener_get_error(tok) == json_tokener_success &&
       json_tokener_get_parse_end(tok) >= doc_n - 1 && strcmp(doc + doc_n - 4, "]\n}\n") == 0,
       "the document is JSON, one object");
    json_tokener_free(tok);
    json_object *ctx = NULL, *runs = NULL, *v;
    json_object_object_get_ex(root, "context", &ctx);
    json_object_object_get_ex(root, "benchmarks", &runs);
    ok(json_object_is_type(ctx, json_type_object), "a context object");
    static const char *const ctx_keys[] = { "date", "host_name", "executable", "num_cpus",
                                            "goos", "goarch", "pkg", "cpu" };
    for (size_t i = 0; i < sizeof ctx_keys / sizeof ctx_keys[0]; i++)
        ok(json_object_object_get_ex(ctx, ctx_keys[i], &v), "context has %s", ctx_keys[i]);
    ok(json_object_object_get_ex(ctx, "cpu", &v) &&
       strcmp(json_object_get_string(v), "AMD EPYC") == 0, "context cpu is the cpu: line");
    ok(json_object_object_get_ex(ctx, "escbench_notes", &v) &&
       json_object_array_length(v) == 4 &&
       strcmp(json_object_get_string(json_object_array_get_idx(v, 3)),
              "clock: CLOCK_MONOTONIC (resolution 1 ns)") == 0,
       "the # notes are escbench_notes");
    ok(json_object_is_type(runs, json_type_array), "a benchmarks array");
    size_t nruns = json_object_array_length(runs);
    static const char *const run_keys[] = {
        "name", "family_index", "per_family_instance_index", "run_name", "run_type",
        "repetitions", "repetition_index", "threads", "iterations", "real_time", "cpu_time",
        "time_unit",
    };
    size_t bad_keys = 0;
    for (size_t i = 0; i < nruns; i++) {
        json_object *r = json_object_array_get_idx(runs, (int)i);
        size_t k = 0;
        json_object_object_foreach(r, key, val) {
            (void)val;
            if (k < sizeof run_keys / sizeof run_keys[0] && strcmp(key, run_keys[k]) != 0)
                bad_keys++;
            k++;
        }
        if (k < sizeof run_keys / sizeof run_keys[0])
            bad_keys++;
    }
    is_int(bad_keys, 0, "every run starts with libbenchmark's keys, in its order");
    json_object *r7 = json_object_array_get_idx(runs, 7);
#define FIELD(o, k) (json_object_object_get_ex((o), (k), &v) ? json_object_get_string(v) : "")
    is_str(FIELD(r7, "name"), "E1ReturnPointer/heap-2", "run 7: the name without Benchmark");
    is_str(FIELD(r7, "family_index"), "1", "run 7: family 1 (Empty is 0)");
    is_str(FIELD(r7, "repetition_index"), "1", "run 7: the second repetition");
    is_str(FIELD(r7, "repetitions"), "6", "run 7: repetitions is -count");
    is_str(FIELD(r7, "B/op"), "16", "run 7: B/op as a user counter");
    is_str(FIELD(r7, "allocs/op"), "1", "run 7: allocs/op as a user counter");
    json_object *r12 = json_object_array_get_idx(runs, 12);
    is_str(FIELD(r12, "name"), "E1ReturnPointer/stack-2", "run 12: the next instance");
    is_str(FIELD(r12, "per_family_instance_index"), "1", "run 12: instance 1 of family 1");
    json_object_put(root);

    /* read back: the same results as the text */
    char dir[] = "/tmp/test_harness_jsonout.XXXXXX", path[128], err[600];
    if (!mkdtemp(dir))
        return 1;
    snprintf(path, sizeof path, "%s/out.json", dir);
    static rec a[4096], b[4096];
    size_t na = read_all(fixture, a, 4096, err, sizeof err);
    FILE *f = fopen(path, "wb");
    fwrite(doc, 1, doc_n, f);
    fclose(f);
    size_t nb = read_all(path, b, 4096, err, sizeof err);
    is_str(err, "", "escstat's reader reads it without a message");
    ok(na == 18 && na == nb && nb == nruns, "as many results as the text (%zu, %zu)", na, nb);
    size_t diff = 0, cfg_missing = 0;
    for (size_t i = 0; i < na && i < nb; i++) {
        /* the JSON run has cpu_time (0: the text has none) second */
        if (strcmp(a[i].name, b[i].name) != 0 || a[i].iters != b[i].iters ||
            b[i].nv != a[i].nv + 1 || strcmp(b[i].unit[1], "cpu-ns/op") != 0 || b[i].v[1] != 0)
            diff++;
        for (size_t j = 0; j < a[i].nv && j + 1 < b[i].nv; j++) {
            size_t jb = j == 0 ? 0 : j + 1;
            if (strcmp(a[i].unit[j], b[i].unit[jb]) != 0 || a[i].v[j] != b[i].v[jb])
                diff++;
        }
        if (!strstr(b[i].cfg, a[i].cfg))
            cfg_missing++;
    }
    is_int(diff, 0, "the same names, iterations, units and identical values, run by run");
    is_int(cfg_missing, 0, "the text's config is in the JSON's, in order");

    /* interrupted: no jo_end */
    f = fopen(path, "wb");
    fwrite(doc, 1, cut, f);
    fclose(f);
    nb = read_all(path, b, 4096, err, sizeof err);
    is_int(nb, na, "a document cut short still gives every run written");
    ok(strstr(err, "unexpected end of JSON input") != NULL, "and says it is truncated: %s", err);
    unlink(path);
    rmdir(dir);
    free(doc);
    free(text);
    return tap_done();
}
