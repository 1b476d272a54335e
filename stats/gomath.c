/*
 * gomath.c -- Go's math.Exp, math.Log, math.Erfc and math.Lgamma, and
 * go-moremath's mathx.Choose, ported to C so they round exactly as Go's
 * (docs/benchstat.md, Exactness; docs/stats-math.md).
 *
 * Why port Go's libm instead of using glibc or GSL: the CSV output prints the
 * geomean with every significant digit, so log and exp must round like Go's
 * (glibc's differ in the last bit for some geomeans; docs/stats-math.md shows
 * one); and QuantileCI for n = 21..30 compares Choose(n,k) with
 * Choose(n,n-k), which are equal in exact arithmetic, so the left/right
 * decision is decided by the rounding of Go's Lgamma (glibc gives (13,17) for
 * QuantileCI(30, .5, .5), Go (14,18)).  GSL's gsl_sf_lnchoose and
 * gsl_cdf_ugaussian_P are accurate but round differently, so they serve only
 * as independent checks in the tests.
 *
 * Every routine is evaluated left to right without fused multiply-add (the
 * Makefile passes -ffp-contract=off), except where Go's own assembly fuses
 * (the FMA path of Exp, done with fma()).
 */
#include "gomath.h"

#include <math.h>
#include <stdint.h>
#include <string.h>

/* The bits of x, as Go's math.Float64bits. */
static inline uint64_t bits_of(double x)
{
    uint64_t u;
    memcpy(&u, &x, sizeof u);
    return u;
}

/* The double with bits u, as Go's math.Float64frombits. */
static inline double double_of(uint64_t u)
{
    double x;
    memcpy(&x, &u, sizeof x);
    return x;
}

/* Go decides once per process: useFMA = cpu.X86.HasAVX && cpu.X86.HasFMA
   (math/exp_amd64.go).  __builtin_cpu_supports reads a table the runtime
   filled before main, so this is a cheap load, safe from any thread. */
static int go_use_fma(void)
{
#if defined(__x86_64__) && defined(__GNUC__)
    return __builtin_cpu_supports("avx") && __builtin_cpu_supports("fma");
#else
    return 0;
#endif
}

/* A port of Go's math/exp_amd64.s (Shibata, "Efficient evaluation methods
   of elementary functions suitable for SIMD computation", ISC'10): k =
   round(x*log2e) (CVTSD2SL rounds to nearest even), r = x - k*ln2 in two
   parts, a Taylor polynomial of r/16, four squarings by y = y*(y+2), then
   the scaling by 2^k built from bits, with Go's denormal path. */
double gomath_exp_path(double x, int fma_path)
{
    const double LN2U = 0.69314718055966295651160180568695068359375;
    const double LN2L = 0.28235290563031577122588448175013436025525412068e-12;
    const double LOG2E = 1.4426950408889634073599246810018920;
    const double Overflow = 7.09782712893384e+02;
    uint64_t bx = bits_of(x);

    if ((bx & ~(UINT64_C(1) << 63)) >= UINT64_C(0x7FF0000000000000)) {
        if (bx == UINT64_C(0xFFF0000000000000))
            return 0;                   /* -Inf */
        return x;                       /* +Inf or NaN */
    }
    if (x > Overflow)
        return INFINITY;
    double t = LOG2E * x;
    /* CVTSD2SL: round to nearest even; out of range gives INT32_MIN. */
    int32_t k = (t >= -2147483648.0 && t < 2147483648.0) ? (int32_t)nearbyint(t)
                                                          : INT32_MIN;
    double kf = (double)k;
    double y;
    if (fma_path) {
        x = fma(-kf, LN2U, x);
        x = fma(-kf, LN2L, x);
        x *= 0.0625;
        y = 2.4801587301587301587e-5;
        y = fma(y, x, 1.9841269841269841270e-4);
        y = fma(y, x, 1.3888888888888888889e-3);
        y = fma(y, x, 8.3333333333333333333e-3);
        y = fma(y, x, 4.1666666666666666667e-2);
        y = fma(y, x, 1.6666666666666666667e-1);
        y = fma(y, x, 0.5);
        y = fma(y, x, 1.0);
        x = x * y;
        for (int i = 0; i < 3; i++)
            x = x * (x + 2.0);
        x = fma(x, x + 2.0, 1.0);
    } else {
        x = x - kf * LN2U;
        x = x - kf * LN2L;
        x *= 0.0625;
        y = 2.4801587301587301587e-5 * x;
        y = (y + 1.9841269841269841270e-4) * x;
        y = (y + 1.3888888888888888889e-3) * x;
        y = (y + 8.3333333333333333333e-3) * x;
        y = (y + 4.1666666666666666667e-2) * x;
        y = (y + 1.6666666666666666667e-1) * x;
        y = (y + 0.5) * x;
        y = y + 1.0;
        x = x * y;
        for (int i = 0; i < 4; i++)
            x = x * (2.0 + x);
        x = x + 1.0;
    }
    int64_t e = (int64_t)k + 0x3FF;
    if (e <= 0) {
        if (e < -52)
            return 0;
        x *= double_of((uint64_t)(e + 0x3FE) << 52);
        e = 1;
    } else if (e >= 0x7FF) {
        return INFINITY;
    }
    return x * double_of((uint64_t)e << 52);
}

