/*
 * format.c -- Go's benchmark result text and durations.  See format.h.
 */
#include "format.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* gofloat writes x as Go's fmt prints it with %<width>.<prec>f: a finite
 * number as C prints it; NaN as "NaN", +Inf as "+Inf" and -Inf as "-Inf",
 * padded with spaces to width (Go's fmtFloat: strconv gives "NaN", "+Inf",
 * "-Inf", and the sign is dropped only from NaN), where C would print
 * "nan", "-nan", "inf".  Followed by `sep` and `unit`.  Returns what
 * snprintf returns. */
static int gofloat(char *buf, size_t size, int width, int prec, double x, const char *unit)
{
    if (isnan(x))
        return snprintf(buf, size, "%*s %s", width, "NaN", unit);
    if (isinf(x))
        return snprintf(buf, size, "%*s %s", width, x > 0 ? "+Inf" : "-Inf", unit);
    return snprintf(buf, size, "%*.*f %s", width, prec, x, unit);
}

int fmt_pretty(char *buf, size_t size, double x, const char *unit)
{
    /* Go: "Print all numbers with 10 places before the decimal point and
     * small numbers with four sig figs.  Field widths are chosen to fit the
     * whole part in 10 places while aligning the decimal point of all
     * fractional formats."  The thresholds are the values that round up to
     * the next format's range (0.99995 prints as 1.000, not 0.9999|5). */
    double y = fabs(x);

    /* NaN fails every comparison and takes Go's default case, %18.7f;
     * +-Inf takes the first. */
    if (y == 0 || y >= 999.95)
        return gofloat(buf, size, 10, 0, x, unit);
    if (y >= 99.995)
        return gofloat(buf, size, 12, 1, x, unit);
    if (y >= 9.9995)
        return gofloat(buf, size, 13, 2, x, unit);
    if (y >= 0.99995)
        return gofloat(buf, size, 14, 3, x, unit);
    if (y >= 0.099995)
        return gofloat(buf, size, 15, 4, x, unit);
    if (y >= 0.0099995)
        return gofloat(buf, size, 16, 5, x, unit);
    if (y >= 0.00099995)
        return gofloat(buf, size, 17, 6, x, unit);
    return gofloat(buf, size, 18, 7, x, unit);
}

/* extra_find returns the extra metric with this unit, or NULL. */
static const struct fmt_metric *extra_find(const struct fmt_result *r, const char *unit)
{
    for (int i = 0; i < r->nextra; i++)
        if (strcmp(r->extra[i].unit, unit) == 0)
            return &r->extra[i];
    return NULL;
}

double fmt_ns_per_op(const struct fmt_result *r)
{
    const struct fmt_metric *m = extra_find(r, "ns/op");

    if (m != NULL)
        return m->value;
    return (double)r->t_ns / (double)r->n;
}

/* mb_per_sec is Go's mbPerSec: (bytes * n / 1e6) / seconds, where seconds is
 * Duration.Seconds(): whole seconds plus the remainder over 1e9. */
static double mb_per_sec(const struct fmt_result *r)
{
    const struct fmt_metric *m = extra_find(r, "MB/s");
    double secs;

    if (m != NULL)
        return m->value;
    if (r->bytes <= 0 || r->t_ns <= 0 || r->n <= 0)
        return 0;
    secs = (double)(r->t_ns / 1000000000) + (double)(r->t_ns % 1000000000) / 1e9;
    return ((double)r->bytes * (double)r->n / 1e6) / secs;
}

/* per_op is Go's AllocsPerOp / AllocedBytesPerOp: the extra metric when one
 * was reported (converted as int64(v)), else total / n truncated. */
static int64_t per_op(const struct fmt_result *r, const char *unit, uint64_t total)
{
    const struct fmt_metric *m = extra_find(r, unit);

    if (m != NULL) {
        /* Go's int64(v) on amd64 (CVTTSD2SQ): NaN, +-Inf and values
         * outside int64 give the "integer indefinite" 1<<63; in C the
         * plain cast would be undefined. */
        if (!(m->value >= -9223372036854775808.0 && m->value < 9223372036854775808.0))
            return INT64_MIN;
        return (int64_t)m->value;
    }
    if (r->n <= 0)
        return 0;
    return (int64_t)total / r->n;
}

