/*
 * test_base_goflag.c -- Go's flag-package syntax (goflag.h): what each form
 * of argument parses to, where the flags end, and Go's messages word for
 * word (src/flag/flag.go, FlagSet.parseOne).
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "goflag.h"
#include "../tap.h"

enum { S, B, N, H };
static const goflag_def defs[] = {
    {"s", false, S},            /* a string */
    {"b", true, B},             /* a boolean */
    {"name", false, N},         /* a longer name */
};

static char *argv[32];
static int argc;
static goflag g;

/* start prepares g over a NULL-terminated list of arguments (after a
   program name) with the flags of defs. */
static void start(const char *a0, ...)
{
    va_list ap;

    argc = 0;
    argv[argc++] = (char *)"prog";
    va_start(ap, a0);
    for (const char *a = a0; a != NULL && argc < 31; a = va_arg(ap, const char *))
        argv[argc++] = (char *)a;
    va_end(ap);
    argv[argc] = NULL;
    goflag_init(&g, argc, argv, defs, sizeof defs / sizeof defs[0]);
}

/* trace runs goflag_next to the end and writes what came back, one item
   per call: "s=x" for a flag, "[x]" for an argument, "END@i" (i: g.next,
   "--" when it ended the flags), "HELP", "ERR k: message". */
static const char *trace(void)
{
    static char out[1024];
    size_t len = 0;
    int k;

    out[0] = '\0';
    for (int guard = 0; guard < 40; guard++) {
        k = goflag_next(&g);
        if (len > 0 && len < sizeof out)
            out[len++] = ' ';
        switch (k) {
        case GOFLAG_FLAG:
            len += (size_t)snprintf(out + len, sizeof out - len, "%.*s=%s", g.name_len, g.name,
                                    g.value);
            continue;
        case GOFLAG_ARG:
            len += (size_t)snprintf(out + len, sizeof out - len, "[%s]", g.value);
            continue;
        case GOFLAG_END:
            snprintf(out + len, sizeof out - len, "END@%d%s", g.next, g.dashdash ? "--" : "");
            break;
        case GOFLAG_HELP:
            snprintf(out + len, sizeof out - len, "HELP");
            break;
        default:
            snprintf(out + len, sizeof out - len, "ERR %d: %s", (int)g.err, g.msg);
            break;
        }
        break;
    }
    return out;
}

