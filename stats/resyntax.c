/*
 * resyntax.c -- Go's regexp/syntax parse-time checks (parse.go: parse,
 * repeat, repeatIsValid, checkSize, checkHeight, parseClass, parseEscape,
 * parsePerlFlags, parseUnicodeClass), without building Go's tree: one pass
 * over the pattern with an explicit stack of open groups, keeping for each
 * finished piece only what the limits need (compiled size, height, and the
 * product of its nested repeat counts).  See resyntax.h.
 */
#include "resyntax.h"
#include "strbuf.h"
#include "utf8.h"
#include "vec.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Go's limits (regexp/syntax parse.go: maxRepeat, maxHeight, maxSize). */
enum { MAX_REPEAT = 1000, MAX_HEIGHT = 1000 };
#define MAX_SIZE ((int64_t)(128 << 20) / 40)
/* Sizes and products saturate here: far above every limit, far below
   overflow. */
#define BIG ((int64_t)1 << 40)

/* What the limits need of one parsed piece. */
typedef struct piece {
    int64_t size;               /* calcSize: instructions it compiles to */
    int64_t prod;               /* product of nested repeat counts (repeatIsValid) */
    int64_t height;             /* calcHeight */
} piece;

/* One open group (or the whole pattern, at the bottom of the stack). */
typedef struct frame {
    bool capture;               /* "(" or "(?P<name>": OpCapture around it */
    int64_t nalt;               /* finished alternatives, and their sum/max */
    int64_t alt_size, alt_prod, alt_height;
    int64_t ncat;               /* pieces of the current alternative */
    int64_t cat_size, cat_prod, cat_height;
    bool cat_last_lit;          /* its last piece is a literal (merges on) */
    bool has_last, last_lit;    /* the piece a repetition would apply to */
    piece last;
} frame;

typedef struct checker {
    const char *re;
    size_t n;
    frame *st;                  /* open groups; st[0] is the whole pattern */
    size_t nst, cap;
    char *msg;                  /* the error, once there is one */
    bool failed;
} checker;

/* sat: v, saturated at BIG (a size or height past every limit). */
static int64_t sat(int64_t v)
{
    return v > BIG ? BIG : v;
}

/* sat_mul: a * b (a, b >= 0), saturated at BIG. */
static int64_t sat_mul(int64_t a, int64_t b)
{
    return (a != 0 && b > BIG / a) ? BIG : sat(a * b);
}

/* fail records Go's syntax.Error text for code and the expression
   re[from..to); returns -1. */
static int fail(checker *c, const char *code, size_t from, size_t to)
{
    strbuf b = STRBUF_INIT;
    c->failed = true;
    strbuf_printf(&b, "error parsing regexp: %s: `%.*s`", code, (int)(to - from), c->re + from);
    c->msg = strbuf_detach(&b);     /* NULL: out of memory */
    return -1;
}

/* check_piece is Go's checkLimits for a new node: size, then height. */
static int check_piece(checker *c, const piece *p)
{
    if (p->size > MAX_SIZE)
        return fail(c, "expression too large", 0, c->n);
    if (p->height > MAX_HEIGHT)
        return fail(c, "expression nests too deeply", 0, c->n);
    return 0;
}

/* commit moves the pending piece of f into its concatenation; adjacent
   literals merge into one node, as Go's maybeConcat merges them. */
static void commit(frame *f)
{
    if (!f->has_last)
        return;
    if (f->last_lit && f->cat_last_lit) {
        f->cat_size = sat(f->cat_size + f->last.size);
    } else {
        f->ncat++;
        f->cat_size = sat(f->cat_size + f->last.size);
        if (f->last.prod > f->cat_prod)
            f->cat_prod = f->last.prod;
        if (f->last.height > f->cat_height)
            f->cat_height = f->last.height;
    }
    f->cat_last_lit = f->last_lit;
    f->has_last = false;
}

/* push adds a piece (a literal rune when lit) to the top group. */
static int push(checker *c, piece p, bool lit)
{
    frame *f = &c->st[c->nst - 1];
    if (check_piece(c, &p) != 0)
        return -1;
    commit(f);
    f->has_last = true;
    f->last_lit = lit;
    f->last = p;
    return 0;
}

/* push_one adds a piece of one instruction (a rune, a class, ".") to the
   top group. */
static int push_one(checker *c, bool lit)
{
    piece p = { 1, 1, 1 };
    return push(c, p, lit);
}

