/*
 * scale.c -- benchstat's number formatting (golang.org/x/perf
 * benchunit/scale.go and parse.go ClassOf) and Go's
 * fmt.Sprint(float64) for the CSV output.
 *
 * The thresholds are the doubles Go obtains with strconv.ParseFloat of
 * "99.995e<exp>", "9.9995e<exp>", ".99995e<exp>" (decimal) and of the hex
 * strings of benchunit (binary); C decimal and hex literals round the same
 * way (correctly), so they are written as literals.  The decimal factors are
 * Go's math.Pow(10, exp), which for exp = -3, -6, -9 is 1/10^|exp| correctly
 * rounded, i.e. the literals 1e-3, 1e-6, 1e-9.  Printing "%.*f" rounds the
 * exact binary value half-to-even in both Go and glibc.
 */
#include "scale.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct factor {
    double factor;              /* 1 prefix unit, unscaled */
    const char *prefix;
    double t100, t10, t1;       /* thresholds for 100.0, 10.00, 1.000 */
} factor;

static const factor si_factors[] = {
    {1e12, "T", 99.995e12, 9.9995e12, .99995e12},
    {1e9, "G", 99.995e9, 9.9995e9, .99995e9},
    {1e6, "M", 99.995e6, 9.9995e6, .99995e6},
    {1e3, "k", 99.995e3, 9.9995e3, .99995e3},
    {1, "", 99.995e0, 9.9995e0, .99995e0},
    {1e-3, "m", 99.995e-3, 9.9995e-3, .99995e-3},
    {1e-6, "\u00b5", 99.995e-6, 9.9995e-6, .99995e-6},  /* µ MICRO SIGN, as Go */
    {1e-9, "n", 99.995e-9, 9.9995e-9, .99995e-9},
};

/* 0x1.8ffae147ae148p6 = 99.995, 0x1.3ffbe76c8b439p3 = 9.9995,
   0x1.fff972474538fp-1 = .99995, each times 2^exp. */
static const factor iec_factors[] = {
    {0x1p40, "Ti", 0x1.8ffae147ae148p46, 0x1.3ffbe76c8b439p43, 0x1.fff972474538fp39},
    {0x1p30, "Gi", 0x1.8ffae147ae148p36, 0x1.3ffbe76c8b439p33, 0x1.fff972474538fp29},
    {0x1p20, "Mi", 0x1.8ffae147ae148p26, 0x1.3ffbe76c8b439p23, 0x1.fff972474538fp19},
    {0x1p10, "Ki", 0x1.8ffae147ae148p16, 0x1.3ffbe76c8b439p13, 0x1.fff972474538fp9},
    {0x1p0, "", 0x1.8ffae147ae148p6, 0x1.3ffbe76c8b439p3, 0x1.fff972474538fp-1},
};

/* sigfigs[i] = 9.9995e-(i+1): below the smallest factor, print i+3
   decimals (up to 10). */
static const double sigfigs[] = {9.9995e-1, 9.9995e-2, 9.9995e-3, 9.9995e-4,
                                 9.9995e-5, 9.9995e-6, 9.9995e-7, 9.9995e-8};
enum { SIGFIGS_BASE = 3 };

/* The unit parser of benchunit: tokens separated by '*', '/', '-' or
   white space; '/' switches to the denominator, '*' back. */
bool unit_is_binary(const char *unit)
{
    const char *p = unit;
    bool denom = false;
    for (;;) {
        while (*p == '*' || *p == '/' || *p == '-' || *p == ' ' || *p == '\t' || *p == '\n' ||
               *p == '\v' || *p == '\f' || *p == '\r') {
            if (*p == '*')
                denom = false;
            else if (*p == '/')
                denom = true;
            p++;
        }
        /* Go's unicode.IsSpace also has U+0085, U+00A0 and some others;
           unit strings with those are not worth the UTF-8 decoding here,
           they only split tokens, and a B glued to them is not "B". */
        if (!*p)
            return false;
        const char *tok = p;
        while (*p && *p != '*' && *p != '/' && *p != '-' && *p != ' ' && *p != '\t' &&
               *p != '\n' && *p != '\v' && *p != '\f' && *p != '\r')
            p++;
        size_t len = (size_t)(p - tok);
        if (!denom && ((len == 1 && tok[0] == 'B') || (len == 2 && memcmp(tok, "MB", 2) == 0) ||
                       (len == 5 && memcmp(tok, "bytes", 5) == 0)))
            return true;
    }
}

