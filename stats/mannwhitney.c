/*
 * mannwhitney.c -- the two-sided Mann-Whitney U test of go-moremath
 * (stats/utest.go, stats/udist.go), operation for operation,
 * so the p-values benchstat prints come out the same.
 *
 * Three regimes, chosen exactly as go-moremath chooses them:
 *   - no ties, n1, n2 <= 50: the exact distribution by the Mann-Whitney
 *     (1947) recurrence, as a dynamic programme over doubles;
 *   - ties, n1, n2 <= 25: the exact distribution by Cheung & Klotz (1997)
 *     counting over the tie vector (here top-down with a memo table; every
 *     entry is the same sum in the same order as Go's bottom-up fill);
 *   - otherwise the normal approximation with tie and continuity
 *     correction, using the port of Go's Erfc in gomath.c.
 * The libm calls are Go's (gomath_erfc, gomath_choose), so the p-values
 * are bit-identical to Go on the same CPU class, not merely close.
 */
#include "mannwhitney.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "gomath.h"
#include "sort.h"

enum {
    EXACT_LIMIT = 50,           /* MannWhitneyExactLimit */
    TIES_EXACT_LIMIT = 25,      /* MannWhitneyTiesExactLimit */
    MAX_TIES = 2 * TIES_EXACT_LIMIT,
    /* doubles of the no-ties table kept on the stack: covers n1 = n2 = 30
       (31 * 451); larger exact tables are malloc'ed */
    STACK_DOUBLES = 16384,
};

/* Go's math.Min for the values seen here (NaN-propagating). */
static double go_min(double a, double b)
{
    if (isnan(a) || isnan(b))
        return NAN;
    return a < b ? a : b;
}

/* ---- exact distribution without ties (udist.go UDist.p) -------------- */

/* p_{N,M}(u) for u = 0..U into out[0..U] (N <= M after the swap), by the
   recurrence p_{n,m}(U) = (n p_{n-1,m}(U-m) + m p_{n,m-1}(U)) / (n+m),
   one row of (n, U) slices at a time, as go-moremath does.  memo has
   (N+1)*(U+1) doubles and is zeroed here. */
static const double *udist_p(int n1, int n2, int U, double *memo)
{
    int N = n1, M = n2;
    if (N > M) {
        N = n2;
        M = n1;
    }
    size_t w = (size_t)U + 1;
    memset(memo, 0, (size_t)(N + 1) * w * sizeof *memo);
    for (int m = 0; m <= M; m++) {
        memo[0] = 1;                            /* p_{0,m}(0) */
        int nlim = N < m ? N : m;
        for (int n = 1; n <= nlim; n++) {
            const double *lp = memo + (size_t)(n - 1) * w;      /* p_{n-1,m} */
            const double *rp = n <= m - 1 ? memo + (size_t)n * w /* p_{n,m-1} */
                                          : memo + (size_t)(m - 1) * w; /* p_{m-1,n} */
            double *out = memo + (size_t)n * w;
            int ulim = n * m < U ? n * m : U;
            double nplusm = (double)(n + m);
            for (int u = ulim; u >= 0; u--) {
                double l = 0.0;
                if (u - m >= 0)
                    l = (double)n * lp[u - m];
                double r = (double)m * rp[u];
                out[u] = (l + r) / nplusm;
            }
        }
    }
    return memo + (size_t)N * w;
}

/* UDist.CDF without ties: the smaller tail summed in order. Returns -1 on
   allocation failure. */
static int udist_cdf_noties(int n1, int n2, double U, double *cdf)
{
    if (U < 0) {
        *cdf = 0;
        return 0;
    }
    if (U >= (double)(n1 * n2)) {
        *cdf = 1;
        return 0;
    }
    int Ui = (int)floor(U);
    int flip = Ui >= (n1 * n2 + 1) / 2;
    if (flip)
        Ui = n1 * n2 - Ui - 1;
    int N = n1 < n2 ? n1 : n2;
    size_t need = (size_t)(N + 1) * ((size_t)Ui + 1);
    double stackbuf[STACK_DOUBLES];
    double *memo = need <= STACK_DOUBLES ? stackbuf : malloc(need * sizeof *memo);
    if (!memo)
        return -1;
    const double *pdfs = udist_p(n1, n2, Ui, memo);
    double p = 0.0;
    for (int i = 0; i <= Ui; i++)
        p += pdfs[i];
    if (flip)
        p = 1 - p;
    if (memo != stackbuf)
        free(memo);
    *cdf = p;
    return 0;
}

