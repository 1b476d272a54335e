/*
 * test_stats_parse.c -- the benchmark format reader (stats/parse.h) against
 * benchstat's rules (docs/benchstat.md, Command line and Reader): every error
 * message, unit tidying with the 0/Inf quirk, number syntax, config lines,
 * CRLF, the 64 KiB line limit, labels, and escstat's UTF-16/binary detection.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "parse.h"
#include "../tap.h"

static char tmpdir[] = "/tmp/test_stats_parse.XXXXXX";

/* write_file: a file in tmpdir with content (n bytes); returns its path. */
static const char *write_file(const char *name, const char *content, size_t n)
{
    static char path[512];
    snprintf(path, sizeof path, "%s/%s", tmpdir, name);
    FILE *f = fopen(path, "wb");
    if (!f)
        return NULL;
    fwrite(content, 1, n, f);
    fclose(f);
    return path;
}

/* run: parse content as file "t.txt"; returns a malloc'd transcript, one
   line per record: "R name value unit [orig_value orig_unit] ..." for
   results (%.17g), "E message" for errors, "F message" for fatal. */
static char *run_n(parse_set *ps, const char *content, size_t n)
{
    const char *path = write_file("t.txt", content, n);
    char *args[1] = { (char *)path };
    parse_arg *pa;
    size_t cap = 1 << 16, len = 0;
    char *out = malloc(cap);
    out[0] = '\0';
    if (parse_args(args, 1, &pa) != 0)
        return out;
    parse_input in;
    if (parse_open(ps, &in, &pa[0]) != 0) {
        snprintf(out, cap, "F %s\n", in.err);
        parse_args_free(pa, 1);
        return out;
    }
    parse_result r;
    int k;
    while ((k = parse_next(&in, &r)) != PARSE_EOF && len < cap - 4096) {
        if (k == PARSE_ERROR) {
            const char *m = strstr(in.err, "t.txt:");
            len += (size_t)snprintf(out + len, cap - len, "E %s\n", m ? m : in.err);
            continue;
        }
        if (k == PARSE_FATAL) {
            const char *m = strstr(in.err, "t.txt");
            len += (size_t)snprintf(out + len, cap - len, "F %s\n", m ? m : in.err);
            break;
        }
        len += (size_t)snprintf(out + len, cap - len, "R %s", parse_str(ps, r.name));
        for (size_t i = 0; i < r.nvalues; i++) {
            const parse_value *v = &r.values[i];
            len += (size_t)snprintf(out + len, cap - len, " %.17g %s", v->value,
                                    parse_str(ps, v->unit));
            if (v->unit != v->orig_unit)
                len += (size_t)snprintf(out + len, cap - len, " (%.17g %s)", v->orig_value,
                                        parse_str(ps, v->orig_unit));
        }
        parse_config c = parse_set_config(ps, r.config);
        for (size_t i = 0; i < c.n; i++)
            len += (size_t)snprintf(out + len, cap - len, " {%s=%s}", parse_str(ps, c.kv[i].key),
                                    parse_str(ps, c.kv[i].val));
        len += (size_t)snprintf(out + len, cap - len, "\n");
    }
    parse_close(&in);
    parse_args_free(pa, 1);
    return out;
}

static char *run(parse_set *ps, const char *content)
{
    return run_n(ps, content, strlen(content));
}

/* check: parse content with a fresh set and compare the transcript. */
static void check(const char *content, const char *want, const char *what)
{
    parse_set ps;
    parse_set_init(&ps);
    char *got = run(&ps, content);
    is_str(got, want, "%s", what);
    free(got);
    parse_set_release(&ps);
}

