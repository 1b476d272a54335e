/*
 * query.c -- tokenizer and parsers of benchstat's filter and projection
 * syntax (benchproc/internal/parse: tok.go, filter.go, projection.go).
 * Offsets and messages follow that code so errors point where benchstat's
 * do.
 */
#include "query.h"
#include "resyntax.h"
#include "strbuf.h"
#include "utf8.h"
#include "vec.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ----------------------------------------------------------------- helpers */

/* rune_at: the rune at s[0..n) (utf8_decode), or 0 at the end. */
static uint32_t rune_at(const char *s, size_t n, size_t *len)
{
    if (n == 0) {
        *len = 1;
        return 0;
    }
    return utf8_decode((const unsigned char *)s, n, len);
}

/* is_op: a rune that ends a bare word. */
static bool is_op(uint32_t c)
{
    return c == '(' || c == ')' || c == ':' || c == '@' || c == ',';
}

/* is_start_op: a byte that is a token by itself at the start of one. */
static bool is_start_op(uint32_t c)
{
    return is_op(c) || c == '-' || c == '*';
}

/* query_syntax_error: see query.h. */
char *query_syntax_error(const char *q, int off, const char *msg)
{
    /* the caret column counts graphic runes before off (Go: unicode.IsGraphic) */
    size_t n = strlen(q), pos = 0;
    for (size_t i = 0; i < n && (int)i < off;) {
        size_t k;
        uint32_t r = rune_at(q + i, n - i, &k);
        if (!(r < 0x20 || (r >= 0x7F && r < 0xA0)))
            pos++;
        i += k;
    }
    strbuf b = STRBUF_INIT;
    strbuf_printf(&b, "syntax error: %s\n\t%s\n\t", msg, q);
    for (size_t i = 0; i < pos; i++)
        strbuf_addc(&b, ' ');
    strbuf_addc(&b, '^');
    return strbuf_detach(&b);   /* NULL: out of memory */
}

/* --------------------------------------------------------------- tokenizer */

typedef struct tok {
    int kind;                   /* 'w', 'q', 'r', 'A', 'O', an op char, 0 = end */
    int off;
    char *text;                 /* word (unquoted), regexp source; malloc'd */
} tok;

typedef struct lexer {
    const char *orig;
    size_t norig;
    char *err;                  /* first error (malloc'd) */
    bool oom;                   /* an allocation failed */
    int depth;                  /* "(" and "-" the parser is inside */
} lexer;

/* A tokenizer position is just an offset into the query. */
static void lex_error(lexer *lx, size_t pos, const char *msg)
{
    if (!lx->err) {
        lx->err = query_syntax_error(lx->orig, (int)pos, msg);
        if (!lx->err)
            lx->oom = true;
    }
}

/* lex_error_quoted records "WHAT \"TEXT\"" (Go: what + strconv.Quote(text),
   for the texts that reach it: tokens without '"' or '\\' escapes needed
   beyond the word itself) at pos, whatever the length of text. */
static void lex_error_quoted(lexer *lx, size_t pos, const char *what, const char *text)
{
    strbuf b = STRBUF_INIT;
    strbuf_printf(&b, "%s \"%s\"", what, text);
    if (!strbuf_ok(&b))
        lx->oom = true;
    else
        lex_error(lx, pos, strbuf_str(&b));
    strbuf_release(&b);
}

/* mk: a token of kind at off, its text a copy of s[0..n) (none when s is
   NULL; lx->oom when the copy fails). */
static tok mk(lexer *lx, int kind, size_t off, const char *s, size_t n)
{
    tok t = { kind, (int)off, NULL };
    if (s) {
        t.text = malloc(n + 1);
        if (t.text) {
            memcpy(t.text, s, n);
            t.text[n] = '\0';
        } else {
            lx->oom = true;
        }
    }
    return t;
}

/* go_unquote: strconv.Unquote of a double-quoted literal s[0..n) (quotes
   included).  Returns malloc'd text or NULL on a bad escape. */