/* end_alternative closes the current alternative of f (Go's concat). */
static int end_alternative(checker *c, frame *f)
{
    piece p;
    commit(f);
    if (f->ncat == 0)
        p = (piece){ 1, 1, 1 };                         /* OpEmptyMatch */
    else if (f->ncat == 1)
        p = (piece){ f->cat_size < 1 ? 1 : f->cat_size, f->cat_prod, f->cat_height };
    else
        p = (piece){ f->cat_size < 1 ? 1 : f->cat_size, f->cat_prod, f->cat_height + 1 };
    if (check_piece(c, &p) != 0)
        return -1;
    f->nalt++;
    f->alt_size = sat(f->alt_size + p.size);
    if (p.prod > f->alt_prod)
        f->alt_prod = p.prod;
    if (p.height > f->alt_height)
        f->alt_height = p.height;
    f->ncat = f->cat_size = f->cat_height = 0;
    f->cat_prod = 1;
    f->cat_last_lit = false;
    return 0;
}

/* close_frame ends f's last alternative and sets *out to the whole group
   (Go's alternate, then OpCapture for a capturing group). */
static int close_frame(checker *c, frame *f, piece *out)
{
    if (end_alternative(c, f) != 0)
        return -1;
    piece p = { f->alt_size, f->alt_prod, f->alt_height };
    if (f->nalt > 1) {
        p.size = sat(p.size + f->nalt - 1);
        p.height++;
        if (check_piece(c, &p) != 0)
            return -1;
    }
    if (f->capture) {
        p.size = sat(p.size + 2);
        p.height++;
    }
    *out = p;
    return 0;
}

/* open_frame starts a group. */
static int open_frame(checker *c, bool capture)
{
    if (vec_reserve(&c->st, &c->cap, c->nst + 1, sizeof *c->st) != 0) {
        c->failed = true;           /* msg stays NULL: out of memory */
        return -1;
    }
    frame *f = &c->st[c->nst++];
    memset(f, 0, sizeof *f);
    f->capture = capture;
    f->alt_prod = f->cat_prod = 1;
    return 0;
}

/* next_rune decodes the rune at *i (advancing it); an invalid byte is
   Go's ErrInvalidUTF8 with the rest of the pattern as the expression. */
static int next_rune(checker *c, size_t *i, uint32_t *r)
{
    size_t k;
    if (*i >= c->n) {               /* Go: RuneError, no error */
        *r = 0xFFFD;
        return 0;
    }
    *r = utf8_decode((const unsigned char *)c->re + *i, c->n - *i, &k);
    if (*r == 0xFFFD && k == 1)
        return fail(c, "invalid UTF-8", *i, c->n);
    *i += k;
    return 0;
}

/* is_alnum: an ASCII letter or digit. */
static bool is_alnum(uint32_t r)
{
    return (r >= '0' && r <= '9') || (r >= 'A' && r <= 'Z') || (r >= 'a' && r <= 'z');
}

/* unhex: the value of hex digit r, or -1. */
static int unhex(uint32_t r)
{
    if (r >= '0' && r <= '9') return (int)(r - '0');
    if (r >= 'a' && r <= 'f') return (int)(r - 'a' + 10);
    if (r >= 'A' && r <= 'F') return (int)(r - 'A' + 10);
    return -1;
}

/* parse_escape is Go's parseEscape at re[*i] == '\\': the rune in *r,
   *i past the escape. */
