/*
 * test_stats_gbjson.c -- the Google Benchmark JSON reader (stats/gbjson.h)
 * through the shared reader (parse.h): content detection, the mapping of
 * names, units, values and context, what is not a sample (aggregates,
 * failed runs), and the exact message and line of each malformed input,
 * from a file (mapped) and from a pipe (streamed).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "gbjson.h"
#include "parse.h"
#include "../tap.h"

static char tmpdir[] = "/tmp/test_stats_gbjson.XXXXXX";

/* transcript: parse content (as file "t.json", or through a pipe as "-")
   with a fresh set; one line per record: "R name iters value unit ...
   {key=val}..." (%.17g, tidied units), "E message" (own messages marked
   "E*"), "F message".  Caller frees. */
static char *transcript(const char *content, bool piped)
{
    static char path[512];
    size_t cap = 1 << 16, len = 0;
    char *out = malloc(cap);
    out[0] = '\0';
    snprintf(path, sizeof path, "%s/t.json", tmpdir);
    FILE *f = fopen(path, "wb");
    fputs(content, f);
    fclose(f);
    int saved = -1;
    if (piped) {                /* stdin from the file through a pipe */
        int p[2];
        if (pipe(p) != 0)
            return out;
        if (fork() == 0) {
            close(p[0]);
            size_t n = strlen(content);
            /* in two pieces, so the reader has to read on to decide */
            size_t half = n / 2;
            if (write(p[1], content, half) < 0) _exit(1);
            usleep(20000);
            if (write(p[1], content + half, n - half) < 0) _exit(1);
            _exit(0);
        }
        close(p[1]);
        saved = dup(0);
        dup2(p[0], 0);
        close(p[0]);
    }
    parse_set ps;
    parse_set_init(&ps);
    char *args[1] = { piped ? "-" : path };
    parse_arg *pa;
    parse_args(args, 1, &pa);
    parse_input in;
    if (parse_open(&ps, &in, &pa[0]) != 0) {
        snprintf(out, cap, "F %s\n", in.err);
    } else {
        parse_result r;
        int k;
        while ((k = parse_next(&in, &r)) != PARSE_EOF && len < cap - 4096) {
            const char *m = strstr(in.err, piped ? "-:" : "t.json");
            if (k == PARSE_ERROR) {
                len += (size_t)snprintf(out + len, cap - len, "E%s %s\n", in.err_kind == PARSE_ERR_JSON ? "*" : "",
                                        m ? m : in.err);
                continue;
            }
            if (k == PARSE_FATAL) {
                len += (size_t)snprintf(out + len, cap - len, "F %s\n", m ? m : in.err);
                break;
            }
            len += (size_t)snprintf(out + len, cap - len, "R %s:%ld %lld", parse_str(&ps, r.name),
                                    r.line, (long long)r.iters);
            for (size_t i = 0; i < r.nvalues; i++)
                len += (size_t)snprintf(out + len, cap - len, " %.17g %s", r.values[i].value,
                                        parse_str(&ps, r.values[i].unit));
            parse_config c = parse_set_config(&ps, r.config);
            for (size_t i = 0; i < c.n; i++)
                len += (size_t)snprintf(out + len, cap - len, " {%s=%s}",
                                        parse_str(&ps, c.kv[i].key), parse_str(&ps, c.kv[i].val));
            len += (size_t)snprintf(out + len, cap - len, "\n");
        }
        parse_close(&in);
    }
    parse_args_free(pa, 1);
    parse_set_release(&ps);
    if (piped) {
        dup2(saved, 0);
        close(saved);
        while (wait(NULL) > 0)
            ;
    }
    return out;
}

/* check: the transcript of content, mapped and piped (the pipe's name is
   "-" where the file's is "t.json"). */
static void check(const char *content, const char *want, const char *what)
{
    char *got = transcript(content, false);
    is_str(got, want, "%s", what);
    free(got);
    char *want_pipe = strdup(want), *p;
    while ((p = strstr(want_pipe, "t.json:")) != NULL)
        memmove(p, p + 5, strlen(p + 5) + 1), p[0] = '-';
    got = transcript(content, true);
    is_str(got, want_pipe, "%s (through a pipe)", what);
    free(got);
    free(want_pipe);
}

