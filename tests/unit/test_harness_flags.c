/*
 * test_harness_flags.c -- the runner's command line, Go flag-package style,
 * and its error messages.
 */
#include <stdarg.h>
#include <string.h>

#include "flags.h"
#include "../tap.h"

static struct bench_opts o;
static char err[512];

/* parse parses a NULL-terminated list of arguments after a program name. */
static int parse(const char *a0, ...)
{
    char *argv[32];
    int argc = 0;
    va_list ap;

    argv[argc++] = (char *)"escbench";
    va_start(ap, a0);
    for (const char *a = a0; a != NULL && argc < 31; a = va_arg(ap, const char *))
        argv[argc++] = (char *)a;
    va_end(ap);
    argv[argc] = NULL;
    flags_defaults(&o);
    err[0] = '\0';
    return flags_parse(argc, argv, &o, err, sizeof err);
}

int main(void)
{
    is_int(parse(NULL), 0, "no flags");
    is_str(o.bench, ".", "-bench defaults to all");
    is_int(o.benchtime_ns, 1000000000, "-benchtime defaults to 1s");
    is_int(o.count, 1, "-count defaults to 1");
    ok(o.benchmem, "-benchmem defaults to true");
    is_int(o.timeout_ns, 600000000000, "-timeout defaults to 10m");
    is_str(o.counters, "default", "-counters defaults to default");
    ok(o.isolate, "-isolate defaults to true");

    is_int(parse("-bench", "Sink", "--count=3", "-benchtime=500ms", NULL), 0, "mixed forms");
    is_str(o.bench, "Sink", "-bench value");
    is_int(o.count, 3, "--count=3");
    is_int(o.benchtime_ns, 500000000, "500ms");
    is_int(parse("-benchtime", "100x", NULL), 0, "100x");
    is_int(o.benchtime_n, 100, "100 iterations");
    is_int(parse("-benchmem=false", NULL), 0, "-benchmem=false");
    ok(!o.benchmem, "benchmem off");
    is_int(parse("-benchmem", NULL), 0, "-benchmem alone");
    ok(o.benchmem, "benchmem on");
    is_int(parse("-test.bench=X", "-test.count", "2", NULL), 0, "go test's test. prefix");
    is_str(o.bench, "X", "-test.bench");
    is_int(o.count, 2, "-test.count");
    is_int(parse("-o", "r.txt", "-timeout", "0", NULL), 0, "-o and -timeout 0");
    is_str(o.out, "r.txt", "-o");
    is_int(o.timeout_ns, 0, "-timeout 0 disables");
    is_int(parse("-bench", "X", "--", "-count", NULL), 0, "-- ends the flags");
    is_int(o.count, 1, "nothing parsed after --");
    is_int(parse("-ci", "2%", "-shuffle", "42", "-pin", "1", NULL), 0, "precision flags");
    is_double(o.ci_pct, 2, 0, "-ci 2%%");
    ok(o.shuffle == 1 && o.seed == 42 && o.seed_given, "-shuffle 42");
    is_int(o.pin, 1, "-pin 1");

    /* Errors, in Go's words. */
    is_int(parse("-nope", NULL), -1, "unknown flag");
    is_str(err, "flag provided but not defined: -nope", "unknown flag message");
    is_int(parse("-bench", NULL), -1, "missing value");
    is_str(err, "flag needs an argument: -bench", "missing value message");
    is_int(parse("-count", "x", NULL), -1, "bad count");
    is_str(err, "invalid value \"x\" for flag -count: must be a whole number from 1 to 1000000000",
           "bad count message");
    is_int(parse("-count=0", NULL), -1, "count 0");
    is_int(parse("-benchtime", "0s", NULL), -1, "zero benchtime");
    is_str(err, "invalid value \"0s\" for flag -benchtime: invalid duration", "0s message");
    is_int(parse("-benchtime", "0x", NULL), -1, "zero count benchtime");
    is_str(err, "invalid value \"0x\" for flag -benchtime: invalid count", "0x message");
    is_int(parse("-benchtime", "1", NULL), -1, "benchtime without unit");
    is_int(parse("-timeout", "-1s", NULL), -1, "negative timeout");
    is_int(parse("-benchmem=maybe", NULL), -1, "bad boolean");
    is_str(err, "invalid boolean value \"maybe\" for -benchmem: parse error", "bad boolean message");
    is_int(parse("---x", NULL), -1, "three dashes");
    is_str(err, "bad flag syntax: ---x", "bad syntax message");
    is_int(parse("Sink", NULL), -1, "positional argument");
    is_str(err, "unexpected argument: Sink", "positional message");
    is_int(parse("-ci", "0%", NULL), -1, "-ci 0%%");
    is_int(parse("-shuffle", "maybe", NULL), -1, "-shuffle maybe");
    ok(strstr(flags_usage(), "-benchtime d") != NULL, "usage lists -benchtime");
    return tap_done();
}
