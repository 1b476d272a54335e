/*
 * usage.c -- "prog: message" and the usage of a bad command line.  See
 * usage.h.
 */
#include "usage.h"

#include <stdarg.h>
#include <stdlib.h>

#include "exitcode.h"

/* The line goes out in one write (standard error is unbuffered, and a
   single fprintf is one write there), so that the lines of processes
   sharing the stream, as escbench's children do, never mix. */
void usage_msg(FILE *to, const char *prog, const char *fmt, ...)
{
    char small[1024], *text = small;
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    if ((size_t)n >= sizeof small) {
        text = malloc((size_t)n + 1);
        if (text == NULL) {
            text = small;               /* out of memory: the message cut */
        } else {
            va_start(ap, fmt);
            vsnprintf(text, (size_t)n + 1, fmt, ap);
            va_end(ap);
        }
    }
    if (prog != NULL)
        fprintf(to, "%s: %s\n", prog, text);
    else
        fprintf(to, "%s\n", text);
    if (text != small)
        free(text);
}

int usage_error(FILE *to, const char *prog, const char *why, const char *usage)
{
    if (why != NULL)
        usage_msg(to, prog, "%s", why);
    fputs(usage, to);
    return ESC_EXIT_USAGE;
}
