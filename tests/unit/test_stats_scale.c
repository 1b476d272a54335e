/*
 * test_stats_scale.c -- benchstat's number scaling (stats/scale.c;
 * docs/benchstat.md, Number formatting) and Go's fmt.Sprint(float64).
 *
 * The scale cases are upstream's benchunit/scale_test.go table (each value
 * and its predecessor nextafter(v, 0), which sits on the other side of a
 * threshold), re-expressed in C; the Sprint cases are what
 * Go's fmt.Sprint prints for those values.
 */
#include <math.h>
#include <string.h>

#include "../tap.h"
#include "scale.h"

static char buf[512];

static const char *scale1(double v, bool binary)
{
    scaler s = scale_one(v, binary);
    scale_format(&s, v, buf, sizeof buf);
    return buf;
}

static void case_(double num, const char *want, const char *want_pred, bool binary)
{
    is_str(scale1(num, binary), want, "%s %.17g", binary ? "binary" : "decimal", num);
    double pred = nextafter(num, 0);
    is_str(scale1(pred, binary), want_pred, "%s %.17g %s", binary ? "binary" : "decimal", num,
           num < 0 ? "+eps" : "-eps");
}

static void test_decimal(void)
{
    bool D = false;
    case_(0, "0.000", "0.000", D);
    case_(1, "1.000", "1.000", D);
    case_(-1, "-1.000", "-1.000", D);
    case_(9999500000000000, "9999.5T", "9999.5T", D);
    case_(999950000000000, "1000.0T", "999.9T", D);
    case_(99995000000000, "100.0T", "99.99T", D);
    case_(9999500000000, "10.00T", "9.999T", D);
    case_(999950000000, "1.000T", "999.9G", D);
    case_(99995000000, "100.0G", "99.99G", D);
    case_(9999500000, "10.00G", "9.999G", D);
    case_(999950000, "1.000G", "999.9M", D);
    case_(99995000, "100.0M", "99.99M", D);
    case_(9999500, "10.00M", "9.999M", D);
    case_(999950, "1.000M", "999.9k", D);
    case_(99995, "100.0k", "99.99k", D);
    case_(9999.5, "10.00k", "9.999k", D);
    case_(999.95, "1.000k", "999.9", D);
    case_(99.995, "100.0", "99.99", D);
    case_(9.9995, "10.00", "9.999", D);
    case_(.99995, "1.000", "999.9m", D);
    case_(.099995, "100.0m", "99.99m", D);
    case_(.0099995, "10.00m", "9.999m", D);
    case_(.00099995, "1.000m", "999.9\u00b5", D);
    case_(.000099995, "100.0\u00b5", "99.99\u00b5", D);
    case_(.0000099995, "10.00\u00b5", "9.999\u00b5", D);
    case_(.00000099995, "1.000\u00b5", "999.9n", D);
    case_(.000000099995, "100.0n", "99.99n", D);
    case_(.0000000099995, "10.00n", "9.999n", D);
    case_(.00000000099995, "1.000n", "0.9999n", D);
    /* below the smallest unit, at most one ulp off the ideal rounding */
    case_(nextafter(.000000000099995, 1), "0.1000n", "0.09999n", D);
    case_(.0000000000099995, "0.01000n", "0.009999n", D);
    case_(nextafter(.00000000000099995, 1), "0.001000n", "0.0009999n", D);
    case_(.000000000000099995, "0.0001000n", "0.00009999n", D);
    case_(.0000000000000099995, "0.00001000n", "0.000009999n", D);
    case_(nextafter(.00000000000000099995, 1), "0.000001000n", "0.0000009999n", D);
    case_(-99995000000000, "-100.0T", "-99.99T", D);
    case_(-.0000000099995, "-10.00n", "-9.999n", D);
}

