/*
 * parse.c -- the Go benchmark format reader (benchfmt/reader.go of
 * golang.org/x/perf; docs/benchstat.md, Reader): lines, config, Unit
 * metadata, unit tidying, number syntax, and the interned string table behind
 * it all.
 */
#include "parse.h"
#include "gbjson.h"
#include "parse_int.h"
#include "utf8.h"

#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <wctype.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

/* Read size; a line may add PARSE_MAX_LINE.  The fuzz build (make fuzz)
   sets it small, so that lines cross block boundaries and a run is cheap. */
#ifndef PARSE_BLOCK_SIZE
#define PARSE_BLOCK_SIZE (256u << 10)
#endif
#define BLOCK_SIZE PARSE_BLOCK_SIZE
#define PIPE_MIN_DEFAULT (8u << 20) /* regular files this big get a producer thread */
#define ARENA_BLOCK (64u * 1024)

/* ---------------------------------------------------------------- strings */

struct arena_block {
    struct arena_block *next;
    char data[];
};

/* hash_bytes: a fast 32-bit hash (8 bytes per step, multiply-xorshift). */
static uint32_t hash_bytes(const char *s, size_t n)
{
    uint64_t h = 0x9E3779B97F4A7C15ull ^ (n * 0xff51afd7ed558ccdull);
    while (n >= 8) {
        uint64_t w;
        memcpy(&w, s, 8);
        h = (h ^ w) * 0xbf58476d1ce4e5b9ull;
        h ^= h >> 31;
        s += 8;
        n -= 8;
    }
    if (n) {
        uint64_t w = 0;
        memcpy(&w, s, n);
        h = (h ^ w) * 0x94d049bb133111ebull;
        h ^= h >> 29;
    }
    h *= 0xbf58476d1ce4e5b9ull;
    h ^= h >> 32;
    return (uint32_t)h;
}

static char *arena_alloc(parse_set *ps, size_t n)
{
    if (n > ps->blk_left) {
        size_t sz = n > ARENA_BLOCK / 4 ? n : ARENA_BLOCK;
        struct arena_block *b = malloc(sizeof *b + sz);
        if (!b)
            return NULL;
        b->next = ps->blocks;
        ps->blocks = b;
        if (n > ARENA_BLOCK / 4)        /* big string: its own block */
            return b->data;
        ps->blk_cur = b->data;
        ps->blk_left = sz;
    }
    char *p = ps->blk_cur;
    ps->blk_cur += n;
    ps->blk_left -= n;
    return p;
}

static int str_rehash(parse_set *ps, size_t nslots)
{
    uint32_t *slots = calloc(nslots, sizeof *slots);
    if (!slots)
        return -1;
    for (size_t id = 0; id < ps->nstr; id++) {
        size_t i = ps->str_hash[id] & (nslots - 1);
        while (slots[i])
            i = (i + 1) & (nslots - 1);
        slots[i] = (uint32_t)id + 1;
    }
    free(ps->slots);
    ps->slots = slots;
    ps->nslots = nslots;
    return 0;
}

static parse_id lookup_h(const parse_set *ps, const char *s, size_t n, uint32_t h)
{
    size_t mask = ps->nslots - 1, i = h & mask;
    for (uint32_t v; (v = ps->slots[i]) != 0; i = (i + 1) & mask) {
        uint32_t id = v - 1;
        if (ps->str_hash[id] == h && ps->str_len[id] == n && memcmp(ps->str_ptr[id], s, n) == 0)
            return id;
    }
    return (parse_id)-1;
}

parse_id parse_lookup(const parse_set *ps, const char *s, size_t n)
{
    return lookup_h(ps, s, n, hash_bytes(s, n));
}

static parse_id intern_h(parse_set *ps, const char *s, size_t n, uint32_t h)
{
    parse_id id = lookup_h(ps, s, n, h);
    if (id != (parse_id)-1)
        return id;
    if (n > UINT32_MAX - 1)
        return (parse_id)-1;
    if (ps->nstr == ps->str_cap) {
        size_t cap = ps->str_cap ? ps->str_cap * 2 : 256;
        char **p = realloc(ps->str_ptr, cap * sizeof *p);
        if (!p)
            return (parse_id)-1;
        ps->str_ptr = p;
        uint32_t *l = realloc(ps->str_len, cap * sizeof *l);
        if (!l)
            return (parse_id)-1;
        ps->str_len = l;
        uint32_t *hh = realloc(ps->str_hash, cap * sizeof *hh);
        if (!hh)
            return (parse_id)-1;
        ps->str_hash = hh;
        ps->str_cap = cap;
    }
    if ((ps->nstr + 1) * 2 > ps->nslots && str_rehash(ps, ps->nslots * 2) != 0)
        return (parse_id)-1;
    char *copy = arena_alloc(ps, n + 1);
    if (!copy)
        return (parse_id)-1;
    memcpy(copy, s, n);
    copy[n] = '\0';
    id = (parse_id)ps->nstr++;
    ps->str_ptr[id] = copy;
    ps->str_len[id] = (uint32_t)n;
    ps->str_hash[id] = h;
    size_t mask = ps->nslots - 1, i = h & mask;
    while (ps->slots[i])
        i = (i + 1) & mask;
    ps->slots[i] = id + 1;
    return id;
}

parse_id parse_intern(parse_set *ps, const char *s, size_t n)
{
    return intern_h(ps, s, n, hash_bytes(s, n));
}

const char *parse_str(const parse_set *ps, parse_id id)
{
    return ps->str_ptr[id];
}

size_t parse_strlen(const parse_set *ps, parse_id id)
{
    return ps->str_len[id];
}

size_t parse_nstr(const parse_set *ps)
{
    return ps->nstr;
}

/* ------------------------------------------------------------- config sets */

struct cfg_slots {
    uint32_t *hash;             /* config id -> hash of its pairs */
};