static void test_errors(void)
{
    check("BenchmarkA\n", "", "bare name (go test -v) is skipped silently");
    check("BenchmarkA \n", "E t.txt:1: missing iteration count\n",
          "name and trailing space: missing iteration count");
    check("BenchmarkA x 5 ns/op\n", "E t.txt:1: parsing iteration count: invalid syntax\n",
          "iteration count syntax");
    check("BenchmarkA 99999999999999999999 5 ns/op\n",
          "E t.txt:1: parsing iteration count: value out of range\n", "iteration count range");
    check("BenchmarkA 10\n", "E t.txt:1: missing measurements\n", "no measurements");
    check("BenchmarkA 10 5x ns/op\n", "E t.txt:1: parsing measurement: invalid syntax\n",
          "measurement syntax");
    check("BenchmarkA 10 1e999 ns/op\n", "E t.txt:1: parsing measurement: value out of range\n",
          "measurement range");
    check("BenchmarkA 10 5\n", "E t.txt:1: missing units\n", "value without unit");
    check("BenchmarkA 10 5 ns/op extra\n", "E t.txt:1: parsing measurement: invalid syntax\n",
          "a trailing token drops the whole line");
    check("\n\nBenchmarkA 10 5 ns/op 6\nBenchmarkA 10 7 B/op\n",
          "E t.txt:3: missing units\nR A 7 B/op\n", "line numbers are 1-based, parsing goes on");
    check("Unit\n", "E t.txt:1: missing unit\n", "Unit line without unit");
    check("Unit x foo\n", "E t.txt:1: expected key=value\n", "Unit field without =");
    check("Unit x =v\n", "E t.txt:1: expected key=value\n", "Unit field starting with =");
    check("Unit x assume=exact\nUnit x assume=exact\nUnit x assume=nothing better=higher a\n",
          "E t.txt:3: metadata assume of unit x already set to exact\n"
          "E t.txt:3: expected key=value\n",
          "conflicting Unit metadata; same value again is fine; errors in field order");
}

static void test_values(void)
{
    check("BenchmarkA-8 100 5 ns/op 3.5 MB/s 16 B/op 1 allocs/op\n",
          "R A-8 5.0000000000000001e-09 sec/op (5 ns/op) 3500000 B/s (3.5 MB/s) 16 B/op 1 "
          "allocs/op\n",
          "tidying of the testing package's units");
    check("BenchmarkA 1 0 ns/op +Inf ns/op 0.00 MB/s\n",
          "R A 0 ns/op inf ns/op 0 MB/s\n", "0 and Inf keep the untidied unit (quirk)");
    check("BenchmarkA 1 2 x-ns/op 2 op/ns 2 MB*MB/s 2 MB/MB 2 ns 3 nsx/op\n",
          "R A 2.0000000000000001e-09 x-sec/op (2 x-ns/op) 2 op/ns 2000000000000 B*B/s (2 MB*MB/s) "
          "2000000 B/MB (2 MB/MB) 2.0000000000000001e-09 sec (2 ns) 3 nsx/op\n",
          "tidying: numerator tokens only, whole tokens only");
    check("BenchmarkA 1 1_000 x 0x1p4 y inf z -Infinity w 1.5e3 v .5 u 5. t\n",
          "R A 1000 x 16 y inf z -inf w 1500 v 0.5 u 5 t\n", "Go float syntax");
    check("BenchmarkA 1 0x10 x\n", "E t.txt:1: parsing measurement: invalid syntax\n",
          "hex without p exponent");
    check("BenchmarkA 1 _1 x\n", "E t.txt:1: parsing measurement: invalid syntax\n",
          "leading underscore");
    check("BenchmarkA 1 infin x\n", "E t.txt:1: parsing measurement: invalid syntax\n",
          "partial infinity");
    check("BenchmarkA -5 1 x\nBenchmarkB +5 1 x\n", "R A 1 x\nR B 1 x\n",
          "signed iteration counts are accepted");
    check("Benchmark 100 5 x\n", "R  5 x\n", "empty name");
    check("BenchmarkA\t 1\t\t2 x\r\nBenchmarkB 1 3 y\r\n", "R A 2 x\nR B 3 y\n",
          "tabs, runs of blanks and CRLF");
    check("BenchmarkA\xc2\xa0" "1 2\xe2\x80\x83" "x\n", "R A 2 x\n", "Unicode spaces separate fields");
    check("BenchmarkA 1 2 x", "R A 2 x\n", "last line without newline");

    /* the decimal form used for compact storage is exact */
    parse_set ps;
    parse_set_init(&ps);
    const char *path = write_file("d.txt", "BenchmarkA 1 44.40 x 1234 y 1e3 z\n", 34);
    char *args[1] = { (char *)path };
    parse_arg *pa;
    parse_args(args, 1, &pa);
    parse_input in;
    parse_result r;
    ok(parse_open(&ps, &in, &pa[0]) == 0 && parse_next(&in, &r) == PARSE_RESULT &&
       r.nvalues == 3, "decimal forms parsed");
    is_int(r.values[0].dec_mant, 4440, "44.40: mantissa");
    is_int(r.values[0].dec_scale, 2, "44.40: scale");
    is_double((double)r.values[0].dec_mant / 100, r.values[0].value, 0, "44.40: exact");
    is_int(r.values[1].dec_scale, 0, "1234: scale 0");
    is_int(r.values[2].dec_scale, -1, "1e3: no decimal form");
    parse_close(&in);
    parse_args_free(pa, 1);
    parse_set_release(&ps);
}