/* Go's math.Exp: the path Go's CPUID check picks (gomath.h). */
double gomath_exp(double x)
{
    return gomath_exp_path(x, go_use_fma());
}

/* A port of Go's math/log_amd64.s (FreeBSD e_log.c): x = 2^k (1+f) with
   sqrt(2)/2 <= 1+f < sqrt(2), log(1+f) from s = f/(2+f) and a degree-14
   polynomial.  Like the assembly, the reduction reads the exponent field
   directly (subnormals are not normalized first). */
double gomath_log(double x)
{
    const double HSqrt2 = 7.07106781186547524401e-01;
    const double Ln2Hi = 6.93147180369123816490e-01;
    const double Ln2Lo = 1.90821492927058770002e-10;
    const double L1 = 6.666666666666735130e-01;
    const double L2 = 3.999999999940941908e-01;
    const double L3 = 2.857142874366239149e-01;
    const double L4 = 2.222219843214978396e-01;
    const double L5 = 1.818357216161805012e-01;
    const double L6 = 1.531383769920937332e-01;
    const double L7 = 1.479819860511658591e-01;
    uint64_t bx = bits_of(x);

    if ((bx & ~(UINT64_C(1) << 63)) == 0)
        return -INFINITY;
    if ((int64_t)bx < 0)
        return NAN;
    if (bx >= UINT64_C(0x7FF0000000000000))
        return x;
    double f1 = double_of((bx & UINT64_C(0x000FFFFFFFFFFFFF)) | UINT64_C(0x3FE0000000000000));
    double k = (double)((int)((bx >> 52) & 0x7FF) - 0x3FE);
    double adj = f1 < HSqrt2 ? 1.0 : 0.0;
    k = k - adj;
    f1 = f1 * (adj + 1.0);
    double f = f1 - 1.0;
    double s = f / (2.0 + f);
    double s2 = s * s;
    double s4 = s2 * s2;
    double t1 = s2 * (L1 + s4 * (L3 + s4 * (L5 + s4 * L7)));
    double t2 = s4 * (L2 + s4 * (L4 + s4 * L6));
    double R = t1 + t2;
    double hfsq = 0.5 * f * f;
    return k * Ln2Hi - ((hfsq - (s * (hfsq + R) + k * Ln2Lo)) - f);
}