int parse_set_init(parse_set *ps)
{
    memset(ps, 0, sizeof *ps);
    ps->nslots = 1024;
    ps->slots = calloc(ps->nslots, sizeof *ps->slots);
    struct cfg_slots *cs = calloc(1, sizeof *cs);
    ps->cfg_slots = cs;
    if (!ps->slots || !cs || parse_intern(ps, "", 0) != 0) {
        parse_set_release(ps);
        return -1;
    }
    /* config set 0: the empty set */
    ps->cfg_cap = 16;
    ps->cfg_off = malloc(ps->cfg_cap * sizeof *ps->cfg_off);
    ps->cfg_n = malloc(ps->cfg_cap * sizeof *ps->cfg_n);
    cs->hash = malloc(ps->cfg_cap * sizeof *cs->hash);
    if (!ps->cfg_off || !ps->cfg_n || !cs->hash) {
        parse_set_release(ps);
        return -1;
    }
    ps->cfg_off[0] = 0;
    ps->cfg_n[0] = 0;
    cs->hash[0] = hash_bytes("", 0);
    ps->ncfg = 1;
    return 0;
}

void parse_set_release(parse_set *ps)
{
    struct arena_block *b = ps->blocks;
    while (b) {
        struct arena_block *next = b->next;
        free(b);
        b = next;
    }
    free(ps->str_ptr);
    free(ps->str_len);
    free(ps->str_hash);
    free(ps->slots);
    free(ps->cfg_kv);
    free(ps->cfg_off);
    free(ps->cfg_n);
    free(ps->meta);
    free(ps->tidy_unit);
    free(ps->tidy_factor);
    if (ps->cfg_slots)
        free(((struct cfg_slots *)ps->cfg_slots)->hash);
    free(ps->cfg_slots);
    memset(ps, 0, sizeof *ps);
}

parse_config parse_set_config(const parse_set *ps, uint32_t config)
{
    parse_config c = { ps->cfg_kv ? ps->cfg_kv + ps->cfg_off[config] : NULL, ps->cfg_n[config] };
    return c;
}

/* config_intern: the id of the config set kv[0..n), adding it if new.
   Config changes are rare (header lines), so a linear scan by hash is
   enough. */
static int64_t config_intern(parse_set *ps, const parse_kv *kv, size_t n)
{
    struct cfg_slots *cs = ps->cfg_slots;
    uint32_t h = hash_bytes((const char *)kv, n * sizeof *kv);
    for (size_t id = ps->ncfg; id-- > 0;)
        if (cs->hash[id] == h && ps->cfg_n[id] == n &&
            (n == 0 ||          /* cfg_kv may still be NULL */
             memcmp(ps->cfg_kv + ps->cfg_off[id], kv, n * sizeof *kv) == 0))
            return (int64_t)id;
    if (ps->ncfg == ps->cfg_cap) {
        size_t cap = ps->cfg_cap * 2;
        uint32_t *o = realloc(ps->cfg_off, cap * sizeof *o);
        if (!o)
            return -1;
        ps->cfg_off = o;
        uint32_t *c = realloc(ps->cfg_n, cap * sizeof *c);
        if (!c)
            return -1;
        ps->cfg_n = c;
        uint32_t *hh = realloc(cs->hash, cap * sizeof *hh);
        if (!hh)
            return -1;
        cs->hash = hh;
        ps->cfg_cap = cap;
    }
    if (ps->cfg_kv_len + n > ps->cfg_kv_cap) {
        size_t cap = ps->cfg_kv_cap ? ps->cfg_kv_cap * 2 : 64;
        while (cap < ps->cfg_kv_len + n)
            cap *= 2;
        parse_kv *p = realloc(ps->cfg_kv, cap * sizeof *p);
        if (!p)
            return -1;
        ps->cfg_kv = p;
        ps->cfg_kv_cap = cap;
    }
    memcpy(ps->cfg_kv + ps->cfg_kv_len, kv, n * sizeof *kv);
    size_t id = ps->ncfg++;
    ps->cfg_off[id] = (uint32_t)ps->cfg_kv_len;
    ps->cfg_n[id] = (uint32_t)n;
    cs->hash[id] = h;
    ps->cfg_kv_len += n;
    return (int64_t)id;
}

parse_id parse_unit_meta_get(const parse_set *ps, parse_id unit, const char *key)
{
    parse_id k = parse_lookup(ps, key, strlen(key));
    if (k == (parse_id)-1)
        return (parse_id)-1;
    for (size_t i = 0; i < ps->nmeta; i++)
        if (ps->meta[i].unit == unit && ps->meta[i].key == k)
            return ps->meta[i].val;
    return (parse_id)-1;
}

/* ----------------------------------------------------------------- unicode */

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

/* Go's unicode.IsLower / IsUpper: ASCII exactly, other runes through the
   C.UTF-8 locale's tables when available. */
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

/* ----------------------------------------------------------------- numbers */

int parse_atoi(const char *s, size_t n, int64_t *v)
{
    size_t i = 0;
    bool neg = false;
    if (n == 0)
        return -1;
    if (s[0] == '+' || s[0] == '-') {
        neg = s[0] == '-';
        i = 1;
        if (n == 1)
            return -1;
    }
    uint64_t u = 0, lim = neg ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX;
    bool range = false;
    for (; i < n; i++) {
        unsigned d = (unsigned char)s[i] - '0';
        if (d > 9)
            return -1;
        if (!range) {
            if (u > (lim - d) / 10)
                range = true;
            else
                u = u * 10 + d;
        }
    }
    if (range)
        return -2;
    *v = neg ? (int64_t)(0 - u) : (int64_t)u;
    return 0;
}

