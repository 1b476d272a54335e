/*
 * strconv.h -- Go's number syntax as benchstat's reader applies it:
 * strconv.Atoi for iteration counts, strconv.ParseFloat and benchfmt's
 * atof for measurements.  Pure functions on a byte range (no NUL needed),
 * no allocation except a copy for tokens of 128 bytes or more.
 */
#ifndef ESCSTAT_STRCONV_H
#define ESCSTAT_STRCONV_H

#include <stddef.h>
#include <stdint.h>

/* parse_float parses a measurement as benchfmt does: all ASCII digits ->
   int64 fast path, else Go strconv.ParseFloat (decimal and exponent forms,
   inf/infinity/nan in any case with optional sign, hex floats with a 'p'
   exponent, '_' between digits).  Returns 0 and *v; -1 for invalid syntax;
   -2 for value out of range. */
int parse_float(const char *s, size_t n, double *v);

/* parse_atoi: Go strconv.Atoi on s[0..n) (sign, decimal digits, int64).
   Returns 0, -1 invalid syntax, -2 out of range. */
int parse_atoi(const char *s, size_t n, int64_t *v);

/* parse_measure is parse_float that also gives the token's exact decimal
   form: *mant and *scale with *v == (double)*mant / 10^*scale when the
   token is a plain non-negative decimal of at most 15 significant digits
   and 22 decimals, else *scale == -1 (*mant untouched).  Returns as
   parse_float. */
int parse_measure(const char *s, size_t n, double *v, uint64_t *mant, int *scale);

/* parse_pow10[k] is 10^k, exact, for k = 0..22: m / parse_pow10[k] with
   m < 2^53 is one correctly rounded division, the double strtod gives
   (Clinger's fast path). */
extern const double parse_pow10[23];

#endif