static void test_binary(void)
{
    bool B = true;
    case_(0, "0.000", "0.000", B);
    case_(1, "1.000", "1.000", B);
    case_(-1, "-1.000", "-1.000", B);
    case_(.99995 * 0x1p50, "1023.9Ti", "1023.9Ti", B);
    case_(99.995 * 0x1p40, "100.0Ti", "99.99Ti", B);
    case_(9.9995 * 0x1p40, "10.00Ti", "9.999Ti", B);
    case_(.99995 * 0x1p40, "1.000Ti", "1023.9Gi", B);
    case_(99.995 * 0x1p30, "100.0Gi", "99.99Gi", B);
    case_(9.9995 * 0x1p30, "10.00Gi", "9.999Gi", B);
    case_(.99995 * 0x1p30, "1.000Gi", "1023.9Mi", B);
    case_(99.995 * 0x1p20, "100.0Mi", "99.99Mi", B);
    case_(9.9995 * 0x1p20, "10.00Mi", "9.999Mi", B);
    case_(.99995 * 0x1p20, "1.000Mi", "1023.9Ki", B);
    case_(99.995 * 0x1p10, "100.0Ki", "99.99Ki", B);
    case_(9.9995 * 0x1p10, "10.00Ki", "9.999Ki", B);
    case_(.99995 * 0x1p10, "1.000Ki", "1023.9", B);
    case_(99.995, "100.0", "99.99", B);
    case_(9.9995, "10.00", "9.999", B);
    case_(.99995, "1.000", "0.9999", B);
    case_(.099995, "0.1000", "0.09999", B);
    case_(.0099995, "0.01000", "0.009999", B);
    case_(.00099995, "0.001000", "0.0009999", B);
    case_(.000099995, "0.0001000", "0.00009999", B);
    case_(.0000099995, "0.00001000", "0.000009999", B);
    case_(.00000099995, "0.000001000", "0.0000009999", B);
    /* 10 digits after the point at most */
    case_(.00000009995, "0.0000001000", "0.0000000999", B);
    case_(nextafter(.00000000995, 1), "0.0000000100", "0.0000000099", B);
    case_(.00000000095, "0.0000000010", "0.0000000009", B);
    case_(.00000000005, "0.0000000001", "0.0000000000", B);
    case_(.000000000009, "0.0000000000", "0.0000000000", B);
}

static void test_common(void)
{
    char b1[64], b2[64], b3[64];
    /* one scaler per row, set by the smallest non-zero magnitude */
    double row[] = {115e-9, 78.8e-9, 1073e-9};
    scaler s = scale_common(row, 3, false);
    scale_format(&s, row[0], b1, sizeof b1);
    scale_format(&s, row[1], b2, sizeof b2);
    scale_format(&s, row[2], b3, sizeof b3);
    ok(!strcmp(b1, "115.00n") && !strcmp(b2, "78.80n") && !strcmp(b3, "1073.00n"),
       "row scaler from the smallest: 115.00n 78.80n 1073.00n (got %s %s %s)", b1, b2, b3);
    double brow[] = {13089.6 * 1048576, 120.5 * 1048576};
    s = scale_common(brow, 2, true);
    scale_format(&s, brow[0], b1, sizeof b1);
    is_str(b1, "13089.6Mi", "binary row: 13089.6Mi");
    /* zeros do not count; an all-zero row is 0.000 */
    double z[] = {0, 0, 2500};
    s = scale_common(z, 3, false);
    scale_format(&s, 0, b1, sizeof b1);
    scale_format(&s, 2500, b2, sizeof b2);
    ok(!strcmp(b1, "0.000k") && !strcmp(b2, "2.500k"), "zeros skipped: 0.000k 2.500k (got %s %s)", b1,
       b2);
    double zz[] = {0, -0.0};
    s = scale_common(zz, 2, false);
    ok(s.prec == 3 && s.factor == 1 && !strcmp(s.prefix, ""), "all-zero row: prec 3, factor 1");
    scale_format(&s, 0, b1, sizeof b1);
    is_str(b1, "0.000", "zero prints 0.000");
    scale_format(&s, -0.0, b1, sizeof b1);
    is_str(b1, "-0.000", "negative zero prints -0.000 (Go too)");
    s = scale_common(zz, 0, false);
    ok(s.prec == 3 && s.factor == 1, "empty row: prec 3, factor 1");
    /* values in [1000, 1024) KiB stay in the smaller prefix */
    is_str(scale1(1020 * 1024.0, true), "1020.0Ki", "1020 KiB is 1020.0Ki, not 0.996Mi");
    /* Inf and NaN as Go prints them, prefix and all */
    is_str(scale1(INFINITY, false), "+InfT", "+Inf sets the T scale and prints +InfT");
    double inf_row[] = {INFINITY, 2e-9};
    s = scale_common(inf_row, 2, false);
    scale_format(&s, INFINITY, b1, sizeof b1);
    scale_format(&s, -INFINITY, b2, sizeof b2);
    scale_format(&s, NAN, b3, sizeof b3);
    ok(!strcmp(b1, "+Infn") && !strcmp(b2, "-Infn") && !strcmp(b3, "NaNn"),
       "+Infn -Infn NaNn in an n row (got %s %s %s)", b1, b2, b3);
    /* a NaN first in the row sticks as the minimum (Go's comparisons) */
    double nan_row[] = {NAN, 5};
    s = scale_common(nan_row, 2, false);
    ok(s.prec == 10 && !strcmp(s.prefix, "n"), "NaN first: the smallest scale, 10 decimals of n");
    double nan_row2[] = {5, NAN};
    s = scale_common(nan_row2, 2, false);
    ok(s.prec == 3 && s.factor == 1, "NaN later: ignored");
    /* snprintf-like return and truncation */
    char small[4];
    s = scale_one(123456, false);
    int n = scale_format(&s, 123456, small, sizeof small);
    ok(n == 6 && !strcmp(small, "123"), "returns the full length (6) and truncates (got %d '%s')", n,
       small);
    /* the no-op scaler (prec -1): shortest digits, never an exponent */
    scaler noop = {-1, 1, ""};
    scale_format(&noop, 1, b1, sizeof b1);
    scale_format(&noop, 123456789, b2, sizeof b2);
    scale_format(&noop, 123.456789, b3, sizeof b3);
    ok(!strcmp(b1, "1") && !strcmp(b2, "123456789") && !strcmp(b3, "123.456789"),
       "no-op scaler: 1 123456789 123.456789");
    scale_format(&noop, 1e-6, b1, sizeof b1);
    is_str(b1, "0.000001", "no-op scaler: 1e-06 -> 0.000001");
}