/* Go's strconv underscoreOK. */
static bool underscore_ok(const char *s, size_t n)
{
    char saw = '^';
    size_t i = 0;
    if (n >= 1 && (s[0] == '-' || s[0] == '+')) {
        s++;
        n--;
    }
    bool hex = false;
    if (n >= 2 && s[0] == '0') {
        char c = (char)(s[1] | 0x20);
        if (c == 'b' || c == 'o' || c == 'x') {
            i = 2;
            saw = '0';
            hex = c == 'x';
        }
    }
    for (; i < n; i++) {
        char lc = (char)(s[i] | 0x20);
        if ((s[i] >= '0' && s[i] <= '9') || (hex && lc >= 'a' && lc <= 'f')) {
            saw = '0';
            continue;
        }
        if (s[i] == '_') {
            if (saw != '0')
                return false;
            saw = '_';
            continue;
        }
        if (saw == '_')
            return false;
        saw = '!';
    }
    return saw != '_';
}

static size_t prefix_icase(const char *s, size_t n, const char *word)
{
    size_t i = 0;
    while (i < n && word[i] && (s[i] | 0x20) == word[i])
        i++;
    return i;
}

/* Go strconv.ParseFloat(s, 64): syntax check as readFloat, then glibc
   strtod (correctly rounded, like Go) on the underscore-free copy. */
static int go_parse_float(const char *s, size_t n, double *v)
{
    if (n == 0)
        return -1;
    /* special values */
    {
        size_t i = 0;
        double sign = 1;
        bool special = false;
        if (s[0] == '+' || s[0] == '-') {
            sign = s[0] == '-' ? -1 : 1;
            i = 1;
            special = true;
        }
        if (i < n && (s[i] | 0x20) == 'i') {
            size_t k = prefix_icase(s + i, n - i, "infinity");
            if (k > 3 && k < 8)
                k = 3;
            if (k == 3 || k == 8) {
                if (i + k != n)
                    return -1;
                *v = sign * INFINITY;
                return 0;
            }
        } else if (!special && (s[0] | 0x20) == 'n') {
            if (prefix_icase(s, n, "nan") == 3) {
                if (n != 3)
                    return -1;
                *v = NAN;
                return 0;
            }
        }
    }
    /* readFloat syntax */
    size_t i = 0;
    if (s[i] == '+' || s[i] == '-')
        i++;
    int base = 10;
    char expch = 'e';
    if (i + 1 < n && s[i] == '0' && (s[i + 1] | 0x20) == 'x') {
        base = 16;
        i += 2;
        expch = 'p';
    }
    bool underscores = false, sawdot = false, sawdigits = false;
    for (; i < n; i++) {
        char c = s[i], lc = (char)(c | 0x20);
        if (c == '_') {
            underscores = true;
            continue;
        }
        if (c == '.') {
            if (sawdot)
                break;
            sawdot = true;
            continue;
        }
        if ((c >= '0' && c <= '9') || (base == 16 && lc >= 'a' && lc <= 'f')) {
            sawdigits = true;
            continue;
        }
        break;
    }
    if (!sawdigits)
        return -1;
    bool sawexp = false;
    if (i < n && (s[i] | 0x20) == expch) {
        i++;
        if (i >= n)
            return -1;
        if (s[i] == '+' || s[i] == '-')
            i++;
        if (i >= n || s[i] < '0' || s[i] > '9')
            return -1;
        for (; i < n && ((s[i] >= '0' && s[i] <= '9') || s[i] == '_'); i++)
            if (s[i] == '_')
                underscores = true;
        sawexp = true;
    }
    if (base == 16 && !sawexp)
        return -1;
    if (i != n)
        return -1;
    if (underscores && !underscore_ok(s, n))
        return -1;
    /* convert */
    char small[128], *buf = small;
    if (n + 1 > sizeof small) {
        buf = malloc(n + 1);
        if (!buf)
            return -1;
    }
    size_t k = 0;
    for (size_t j = 0; j < n; j++)
        if (s[j] != '_')
            buf[k++] = s[j];
    buf[k] = '\0';
    errno = 0;
    char *end;
    double d = strtod(buf, &end);
    int rc = 0;
    if (errno == ERANGE && isinf(d))
        rc = -2;
    if (buf != small)
        free(buf);
    *v = d;
    return rc;
}

static const double pow10_tab[] = {
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
    1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
};

/* parse_measure: benchfmt's atof plus the exact decimal form.  A plain
   decimal with at most 15 significant digits is m / 10^k with m < 2^53 and
   k <= 22, so one IEEE division is correctly rounded -- the same double as
   strtod (Clinger's fast path). */
static int parse_measure(const char *s, size_t n, double *v, uint64_t *mant, int *scale)
{
    uint64_t m = 0;
    size_t i = 0, digits = 0;
    int k = -1;
    *scale = -1;
    for (; i < n; i++) {
        unsigned d = (unsigned char)s[i] - '0';
        if (d <= 9) {
            if (digits >= 15)
                goto slow;
            if (m || d)
                digits++;
            m = m * 10 + d;
            if (k >= 0)
                k++;
        } else if (s[i] == '.' && k < 0) {
            k = 0;
        } else {
            goto slow;
        }
    }
    if (k < 0) {
        if (n == 0)
            goto slow;
        *v = (double)m;
        *mant = m;
        *scale = 0;
        return 0;
    }
    if (n == 1 || k > 22)       /* "." alone, or too many decimals */
        goto slow;
    *v = (double)m / pow10_tab[k];
    *mant = m;
    *scale = k;
    return 0;
slow:
    /* benchfmt: all digits and not too big -> int64 path; else ParseFloat */
    {
        int64_t iv = 0;
        bool alldig = n > 0;
        for (size_t j = 0; j < n; j++) {
            unsigned d = (unsigned char)s[j] - '0';
            if (d > 9 || iv > (INT64_MAX - 10) / 10) {
                alldig = false;
                break;
            }
            iv = iv * 10 + d;
        }
        if (alldig) {
            *v = (double)iv;
            return 0;
        }
    }
    return go_parse_float(s, n, v);
}

int parse_float(const char *s, size_t n, double *v)
{
    uint64_t m;
    int k;
    return parse_measure(s, n, v, &m, &k);
}

/* ------------------------------------------------------------------- units */

