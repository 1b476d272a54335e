/*
 * grammar.c -- the Go benchmark format's lines, as benchfmt/reader.go
 * parses them (parseBenchmarkLine, parseKeyValueLine, the Unit line), with
 * a one-pass scanner for the common benchmark line, and the records they
 * make (results with tidied measurements, config, unit metadata).  See
 * grammar.h.
 */
#include "grammar.h"
#include "intern.h"
#include "strconv.h"
#include "units.h"
#include "utf8.h"
#include "vec.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wctype.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

/* ----------------------------------------------------------------- unicode */

/* utf8_locale: the C.UTF-8 locale for the wide-character class tables,
   made at the first call; (locale_t)0 when the system has none. */
static locale_t utf8_locale(void)
{
    static locale_t loc;
    static int tried;
    if (!tried) {
        tried = 1;
        loc = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);
    }
    return loc;
}

/* rune_is_lower, rune_is_upper: Go's unicode.IsLower / IsUpper: ASCII
   exactly, other runes through the C.UTF-8 locale's tables when
   available. */
static bool rune_is_lower(uint32_t r)
{
    if (r < 0x80)
        return r >= 'a' && r <= 'z';
    locale_t l = utf8_locale();
    return l && iswlower_l((wint_t)r, l);
}

static bool rune_is_upper(uint32_t r)
{
    if (r < 0x80)
        return r >= 'A' && r <= 'Z';
    locale_t l = utf8_locale();
    return l && iswupper_l((wint_t)r, l);
}

static const uint64_t ascii_space = 1ull << '\t' | 1ull << '\n' | 1ull << '\v' |
                                    1ull << '\f' | 1ull << '\r' | 1ull << ' ';

/* ascii_is_space: unicode.IsSpace for a byte below 0x80. */
static inline bool ascii_is_space(unsigned char c)
{
    return c < 64 && ((ascii_space >> c) & 1);
}

/* split_field: benchfmt's splitField.  The field starts at *s; *s and *n
   advance past it and the whitespace after it. */
static inline __attribute__((always_inline)) void split_field(const char **s, size_t *n,
                                                              const char **f, size_t *fn)
{
    const unsigned char *p = (const unsigned char *)*s;
    size_t len = *n, i = 0, rest = len;
    while (i < len) {
        /* fast path: printable ASCII is never a space */
        while (i < len && p[i] > ' ' && p[i] < 0x7F)
            i++;
        if (i >= len)
            break;
        if (p[i] < 0x80) {
            if (ascii_is_space(p[i])) {
                rest = i + 1;
                break;
            }
            i++;
        } else {
            size_t k;
            uint32_t r = utf8_decode(p + i, len - i, &k);
            if (utf8_is_space(r)) {
                rest = i + k;
                break;
            }
            i += k;
        }
    }
    *f = *s;
    *fn = i;
    while (rest < len) {
        if (p[rest] == ' ' || p[rest] == '\t') {
            rest++;
            continue;
        }
        if (p[rest] < 0x80) {
            if (!ascii_is_space(p[rest]))
                break;
            rest++;
        } else {
            size_t k;
            uint32_t r = utf8_decode(p + rest, len - rest, &k);
            if (!utf8_is_space(r))
                break;
            rest += k;
        }
    }
    *s += rest;
    *n = len - rest;
}

/* ---------------------------------------------------------------- records */

/* parse_oom: an allocation failed; reading stops with "out of memory". */
int parse_oom(parse_input *in)
{
    snprintf(in->err, sizeof in->err, "out of memory");
    in->err_kind = PARSE_ERR_NOMEM;
    return PARSE_FATAL;
}

/* syntax_error: the bad line's message "file:line: msg" in in->err;
   returns PARSE_ERROR. */
static int syntax_error(parse_input *in, const char *msg)
{
    snprintf(in->err, sizeof in->err, "%s:%ld: %s", in->path, in->line, msg);
    in->err_kind = PARSE_ERR_SYNTAX;
    return PARSE_ERROR;
}

/* config_set_kv: benchfmt's ensureConfig / deleteConfig on the input's
   current file config. */
