/*
 * exitcode.h -- the exit statuses of escbench, escstat and escplot, in one
 * table (documented in their man pages, EXIT STATUS, and docs/map.md).
 */
#ifndef ESCBENCH_EXITCODE_H
#define ESCBENCH_EXITCODE_H

enum esc_exit {
    ESC_EXIT_OK = 0,            /* all three: done */
    /* escstat: an error benchstat reports ("escstat: open x: ...", a bad
       -filter or -format) and still exits 0 with, as its main.go does;
       nothing is printed on standard output then */
    ESC_EXIT_AS_BENCHSTAT = 0,
    /* escbench: a benchmark failed, or the results could not be written;
       escstat: escstat's own failures (Google Benchmark JSON, UTF-16 or
       binary input, out of memory, a write error), and with -legacy an
       input that cannot be read; escplot: a bad input line, an unreadable
       input, no results, no chart that applies, a chart gnuplot failed on */
    ESC_EXIT_FAIL = 1,
    ESC_EXIT_USAGE = 2,         /* all three: a bad command line (the reason, then the usage) */
    ESC_EXIT_NO_GNUPLOT = 3,    /* escplot: gnuplot not found */
    ESC_EXIT_INTERRUPTED = 130, /* escbench: interrupted (128 + SIGINT, as shells report it) */
};

#endif