double parse_tidy_unit(const char *unit, size_t n, char *out, size_t size)
{
    double factor = 1;
    size_t o = 0;
#define PUT(c) do { if (o + 1 < size) out[o] = (c); o++; } while (0)
    if (n == 5 && memcmp(unit, "ns/op", 5) == 0) {
        snprintf(out, size, "sec/op");
        return 1e-9;
    }
    if (n == 4 && memcmp(unit, "MB/s", 4) == 0) {
        snprintf(out, size, "B/s");
        return 1e6;
    }
    bool has = false;
    for (size_t i = 0; i + 1 < n; i++)
        if ((unit[i] == 'n' && unit[i + 1] == 's') || (unit[i] == 'M' && unit[i + 1] == 'B'))
            has = true;
    if (!has) {
        for (size_t i = 0; i < n; i++)
            PUT(unit[i]);
        if (size)
            out[o < size ? o : size - 1] = '\0';
        return 1;
    }
    /* benchunit parser: separators '*', '/', '-', whitespace; after '/' the
       tokens are denominator until the next '*' */
    bool denom = false;
    size_t i = 0;
    const unsigned char *u = (const unsigned char *)unit;
    while (i < n) {
        size_t k;
        uint32_t r = utf8_decode(u + i, n - i, &k);
        if (r == '*' || r == '/' || r == '-' || utf8_is_space(r)) {
            if (r == '*')
                denom = false;
            else if (r == '/')
                denom = true;
            for (size_t j = 0; j < k; j++)
                PUT(unit[i + j]);
            i += k;
            continue;
        }
        size_t start = i;
        while (i < n) {
            r = utf8_decode(u + i, n - i, &k);
            if (r == '*' || r == '/' || r == '-' || utf8_is_space(r))
                break;
            i += k;
        }
        size_t tl = i - start;
        if (!denom && tl == 2 && unit[start] == 'n' && unit[start + 1] == 's') {
            PUT('s'); PUT('e'); PUT('c');
            factor /= 1e9;
        } else if (!denom && tl == 2 && unit[start] == 'M' && unit[start + 1] == 'B') {
            PUT('B');
            factor *= 1e6;
        } else {
            for (size_t j = start; j < i; j++)
                PUT(unit[j]);
        }
    }
    if (size)
        out[o < size ? o : size - 1] = '\0';
#undef PUT
    return factor;
}

/* tidy_lookup: the tidied unit id and factor of unit id u (cached). */
static int tidy_lookup(parse_set *ps, parse_id u, parse_id *tu, double *factor)
{
    if (u >= ps->tidy_cap) {
        size_t cap = ps->tidy_cap ? ps->tidy_cap : 64;
        while (cap <= u)
            cap *= 2;
        parse_id *t = realloc(ps->tidy_unit, cap * sizeof *t);
        if (!t)
            return -1;
        ps->tidy_unit = t;
        double *f = realloc(ps->tidy_factor, cap * sizeof *f);
        if (!f)
            return -1;
        ps->tidy_factor = f;
        for (size_t i = ps->tidy_cap; i < cap; i++)
            t[i] = (parse_id)-1;
        ps->tidy_cap = cap;
    }
    if (ps->tidy_unit[u] == (parse_id)-1) {
        size_t n = ps->str_len[u];
        char small[256], *buf = small;
        size_t size = 2 * n + 2;
        if (size > sizeof small && !(buf = malloc(size)))
            return -1;
        double f = parse_tidy_unit(ps->str_ptr[u], n, buf, size);
        parse_id t = parse_intern(ps, buf, strlen(buf));
        if (buf != small)
            free(buf);
        if (t == (parse_id)-1)
            return -1;
        /* parse_intern may have grown the tables: re-check capacity */
        if (u >= ps->tidy_cap)
            return tidy_lookup(ps, u, tu, factor);
        ps->tidy_unit[u] = t;
        ps->tidy_factor[u] = f;
    }
    *tu = ps->tidy_unit[u];
    *factor = ps->tidy_factor[u];
    return 0;
}

/* ------------------------------------------------------------------ inputs */

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

/* oom_fatal: an allocation failed; reading stops with "out of memory". */
static int oom_fatal(parse_input *in)
{
    snprintf(in->err, sizeof in->err, "out of memory");
    return PARSE_FATAL;
}