static int config_set_kv(parse_input *in, parse_id key, parse_id val)
{
    size_t pos = in->ncur;
    for (size_t i = 0; i < in->ncur; i++)
        if (in->cur[i].key == key) {
            pos = i;
            break;
        }
    if (val == 0) {             /* empty value: delete, last moves into place */
        if (pos < in->ncur) {
            in->cur[pos] = in->cur[in->ncur - 1];
            in->ncur--;
            in->cfg_dirty = true;
        }
        return 0;
    }
    if (pos < in->ncur) {
        if (in->cur[pos].val != val) {
            in->cur[pos].val = val;
            in->cfg_dirty = true;
        }
        return 0;
    }
    if (vec_reserve(&in->cur, &in->cur_cap, in->ncur + 1, sizeof *in->cur) != 0)
        return -1;
    in->cur[in->ncur].key = key;
    in->cur[in->ncur].val = val;
    in->ncur++;
    in->cfg_dirty = true;
    return 0;
}

/* parse_kv_line: benchfmt's parseKeyValueLine.  Returns true for a config
   line; *val_n == 0 means "delete". */
static bool parse_kv_line(const char *line, size_t n, size_t *key_n, const char **val,
                          size_t *val_n)
{
    const unsigned char *u = (const unsigned char *)line;
    size_t i = 0, kn = 0;
    bool found = false;
    while (i < n) {
        size_t k;
        uint32_t r = utf8_decode(u + i, n - i, &k);
        if (i == 0 && !rune_is_lower(r))
            return false;
        if (utf8_is_space(r) || rune_is_upper(r))
            return false;
        if (i > 0 && r == ':') {
            kn = i;
            found = true;
            break;
        }
        i += k;
    }
    if (!found)
        return false;
    const char *v = line + kn + 1;
    size_t vn = n - kn - 1;
    *key_n = kn;
    if (vn == 0) {
        *val = v;
        *val_n = 0;
        return true;
    }
    bool ok = false;
    while (vn > 0 && (*v == ' ' || *v == '\t')) {
        v++;
        vn--;
        ok = true;
    }
    *val = v;
    *val_n = vn;
    return ok;
}

/* parse_unit_rest: the fields of a pending Unit line, up to the first bad
   one.  See grammar.h. */
int parse_unit_rest(parse_input *in)
{
    parse_set *ps = in->set;
    while (in->unit_rest) {
        const char *f;
        size_t fn;
        split_field(&in->unit_rest, &in->unit_rest_n, &f, &fn);
        if (fn == 0) {
            in->unit_rest = NULL;
            break;
        }
        const char *eq = memchr(f, '=', fn);
        if (!eq || eq == f)
            return syntax_error(in, "expected key=value");
        parse_id key = parse_intern(ps, f, (size_t)(eq - f));
        parse_id val = parse_intern(ps, eq + 1, fn - (size_t)(eq - f) - 1);
        if (key == (parse_id)-1 || val == (parse_id)-1)
            return parse_oom(in);
        parse_id old;
        int rc = parse_unit_meta_add(ps, in->unit_tidy, key, val, &old);
        if (rc < 0)
            return parse_oom(in);
        if (rc > 0) {
            char msg[400];
            snprintf(msg, sizeof msg, "metadata %s of unit %s already set to %s",
                     ps->str_ptr[key], ps->str_ptr[in->unit_orig], ps->str_ptr[old]);
            return syntax_error(in, msg);
        }
    }
    return 0;
}

/* short_eq: memcmp(a, b, n) == 0 for the short strings units are,
   without a call. */
static inline bool short_eq(const char *a, const char *b, size_t n)
{
    while (n >= 8) {
        uint64_t x, y;
        memcpy(&x, a, 8);
        memcpy(&y, b, 8);
        if (x != y)
            return false;
        a += 8;
        b += 8;
        n -= 8;
    }
    while (n--)
        if (*a++ != *b++)
            return false;
    return true;
}

/* store_value: measurement nv of the current line: value v (with its
   decimal form) in unit f[0..fn), tidied.  Returns 0, -1 when out of
   memory. */
static inline int store_value(parse_input *in, size_t nv, double v, uint64_t mant, int scale,
                              const char *f, size_t fn, bool same)
{
    parse_set *ps = in->set;
    /* the capacity is checked here, inline: this runs for every value */
    if (nv == in->vals_cap &&
        vec_reserve(&in->vals, &in->vals_cap, nv + 1, sizeof *in->vals) != 0)
        return -1;
    parse_value *pv = &in->vals[nv];
    /* units repeat line after line: compare with the same slot's unit of
       the previous line before hashing */
    parse_id u, tu;
    double factor;
    if (same || (nv < in->nprev_units && ps->str_len[in->prev_units[nv]] == fn &&
                 short_eq(ps->str_ptr[in->prev_units[nv]], f, fn))) {
        u = in->prev_units[nv];
        tu = ps->tidy_unit[u];
        factor = ps->tidy_factor[u];
    } else {
        u = parse_intern(ps, f, fn);
        if (u == (parse_id)-1 || parse_tidy_lookup(ps, u, &tu, &factor) != 0)
            return -1;
    }
    double tv = v * factor;
    pv->orig_value = v;
    pv->orig_unit = u;
    pv->dec_mant = mant;
    pv->dec_scale = scale;
    if (tv == v) {              /* 0, +-Inf, or factor 1: keep the unit */
        pv->value = v;
        pv->unit = u;
    } else {
        pv->value = tv;
        pv->unit = tu;
    }
    return 0;
}

