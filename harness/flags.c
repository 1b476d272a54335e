/*
 * flags.c -- Go flag-package parsing of the runner's options.  See flags.h.
 */
#include "flags.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "format.h"
#include "ramp.h"

enum kind { K_BOOL, K_STRING, K_DURATION, K_BENCHTIME, K_COUNT, K_INT, K_CI, K_SHUFFLE, K_CPU, K_CPULIST,
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

/* parse_bool is Go's strconv.ParseBool. */
static int parse_bool(const char *s, bool *v)
{
    static const char *const yes[] = {"1", "t", "T", "TRUE", "true", "True"};
    static const char *const no[] = {"0", "f", "F", "FALSE", "false", "False"};

    for (size_t i = 0; i < 6; i++) {
        if (strcmp(s, yes[i]) == 0) {
            *v = true;
            return 0;
        }
        if (strcmp(s, no[i]) == 0) {
            *v = false;
            return 0;
        }
    }
    return -1;
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
 * at all means the default. */
static int parse_cpu_list(const char *value, struct bench_opts *o, char *why, size_t whysz)
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
            if (len >= sizeof item) {
                snprintf(why, whysz, "want positive numbers separated by commas");
                return -1;
            }
            memcpy(item, p, len);
            item[len] = '\0';
            if (parse_int(item, 1, 1 << 20, &v) != 0) {
                snprintf(why, whysz, "want positive numbers separated by commas");
                return -1;
            }
            if (o->ncpu == FLAGS_CPU_MAX) {
                snprintf(why, whysz, "more than %d values", FLAGS_CPU_MAX);
                return -1;
            }
            o->cpus[o->ncpu++] = (int)v;
        }
        if (end == NULL)
            break;
        p = end + 1;
    }
    return 0;
}

/* set stores value into the field of f; on error writes the reason. */
static int set(const struct flag *f, struct bench_opts *o, const char *value,
               char *why, size_t whysz)
{
    char *field = (char *)o + f->off;
    long long v;
    int64_t d;

    switch (f->kind) {
    case K_BOOL:
        if (parse_bool(value, (bool *)field) != 0) {
            snprintf(why, whysz, "parse error");
            return -1;
        }
        return 0;
    case K_STRING:
        *(const char **)field = value;
        return 0;
    case K_DURATION:
        if (fmt_parse_duration(value, &d) != 0 || d < 0) {
            snprintf(why, whysz, "invalid duration");
            return -1;
        }
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
            snprintf(why, whysz, "invalid count");
            return -1;
        }
        if (fmt_parse_duration(value, &d) != 0 || d <= 0) {
            snprintf(why, whysz, "invalid duration");
            return -1;
        }
        o->benchtime_ns = d;
        o->benchtime_n = 0;
        return 0;
    }
    case K_COUNT:
        if (parse_int(value, 1, 1000000000, &v) != 0) {
            snprintf(why, whysz, "must be a whole number from 1 to 1000000000");
            return -1;
        }
        *(int *)field = (int)v;
        return 0;
    case K_INT:
        if (parse_int(value, 0, 1000000000, &v) != 0) {
            snprintf(why, whysz, "parse error");
            return -1;
        }
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
        if (end == value || *end != '\0' || errno != 0 || !(x > 0 && x < 100)) {
            snprintf(why, whysz, "want a percentage such as 2%% (more than 0, less than 100)");
            return -1;
        }
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
        if (parse_int(value, 0, INT64_MAX, &v) != 0) {
            snprintf(why, whysz, "want off, on or a seed (a whole number)");
            return -1;
        }
        o->shuffle = 1;
        o->seed = (uint64_t)v;
        o->seed_given = true;
        return 0;
    case K_CPULIST:
        return parse_cpu_list(value, o, why, whysz);
    case K_FORMAT:
        if (strcmp(value, "go") == 0 || strcmp(value, "json") == 0) {
            o->format = value[0] == 'j' ? FORMAT_JSON : FORMAT_GO;
            return 0;
        }
        snprintf(why, whysz, "want go or json");
        return -1;
    case K_CPU:
        if (parse_int(value, 0, 65535, &v) != 0) {
            snprintf(why, whysz, "want a CPU number");
            return -1;
        }
        o->pin = (int)v;
        return 0;
    }
    return -1;
}

/* lookup finds a flag by name, with or without Go's "test." prefix. */
static const struct flag *lookup(const char *name, size_t len)
{
    if (len > 5 && strncmp(name, "test.", 5) == 0) {
        name += 5;
        len -= 5;
    }
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
        if (strlen(table[i].name) == len && strncmp(table[i].name, name, len) == 0)
            return &table[i];
    return NULL;
}

int flags_parse(int argc, char **argv, struct bench_opts *o, char *err, size_t errsz)
{
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i], *name, *eq, *value;
        const struct flag *f;
        char why[160];
        size_t len;

        if (arg[0] != '-' || arg[1] == '\0') {
            snprintf(err, errsz, "unexpected argument: %s", arg);
            return -1;
        }
        name = arg + 1;
        if (*name == '-') {
            name++;
            if (*name == '\0')
                return 0;               /* "--" ends the flags */
        }
        if (*name == '-' || *name == '=') {
            snprintf(err, errsz, "bad flag syntax: %s", arg);
            return -1;
        }
        eq = strchr(name, '=');
        len = eq != NULL ? (size_t)(eq - name) : strlen(name);
        f = lookup(name, len);
        if (f == NULL) {
            snprintf(err, errsz, "flag provided but not defined: -%.*s", (int)len, name);
            return -1;
        }
        if (eq != NULL) {
            value = eq + 1;
        } else if (f->kind == K_BOOL) {
            value = "true";
        } else {
            if (i + 1 >= argc) {
                snprintf(err, errsz, "flag needs an argument: -%.*s", (int)len, name);
                return -1;
            }
            value = argv[++i];
        }
        if (set(f, o, value, why, sizeof why) != 0) {
            if (f->kind == K_BOOL)
                snprintf(err, errsz, "invalid boolean value \"%s\" for -%.*s: %s",
                         value, (int)len, name, why);
            else
                snprintf(err, errsz, "invalid value \"%s\" for flag -%.*s: %s",
                         value, (int)len, name, why);
            return -1;
        }
    }
    return 0;
}