static int syntax_error(parse_input *in, const char *msg)
{
    snprintf(in->err, sizeof in->err, "%s:%ld: %s", in->path, in->line, msg);
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
    if (in->ncur == in->cur_cap) {
        size_t cap = in->cur_cap ? in->cur_cap * 2 : 8;
        parse_kv *p = realloc(in->cur, cap * sizeof *p);
        if (!p)
            return -1;
        in->cur = p;
        in->cur_cap = cap;
    }
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

/* unit_line_step: one field of a pending Unit line.  Returns PARSE_ERROR
   with a message, or 0 when the line is done. */
static int unit_line_step(parse_input *in)
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
            return oom_fatal(in);
        size_t i;
        for (i = 0; i < ps->nmeta; i++)
            if (ps->meta[i].unit == in->unit_tidy && ps->meta[i].key == key)
                break;
        if (i < ps->nmeta) {
            if (ps->meta[i].val == val)
                continue;
            char msg[400];
            snprintf(msg, sizeof msg, "metadata %s of unit %s already set to %s",
                     ps->str_ptr[key], ps->str_ptr[in->unit_orig], ps->str_ptr[ps->meta[i].val]);
            return syntax_error(in, msg);
        }
        if (ps->nmeta == ps->meta_cap) {
            size_t cap = ps->meta_cap ? ps->meta_cap * 2 : 8;
            parse_unit_meta *m = realloc(ps->meta, cap * sizeof *m);
            if (!m)
                return oom_fatal(in);
            ps->meta = m;
            ps->meta_cap = cap;
        }
        ps->meta[ps->nmeta].unit = in->unit_tidy;
        ps->meta[ps->nmeta].key = key;
        ps->meta[ps->nmeta].val = val;
        ps->nmeta++;
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
    if (nv == in->vals_cap) {
        size_t cap = in->vals_cap ? in->vals_cap * 2 : 8;
        parse_value *p = realloc(in->vals, cap * sizeof *p);
        if (!p)
            return -1;
        in->vals = p;
        in->vals_cap = cap;
    }
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
        if (u == (parse_id)-1 || tidy_lookup(ps, u, &tu, &factor) != 0)
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
        int64_t id = config_intern(in->set, in->cur, in->ncur);
        if (id < 0)
            return oom_fatal(in);
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

static inline bool blank_byte(unsigned char c)
{
    return c == ' ' || c == '\t';
}

#define FAST_MAXV 6               /* more measurements: the general parser */

/* A benchmark line of the common shape, scanned but not yet resolved
   (no interning): offsets are relative to the text after "Benchmark",
   which is shorter than 64 KiB.  Kept small: a scanner thread hands
   millions of them over. */
typedef struct fast_line {
    int64_t iters;
    uint16_t name_len;          /* the name is text[0..name_len) */
    uint8_t nv;
    bool same_name;             /* the name of the line before (a fast one) */
    uint8_t same_units;         /* bit i: unit i is the line before's unit i */
    struct {
        uint64_t mant;          /* value = mant / 10^scale, exactly */
        uint16_t uoff, ulen;    /* unit at text[uoff..uoff+ulen) */
        int8_t scale;
    } val[FAST_MAXV];
} fast_line;

/* skip_blanks: past the blanks and tabs from q on, but not past end.
   Reads up to 15 bytes past end: fast_scan runs on chunk text, which has
   64 bytes of defined slack after the last line (chunk_alloc). */
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

/* The fast line before, for fast_scan: consecutive lines usually repeat
   the name and the units, which a compare of the bytes then confirms. */
typedef struct scan_prev {
    const char *name;           /* NULL: none */
    uint16_t name_len;
    uint8_t nv;
    const char *unit[FAST_MAXV];
    uint16_t ulen[FAST_MAXV];
} scan_prev;

/* fast_scan: the common shape -- ASCII, blanks and tabs between fields,
   unsigned decimal numbers, at most FAST_MAXV measurements -- in one pass,
   touching nothing but *fl and *prev (so a reader thread may run it).
   prev is the line before (updated to this one, or cleared when this one
   is not of the shape).  Returns false when the line is not of that
   shape: the general parser (parse_bench_line) then decides, with its
   error messages. */
static bool fast_scan(const char *s, size_t n, fast_line *fl, scan_prev *prev)
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

/* fast_resolve: intern and tidy a scanned line into *res.  Returns
   PARSE_RESULT or PARSE_FATAL (out of memory). */
static int fast_resolve(parse_input *in, const char *s, const fast_line *fl, parse_result *res)
{
    /* same_name: the line before was a fast line, resolved to prev_name */
    parse_id name = fl->same_name ? in->prev_name : line_name(in, s, fl->name_len);
    if (name == (parse_id)-1)
        return oom_fatal(in);
    for (size_t i = 0; i < fl->nv; i++) {
        /* m < 2^53 and scale <= 22: one correctly rounded division gives
           strtod's double (parse_measure) */
        uint64_t m = fl->val[i].mant;
        int k = fl->val[i].scale;
        double v = k == 0 ? (double)m : (double)m / pow10_tab[k];
        if (store_value(in, i, v, m, k, s + fl->val[i].uoff, fl->val[i].ulen,
                        (fl->same_units >> i) & 1) != 0)
            return oom_fatal(in);
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
        return oom_fatal(in);
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
            return oom_fatal(in);
        nv++;
    }
    return finish_result(in, name, iters, nv, res);
}

/* handle_line: one input line (without its newline) that fast_scan did
   not take: a result, an error, or 0 to go on with the next line. */
static int handle_line(parse_input *in, const char *line, size_t n, parse_result *res)
{
    parse_set *ps = in->set;
    int k;
    if (n >= 9 && memcmp(line, "Benchmark", 9) == 0)
        return parse_bench_line(in, line + 9, n - 9, res);  /* fast_scan said no */
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
            if (u == (parse_id)-1 || tidy_lookup(ps, u, &in->unit_tidy, &factor) != 0)
                return oom_fatal(in);
            in->unit_orig = u;
            in->unit_rest = s;
            in->unit_rest_n = sn;
            k = unit_line_step(in);
            return k;
        }
    }
    size_t kn, vn;
    const char *v;
    if (parse_kv_line(line, n, &kn, &v, &vn)) {
        parse_id key = parse_intern(ps, line, kn);
        parse_id val = parse_intern(ps, v, vn);
        if (key == (parse_id)-1 || val == (parse_id)-1 || config_set_kv(in, key, val) != 0)
            return oom_fatal(in);
    }
    return 0;
}

/* ------------------------------------------------------------------ reader */

/* Every input is read with read() into chunks: a chunk holds a block of
   text (the unfinished line of the previous chunk, then what read()
   returned) and a record for each complete line in it -- its place, and
   for the common benchmark lines fast_scan's result.  Nothing is mapped:
   a file that shrinks while it is read ends where it now ends (read()
   returns 0), as it does for benchstat, and cannot raise SIGBUS.

   A regular file of pipeline_min bytes or more is chunked by a second
   thread (the producer) while the caller's thread turns the records into
   results in order (interning, config, errors: everything with state);
   chunks go round a ring of RING_CHUNKS.  Other inputs are chunked by the
   caller's thread itself, one chunk at a time.  Either way a byte is read
   once, searched for '\n' and NUL once (find_eol), and scanned once. */

#define RING_CHUNKS 4
/* Records per chunk: a block of average lines (Go prints ~100 bytes) fits
   easily; a block of many short lines takes several chunks. */
#define CHUNK_LINES (BLOCK_SIZE / 64 > 16 ? BLOCK_SIZE / 64 : 16)
/* A chunk's text: a block, plus room for the longest line carried over
   from the previous chunk, plus slack for 16-byte loads. */