static char *go_unquote(const char *s, size_t n, bool *oom)
{
    char *out = malloc(n + 1);
    size_t o = 0;
    if (!out) {
        *oom = true;
        return NULL;
    }
    for (size_t i = 1; i + 1 < n;) {
        unsigned char c = (unsigned char)s[i];
        if (c == '\n' || c == '"')
            goto bad;
        if (c != '\\') {
            out[o++] = (char)c;
            i++;
            continue;
        }
        if (i + 2 >= n)
            goto bad;
        char e = s[i + 1];
        i += 2;
        uint32_t r = 0;
        int digits = 0, base = 16;
        switch (e) {
        case 'a': out[o++] = '\a'; continue;
        case 'b': out[o++] = '\b'; continue;
        case 'f': out[o++] = '\f'; continue;
        case 'n': out[o++] = '\n'; continue;
        case 'r': out[o++] = '\r'; continue;
        case 't': out[o++] = '\t'; continue;
        case 'v': out[o++] = '\v'; continue;
        case '\\': out[o++] = '\\'; continue;
        case '"': out[o++] = '"'; continue;
        case 'x': digits = 2; break;
        case 'u': digits = 4; break;
        case 'U': digits = 8; break;
        default:
            if (e >= '0' && e <= '7') {
                base = 8;
                digits = 3;
                i--;
                break;
            }
            goto bad;
        }
        for (int d = 0; d < digits; d++, i++) {
            if (i + 1 >= n)
                goto bad;
            char h = s[i];
            int v;
            if (h >= '0' && h <= '9') v = h - '0';
            else if (base == 16 && (h | 0x20) >= 'a' && (h | 0x20) <= 'f') v = (h | 0x20) - 'a' + 10;
            else goto bad;
            if (v >= base)
                goto bad;
            r = r * (uint32_t)base + (uint32_t)v;
        }
        if (e == 'x' || base == 8) {
            if (r > 255)
                goto bad;
            out[o++] = (char)r;
            continue;
        }
        if (r > 0x10FFFF || (r >= 0xD800 && r <= 0xDFFF))
            goto bad;
        if (r < 0x80) out[o++] = (char)r;
        else if (r < 0x800) { out[o++] = (char)(0xC0 | r >> 6); out[o++] = (char)(0x80 | (r & 0x3F)); }
        else if (r < 0x10000) { out[o++] = (char)(0xE0 | r >> 12); out[o++] = (char)(0x80 | ((r >> 6) & 0x3F)); out[o++] = (char)(0x80 | (r & 0x3F)); }
        else { out[o++] = (char)(0xF0 | r >> 18); out[o++] = (char)(0x80 | ((r >> 12) & 0x3F)); out[o++] = (char)(0x80 | ((r >> 6) & 0x3F)); out[o++] = (char)(0x80 | (r & 0x3F)); }
    }
    out[o] = '\0';
    return out;
bad:
    free(out);
    return NULL;
}

/* re_compile: regcomp of a Go (RE2) regexp in its POSIX form
   (resyntax_posix: literal braces escaped, RE2's shorthands rewritten, a
   leading (?i) as REG_ICASE).  Returns regcomp's code (REG_ESPACE when out
   of memory). */
static int re_compile(regex_t *re, const char *go_src)
{
    bool icase;
    char *src = resyntax_posix(go_src, &icase);
    if (!src)
        return REG_ESPACE;
    int rc = regcomp(re, src, REG_EXTENDED | REG_NOSUB | (icase ? REG_ICASE : 0));
    free(src);
    return rc;
}

/* regexp_until: benchproc's regexpParseUntil(str, "/"): the length of the
   expression before a top-level '/', or -1. */
static long regexp_until(const char *s, size_t n)
{
    int cs = 0, cp = 0;
    for (size_t i = 0; i < n;) {
        if (cs == 0 && cp == 0 && s[i] == '/')
            return (long)i;
        switch (s[i]) {
        case '[': cs++; break;
        case ']': if (--cs < 0) cs = 0; break;
        case '(': if (cs == 0) cp++; break;
        case ')': if (cs == 0) cp--; break;
        case '\\': i++; break;
        }
        i++;
    }
    return -1;
}

