/*
 * legacy_cli.h -- `escstat -legacy`: the command line of the pre-2023
 * benchstat (golang.org/x/perf cmd/benchstat/main.go at 91a0461).
 */
#ifndef ESCSTAT_LEGACY_CLI_H
#define ESCSTAT_LEGACY_CLI_H

#include <stdio.h>

/* legacy_main runs the old tool on argv[1..argc) (argv[0], escstat's
   "-legacy", is not read): its flags, its inputs, its output on out and
   its messages on err.  Never exits; returns the exit status the old tool
   returned (exitcode.h): ESC_EXIT_OK, ESC_EXIT_FAIL (an input could not be
   read: "escstat: open x: ...", or out of memory) or ESC_EXIT_USAGE. */
int legacy_main(int argc, char **argv, FILE *out, FILE *err);

#endif