static int parse_escape(checker *c, size_t *i, uint32_t *r)
{
    size_t s = *i, t = s + 1;
    uint32_t ch;
    if (t >= c->n)
        return fail(c, "trailing backslash at end of expression", 0, 0);
    if (next_rune(c, &t, &ch) != 0)
        return -1;
    switch (ch) {
    case '1': case '2': case '3': case '4': case '5': case '6': case '7':
        if (t >= c->n || c->re[t] < '0' || c->re[t] > '7')
            break;          /* a backreference: not supported */
        /* fall through */
    case '0':
        *r = ch - '0';
        for (int k = 1; k < 3 && t < c->n && c->re[t] >= '0' && c->re[t] <= '7'; k++, t++)
            *r = *r * 8 + (uint32_t)(c->re[t] - '0');
        *i = t;
        return 0;
    case 'x': {
        if (t >= c->n)
            break;
        if (next_rune(c, &t, &ch) != 0)
            return -1;
        if (ch == '{') {
            int nhex = 0;
            uint32_t v = 0;
            for (;;) {
                if (t >= c->n)
                    goto bad;
                if (next_rune(c, &t, &ch) != 0)
                    return -1;
                if (ch == '}')
                    break;
                int h = unhex(ch);
                if (h < 0)
                    goto bad;
                v = v * 16 + (uint32_t)h;
                if (v > 0x10FFFF)
                    goto bad;
                nhex++;
            }
            if (nhex == 0)
                goto bad;
            *r = v;
            *i = t;
            return 0;
        }
        int x = unhex(ch);
        if (next_rune(c, &t, &ch) != 0)
            return -1;
        int y = unhex(ch);
        if (x < 0 || y < 0)
            break;
        *r = (uint32_t)(x * 16 + y);
        *i = t;
        return 0;
    }
    case 'a': case 'f': case 'n': case 'r': case 't': case 'v':
        *r = ch;
        *i = t;
        return 0;
    default:
        if (ch < 0x80 && !is_alnum(ch)) {
            *r = ch;
            *i = t;
            return 0;
        }
        break;
    }
bad:
    return fail(c, "invalid escape sequence", s, t);
}

/* unicode_class is Go's parseUnicodeClass at re[*i] == '\\' followed by
   'p' or 'P': *i moves past it.  The name itself is not checked (see
   resyntax.h) beyond being present. */
static int unicode_class(checker *c, size_t *i)
{
    size_t s = *i, t = s + 2;
    uint32_t ch;
    if (next_rune(c, &t, &ch) != 0)
        return -1;
    size_t name, name_end, seq_end;
    if (ch != '{') {
        seq_end = t;
        name = s + 2;
        name_end = t;
        if (s + 2 >= c->n)      /* "\p" at the end: an empty name */
            name_end = name;
    } else {
        const char *close = memchr(c->re + s, '}', c->n - s);
        if (!close) {
            size_t k = s;
            uint32_t r;
            while (k < c->n)
                if (next_rune(c, &k, &r) != 0)
                    return -1;
            return fail(c, "invalid character class range", s, c->n);
        }
        seq_end = (size_t)(close - c->re) + 1;
        name = s + 3;
        name_end = seq_end - 1;
        for (size_t k = name; k < name_end;) {
            uint32_t r;
            if (next_rune(c, &k, &r) != 0)
                return -1;
        }
    }
    if (name < name_end && c->re[name] == '^')
        name++;
    if (name >= name_end)
        return fail(c, "invalid character class range", s, seq_end);
    *i = seq_end;
    return 0;
}

/* is_perl_class: re[i..] starts with one of \d \D \s \S \w \W. */
static bool is_perl_class(const checker *c, size_t i)
{
    if (i + 1 >= c->n || c->re[i] != '\\')
        return false;
    return strchr("dDsSwW", c->re[i + 1]) != NULL && c->re[i + 1] != '\0';
}

/* POSIX class names Go knows ([:alpha:], [:^alpha:]). */
static bool posix_class_ok(const char *s, size_t n)
{
    static const char *const names[] = {
        "alnum", "alpha", "ascii", "blank", "cntrl", "digit", "graph",
        "lower", "print", "punct", "space", "upper", "word", "xdigit",
    };
    /* s is "[:name:]" or "[:^name:]" */
    size_t from = 2, len = n - 4;
    if (len > 0 && s[2] == '^') {
        from++;
        len--;
    }
    for (size_t k = 0; k < sizeof names / sizeof names[0]; k++)
        if (strlen(names[k]) == len && memcmp(names[k], s + from, len) == 0)
            return true;
    return false;
}

/* class_char is Go's parseClassChar. */
static int class_char(checker *c, size_t *t, size_t whole, uint32_t *r)
{
    if (*t >= c->n)
        return fail(c, "missing closing ]", whole, c->n);
    if (c->re[*t] == '\\')
        return parse_escape(c, t, r);
    return next_rune(c, t, r);
}