int main(void)
{
    /* The forms of a flag and its value. */
    start(NULL);
    is_str(trace(), "END@1", "no arguments");
    start("-s", "x", "--s=y", "-s=", "--name", "v w", NULL);
    is_str(trace(), "s=x s=y s= name=v w END@7", "-s x, --s=y, -s= (empty), --name value");
    start("-s", "-b", NULL);
    is_str(trace(), "s=-b END@3", "a value flag takes the next argument, dash or not");
    start("-s", "--", NULL);
    is_str(trace(), "s=-- END@3", "even \"--\"");
    start("-s=a=b", NULL);
    is_str(trace(), "s=a=b END@2", "the name ends at the first '='");
    start("-b", "-b=false", "--b=T", NULL);
    is_str(trace(), "b=true b=false b=T END@4", "a bare boolean is true; -b=v carries v");
    start("-b", "false", NULL);
    is_str(trace(), "b=true END@2", "a boolean takes no separate value: \"false\" is an argument");

    /* Where the flags end. */
    start("-s", "x", "in", "-b", NULL);
    is_str(trace(), "s=x END@3", "the first non-flag ends the flags");
    ok(goflag_next(&g) == GOFLAG_END && g.next == 3, "and END again after END");
    start("-", "-b", NULL);
    is_str(trace(), "END@1", "\"-\" is an argument (standard input)");
    start("-b", "--", "-s", NULL);
    is_str(trace(), "b=true END@3--", "\"--\" ends the flags and is consumed");
    start("", NULL);
    is_str(trace(), "END@1", "an empty argument is not a flag");

    /* Interspersed: the arguments come back among the flags. */
    start("in1", "-s", "x", "-", "in2", "--", "-b", "--", NULL);
    g.interspersed = true;
    is_str(trace(), "[in1] s=x [-] [in2] [-b] [--] END@9--",
           "interspersed: arguments among flags; after \"--\" everything is an argument");

    /* Errors, in Go's words. */
    start("-nope", NULL);
    is_str(trace(), "ERR 2: flag provided but not defined: -nope", "undefined flag");
    start("--nope=3", NULL);
    is_str(trace(), "ERR 2: flag provided but not defined: -nope", "undefined, two dashes and =");
    start("-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", NULL);
    is_str(trace(),
           "ERR 2: flag provided but not defined: "
           "-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
           "a long undefined name is not cut");
    start("-s", NULL);
    is_str(trace(), "ERR 3: flag needs an argument: -s", "missing value");
    start("--name", NULL);
    is_str(trace(), "ERR 3: flag needs an argument: -name", "missing value, two dashes");
    start("---x", NULL);
    is_str(trace(), "ERR 1: bad flag syntax: ---x", "three dashes");
    start("-=x", NULL);
    is_str(trace(), "ERR 1: bad flag syntax: -=x", "no name");
    start("--=", NULL);
    is_str(trace(), "ERR 1: bad flag syntax: --=", "no name, two dashes");
    start("-s", "x", "-nope", "-s", "y", NULL);
    is_str(trace(), "s=x ERR 2: flag provided but not defined: -nope", "parsing stops at the error");

    /* -h and -help: Go's ErrHelp, whatever follows the name. */
    start("-h", NULL);
    is_str(trace(), "HELP", "-h");
    start("--help=no", NULL);
    is_str(trace(), "HELP", "--help=no");
    start("-hh", NULL);
    is_str(trace(), "ERR 2: flag provided but not defined: -hh", "-hh is not -h");
    {
        static const goflag_def withh[] = {{"h", true, H}};
        start("-h", NULL);
        goflag_init(&g, argc, argv, withh, 1);
        is_str(trace(), "h=true END@2", "a defined -h is a flag like any other");
    }

    /* Values refused by the caller: goflag_bool, goflag_invalid. */
    bool v = false;
    start("-b=maybe", NULL);
    ok(goflag_next(&g) == GOFLAG_FLAG, "-b=maybe reads");
    is_int(goflag_bool(&g, &v), -1, "maybe is not a boolean");
    is_str(g.msg, "invalid boolean value \"maybe\" for -b: parse error", "Go's boolean message");
    is_int(g.err, GOFLAG_EVALUE, "kind: a bad value");
    const char *yes[] = {"1", "t", "T", "TRUE", "true", "True"};
    const char *no[] = {"0", "f", "F", "FALSE", "false", "False"};
    int good = 0;
    for (int i = 0; i < 6; i++) {
        char a[16], b[16];
        snprintf(a, sizeof a, "-b=%s", yes[i]);
        snprintf(b, sizeof b, "-b=%s", no[i]);
        start(a, b, NULL);
        v = false;
        good += goflag_next(&g) == GOFLAG_FLAG && goflag_bool(&g, &v) == 0 && v;
        good += goflag_next(&g) == GOFLAG_FLAG && goflag_bool(&g, &v) == 0 && !v;
    }
    is_int(good, 12, "strconv.ParseBool's twelve spellings");
    start("-b=yes", NULL);
    goflag_next(&g);
    is_int(goflag_bool(&g, &v), -1, "yes is not one of them");
    start("--name", "x", NULL);
    goflag_next(&g);
    is_int(goflag_invalid(&g, "want a number"), -1, "goflag_invalid returns -1");
    is_str(g.msg, "invalid value \"x\" for flag -name: want a number", "Go's value message");
    start("-s=", NULL);
    goflag_next(&g);
    goflag_invalid(&g, NULL);
    is_str(g.msg, "invalid value \"\" for flag -s", "no reason: the message ends at the name");
    start("-b=2", NULL);
    goflag_next(&g);
    goflag_invalid(&g, "no");
    is_str(g.msg, "invalid boolean value \"2\" for -b: no", "a boolean's own wording");

    /* The alias prefix (go test binaries' -test.bench). */
    start("-test.s", "x", "-s", "y", "-test.name=z", NULL);
    g.alias_prefix = "test.";
    is_str(trace(), "test.s=x s=y test.name=z END@6", "-test.s is -s, named as given");
    ok(g.def != NULL && g.def->id == N, "-test.name is the flag name");
    start("-test.", NULL);
    g.alias_prefix = "test.";
    is_str(trace(), "ERR 2: flag provided but not defined: -test.", "the prefix alone is no flag");
    start("-test.s", NULL);
    g.alias_prefix = "test.";
    is_str(trace(), "ERR 3: flag needs an argument: -test.s", "messages name the flag as given");
    start("-test.s", NULL);
    is_str(trace(), "ERR 2: flag provided but not defined: -test.s", "no prefix without alias_prefix");

    return tap_done();
}