static void test_config(void)
{
    check("goos: linux\nBenchmarkA 1 2 x\n", "R A 2 x {goos=linux}\n", "config line");
    check("goos:linux\nKey: v\n key: v\nBenchmarkA 1 2 x\n", "R A 2 x\n",
          "no blank after the colon, upper case, leading blank: not config");
    check("note: a b  \nBenchmarkA 1 2 x\n", "R A 2 x {note=a b  }\n",
          "trailing blanks are part of the value");
    check("a: 1\nb: 2\nc: 3\na:\nBenchmarkA 1 2 x\nb:   \nBenchmarkB 1 2 x\n",
          "R A 2 x {c=3} {b=2}\nR B 2 x {c=3}\n",
          "empty value deletes; the last key moves into its place");
    check("a: 1\nBenchmarkA 1 2 x\na: 2\nBenchmarkA 1 3 x\n",
          "R A 2 x {a=1}\nR A 3 x {a=2}\n", "config changes mid-file");
    check("a: 1\r\nBenchmarkA 1 2 x\r\n", "R A 2 x {a=1}\n", "CRLF config value");

    /* config resets per input; unit metadata persists */
    parse_set ps;
    parse_set_init(&ps);
    char *a = run(&ps, "Unit x assume=exact\nk: v\nBenchmarkA 1 2 x\n");
    char *b = run(&ps, "BenchmarkA 1 2 x\nUnit x assume=nothing\n");
    is_str(a, "R A 2 x {k=v}\n", "first input");
    is_str(b, "R A 2 x\nE t.txt:2: metadata assume of unit x already set to exact\n",
           "second input: no config, metadata remembered");
    parse_id x = parse_lookup(&ps, "x", 1);
    parse_id v = parse_unit_meta_get(&ps, x, "assume");
    is_str(v == (parse_id)-1 ? "(none)" : parse_str(&ps, v), "exact", "assume=exact looked up");
    free(a);
    free(b);
    char *c = run(&ps, "Unit ns/op assume=exact\n");
    parse_id sec = parse_lookup(&ps, "sec/op", 6);
    v = sec == (parse_id)-1 ? (parse_id)-1 : parse_unit_meta_get(&ps, sec, "assume");
    is_str(v == (parse_id)-1 ? "(none)" : parse_str(&ps, v), "exact",
           "Unit metadata is stored under the tidied unit");
    free(c);
    parse_set_release(&ps);
}

