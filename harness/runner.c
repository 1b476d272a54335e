/*
 * runner.c -- bench_main: the command line, then the run it asks for.
 *
 * The flags (flags.h) decide everything else: -list and -h answer here;
 * otherwise the runner sets up the writing side (results.h, output.h), the
 * measuring side (measure.h) and where it runs (dispatch.h), has the
 * scheduler run the suite (schedule.h: in order, or the rounds of -shuffle
 * and -ci), ends the results with the verdict on the samples (verdict.h) and PASS or FAIL,
 * and returns the exit status (exitcode.h).  Messages go out through
 * usage.h, as "prog: message".
 */
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "clock.h"
#include "dispatch.h"
#include "exitcode.h"
#include "hygiene.h"
#include "isolate.h"
#include "output.h"
#include "schedule.h"
#include "usage.h"
#include "verdict.h"

/* list prints the benchmarks matching -list, one per line (go test -list);
 * returns the exit status. */
static int list(const char *prog, const struct bench_opts *o, const bench_def *const tables[2])
{
    char full[512], err[512];

    for (int t = 0; t < 2; t++)
        for (const bench_def *d = tables[t]; d->name != NULL; d++) {
            int rc;
            snprintf(full, sizeof full, "Benchmark%s", d->name);
            rc = match_string(o->list, full, err, sizeof err);
            if (rc < 0)
                return usage_error(stderr, prog, err, flags_usage());
            if (rc == 0)
                continue;
            if (o->verbose && d->doc != NULL)
                printf("%s\t%s\n", full, d->doc);
            else
                printf("%s\n", full);
        }
    if (fflush(stdout) != 0) {
        usage_msg(stderr, prog, "writing standard output: %s", strerror(errno));
        return ESC_EXIT_FAIL;
    }
    return ESC_EXIT_OK;
}

/* usable_cpus is the number of CPUs this process may run on: Go's
 * GOMAXPROCS default, the -P of the names. */
static int usable_cpus(void)
{
    cpu_set_t set;

    if (sched_getaffinity(0, sizeof set, &set) == 0 && CPU_COUNT(&set) > 0)
        return CPU_COUNT(&set);
    return 1;
}

/* column_width is the name column's width before any benchmark ran:
 * Go's runBenchmarks, over the selected top level, with the -P of the
 * largest P; -1 when out of memory. */
static int column_width(matcher *m, const bench_def *const tables[2], int maxprocs,
                        int ext_len)
{
    char name[600], full[512];
    int width = 0;

    for (int t = 0; t < 2; t++)
        for (const bench_def *d = tables[t]; d->name != NULL; d++) {
            bool partial;
            int ok;
            snprintf(full, sizeof full, "Benchmark%s", d->name);
            if ((ok = match_top(m, full, &partial)) < 0)
                return -1;
            fmt_bench_name(name, sizeof name, full, maxprocs);
            if (ok && (int)strlen(name) + ext_len + 1 > width)
                width = (int)strlen(name) + ext_len + 1;
        }
    return width;
}

/* hold_std_fds keeps a closed stdout from becoming the results file's
 * descriptor (the lowest free one): it holds 0-2 open on /dev/null.
 * Without -o the results would go nowhere: that is an error (false). */
static bool hold_std_fds(const char *prog, const struct bench_opts *o)
{
    for (int fd = 0; fd <= 2; fd++)
        if (fcntl(fd, F_GETFD) < 0 && errno == EBADF) {
            int nul = open("/dev/null", fd == 0 ? O_RDONLY : O_WRONLY);
            if (nul >= 0 && nul != fd) {
                dup2(nul, fd);
                close(nul);
            }
            if (fd == 1 && o->out == NULL) {
                usage_msg(stderr, prog, "standard output is closed and there is no -o file");
                return false;
            }
        }
    return true;
}

/* run runs the suite for flags o (the -cpu list filled in) with -bench
 * matcher m, writing the results, and returns the exit status.  The writing
 * side, the measuring side and the dispatch live here, on this frame: a
 * child gets its copy when forked. */