/* next_tok: the token at *pos; *pos moves past it.  On error the lexer
   records it and returns the end token (positioned at the end). */
static tok next_tok(lexer *lx, size_t *pos, bool allow_re)
{
    const char *q = lx->orig;
    size_t n = lx->norig;
    while (*pos < n) {
        size_t p = *pos, k;
        unsigned char c = (unsigned char)q[p];
        if (is_start_op(c)) {
            *pos = p + 1;
            return mk(lx, c, p, q + p, 1);
        }
        if (c == ' ') {
            *pos = p + 1;
            continue;
        }
        uint32_t r = rune_at(q + p, n - p, &k);
        if (utf8_is_space(r)) {
            *pos = p + k;
            continue;
        }
        if (allow_re && c == '/') {
            long e = regexp_until(q + p + 1, n - p - 1);
            if (e < 0) {
                lex_error(lx, p, "missing close \"/\"");
                *pos = n;
                return mk(lx, 0, n, NULL, 0);
            }
            size_t rest = p + 1 + (size_t)e + 1;
            if (!(rest == n || utf8_is_space((unsigned char)q[rest]) || is_start_op((unsigned char)q[rest]))) {
                lex_error(lx, rest, "regexp must be followed by space or an operator (unescaped \"/\"?)");
                *pos = n;
                return mk(lx, 0, n, NULL, 0);
            }
            tok t = mk(lx, 'r', p, q + p + 1, (size_t)e);
            /* Go's syntax and limits first: regcomp knows no limits */
            char *why = NULL;
            if (t.text && resyntax_check(t.text, &why) != 0) {
                if (why)
                    lex_error(lx, p, why);
                else
                    lx->oom = true;
                free(why);
                free(t.text);
                *pos = n;
                return mk(lx, 0, n, NULL, 0);
            }
            regex_t re;
            int rc = t.text ? re_compile(&re, t.text) : REG_ESPACE;
            if (rc == REG_ESPACE)
                lx->oom = true;
            if (rc != 0) {
                char m[200], msg[260];
                if (t.text)
                    regerror(rc, &re, m, sizeof m);
                else
                    snprintf(m, sizeof m, "out of memory");
                snprintf(msg, sizeof msg, "error parsing regexp: %s", m);
                lex_error(lx, p, msg);
                free(t.text);
                *pos = n;
                return mk(lx, 0, n, NULL, 0);
            }
            regfree(&re);
            *pos = rest;
            return t;
        }
        if (c == '"') {
            size_t e = p + 1;
            while (e < n && (q[e] != '"' || q[e - 1] == '\\'))
                e++;
            if (e == n) {
                lex_error(lx, p, "missing end quote");
                *pos = n;
                return mk(lx, 0, n, NULL, 0);
            }
            char *w = go_unquote(q + p, e - p + 1, &lx->oom);
            if (!w) {
                lex_error(lx, p, "bad escape sequence");
                *pos = n;
                return mk(lx, 0, n, NULL, 0);
            }
            tok t = { 'q', (int)p, w };
            *pos = e + 1;
            return t;
        }
        /* bare word: up to a space or an operator */
        size_t e = p;
        while (e < n) {
            uint32_t rr = rune_at(q + e, n - e, &k);
            if (utf8_is_space(rr) || is_op(rr))
                break;
            e += k;
        }
        *pos = e;
        if (e - p == 3 && memcmp(q + p, "AND", 3) == 0)
            return mk(lx, 'A', p, q + p, 3);
        if (e - p == 2 && memcmp(q + p, "OR", 2) == 0)
            return mk(lx, 'O', p, q + p, 2);
        return mk(lx, 'w', p, q + p, e - p);
    }
    return mk(lx, 0, n, NULL, 0);
}