static void test_limits(void)
{
    size_t n = 70000; /* room for a line of 65536 and more */
    char *big = malloc(n + 64);
    /* a comment line of exactly 65535 bytes is fine, 65536 is not */
    memset(big, 'x', 65535);
    strcpy(big + 65535, "\nBenchmarkA 1 2 x\n");
    parse_set ps;
    parse_set_init(&ps);
    char *got = run(&ps, big);
    is_str(got, "R A 2 x\n", "65535-byte line is accepted");
    free(got);
    memcpy(big, "BenchmarkA 1 2 x\n", 17);
    memset(big + 17, 'x', 65536);
    strcpy(big + 17 + 65536, "\nBenchmarkA 1 2 x\n");
    got = run(&ps, big);
    is_str(got, "R A 2 x\nF t.txt:1: bufio.Scanner: token too long\n",
           "65536-byte line: token too long, line = lines read before");
    free(got);
    got = run_n(&ps, "\xff\xfe" "B\0e\0n\0", 8);
    is_str(got, "F t.txt: input looks like UTF-16 (convert with iconv -f UTF-16 -t UTF-8)\n",
           "UTF-16 little-endian BOM");
    free(got);
    got = run_n(&ps, "\xfe\xff\0B\0e", 6);
    is_str(got, "F t.txt: input looks like UTF-16 (convert with iconv -f UTF-16 -t UTF-8)\n",
           "UTF-16 big-endian BOM");
    free(got);
    got = run_n(&ps, "B\0e\0n\0c\0h\0m\0a\0r\0k\0", 18);
    is_str(got, "F t.txt: input looks like UTF-16 (convert with iconv -f UTF-16 -t UTF-8)\n",
           "UTF-16 without BOM");
    free(got);
    got = run_n(&ps, "BenchmarkA 1 2 x\n\x7f" "ELF\0\0\0\x01", 25);
    is_str(got, "F t.txt: input looks like a binary file\n", "NUL bytes: binary file");
    free(got);
    got = run_n(&ps, "\0\0\0\0\0\0\0\0\0\0\0\0", 12);
    is_str(got, "F t.txt: input looks like a binary file\n", "all NUL: binary, not UTF-16");
    free(got);
    parse_set_release(&ps);
    free(big);

    parse_input in;
    parse_arg a = { "/nonexistent/x.txt", (char *)"x", false };
    parse_set_init(&ps);
    ok(parse_open(&ps, &in, &a) == -1, "missing file fails to open");
    is_str(in.err, "open /nonexistent/x.txt: no such file or directory", "Go's open error text");
    parse_set_release(&ps);
}

/* big_file: name in tmpdir with nlines lines "BenchmarkT/n=%07zu 1 %zu ns/op"
   (34 bytes each, numbered from 1), then extra (may be NULL).  Returns the
   path (static). */
static const char *big_file(const char *name, size_t nlines, const char *extra, size_t nextra)
{
    static char path[512];
    snprintf(path, sizeof path, "%s/%s", tmpdir, name);
    FILE *f = fopen(path, "wb");
    if (!f)
        return NULL;
    for (size_t i = 1; i <= nlines; i++)
        fprintf(f, "BenchmarkT/n=%07zu 1 %04zu ns/op\n", i, i % 10000);
    if (extra)
        fwrite(extra, 1, nextra, f);
    fclose(f);
    return path;
}

/* count_run: read path to its end with pipeline_min pmin; returns a
   transcript: "N results, last NAME line L" then every error or fatal
   message as run_n writes them.  If after_n is non-zero, the file is
   truncated to trunc_at bytes once after_n results were read. */