/* finish_result: fill *res for a line with nv measurements. */
static int finish_result(parse_input *in, parse_id name, int64_t iters, size_t nv,
                         parse_result *res)
{
    for (size_t i = 0; i < nv && i < PARSE_PREV_UNITS; i++)
        in->prev_units[i] = in->vals[i].orig_unit;
    in->nprev_units = nv < PARSE_PREV_UNITS ? nv : PARSE_PREV_UNITS;
    if (in->cfg_dirty) {
        int64_t id = parse_config_intern(in->set, in->cur, in->ncur);
        if (id < 0)
            return parse_oom(in);
        in->config = (uint32_t)id;
        in->cfg_dirty = false;
    }
    res->name = name;
    res->file = in->file;
    res->input = in->index;
    res->config = in->config;
    res->line = in->line;
    res->iters = iters;
    res->values = in->vals;
    res->nvalues = nv;
    return PARSE_RESULT;
}

/* line_name: the id of name f[0..fn), comparing with the previous line's
   name before hashing (consecutive lines usually repeat it). */
static inline parse_id line_name(parse_input *in, const char *f, size_t fn)
{
    parse_set *ps = in->set;
    if (in->prev_name != 0 && ps->str_len[in->prev_name] == fn &&
        memcmp(ps->str_ptr[in->prev_name], f, fn) == 0)
        return in->prev_name;
    parse_id name = parse_intern(ps, f, fn);
    if (name != (parse_id)-1)
        in->prev_name = name;
    return name;
}

/* blank_byte: the separators of the common benchmark line. */
static inline bool blank_byte(unsigned char c)
{
    return c == ' ' || c == '\t';
}

/* skip_blanks: past the blanks and tabs from q on, but not past end.
   Reads up to 15 bytes past end: parse_fast_scan runs on chunk text, which has
   64 bytes of defined slack after the last line (scanner.c, chunk_alloc). */
static inline const unsigned char *skip_blanks(const unsigned char *q, const unsigned char *end)
{
#ifdef __SSE2__
    const __m128i sp = _mm_set1_epi8(' '), tab = _mm_set1_epi8('\t');
    while (q < end) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)q);
        unsigned m = (unsigned)_mm_movemask_epi8(
            _mm_or_si128(_mm_cmpeq_epi8(v, sp), _mm_cmpeq_epi8(v, tab)));
        m = ~m & 0xFFFF;
        if (m) {
            q += __builtin_ctz(m);
            return q < end ? q : end;
        }
        q += 16;
    }
    return end;
#else
    while (q < end && blank_byte(*q))
        q++;
    return q;
#endif
}

/* eq_short: a[0..n) == b[0..n) for n <= 16 with two 8-byte loads each;
   reads up to 16 bytes from a and b (chunk text: see skip_blanks). */
static inline bool eq_short(const unsigned char *a, const unsigned char *b, size_t n)
{
    uint64_t x0, y0, x1, y1;
    memcpy(&x0, a, 8);
    memcpy(&y0, b, 8);
    memcpy(&x1, a + 8, 8);
    memcpy(&y1, b + 8, 8);
    uint64_t d0 = x0 ^ y0, d1 = x1 ^ y1;
    if (n < 8)
        return (d0 & ((1ull << (8 * n)) - 1)) == 0;
    if (n == 8)
        return d0 == 0;
    return d0 == 0 && (n == 16 ? d1 == 0 : (d1 & ((1ull << (8 * (n - 8))) - 1)) == 0);
}

/* parse_fast_scan: the common shape in one pass; when it says no, the
   general parser (parse_bench_line) decides, with its error messages.
   See grammar.h. */