/* A port of Go's math.Erfc (math/erf.go, FreeBSD s_erf.c). */
double gomath_erfc(double x)
{
    const double erx = 8.45062911510467529297e-01;
    const double pp0 = 1.28379167095512558561e-01, pp1 = -3.25042107247001499370e-01,
                 pp2 = -2.84817495755985104766e-02, pp3 = -5.77027029648944159157e-03,
                 pp4 = -2.37630166566501626084e-05;
    const double qq1 = 3.97917223959155352819e-01, qq2 = 6.50222499887672944485e-02,
                 qq3 = 5.08130628187576562776e-03, qq4 = 1.32494738004321644526e-04,
                 qq5 = -3.96022827877536812320e-06;
    const double pa0 = -2.36211856075265944077e-03, pa1 = 4.14856118683748331666e-01,
                 pa2 = -3.72207876035701323847e-01, pa3 = 3.18346619901161753674e-01,
                 pa4 = -1.10894694282396677476e-01, pa5 = 3.54783043256182359371e-02,
                 pa6 = -2.16637559486879084300e-03;
    const double qa1 = 1.06420880400844228286e-01, qa2 = 5.40397917702171048937e-01,
                 qa3 = 7.18286544141962662868e-02, qa4 = 1.26171219808761642112e-01,
                 qa5 = 1.36370839120290507362e-02, qa6 = 1.19844998467991074170e-02;
    const double ra0 = -9.86494403484714822705e-03, ra1 = -6.93858572707181764372e-01,
                 ra2 = -1.05586262253232909814e+01, ra3 = -6.23753324503260060396e+01,
                 ra4 = -1.62396669462573470355e+02, ra5 = -1.84605092906711035994e+02,
                 ra6 = -8.12874355063065934246e+01, ra7 = -9.81432934416914548592e+00;
    const double sa1 = 1.96512716674392571292e+01, sa2 = 1.37657754143519042600e+02,
                 sa3 = 4.34565877475229228821e+02, sa4 = 6.45387271733267880336e+02,
                 sa5 = 4.29008140027567833386e+02, sa6 = 1.08635005541779435134e+02,
                 sa7 = 6.57024977031928170135e+00, sa8 = -6.04244152148580987438e-02;
    const double rb0 = -9.86494292470009928597e-03, rb1 = -7.99283237680523006574e-01,
                 rb2 = -1.77579549177547519889e+01, rb3 = -1.60636384855821916062e+02,
                 rb4 = -6.37566443368389627722e+02, rb5 = -1.02509513161107724954e+03,
                 rb6 = -4.83519191608651397019e+02;
    const double sb1 = 3.03380607434824582924e+01, sb2 = 3.25792512996573918826e+02,
                 sb3 = 1.53672958608443695994e+03, sb4 = 3.19985821950859553908e+03,
                 sb5 = 2.55305040643316442583e+03, sb6 = 4.74528541206955367215e+02,
                 sb7 = -2.24409524465858183362e+01;
    const double Tiny = 1.0 / (double)(UINT64_C(1) << 56);

    if (isnan(x))
        return NAN;
    if (isinf(x))
        return x > 0 ? 0 : 2;
    int sign = 0;
    if (x < 0) {
        x = -x;
        sign = 1;
    }
    if (x < 0.84375) {
        double temp;
        if (x < Tiny) {
            temp = x;
        } else {
            double z = x * x;
            double r = pp0 + z * (pp1 + z * (pp2 + z * (pp3 + z * pp4)));
            double s = 1 + z * (qq1 + z * (qq2 + z * (qq3 + z * (qq4 + z * qq5))));
            double y = r / s;
            if (x < 0.25)
                temp = x + x * y;
            else
                temp = 0.5 + (x * y + (x - 0.5));
        }
        return sign ? 1 + temp : 1 - temp;
    }
    if (x < 1.25) {
        double s = x - 1;
        double P = pa0 + s * (pa1 + s * (pa2 + s * (pa3 + s * (pa4 + s * (pa5 + s * pa6)))));
        double Q = 1 + s * (qa1 + s * (qa2 + s * (qa3 + s * (qa4 + s * (qa5 + s * qa6)))));
        return sign ? 1 + erx + P / Q : 1 - erx - P / Q;
    }
    if (x < 28) {
        double s = 1 / (x * x);
        double R, S;
        if (x < 1 / 0.35) {
            R = ra0 + s * (ra1 + s * (ra2 + s * (ra3 + s * (ra4 + s * (ra5 + s * (ra6 + s * ra7))))));
            S = 1 + s * (sa1 + s * (sa2 + s * (sa3 + s * (sa4 + s * (sa5 + s * (sa6 + s * (sa7 + s * sa8)))))));
        } else {
            if (sign && x > 6)
                return 2;
            R = rb0 + s * (rb1 + s * (rb2 + s * (rb3 + s * (rb4 + s * (rb5 + s * rb6)))));
            S = 1 + s * (sb1 + s * (sb2 + s * (sb3 + s * (sb4 + s * (sb5 + s * (sb6 + s * sb7))))));
        }
        double z = double_of(bits_of(x) & UINT64_C(0xffffffff00000000));
        double r = gomath_exp(-z * z - 0.5625) * gomath_exp((z - x) * (z + x) + R / S);
        return sign ? 2 - r / x : r / x;
    }
    return sign ? 2 : 0;
}

