/*
 * fuzz_parse.c -- libFuzzer target for the Go benchmark format reader
 * (stats/parse.h).  The input is one result file; it is read three times:
 * as two command-line inputs naming the same path (labels path#0 and
 * path#1, unit metadata carried over), and as "-" with the bytes on stdin
 * through a pipe (a file and a pipe end their reads differently), through
 * parse_open/parse_next exactly as escstat reads its inputs.  Besides "no crash, no sanitizer report, no leak" the target
 * checks what the header promises and traps when it does not:
 *   - every message is "path:..." and ends in one of benchstat's messages
 *     (or escstat's own fatal ones);
 *   - results have >= 1 value, a line number that grows, valid ids;
 *   - interned strings are NUL-terminated, lookup finds them again;
 *   - the exact decimal form (dec_mant, dec_scale) gives back orig_value;
 *   - value == orig_value * tidy factor (or the 0/Inf quirk);
 *   - parse_float agrees with strtod, and parse_atoi with strtoll, on plain
 *     decimal tokens (Go's ParseFloat and glibc's strtod both round
 *     correctly, so they must give the identical double);
 *   - parse_name_split's parts tile the name.
 * Built by `make fuzz`; tests/progs/fuzz_replay.c replays the corpus and the
 * regression inputs in the ordinary test suite.
 */
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "parse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static fuzz_file fp_in = FUZZ_FILE_INIT;

static const char *const fp_messages[] = {
    "missing iteration count",
    "parsing iteration count: invalid syntax",
    "parsing iteration count: value out of range",
    "missing measurements",
    "parsing measurement: invalid syntax",
    "parsing measurement: value out of range",
    "missing units",
    "missing unit",
    "expected key=value",
    "bufio.Scanner: token too long",
    "input looks like UTF-16 (convert with iconv -f UTF-16 -t UTF-8)",
    "input looks like a binary file",
    "input looks like a binary file (NUL byte)",       /* after the first block */
    "out of memory",
};

/* fp_known_message: err is "path:<line>: msg" or "path: msg" with msg one
   of the documented ones (or "metadata K of unit U already set to V"). */
static int fp_known_message(const char *err, const char *path)
{
    size_t pn = strlen(path);
    if (strncmp(err, path, pn) != 0 || err[pn] != ':')
        return 0;
    const char *m = err + pn + 1;
    if (*m >= '0' && *m <= '9') {
        while (*m >= '0' && *m <= '9')
            m++;
        if (*m++ != ':')
            return 0;
    }
    if (*m++ != ' ')
        return 0;
    for (size_t i = 0; i < sizeof fp_messages / sizeof fp_messages[0]; i++)
        if (strcmp(m, fp_messages[i]) == 0)
            return 1;
    if (strncmp(m, "metadata ", 9) == 0 &&
        ((strstr(m, " of unit ") && strstr(m, " already set to ")) ||
         strlen(m) == 399 || strlen(err) == sizeof ((parse_input *)0)->err - 1))
        return 1;               /* (a long key or unit truncates it) */
    if (strncmp(m, "read error: ", 12) == 0)
        return 1;
    return 0;
}

static void fp_check_string(const parse_set *ps, parse_id id)
{
    FUZZ_CHECK(id < parse_nstr(ps));
    const char *s = parse_str(ps, id);
    size_t n = parse_strlen(ps, id);
    FUZZ_CHECK(s != NULL && s[n] == '\0');
    FUZZ_CHECK(parse_lookup(ps, s, n) == id);
}

/* fp_check_name: the base name and the parts tile the full name. */
static void fp_check_name(const char *full, size_t n)
{
    parse_name_part parts[8];
    size_t base_n = (size_t)-1;
    size_t k = parse_name_split(full, n, &base_n, parts, 8);
    FUZZ_CHECK(base_n <= n);
    if (k > 8)
        return;
    const char *at = full + base_n;
    for (size_t i = 0; i < k; i++) {
        FUZZ_CHECK(parts[i].s == at);
        FUZZ_CHECK(parts[i].n >= 1 && (*at == '/' || *at == '-'));
        FUZZ_CHECK(parts[i].val != NULL);
        FUZZ_CHECK(parts[i].val >= parts[i].s &&
              parts[i].val + parts[i].vallen <= parts[i].s + parts[i].n);
        at += parts[i].n;
    }
    FUZZ_CHECK(at == full + n);
}

