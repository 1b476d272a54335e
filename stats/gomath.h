/*
 * gomath.h -- C ports of the Go math routines whose last bit reaches
 * benchstat's output: math.Exp, math.Log, math.Erfc, math.Lgamma (Go 1.19
 * src/math) and go-moremath's mathx.Choose.
 *
 * Why ports and not glibc or GSL: CSV prints geomeans with all 17 digits,
 * so log and exp must round like Go's; QuantileCI's and the U test's tie
 * decisions hang on the rounding of Lgamma (docs/stats-math.md).
 *
 * Every function is pure: no allocation, no global state, no printing;
 * safe from any thread.
 */
#ifndef ESCSTAT_GOMATH_H
#define ESCSTAT_GOMATH_H

/* Go's math.Exp on amd64 (exp_amd64.s, Shibata's method), taking the same
   FMA or non-FMA path Go takes on this CPU (AVX and FMA present => FMA). */
double gomath_exp(double x);

/* Go's math.Exp forced to one path (fma != 0: the AVX+FMA path), for tests
   that pin both paths against known values. */
double gomath_exp_path(double x, int fma);

/* Go's math.Log on amd64 (log_amd64.s, the FreeBSD e_log.c algorithm). */
double gomath_log(double x);

/* Go's math.Erfc (erf.go, FreeBSD s_erf.c), using gomath_exp. */
double gomath_erfc(double x);

/* Go's math.Lgamma for x > 0 (lgamma.go, FreeBSD e_lgamma_r.c); the sign
   is always +1 there.  x <= 0 or NaN gives NaN (never needed here). */
double gomath_lgamma(double x);

/* mathx.Choose(n, k) of go-moremath: exact int64 arithmetic for n <= 20,
   Exp(Lgamma(n+1) - Lgamma(k+1) - Lgamma(n-k+1)) above; 0 outside 0..n. */
double gomath_choose(int n, int k);

#endif