#define CHUNK_TEXT (BLOCK_SIZE + PARSE_MAX_LINE + 1 + 64)

enum { REC_LINE, REC_BENCH };

typedef struct line_rec {
    uint32_t off;               /* the line in the chunk's text */
    uint32_t len;               /* without '\n' and a trailing '\r' */
    uint32_t kind;              /* REC_LINE or REC_BENCH */
    fast_line fl;               /* REC_BENCH: the line after "Benchmark" */
} line_rec;

/* How a chunk ends: more chunks follow, or why reading stops after its
   lines. */
enum { END_MORE, END_EOF, END_TOOLONG, END_NUL, END_READERR, END_UTF16, END_BINARY,
       END_JSON };             /* the input is Google Benchmark JSON (gbjson.h) */

typedef struct chunk {
    char *text;                 /* CHUNK_TEXT bytes */
    size_t len;                 /* bytes of text held */
    size_t carry;               /* text[carry..len): the unfinished line */
    line_rec *lines;            /* CHUNK_LINES records */
    size_t nlines;
    int end;                    /* END_* */
} chunk;

typedef struct reader {
    int fd;
    bool eof;                   /* read() returned 0 */
    bool failed;                /* read() failed with errno err */
    int err;
    bool sniffed;               /* the first block's encoding was checked */
    bool threaded;              /* a producer thread fills the ring */
    scan_prev prev;             /* the line before, for fast_scan (within a chunk) */
    chunk ring[RING_CHUNKS];    /* ring[0] only when not threaded */
    size_t nring;               /* chunks allocated */
    /* thread: the producer owns head, the consumer tail; both under mu */
    pthread_t th;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    size_t head, tail;          /* chunks produced, chunks given back */
    bool stop;                  /* consumer gone: the producer quits */
    /* consumer */
    chunk *cur;                 /* chunk being consumed, or NULL */
    size_t ci;                  /* next record in cur */
    int final;                  /* END_* once reading has stopped, else END_MORE */
} reader;

/* find_eol: the first '\n' or NUL in [p, end), or end.  Sixteen bytes a
   step where SSE2 is there (every x86-64); bytes at or past end are never
   read. */
static inline const char *find_eol(const char *p, const char *end)
{
#ifdef __SSE2__
    const __m128i nl = _mm_set1_epi8('\n'), zero = _mm_setzero_si128();
    while (end - p >= 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)p);
        unsigned m = (unsigned)_mm_movemask_epi8(
            _mm_or_si128(_mm_cmpeq_epi8(v, nl), _mm_cmpeq_epi8(v, zero)));
        if (m)
            return p + __builtin_ctz(m);
        p += 16;
    }
#endif
    for (; p < end; p++)
        if (*p == '\n' || *p == '\0')
            return p;
    return end;
}

/* sniff: escstat's own check of the first block -- benchstat silently
   reads UTF-16 or binary input as nothing (golang/go#58576).  Returns
   END_MORE when the block looks like text, else END_UTF16 or END_BINARY. */
static int sniff(const unsigned char *p, size_t n)
{
    if (n >= 2 && ((p[0] == 0xFF && p[1] == 0xFE) || (p[0] == 0xFE && p[1] == 0xFF)))
        return END_UTF16;
    if (!memchr(p, 0, n))
        return END_MORE;
    /* UTF-16 without a BOM: text with every other byte NUL and the bytes
       between them not (an all-NUL block is binary, not UTF-16) */
    size_t zeros[2] = { 0, 0 }, m = n < 4096 ? n : 4096;
    for (size_t i = 0; i < m; i++)
        if (p[i] == 0)
            zeros[i & 1]++;
    size_t half = m / 2;
    if (m >= 4 && ((zeros[1] * 10 >= half * 9 && zeros[0] * 10 <= half) ||
                   (zeros[0] * 10 >= half * 9 && zeros[1] * 10 <= half)))
        return END_UTF16;
    return END_BINARY;
}

/* read_some: one read() (EINTR retried) of at most want bytes into
   c->text after its len bytes.  Sets r->eof at the end of the input and
   r->failed (r->err) when read() fails; returns -1 then. */
static int read_some(reader *r, chunk *c, size_t want)
{
    ssize_t got;
    do
        got = read(r->fd, c->text + c->len, want);
    while (got < 0 && errno == EINTR);
    if (got < 0) {
        r->failed = true;
        r->err = errno;
        return -1;
    }
    if (got == 0)
        r->eof = true;
    c->len += (size_t)got;
    return 0;
}

/* scan_lines: records for the complete lines of c->text from *pos on
   (advanced past them).  Returns 1 when the rest of the text is an
   unfinished line and more input may follow; else 0 with c->end set, or
   END_MORE when the records ran out first. */
static int scan_lines(reader *r, chunk *c, size_t *pos)
{
    const char *t = c->text, *end = c->text + c->len;
    size_t p = *pos;
    int rc = 0;
    scan_prev *prev = &r->prev;
    while (p < c->len) {
        if (c->nlines == CHUNK_LINES)
            goto out;
        const char *e = find_eol(t + p, end);
        size_t n = (size_t)(e - (t + p));
        if (e < end && *e == '\0') {
            c->end = END_NUL;
            goto out;
        }
        if (n > PARSE_MAX_LINE) {
            c->end = END_TOOLONG;
            goto out;
        }
        if (e == end && !r->eof) {
            if (r->failed)
                c->end = END_READERR;   /* the unfinished line is lost */
            else
                rc = 1;
            goto out;
        }
        line_rec *L = &c->lines[c->nlines++];
        L->off = (uint32_t)p;
        p += e < end ? n + 1 : n;
        if (n > 0 && t[L->off + n - 1] == '\r')
            n--;
        L->len = (uint32_t)n;
        L->kind = n >= 9 && memcmp(t + L->off, "Benchmark", 9) == 0 &&
                          fast_scan(t + L->off + 9, n - 9, &L->fl, prev) ? REC_BENCH : REC_LINE;
        if (L->kind == REC_LINE)
            prev->name = NULL, prev->nv = 0;
    }
    if (r->eof)
        c->end = END_EOF;
    else if (r->failed)
        c->end = END_READERR;
    else
        rc = 1;
out:
    *pos = p;
    return rc;
}

