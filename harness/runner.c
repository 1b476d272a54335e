/*
 * runner.c -- bench_main: the command line, the writing of results, and
 * the child processes.
 *
 * With -isolate (the default) each top-level benchmark, with all its
 * sub-benchmarks and repetitions, runs in a child process (isolate.c) that
 * runs Go's flow (flow.c): the child formats each line and sends it to the
 * runner, which writes it out (output.c) at once.  A child that crashes,
 * exits or hangs is reported as a failure of the benchmark it was running,
 * and a new child runs the rest of that benchmark's sub-benchmarks; results
 * already sent are kept.  -shuffle and -ci are plan.c.
 */
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "alloc.h"
#include "clock.h"
#include "cpuname.h"
#include "env.h"
#include "hygiene.h"
#include "isolate.h"
#include "output.h"
#include "runner_int.h"

struct runner runner_state;

/* --- messages ------------------------------------------------------------ */

/* emit hands a message to the writer: through the pipe in a child, by a
 * direct call otherwise. */
void runner_emit(int kind, const char *text, size_t len)
{
    if (iso_in_child())
        iso_send(kind, text, len);
    else
        runner_deliver(NULL, kind, text, len);
}

void runner_emitf(int kind, const char *fmt, ...)
{
    char buf[4096];
    va_list ap;
    int k;

    va_start(ap, fmt);
    k = vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    if (k < 0)
        return;
    runner_emit(kind, buf, (size_t)k < sizeof buf ? (size_t)k : sizeof buf - 1);
}

/* leaf_get finds the leaf named name[0..len) run with P = procs, adding it
 * if new; NULL when out of memory. */
static struct leaf *leaf_get(const char *name, size_t len, int procs)
{
    struct leaf *g;

    for (size_t i = 0; i < R.nleaves; i++)
        if (strlen(R.leaves[i].name) == len && memcmp(R.leaves[i].name, name, len) == 0 &&
            R.leaves[i].procs == procs)
            return &R.leaves[i];
    g = realloc(R.leaves, (R.nleaves + 1) * sizeof *g);
    if (g == NULL)
        return NULL;
    R.leaves = g;
    memset(&g[R.nleaves], 0, sizeof *g);
    if ((g[R.nleaves].name = strndup(name, len)) == NULL)
        return NULL;
    g[R.nleaves].procs = procs;
    return &R.leaves[R.nleaves++];
}

/* leaf_lost fails the run for leaf name[0..len) run with P = procs, whose
 * result or run the runner could not record (out of memory): a "--- FAIL"
 * block naming it and why, so that no result disappears from a run that
 * ends PASS. */
static void leaf_lost(const char *name, size_t len, int procs, const char *why)
{
    char bn[1024], block[1400];
    int k;

    snprintf(block, sizeof block, "%.*s", (int)(len < 900 ? len : 900), name);
    fmt_bench_name(bn, sizeof bn, block, procs);
    k = snprintf(block, sizeof block, "--- FAIL: %s\n    %s\n", bn, why);
    runner_deliver(NULL, M_OUT, block, (size_t)k < sizeof block ? (size_t)k : sizeof block - 1);
    R.failed = true;
}

/* leaf_sample records "name\tprocs\tns\tmigrated" from a child.  When it
 * cannot (out of memory) under -shuffle or -ci, which run a leaf only while
 * its samples grow, the leaf gets no more runs and the run fails, naming
 * it; otherwise only the warnings of plan_report miss the sample. */