scaler scale_common(const double *vals, size_t n, bool binary)
{
    /* The common scale is set by the non-zero value closest to zero.  The
       comparisons are Go's, NaN included: a NaN seen while min is still 0
       becomes min and sticks (every later v < NaN is false). */
    double min = 0;
    for (size_t i = 0; i < n; i++) {
        double v = fabs(vals[i]);
        if (v != 0 && (min == 0 || v < min))
            min = v;
    }
    if (min == 0)
        return (scaler){3, 1, ""};

    const factor *f = binary ? iec_factors : si_factors;
    size_t nf = binary ? sizeof iec_factors / sizeof iec_factors[0]
                       : sizeof si_factors / sizeof si_factors[0];
    for (size_t i = 0; i < nf; i++) {
        if (min >= f[i].t100)
            return (scaler){1, f[i].factor, f[i].prefix};
        if (min >= f[i].t10)
            return (scaler){2, f[i].factor, f[i].prefix};
        if (min >= f[i].t1)
            return (scaler){3, f[i].factor, f[i].prefix};
    }
    /* below the smallest factor: more decimals of the smallest one */
    const factor *last = &f[nf - 1];
    double val = min / last->factor;
    size_t ns = sizeof sigfigs / sizeof sigfigs[0];
    size_t i = 0;
    while (!(val >= sigfigs[i]) && i != ns - 1)
        i++;
    return (scaler){(int)i + SIGFIGS_BASE, last->factor, last->prefix};
}

scaler scale_one(double v, bool binary)
{
    return scale_common(&v, 1, binary);
}

/* Append-style helper: copy s to buf at *len, always counting. */
static void put(char *buf, size_t size, size_t *len, const char *s)
{
    size_t n = strlen(s);
    if (*len < size) {
        size_t room = size - *len - 1;
        size_t c = n < room ? n : room;
        memcpy(buf + *len, s, c);
        buf[*len + c] = '\0';
    }
    *len += n;
}

/* Go's special values: "+Inf", "-Inf", "NaN" (never "-NaN"). */
static const char *go_special(double x)
{
    if (isnan(x))
        return "NaN";
    if (isinf(x))
        return x > 0 ? "+Inf" : "-Inf";
    return NULL;
}

/* Shortest decimal digits of a finite non-zero |x| that read back as |x|:
   digits[] (no point, no leading zeros) and the exponent dp such that
   |x| = 0.d1d2... * 10^dp.  Returns the digit count.  Like Go's strconv
   (Ryu): the fewest digits, and among those the nearest to x. */
static int shortest_digits(double x, char *digits, int *dp)
{
    char tmp[40];
    x = fabs(x);
    /* Rounding to P significant digits reads back for every P >= some
       P0 <= 17: binary search for the least such P. */
    int lo = 1, hi = 17;
    while (lo < hi) {
        int mid = (lo + hi) / 2;
        snprintf(tmp, sizeof tmp, "%.*e", mid - 1, x);
        if (strtod(tmp, NULL) == x)
            hi = mid;
        else
            lo = mid + 1;
    }
    int P = hi;
    /* At a power of two the interval of values reading back as x is
       narrower below x than above, so a (P-1)-digit number just above x
       may read back while the nearest (P-1)-digit rounding (below) does
       not.  Try the next (P-1)-digit number up. */
    uint64_t bits;
    memcpy(&bits, &x, sizeof bits);
    if (P > 1 && (bits & UINT64_C(0x000FFFFFFFFFFFFF)) == 0) {
        char up[40];
        snprintf(tmp, sizeof tmp, "%.*e", P - 2, x);
        /* tmp = d.ddd...e±XX; add one unit in the last digit */
        char *e = strchr(tmp, 'e');
        size_t nd = (size_t)(e - tmp);
        memcpy(up, tmp, nd);
        int carry = 1;
        for (size_t k = nd; k-- > 0 && carry;) {
            if (up[k] == '.')
                continue;
            if (up[k] == '9') {
                up[k] = '0';
            } else {
                up[k]++;
                carry = 0;
            }
        }
        int ex = atoi(e + 1);
        if (carry) {
            /* 9.99 -> 10.0: shift (the digits are all zero now) */
            up[0] = '1';
            ex++;
        }
        snprintf(up + nd, sizeof up - nd, "e%d", ex);
        if (strtod(up, NULL) == x) {
            memcpy(tmp, up, sizeof up);
            P = P - 1;
            goto have;
        }
    }
    snprintf(tmp, sizeof tmp, "%.*e", P - 1, x);
have:;
    /* tmp is d[.ddd]e±X: collect the digits, drop trailing zeros */
    int n = 0;
    char *p = tmp;
    for (; *p && *p != 'e'; p++)
        if (*p >= '0' && *p <= '9')
            digits[n++] = *p;
    while (n > 1 && digits[n - 1] == '0')
        n--;
    digits[n] = '\0';
    *dp = atoi(p + 1) + 1;
    return n;
}