/* peek: the next token kind and where it ends, without keeping it. */
static int peek(lexer *lx, size_t pos, size_t *after, bool allow_re)
{
    /* like Go's tokenizer, a lexing error met while peeking is recorded */
    tok t = next_tok(lx, &pos, allow_re);
    free(t.text);
    if (after)
        *after = pos;
    return t.kind;
}

/* tok_end: tokenizer.end() -- anything left is "unexpected". */
static void tok_end(lexer *lx, size_t pos)
{
    size_t p = pos;
    tok t = next_tok(lx, &p, false);
    if (t.kind != 0)    /* the error points at where the tokenizer stood */
        lex_error_quoted(lx, pos, "unexpected", t.text ? t.text : "");
    free(t.text);
}

/* ------------------------------------------------------------------ filter */

/* node_new: an empty node of op (the caller owns it); NULL and lx->oom
   when out of memory. */
static query_node *node_new(lexer *lx, query_op op)
{
    query_node *n = calloc(1, sizeof *n);
    if (n)
        n->op = op;
    else
        lx->oom = true;
    return n;
}

/* node_add: k becomes p's last child (p owns it).  A NULL k (its parse
   failed) is dropped, and is out of memory unless an error was recorded;
   when p cannot grow, k is freed and lx->oom set. */
static void node_add(lexer *lx, query_node *p, query_node *k)
{
    if (!k) {
        lx->oom = lx->oom || !lx->err;
        return;
    }
    if (vec_reserve(&p->kids, &p->kids_cap, p->nkids + 1, sizeof *p->kids) != 0) {
        query_free(k);
        lx->oom = true;
        return;
    }
    p->kids[p->nkids++] = k;
}

/* query_free: see query.h. */
void query_free(query_node *n)
{
    if (!n)
        return;
    for (size_t i = 0; i < n->nkids; i++)
        query_free(n->kids[i]);
    free(n->kids);
    free(n->key);
    free(n->lit);
    if (n->has_re)
        regfree(&n->re);
    free(n);
}

/* mk_match: the MATCH node key:val (a regexp compiled again, a word
   copied as the literal; val stays the caller's).  NULL when the node
   cannot be allocated; a copy or compile that fails sets lx->oom. */
static query_node *mk_match(lexer *lx, const char *key, int off, tok *val)
{
    query_node *m = node_new(lx, QUERY_MATCH);
    if (!m)
        return NULL;
    m->key = strdup(key ? key : "");
    m->off = off;
    if (!m->key)
        lx->oom = true;
    if (val->kind == 'r') {
        int rc = val->text ? re_compile(&m->re, val->text) : REG_ESPACE;
        if (rc == 0)
            m->has_re = true;
        else
            lx->oom = true;     /* it compiled in the tokenizer: only memory can fail */
    } else {
        m->lit = strdup(val->text ? val->text : "");
        if (!m->lit)
            lx->oom = true;
    }
    return m;
}

static query_node *p_expr(lexer *lx, size_t *pos);

/* p_match parses one match (benchproc's parseMatch).  It recurses for "("
   and "-"; lx->depth bounds that at QUERY_MAX_DEPTH, so no query can run
   the stack out (benchproc has no limit, Go's stack grows to 1 GB). */
