/*
 * test_plots_draw.c -- escplot's shared chart style (plots/draw.h): time
 * units, value labels, and what draw_begin puts into a script.
 */
#include <math.h>
#include <string.h>

#include "../tap.h"
#include "draw.h"

static const char *num(double x)
{
    static strbuf b = STRBUF_INIT;
    strbuf_reset(&b);
    draw_num(&b, x);
    return strbuf_str(&b);
}

int main(void)
{
    is_str(draw_time_unit(11.3e-9).name, "ns", "11.3 ns in ns");
    is_str(draw_time_unit(999.4e-9).name, "ns", "999.4 ns still ns");
    is_str(draw_time_unit(999.5e-9).name, "\xc2\xb5s", "999.5 ns reads 1.00 µs");
    is_double(draw_time_unit(352e-6).mul, 1e6, 0, "µs multiplier");
    is_str(draw_time_unit(0.25).name, "ms", "0.25 s in ms");
    is_str(draw_time_unit(3).name, "s", "3 s in s");
    is_str(draw_time_unit(0).name, "ns", "zero in ns");
    is_str(draw_time_unit(NAN).name, "ns", "NaN in ns");

    is_str(num(0), "0", "zero");
    is_str(num(1), "1", "a count prints without decimals");
    is_str(num(16), "16", "16 B");
    is_str(num(1.07), "1.07", "three digits");
    is_str(num(11.34), "11.3", "three digits above 10");
    is_str(num(352.4), "352", "no decimals above 100");
    is_str(num(0.01234), "0.0123", "small values keep three digits");
    is_str(num(1.5), "1.50", "non-integer counts keep two decimals");
    is_str(num(INFINITY), "?", "infinity is not a label");

    strbuf bb = STRBUF_INIT;
    draw_bytes(&bb, 16);
    is_str(strbuf_str(&bb), "16 B", "16 B");
    strbuf_reset(&bb);
    draw_bytes(&bb, 66560);
    is_str(strbuf_str(&bb), "65 KiB", "66560 B = 65 KiB");
    strbuf_reset(&bb);
    draw_bytes(&bb, 1000);
    is_str(strbuf_str(&bb), "1000 B", "1000 B stays in B");
    strbuf_reset(&bb);
    draw_bytes(&bb, 4.5 * 1024 * 1024);
    is_str(strbuf_str(&bb), "4.50 MiB", "4.5 MiB");
    strbuf_release(&bb);

    strbuf g = STRBUF_INIT;
    chart_opts o = { 1200, 700, NULL, NULL };
    draw_begin(&g, &o, "Sink: time", NULL, "linux/amd64", "Bars: median");
    ok(strstr(strbuf_str(&g), "set termoption noenhanced\n") != NULL, "labels are not markup");
    ok(strstr(strbuf_str(&g), "set label \"Sink: time\" at screen 0.5") != NULL, "title label");
    ok(strstr(strbuf_str(&g), "\"linux/amd64\"") != NULL, "subtitle label");
    strbuf_reset(&g);
    o.title = "A `b` @c";
    draw_begin(&g, &o, "ignored", "Sink", NULL, NULL);
    ok(strstr(strbuf_str(&g), "\"A \\140b\\140 \\100c \\342\\200\\224 Sink\"") != NULL,
       "-title is quoted and gets the chart's suffix after an em dash");
    ok(strstr(strbuf_str(&g), "ignored") == NULL, "-title replaces the default title");
    strbuf_release(&g);
    return tap_done();
}
