/*
 * test_base_usage.c -- the one form of the tools' messages (usage.h):
 * "prog: message", the message alone without a program, long messages
 * whole, and a bad command line as its reason, the usage and status 2.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "exitcode.h"
#include "usage.h"
#include "../tap.h"

static char *text;
static size_t len;

/* open_out: a memory stream for one check; close_out ends it (text). */
static FILE *open_out(void)
{
    free(text);
    text = NULL;
    return open_memstream(&text, &len);
}

int main(void)
{
    FILE *f = open_out();
    usage_msg(f, "escstat", "open %s: %s", "x.txt", "no such file or directory");
    fclose(f);
    is_str(text, "escstat: open x.txt: no such file or directory\n", "prog: message, one line");

    f = open_out();
    usage_msg(f, NULL, "%s", "old.txt:3: missing units");
    fclose(f);
    is_str(text, "old.txt:3: missing units\n", "no program: the message alone");

    char big[3000];
    memset(big, 'x', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    f = open_out();
    usage_msg(f, "escplot", "cannot write %s", big);
    fclose(f);
    is_int(len, strlen("escplot: cannot write ") + strlen(big) + 1, "a long message is not cut");
    ok(len > 0 && text[len - 1] == '\n', "and ends with its newline");

    f = open_out();
    int rc = usage_error(f, "escbench", "flag needs an argument: -bench", "usage: escbench [flags]\n");
    fclose(f);
    is_int(rc, ESC_EXIT_USAGE, "usage_error returns the usage status");
    is_int(ESC_EXIT_USAGE, 2, "which is 2");
    is_str(text, "escbench: flag needs an argument: -bench\nusage: escbench [flags]\n",
           "the reason, then the usage");

    f = open_out();
    usage_error(f, NULL, NULL, "Usage: escstat [flags] inputs...\n");
    fclose(f);
    is_str(text, "Usage: escstat [flags] inputs...\n", "no reason: the usage alone");
    free(text);
    return tap_done();
}
