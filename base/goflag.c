/*
 * goflag.c -- Go's flag-package syntax (src/flag/flag.go), one argument
 * at a time.  See goflag.h.
 */
#include "goflag.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void goflag_init(goflag *g, int argc, char **argv, const goflag_def *defs, size_t ndefs)
{
    memset(g, 0, sizeof *g);
    g->argc = argc;
    g->argv = argv;
    g->defs = defs;
    g->ndefs = ndefs;
    g->next = 1;
}

/* fail records an error of kind err with its message; GOFLAG_ERROR. */
__attribute__((format(printf, 3, 4)))
static int fail(goflag *g, goflag_err err, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(g->msg, sizeof g->msg, fmt, ap);
    va_end(ap);
    g->err = err;
    return GOFLAG_ERROR;
}

/* lookup finds the flag named name[0..len), also behind the alias prefix
   (when something follows it); NULL when none is defined. */
static const goflag_def *lookup(const goflag *g, const char *name, size_t len)
{
    size_t plen = g->alias_prefix != NULL ? strlen(g->alias_prefix) : 0;

    if (plen > 0 && len > plen && strncmp(name, g->alias_prefix, plen) == 0) {
        name += plen;
        len -= plen;
    }
    for (size_t i = 0; i < g->ndefs; i++)
        if (strlen(g->defs[i].name) == len && memcmp(g->defs[i].name, name, len) == 0)
            return &g->defs[i];
    return NULL;
}

/* The steps of FlagSet.parseOne: a non-flag or "--" ends the flags; a
   name that starts with '-' or '=' is bad syntax; the name ends at the
   first '='; an undefined name is an error unless it is h or help; a
   boolean takes only =value; any other flag takes =value or the next
   argument. */
int goflag_next(goflag *g)
{
    for (;;) {
        if (g->next >= g->argc)
            return GOFLAG_END;
        const char *s = g->argv[g->next];
        if (g->dashdash || s[0] != '-' || s[1] == '\0') {
            if (!g->interspersed)
                return GOFLAG_END;
            g->next++;
            g->value = s;
            return GOFLAG_ARG;
        }
        const char *name = s + 1;
        if (name[0] == '-') {
            name++;
            if (name[0] == '\0') {      /* "--" ends the flags */
                g->next++;
                g->dashdash = true;
                continue;
            }
        }
        if (name[0] == '-' || name[0] == '=')
            return fail(g, GOFLAG_ESYNTAX, "bad flag syntax: %s", s);
        g->next++;
        const char *eq = strchr(name, '=');
        size_t len = eq != NULL ? (size_t)(eq - name) : strlen(name);
        g->name = name;
        g->name_len = (int)len;
        g->def = lookup(g, name, len);
        if (g->def == NULL) {
            if ((len == 1 && name[0] == 'h') || (len == 4 && memcmp(name, "help", 4) == 0))
                return GOFLAG_HELP;
            return fail(g, GOFLAG_EUNDEFINED, "flag provided but not defined: -%.*s", (int)len,
                        name);
        }
        if (eq != NULL) {
            g->value = eq + 1;
        } else if (g->def->boolean) {
            g->value = "true";
        } else if (g->next < g->argc) {
            g->value = g->argv[g->next++];
        } else {
            return fail(g, GOFLAG_ENOARG, "flag needs an argument: -%.*s", (int)len, name);
        }
        return GOFLAG_FLAG;
    }
}

int goflag_invalid(goflag *g, const char *why)
{
    bool boolean = g->def != NULL && g->def->boolean;

    if (why == NULL)
        fail(g, GOFLAG_EVALUE,
             boolean ? "invalid boolean value \"%s\" for -%.*s"
                     : "invalid value \"%s\" for flag -%.*s",
             g->value, g->name_len, g->name);
    else
        fail(g, GOFLAG_EVALUE,
             boolean ? "invalid boolean value \"%s\" for -%.*s: %s"
                     : "invalid value \"%s\" for flag -%.*s: %s",
             g->value, g->name_len, g->name, why);
    return -1;
}

/* parse_bool is Go's strconv.ParseBool: 0 and *v, or -1. */
static int parse_bool(const char *s, bool *v)
{
    static const char *const yes[] = {"1", "t", "T", "TRUE", "true", "True"};
    static const char *const no[] = {"0", "f", "F", "FALSE", "false", "False"};

    for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++) {
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

int goflag_bool(goflag *g, bool *v)
{
    if (parse_bool(g->value, v) != 0)
        return goflag_invalid(g, "parse error");
    return 0;
}