/* A port of Go's math.Lgamma (math/lgamma.go, FreeBSD e_lgamma_r.c) for
   x > 0, the only arguments Choose passes. */
double gomath_lgamma(double x)
{
    static const double A[] = {
        7.72156649015328655494e-02, 3.22467033424113591611e-01, 6.73523010531292681824e-02,
        2.05808084325167332806e-02, 7.38555086081402883957e-03, 2.89051383673415629091e-03,
        1.19270763183362067845e-03, 5.10069792153511336608e-04, 2.20862790713908385557e-04,
        1.08011567247583939954e-04, 2.52144565451257326939e-05, 4.48640949618915160150e-05,
    };
    static const double R[] = {
        1.0, 1.39200533467621045958e+00, 7.21935547567138069525e-01,
        1.71933865632803078993e-01, 1.86459191715652901344e-02, 7.77942496381893596434e-04,
        7.32668430744625636189e-06,
    };
    static const double S[] = {
        -7.72156649015328655494e-02, 2.14982415960608852501e-01, 3.25778796408930981787e-01,
        1.46350472652464452805e-01, 2.66422703033638609560e-02, 1.84028451407337715652e-03,
        3.19475326584100867617e-05,
    };
    static const double T[] = {
        4.83836122723810047042e-01, -1.47587722994593911752e-01, 6.46249402391333854778e-02,
        -3.27885410759859649565e-02, 1.79706750811820387126e-02, -1.03142241298341437450e-02,
        6.10053870246291332635e-03, -3.68452016781138256760e-03, 2.25964780900612472250e-03,
        -1.40346469989232843813e-03, 8.81081882437654011382e-04, -5.38595305356740546715e-04,
        3.15632070903625950361e-04, -3.12754168375120860518e-04, 3.35529192635519073543e-04,
    };
    static const double U[] = {
        -7.72156649015328655494e-02, 6.32827064025093366517e-01, 1.45492250137234768737e+00,
        9.77717527963372745603e-01, 2.28963728064692451092e-01, 1.33810918536787660377e-02,
    };
    static const double V[] = {
        1.0, 2.45597793713041134822e+00, 2.12848976379893395361e+00,
        7.69285150456672783825e-01, 1.04222645593369134254e-01, 3.21709242282423911810e-03,
    };
    static const double W[] = {
        4.18938533204672725052e-01, 8.33333333333329678849e-02, -2.77777777728775536470e-03,
        7.93650558643019558500e-04, -5.95187557450339963135e-04, 8.36339918996282139126e-04,
        -1.63092934096575273989e-03,
    };
    const double Ymin = 1.461632144968362245;
    const double Two58 = (double)(UINT64_C(1) << 58);
    const double Tiny = 1.0 / 1180591620717411303424.0; /* 2^-70 */
    const double Tc = 1.46163214496836224576e+00;
    const double Tf = -1.21486290535849611461e-01;
    const double Tt = -3.63867699703950536541e-18;
    double lg;

    if (!(x > 0))
        return NAN;
    if (isinf(x))
        return x;
    if (x < Tiny)
        return -gomath_log(x);
    if (x == 1 || x == 2)
        return 0;
    if (x < 2) {
        double y;
        int i;
        if (x <= 0.9) {
            lg = -gomath_log(x);
            if (x >= (Ymin - 1 + 0.27)) {
                y = 1 - x;
                i = 0;
            } else if (x >= (Ymin - 1 - 0.27)) {
                y = x - (Tc - 1);
                i = 1;
            } else {
                y = x;
                i = 2;
            }
        } else {
            lg = 0;
            if (x >= (Ymin + 0.27)) {
                y = 2 - x;
                i = 0;
            } else if (x >= (Ymin - 0.27)) {
                y = x - Tc;
                i = 1;
            } else {
                y = x - 1;
                i = 2;
            }
        }
        if (i == 0) {
            double z = y * y;
            double p1 = A[0] + z * (A[2] + z * (A[4] + z * (A[6] + z * (A[8] + z * A[10]))));
            double p2 = z * (A[1] + z * (A[3] + z * (A[5] + z * (A[7] + z * (A[9] + z * A[11])))));
            double p = y * p1 + p2;
            lg += (p - 0.5 * y);
        } else if (i == 1) {
            double z = y * y;
            double w = z * y;
            double p1 = T[0] + w * (T[3] + w * (T[6] + w * (T[9] + w * T[12])));
            double p2 = T[1] + w * (T[4] + w * (T[7] + w * (T[10] + w * T[13])));
            double p3 = T[2] + w * (T[5] + w * (T[8] + w * (T[11] + w * T[14])));
            double p = z * p1 - (Tt - w * (p2 + y * p3));
            lg += (Tf + p);
        } else {
            double p1 = y * (U[0] + y * (U[1] + y * (U[2] + y * (U[3] + y * (U[4] + y * U[5])))));
            double p2 = 1 + y * (V[1] + y * (V[2] + y * (V[3] + y * (V[4] + y * V[5]))));
            lg += (-0.5 * y + p1 / p2);
        }
    } else if (x < 8) {
        int i = (int)x;
        double y = x - (double)i;
        double p = y * (S[0] + y * (S[1] + y * (S[2] + y * (S[3] + y * (S[4] + y * (S[5] + y * S[6]))))));
        double q = 1 + y * (R[1] + y * (R[2] + y * (R[3] + y * (R[4] + y * (R[5] + y * R[6])))));
        lg = 0.5 * y + p / q;
        double z = 1.0;
        switch (i) {                    /* Lgamma(1+s) = Log(s) + Lgamma(s) */
        case 7: z *= (y + 6); /* fall through */
        case 6: z *= (y + 5); /* fall through */
        case 5: z *= (y + 4); /* fall through */
        case 4: z *= (y + 3); /* fall through */
        case 3:
            z *= (y + 2);
            lg += gomath_log(z);
        }
    } else if (x < Two58) {
        double t = gomath_log(x);
        double z = 1 / x;
        double y = z * z;
        double w = W[0] + z * (W[1] + y * (W[2] + y * (W[3] + y * (W[4] + y * (W[5] + y * W[6])))));
        lg = (x - 0.5) * (t - 1) + w;
    } else {
        lg = x * (gomath_log(x) - 1);
    }
    return lg;
}

/* ---- combinatorics -------------------------------------------------- */

/* mathx.Choose of go-moremath (mathx/choose.go): exact below 21, through
   Lgamma above (gomath.h). */
double gomath_choose(int n, int k)
{
    if (k == 0 || k == n)
        return 1;
    if (k < 0 || n < k)
        return 0;
    if (n <= 20) {
        /* (n-k+1)...n / k!, all in int64: 20! < 2^62. */
        int64_t numer = 1, denom = 1;
        for (int64_t n1 = n - (k - 1); n1 <= n; n1++)
            numer *= n1;
        for (int64_t i = 2; i <= k; i++)
            denom *= i;
        return (double)(numer / denom);
    }
    /* Evaluated (a - b) - c as Go does: the order decides which of
       Choose(n,k), Choose(n,n-k) is larger after rounding. */
    double a = gomath_lgamma((double)(n + 1));
    double b = gomath_lgamma((double)(k + 1));
    double c = gomath_lgamma((double)(n - k + 1));
    return gomath_exp(a - b - c);
}