static query_node *p_match(lexer *lx, size_t *pos)
{
    size_t start = *pos;
    tok t = next_tok(lx, pos, false);
    query_node *q = NULL;
    if ((t.kind == '(' || t.kind == '-') && lx->depth >= QUERY_MAX_DEPTH) {
        lex_error(lx, start, "expression nests too deeply");
        *pos = lx->norig;
        free(t.text);
        return NULL;
    }
    lx->depth++;
    switch (t.kind) {
    case '(': {
        q = p_expr(lx, pos);
        size_t after;
        if (peek(lx, *pos, &after, false) != ')') {
            lex_error(lx, *pos, "missing \")\"");
            *pos = lx->norig;
        } else {
            *pos = after;
        }
        break;
    }
    case '-': {
        query_node *k = p_match(lx, pos);
        q = node_new(lx, QUERY_NOT);
        if (q)
            node_add(lx, q, k ? k : node_new(lx, QUERY_AND));
        break;
    }
    case '*':
        q = node_new(lx, QUERY_AND);
        break;
    case 'w':
    case 'q': {
        size_t after;
        if (peek(lx, *pos, &after, false) != ':') {
            lex_error(lx, start, "expected key:value");
            *pos = lx->norig;
            break;
        }
        *pos = after;
        tok v = next_tok(lx, pos, true);
        if (v.kind == 'w' || v.kind == 'q' || v.kind == 'r') {
            q = mk_match(lx, t.text, t.off, &v);
        } else if (v.kind == '(') {
            q = node_new(lx, QUERY_OR);
            for (;;) {
                size_t here = *pos;
                tok w = next_tok(lx, pos, true);
                if (w.kind != 'w' && w.kind != 'q' && w.kind != 'r') {
                    free(w.text);
                    lex_error(lx, here, "expected value");
                    *pos = lx->norig;
                    break;
                }
                if (q)
                    node_add(lx, q, mk_match(lx, t.text, t.off, &w));
                free(w.text);
                here = *pos;
                tok sep = next_tok(lx, pos, true);
                free(sep.text);
                if (sep.kind == ')')
                    break;
                if (sep.kind != 'O') {
                    lex_error(lx, here, "value list must be separated by OR");
                    *pos = lx->norig;
                    break;
                }
            }
        } else {
            lex_error(lx, start, "expected key:value");
            *pos = lx->norig;
        }
        free(v.text);
        break;
    }
    default:
        lex_error(lx, start, "expected key:value or subexpression");
        *pos = lx->norig;
        break;
    }
    lx->depth--;
    free(t.text);
    return q;
}

/* unexpected records "unexpected \"TOKEN\"" for the token at pos.  Kept
   out of line so that its buffer is not in every frame of the recursive
   parser. */
static __attribute__((noinline)) void unexpected(lexer *lx, size_t pos)
{
    size_t p = pos;
    tok t = next_tok(lx, &p, false);
    lex_error_quoted(lx, pos, "unexpected", t.text ? t.text : "");
    free(t.text);
}

/* join: the AND or OR node acc (op) with q appended; when acc is still
   NULL (q is the second operand) it is made first, holding first.  An
   operand that is NULL (an error met while parsing it) is added as an
   empty AND.  Returns acc, NULL when out of memory (lx->oom). */
static query_node *join(lexer *lx, query_node *acc, query_op op, query_node *first, query_node *q)
{
    if (!acc) {
        acc = node_new(lx, op);
        if (acc)
            node_add(lx, acc, first ? first : node_new(lx, QUERY_AND));
    }
    if (acc)
        node_add(lx, acc, q ? q : node_new(lx, QUERY_AND));
    return acc;
}

/* p_and: operands side by side (or joined by AND) as one AND node, or the
   single operand itself. */
static query_node *p_and(lexer *lx, size_t *pos)
{
    query_node *first = p_match(lx, pos);
    query_node *and = NULL;
    for (;;) {
        size_t after;
        int k = peek(lx, *pos, &after, false);
        if (k == 'A') {
            *pos = after;
            continue;
        }
        if (k == '(' || k == '-' || k == '*' || k == 'w' || k == 'q') {
            query_node *q = p_match(lx, pos);
            and = join(lx, and, QUERY_AND, first, q);
            continue;
        }
        if (k == ')' || k == 'O' || k == 0)
            break;
        /* an operator that cannot continue an expression */
        unexpected(lx, *pos);
        *pos = lx->norig;
        break;
    }
    return and ? and : first;
}

/* p_expr: AND expressions joined by OR as one OR node, or the single
   one itself. */
static query_node *p_expr(lexer *lx, size_t *pos)
{
    query_node *first = p_and(lx, pos), *or = NULL;
    for (;;) {
        size_t after;
        if (peek(lx, *pos, &after, false) != 'O')
            break;
        *pos = after;
        query_node *q = p_and(lx, pos);
        or = join(lx, or, QUERY_OR, first, q);
    }
    return or ? or : first;
}

