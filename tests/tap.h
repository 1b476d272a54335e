/*
 * tap.h -- a minimal Test Anything Protocol producer for the unit tests.
 *
 * Each check prints "ok N - description" or "not ok N - description" with
 * the values that differed, so `prove` (the test runner) counts them.  Call
 * tap_done() at the end of main and return its value: it prints the plan
 * and fails the program when any check failed.
 *
 *     ok(x == 3, "x is three");
 *     is_int(got, 16, "16 B/op");
 *     is_str(line, "BenchmarkEmpty", "name");
 *     is_double(p, 0.0079, 1e-12, "exact p");
 *     return tap_done();
 */
#ifndef ESCBENCH_TAP_H
#define ESCBENCH_TAP_H

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static int tap_n_, tap_failed_;

static inline __attribute__((format(printf, 2, 3))) int
ok(int cond, const char *fmt, ...)
{
    va_list ap;
    printf("%s %d - ", cond ? "ok" : "not ok", ++tap_n_);
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    printf("\n");
    if (!cond)
        tap_failed_++;
    fflush(stdout);
    return cond;
}

#define is_int(got, want, ...)                                              \
    do {                                                                    \
        long long g_ = (long long)(got), w_ = (long long)(want);            \
        if (!ok(g_ == w_, __VA_ARGS__))                                     \
            printf("#   got: %lld\n#  want: %lld\n", g_, w_);               \
    } while (0)

#define is_str(got, want, ...)                                              \
    do {                                                                    \
        const char *g_ = (got), *w_ = (want);                               \
        if (!ok(g_ && w_ && strcmp(g_, w_) == 0, __VA_ARGS__))              \
            printf("#   got: '%s'\n#  want: '%s'\n", g_ ? g_ : "(null)",    \
                   w_ ? w_ : "(null)");                                     \
    } while (0)

/* is_double: |got - want| <= tol; tol 0 asks for the identical double. */
#define is_double(got, want, tol, ...)                                      \
    do {                                                                    \
        double g_ = (got), w_ = (want);                                     \
        int eq_ = (tol) == 0 ? (g_ == w_ || (isnan(g_) && isnan(w_)))       \
                             : fabs(g_ - w_) <= (tol);                      \
        if (!ok(eq_, __VA_ARGS__))                                          \
            printf("#   got: %.17g\n#  want: %.17g\n", g_, w_);             \
    } while (0)

static inline __attribute__((format(printf, 1, 2))) void
tap_diag(const char *fmt, ...)
{
    va_list ap;
    printf("# ");
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    printf("\n");
}

/* tap_skip_all: the whole program is skipped, with the reason. */
static inline int tap_skip_all(const char *why)
{
    printf("1..0 # SKIP %s\n", why);
    return 0;
}

static inline int tap_done(void)
{
    printf("1..%d\n", tap_n_);
    return tap_failed_ ? 1 : 0;
}

#endif