static void leaf_sample(const char *text, size_t len)
{
    const char *tab = memchr(text, '\t', len);
    bool planned = R.o.shuffle || R.o.ci_pct > 0;
    char num[64];
    struct leaf *l;
    double *g;
    char *end;
    long procs;

    if (tab == NULL)
        return;
    snprintf(num, sizeof num, "%.*s", (int)(len - (size_t)(tab + 1 - text)), tab + 1);
    procs = strtol(num, &end, 10);
    if (*end != '\t')
        return;
    if ((l = leaf_get(text, (size_t)(tab - text), (int)procs)) == NULL) {
        if (planned)
            leaf_lost(text, (size_t)(tab - text), (int)procs,
                      "out of memory recording its result: no more runs");
        return;
    }
    memmove(num, end + 1, strlen(end + 1) + 1);
    if (l->n == l->cap) {
        size_t cap = l->cap ? 2 * l->cap : 16;
        if ((g = realloc(l->xs, cap * sizeof *g)) == NULL) {
            if (planned) {
                l->dead = true;
                leaf_lost(text, (size_t)(tab - text), (int)procs,
                          "out of memory recording its result: no more runs");
            }
            return;
        }
        l->xs = g;
        l->cap = cap;
    }
    l->xs[l->n++] = strtod(num, &end);
    if (*end == '\t' && strtol(end + 1, NULL, 10) > 0)
        l->migrated++;
}

/* hnote adds a '#' line for the head of the results. */
static __attribute__((format(printf, 1, 2))) void hnote(const char *fmt, ...)
{
    char buf[512], **g;
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    g = realloc(R.hnotes, (R.nhnotes + 1) * sizeof *g);
    if (g == NULL)
        return;
    R.hnotes = g;
    if ((R.hnotes[R.nhnotes] = strdup(buf)) != NULL)
        R.nhnotes++;
}

/* on_path: with a target leaf, only it and its parents run. */
bool runner_on_path(const char *name)
{
    size_t len = strlen(name);

    if (R.target == NULL)
        return true;
    return strcmp(name, R.target) == 0 ||
           (strncmp(R.target, name, len) == 0 && R.target[len] == '/');
}

void runner_skip_clear(void)
{
    for (size_t i = 0; i < R.nskip; i++)
        free(R.skip[i]);
    R.nskip = 0;
}

bool runner_skip_has(const char *name)
{
    for (size_t i = 0; i < R.nskip; i++)
        if (strcmp(R.skip[i], name) == 0)
            return true;
    return false;
}

/* skip_add records that name[0..len) must not run again; false when out
 * of memory. */
bool runner_skip_add(const char *name, size_t len)
{
    char **g = realloc(R.skip, (R.nskip + 1) * sizeof *g);
    char *s = strndup(name, len);

    if (g == NULL || s == NULL) {
        free(s);
        if (g != NULL)
            R.skip = g;
        return false;
    }
    R.skip = g;
    R.skip[R.nskip++] = s;
    return true;
}

/* goarch is the GOARCH name of the machine the runner was built for. */
static const char *goarch(void)
{
#if defined(__x86_64__)
    return "amd64";
#elif defined(__aarch64__)
    return "arm64";
#elif defined(__i386__)
    return "386";
#elif defined(__arm__)
    return "arm";
#elif defined(__riscv) && __riscv_xlen == 64
    return "riscv64";
#elif defined(__powerpc64__) && defined(__LITTLE_ENDIAN__)
    return "ppc64le";
#elif defined(__s390x__)
    return "s390x";
#else
    return "unknown";
#endif
}

/* write_out writes results text; a failure stops the run. */
void runner_write_out(const char *text, size_t len, bool result)
{
    char err[512];

    if (R.stop)
        return;
    if (out_write(text, len, result, err, sizeof err) != 0) {
        R.stop = true;
        R.stop_status = 1;
        snprintf(R.stop_msg, sizeof R.stop_msg, "%s", err);
    }
}

/* header writes the config lines as go test does (goos, goarch, pkg, cpu:
 * stable facts only, since benchstat splits tables on them; the cpu: line
 * is cpuname_go's, byte for byte go test's, trailing blanks and all), then
 * the volatile facts as '#' comment lines. */