static void test_names(void)
{
    static const struct { const char *in, *want; } cases[] = {
        { "BM_memcpy/8", "BM_memcpy/8" },
        { "BM_memcpy/8/threads:2", "BM_memcpy/8-2" },
        { "BM_x/size:8/len:2", "BM_x/size=8/len=2" },
        { "BM_x/min_time:0.500/iterations:10/repeats:3/real_time/threads:16",
          "BM_x/min_time=0.500/iterations=10/repeats=3/real_time-16" },
        { "BM_x/threads:1", "BM_x-1" },
        { "BM_x/threads:", "BM_x/threads=" },           /* no number: a key */
        { "BM_x/threads:2x", "BM_x/threads=2x" },
        { "ns::f<int, 2>/4", "ns::f<int,_2>/4" },      /* function name kept, blank -> _ */
        { "BM_x/a=b:c", "BM_x/a=b:c" },                 /* already key=value */
        { "BM_x/:8", "BM_x/:8" },                       /* no key before ':' */
        { "", "" },
        { "/", "/" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char out[256];
        size_t n = gbjson_name(cases[i].in, strlen(cases[i].in), out);
        is_str(out, cases[i].want, "name '%s'", cases[i].in);
        ok(n == strlen(out) && n <= strlen(cases[i].in), "name '%s': length", cases[i].in);
    }
}

static void test_sniff(void)
{
    static const struct { const char *in; int want; } cases[] = {
        { "{\"context\": {", 1 },
        { " \r\n\t{\n  \"benchmarks\": [", 1 },
        { "{}", 1 },
        { "{\"Time\":\"2025-04-07\",\"Action\":\"start\"}", 0 },   /* go test -json */
        { "BenchmarkA 1 2 ns/op\n{\"context\"", 0 },
        { "goos: linux\n", 0 },
        { "[1]", 0 },
        { "{\"cont", -1 },
        { "{\"bench", -1 },
        { "{", -1 },
        { "   ", -2 },
        { "", -2 },
        { "{\"contexts\"", 0 },
        { "{ 'context'", 0 },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        is_int(gbjson_sniff(cases[i].in, strlen(cases[i].in)), cases[i].want, "sniff case %zu",
               i);
}

#define CTX "{\n \"context\": {\"date\": \"2026-12-06\", \"host_name\": \"box\", " \
            "\"executable\": \"./b\", \"num_cpus\": 2, \"mhz_per_cpu\": 2694.87, " \
            "\"cpu_scaling_enabled\": false, \"caches\": [{\"level\": 1}], " \
            "\"load_avg\": [1.5], \"library_build_type\": \"debug\", \"note\": \"a\\nb\"},\n"
#define CFG " {host_name=box} {num_cpus=2} {mhz_per_cpu=2694.87} " \
            "{cpu_scaling_enabled=false} {library_build_type=debug} {note=a b}"
#define L20 "aaaaaaaaaaaaaaaaaaaa"
#define L120 L20 L20 L20 L20 L20 "bbbbbbbbbbbbbbbbbbb"
#define RUN(name, rest) "{\"name\": \"" name "\", \"run_type\": \"iteration\", " \
            "\"iterations\": 10, " rest "}"

static void test_runs(void)
{
    check(CTX " \"benchmarks\": [\n"
          "  " RUN("BM_a/size:8/threads:2", "\"real_time\": 12.5, \"cpu_time\": 1.25e1, "
                   "\"time_unit\": \"ns\", \"bytes_per_second\": 5e9, \"frobs\": 3, "
                   "\"items_per_second\": 2, \"label\": \"x\", \"allocs_per_iter\": 1") ",\n"
          "  {\"name\": \"BM_a/size:8/threads:2_mean\", \"run_type\": \"aggregate\", "
          "\"aggregate_name\": \"mean\", \"iterations\": 2, \"real_time\": 9, "
          "\"time_unit\": \"ns\"},\n"
          "  " RUN("BM_us", "\"real_time\": 1.5, \"cpu_time\": 0.5, \"time_unit\": \"us\"") ",\n"
          "  " RUN("BM_ms", "\"real_time\": 2, \"time_unit\": \"ms\", \"my counter\": NaN") ",\n"
          "  " RUN("BM_s", "\"real_time\": 3, \"time_unit\": \"s\", \"x\": -Infinity") ",\n"
          "  " RUN("BM_err", "\"error_occurred\": true, \"error_message\": \"no\", "
                   "\"real_time\": 0, \"time_unit\": \"ns\"") ",\n"
          "  {\"name\": \"BM_old_aggregate_stddev\", \"aggregate_name\": \"stddev\", "
          "\"iterations\": 2, \"real_time\": 9, \"time_unit\": \"ns\"}\n"
          " ]\n}\n",
          "R BM_a/size=8-2:4 10 1.2500000000000001e-08 sec/op 1.2500000000000001e-08 cpu-sec/op 5000000000 B/s 3 frobs "
          "2 items/s 1 allocs/op" CFG "\n"
          "R BM_us:6 10 1.5e-06 sec/op 5.0000000000000008e-07 cpu-sec/op" CFG "\n"
          "R BM_ms:7 10 0.002 sec/op nan my_counter" CFG "\n"
          "R BM_s:8 10 3 sec/op -inf x" CFG "\n",
          "runs: names, units, values, config; aggregates and failed runs are not samples");
    check("{\"benchmarks\": [" RUN("a", "\"real_time\": 0, \"time_unit\": \"ns\"") "], "
          "\"context\": {\"k\": \"late\"}}",
          "R a:1 10 0 ns/op\n",
          "no context: no config; 0 ns/op keeps its unit (benchstat's quirk)");
    check("{\"benchmarks\": []}", "", "no runs");
    check("", "", "an empty input is not JSON");
    check(" \n\t\n", "", "a blank input is not JSON");
}

static void test_errors(void)
{
    check(CTX " \"benchmarks\": [\n  " RUN("a", "\"real_time\": 1, \"time_unit\": \"ns\"")
          ",\n  " RUN("b", "\"real_time\": 1, \"time_unit\": \"ns\""),
          "R a:4 10 1.0000000000000001e-09 sec/op" CFG "\n"
          "R b:5 10 1.0000000000000001e-09 sec/op" CFG "\n"
          "E* t.json:5: unexpected end of JSON input (truncated? the 2 runs before it are kept)\n",
          "truncated after a run: the runs before are kept");
    check(CTX " \"benchmarks\": [\n  " RUN("a", "\"real_time\": 1, \"time_unit\": \"ns\"")
          ",\n  {\"name\": \"b\", \"iter",
          "R a:4 10 1.0000000000000001e-09 sec/op" CFG "\n"
          "E* t.json:5: unexpected end of JSON input (truncated? the 1 run before it is kept)\n",
          "truncated inside a run");
    check("{\n\"context\": {\"a\": ", "E* t.json:2: unexpected end of JSON input (truncated?)\n",
          "truncated in the context");
    check("  {", "E* t.json:1: unexpected end of JSON input (truncated?)\n", "just a brace");
    check("{\"benchmarks\": [\n" RUN("a", "\"real_time\": 1 \"time_unit\": \"ns\"") "]}",
          "E* t.json:2: invalid JSON: object value separator ',' expected\n",
          "syntax error inside a run: its line, the rest dropped");
    check("{\"benchmarks\": [\n" RUN("a", "\"real_time\": 1, \"time_unit\": \"ns\"") "\n"
          RUN("b", "\"real_time\": 1, \"time_unit\": \"ns\"") "]}",
          "R a:2 10 1.0000000000000001e-09 sec/op\n"
          "E* t.json:3: invalid JSON: expected ',' or ']'\n",
          "missing comma between runs");
    check("{\"benchmarks\": []\n\"context\": {}}", "E* t.json:2: invalid JSON: expected ',' or '}'\n",
          "missing comma at the top");
    check("{\"benchmarks\": [], 7: 1}", "E* t.json:1: invalid JSON: expected a key\n",
          "a key that is not a string");
    check("{\"benchmarks\" [", "E* t.json:1: invalid JSON: expected ':' after a key\n",
          "no colon");
    check("{\"benchmarks\": {}}", "E* t.json:1: \"benchmarks\" is not an array\n",
          "benchmarks not an array");
    check("{\"context\": {}}\n", "E* t.json:1: no \"benchmarks\" array: not Google Benchmark JSON\n",
          "no benchmarks array");
    check("{\"benchmarks\": []}\n{\"benchmarks\": []}\n",
          "E* t.json:2: invalid JSON: more after the end of the document\n",
          "two documents");
    check("{\"context\": 5, \"benchmarks\": [\n7,\n{\"iterations\": 1},\n"
          RUN("i", "\"iterations\": \"5\", \"real_time\": 1, \"time_unit\": \"ns\"") ",\n"
          "{\"name\": \"j\", \"iterations\": 1.5, \"real_time\": 1, \"time_unit\": \"ns\"},\n"
          "{\"name\": \"k\", \"iterations\": 99999999999999999999, \"real_time\": 1, "
          "\"time_unit\": \"ns\"},\n"
          RUN("l", "\"real_time\": \"1\", \"time_unit\": \"ns\"") ",\n"
          RUN("m", "\"real_time\": 1") ",\n"
          RUN("n", "\"real_time\": 1, \"time_unit\": \"xs\"") ",\n"
          RUN("o", "\"real_time\": 1, \"time_unit\": \"ns\"") "]}",
          "E* t.json:1: \"context\" is not a JSON object\n"
          "E* t.json:2: a benchmark run that is not a JSON object\n"
          "E* t.json:3: a benchmark run without a \"name\" string\n"
          "E* t.json:4: i: \"iterations\" is missing or not an integer\n"
          "E* t.json:5: j: \"iterations\" is missing or not an integer\n"
          "E* t.json:6: k: \"iterations\" is out of range\n"
          "E* t.json:7: l: \"real_time\" is missing or not a number\n"
          "E* t.json:8: m: \"time_unit\" is missing or not a string\n"
          "E* t.json:9: n: time_unit \"xs\" is not ns, us, ms or s\n"
          "R o:10 10 1.0000000000000001e-09 sec/op\n",
          "bad runs are skipped with a message each, reading goes on");
    /* what a message shows of a hostile name or unit: one line, no
       terminal escape, at most 120 (24) bytes cut at a character boundary
       and "...": the same through a pipe, whose name is shorter */
    check("{\"benchmarks\": [\n"
          "{\"name\": \"x\\u001b[31m\\ny z\", \"iterations\": \"1\"},\n"
          "{\"name\": \"" L120 "\u00e9\", \"iterations\": \"1\"},\n"
          RUN("u", "\"real_time\": 1, \"time_unit\": \"" L20 "\\t\u00e9\u00e9\"") "]}",
          "E* t.json:2: x_[31m_y_z: \"iterations\" is missing or not an integer\n"
          "E* t.json:3: " L120 "...: \"iterations\" is missing or not an integer\n"
          "E* t.json:4: u: time_unit \"" L20 "_\u00e9...\" is not ns, us, ms or s\n",
          "hostile names and units in messages: one line, cut");
    check("{\"benchmarks\": [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]"
          "]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}",
          "E* t.json:1: invalid JSON: nesting too deep\n", "deep nesting is an error, not a crash");
    /* go test -json: Go format, as benchstat reads it (nothing) */
    check("{\"Time\":\"2025-04-07T14:32:17Z\",\"Action\":\"output\",\"Output\":\"x\"}\n"
          "BenchmarkA 1 2 ns/op\n",
          "R A:2 1 2.0000000000000001e-09 sec/op\n", "go test -json stays Go format");
}

int main(void)
{
    if (!mkdtemp(tmpdir)) {
        perror("mkdtemp");
        return 1;
    }
    test_names();
    test_sniff();
    test_runs();
    test_errors();
    char path[600];
    snprintf(path, sizeof path, "%s/t.json", tmpdir);
    unlink(path);
    rmdir(tmpdir);
    return tap_done();
}