bool parse_fast_scan(const char *s, size_t n, fast_line *fl, scan_prev *prev)
{
    const unsigned char *p = (const unsigned char *)s, *end = p + n, *q = p;
    if (n > UINT16_MAX)
        goto no;
    fl->same_units = 0;
    if (prev->name && n > prev->name_len && blank_byte(p[prev->name_len]) &&
        memcmp(p, prev->name, prev->name_len) == 0) {
        q = p + prev->name_len;
        fl->same_name = true;
    } else {
        while (q < end && *q > ' ' && *q < 0x7F)
            q++;
        if (q == p || q == end || !blank_byte(*q))
            goto no;
        fl->same_name = false;
    }
    fl->name_len = (uint16_t)(q - p);
    q = skip_blanks(q, end);
    const unsigned char *d0 = q;
    uint64_t uiters = 0;        /* unsigned: 19+ digits wrap, harmlessly */
    while (q < end && *q >= '0' && *q <= '9')
        uiters = uiters * 10 + (unsigned)(*q++ - '0');
    if (q == d0 || q - d0 > 18 || q == end || !blank_byte(*q))
        goto no;
    fl->iters = (int64_t)uiters;
    q = skip_blanks(q, end);
    size_t nv = 0;
    while (q < end) {
        /* digits, then '.' and digits: at most 15 significant ones (m
           wraps only beyond 19 digits, and then it is not used) */
        const unsigned char *v0 = q;
        uint64_t m = 0;
        int k = -1;
        while (q < end && (unsigned)(*q - '0') <= 9)
            m = m * 10 + (unsigned)(*q++ - '0');
        if (q < end && *q == '.') {
            const unsigned char *f0 = ++q;
            while (q < end && (unsigned)(*q - '0') <= 9)
                m = m * 10 + (unsigned)(*q++ - '0');
            k = (int)(q - f0);
        }
        if (q - v0 > 15 + (k >= 0)) {
            const unsigned char *z = v0;
            while (z < q && (*z == '0' || *z == '.'))
                z++;
            if ((q - z) - (k >= 0 && z <= v0 + (q - v0 - k - 1)) > 15)
                goto no;
        }
        if (q == v0 || q == end || !blank_byte(*q) || (k == 0 && q - v0 == 1) || k > 22)
            goto no;
        if (nv == FAST_MAXV)
            goto no;
        fl->val[nv].mant = m;
        fl->val[nv].scale = (int8_t)(k < 0 ? 0 : k);
        q = skip_blanks(q, end);
        const unsigned char *u0 = q;
        size_t ul = nv < prev->nv ? prev->ulen[nv] : 0;
        if (ul && ul <= 16 && (size_t)(end - q) >= ul && (q + ul == end || blank_byte(q[ul])) &&
            eq_short(q, (const unsigned char *)prev->unit[nv], ul)) {
            q += ul;
            fl->same_units |= (uint8_t)(1u << nv);
        } else {
            while (q < end && *q > ' ' && *q < 0x7F)
                q++;
            if (q == u0 || (q < end && !blank_byte(*q)))
                goto no;
        }
        fl->val[nv].uoff = (uint16_t)(u0 - p);
        fl->val[nv].ulen = (uint16_t)(q - u0);
        nv++;
        q = skip_blanks(q, end);
    }
    if (nv == 0)
        goto no;
    fl->nv = (uint8_t)nv;
    prev->name = s;
    prev->name_len = fl->name_len;
    prev->nv = (uint8_t)nv;
    for (size_t i = 0; i < nv; i++) {
        prev->unit[i] = s + fl->val[i].uoff;
        prev->ulen[i] = fl->val[i].ulen;
    }
    return true;
no:
    prev->name = NULL;
    prev->nv = 0;
    return false;
}

/* parse_fast_resolve: intern and tidy a scanned line into *res.  See
   grammar.h. */
int parse_fast_resolve(parse_input *in, const char *s, const fast_line *fl, parse_result *res)
{
    /* same_name: the line before was a fast line, resolved to prev_name */
    parse_id name = fl->same_name ? in->prev_name : line_name(in, s, fl->name_len);
    if (name == (parse_id)-1)
        return parse_oom(in);
    for (size_t i = 0; i < fl->nv; i++) {
        /* m < 2^53 and scale <= 22: one correctly rounded division gives
           strtod's double (parse_measure) */
        uint64_t m = fl->val[i].mant;
        int k = fl->val[i].scale;
        double v = k == 0 ? (double)m : (double)m / parse_pow10[k];
        if (store_value(in, i, v, m, k, s + fl->val[i].uoff, fl->val[i].ulen,
                        (fl->same_units >> i) & 1) != 0)
            return parse_oom(in);
    }
    return finish_result(in, name, fl->iters, fl->nv, res);
}

/* parse_bench_line: benchfmt's parseBenchmarkLine on the text after
   "Benchmark".  Returns PARSE_RESULT, PARSE_ERROR, or 0 to skip the line. */
