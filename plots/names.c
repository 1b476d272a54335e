/*
 * names.c -- printable, abbreviated and file-safe benchmark names (see
 * names.h).
 */
#include "names.h"

#include "parse.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* utf8_len: length of the valid UTF-8 sequence at s[0..n), or 0 when the
   bytes there are not one (overlong forms, surrogates and values above
   U+10FFFF are invalid: they would make the SVG invalid XML). */
static size_t utf8_len(const unsigned char *s, size_t n)
{
    if (s[0] < 0x80)
        return 1;
    size_t len;
    uint32_t cp;
    if (s[0] >= 0xc2 && s[0] <= 0xdf)
        len = 2, cp = s[0] & 0x1f;
    else if (s[0] >= 0xe0 && s[0] <= 0xef)
        len = 3, cp = s[0] & 0x0f;
    else if (s[0] >= 0xf0 && s[0] <= 0xf4)
        len = 4, cp = s[0] & 0x07;
    else
        return 0;
    if (len > n)
        return 0;
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xc0) != 0x80)
            return 0;
        cp = cp << 6 | (s[i] & 0x3f);
    }
    if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10ffff)) ||
        (cp >= 0xd800 && cp <= 0xdfff))
        return 0;
    return len;
}

void names_display(const char *s, size_t n, strbuf *out)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0;
    while (i < n) {
        if (u[i] == '\n') {
            strbuf_adds(out, "\\n");
            i++;
        } else if (u[i] == '\t') {
            strbuf_adds(out, "\\t");
            i++;
        } else if (u[i] < 0x20 || u[i] == 0x7f) {
            strbuf_printf(out, "\\x%02x", u[i]);
            i++;
        } else {
            size_t l = utf8_len(u + i, n - i);
            if (l == 0) {
                strbuf_adds(out, "\xef\xbf\xbd");          /* U+FFFD */
                i++;
            } else {
                strbuf_add(out, s + i, l);
                i += l;
            }
        }
    }
}

size_t names_width(const char *s)
{
    size_t w = 0;
    for (; *s; s++)
        if (((unsigned char)*s & 0xc0) != 0x80)
            w++;
    return w;
}

/* byte offset of code point number cp in valid UTF-8 s */
static size_t cp_off(const char *s, size_t cp)
{
    size_t i = 0;
    while (s[i] && cp > 0) {
        i++;
        while (((unsigned char)s[i] & 0xc0) == 0x80)
            i++;
        cp--;
    }
    return i;
}

/* middle_cut replaces the middle of s (valid UTF-8, width w) with "…" so
   that it is `want` code points wide (want >= 3): the head keeps the
   larger half, since the start of a name says most. */
static void middle_cut(const char *s, size_t w, size_t want, strbuf *out)
{
    if (w <= want) {
        strbuf_adds(out, s);
        return;
    }
    size_t keep = want - 1;
    size_t head = keep - keep / 2, tail = keep / 2;
    strbuf_add(out, s, cp_off(s, head));
    strbuf_adds(out, "\xe2\x80\xa6");                   /* U+2026 … */
    strbuf_adds(out, s + cp_off(s, w - tail));
}

enum { MAX_PARTS = 32 };

/* abbrev is names_abbrev; keyed_first: the first part may be key=value
   too (a variant such as "threshold=dynamic/size=4KiB", not a full name
   whose first part is the base name). */