static char *count_run(const char *path, size_t pmin, size_t after_n, off_t trunc_at)
{
    parse_set ps;
    parse_set_init(&ps);
    ps.pipeline_min = pmin;
    char *args[1] = { (char *)path };
    parse_arg *pa;
    size_t cap = 4096, len = 0, nres = 0;
    long last_line = 0;
    char last[64] = "";
    char *out = malloc(cap);
    out[0] = '\0';
    parse_args(args, 1, &pa);
    parse_input in;
    if (parse_open(&ps, &in, &pa[0]) != 0) {
        snprintf(out, cap, "F %s\n", in.err);
        parse_args_free(pa, 1);
        parse_set_release(&ps);
        return out;
    }
    parse_result r;
    int k;
    char msgs[2048] = "";
    size_t ml = 0;
    while ((k = parse_next(&in, &r)) != PARSE_EOF) {
        if (k == PARSE_ERROR || k == PARSE_FATAL) {
            const char *m = strstr(in.err, "t");
            if (ml < sizeof msgs - 600)
                ml += (size_t)snprintf(msgs + ml, sizeof msgs - ml, "%c %s\n",
                                       k == PARSE_ERROR ? 'E' : 'F', m ? strrchr(in.err, '/') + 1 : in.err);
            if (k == PARSE_FATAL)
                break;
            continue;
        }
        nres++;
        if (r.line != last_line + 1 && ml < sizeof msgs - 600)
            ml += (size_t)snprintf(msgs + ml, sizeof msgs - ml, "line %ld after %ld\n", r.line,
                                   last_line);
        last_line = r.line;
        snprintf(last, sizeof last, "%s", parse_str(&ps, r.name));
        if (after_n && nres == after_n && truncate(path, trunc_at) != 0)
            ml += (size_t)snprintf(msgs + ml, sizeof msgs - ml, "truncate failed\n");
    }
    len = (size_t)snprintf(out, cap, "%zu results, last %s line %ld\n%s", nres, last, last_line,
                           msgs);
    (void)len;
    parse_close(&in);
    parse_args_free(pa, 1);
    parse_set_release(&ps);
    return out;
}

/* in_child: count_run in a child process, so that a signal (SIGBUS from a
   mapped file that shrank) is a failed test, not a dead test program.
   Returns the transcript, or "killed by signal N". */
static char *in_child(const char *path, size_t pmin, size_t after_n, off_t trunc_at)
{
    int fds[2];
    char *out = calloc(1, 4096);
    if (pipe(fds) != 0)
        return out;
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        close(fds[0]);
        char *t = count_run(path, pmin, after_n, trunc_at);
        ssize_t w = write(fds[1], t, strlen(t));
        _exit(w < 0);
    }
    close(fds[1]);
    size_t len = 0;
    ssize_t got;
    while (len < 4095 && (got = read(fds[0], out + len, 4095 - len)) > 0)
        len += (size_t)got;
    close(fds[0]);
    int st = 0;
    waitpid(pid, &st, 0);
    if (WIFSIGNALED(st))
        snprintf(out, 4096, "killed by signal %d", WTERMSIG(st));
    return out;
}

/* A file truncated while it is read: the reader reads what is left (as
   benchstat's bufio.Scanner does); a mapped reader died of SIGBUS here.
   Deterministic: the cut lies far beyond what the reader can have read
   ahead (the producer thread runs at most a ring of four 256 KiB blocks
   ahead of the results handed out; one block without the thread). */
static void test_truncated(void)
{
    /* 200 000 lines of 34 bytes: 6.8 MB.  Cut at line 100 000 + 20 bytes
       ("BenchmarkT/n=0100001 1" -- a line without measurements). */
    const char *path = NULL;
    off_t cut = (off_t)100000 * 34 + 22;
    size_t pmins[2] = { 1, SIZE_MAX };
    const char *how[2] = { "producer thread", "caller's thread" };
    for (int i = 0; i < 2; i++) {
        path = big_file("t.txt", 200000, NULL, 0);
        char *got = in_child(path, pmins[i], 0, 0);
        is_str(got, "200000 results, last T/n=0200000 line 200000\n",
               "%s: the whole file", how[i]);
        free(got);
        got = in_child(path, pmins[i], 100, cut);
        is_str(got, "100000 results, last T/n=0100000 line 100000\n"
                    "E t.txt:100001: missing measurements\n",
               "%s: truncated while read: the shorter file, no signal", how[i]);
        free(got);
    }
}

/* A NUL byte anywhere: in the first block it is sniffed as a binary file;
   later (here after 1.36 MB), the line that holds it stops the input with
   its line number -- no result with a name cut at the NUL. */