void runner_header(void)
{
    char buf[1024];
    char **env;
    size_t nenv;
    const char *cpu = cpuname_go();
    int k;

    if (R.header_done)
        return;
    R.header_done = true;
    k = snprintf(buf, sizeof buf, "goos: linux\ngoarch: %s\npkg: escbench\n", goarch());
    runner_write_out(buf, (size_t)k, false);
    if (cpu[0] != '\0') {
        k = snprintf(buf, sizeof buf, "cpu: %s\n", cpu);
        runner_write_out(buf, (size_t)k, false);
    }
    nenv = env_notes(&env);
    for (size_t i = 0; i < nenv; i++) {
        k = snprintf(buf, sizeof buf, "# %s\n", env[i]);
        runner_write_out(buf, (size_t)k, false);
    }
    env_notes_free(env, nenv);
    k = snprintf(buf, sizeof buf, "# clock: %s\n# isolation: %s\n", clock_name(),
                 !R.o.isolate ? "none (-isolate=false)"
                 : R.o.ci_pct > 0 || R.o.shuffle
                     ? "a child process per benchmark to find them, then one worker process for "
                       "all runs (a new one after a crash)"
                     : "a child process per benchmark");
    runner_write_out(buf, (size_t)k, false);
    for (size_t i = 0; i < R.nnotes; i++) {
        k = snprintf(buf, sizeof buf, "# %s\n", R.notes[i]);
        runner_write_out(buf, (size_t)k, false);
    }
    for (size_t i = 0; i < R.nhnotes; i++) {
        k = snprintf(buf, sizeof buf, "# %s\n", R.hnotes[i]);
        runner_write_out(buf, (size_t)k, false);
    }
}

/* deliver acts on one message in the process that writes the results. */
/* inproc_timeout re-arms -timeout without children (-isolate=false) at
 * each message, with the failure block for the benchmark now running
 * written into the buffer the handler does not hold (two, swapped). */
static void inproc_timeout(int kind, const char *text, size_t len)
{
    static char msg[2][1024];
    static int cur;
    char d[40];

    if (R.o.isolate || R.o.timeout_ns <= 0 || iso_in_child())
        return;
    if (kind == M_CUR || msg[cur][0] == '\0') {
        cur = !cur;
        fmt_duration(d, sizeof d, R.o.timeout_ns);
        snprintf(msg[cur], sizeof msg[cur],
                 "--- FAIL: %.*s\n    timed out after %s (-timeout %s; without -isolate the "
                 "run stops here)\nFAIL\n", kind == M_CUR ? (int)len : 9,
                 kind == M_CUR ? text : "Benchmark", d, d);
    }
    iso_inproc_timeout(R.o.timeout_ns, msg[cur]);
}

void runner_deliver(void *ctx, int kind, const char *text, size_t len)
{
    char **g;

    (void)ctx;
    inproc_timeout(kind, text, len);
    switch (kind) {
    case M_OUT:
        runner_header();
        runner_write_out(text, len, len > 9 && memcmp(text, "Benchmark", 9) == 0);
        break;
    case M_ERR:
        fwrite(text, 1, len, stderr);
        fflush(stderr);
        break;
    case M_NOTE:
        if (R.notes_done)
            break;
        fprintf(stderr, "%s: %.*s\n", R.prog, (int)len, text);
        g = realloc(R.notes, (R.nnotes + 1) * sizeof *g);
        if (g != NULL) {
            R.notes = g;
            if ((R.notes[R.nnotes] = strndup(text, len)) != NULL)
                R.nnotes++;
        }
        break;
    case M_NOTES_END:
        R.notes_done = true;
        break;
    case M_CUR:
        free(R.current);
        R.current = strndup(text, len);
        break;
    case M_DONE:
        (void)runner_skip_add(text, len);
        break;
    case M_MAXLEN: {
        char num[32];
        snprintf(num, sizeof num, "%.*s", (int)(len < 31 ? len : 31), text);
        R.max_len = atoi(num);
        break;
    }
    case M_FAIL:
        R.failed = true;
        break;
    case M_LEAF:
        /* A leaf of -ci and -shuffle is a benchmark and a -cpu value. */
        for (int i = 0; i < R.o.ncpu; i++) {
            struct leaf *l = leaf_get(text, len, R.o.cpus[i]);
            if (l != NULL)
                l->top = R.cur_top;
            else
                leaf_lost(text, len, R.o.cpus[i], "out of memory listing it to run: not run");
        }
        break;
    case M_SAMPLE:
        leaf_sample(text, len);
        break;
    case M_FATAL:
        if (!R.stop) {
            R.stop = true;
            R.stop_status = 1;
            snprintf(R.stop_msg, sizeof R.stop_msg, "%.*s", (int)len, text);
        }
        break;
    case M_USAGE:
        if (!R.stop) {
            R.stop = true;
            R.stop_status = 2;
            snprintf(R.stop_msg, sizeof R.stop_msg, "%.*s", (int)len, text);
        }
        break;
    }
}