static int run(const char *prog, const char *argv0, struct bench_opts *o, matcher *m,
               const bench_def *const tables[2])
{
    struct results res;
    struct measure meas;
    struct dispatch dp = { o, &res, &meas, NULL, false };
    char err[512], name[600];
    bool interrupted = false;
    int status, maxprocs, width;

    results_init(&res, o, prog);
    measure_init(&meas, o, prog, m, &res.done, dispatch_inproc_emit, &dp);
    maxprocs = 1;
    for (int i = 0; i < o->ncpu; i++)
        if (o->cpus[i] > maxprocs)
            maxprocs = o->cpus[i];
    fmt_bench_name(name, sizeof name, "", maxprocs);
    meas.ext_len = (int)strlen(name);
    if ((width = column_width(m, tables, maxprocs, meas.ext_len)) < 0) {
        usage_msg(stderr, prog, "out of memory matching -bench");
        results_free(&res);
        return ESC_EXIT_FAIL;
    }
    res.max_len = meas.max_len = width;
    if (!hold_std_fds(prog, o)) {
        results_free(&res);
        return ESC_EXIT_FAIL;
    }
    if (out_open(o->out, prog, err, sizeof err) != 0) {
        usage_msg(stderr, prog, "%s", err);
        results_free(&res);
        return ESC_EXIT_FAIL;
    }
    if (o->format == FORMAT_JSON)
        out_use_json(argv0, o->count);
    iso_signals_install(!o->isolate);
    if (o->pin >= 0) {
        /* After the -P of the names was taken: pinning does not rename. */
        if (hygiene_pin(o->pin) == 0)
            results_hnote(&res, "pinned to CPU %d (-pin %d)", o->pin, o->pin);
        else {
            usage_msg(stderr, prog, "warning: -pin %d: cannot run on CPU %d: %s; running unpinned",
                      o->pin, o->pin, strerror(errno));
            results_hnote(&res, "warning: -pin %d: cannot run on CPU %d: %s; running unpinned",
                          o->pin, o->pin, strerror(errno));
        }
    }
    if (o->shuffle) {
        if (!o->seed_given)
            o->seed = (uint64_t)clock_now_ns() ^ ((uint64_t)getpid() << 32);
        usage_msg(stderr, prog, "-shuffle %llu", (unsigned long long)o->seed);
        results_hnote(&res, "shuffle: seed %llu (repeat this order with -shuffle %llu)",
                      (unsigned long long)o->seed, (unsigned long long)o->seed);
    }
    if (o->ci_pct > 0)
        results_hnote(&res, "ci: each benchmark repeated until the 95%% CI of its median ns/op "
                      "is within +-%g%% (at least -count %d, at most -maxcount %d samples)",
                      o->ci_pct, o->count, o->maxcount);
    if (!o->isolate) {
        measure_open_counters(&meas);
        res.notes_done = meas.notes_sent = true;
    }
    /* Go: an empty -bench runs no benchmarks. */
    if (o->bench[0] != '\0')
        interrupted = o->ci_pct > 0 || o->shuffle ? !schedule_rounds(&dp, tables)
                                                  : !schedule_suite(&dp, tables);
    if (!interrupted && !res.stop)
        verdict_write(&res);
    iso_inproc_timeout(0, NULL);
    measure_close_counters(&meas);
    if (interrupted || res.stop) {
        if (interrupted)
            usage_msg(stderr, prog, "interrupted");
        else if (res.stop_status == ESC_EXIT_USAGE)
            usage_error(stderr, prog, res.stop_msg, flags_usage());
        else
            usage_msg(stderr, prog, "%s", res.stop_msg);
        out_finish(false, err, sizeof err);
        if (err[0] != '\0')
            usage_msg(stderr, prog, "%s", err);
        status = interrupted ? ESC_EXIT_INTERRUPTED : res.stop_status;
    } else {
        results_write(&res, res.failed ? "FAIL\n" : "PASS\n", 5, false);
        if (out_finish(!res.stop, err, sizeof err) != 0 || res.stop)
            status = ESC_EXIT_FAIL;
        else
            status = res.failed ? ESC_EXIT_FAIL : ESC_EXIT_OK;
        if (res.stop)
            usage_msg(stderr, prog, "%s", res.stop_msg);
        if (err[0] != '\0')
            usage_msg(stderr, prog, "%s", err);
    }
    results_free(&res);
    return status;
}

/* bench_main: see bench.h.  The flags are parsed into this frame's
 * bench_opts; -h, -list and -counters list answer without a run. */
int bench_main(int argc, char **argv, const bench_def *suite)
{
    const bench_def *const tables[2] = {measure_builtin, suite};
    struct bench_opts o;
    const char *prog, *slash;
    char err[512];
    matcher *m;
    int status;

    prog = argc > 0 && argv[0] != NULL ? argv[0] : "escbench";
    if ((slash = strrchr(prog, '/')) != NULL)
        prog = slash + 1;
    flags_defaults(&o);
    if (flags_parse(argc, argv, &o, err, sizeof err) != 0)
        return usage_error(stderr, prog, err, flags_usage());
    if (o.help) {
        fputs(flags_usage(), stdout);
        return ESC_EXIT_OK;
    }
    if (o.list != NULL)
        return list(prog, &o, tables);
    if (strcmp(o.counters, "list") == 0) {
        char *l = counters_list();
        if (l != NULL)
            fputs(l, stdout);
        free(l);
        return ESC_EXIT_OK;
    }
    m = match_new(o.bench, "-bench", err, sizeof err);
    if (m == NULL)
        return usage_error(stderr, prog, err, flags_usage());
    /* -cpu: Go's cpuList, by default GOMAXPROCS (the CPUs usable). */
    if (o.ncpu == 0)
        o.cpus[o.ncpu++] = usable_cpus();
    status = run(prog, argc > 0 && argv[0] != NULL ? argv[0] : prog, &o, m, tables);
    match_free(m);
    return status;
}