static bool is_builtin(const char *unit)
{
    return strcmp(unit, "ns/op") == 0 || strcmp(unit, "MB/s") == 0 ||
           strcmp(unit, "B/op") == 0 || strcmp(unit, "allocs/op") == 0;
}

/* put appends to buf like snprintf, tracking the would-be length. */
#define PUT(...)                                                        \
    do {                                                                \
        int k_ = snprintf(buf + (len < size ? len : size),              \
                          len < size ? size - len : 0, __VA_ARGS__);    \
        if (k_ > 0)                                                     \
            len += (size_t)k_;                                          \
    } while (0)

int fmt_result(char *buf, size_t size, const struct fmt_result *r)
{
    size_t len = 0;
    double ns = fmt_ns_per_op(r), mbs = mb_per_sec(r);
    const struct fmt_metric *order[FMT_EXTRA_MAX];
    int nord = 0;
    char num[128];

    if (size > 0)
        buf[0] = '\0';
    PUT("%8lld", (long long)r->n);
    if (ns != 0) {
        fmt_pretty(num, sizeof num, ns, "ns/op");
        PUT("\t%s", num);
    }
    if (mbs != 0) {
        gofloat(num, sizeof num, 7, 2, mbs, "MB/s");
        PUT("\t%s", num);
    }
    /* Extras other than the built-in units, sorted by unit byte-wise (Go's
     * sort.Strings); insertion sort, at most FMT_EXTRA_MAX of them. */
    for (int i = 0; i < r->nextra; i++) {
        const struct fmt_metric *m = &r->extra[i];
        int j;

        if (is_builtin(m->unit))
            continue;
        for (j = nord; j > 0 && strcmp(order[j - 1]->unit, m->unit) > 0; j--)
            order[j] = order[j - 1];
        order[j] = m;
        nord++;
    }
    for (int i = 0; i < nord; i++) {
        fmt_pretty(num, sizeof num, order[i]->value, order[i]->unit);
        PUT("\t%s", num);
    }
    if (r->mem)
        PUT("\t%8lld B/op\t%8lld allocs/op",
            (long long)per_op(r, "B/op", r->mem_bytes),
            (long long)per_op(r, "allocs/op", r->mem_allocs));
    return (int)len;
}

int fmt_bench_name(char *buf, size_t size, const char *name, int procs)
{
    if (procs != 1)
        return snprintf(buf, size, "%s-%d", name, procs);
    return snprintf(buf, size, "%s", name);
}

/* frac writes the fraction of v / 10^prec (".125") before position w of
 * buf, leaving out trailing zeros and the point when the fraction is 0, and
 * returns the new start; *v becomes the integer part (Go's fmtFrac). */
static int frac(char *buf, int w, uint64_t *v, int prec)
{
    int print = 0;

    for (int i = 0; i < prec; i++) {
        unsigned digit = (unsigned)(*v % 10);
        print = print || digit != 0;
        if (print)
            buf[--w] = (char)('0' + digit);
        *v /= 10;
    }
    if (print)
        buf[--w] = '.';
    return w;
}

/* integer writes v in decimal before position w (Go's fmtInt). */
static int integer(char *buf, int w, uint64_t v)
{
    if (v == 0)
        buf[--w] = '0';
    while (v > 0) {
        buf[--w] = (char)('0' + v % 10);
        v /= 10;
    }
    return w;
}

