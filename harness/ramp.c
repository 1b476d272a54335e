/*
 * ramp.c -- Go's b.N predictor.  See ramp.h.
 */
#include "ramp.h"

int64_t ramp_predict_n(int64_t goal_ns, int64_t prev_iters, int64_t prev_ns,
                       int64_t last)
{
    int64_t n;

    if (prev_ns <= 0)
        prev_ns = 1;            /* round up to dodge a division by zero */
    /* Multiply first, then divide: for very fast benchmarks prev_iters is
     * about prev_ns, and dividing first would give 0 or 1, hiding an order
     * of magnitude.  Go's int64 product wraps on overflow (a 10 s goal times
     * 1e9 iterations); do the same without C's undefined behaviour. */
    n = (int64_t)((uint64_t)goal_ns * (uint64_t)prev_iters) / prev_ns;
    n = (int64_t)((uint64_t)n + (uint64_t)(n / 5)); /* run 1.2x what we think we need */
    if (n > 100 * last)         /* do not grow too fast after a timing error */
        n = 100 * last;
    if (n < last + 1)           /* always run at least one more than last time */
        n = last + 1;
    if (n > RAMP_MAX_N)
        n = RAMP_MAX_N;
    return n;
}
