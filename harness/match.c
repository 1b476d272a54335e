/*
 * match.c -- Go's per-level benchmark name matching.  See match.h.
 */
#include "match.h"
#include "alloc.h"
#include "resyntax.h"
#include "utf8.h"
#include "vec.h"

#include <errno.h>
#include <regex.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* One alternative: all its elements must match, level by level. */
struct simple {
    int n;                              /* number of levels */
    regex_t *re;                        /* n compiled elements */
    size_t cap;                         /* elements allocated in re */
};

/* A name seen by match_full_name and how often (Go's subNames). */
struct seen {
    char *name;
    int count;
};

struct matcher {
    int nalt;                           /* alternatives (split at '|'); 0: match all */
    struct simple *alt;
    size_t capalt;                      /* alternatives allocated in alt */
    struct seen *seen;                  /* names handed out so far */
    size_t nseen, capseen;
};

char *match_rewrite(const char *s)
{
    /* Worst case: every byte becomes the 6 bytes "\u0080". */
    char *out = malloc(strlen(s) * 6 + 1), *o = out;
    const unsigned char *p = (const unsigned char *)s, *end = p + strlen(s);

    if (out == NULL)
        return NULL;
    while (*p != '\0') {
        size_t len;
        uint32_t r = utf8_decode(p, (size_t)(end - p), &len);

        if (utf8_is_space(r)) {
            *o++ = '_';
        } else if (r < 0x20 || r == 0x7f) {
            if (r == '\a' || r == '\b')
                o += sprintf(o, "\\%c", r == '\a' ? 'a' : 'b');
            else
                o += sprintf(o, "\\x%02x", (unsigned)r);
        } else if (r >= 0x80 && r < 0xa0) {
            o += sprintf(o, "\\u%04x", (unsigned)r);
        } else if (r == 0xfffd && len == 1) {
            o += sprintf(o, "\xef\xbf\xbd");    /* U+FFFD, as Go writes it */
        } else {
            memcpy(o, p, len);
            o += len;
        }
        p += len;
    }
    *o = '\0';
    return out;
}

/* split cuts patterns into alternatives of levels, Go's splitRegexp: '/'
 * and '|' split only outside [...] and (...); a backslash protects the
 * next byte.  Calls add(level text, new_alternative) for each element. */
static int split(const char *s, int (*add)(void *, const char *, size_t, int), void *arg)
{
    int cs = 0, cp = 0, newalt = 1;
    size_t i = 0;

    while (s[i] != '\0') {
        switch (s[i]) {
        case '[':
            cs++;
            break;
        case ']':
            if (--cs < 0)           /* an unmatched ']' is legal */
                cs = 0;
            break;
        case '(':
            if (cs == 0)
                cp++;
            break;
        case ')':
            if (cs == 0)
                cp--;
            break;
        case '\\':
            if (s[i + 1] != '\0')
                i++;
            break;
        case '/':
        case '|':
            if (cs == 0 && cp == 0) {
                if (add(arg, s, i, newalt) != 0)
                    return -1;
                newalt = s[i] == '|';
                s += i + 1;
                i = 0;
                continue;
            }
            break;
        }
        i++;
    }
    return add(arg, s, i, newalt);
}

/* go_regcomp compiles the Go pattern pat into re: Go's syntax and limits
 * first (stats/resyntax.h: regcomp has none, and a pattern Go rejects must
 * not reach it), then its POSIX form (resyntax_posix: Go's literal braces
 * escaped, \d \w \s and a leading (?i) rewritten).  Returns 0; -1 with
 * the reason (Go's message or regcomp's) in why; -2 when out of memory.
 * re holds nothing to free unless it returns 0. */
static int go_regcomp(regex_t *re, const char *pat, char *why, size_t whysz)
{
    char *gowhy = NULL;
    bool icase;
    char *posix;
    int rc;

    if (resyntax_check(pat, &gowhy) != 0) {
        if (gowhy == NULL)
            return -2;
        snprintf(why, whysz, "%s", gowhy);
        free(gowhy);
        return -1;
    }
    posix = resyntax_posix(pat, &icase);
    if (posix == NULL)
        return -2;
    /* glibc 2.36's regcomp frees twice when one of its allocations
     * fails; injected failures (tests) skip it: what is under test is
     * ours. */
    alloc_fail_pause(true);
    rc = regcomp(re, posix, REG_EXTENDED | REG_NOSUB | (icase ? REG_ICASE : 0));
    alloc_fail_pause(false);
    free(posix);
    if (rc != 0) {
        regerror(rc, re, why, whysz);
        regfree(re);
        return -1;
    }
    return 0;
}

struct build {
    matcher *m;
    const char *flag;
    char *err;
    size_t errsz;
};