/* Inputs up to this size also go through a pipe (its capacity, so the
   write never blocks). */
#define FP_PIPE_MAX 65536

static const double fp_pow10[] = {
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12,
    1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
};

static void fp_check_value(parse_set *ps, const parse_value *v)
{
    fp_check_string(ps, v->unit);
    fp_check_string(ps, v->orig_unit);
    if (v->dec_scale >= 0) {
        FUZZ_CHECK(v->dec_scale <= 22);
        FUZZ_CHECK(v->orig_value == (double)v->dec_mant / fp_pow10[v->dec_scale]);
    } else {
        FUZZ_CHECK(v->dec_scale == -1);
    }
    /* The tidied value is orig * factor, unless that leaves it unchanged
       (0, +-Inf): then benchstat keeps the original unit. */
    const char *u = parse_str(ps, v->orig_unit);
    size_t un = parse_strlen(ps, v->orig_unit);
    size_t tn = un + un / 2 + 2;
    char *t = malloc(tn);
    FUZZ_CHECK(t != NULL);
    double f = parse_tidy_unit(u, un, t, tn);
    double want = v->orig_value * f;
    if (want == v->orig_value || isnan(v->orig_value)) {
        FUZZ_CHECK(v->unit == v->orig_unit || strcmp(parse_str(ps, v->unit), t) == 0);
    } else {
        FUZZ_CHECK(strcmp(parse_str(ps, v->unit), t) == 0);
        FUZZ_CHECK(v->value == want || (isnan(v->value) && isnan(want)));
    }
    free(t);
}

/* fp_plain_decimal: [+-]digits[.digits][e[+-]digits], at least one digit
   in the mantissa -- the tokens on which strtod and Go agree exactly. */
static int fp_plain_decimal(const char *s, size_t n, int int_only)
{
    size_t i = 0, d = 0;
    if (i < n && (s[i] == '+' || s[i] == '-'))
        i++;
    while (i < n && s[i] >= '0' && s[i] <= '9')
        i++, d++;
    if (int_only)
        return d > 0 && i == n;
    if (i < n && s[i] == '.') {
        i++;
        while (i < n && s[i] >= '0' && s[i] <= '9')
            i++, d++;
    }
    if (d == 0)
        return 0;
    if (i < n && (s[i] == 'e' || s[i] == 'E')) {
        i++;
        if (i < n && (s[i] == '+' || s[i] == '-'))
            i++;
        size_t e = 0;
        while (i < n && s[i] >= '0' && s[i] <= '9')
            i++, e++;
        if (e == 0)
            return 0;
    }
    return i == n;
}

/* fp_numbers: parse_float, parse_atoi and parse_tidy_unit on the first
   line of the input (up to 64 bytes), with the strtod/strtoll oracle. */
