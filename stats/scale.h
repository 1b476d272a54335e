/*
 * scale.h -- number formatting of benchstat (golang.org/x/perf/benchunit
 * scale.go): SI or binary prefixes chosen per row, four
 * significant digits, plus Go's fmt.Sprint(float64).
 *
 * No allocation, no global state; every string returned in a scaler is a
 * static literal.
 */
#ifndef ESCSTAT_SCALE_H
#define ESCSTAT_SCALE_H

#include <stdbool.h>
#include <stddef.h>

/* How to print a value: "%.*f" of v/factor, then prefix ("", "k", "Ki"...). */
typedef struct scaler {
    int prec;                   /* digits after the point */
    double factor;              /* divide by this before printing */
    const char *prefix;         /* static literal, never NULL */
} scaler;

/* true if any numerator token of the tidied unit is B, MB or bytes. */
bool unit_is_binary(const char *unit);

/* CommonScale over the values (uses the smallest non-zero |v|). */
scaler scale_common(const double *vals, size_t n, bool binary);

/* Scale(v) for a single value (geomean cells). */
scaler scale_one(double v, bool binary);

/* SCALE_FMT_MAX: room for anything scale_format, go_format_float or
   summary_ratio_string write, NUL included.  The longest is a NoOpScaler's
   smallest subnormal: "-0." then 323 zeros and 17 digits, then a prefix;
   "%.*f" of DBL_MAX has 309 integer digits.  Buffers of this size never
   cut a number. */
#define SCALE_FMT_MAX 400

/* "%.*f" of x/factor followed by prefix; +Inf, -Inf, NaN as Go prints them.
   Returns length (snprintf-like: the length it would have had when size is
   too small; buf is always NUL-terminated when size > 0). */
int scale_format(const scaler *s, double x, char *buf, size_t size);

/* Go's fmt.Sprint(float64) (shortest round-trip, %g-like; the exponent rules
   are in docs/benchstat.md, Number formatting).  Returns length,
   snprintf-like. */
int go_format_float(double x, char *buf, size_t size);

/* go_fmt_float writes x to buf as Go's fmt prints one float64 with verb,
   which is "%.*f", "%+.*f" or "%.*E" at precision prec: NaN and the
   infinities spelled as Go spells them ("NaN", "+NaN" under '+', "+Inf",
   "-Inf").  Returns snprintf's count. */
int go_fmt_float(char *buf, size_t size, const char *verb, int prec, double x);

#endif