/* add_element compiles one element into the matcher (split's callback). */
static int add_element(void *arg, const char *s, size_t len, int newalt)
{
    struct build *b = arg;
    matcher *m = b->m;
    struct simple *alt;
    char *raw, *pat;
    char why[256];
    int rc, level;

    if (newalt) {
        if (vec_reserve(&m->alt, &m->capalt, (size_t)m->nalt + 1, sizeof *m->alt) != 0)
            goto oom;
        m->alt[m->nalt].n = 0;
        m->alt[m->nalt].re = NULL;
        m->alt[m->nalt].cap = 0;
        m->nalt++;
    }
    alt = &m->alt[m->nalt - 1];
    level = alt->n;
    /* The element number in messages counts levels across alternatives as
     * Go's verify does within one alternative. */
    raw = strndup(s, len);
    if (raw == NULL)
        goto oom;
    pat = match_rewrite(raw);
    free(raw);
    if (pat == NULL)
        goto oom;
    if (vec_reserve(&alt->re, &alt->cap, (size_t)alt->n + 1, sizeof *alt->re) != 0) {
        free(pat);
        goto oom;
    }
    rc = go_regcomp(&alt->re[alt->n], pat, why, sizeof why);
    if (rc == -2) {
        free(pat);
        goto oom;
    }
    if (rc != 0) {
        if (m->nalt > 1)
            snprintf(b->err, b->errsz,
                     "invalid regexp for alternation %d of element %d of %s (\"%s\"): %s",
                     m->nalt - 1, level, b->flag, pat, why);
        else
            snprintf(b->err, b->errsz, "invalid regexp for element %d of %s (\"%s\"): %s",
                     level, b->flag, pat, why);
        free(pat);
        return -1;
    }
    free(pat);
    alt->n++;
    return 0;
oom:
    snprintf(b->err, b->errsz, "out of memory");
    return -1;
}

matcher *match_new(const char *patterns, const char *flag, char *err, size_t errsz)
{
    matcher *m = calloc(1, sizeof *m);
    struct build b = {m, flag, err, errsz};

    if (m == NULL) {
        snprintf(err, errsz, "out of memory");
        return NULL;
    }
    if (patterns[0] != '\0' && split(patterns, add_element, &b) != 0) {
        match_free(m);
        return NULL;
    }
    return m;
}

void match_free(matcher *m)
{
    if (m == NULL)
        return;
    for (int i = 0; i < m->nalt; i++) {
        for (int j = 0; j < m->alt[i].n; j++)
            regfree(&m->alt[i].re[j]);
        free(m->alt[i].re);
    }
    free(m->alt);
    for (size_t i = 0; i < m->nseen; i++)
        free(m->seen[i].name);
    free(m->seen);
    free(m);
}

void match_forget(matcher *m)
{
    for (size_t i = 0; i < m->nseen; i++)
        free(m->seen[i].name);
    m->nseen = 0;
}

/* seen_find returns the entry for name, or NULL. */
static struct seen *seen_find(matcher *m, const char *name)
{
    for (size_t i = 0; i < m->nseen; i++)
        if (strcmp(m->seen[i].name, name) == 0)
            return &m->seen[i];
    return NULL;
}

/* seen_count is Go's m.subNames[name] (0 when absent). */
static int seen_count(matcher *m, const char *name)
{
    struct seen *e = seen_find(m, name);
    return e != NULL ? e->count : 0;
}

/* seen_set stores count for name; -1 when out of memory. */
static int seen_set(matcher *m, const char *name, int count)
{
    struct seen *e = seen_find(m, name);

    if (e == NULL) {
        if (vec_reserve(&m->seen, &m->capseen, m->nseen + 1, sizeof *m->seen) != 0)
            return -1;
        e = &m->seen[m->nseen];
        if ((e->name = strdup(name)) == NULL)
            return -1;
        m->nseen++;
    }
    e->count = count;
    return 0;
}

/* subtest_number splits "prefix#NN" as Go's parseSubtestNumber: returns the
 * prefix length and sets *nn, or returns strlen(s) when there is no such
 * suffix. */
static size_t subtest_number(const char *s, long *nn)
{
    const char *hash = strrchr(s, '#'), *suf;
    char *end;
    size_t slen;
    long v;

    *nn = 0;
    if (hash == NULL)
        return strlen(s);
    suf = hash + 1;
    slen = strlen(suf);
    if (slen < 2 || (slen > 2 && suf[0] == '0'))
        return strlen(s);
    if (strcmp(suf, "00") == 0 && (hash == s || hash[-1] != '/'))
        return strlen(s);
    if (suf[0] < '0' || suf[0] > '9')
        return strlen(s);
    v = strtol(suf, &end, 10);
    if (*end != '\0' || v < 0 || v > INT32_MAX)
        return strlen(s);
    *nn = v;
    return (size_t)(hash - s);
}

/* unique is Go's matcher.unique: parent/subname, or parent/subname#NN when
 * that name was handed out before.  Caller owns the result. */