/* runner_selected reports whether -bench selects top-level benchmark d
 * (fully or partially); running out of memory stops the run. */
bool runner_selected(const bench_def *d)
{
    char full[512];
    bool partial;
    int rc;

    snprintf(full, sizeof full, "Benchmark%s", d->name);
    rc = match_top(R.m, full, &partial);
    if (rc < 0)
        runner_deliver(NULL, M_FATAL, "out of memory matching -bench", 29);
    return rc > 0;
}

/* run_isolated runs top-level benchmark d in child processes until all of
 * it has run: after a crash, a new child skips what is done and what
 * crashed.  Returns false when the run must stop (interrupted, stop). */
bool runner_run_isolated(const bench_def *d)
{
    char full[512], why[256], block[1024];
    struct iso_status st;
    bool sub_crashed = false;

    snprintf(full, sizeof full, "Benchmark%s", d->name);
    for (int attempt = 0; attempt < 1000; attempt++) {
        const char *blame;
        int k;

        free(R.current);
        R.current = NULL;
        iso_run(flow_child_body, (void *)d, R.o.timeout_ns, runner_deliver, NULL, &st);
        R.notes_done = true;            /* only the first child's notes */
        if (R.stop)
            return false;
        if (st.end == ISO_OK) {
            /* Go fails the parents of a failed sub-benchmark; the child that
             * ran the rest did not see the crash. */
            if (sub_crashed) {
                k = snprintf(block, sizeof block, "--- FAIL: %s\n", full);
                runner_deliver(NULL, M_OUT, block, (size_t)k);
            }
            return true;
        }
        if (st.end == ISO_INTERRUPTED)
            return false;
        blame = R.current != NULL ? R.current : full;
        iso_describe(&st, R.o.timeout_ns, why, sizeof why);
        k = snprintf(block, sizeof block, "--- FAIL: %s\n    %s\n", blame, why);
        runner_deliver(NULL, M_OUT, block, (size_t)k < sizeof block ? (size_t)k : sizeof block - 1);
        R.failed = true;
        if (st.end == ISO_ERROR || runner_skip_has(blame) || strcmp(blame, full) == 0)
            return true;
        /* Run the rest of this benchmark's sub-benchmarks. */
        if (!runner_skip_add(blame, strlen(blame)))
            return true;
        sub_crashed = true;
    }
    return true;
}

/* run_all runs every selected benchmark in suite order, each -count times
 * back to back, as go test.  Returns false when interrupted. */
static bool run_all(const bench_def *const tables[2])
{
    for (int t = 0; t < 2 && !R.stop; t++)
        for (const bench_def *d = tables[t]; d->name != NULL && !R.stop; d++) {
            if (!R.o.isolate) {
                flow_run_top(d);
                continue;
            }
            if (!runner_selected(d))
                continue;               /* no child for what will not run */
            if (!runner_run_isolated(d))
                return R.stop;
            if (iso_interrupted)
                return false;
        }
    return true;
}