static void test_late_nul(void)
{
    static const char tail[] = "BenchmarkX\0Y 1 2 ns/op\nBenchmarkZ 1 3 ns/op\n";
    for (int i = 0; i < 2; i++) {
        size_t pmin = i ? SIZE_MAX : 1;
        const char *path = big_file("t.txt", 40000, tail, sizeof tail - 1);
        char *got = in_child(path, pmin, 0, 0);
        is_str(got, "40000 results, last T/n=0040000 line 40000\n"
                    "F t.txt:40001: input looks like a binary file (NUL byte)\n",
               "NUL on line 40001 (byte 1360010), %s", i ? "caller's thread" : "producer thread");
        free(got);
    }
}

static void test_args(void)
{
    char *args[] = { "a.txt", "b.txt", "a.txt", "L=a.txt", "-", "x=y=z" };
    parse_arg *pa;
    ok(parse_args(args, 6, &pa) == 0, "parse_args");
    is_str(pa[0].label, "a.txt#0", "repeated path #0");
    is_str(pa[1].label, "b.txt", "single path");
    is_str(pa[2].label, "a.txt#1", "repeated path #1");
    is_str(pa[3].label, "L", "label=path: label");
    is_str(pa[3].path, "a.txt", "label=path: path");
    ok(pa[4].is_stdin && strcmp(pa[4].label, "-") == 0, "- is stdin, labelled -");
    is_str(pa[5].label, "x", "split at the first =");
    is_str(pa[5].path, "y=z", "the rest is the path");
    parse_args_free(pa, 6);
}

static void test_names(void)
{
    parse_name_part parts[8];
    size_t base;
    const char *n1 = "Encode/format=json-48";
    size_t np = parse_name_split(n1, strlen(n1), &base, parts, 8);
    is_int(np, 2, "Encode/format=json-48: 2 parts");
    is_int(base, 6, "base Encode");
    ok(np == 2 && parts[0].n == 12 && memcmp(parts[0].s, "/format=json", 12) == 0 &&
       parts[0].keylen == 6 && memcmp(parts[0].val, "json", 4) == 0, "/format=json");
    ok(np == 2 && parts[1].n == 3 && memcmp(parts[1].s, "-48", 3) == 0 &&
       memcmp(parts[1].key, "gomaxprocs", 10) == 0, "-48 is gomaxprocs");
    const char *n2 = "Foo-bar";
    np = parse_name_split(n2, strlen(n2), &base, parts, 8);
    ok(np == 0 && base == 7, "Foo-bar has no GOMAXPROCS suffix");
    const char *n3 = "X/100/y-";
    np = parse_name_split(n3, strlen(n3), &base, parts, 8);
    ok(np == 2 && base == 1 && parts[0].key == NULL && parts[0].vallen == 3 &&
       parts[1].n == 3, "positional part, '-' at the end is no suffix");
    const char *n4 = "Foo-8/sub";
    np = parse_name_split(n4, strlen(n4), &base, parts, 8);
    ok(np == 1 && base == 5, "-8 before a slash belongs to the base");

    char out[64];
    is_double(parse_tidy_unit("ns/op", 5, out, sizeof out), 1e-9, 0, "ns/op factor");
    is_str(out, "sec/op", "ns/op -> sec/op");
    is_double(parse_tidy_unit("MB/s", 4, out, sizeof out), 1e6, 0, "MB/s factor");
    is_double(parse_tidy_unit("ns*ns/op", 8, out, sizeof out), 1e-9 / 1e9, 0,
              "ns*ns: factor divided twice");
    is_str(out, "sec*sec/op", "ns*ns/op");
}

int main(void)
{
    if (!mkdtemp(tmpdir))
        return tap_skip_all("cannot make a temporary directory");
    test_errors();
    test_values();
    test_config();
    test_limits();
    test_args();
    test_truncated();
    test_late_nul();
    test_names();
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    if (system(cmd) != 0)
        tap_diag("could not remove %s", tmpdir);
    return tap_done();
}