static char *unique(matcher *m, const char *parent, const char *subname)
{
    size_t blen = strlen(parent) + 1 + strlen(subname);
    char *base = malloc(blen + 1), *name;

    if (base == NULL)
        return NULL;
    snprintf(base, blen + 1, "%s/%s", parent, subname);
    name = malloc(blen + 16);
    if (name == NULL) {
        free(base);
        return NULL;
    }
    for (;;) {
        int n = seen_count(m, base);

        if (seen_set(m, base, n + 1) != 0)
            break;
        if (n == 0 && subname[0] != '\0') {
            long nn;
            size_t plen = subtest_number(base, &nn);
            if (plen < strlen(base)) {
                char *prefix = strndup(base, plen);
                int taken = prefix != NULL && nn < seen_count(m, prefix);
                free(prefix);
                if (taken)
                    continue;   /* "x#01" already names the 2nd "x" */
            }
            free(name);
            return base;
        }
        snprintf(name, blen + 16, "%s#%02d", base, n);
        if (seen_count(m, name) != 0)
            continue;           /* collides with a sub-benchmark named so */
        free(base);
        return name;
    }
    free(base);
    free(name);
    return NULL;
}

/* simple_matches: every level present in both name and pattern matches;
 * partial when the pattern has more levels than the name.  Returns 1, 0,
 * or -1 when regexec ran out of memory (REG_ESPACE). */
static int simple_matches(const struct simple *a, char **elem, int nelem, bool *partial)
{
    for (int i = 0; i < nelem && i < a->n; i++) {
        int rc;
        /* glibc's regexec builds its DFA lazily and can lose a failed
         * allocation, answering REG_NOMATCH; errno still says ENOMEM. */
        errno = 0;
        rc = regexec(&a->re[i], elem[i], 0, NULL, 0);
        if (rc == REG_NOMATCH && errno != ENOMEM)
            return 0;
        if (rc != 0)
            return -1;
    }
    *partial = nelem < a->n;
    return 1;
}

/* split_levels cuts s in place at each '/' into at most max levels, their
 * starts in elem[]; returns how many (the last keeps any '/' left). */
static int split_levels(char *s, char **elem, int max)
{
    int n = 0;

    for (char *p = s; n < max; ) {
        elem[n++] = p;
        p = strchr(p, '/');
        if (p == NULL)
            break;
        *p++ = '\0';
    }
    return n;
}

/* match_any: the first alternative of m that the levels elem[0..nelem)
 * match (simple_matches): 1, with *partial set; 0 when none does; -1 when
 * regexec ran out of memory. */
static int match_any(const matcher *m, char **elem, int nelem, bool *partial)
{
    for (int i = 0; i < m->nalt; i++) {
        int rc = simple_matches(&m->alt[i], elem, nelem, partial);
        if (rc != 0)
            return rc;
    }
    return 0;
}

char *match_full_name(matcher *m, const char *parent, const char *sub,
                      bool *ok, bool *partial)
{
    char *name, *copy, *elem[64];
    int nelem;

    *ok = false;
    *partial = false;
    if (parent == NULL) {
        name = strdup(sub);
    } else {
        char *rw = match_rewrite(sub);
        if (rw == NULL)
            return NULL;
        name = unique(m, parent, rw);
        free(rw);
    }
    if (name == NULL)
        return NULL;
    if (m->nalt == 0) {
        *ok = true;             /* no pattern: everything, never partial */
        return name;
    }
    copy = strdup(name);
    if (copy == NULL) {
        free(name);
        return NULL;
    }
    /* Split at every '/' each time: a sub-benchmark name may contain '/'. */
    nelem = split_levels(copy, elem, 64);
    int rc = match_any(m, elem, nelem, partial);
    free(copy);
    if (rc < 0) {
        free(name);
        return NULL;
    }
    *ok = rc > 0;
    return name;
}

int match_top(const matcher *m, const char *name, bool *partial)
{
    char copy[1024], *elem[64];
    int nelem;

    *partial = false;
    if (m->nalt == 0)
        return 1;
    snprintf(copy, sizeof copy, "%s", name);
    nelem = split_levels(copy, elem, 64);
    return match_any(m, elem, nelem, partial);
}

int match_string(const char *pattern, const char *s, char *err, size_t errsz)
{
    regex_t re;
    char why[512];                      /* as long as the caller's err */
    int rc;

    rc = go_regcomp(&re, pattern, why, sizeof why);
    if (rc != 0) {
        snprintf(err, errsz, "invalid regexp \"%s\": %s", pattern,
                 rc == -2 ? "out of memory" : why);
        return -1;
    }
    errno = 0;
    rc = regexec(&re, s, 0, NULL, 0);
    if (rc == REG_NOMATCH && errno == ENOMEM)
        rc = REG_ESPACE;                /* see simple_matches */
    regfree(&re);
    if (rc != 0 && rc != REG_NOMATCH) {
        snprintf(err, errsz, "matching \"%s\": out of memory", pattern);
        return -1;
    }
    return rc == 0;
}