static void abbrev(const char *name, size_t max, bool keyed_first, strbuf *out)
{
    strbuf disp = STRBUF_INIT;
    names_display(name, strlen(name), &disp);
    const char *d = strbuf_str(&disp);
    if (max < 8)
        max = 8;
    if (names_width(d) <= max) {
        strbuf_adds(out, d);
        strbuf_release(&disp);
        return;
    }
    /* Split at '/' into parts (each part keeps no slash); drop "key=". */
    char *parts[MAX_PARTS], *step2[MAX_PARTS];
    size_t np = 0;
    const char *p = d;
    strbuf tmp = STRBUF_INIT;
    while (np < MAX_PARTS) {
        const char *slash = strchr(p, '/');
        size_t n = slash && np + 1 < MAX_PARTS ? (size_t)(slash - p) : strlen(p);
        const char *eq = np > 0 || keyed_first ? memchr(p, '=', n) : NULL;
        if (eq && eq != p) {
            n -= (size_t)(eq + 1 - p);
            p = eq + 1;
        }
        strbuf_add(&tmp, p, n);
        step2[np] = strdup(strbuf_str(&tmp));
        parts[np++] = strbuf_detach(&tmp);
        if (!slash || np == MAX_PARTS)
            break;
        p = slash + 1;
    }
    /* widths; cut the widest part until the whole fits or none can shrink */
    size_t w[MAX_PARTS], total;
    for (;;) {
        total = np - 1;                              /* the slashes */
        size_t widest = 0;
        for (size_t i = 0; i < np; i++) {
            w[i] = names_width(parts[i]);
            total += w[i];
            if (w[i] > w[widest])
                widest = i;
        }
        if (total <= max || w[widest] <= 7)
            break;
        /* total > max here; unsigned: never subtract past 7 */
        size_t want = total - max + 7 >= w[widest] ? 7 : w[widest] - (total - max);
        middle_cut(parts[widest], w[widest], want, &tmp);
        free(parts[widest]);
        parts[widest] = strbuf_detach(&tmp);
    }
    for (size_t i = 0; i < np; i++) {
        if (i)
            strbuf_addc(&tmp, '/');
        strbuf_adds(&tmp, parts[i]);
    }
    if (names_width(strbuf_str(&tmp)) > max) {
        /* step 4 on the step-2 form: one "…", not one per part */
        strbuf_reset(&tmp);
        for (size_t i = 0; i < np; i++) {
            if (i)
                strbuf_addc(&tmp, '/');
            strbuf_adds(&tmp, step2[i]);
        }
    }
    for (size_t i = 0; i < np; i++) {
        free(parts[i]);
        free(step2[i]);
    }
    middle_cut(strbuf_str(&tmp), names_width(strbuf_str(&tmp)), max, out);
    strbuf_release(&tmp);
    strbuf_release(&disp);
}

void names_abbrev(const char *name, size_t max, strbuf *out)
{
    abbrev(name, max, false, out);
}

void names_abbrev_variant(const char *variant, size_t max, strbuf *out)
{
    abbrev(variant, max, true, out);
}

void names_abbrev_all(const char *const *names, size_t n, size_t max, bool variants, strbuf *out)
{
    for (size_t i = 0; i < n; i++)
        abbrev(names[i], max, variants, &out[i]);
    bool *dup = calloc(n ? n : 1, sizeof *dup);
    if (!dup)
        return;
    for (size_t i = 0; i < n; i++)
        for (size_t j = i + 1; j < n; j++)
            if (strcmp(strbuf_str(&out[i]), strbuf_str(&out[j])) == 0 &&
                strcmp(names[i], names[j]) != 0)
                dup[i] = dup[j] = true;
    for (size_t i = 0; i < n; i++)
        if (dup[i]) {
            /* make room for the number so the label stays max wide */
            char num[24];
            int k = snprintf(num, sizeof num, " #%zu", i + 1);
            strbuf_reset(&out[i]);
            abbrev(names[i], max >= (size_t)k + 8 ? max - (size_t)k : 8, variants, &out[i]);
            strbuf_adds(&out[i], num);
        }
    free(dup);
}

void names_slug(const char *s, strbuf *out)
{
    size_t start = out->len, n = 0;
    bool gap = false;
    for (; *s && n < 64; s++) {
        char c = *s;
        bool keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                    (c >= '0' && c <= '9') || c == '_' ||
                    ((c == '.' || c == '-') && n > 0);
        if (keep) {
            if (gap && n < 63) {
                strbuf_addc(out, '_');
                n++;
            }
            gap = false;
            strbuf_addc(out, c);
            n++;
        } else {
            gap = true;
        }
    }
    if (gap && n < 64) {
        strbuf_addc(out, '_');
        n++;
    }
    if (out->len == start)
        strbuf_addc(out, 'x');
}

void names_family(const char *full, size_t *base_n, strbuf *variant)
{
    parse_name_part parts[64];
    size_t n = strlen(full);
    size_t np = parse_name_split(full, n, base_n, parts, 64);
    if (np > 64)
        np = 64;
    bool first = true;
    for (size_t i = 0; i < np; i++) {
        if (parts[i].s[0] != '/')
            continue;                                /* -N: GOMAXPROCS */
        if (first)
            strbuf_add(variant, parts[i].s + 1, parts[i].n - 1);
        else
            strbuf_add(variant, parts[i].s, parts[i].n);
        first = false;
    }
}