/* usage_error prints the reason and the usage on stderr; returns 2. */
static int usage_error(const char *why)
{
    fprintf(stderr, "%s: %s\n%s", R.prog, why, flags_usage());
    return 2;
}

/* list prints the benchmarks matching -list, one per line (go test -list). */
static int list(const bench_def *const tables[2])
{
    char full[512], err[512];

    for (int t = 0; t < 2; t++)
        for (const bench_def *d = tables[t]; d->name != NULL; d++) {
            int rc;
            snprintf(full, sizeof full, "Benchmark%s", d->name);
            rc = match_string(R.o.list, full, err, sizeof err);
            if (rc < 0)
                return usage_error(err);
            if (rc == 0)
                continue;
            if (R.o.verbose && d->doc != NULL)
                printf("%s\t%s\n", full, d->doc);
            else
                printf("%s\n", full);
        }
    if (fflush(stdout) != 0) {
        fprintf(stderr, "%s: writing standard output: %s\n", R.prog, strerror(errno));
        return 1;
    }
    return 0;
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

int bench_main(int argc, char **argv, const bench_def *suite)
{
    const bench_def *const tables[2] = {flow_builtin, suite};
    char err[512], name[600];
    bool interrupted = false;
    const char *slash;
    int status, maxprocs;

    R.prog = argc > 0 && argv[0] != NULL ? argv[0] : "escbench";
    if ((slash = strrchr(R.prog, '/')) != NULL)
        R.prog = slash + 1;
    flags_defaults(&R.o);
    if (flags_parse(argc, argv, &R.o, err, sizeof err) != 0)
        return usage_error(err);
    if (R.o.help) {
        fputs(flags_usage(), stdout);
        return 0;
    }
    if (R.o.list != NULL)
        return list(tables);
    if (strcmp(R.o.counters, "list") == 0) {
        char *l = counters_list();
        if (l != NULL)
            fputs(l, stdout);
        free(l);
        return 0;
    }
    R.m = match_new(R.o.bench, "-bench", err, sizeof err);
    if (R.m == NULL)
        return usage_error(err);
    /* -cpu: Go's cpuList, by default GOMAXPROCS (the CPUs usable); the
     * name column is as wide as the largest P needs. */
    if (R.o.ncpu == 0)
        R.o.cpus[R.o.ncpu++] = usable_cpus();
    R.procs = R.o.cpus[0];
    maxprocs = 1;
    for (int i = 0; i < R.o.ncpu; i++)
        if (R.o.cpus[i] > maxprocs)
            maxprocs = R.o.cpus[i];
    fmt_bench_name(name, sizeof name, "", maxprocs);
    R.ext_len = (int)strlen(name);
    /* The name column: Go's runBenchmarks, over the selected top level. */
    for (int t = 0; t < 2; t++)
        for (const bench_def *d = tables[t]; d->name != NULL; d++) {
            bool partial;
            char full[512];
            int ok;
            snprintf(full, sizeof full, "Benchmark%s", d->name);
            if ((ok = match_top(R.m, full, &partial)) < 0) {
                fprintf(stderr, "%s: out of memory matching -bench\n", R.prog);
                return 1;
            }
            fmt_bench_name(name, sizeof name, full, maxprocs);
            if (ok && (int)strlen(name) + R.ext_len + 1 > R.max_len)
                R.max_len = (int)strlen(name) + R.ext_len + 1;
        }
    /* A closed stdout must not become the results file's descriptor (the
     * lowest free one): hold 0-2 open on /dev/null.  Without -o the
     * results would go nowhere: that is an error. */
    for (int fd = 0; fd <= 2; fd++)
        if (fcntl(fd, F_GETFD) < 0 && errno == EBADF) {
            int nul = open("/dev/null", fd == 0 ? O_RDONLY : O_WRONLY);
            if (nul >= 0 && nul != fd) {
                dup2(nul, fd);
                close(nul);
            }
            if (fd == 1 && R.o.out == NULL) {
                fprintf(stderr, "%s: standard output is closed and there is no -o file\n",
                        R.prog);
                return 1;
            }
        }
    if (out_open(R.o.out, R.prog, err, sizeof err) != 0) {
        fprintf(stderr, "%s: %s\n", R.prog, err);
        return 1;
    }
    if (R.o.format == FORMAT_JSON)
        out_use_json(argc > 0 && argv[0] != NULL ? argv[0] : R.prog, R.o.count);
    iso_signals_install(!R.o.isolate);
    if (R.o.pin >= 0) {
        /* After the -P of the names was taken: pinning does not rename. */
        if (hygiene_pin(R.o.pin) == 0)
            hnote("pinned to CPU %d (-pin %d)", R.o.pin, R.o.pin);
        else {
            fprintf(stderr, "%s: warning: -pin %d: cannot run on CPU %d: %s; running unpinned\n",
                    R.prog, R.o.pin, R.o.pin, strerror(errno));
            hnote("warning: -pin %d: cannot run on CPU %d: %s; running unpinned", R.o.pin,
                  R.o.pin, strerror(errno));
        }
    }
    if (R.o.shuffle) {
        if (!R.o.seed_given)
            R.o.seed = (uint64_t)clock_now_ns() ^ ((uint64_t)getpid() << 32);
        fprintf(stderr, "%s: -shuffle %llu\n", R.prog, (unsigned long long)R.o.seed);
        hnote("shuffle: seed %llu (repeat this order with -shuffle %llu)",
              (unsigned long long)R.o.seed, (unsigned long long)R.o.seed);
    }
    if (R.o.ci_pct > 0)
        hnote("ci: each benchmark repeated until the 95%% CI of its median ns/op is within "
              "+-%g%% (at least -count %d, at most -maxcount %d samples)", R.o.ci_pct,
              R.o.count, R.o.maxcount);
    if (!R.o.isolate) {
        flow_open_counters();
        R.notes_done = true;
    }
    /* Go: an empty -bench runs no benchmarks. */
    if (R.o.bench[0] != '\0')
        interrupted = R.o.ci_pct > 0 || R.o.shuffle ? !plan_run(tables) : !run_all(tables);
    if (!interrupted && !R.stop)
        plan_report();
    iso_inproc_timeout(0, NULL);
    if (R.ctr != NULL)
        counters_close(R.ctr);
    if (interrupted || R.stop) {
        if (interrupted)
            fprintf(stderr, "%s: interrupted\n", R.prog);
        else
            fprintf(stderr, "%s: %s\n%s", R.prog, R.stop_msg,
                    R.stop_status == 2 ? flags_usage() : "");
        out_finish(false, err, sizeof err);
        if (err[0] != '\0')
            fprintf(stderr, "%s: %s\n", R.prog, err);
        status = interrupted ? 130 : R.stop_status;
    } else {
        runner_write_out(R.failed ? "FAIL\n" : "PASS\n", 5, false);
        if (out_finish(!R.stop, err, sizeof err) != 0 || R.stop)
            status = 1;
        else
            status = R.failed ? 1 : 0;
        if (R.stop)
            fprintf(stderr, "%s: %s\n", R.prog, R.stop_msg);
        if (err[0] != '\0')
            fprintf(stderr, "%s: %s\n", R.prog, err);
    }
    match_free(R.m);
    for (size_t i = 0; i < R.nskip; i++)
        free(R.skip[i]);
    free(R.skip);
    for (size_t i = 0; i < R.nnotes; i++)
        free(R.notes[i]);
    free(R.notes);
    free(R.current);
    for (size_t i = 0; i < R.nleaves; i++) {
        free(R.leaves[i].name);
        free(R.leaves[i].xs);
        free(R.leaves[i].key);
    }
    free(R.leaves);
    for (size_t i = 0; i < R.nhnotes; i++)
        free(R.hnotes[i]);
    free(R.hnotes);
    return status;
}