static void test_sprint(void)
{
    static const struct { double x; const char *want; } c[] = {
        {1e6, "1e+06"},
        {1234567, "1.234567e+06"},
        {999999.9999999995, "999999.9999999995"},
        {100000, "100000"},
        {0.0001, "0.0001"},
        {1e-05, "1e-05"},
        {1.7180000000000001e-06, "1.7180000000000001e-06"},
        {0, "0"},
        {-0.0, "-0"},
        {1, "1"},
        {-2.5, "-2.5"},
        {0.1, "0.1"},
        {0.95, "0.95"},
        {0.05, "0.05"},
        {1e21, "1e+21"},
        {1e100, "1e+100"},
        {123456.7, "123456.7"},
        {5e-324, "5e-324"},
        {1.7976931348623157e308, "1.7976931348623157e+308"},
        /* a power of two whose shortest form needs the upper neighbour:
           2^-44 = 5.6843418860808015e-14 */
        {0x1p-44, "5.684341886080802e-14"},
        {0x1p60, "1.152921504606847e+18"},
        {INFINITY, "+Inf"},
        {-INFINITY, "-Inf"},
        {NAN, "NaN"},
    };
    for (size_t i = 0; i < sizeof c / sizeof c[0]; i++) {
        go_format_float(c[i].x, buf, sizeof buf);
        is_str(buf, c[i].want, "Sprint(%.17g)", c[i].x);
    }
    ok(go_format_float(1234567, NULL, 0) == 12, "go_format_float counts without a buffer");
}

static void test_class(void)
{
    static const struct { const char *unit; bool bin; } c[] = {
        {"B/op", true},       {"B/s", true},          {"text-bytes", true},
        {"MB", true},         {"sec/op", false},      {"allocs/op", false},
        {"sec/B", false},     {"ns/op", false},       {"op/s*B", true},
        {"bytes", true},      {"KB/op", false},       {"Bytes", false},
        {"B", true},          {"/B", false},          {"x B", true},
        {"", false},          {"MB/s", true},         {"B-per-op", true},
    };
    for (size_t i = 0; i < sizeof c / sizeof c[0]; i++)
        ok(unit_is_binary(c[i].unit) == c[i].bin, "'%s' is %s", c[i].unit,
           c[i].bin ? "binary" : "decimal");
}

int main(void)
{
    test_decimal();
    test_binary();
    test_common();
    test_sprint();
    test_class();
    return tap_done();
}