static void fp_numbers(const uint8_t *data, size_t size)
{
    size_t n = 0;
    while (n < size && n < 64 && data[n] != '\n')
        n++;
    char *s = malloc(n + 1);     /* exact size: ASan sees overreads */
    FUZZ_CHECK(s != NULL);
    memcpy(s, data, n);
    s[n] = '\0';
    int nul = memchr(s, '\0', n) != NULL;

    double v;
    int rc = parse_float(s, n, &v);
    FUZZ_CHECK(rc == 0 || rc == -1 || rc == -2);
    if (!nul && fp_plain_decimal(s, n, 0)) {
        errno = 0;
        double w = strtod(s, NULL);
        if (isinf(w)) {
            FUZZ_CHECK(rc == -2);
        } else {
            FUZZ_CHECK(rc == 0);
            FUZZ_CHECK(memcmp(&v, &w, sizeof v) == 0);
        }
    }
    int64_t iv;
    rc = parse_atoi(s, n, &iv);
    FUZZ_CHECK(rc == 0 || rc == -1 || rc == -2);
    if (!nul && fp_plain_decimal(s, n, 1)) {
        errno = 0;
        long long w = strtoll(s, NULL, 10);
        if (errno == ERANGE) {
            FUZZ_CHECK(rc == -2);
        } else {
            FUZZ_CHECK(rc == 0 && iv == w);
        }
    }
    size_t tn = n + n / 2 + 2;
    char *t = malloc(tn);
    FUZZ_CHECK(t != NULL);
    double f = parse_tidy_unit(s, n, t, tn);
    FUZZ_CHECK(memchr(t, '\0', tn) != NULL);
    FUZZ_CHECK(!(f < 0) && !isnan(f));
    free(t);
    free(s);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fp_numbers(data, size);

    const char *path = fuzz_file_put(&fp_in, data, size);
    /* The third input is the same bytes on stdin through a pipe: the
       reader's reads end differently on a pipe (another code path). */
    size_t nin = 2;
    int saved_stdin = -1;
    if (size <= FP_PIPE_MAX) {
        saved_stdin = fuzz_stdin_put(data, size);
        nin = 3;
    }
    char *args[3] = {(char *)path, (char *)path, (char *)"-"};
    parse_arg *pa;
    FUZZ_CHECK(parse_args(args, nin, &pa) == 0);

    parse_set ps;
    FUZZ_CHECK(parse_set_init(&ps) == 0);
    for (size_t a = 0; a < nin; a++) {
        const char *mpath = a < 2 ? path : "-";
        parse_input in;
        FUZZ_CHECK(parse_open(&ps, &in, &pa[a]) == 0);
        parse_id label = parse_lookup(&ps, pa[a].label, strlen(pa[a].label));
        long last_line = 0, nrec = 0;
        parse_result r;
        int k;
        while ((k = parse_next(&in, &r)) != PARSE_EOF) {
            FUZZ_CHECK(++nrec <= (long)size + 2);
            if (k == PARSE_ERROR || k == PARSE_FATAL) {
                FUZZ_CHECK(memchr(in.err, '\0', sizeof in.err) != NULL);
                /* Google Benchmark JSON (gbjson.h): escstat's own
                   messages, checked by fuzz_gbjson */
                if (in.err_kind != PARSE_ERR_JSON && !fp_known_message(in.err, mpath)) {
                    fprintf(stderr, "fuzz_parse: unexpected message: %s\n",
                            in.err);
                    FUZZ_CHECK(0);
                }
                if (k == PARSE_FATAL)
                    break;
                continue;
            }
            FUZZ_CHECK(k == PARSE_RESULT);
            /* JSON runs may share a line */
            FUZZ_CHECK(r.line >= 1 && (in.json ? r.line >= last_line : r.line > last_line));
            last_line = r.line;
            FUZZ_CHECK(r.input == a);
            FUZZ_CHECK(r.file == label);
            FUZZ_CHECK(r.nvalues >= 1);
            fp_check_string(&ps, r.name);
            fp_check_name(parse_str(&ps, r.name), parse_strlen(&ps, r.name));
            parse_config c = parse_set_config(&ps, r.config);
            for (size_t i = 0; i < c.n; i++) {
                fp_check_string(&ps, c.kv[i].key);
                fp_check_string(&ps, c.kv[i].val);
                FUZZ_CHECK(c.kv[i].val != 0);
            }
            for (size_t i = 0; i < r.nvalues; i++) {
                fp_check_value(&ps, &r.values[i]);
                (void)parse_unit_meta_get(&ps, r.values[i].unit, "assume");
            }
        }
        parse_close(&in);
        parse_close(&in);       /* documented as safe */
    }
    for (size_t id = 0; id < parse_nstr(&ps); id++)
        fp_check_string(&ps, (parse_id)id);
    parse_set_release(&ps);
    parse_args_free(pa, nin);
    if (saved_stdin >= 0)
        fuzz_stdin_restore(saved_stdin);
    return 0;
}
