/*
 * test_harness_format.c -- result lines as go test prints them.
 *
 * The expected strings are derived by hand from Go's prettyPrint formats
 * (src/testing/benchmark.go): "%10.0f" for 0 and from 999.95, "%12.1f" from
 * 99.995, "%13.2f" from 9.9995, "%14.3f" from 0.99995, "%15.4f" from
 * 0.099995, ... "%18.7f" below 0.00099995.  A value at a boundary takes
 * the wider-integer format and rounds up into it (0.99995 -> "1.000").
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "format.h"
#include "../tap.h"

static const char *pretty(double x)
{
    static char buf[128];
    fmt_pretty(buf, sizeof buf, x, "ns/op");
    return buf;
}

static const char *line(const struct fmt_result *r)
{
    static char buf[512];
    fmt_result(buf, sizeof buf, r);
    return buf;
}

static const char *dur(int64_t ns)
{
    static char buf[64];
    fmt_duration(buf, sizeof buf, ns);
    return buf;
}

int main(void)
{
    struct fmt_result r;
    int64_t d;

    /* prettyPrint at each boundary and just below it. */
    is_str(pretty(0), "         0 ns/op", "0 -> %%10.0f");
    is_str(pretty(999.95), "      1000 ns/op", "999.95 -> %%10.0f, rounds to 1000");
    is_str(pretty(999.9499), "       999.9 ns/op", "999.9499 -> %%12.1f");
    is_str(pretty(1234.5), "      1234 ns/op", "1234.5 -> %%10.0f, half to even");
    is_str(pretty(99.995), "       100.0 ns/op", "99.995 -> %%12.1f, rounds to 100.0");
    is_str(pretty(99.9949), "        99.99 ns/op", "99.9949 -> %%13.2f");
    is_str(pretty(9.9995), "        10.00 ns/op", "9.9995 -> %%13.2f, rounds to 10.00");
    is_str(pretty(9.9994), "         9.999 ns/op", "9.9994 -> %%14.3f");
    is_str(pretty(0.99995), "         1.000 ns/op", "0.99995 -> %%14.3f, rounds to 1.000");
    is_str(pretty(0.99994), "         0.9999 ns/op", "0.99994 -> %%15.4f");
    is_str(pretty(0.099995), "         0.1000 ns/op", "0.099995 -> %%15.4f");
    is_str(pretty(0.0999949), "         0.09999 ns/op", "0.0999949 -> %%16.5f");
    is_str(pretty(0.0099995), "         0.01000 ns/op", "0.0099995 -> %%16.5f");
    is_str(pretty(0.00099995), "         0.001000 ns/op", "0.00099995 -> %%17.6f");
    is_str(pretty(0.0001234), "         0.0001234 ns/op", "0.0001234 -> %%18.7f");
    is_str(pretty(-5.5), "        -5.500 ns/op", "negative values by |x|");
    is_str(pretty(123456789012.0), "123456789012 ns/op", "wider than 10 places");

    /* NaN and infinities as Go's fmt prints them: NaN fails every
     * comparison of prettyPrint and takes %18.7f; +-Inf take %10.0f; the
     * text is strconv's "NaN", "+Inf", "-Inf", padded with spaces. */
    is_str(pretty(NAN), "               NaN ns/op", "NaN -> %%18.7f as Go: NaN");
    is_str(pretty(-NAN), "               NaN ns/op", "-NaN -> NaN, no sign (Go drops it)");
    is_str(pretty(INFINITY), "      +Inf ns/op", "+Inf -> %%10.0f as Go: +Inf");
    is_str(pretty(-INFINITY), "      -Inf ns/op", "-Inf -> %%10.0f as Go: -Inf");

    /* A whole line: iterations %8d, ns/op, then B/op and allocs/op. */
    memset(&r, 0, sizeof r);
    r.n = 1000000;
    r.t_ns = 1234567890;
    r.mem = true;
    r.mem_bytes = 16000000;
    r.mem_allocs = 1999999;
    is_str(line(&r), " 1000000\t      1235 ns/op\t      16 B/op\t       1 allocs/op",
           "ns/op, B/op and allocs/op truncated as Go's integer division");
    r.mem = false;
    is_str(line(&r), " 1000000\t      1235 ns/op", "-benchmem=false: no memory columns");

    r.n = 1000000000;
    r.t_ns = 250000000;
    is_str(line(&r), "1000000000\t         0.2500 ns/op", "1e9 iterations overflow %%8d");

    /* MB/s: bytes * n / 1e6 / seconds. */
    r.n = 1000;
    r.t_ns = 2000000;                       /* 2 ms: 2000 ns/op */
    r.bytes = 4096;
    is_str(line(&r), "    1000\t      2000 ns/op\t2048.00 MB/s", "%%7.2f MB/s");
    r.bytes = 1;
    is_str(line(&r), "    1000\t      2000 ns/op\t   0.50 MB/s", "MB/s padded to 7");

    /* Extras sorted by unit; built-in units override the measured value. */
    memset(&r, 0, sizeof r);
    r.n = 10;
    r.t_ns = 100;
    r.mem = true;
    r.nextra = 3;
    snprintf(r.extra[0].unit, FMT_UNIT_MAX, "zeta/op");
    r.extra[0].value = 2;
    snprintf(r.extra[1].unit, FMT_UNIT_MAX, "alpha/op");
    r.extra[1].value = 1500;
    snprintf(r.extra[2].unit, FMT_UNIT_MAX, "allocs/op");
    r.extra[2].value = 2.9;
    is_str(line(&r), "      10\t        10.00 ns/op\t      1500 alpha/op\t         2.000 zeta/op"
                     "\t       0 B/op\t       2 allocs/op",
           "extras sorted, allocs/op reported as int64(2.9)");
    r.nextra = 1;
    snprintf(r.extra[0].unit, FMT_UNIT_MAX, "ns/op");
    r.extra[0].value = 0;
    r.mem = false;
    is_str(line(&r), "      10", "ns/op reported as 0 hides ns/op, as Go");

    /* Reported NaN and infinities on a whole line: ns/op NaN is not 0, so
     * printed; MB/s in %7.2f; B/op and allocs/op are Go's int64(v), which on
     * amd64 is -9223372036854775808 for NaN and +-Inf. */
    r.nextra = 5;
    r.mem = true;
    snprintf(r.extra[0].unit, FMT_UNIT_MAX, "ns/op");
    r.extra[0].value = NAN;
    snprintf(r.extra[1].unit, FMT_UNIT_MAX, "MB/s");
    r.extra[1].value = INFINITY;
    snprintf(r.extra[2].unit, FMT_UNIT_MAX, "x/op");
    r.extra[2].value = -INFINITY;
    snprintf(r.extra[3].unit, FMT_UNIT_MAX, "B/op");
    r.extra[3].value = NAN;
    snprintf(r.extra[4].unit, FMT_UNIT_MAX, "allocs/op");
    r.extra[4].value = 1e300;
    is_str(line(&r), "      10\t               NaN ns/op\t   +Inf MB/s\t      -Inf x/op"
                     "\t-9223372036854775808 B/op\t-9223372036854775808 allocs/op",
           "NaN ns/op, +Inf MB/s, -Inf extra, NaN and 1e300 B/op, allocs/op as Go on amd64");

    /* Names: -P only when P is not 1. */
    {
        char buf[64];
        fmt_bench_name(buf, sizeof buf, "BenchmarkX", 2);
        is_str(buf, "BenchmarkX-2", "name-P");
        fmt_bench_name(buf, sizeof buf, "BenchmarkX", 1);
        is_str(buf, "BenchmarkX", "no suffix for one CPU");
    }

    /* Go's Duration.String. */
    is_str(dur(0), "0s", "0s");
    is_str(dur(600000000000), "10m0s", "10m0s");
    is_str(dur(1500000000), "1.5s", "1.5s");
    is_str(dur(500000000), "500ms", "500ms");
    is_str(dur(1500), "1.5\xc2\xb5s", "1.5us with a micro sign");
    is_str(dur(100), "100ns", "100ns");
    is_str(dur(3600000000000), "1h0m0s", "1h0m0s");
    is_str(dur(-2000000000), "-2s", "negative");
    is_str(dur(3723400000000), "1h2m3.4s", "1h2m3.4s");

    /* Go's time.ParseDuration. */
    is_int(fmt_parse_duration("1s", &d), 0, "1s parses");
    is_int(d, 1000000000, "1s");
    fmt_parse_duration("500ms", &d);
    is_int(d, 500000000, "500ms");
    fmt_parse_duration("1h2m3.5s", &d);
    is_int(d, 3723500000000, "1h2m3.5s");
    fmt_parse_duration(".5s", &d);
    is_int(d, 500000000, ".5s");
    fmt_parse_duration("1.5us", &d);
    is_int(d, 1500, "1.5us");
    fmt_parse_duration("2\xc2\xb5s", &d);
    is_int(d, 2000, "2 with a micro sign");
    fmt_parse_duration("-1.5m", &d);
    is_int(d, -90000000000, "-1.5m");
    is_int(fmt_parse_duration("0", &d), 0, "0 needs no unit");
    is_int(d, 0, "0");
    is_int(fmt_parse_duration("", &d), -1, "empty is invalid");
    is_int(fmt_parse_duration("1", &d), -1, "missing unit");
    is_int(fmt_parse_duration("1x", &d), -1, "unknown unit");
    is_int(fmt_parse_duration(".s", &d), -1, "no digits");
    is_int(fmt_parse_duration("1s2", &d), -1, "trailing number without unit");
    is_int(fmt_parse_duration("9300000000s", &d), -1, "overflow");
    is_int(fmt_parse_duration("9223372036s", &d), 0, "just fits");
    return tap_done();
}
