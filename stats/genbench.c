/*
 * genbench.c -- writes a large, deterministic Go benchmark results file for
 * timing escstat (docs/benchstat.md, Speed): NBENCH benchmarks x NSAMPLES
 * lines, each with ns/op, B/op and allocs/op, every 4th benchmark also MB/s,
 * printed exactly as Go's testing package prints them.  With -new, a third of
 * the benchmarks are 5 % faster and a third 3 % slower; about 1 % of the
 * samples are outliers either way.
 *
 * Usage: genbench [-b NBENCH] [-n NSAMPLES] [-s SEED] [-new] > file
 *        (defaults: 2000 benchmarks, 1000 samples, seed 1)
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* splitmix64: small, fast, and the same on every machine. */
static uint64_t rng_state;

static uint64_t rng_next(void)
{
    uint64_t z = (rng_state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

/* uniform in [0, 1) */
static double rng_unif(void)
{
    return (double)(rng_next() >> 11) * 0x1p-53;
}

/* approximately normal (sum of 4 uniforms, variance 1) */
static double rng_norm(void)
{
    return (rng_unif() + rng_unif() + rng_unif() + rng_unif() - 2.0) * 1.7320508075688772;
}

/* pretty_ns: Go testing's prettyPrint of a duration per op. */
static void pretty_ns(char *buf, size_t size, double x)
{
    double y = fabs(x);
    if (y == 0 || y >= 999.95)
        snprintf(buf, size, "%10.0f ns/op", x);
    else if (y >= 99.995)
        snprintf(buf, size, "%12.1f ns/op", x);
    else if (y >= 9.9995)
        snprintf(buf, size, "%13.2f ns/op", x);
    else
        snprintf(buf, size, "%14.3f ns/op", x);
}

static void usage(void)
{
    fputs("usage: genbench [-b NBENCH] [-n NSAMPLES] [-s SEED] [-new] > file\n", stderr);
    exit(2);
}

int main(int argc, char **argv)
{
    long nbench = 2000, nsamples = 1000;
    unsigned long long seed = 1;
    int is_new = 0;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "-new") == 0)
            is_new = 1;
        else if (strcmp(argv[i], "-b") == 0 && i + 1 < argc)
            nbench = strtol(argv[++i], NULL, 10);
        else if (strcmp(argv[i], "-n") == 0 && i + 1 < argc)
            nsamples = strtol(argv[++i], NULL, 10);
        else if (strcmp(argv[i], "-s") == 0 && i + 1 < argc)
            seed = strtoull(argv[++i], NULL, 10);
        else
            usage();
    }
    if (nbench <= 0 || nsamples <= 0)
        usage();
    static char obuf[1 << 20];
    setvbuf(stdout, obuf, _IOFBF, sizeof obuf);
    printf("goos: linux\ngoarch: amd64\npkg: example.com/escbench/gen\n"
           "cpu: Generated CPU @ 3.00GHz\n");
    for (long b = 0; b < nbench; b++) {
        /* the benchmark's own parameters come from the seed and b only, so
           the old and new files agree on them */
        rng_state = seed * 0x100000001B3ull + (uint64_t)b * 7919;
        double base_ns = exp(log(20.0) + rng_unif() * (log(2e6) - log(20.0)));
        long bytes_op = (long)(rng_next() % 8) * 64;
        long allocs = bytes_op / 64;
        long size = 16L << (rng_next() % 12);
        int speed = b % 4 == 0;
        double shift = 1.0;
        if (is_new) {
            if (b % 3 == 1)
                shift = 0.95;
            else if (b % 3 == 2)
                shift = 1.03;
        }
        char name[96];
        snprintf(name, sizeof name, "BenchmarkGen/case=%04ld/size=%ld-8", b, size);
        /* samples: a different stream for old and new */
        rng_state = (seed + (uint64_t)is_new * 0x5851F42D4C957F2Dull) * 0x9E3779B97F4A7C15ull +
                    (uint64_t)b * 104729;
        for (long s = 0; s < nsamples; s++) {
            double ns = base_ns * shift * (1 + 0.02 * rng_norm());
            if (rng_unif() < 0.01)      /* an outlier */
                ns *= 1.2 + rng_unif();
            long iters = (long)(1e9 / ns);
            if (iters < 1)
                iters = 1;
            char nsbuf[64];
            pretty_ns(nsbuf, sizeof nsbuf, ns);
            if (speed)
                printf("%-40s\t%8ld\t%s\t%7.2f MB/s\t%8ld B/op\t%8ld allocs/op\n", name, iters,
                       nsbuf, (double)size / ns * 1e3, bytes_op, allocs);
            else
                printf("%-40s\t%8ld\t%s\t%8ld B/op\t%8ld allocs/op\n", name, iters, nsbuf,
                       bytes_op, allocs);
        }
    }
    printf("PASS\nok  \texample.com/escbench/gen\t%.3fs\n", 12.345);
    if (fflush(stdout) != 0 || ferror(stdout)) {
        perror("genbench: write");
        return 1;
    }
    return 0;
}