/* produce: fill chunk c: first the carry (n bytes not yet scanned, which
   may lie in c itself), then read() up to a block, then the records.
   c->end says whether more follows; c->text[c->carry..c->len) is what the
   next chunk starts with. */
static void produce(reader *r, chunk *c, const char *carry, size_t n)
{
    if (n && carry != c->text)
        memmove(c->text, carry, n);
    r->prev.name = NULL;        /* it may lie in text given back or moved */
    r->prev.nv = 0;
    c->len = n;
    c->nlines = 0;
    c->end = END_MORE;
    while (!r->eof && !r->failed && c->len < BLOCK_SIZE)
        if (read_some(r, c, BLOCK_SIZE - c->len) < 0)
            break;
    if (!r->sniffed && c->len > 0) {
        r->sniffed = true;
        int s = sniff((const unsigned char *)c->text, c->len < BLOCK_SIZE ? c->len : BLOCK_SIZE);
        int js = s == END_MORE ? gbjson_sniff(c->text, c->len) : 0;
        if (js == 1 || js == -1)
            s = END_JSON;       /* the whole chunk goes to gbjson_start */
        if (s != END_MORE) {
            c->end = s;
            c->carry = c->len;
            return;
        }
    }
    size_t pos = 0;
    while (scan_lines(r, c, &pos)) {
        if (c->nlines > 0)
            break;              /* the next chunk takes the unfinished line */
        /* no complete line yet: what is held is at most PARSE_MAX_LINE
           bytes, so a block more fits */
        read_some(r, c, CHUNK_TEXT - 64 - c->len);
    }
    c->carry = pos;
}

/* chunk_alloc: the buffers of one chunk; -1 when out of memory. */
static int chunk_alloc(chunk *c)
{
    c->text = calloc(1, CHUNK_TEXT);   /* the slack read past the end is defined */
    c->lines = malloc(CHUNK_LINES * sizeof *c->lines);
    if (!c->text || !c->lines) {
        free(c->text);
        free(c->lines);
        c->text = NULL;
        c->lines = NULL;
        return -1;
    }
    c->len = c->carry = c->nlines = 0;
    c->end = END_MORE;
    return 0;
}

/* producer: the thread that fills the ring ahead of the consumer, until a
   chunk ends the input or the consumer stops it. */
static void *producer(void *arg)
{
    reader *r = arg;
    const chunk *prev = NULL;
    for (;;) {
        pthread_mutex_lock(&r->mu);
        while (r->head - r->tail >= RING_CHUNKS && !r->stop)
            pthread_cond_wait(&r->cv, &r->mu);
        bool stop = r->stop;
        pthread_mutex_unlock(&r->mu);
        if (stop)
            break;
        /* ring[head] was given back (or never used); prev, the chunk
           before it, is not given back before this one is produced */
        chunk *c = &r->ring[r->head % RING_CHUNKS];
        if (prev)
            produce(r, c, prev->text + prev->carry, prev->len - prev->carry);
        else
            produce(r, c, NULL, 0);
        pthread_mutex_lock(&r->mu);
        r->head++;
        pthread_cond_broadcast(&r->cv);
        pthread_mutex_unlock(&r->mu);
        if (c->end != END_MORE)
            break;
        prev = c;
    }
    return NULL;
}

/* reader_start: the chunks, and the producer thread when threaded is
   asked for and can be had (else the caller's thread produces).  Returns
   0, -1 when out of memory. */
static int reader_start(reader *r, bool threaded)
{
    if (chunk_alloc(&r->ring[0]) != 0)
        return -1;
    r->nring = 1;
    if (!threaded)
        return 0;
    for (; r->nring < RING_CHUNKS; r->nring++)
        if (chunk_alloc(&r->ring[r->nring]) != 0)
            return 0;           /* one chunk will do, without a thread */
    if (pthread_mutex_init(&r->mu, NULL) != 0)
        return 0;
    if (pthread_cond_init(&r->cv, NULL) != 0) {
        pthread_mutex_destroy(&r->mu);
        return 0;
    }
    if (pthread_create(&r->th, NULL, producer, r) != 0) {
        pthread_cond_destroy(&r->cv);
        pthread_mutex_destroy(&r->mu);
        return 0;
    }
    r->threaded = true;
    return 0;
}

/* reader_free: stop the producer (if any) and free everything. */
static void reader_free(reader *r)
{
    if (r->threaded) {
        pthread_mutex_lock(&r->mu);
        r->stop = true;
        pthread_cond_broadcast(&r->cv);
        pthread_mutex_unlock(&r->mu);
        pthread_join(r->th, NULL);
        pthread_cond_destroy(&r->cv);
        pthread_mutex_destroy(&r->mu);
    }
    for (size_t i = 0; i < r->nring; i++) {
        free(r->ring[i].text);
        free(r->ring[i].lines);
    }
    free(r);
}

/* next_chunk: make r->cur the next chunk (the consumer is done with the
   current one).  Only called while the current chunk ends in END_MORE. */
static void next_chunk(reader *r)
{
    if (!r->threaded) {
        chunk *c = &r->ring[0];
        if (r->cur)
            produce(r, c, c->text + c->carry, c->len - c->carry);
        else
            produce(r, c, NULL, 0);
        r->cur = c;
        r->ci = 0;
        return;
    }
    pthread_mutex_lock(&r->mu);
    if (r->cur) {
        r->tail++;              /* give it back */
        pthread_cond_broadcast(&r->cv);
    }
    while (r->head == r->tail)
        pthread_cond_wait(&r->cv, &r->mu);
    r->cur = &r->ring[r->tail % RING_CHUNKS];
    pthread_mutex_unlock(&r->mu);
    r->ci = 0;
}

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
            return -1;
        }
        in->own_fd = true;
    }
    in->file = parse_intern(ps, arg->label, strlen(arg->label));
    reader *r = calloc(1, sizeof *r);
    if (in->file == (parse_id)-1 || !r) {
        free(r);
        snprintf(in->err, sizeof in->err, "out of memory");
        parse_close(in);
        return -1;
    }
    r->fd = in->fd;
    r->final = END_MORE;
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

