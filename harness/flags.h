/*
 * flags.h -- the runner's command line, parsed as Go's flag package does.
 *
 * The syntax is Go's flag package's (goflag.h): one or two dashes; a value
 * as `-flag=value` or as the next argument (`-flag value`), except for
 * booleans, which take only `-flag` or `-flag=false`; `--` ends the flags,
 * and any other argument is an error.  The names `go test` binaries accept
 * with a "test." prefix (-test.bench, -test.count, ...) are accepted too.
 * Library code: errors come back as text in Go's words ("flag provided but
 * not defined: -x"), for the runner to print with the usage.
 */
#ifndef ESCBENCH_FLAGS_H
#define ESCBENCH_FLAGS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define FLAGS_CPU_MAX 64                /* values in a -cpu list */

/* What the command line asks for; flags_defaults fills the defaults. */
struct bench_opts {
    const char *bench;                  /* -bench regexp ("." : all) */
    int64_t benchtime_ns;               /* -benchtime as a duration (1s) */
    int64_t benchtime_n;                /* -benchtime Nx: N, else 0 */
    int count;                          /* -count: repetitions (1) */
    bool benchmem;                      /* -benchmem: B/op, allocs/op (true) */
    const char *list;                   /* -list regexp, NULL: run */
    const char *out;                    /* -o file, NULL: stdout only */
    int64_t timeout_ns;                 /* -timeout per benchmark, 0: none (10m) */
    const char *counters;               /* -counters list ("default") */
    bool allocsites;                    /* -allocsites: where allocations come from */
    bool isolate;                       /* -isolate: a child process per benchmark (true) */
    bool verbose;                       /* -v: -list prints descriptions */
    bool help;                          /* -h, -help */
    double ci_pct;                      /* -ci X%: target half-width, 0: off */
    int maxcount;                       /* -maxcount: cap on repetitions with -ci */
    int64_t maxtime_ns;                 /* -maxtime: cap on time per benchmark with -ci */
    int64_t maxwall_ns;                 /* -maxwall: cap on the run's time with -ci (0: none) */
    int shuffle;                        /* -shuffle: 0 off, 1 on */
    uint64_t seed;                      /* -shuffle SEED (or chosen when "on") */
    bool seed_given;                    /* SEED came from the command line */
    int pin;                            /* -pin CPU, -1: not pinned */
    int cpus[FLAGS_CPU_MAX];            /* -cpu list (Go's -test.cpu), in order */
    int ncpu;                           /* 0: not given (the CPUs usable) */
    int format;                         /* -format: FORMAT_GO or FORMAT_JSON */
};

enum { FORMAT_GO, FORMAT_JSON };        /* -format go|json (jsonout.h) */

void flags_defaults(struct bench_opts *o);

/* flags_parse parses argv[1..argc-1] into o (which holds the defaults).
 * Strings in o point into argv.  Returns 0, or -1 with the reason in err
 * (cut to errsz bytes). */
int flags_parse(int argc, char **argv, struct bench_opts *o, char *err, size_t errsz);

/* flags_usage returns the usage text (synopsis and one line per flag). */
const char *flags_usage(void);

#endif
