/*
 * flags.c -- the runner's options: what each flag means and how its value
 * is read; the syntax is Go's flag package's (goflag.h).  See flags.h.
 */
#include "flags.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "format.h"
#include "goflag.h"

#define STR(x) STR_(x)                  /* a macro's value as a string */
#define STR_(x) #x

enum kind { K_BOOL, K_STRING, K_DURATION, K_BENCHTIME, K_COUNT, K_CI, K_SHUFFLE, K_CPU, K_CPULIST,
            K_FORMAT };

struct flag {
    const char *name;
    enum kind kind;
    size_t off;                         /* offset of the field in bench_opts */
};

#define F(name, kind, field) {name, kind, offsetof(struct bench_opts, field)}
static const struct flag table[] = {
    F("bench", K_STRING, bench),
    F("benchtime", K_BENCHTIME, benchtime_ns),
    F("count", K_COUNT, count),
    F("benchmem", K_BOOL, benchmem),
    F("list", K_STRING, list),
    F("o", K_STRING, out),
    F("timeout", K_DURATION, timeout_ns),
    F("counters", K_STRING, counters),
    F("allocsites", K_BOOL, allocsites),
    F("isolate", K_BOOL, isolate),
    F("v", K_BOOL, verbose),
    F("h", K_BOOL, help),
    F("help", K_BOOL, help),
    F("ci", K_CI, ci_pct),
    F("maxcount", K_COUNT, maxcount),
    F("maxtime", K_DURATION, maxtime_ns),
    F("maxwall", K_DURATION, maxwall_ns),
    F("shuffle", K_SHUFFLE, shuffle),
    F("pin", K_CPU, pin),
    F("cpu", K_CPULIST, cpus),
    F("format", K_FORMAT, format),
};

static const char usage[] =
    "usage: escbench [flags]\n"
    "  -bench regexp      run only benchmarks matching regexp, per /-separated level (default \".\")\n"
    "  -benchtime d       run each benchmark for duration d (1s, 500ms) or N times (100x) (default 1s)\n"
    "  -count n           run each benchmark n times (default 1)\n"
    "  -benchmem[=bool]   print B/op and allocs/op (default true)\n"
    "  -list regexp       list the benchmarks matching regexp and exit\n"
    "  -o file            also write the results to file (replaced only when the run completes)\n"
    "  -timeout d         fail a benchmark that runs longer than d; 0 disables (default 10m0s)\n"
    "  -counters list     hardware counters per op: default, none, list, or PAPI event names\n"
    "  -allocsites        report where the allocations of each benchmark come from\n"
    "  -isolate[=bool]    run each benchmark in a child process (default true)\n"
    "  -ci X%             repeat each benchmark until the 95% CI of its median is within +-X%\n"
    "  -maxcount n        with -ci: at most n repetitions (default 50)\n"
    "  -maxtime d         with -ci: at most d per benchmark (default 1m0s)\n"
    "  -maxwall d         with -ci: no repetitions beyond -count once the run has taken d\n"
    "  -shuffle off|on|N  run the repetitions of all benchmarks in a random order (seed N)\n"
    "  -pin cpu           run on this CPU only\n"
    "  -cpu list          run each benchmark with each of these P (the -P suffix and the\n"
    "                     threads of bench_run_parallel), e.g. 1,2,4 (default: the CPUs usable)\n"
    "  -format go|json    results as go test -bench text, or as Google Benchmark's JSON (default go)\n"
    "  -v                 with -list: print each benchmark's description\n"
    "  -h                 print this help\n";

const char *flags_usage(void)
{
    return usage;
}

void flags_defaults(struct bench_opts *o)
{
    memset(o, 0, sizeof *o);
    o->bench = ".";
    o->benchtime_ns = 1000000000;
    o->count = 1;
    o->benchmem = true;
    o->timeout_ns = INT64_C(10) * 60 * 1000000000;
    o->counters = "default";
    o->isolate = true;
    o->maxcount = 50;
    o->maxtime_ns = INT64_C(60) * 1000000000;
    o->pin = -1;
}

/* parse_int parses a decimal integer in [lo, hi]; -1 when it is not one. */
static int parse_int(const char *s, long long lo, long long hi, long long *v)
{
    char *end;

    errno = 0;
    if (*s == '\0' || *s == ' ')
        return -1;
    *v = strtoll(s, &end, 10);
    if (errno != 0 || *end != '\0' || *v < lo || *v > hi)
        return -1;
    return 0;
}

/* parse_cpu_list parses -cpu as Go's parseCpuList: comma-separated
 * positive numbers, blanks around them and empty items ignored; nothing
 * at all means the default.  Returns NULL, or what is wrong. */