void parse_close(parse_input *in)
{
    gbjson_close(in);
    if (in->reader)
        reader_free(in->reader);
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

/* reader_final: the record of why reading stopped (END_* other than
   END_MORE): PARSE_EOF, or PARSE_FATAL with in->err set. */
static int reader_final(parse_input *in, int end)
{
    reader *r = in->reader;
    char e[128];
    switch (end) {
    case END_EOF:
        return PARSE_EOF;
    case END_JSON:              /* gbjson_start failed: in->err says why */
        return PARSE_FATAL;
    case END_TOOLONG:
        snprintf(in->err, sizeof in->err, "%s:%ld: bufio.Scanner: token too long", in->path,
                 in->line);
        break;
    case END_NUL:
        snprintf(in->err, sizeof in->err, "%s:%ld: input looks like a binary file (NUL byte)",
                 in->path, in->line + 1);
        break;
    case END_READERR:
        go_errno_string(r->err, e, sizeof e);
        snprintf(in->err, sizeof in->err, "%s:%ld: read %s: %s", in->path, in->line, in->path, e);
        break;
    case END_UTF16:
        snprintf(in->err, sizeof in->err,
                 "%s: input looks like UTF-16 (convert with iconv -f UTF-16 -t UTF-8)", in->path);
        break;
    default:
        snprintf(in->err, sizeof in->err, "%s: input looks like a binary file", in->path);
        break;
    }
    return PARSE_FATAL;
}

int parse_next(parse_input *in, parse_result *res)
{
    if (in->json)
        return gbjson_next(in, res);
    if (in->unit_rest) {
        int k = unit_line_step(in);
        if (k)
            return k;
    }
    reader *r = in->reader;
    if (!r)
        return PARSE_EOF;
    if (r->final != END_MORE)
        return reader_final(in, r->final);      /* again */
    if (r->nring == 0 && reader_start(r, in->big) != 0)
        return oom_fatal(in);
    for (;;) {
        chunk *c = r->cur;
        if (!c || r->ci == c->nlines) {
            if (c && c->end != END_MORE) {
                r->final = c->end;
                if (c->end == END_JSON)     /* Google Benchmark JSON: gbjson.h */
                    return gbjson_start(in, c->text, c->len, false) != 0
                               ? PARSE_FATAL : gbjson_next(in, res);
                return reader_final(in, c->end);
            }
            next_chunk(r);
            continue;
        }
        const line_rec *L = &c->lines[r->ci++];
        in->line++;
        const char *line = c->text + L->off;
        int k = L->kind == REC_BENCH ? fast_resolve(in, line + 9, &L->fl, res)
                                     : handle_line(in, line, L->len, res);
        if (k)
            return k;
    }
}

/* ------------------------------------------------------------------- names */

size_t parse_name_split(const char *full, size_t n, size_t *base_n, parse_name_part *parts,
                        size_t cap)
{
    /* GOMAXPROCS: scanning back over digits to a '-' that is not last */
    size_t pre = n;
    bool has_procs = false;
    for (size_t i = n; i-- > 0;) {
        if (full[i] == '-' && i < n - 1) {
            pre = i;
            has_procs = true;
            break;
        }
        if (!(full[i] >= '0' && full[i] <= '9'))
            break;
    }
    size_t np = 0, prev = 0;
    bool base_done = false;
    for (size_t i = 0; i <= pre; i++) {
        if (i == pre || full[i] == '/') {
            if (!base_done) {
                *base_n = i;
                base_done = true;
            } else {
                if (np < cap) {
                    parse_name_part *p = &parts[np];
                    p->s = full + prev;
                    p->n = i - prev;
                    const char *eq = memchr(p->s, '=', p->n);
                    if (eq) {
                        p->key = p->s + 1;
                        p->keylen = (size_t)(eq - p->s) - 1;
                        p->val = eq + 1;
                        p->vallen = p->n - (size_t)(eq - p->s) - 1;
                    } else {
                        p->key = NULL;
                        p->keylen = 0;
                        p->val = p->s + 1;
                        p->vallen = p->n - 1;
                    }
                }
                np++;
            }
            prev = i;
        }
    }
    if (has_procs) {
        if (np < cap) {
            parse_name_part *p = &parts[np];
            p->s = full + pre;
            p->n = n - pre;
            p->key = "gomaxprocs";
            p->keylen = 10;
            p->val = full + pre + 1;
            p->vallen = n - pre - 1;
        }
        np++;
    }
    return np;
}

bool parse_config_line(const char *line, size_t n, size_t *key_n, const char **val,
                       size_t *val_n)
{
    return parse_kv_line(line, n, key_n, val, val_n);
}

/* ------------------------------------------------- records of other formats */

int parse_emit_config(parse_input *in, const char *key, size_t kn, const char *val, size_t vn)
{
    parse_id k = parse_intern(in->set, key, kn);
    parse_id v = parse_intern(in->set, val, vn);
    if (k == (parse_id)-1 || v == (parse_id)-1)
        return -1;
    return config_set_kv(in, k, v);
}

int parse_emit_value(parse_input *in, size_t nv, double v, const char *unit, size_t un)
{
    return store_value(in, nv, v, 0, -1, unit, un, false);
}

int parse_emit_result(parse_input *in, const char *name, size_t nn, int64_t iters, size_t nv,
                      long line, parse_result *res)
{
    parse_id id = line_name(in, name, nn);
    if (id == (parse_id)-1)
        return oom_fatal(in);
    int k = finish_result(in, id, iters, nv, res);
    res->line = line;
    return k;
}