static int parse_bench_line(parse_input *in, const char *s, size_t n, parse_result *res)
{
    const char *f;
    size_t fn, whole = n;
    split_field(&s, &n, &f, &fn);
    if (n == 0 && fn == whole)
        return 0;               /* "go test -v" prints bare names */
    parse_id name = line_name(in, f, fn);
    if (name == (parse_id)-1)
        return parse_oom(in);
    split_field(&s, &n, &f, &fn);
    if (fn == 0)
        return syntax_error(in, "missing iteration count");
    int64_t iters;
    int rc = parse_atoi(f, fn, &iters);
    if (rc == -1)
        return syntax_error(in, "parsing iteration count: invalid syntax");
    if (rc == -2)
        return syntax_error(in, "parsing iteration count: value out of range");
    size_t nv = 0;
    for (;;) {
        split_field(&s, &n, &f, &fn);
        if (fn == 0) {
            if (nv > 0)
                break;
            return syntax_error(in, "missing measurements");
        }
        double v;
        uint64_t mant = 0;
        int scale;
        rc = parse_measure(f, fn, &v, &mant, &scale);
        if (rc == -1)
            return syntax_error(in, "parsing measurement: invalid syntax");
        if (rc == -2)
            return syntax_error(in, "parsing measurement: value out of range");
        split_field(&s, &n, &f, &fn);
        if (fn == 0)
            return syntax_error(in, "missing units");
        if (store_value(in, nv, v, mant, scale, f, fn, false) != 0)
            return parse_oom(in);
        nv++;
    }
    return finish_result(in, name, iters, nv, res);
}

/* parse_line: one input line (without its newline) that parse_fast_scan
   did not take: a result, an error, or 0 to go on with the next line.
   See grammar.h. */
int parse_line(parse_input *in, const char *line, size_t n, parse_result *res)
{
    parse_set *ps = in->set;
    int k;
    if (n >= 9 && memcmp(line, "Benchmark", 9) == 0)
        return parse_bench_line(in, line + 9, n - 9, res);  /* parse_fast_scan said no */
    if (n > 0 && line[0] == 'U') {
        const char *s = line, *f;
        size_t sn = n, fn;
        split_field(&s, &sn, &f, &fn);
        if (fn == 4 && memcmp(f, "Unit", 4) == 0) {
            split_field(&s, &sn, &f, &fn);
            if (fn == 0)
                return syntax_error(in, "missing unit");
            parse_id u = parse_intern(ps, f, fn);
            double factor;
            if (u == (parse_id)-1 || parse_tidy_lookup(ps, u, &in->unit_tidy, &factor) != 0)
                return parse_oom(in);
            in->unit_orig = u;
            in->unit_rest = s;
            in->unit_rest_n = sn;
            k = parse_unit_rest(in);
            return k;
        }
    }
    size_t kn, vn;
    const char *v;
    if (parse_kv_line(line, n, &kn, &v, &vn)) {
        parse_id key = parse_intern(ps, line, kn);
        parse_id val = parse_intern(ps, v, vn);
        if (key == (parse_id)-1 || val == (parse_id)-1 || config_set_kv(in, key, val) != 0)
            return parse_oom(in);
    }
    return 0;
}

/* -------------------------------------------------------------- config lines */

/* parse_config_line: see grammar.h. */
bool parse_config_line(const char *line, size_t n, size_t *key_n, const char **val,
                       size_t *val_n)
{
    return parse_kv_line(line, n, key_n, val, val_n);
}

/* ------------------------------------------------- records of other formats */

/* parse_emit_config: see grammar.h. */
int parse_emit_config(parse_input *in, const char *key, size_t kn, const char *val, size_t vn)
{
    parse_id k = parse_intern(in->set, key, kn);
    parse_id v = parse_intern(in->set, val, vn);
    if (k == (parse_id)-1 || v == (parse_id)-1)
        return -1;
    return config_set_kv(in, k, v);
}

/* parse_emit_value: see grammar.h. */
int parse_emit_value(parse_input *in, size_t nv, double v, const char *unit, size_t un)
{
    return store_value(in, nv, v, 0, -1, unit, un, false);
}

/* parse_emit_result: see grammar.h. */
int parse_emit_result(parse_input *in, const char *name, size_t nn, int64_t iters, size_t nv,
                      long line, parse_result *res)
{
    parse_id id = line_name(in, name, nn);
    if (id == (parse_id)-1)
        return parse_oom(in);
    int k = finish_result(in, id, iters, nv, res);
    res->line = line;
    return k;
}