/* ---- exact distribution with ties (udist.go makeUmemo) --------------- */

/* The memo of Cheung & Klotz's A[k][{n1, twoU}], dense: for each (k, n1)
   a row over twoU = umin[k][n1] .. umax[k][n1] (the only keys Go's table
   ever holds below the top), allocated on first use and filled with NaN
   for "not computed yet". */
typedef struct umemo {
    const int *t;               /* tie vector t[0..K) */
    int K;
    int failed;                 /* an allocation failed */
    int a[MAX_TIES + 1];        /* a[k] of Cheung & Klotz, a[0] unused */
    int tsum[MAX_TIES + 1];     /* tsum[k] = t[0] + ... + t[k-1] */
    /* twoUmin / twoUmax over the first k groups for n1 items, k = 0..K */
    int umin[MAX_TIES + 1][TIES_EXACT_LIMIT + 1];
    int umax[MAX_TIES + 1][TIES_EXACT_LIMIT + 1];
    double *row[MAX_TIES + 1][TIES_EXACT_LIMIT + 1];
    /* Choose(n, k) for n, k <= MAX_TIES, filled on first use (0 = not yet:
       every coefficient used is >= 1) */
    double choose[MAX_TIES + 1][MAX_TIES + 1];
} umemo;

/* gomath_choose through the cache (n, k within 0..MAX_TIES, k <= n). */
static double umemo_choose(umemo *m, int n, int k)
{
    double *c = &m->choose[n][k];
    if (*c == 0)
        *c = gomath_choose(n, k);
    return *c;
}

/* twoUmin / twoUmax over the first k ranks of the tie vector. */
static int two_u_min(int n1, const int *t, int K, const int *a)
{
    int twoU = -n1 * n1, n1k = n1;
    for (int k = 1; k <= K; k++) {
        int r = n1k < t[k - 1] ? n1k : t[k - 1];
        twoU += r * a[k];
        n1k -= r;
    }
    return twoU;
}

static int two_u_max(int n1, const int *t, int K, const int *a)
{
    int twoU = -n1 * n1, n1k = n1;
    for (int k = K; k > 0; k--) {
        int r = n1k < t[k - 1] ? n1k : t[k - 1];
        twoU += r * a[k];
        n1k -= r;
    }
    return twoU;
}

/* A[k][{n1, twoU}]: the number of arrangements of n1 first-sample items
   over the first k tie groups with 2U <= twoU.  Entries below the top are
   only asked for inside [umin, umax] (see the callers), so they live in
   the dense rows; the top entry (k == K) is computed once, unmemoized. */
static double umemo_count(umemo *m, int k, int n1, int twoU)
{
    const int *t = m->t;
    double *slot = NULL;
    if (k < m->K) {
        double **rowp = &m->row[k][n1];
        if (!*rowp) {
            size_t w = (size_t)(m->umax[k][n1] - m->umin[k][n1] + 1);
            *rowp = malloc(w * sizeof **rowp);
            if (!*rowp) {
                m->failed = 1;
                return 0;
            }
            memset(*rowp, 0xff, w * sizeof **rowp);     /* all NaN */
        }
        slot = *rowp + (twoU - m->umin[k][n1]);
        if (!isnan(*slot))
            return *slot;
    }
    double Asum = 0.0;
    if (k == 2) {
        int N2 = t[0] + t[1];
        int lo = n1 - t[0] > 0 ? n1 - t[0] : 0;
        int hi = (twoU - n1 * (t[0] - n1)) / N2;         /* truncates, as Go */
        for (int r2 = lo; r2 <= hi; r2++)
            Asum += umemo_choose(m, t[0], n1 - r2) * umemo_choose(m, t[1], r2);
    } else {
        int tsum = m->tsum[k - 1];                      /* sum t[0 : k-1] */
        int lo = n1 - tsum > 0 ? n1 - tsum : 0;
        int hi = n1 < t[k - 1] ? n1 : t[k - 1];
        for (int rk = lo; rk <= hi; rk++) {
            int twoU1 = twoU - rk * (m->a[k] - 2 * n1 + rk);
            int n11 = n1 - rk;
            double x = 0;
            int umax = m->umax[k - 1][n11];
            if (m->umin[k - 1][n11] <= twoU1 && twoU1 <= umax)
                x = umemo_count(m, k - 1, n11, twoU1);
            else if (umax < twoU1)
                x = umemo_choose(m, tsum, n11);
            Asum += x * umemo_choose(m, t[k - 1], rk);
        }
    }
    if (slot)
        *slot = Asum;
    return Asum;
}

