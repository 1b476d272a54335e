/*
 * strconv.c -- Go's strconv.Atoi and strconv.ParseFloat (syntax checked as
 * Go's readFloat and underscoreOK do, converted by glibc's strtod, which
 * rounds correctly like Go), and benchfmt's atof with its int64 path.
 * See strconv.h.
 */
#include "strconv.h"

#include <errno.h>
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>

/* parse_atoi: see strconv.h. */
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

/* prefix_icase: how many leading bytes of s[0..n) match word (lower
   case) ignoring ASCII case. */
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

const double parse_pow10[23] = {
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
    1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
};

/* parse_measure: benchfmt's atof plus the exact decimal form.  A plain
   decimal with at most 15 significant digits is m / 10^k with m < 2^53 and
   k <= 22, so one IEEE division is correctly rounded -- the same double as
   strtod (Clinger's fast path). */
int parse_measure(const char *s, size_t n, double *v, uint64_t *mant, int *scale)
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
    *v = (double)m / parse_pow10[k];
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

/* parse_float: see strconv.h. */
int parse_float(const char *s, size_t n, double *v)
{
    uint64_t m;
    int k;
    return parse_measure(s, n, v, &m, &k);
}
