/*
 * goflag.h -- command lines read as Go's flag package reads them
 * (src/flag/flag.go, FlagSet.parseOne), for escbench, escstat and escplot.
 *
 * A flag is -name or --name.  Its value follows as -name=value or as the
 * next argument (-name value), whatever that argument looks like; a
 * boolean flag takes a value only as -name=value (-name alone means true).
 * "--" ends the flags.  The flags end at the first argument that is not
 * one ("-" included: it names standard input), as FlagSet.Parse does; with
 * interspersed set, such arguments come back one by one among the flags
 * instead, and only "--" ends the flags (escplot).  -h and -help, when the
 * caller defines no flag of that name, ask for the usage (Go's ErrHelp).
 *
 * The caller loops over goflag_next and stores each value itself (it
 * knows its types); goflag_bool and goflag_invalid turn a bad value into
 * Go's message.  Errors come back as a kind (g->err) and a message in Go's
 * words, without the program's name:
 *     bad flag syntax: ---x
 *     flag provided but not defined: -x
 *     flag needs an argument: -x
 *     invalid value "v" for flag -x: why         (goflag_invalid)
 *     invalid boolean value "v" for -x: why      (goflag_invalid, goflag_bool)
 * Library code: nothing is printed; the tools print through usage.h.
 *
 *     goflag g;
 *     goflag_init(&g, argc, argv, defs, ndefs);
 *     while ((k = goflag_next(&g)) == GOFLAG_FLAG)
 *         switch (g.def->id) { ... return goflag_invalid(&g, "want a number"); }
 *     if (k == GOFLAG_ERROR) { print g.msg and the usage; exit 2 }
 *     inputs: argv[g.next .. argc)
 */
#ifndef ESCBENCH_GOFLAG_H
#define ESCBENCH_GOFLAG_H

#include <stdbool.h>
#include <stddef.h>

/* One flag the caller defines. */
typedef struct goflag_def {
    const char *name;           /* without dashes: "bench", "o" */
    bool boolean;               /* takes no separate value (Go's boolFlag) */
    int id;                     /* the caller's: which flag this is */
} goflag_def;

/* What goflag_next found. */
enum goflag_next_rc {
    GOFLAG_END,                 /* no more flags: the inputs start at argv[g->next] */
    GOFLAG_FLAG,                /* a flag: g->def, g->name, g->value */
    GOFLAG_ARG,                 /* with interspersed: an argument, g->value */
    GOFLAG_HELP,                /* -h or -help, not defined: print the usage */
    GOFLAG_ERROR,               /* g->err and g->msg say what is wrong */
};

/* The kinds of error, one per message of Go's flag package. */
typedef enum goflag_err {
    GOFLAG_OK,
    GOFLAG_ESYNTAX,             /* bad flag syntax: ARG */
    GOFLAG_EUNDEFINED,          /* flag provided but not defined: -NAME */
    GOFLAG_ENOARG,              /* flag needs an argument: -NAME */
    GOFLAG_EVALUE,              /* invalid [boolean] value "V" for [flag] -NAME: WHY */
} goflag_err;

/* Messages are cut at this many bytes (a value or a name that long). */
#define GOFLAG_MSG_MAX 4096

/* The parser's state.  goflag_init sets the first group; the options may
   be changed before the first goflag_next; the rest is the output. */
typedef struct goflag {
    int argc;
    char **argv;                /* argv[0] is the program (skipped) */
    const goflag_def *defs;
    size_t ndefs;
    bool interspersed;          /* arguments among the flags (default: false) */
    const char *alias_prefix;   /* names may also carry this prefix, as go
                                   test binaries' -test.bench (default: NULL) */
    int next;                   /* index in argv of the next argument to read */
    bool dashdash;              /* "--" ended the flags */
    const goflag_def *def;      /* GOFLAG_FLAG: the flag */
    const char *name;           /* GOFLAG_FLAG: its name as given (no dashes),
                                   name_len bytes, not NUL-terminated */
    int name_len;
    const char *value;          /* GOFLAG_FLAG: the value ("true" for a bare
                                   boolean); GOFLAG_ARG: the argument */
    goflag_err err;             /* GOFLAG_ERROR: the kind */
    char msg[GOFLAG_MSG_MAX];   /* GOFLAG_ERROR: the message, no newline */
} goflag;

/* goflag_init prepares to read argv[1..argc) against the ndefs flags of
   defs.  Nothing is allocated; argv and defs must outlive g (the names
   and values point into argv). */
void goflag_init(goflag *g, int argc, char **argv, const goflag_def *defs, size_t ndefs);

/* goflag_next reads the next flag (and its value) or argument; returns
   one of enum goflag_next_rc.  After GOFLAG_END, g->next is the index of
   the first argument left (past a "--"; g->dashdash tells) and every later
   call returns GOFLAG_END again.  After GOFLAG_ERROR and GOFLAG_HELP the
   caller stops. */
int goflag_next(goflag *g);

/* goflag_bool reads the value of the boolean flag just returned as Go's
   strconv.ParseBool does (1 t T TRUE true True, 0 f F FALSE false False).
   Returns 0 with *v set, or -1 with Go's message in g->msg
   ("invalid boolean value "V" for -NAME: parse error"). */
int goflag_bool(goflag *g, bool *v);

/* goflag_invalid records that the value of the flag just returned is
   bad, why saying how (NULL: no reason given): Go's message "invalid
   value "V" for flag -NAME: WHY", or for a boolean flag "invalid boolean
   value "V" for -NAME: WHY".  Returns -1, for the caller's own setter to
   return. */
int goflag_invalid(goflag *g, const char *why);

#endif