/* UDist.CDF with ties: makeUmemo(2U, n1, T)[K][{n1, 2U}] / Choose(n1+n2, n1). */
static int udist_cdf_ties(int n1, int n2, const int *t, int K, double U, double *cdf)
{
    if (U < 0) {
        *cdf = 0;
        return 0;
    }
    if (U >= (double)(n1 * n2)) {
        *cdf = 1;
        return 0;
    }
    umemo *m = calloc(1, sizeof *m);
    if (!m)
        return -1;
    m->t = t;
    m->K = K;
    m->a[1] = t[0];
    for (int k = 2; k <= K; k++)
        m->a[k] = m->a[k - 1] + t[k - 2] + t[k - 1];
    for (int k = 0; k < K; k++)
        m->tsum[k + 1] = m->tsum[k] + t[k];
    for (int k = 0; k <= K; k++)
        for (int n = 0; n <= n1; n++) {
            m->umin[k][n] = two_u_min(n, t, k, m->a);
            m->umax[k][n] = two_u_max(n, t, k, m->a);
        }
    double count = umemo_count(m, K, n1, (int)(2 * U));
    int failed = m->failed;
    for (int k = 0; k <= K; k++)
        for (int n = 0; n <= n1; n++)
            free(m->row[k][n]);
    free(m);
    if (failed)
        return -1;
    *cdf = count / gomath_choose(n1 + n2, n1);
    return 0;
}

/* ---- the test --------------------------------------------------------- */