/* parse_class is Go's parseClass at re[*i] == '['. */
static int parse_class(checker *c, size_t *i)
{
    size_t s = *i, t = s + 1;
    if (t < c->n && c->re[t] == '^')
        t++;
    bool first = true;
    while (t >= c->n || c->re[t] != ']' || first) {
        first = false;
        if (c->n - t > 2 && c->re[t] == '[' && c->re[t + 1] == ':') {
            const char *e = NULL;
            for (size_t k = t + 2; k + 1 < c->n; k++)
                if (c->re[k] == ':' && c->re[k + 1] == ']') {
                    e = c->re + k;
                    break;
                }
            if (e) {
                size_t end = (size_t)(e - c->re) + 2;
                if (!posix_class_ok(c->re + t, end - t))
                    return fail(c, "invalid character class range", t, end);
                t = end;
                continue;
            }
        }
        if (t + 1 < c->n && c->re[t] == '\\' && (c->re[t + 1] == 'p' || c->re[t + 1] == 'P')) {
            if (unicode_class(c, &t) != 0)
                return -1;
            continue;
        }
        if (is_perl_class(c, t)) {
            t += 2;
            continue;
        }
        size_t rng = t;
        uint32_t lo, hi;
        if (class_char(c, &t, s, &lo) != 0)
            return -1;
        hi = lo;
        if (c->n - t >= 2 && t < c->n && c->re[t] == '-' && c->re[t + 1] != ']') {
            t++;
            if (class_char(c, &t, s, &hi) != 0)
                return -1;
            if (hi < lo)
                return fail(c, "invalid character class range", rng, t);
        }
    }
    *i = t + 1;
    return 0;
}

/* parse_int is Go's parser.parseInt at re[*t]: false when there is no
   number (or it has leading zeros); *v is -1 when it is 1e8 or more. */
static bool parse_int(const checker *c, size_t *t, long *v)
{
    size_t k = *t;
    if (k >= c->n || c->re[k] < '0' || c->re[k] > '9')
        return false;
    if (c->n - k >= 2 && c->re[k] == '0' && c->re[k + 1] >= '0' && c->re[k + 1] <= '9')
        return false;
    *v = 0;
    for (; k < c->n && c->re[k] >= '0' && c->re[k] <= '9'; k++) {
        if (*v >= 100000000 || *v < 0)
            *v = -1;
        else
            *v = *v * 10 + (c->re[k] - '0');
    }
    *t = k;
    return true;
}

/* parse_repeat is Go's parseRepeat at re[*t] == '{': {min}, {min,},
   {min,max}; false when it is not of that form ('{' is then a literal). */
static bool parse_repeat(const checker *c, size_t *t, long *min, long *max)
{
    size_t k = *t + 1;
    if (!parse_int(c, &k, min) || k >= c->n)
        return false;
    if (c->re[k] != ',') {
        *max = *min;
    } else {
        k++;
        if (k >= c->n)
            return false;
        if (c->re[k] == '}') {
            *max = -1;
        } else {
            if (!parse_int(c, &k, max))
                return false;
            if (*max < 0)
                *min = -1;
        }
    }
    if (k >= c->n || c->re[k] != '}')
        return false;
    *t = k + 1;
    return true;
}

/* repeat is Go's parser.repeat: op '*', '+', '?' or '{' (min, max) applied
   to the pending piece; the operator is re[before..*after), and *after
   moves past a non-greedy '?'.  last_repeat is where the previous
   repetition operator began when it immediately precedes (SIZE_MAX: it
   does not). */
static int repeat(checker *c, int op, long min, long max, size_t before,
                  size_t *after, size_t last_repeat)
{
    if (*after < c->n && c->re[*after] == '?')
        ++*after;
    if (last_repeat != SIZE_MAX)
        return fail(c, "invalid nested repetition operator", last_repeat, *after);
    frame *f = &c->st[c->nst - 1];
    if (!f->has_last)
        return fail(c, "missing argument to repetition operator", before, *after);
    piece sub = f->last, p;
    p.height = sub.height + 1;
    p.prod = sub.prod;
    switch (op) {
    case '*':
        p.size = sat(2 + sub.size);
        break;
    case '+':
    case '?':
        p.size = sat(1 + sub.size);
        break;
    default:
        if (max == -1)
            p.size = min == 0 ? sat(2 + sub.size) : sat(1 + sat_mul(min, sub.size));
        else
            p.size = sat(sat_mul(max, sub.size) + (max - min));
        if (p.size < 1)
            p.size = 1;
        /* repeatIsValid: a count of 0 ends the walk; {n,} counts n */
        long m = max == -1 ? min : max;
        if (max == 0)
            p.prod = 1;
        else if (m > 0)
            p.prod = sat_mul(m, sub.prod);
        break;
    }
    if (check_piece(c, &p) != 0)
        return -1;
    if (op == '{' && (min >= 2 || max >= 2) && p.prod > MAX_REPEAT)
        return fail(c, "invalid repeat count", before, *after);
    f->last = p;
    f->last_lit = false;
    return 0;
}