/* query_filter_parse: see query.h. */
query_node *query_filter_parse(const char *q, char **err)
{
    lexer lx = { q, strlen(q), NULL, false, 0 };
    size_t pos = 0;
    query_node *n = p_expr(&lx, &pos);
    tok_end(&lx, pos);
    if (lx.oom || lx.err || !n) {
        query_free(n);
        *err = lx.oom ? NULL : lx.err;
        if (lx.oom)
            free(lx.err);
        return NULL;
    }
    *err = NULL;
    return n;
}

/* -------------------------------------------------------------- projection */

/* query_fields_free: see query.h. */
void query_fields_free(query_field *f, size_t n)
{
    if (!f)
        return;
    for (size_t i = 0; i < n; i++) {
        free(f[i].key);
        free(f[i].order_name);
        strlist_release(&f[i].fixed);
    }
    free(f);
}

/* query_projection_parse: see query.h. */
int query_projection_parse(const char *q, query_field **fields, size_t *nfields, char **err)
{
    lexer lx = { q, strlen(q), NULL, false, 0 };
    size_t pos = 0, n = 0, cap = 0;
    query_field *fs = NULL;
    for (;;) {
        size_t after;
        int k = peek(&lx, pos, &after, false);
        if (k == 0)
            break;
        if (k == ',' && n > 0)
            pos = after;
        if (vec_reserve(&fs, &cap, n + 1, sizeof *fs) != 0) {
            lx.oom = true;
            break;
        }
        query_field *f = &fs[n++];
        memset(f, 0, sizeof *f);
        /* key */
        size_t here = pos;
        tok key = next_tok(&lx, &pos, false);
        if (key.kind != 'w' && key.kind != 'q') {
            free(key.text);
            lex_error(&lx, here, "expected key");
            pos = lx.norig;
            break;
        }
        f->key = key.text;
        f->key_off = key.off;
        f->order = QUERY_FIRST;
        if (!key.text) {        /* lx.oom is set */
            pos = lx.norig;
            break;
        }
        f->order_off = key.off + (int)strlen(key.text);
        if (peek(&lx, pos, &after, false) != '@')
            continue;
        pos = after;
        here = pos;
        tok ord = next_tok(&lx, &pos, false);
        f->order_off = ord.off;
        if (ord.kind == 'w' || ord.kind == 'q') {
            f->order = QUERY_NAMED;
            f->order_name = ord.text;
            if (!ord.text) {
                pos = lx.norig;
                break;
            }
            continue;
        }
        if (ord.kind == '(') {
            free(ord.text);
            f->order = QUERY_FIXED;
            for (;;) {
                size_t at = pos;
                tok w = next_tok(&lx, &at, false);
                if ((w.kind == 'w' || w.kind == 'q') && !w.text) {
                    pos = lx.norig;
                    break;
                }
                if (w.kind == 'w' || w.kind == 'q') {
                    if (strlist_push_owned(&f->fixed, w.text) != 0) {
                        free(w.text);
                        lx.oom = true;
                        break;
                    }
                    pos = at;
                } else if (w.kind == ')') {
                    free(w.text);
                    if (f->fixed.n == 0) {
                        lex_error(&lx, pos, "nothing to match");
                        pos = lx.norig;
                    } else {
                        pos = at;
                    }
                    break;
                } else {
                    free(w.text);
                    lex_error(&lx, pos, "missing )");
                    pos = lx.norig;
                    break;
                }
            }
            continue;
        }
        free(ord.text);
        lex_error(&lx, here, "expected named sort order or parenthesized list");
        pos = lx.norig;
        break;
    }
    tok_end(&lx, pos);
    if (lx.oom || lx.err) {
        query_fields_free(fs, n);
        *err = lx.oom ? NULL : lx.err;
        if (lx.oom)
            free(lx.err);
        return -1;
    }
    *fields = fs;
    *nfields = n;
    *err = NULL;
    return 0;
}