int mannwhitney_utest_sorted(const double *x1, size_t n1z, const double *x2, size_t n2z,
                             double *p)
{
    *p = NAN;
    if (n1z == 0 || n2z == 0 || n1z > INT32_MAX || n2z > INT32_MAX)
        return -1;
    int64_t n1 = (int64_t)n1z, n2 = (int64_t)n2z;

    /* Walk the labelled merge of go-moremath (on equal values the item of
       sample 2 comes first) without building it: runs of equal values get
       their mid-rank, T collects the run lengths. */
    size_t i = 0, j = 0, pos = 0, total = n1z + n2z;
    double R1 = 0.0;
    int T[MAX_TIES];
    size_t nT = 0;
    int hasTies = 0;
    int64_t tiesum = 0;                 /* sum of t^3 - t, Go int (wraps) */
#define ADD_RUN(rank1, nx1)                                                  \
    do {                                                                     \
        if ((nx1) != 0)                                                      \
            R1 += ((double)(int64_t)(pos + (rank1)) / 2) * (double)(nx1);    \
        uint64_t run_ = pos - (rank1) + 1;                                   \
        if (nT < MAX_TIES)                                                   \
            T[nT] = (int)run_;                                               \
        nT++;                                                                \
        tiesum = (int64_t)((uint64_t)tiesum + (run_ * run_ * run_ - run_));  \
        hasTies |= run_ > 1;                                                 \
    } while (0)
    if (!isnan(x1[0]) && !isnan(x2[0])) {
        /* No NaN (they sort first): the merge is sorted, so a run is every
           item equal to the smaller head, from both samples. */
        while (i < n1z || j < n2z) {
            double v = j >= n2z || (i < n1z && x1[i] < x2[j]) ? x1[i] : x2[j];
            size_t rank1 = pos + 1, i0 = i;
            while (i < n1z && x1[i] == v)
                i++;
            while (j < n2z && x2[j] == v)
                j++;
            pos = i + j;
            ADD_RUN(rank1, (int64_t)(i - i0));
        }
    } else {
        /* NaNs: Go's merge takes sample 2 whenever x1[i] < x2[j] is false,
           so the order is not sorted and every NaN is its own run; follow
           the merge item by item. */
        while (pos < total) {
            size_t rank1 = pos + 1;
            int64_t nx1 = 0;
            double v1;
            if (i < n1z && (j >= n2z || x1[i] < x2[j])) {
                v1 = x1[i++];
                nx1++;
            } else {
                v1 = x2[j++];
            }
            pos++;
            for (;;) {
                int take1 = i < n1z && (j >= n2z || x1[i] < x2[j]);
                double next = take1 ? x1[i] : (j < n2z ? x2[j] : 0);
                if (pos >= total || !(next == v1))
                    break;
                if (take1) {
                    i++;
                    nx1++;
                } else {
                    j++;
                }
                pos++;
            }
            ADD_RUN(rank1, nx1);
        }
    }
#undef ADD_RUN
    double U1 = R1 - (double)(n1 * (n1 + 1)) / 2;
    double U2 = (double)(n1 * n2) - U1;
    double Usmall = go_min(U1, U2);

    if ((!hasTies && n1 <= EXACT_LIMIT && n2 <= EXACT_LIMIT) ||
        (hasTies && n1 <= TIES_EXACT_LIMIT && n2 <= TIES_EXACT_LIMIT)) {
        if (nT == 1)
            return -1;                  /* all values are equal */
        if (U1 == U2) {
            *p = 1;
            return 0;
        }
        double cdf;
        int rc = hasTies ? udist_cdf_ties((int)n1, (int)n2, T, (int)nT, Usmall, &cdf)
                         : udist_cdf_noties((int)n1, (int)n2, Usmall, &cdf);
        if (rc != 0)
            return -1;
        *p = cdf * 2;
        return 0;
    }

    /* normal approximation with tie and continuity correction */
    double t = (double)tiesum;
    double N = (double)(n1 + n2);
    double mu = (double)(n1 * n2) / 2;
    double sigma = sqrt((double)(n1 * n2) * ((N + 1) - t / (N * (N - 1))) / 12);
    if (sigma == 0)
        return -1;
    double numer = U1 - mu;
    double sign = numer == 0 ? 0 : numer < 0 ? -1 : numer > 0 ? 1 : NAN;
    numer -= sign * 0.5;
    double z = numer / sigma;
    double cdf = gomath_erfc(-(z - 0) / (1 * M_SQRT2)) / 2;  /* StdNormal.CDF */
    *p = 2 * go_min(cdf, 1 - cdf);
    return 0;
}

int mannwhitney_utest(const double *x1, size_t n1, const double *x2, size_t n2, double *p)
{
    *p = NAN;
    if (n1 == 0 || n2 == 0)
        return -1;
    double *buf = malloc((n1 + n2) * sizeof *buf);
    if (!buf)
        return -1;
    memcpy(buf, x1, n1 * sizeof *buf);
    memcpy(buf + n1, x2, n2 * sizeof *buf);
    sort_float64s(buf, n1);
    sort_float64s(buf + n1, n2);
    int rc = mannwhitney_utest_sorted(buf, n1, buf + n1, n2, p);
    free(buf);
    return rc;
}

double mannwhitney_min_p2(int n1, int n2)
{
    /* Fully separated samples: U = 0, which has probability 1/C(n1+n2, n1)
       under the null hypothesis, doubled for two sides.  Written as the
       division, which gives benchmath's uTestMinP table (1,
       0.3333333333333333, 0.1, ...): benchmath ran the U test on n copies of
       -1 against n copies of 1, tied samples whose exact Cheung-Klotz counts
       are the same quotient.  (Distinct separated values go through the
       no-ties recurrence instead, which lands an ulp above: 0.10000000000000002
       for 3 vs 3.) */
    if (n1 <= 0 || n2 <= 0)
        return NAN;
    return 2 / gomath_choose(n1 + n2, n1);
}

double mannwhitney_min_p(int n)
{
    return mannwhitney_min_p2(n, n);
}