static const char *parse_cpu_list(const char *value, struct bench_opts *o)
{
    const char *p = value;

    o->ncpu = 0;
    while (*p != '\0') {
        const char *end = strchr(p, ',');
        size_t len = end != NULL ? (size_t)(end - p) : strlen(p);
        char item[32];
        long long v;

        while (len > 0 && (*p == ' ' || *p == '\t')) {
            p++;
            len--;
        }
        while (len > 0 && (p[len - 1] == ' ' || p[len - 1] == '\t'))
            len--;
        if (len > 0) {
            if (len >= sizeof item)
                return "want positive numbers separated by commas";
            memcpy(item, p, len);
            item[len] = '\0';
            if (parse_int(item, 1, 1 << 20, &v) != 0)
                return "want positive numbers separated by commas";
            if (o->ncpu == FLAGS_CPU_MAX)
                return "more than " STR(FLAGS_CPU_MAX) " values";
            o->cpus[o->ncpu++] = (int)v;
        }
        if (end == NULL)
            break;
        p = end + 1;
    }
    return NULL;
}

/* set stores the value of the flag g just read (f) into its field of o.
 * Returns 0, or -1 with Go's message in g->msg. */
static int set(const struct flag *f, struct bench_opts *o, goflag *g)
{
    const char *value = g->value, *why;
    char *field = (char *)o + f->off;
    long long v;
    int64_t d;

    switch (f->kind) {
    case K_BOOL:
        return goflag_bool(g, (bool *)field);
    case K_STRING:
        *(const char **)field = value;
        return 0;
    case K_DURATION:
        if (fmt_parse_duration(value, &d) != 0 || d < 0)
            return goflag_invalid(g, "invalid duration");
        *(int64_t *)field = d;
        return 0;
    case K_BENCHTIME: {
        /* Go's durationOrCountFlag: "Nx" runs N iterations, anything else
         * is a duration; zero and negative are refused. */
        size_t len = strlen(value);
        if (len > 0 && value[len - 1] == 'x') {
            char num[32];
            if (len - 1 >= sizeof num)
                goto badcount;
            memcpy(num, value, len - 1);
            num[len - 1] = '\0';
            if (parse_int(num, 1, INT64_MAX, &v) != 0)
                goto badcount;
            o->benchtime_n = v;
            o->benchtime_ns = 0;
            return 0;
badcount:
            return goflag_invalid(g, "invalid count");
        }
        if (fmt_parse_duration(value, &d) != 0 || d <= 0)
            return goflag_invalid(g, "invalid duration");
        o->benchtime_ns = d;
        o->benchtime_n = 0;
        return 0;
    }
    case K_COUNT:
        if (parse_int(value, 1, 1000000000, &v) != 0)
            return goflag_invalid(g, "must be a whole number from 1 to 1000000000");
        *(int *)field = (int)v;
        return 0;
    case K_CI: {
        /* "2%" or "2": a half-width in percent, (0, 100). */
        char *end;
        double x;
        errno = 0;
        x = strtod(value, &end);
        if (end != value && *end == '%')
            end++;
        if (end == value || *end != '\0' || errno != 0 || !(x > 0 && x < 100))
            return goflag_invalid(g, "want a percentage such as 2% (more than 0, less than 100)");
        o->ci_pct = x;
        return 0;
    }
    case K_SHUFFLE:
        if (strcmp(value, "off") == 0) {
            o->shuffle = 0;
            return 0;
        }
        if (strcmp(value, "on") == 0) {
            o->shuffle = 1;
            o->seed_given = false;
            return 0;
        }
        if (parse_int(value, 0, INT64_MAX, &v) != 0)
            return goflag_invalid(g, "want off, on or a seed (a whole number)");
        o->shuffle = 1;
        o->seed = (uint64_t)v;
        o->seed_given = true;
        return 0;
    case K_CPULIST:
        why = parse_cpu_list(value, o);
        return why != NULL ? goflag_invalid(g, why) : 0;
    case K_FORMAT:
        if (strcmp(value, "go") == 0 || strcmp(value, "json") == 0) {
            o->format = value[0] == 'j' ? FORMAT_JSON : FORMAT_GO;
            return 0;
        }
        return goflag_invalid(g, "want go or json");
    case K_CPU:
        if (parse_int(value, 0, 65535, &v) != 0)
            return goflag_invalid(g, "want a CPU number");
        o->pin = (int)v;
        return 0;
    }
    return -1;
}

int flags_parse(int argc, char **argv, struct bench_opts *o, char *err, size_t errsz)
{
    enum { NFLAGS = sizeof table / sizeof table[0] };
    goflag_def defs[NFLAGS];
    goflag g;
    int k;

    for (size_t i = 0; i < NFLAGS; i++)
        defs[i] = (goflag_def){table[i].name, table[i].kind == K_BOOL, (int)i};
    goflag_init(&g, argc, argv, defs, NFLAGS);
    g.alias_prefix = "test.";           /* go test binaries' -test.bench */
    while ((k = goflag_next(&g)) == GOFLAG_FLAG)
        if (set(&table[g.def->id], o, &g) != 0) {
            k = GOFLAG_ERROR;
            break;
        }
    if (k == GOFLAG_ERROR) {
        snprintf(err, errsz, "%s", g.msg);
        return -1;
    }
    /* -h is defined (o->help): GOFLAG_HELP does not come; what stops the
       flags other than "--" is an argument, and the runner takes none */
    if (g.next < argc && !g.dashdash) {
        snprintf(err, errsz, "unexpected argument: %s", argv[g.next]);
        return -1;
    }
    return 0;
}
