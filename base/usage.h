/*
 * usage.h -- the one place where the tools' messages take their form,
 * "prog: message" on standard error (git's usage.c: error, die, usage),
 * and where a bad command line becomes its reason, the usage text and
 * exit status 2.  Library code never prints: it returns an error kind and
 * a message, and the tool's main prints them through here.
 */
#ifndef ESCBENCH_USAGE_H
#define ESCBENCH_USAGE_H

#include <stdio.h>

/* usage_msg writes "prog: message\n" on to, the message formatted from
   fmt as printf does.  prog NULL: the message alone, as Go's flag package
   and benchstat print theirs (escstat repeats them word for word). */
__attribute__((format(printf, 3, 4)))
void usage_msg(FILE *to, const char *prog, const char *fmt, ...);

/* usage_error reports a command line that cannot be used: why (as
   usage_msg does; NULL: no reason) and then the usage text, on to.
   Returns ESC_EXIT_USAGE (exitcode.h), for the caller to exit with. */
int usage_error(FILE *to, const char *prog, const char *why, const char *usage);

#endif