/* perl_flags is Go's parsePerlFlags at re[*i] == '(' , re[*i+1] == '?':
   a named capture, a non-capturing group, or flags. */
static int perl_flags(checker *c, size_t *i)
{
    size_t s = *i, n = c->n;
    const char *t = c->re + s;
    bool with_p = n - s > 4 && t[2] == 'P' && t[3] == '<';
    bool with_name = n - s > 3 && t[2] == '<';
    if (with_p || with_name) {
        size_t start = with_p ? 4 : 3;
        const char *gt = memchr(t, '>', n - s);
        if (!gt) {
            for (size_t k = s; k < n;) {
                uint32_t r;
                if (next_rune(c, &k, &r) != 0)
                    return -1;
            }
            return fail(c, "invalid named capture", s, n);
        }
        size_t end = (size_t)(gt - c->re);
        bool valid = end > s + start;
        for (size_t k = s + start; k < end;) {
            uint32_t r;
            if (next_rune(c, &k, &r) != 0)
                return -1;
            if (r != '_' && !is_alnum(r))
                valid = false;
        }
        if (!valid)
            return fail(c, "invalid named capture", s, end + 1);
        *i = end + 1;
        return open_frame(c, true);
    }
    size_t k = s + 2;
    int sign = 1;
    bool saw = false;
    while (k < n) {
        uint32_t r;
        if (next_rune(c, &k, &r) != 0)
            return -1;
        if (r == 'i' || r == 'm' || r == 's' || r == 'U') {
            saw = true;
            continue;
        }
        if (r == '-') {
            if (sign < 0)
                break;
            sign = -1;
            saw = false;
            continue;
        }
        if (r == ':' || r == ')') {
            if (sign < 0 && !saw)
                break;
            *i = k;
            return r == ':' ? open_frame(c, false) : 0;
        }
        break;
    }
    return fail(c, "invalid or unsupported Perl syntax", s, k);
}

/* parse_one handles the token at *i; *rep is set to where it began when
   it is a repetition operator.  0, or -1 on an error. */
static int parse_one(checker *c, size_t *i, size_t last_repeat, size_t *rep)
{
    const char *re = c->re;
    size_t n = c->n;
    uint32_t r;
    switch (re[*i]) {
    case '(':
        if (*i + 1 < n && re[*i + 1] == '?')
            return perl_flags(c, i);
        ++*i;
        return open_frame(c, true);
    case '|':
        ++*i;
        return end_alternative(c, &c->st[c->nst - 1]);
    case ')': {
        if (c->nst < 2)
            return fail(c, "unexpected )", 0, n);
        piece p;
        if (close_frame(c, &c->st[c->nst - 1], &p) != 0)
            return -1;
        c->nst--;
        ++*i;
        return push(c, p, false);
    }
    case '^': case '$': case '.':
        ++*i;
        return push_one(c, false);
    case '[':
        if (parse_class(c, i) != 0)
            return -1;
        return push_one(c, false);
    case '*': case '+': case '?': {
        size_t before = *i, after = *i + 1;
        if (repeat(c, re[*i], 0, 0, before, &after, last_repeat) != 0)
            return -1;
        *rep = before;
        *i = after;
        return 0;
    }
    case '{': {
        size_t before = *i, after = *i;
        long min, max;
        if (!parse_repeat(c, &after, &min, &max)) {
            ++*i;
            return push_one(c, true);       /* '{' is a literal */
        }
        if (min < 0 || min > MAX_REPEAT || max > MAX_REPEAT || (max >= 0 && min > max))
            return fail(c, "invalid repeat count", before, after);
        if (repeat(c, '{', min, max, before, &after, last_repeat) != 0)
            return -1;
        *rep = before;
        *i = after;
        return 0;
    }
    case '\\':
        if (*i + 1 < n) {
            switch (re[*i + 1]) {
            case 'A': case 'b': case 'B': case 'z':
                *i += 2;
                return push_one(c, false);
            case 'C':
                return fail(c, "invalid escape sequence", *i, *i + 2);
            case 'Q': {
                size_t k = *i + 2, end = n, next = n;
                for (size_t j = k; j + 1 < n; j++)
                    if (re[j] == '\\' && re[j + 1] == 'E') {
                        end = j;
                        next = j + 2;
                        break;
                    }
                c->n = end;             /* an invalid byte's expression ends at \E */
                while (k < end) {
                    if (next_rune(c, &k, &r) != 0 || push_one(c, true) != 0) {
                        c->n = n;
                        return -1;
                    }
                }
                c->n = n;
                *i = next;
                return 0;
            }
            case 'p': case 'P':
                if (unicode_class(c, i) != 0)
                    return -1;
                return push_one(c, false);
            }
        }
        if (is_perl_class(c, *i)) {
            *i += 2;
            return push_one(c, false);
        }
        if (parse_escape(c, i, &r) != 0)
            return -1;
        return push_one(c, true);
    default:
        if (next_rune(c, i, &r) != 0)
            return -1;
        return push_one(c, true);
    }
}

