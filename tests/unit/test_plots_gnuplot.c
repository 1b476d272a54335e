/*
 * test_plots_gnuplot.c -- gnuplot string literals that cannot run code
 * (plots/gnuplot.h): known answers, no dangerous byte ever reaches the
 * script line, and every byte 1..255 survives a round trip through the
 * real gnuplot (skipped without gnuplot).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../tap.h"
#include "gnuplot.h"

static const char *quote(const char *s)
{
    static strbuf b = STRBUF_INIT;
    strbuf_reset(&b);
    gp_quote(&b, s);
    return strbuf_str(&b);
}

int main(void)
{
    is_str(quote("Sink/any-2"), "\"Sink/any-2\"", "inert characters as they are");
    is_str(quote("a`b"), "\"a\\140b\"", "backquote escaped");
    is_str(quote("@x"), "\"\\100x\"", "@ (macro) escaped");
    is_str(quote("\"q\""), "\"\\0042q\\0042\"", "double quote: four-digit escape");
    is_str(quote("\n1"), "\"\\00121\"", "newline before a digit: \\0012 then 1");
    is_str(quote("\xc2\xb5s"), "\"\\302\\265s\"", "UTF-8 bytes escaped one by one");
    is_str(quote(""), "\"\"", "empty string");

    /* all bytes: only inert characters and backslash escapes between the quotes */
    char all[256];
    for (int i = 1; i < 256; i++)
        all[i - 1] = (char)i;
    all[255] = '\0';
    const char *q = quote(all);
    size_t n = strlen(q);
    int bad = 0;
    for (size_t i = 1; i + 1 < n; i++)
        if (strchr("`@$'\"\n\r;#{}!", q[i]) || (unsigned char)q[i] >= 0x80)
            bad++;
    ok(q[0] == '"' && q[n - 1] == '"' && bad == 0,
       "all 255 bytes: no quote, backquote, @, $, newline or high byte inside the literal");

    strbuf path = STRBUF_INIT;
    ok(gp_find("sh", &path) && path.len > 0, "gp_find finds sh in $PATH");
    ok(!gp_find("/nonexistent/gnuplot", &path), "gp_find: a missing path is not found");
    ok(!gp_find("escplot-no-such-program", &path), "gp_find: a missing name is not found");

    if (!gp_find("gnuplot", &path)) {
        tap_diag("gnuplot not installed: round trip not tested");
        strbuf_release(&path);
        return tap_done();
    }
    char dir[] = "/tmp/test_plots_gnuplot.XXXXXX";
    if (!mkdtemp(dir))
        return tap_skip_all("cannot make a scratch directory");
    strbuf script = STRBUF_INIT, file = STRBUF_INIT, err = STRBUF_INIT;
    strbuf_adds(&script, "set print \"out.txt\"\nprint ");
    gp_quote(&script, all);
    strbuf_adds(&script, "\n");
    strbuf_printf(&file, "%s/t.gp", dir);
    FILE *f = fopen(strbuf_str(&file), "w");
    fputs(strbuf_str(&script), f);
    fclose(f);
    int rc = gp_run(strbuf_str(&path), dir, "t.gp", &err);
    is_int(rc, 0, "gnuplot ran the quoted string (%s)", strbuf_str(&err));
    strbuf_reset(&file);
    strbuf_printf(&file, "%s/out.txt", dir);
    char got[600] = "";
    f = fopen(strbuf_str(&file), "rb");
    size_t got_n = f ? fread(got, 1, sizeof got - 1, f) : 0;
    if (f)
        fclose(f);
    ok(got_n == 256 && memcmp(got, all, 255) == 0 && got[255] == '\n',
       "bytes 1..255 come back from gnuplot unchanged (%zu bytes)", got_n);

    /* a failing script: status and gnuplot's message in err */
    strbuf_reset(&file);
    strbuf_printf(&file, "%s/bad.gp", dir);
    f = fopen(strbuf_str(&file), "w");
    fputs("plot sin(x\n", f);
    fclose(f);
    strbuf_reset(&err);
    rc = gp_run(strbuf_str(&path), dir, "bad.gp", &err);
    is_int(rc, -1, "gp_run reports a failing script");
    ok(strncmp(strbuf_str(&err), "gnuplot failed (exit status 1)", 30) == 0 &&
           strstr(strbuf_str(&err), "\n  gnuplot: ") != NULL,
       "the message has the status and gnuplot's own lines");

    const char *names[] = { "t.gp", "out.txt", "bad.gp", "gnuplot.err" };
    for (size_t i = 0; i < 4; i++) {
        strbuf_reset(&file);
        strbuf_printf(&file, "%s/%s", dir, names[i]);
        unlink(strbuf_str(&file));
    }
    rmdir(dir);
    strbuf_release(&script);
    strbuf_release(&file);
    strbuf_release(&err);
    strbuf_release(&path);
    return tap_done();
}