int fmt_duration(char *buf, size_t size, int64_t d_ns)
{
    char tmp[40];
    int w = (int)sizeof tmp - 1;
    uint64_t u = (uint64_t)d_ns;
    int neg = d_ns < 0;

    tmp[w] = '\0';
    if (neg)
        u = -u;
    if (u < 1000000000) {
        /* Below a second: the largest unit that keeps an integer part. */
        int prec;

        tmp[--w] = 's';
        if (u == 0)
            return snprintf(buf, size, "0s");
        if (u < 1000) {
            prec = 0;
            tmp[--w] = 'n';
        } else if (u < 1000000) {
            prec = 3;
            tmp[--w] = (char)0xb5;          /* U+00B5 MICRO SIGN, as Go */
            tmp[--w] = (char)0xc2;
        } else {
            prec = 6;
            tmp[--w] = 'm';
        }
        w = frac(tmp, w, &u, prec);
        w = integer(tmp, w, u);
    } else {
        tmp[--w] = 's';
        w = frac(tmp, w, &u, 9);
        w = integer(tmp, w, u % 60);        /* seconds */
        u /= 60;
        if (u > 0) {
            tmp[--w] = 'm';
            w = integer(tmp, w, u % 60);    /* minutes */
            u /= 60;
            if (u > 0) {
                tmp[--w] = 'h';
                w = integer(tmp, w, u);     /* hours */
            }
        }
    }
    if (neg)
        tmp[--w] = '-';
    return snprintf(buf, size, "%s", tmp + w);
}

int fmt_parse_duration(const char *s, int64_t *d_ns)
{
    /* Go's time.ParseDuration: [-+]?([0-9]*(\.[0-9]*)?[a-z]+)+ */
    static const struct { const char *name; uint64_t ns; } units[] = {
        {"ns", 1}, {"us", 1000}, {"\xc2\xb5s", 1000}, {"\xce\xbcs", 1000},
        {"ms", 1000000}, {"s", 1000000000}, {"m", UINT64_C(60) * 1000000000},
        {"h", UINT64_C(3600) * 1000000000},
    };
    const uint64_t limit = UINT64_C(1) << 63;
    uint64_t d = 0;
    int neg = 0;

    if (*s == '-' || *s == '+')
        neg = *s++ == '-';
    if (strcmp(s, "0") == 0) {
        *d_ns = 0;
        return 0;
    }
    if (*s == '\0')
        return -1;
    while (*s != '\0') {
        uint64_t v = 0, f = 0, unit = 0;
        double scale = 1;
        int pre = 0, post = 0, overflow_f = 0;
        size_t ulen;

        if (!(*s == '.' || (*s >= '0' && *s <= '9')))
            return -1;
        for (; *s >= '0' && *s <= '9'; s++, pre = 1) {
            if (v > (limit - 1) / 10)
                return -1;
            v = v * 10 + (uint64_t)(*s - '0');
            if (v > limit)
                return -1;
        }
        if (*s == '.') {
            s++;
            for (; *s >= '0' && *s <= '9'; s++, post = 1) {
                /* Go's leadingFraction: digits past int64 range are
                 * dropped, not an error. */
                if (overflow_f || f > (limit - 1) / 10) {
                    overflow_f = 1;
                    continue;
                }
                f = f * 10 + (uint64_t)(*s - '0');
                scale *= 10;
            }
        }
        if (!pre && !post)
            return -1;
        ulen = 0;
        while (s[ulen] != '\0' && s[ulen] != '.' && !(s[ulen] >= '0' && s[ulen] <= '9'))
            ulen++;
        if (ulen == 0)
            return -1;                      /* missing unit */
        for (size_t i = 0; i < sizeof units / sizeof units[0]; i++)
            if (strlen(units[i].name) == ulen && strncmp(s, units[i].name, ulen) == 0)
                unit = units[i].ns;
        if (unit == 0)
            return -1;                      /* unknown unit */
        s += ulen;
        if (v > limit / unit)
            return -1;
        v *= unit;
        if (f > 0) {
            v += (uint64_t)((double)f * ((double)unit / scale));
            if (v > limit)
                return -1;
        }
        d += v;
        if (d > limit)
            return -1;
    }
    if (neg) {
        *d_ns = -(int64_t)(d - 1) - 1;
        return 0;
    }
    if (d > limit - 1)
        return -1;
    *d_ns = (int64_t)d;
    return 0;
}