/* resyntax_check: see resyntax.h. */
int resyntax_check(const char *re, char **msg)
{
    checker c = { re, strlen(re), NULL, 0, 0, NULL, false };
    size_t i = 0, last_repeat = SIZE_MAX;
    piece whole;
    *msg = NULL;
    if (open_frame(&c, false) != 0)
        return -1;
    while (i < c.n) {
        size_t rep = SIZE_MAX;
        if (parse_one(&c, &i, last_repeat, &rep) != 0)
            goto out;
        last_repeat = rep;
    }
    if (close_frame(&c, &c.st[c.nst - 1], &whole) != 0)
        goto out;
    if (c.nst != 1)
        fail(&c, "missing closing )", 0, c.n);
out:
    free(c.st);
    if (c.failed) {
        *msg = c.msg;
        return -1;
    }
    return 0;
}

/* shorthand: the POSIX text of RE2's class escape \e (d, D, w, W, s, S)
   outside or inside a bracket expression, or NULL to keep "\e" as it is
   (another escape, or a negated class inside brackets). */
static const char *shorthand(char e, bool in_class)
{
    switch (e) {
    case 'd': return in_class ? "0-9" : "[0-9]";
    case 'D': return in_class ? NULL : "[^0-9]";
    case 'w': return in_class ? "0-9A-Za-z_" : "[0-9A-Za-z_]";
    case 'W': return in_class ? NULL : "[^0-9A-Za-z_]";
    case 's': return in_class ? "[:space:]" : "[[:space:]]";
    case 'S': return in_class ? NULL : "[^[:space:]]";
    }
    return NULL;
}

/* resyntax_posix: see resyntax.h.  Character classes are followed as Go's
   parseClass reads them: a leading '^' and ']' are literal, "[:name:]" is
   one item, a backslash escapes the next byte. */
char *resyntax_posix(const char *re, bool *icase)
{
    size_t n = strlen(re), i = 0, o = 0;
    /* the most a byte grows: "\W" (2 bytes) becomes "[^0-9A-Za-z_]" (13) */
    char *out = malloc(7 * n + 1);
    if (!out)
        return NULL;
    *icase = false;
    if (strncmp(re, "(?i)", 4) == 0) {
        *icase = true;
        i = 4;
    }
    checker c = { re, n, NULL, 0, 0, NULL, false };
    bool in_class = false;
    for (; i < n; i++) {
        char ch = re[i];
        if (ch == '\\' && i + 1 < n) {
            const char *rep = shorthand(re[i + 1], in_class);
            if (rep) {
                size_t l = strlen(rep);
                memcpy(out + o, rep, l);
                o += l;
                i++;
                continue;
            }
            out[o++] = ch;
            out[o++] = re[++i];
            continue;
        }
        if (in_class) {
            if (ch == '[' && i + 1 < n && re[i + 1] == ':') {
                const char *end = strstr(re + i + 2, ":]");
                if (end) {
                    size_t l = (size_t)(end + 2 - (re + i));
                    memcpy(out + o, re + i, l);
                    o += l;
                    i += l - 1;
                    continue;
                }
            }
            in_class = ch != ']';
            out[o++] = ch;
            continue;
        }
        if (ch == '[') {
            in_class = true;
            out[o++] = ch;
            if (i + 1 < n && re[i + 1] == '^')
                out[o++] = re[++i];
            if (i + 1 < n && re[i + 1] == ']')
                out[o++] = re[++i];
            continue;
        }
        if (ch == '{') {
            size_t t = i;
            long min, max;
            if (!parse_repeat(&c, &t, &min, &max))
                out[o++] = '\\';
        }
        out[o++] = ch;
    }
    out[o] = '\0';
    return out;
}
