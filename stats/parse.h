/*
 * parse.h -- reading benchmark results: the Go benchmark format exactly as
 * benchstat's benchfmt reader (golang.org/x/perf/benchfmt; docs/benchstat.md,
 * Reader), and Google Benchmark's JSON.  One parser for escstat and
 * escplot.  This header only gathers the module's public headers:
 *
 *     reader.h     inputs, parse_open / parse_next / parse_close, records
 *     intern.h     the set that owns everything read: strings, config sets
 *     units.h      unit tidying (ns/op -> sec/op) and unit metadata
 *     strconv.h    Go's number syntax (Atoi, ParseFloat, benchfmt's atof)
 *     benchname.h  a benchmark name's base, parts and GOMAXPROCS suffix
 *
 * Behind them: grammar.c (the format's lines), scanner.c (bytes to lines,
 * on a second thread for big files), gbjson.c (Google Benchmark JSON).
 *
 * A parse_set owns everything read: the interned strings (names, units,
 * config keys and values, file labels), the config sets and the unit
 * metadata.  Inputs are read one after the other with parse_open and
 * parse_next, which hands back one record at a time (a result, a
 * recoverable syntax error, or the end); the caller copies what it keeps
 * or keeps the interned ids, which live as long as the set.
 *
 *     parse_set ps;
 *     parse_set_init(&ps);
 *     parse_arg *args;                       // from argv: labels, path#N
 *     size_t nargs = argc - 1;
 *     parse_args(argv + 1, nargs, &args);
 *     parse_input in;
 *     if (parse_open(&ps, &in, &args[0]) != 0) { fputs(in.err, stderr); ... }
 *     parse_result r;
 *     int k;
 *     while ((k = parse_next(&in, &r)) != PARSE_EOF) {
 *         if (k == PARSE_ERROR) { fprintf(stderr, "%s\n", in.err); continue; }
 *         if (k == PARSE_FATAL) { fprintf(stderr, "escstat: %s\n", in.err); break; }
 *         for (size_t i = 0; i < r.nvalues; i++)
 *             use(parse_str(&ps, r.name), r.values[i].value,
 *                 parse_str(&ps, r.values[i].unit));
 *     }
 *     parse_close(&in);
 *     parse_args_free(args, nargs);
 *     parse_set_release(&ps);
 *
 * The library never prints and never exits: messages come back as strings
 * in `file:line: message` form (benchstat's words), without a program
 * prefix and without a newline.
 *
 * Speed: input is read with read() in 256 KiB blocks (never mapped: a
 * file truncated while it is read just ends sooner), lines are parsed in
 * place, strings are interned through a hash table, and a benchmark line
 * costs no malloc.  A regular file of pipeline_min bytes or more (default
 * 8 MiB) is read and scanned by a second thread that parse_next starts and
 * parse_close joins; records still come back in input order, and a set is
 * still used by one caller thread at a time.
 */
#ifndef ESCSTAT_PARSE_H
#define ESCSTAT_PARSE_H

#include "benchname.h"
#include "intern.h"
#include "reader.h"
#include "strconv.h"
#include "units.h"

#endif