/* The digits d (count nd, decimal point after dp of them) in %f style
   with no trailing zeros: "0.0001", "100000", "123.45". */
static void fixed_from_digits(char *out, size_t size, size_t *len, const char *d, int nd, int dp)
{
    char chunk[2] = {0, 0};
    if (dp <= 0) {
        put(out, size, len, "0.");
        for (int i = 0; i < -dp; i++)
            put(out, size, len, "0");
        put(out, size, len, d);
        return;
    }
    for (int i = 0; i < dp; i++) {
        chunk[0] = i < nd ? d[i] : '0';
        put(out, size, len, chunk);
    }
    if (nd > dp) {
        put(out, size, len, ".");
        put(out, size, len, d + dp);
    }
}

int scale_format(const scaler *s, double x, char *buf, size_t size)
{
    size_t len = 0;
    if (size)
        buf[0] = '\0';
    double v = x / s->factor;
    const char *sp = go_special(v);
    if (sp) {
        put(buf, size, &len, sp);
    } else if (s->prec < 0) {
        /* NoOpScaler: the shortest digits in %f form */
        char d[40];
        int dp;
        if (v == 0) {
            put(buf, size, &len, signbit(v) ? "-0" : "0");
        } else {
            int nd = shortest_digits(v, d, &dp);
            if (v < 0)
                put(buf, size, &len, "-");
            fixed_from_digits(buf, size, &len, d, nd, dp);
        }
    } else {
        char tmp[400];
        snprintf(tmp, sizeof tmp, "%.*f", s->prec, v);
        put(buf, size, &len, tmp);
    }
    put(buf, size, &len, s->prefix);
    return (int)len;
}

int go_format_float(double x, char *buf, size_t size)
{
    size_t len = 0;
    if (size)
        buf[0] = '\0';
    const char *sp = go_special(x);
    if (sp) {
        put(buf, size, &len, sp);
        return (int)len;
    }
    if (x == 0) {
        put(buf, size, &len, signbit(x) ? "-0" : "0");
        return (int)len;
    }
    char d[40];
    int dp;
    int nd = shortest_digits(x, d, &dp);
    if (x < 0)
        put(buf, size, &len, "-");
    /* %v = strconv 'g' with the shortest precision: exponent form iff the
       exponent X of d.ddd x 10^X is < -4 or >= 6 (eprec is 6 for shortest) */
    int X = dp - 1;
    if (X < -4 || X >= 6) {
        char tmp[16];
        char c[2] = {d[0], 0};
        put(buf, size, &len, c);
        if (nd > 1) {
            put(buf, size, &len, ".");
            put(buf, size, &len, d + 1);
        }
        snprintf(tmp, sizeof tmp, "e%c%02d", X < 0 ? '-' : '+', X < 0 ? -X : X);
        put(buf, size, &len, tmp);
    } else {
        fixed_from_digits(buf, size, &len, d, nd, dp);
    }
    return (int)len;
}

/* go_fmt_float: see scale.h. */
int go_fmt_float(char *buf, size_t size, const char *verb, int prec, double x)
{
    if (isnan(x))
        return snprintf(buf, size, "%sNaN", verb[1] == '+' ? "+" : "");
    if (isinf(x))
        return snprintf(buf, size, "%sInf", x > 0 ? "+" : "-");
    return snprintf(buf, size, verb, prec, x);
}
