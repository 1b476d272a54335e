/*
 * test_stats_query.c -- filter and projection syntax (stats/query.h,
 * stats/filter.h): trees for valid queries, and benchstat's message and
 * caret position for each syntax error (benchproc/internal/parse).
 */
#include <stdlib.h>
#include <string.h>

#include "../tap.h"
#include "filter.h"
#include "query.h"

/* show: the tree as a compact string. */
static void show(const query_node *n, char *buf, size_t size)
{
    size_t o = strlen(buf);
    switch (n->op) {
    case QUERY_MATCH:
        snprintf(buf + o, size - o, "%s:%s%s", n->key, n->lit ? n->lit : "/re/",
                 n->lit || n->has_re ? "" : "!");
        return;
    case QUERY_NOT:
        snprintf(buf + o, size - o, "-");
        show(n->kids[0], buf, size);
        return;
    default:
        snprintf(buf + o, size - o, "%s(", n->op == QUERY_AND ? "AND" : "OR");
        for (size_t i = 0; i < n->nkids; i++) {
            if (i)
                strncat(buf, " ", size - strlen(buf) - 1);
            show(n->kids[i], buf, size);
        }
        strncat(buf, ")", size - strlen(buf) - 1);
    }
}

static void tree(const char *q, const char *want)
{
    char *err;
    query_node *n = query_filter_parse(q, &err);
    char buf[512] = "";
    if (n)
        show(n, buf, sizeof buf);
    else
        snprintf(buf, sizeof buf, "ERR %s", err ? err : "(oom)");
    is_str(buf, want, "filter %s", q);
    query_free(n);
    free(err);
}

static void ferr(const char *q, const char *want)
{
    filter f;
    char *err = NULL;
    int rc = filter_init(&f, q, &err);
    is_str(rc == 0 ? "(parsed)" : err ? err : "(oom)", want, "filter error: %s", q);
    if (rc == 0)
        filter_release(&f);
    free(err);
}

static void perr(const char *q, const char *want)
{
    query_field *fs;
    size_t n;
    char *err = NULL;
    int rc = query_projection_parse(q, &fs, &n, &err);
    is_str(rc == 0 ? "(parsed)" : err ? err : "(oom)", want, "projection error: %s", q);
    if (rc == 0)
        query_fields_free(fs, n);
    free(err);
}

int main(void)
{
    tree("*", "AND()");
    tree(".name:Encode", ".name:Encode");
    tree(".name:Encode /size:(1k OR 4k) -goos:linux",
         "AND(.name:Encode OR(/size:1k /size:4k) -goos:linux)");
    tree("a:1 AND b:2 OR c:3", "OR(AND(a:1 b:2) c:3)");
    tree("(a:1 OR b:2) c:3", "AND(OR(a:1 b:2) c:3)");
    tree("a:\"x y\" b:/^E[0-9]/", "AND(a:x y b:/re/)");
    tree("foo-bar:x-y", "foo-bar:x-y");
    tree("-*", "-AND()");

    ferr("foo:(", "syntax error: expected value\n\tfoo:(\n\t     ^");
    ferr("foo", "syntax error: expected key:value\n\tfoo\n\t^");
    ferr("a:b (c:d", "syntax error: missing \")\"\n\ta:b (c:d\n\t        ^");
    ferr("a:b )", "syntax error: unexpected \")\"\n\ta:b )\n\t   ^");
    ferr("a:b OR", "syntax error: expected key:value or subexpression\n\ta:b OR\n\t      ^");
    ferr("\"abc", "syntax error: missing end quote\n\t\"abc\n\t^");
    ferr("a:\"\\q\"", "syntax error: bad escape sequence\n\ta:\"\\q\"\n\t  ^");
    ferr("a:/x/y", "syntax error: regexp must be followed by space or an operator "
                   "(unescaped \"/\"?)\n\ta:/x/y\n\t     ^");
    ferr("a:(b OR)", "syntax error: expected value\n\ta:(b OR)\n\t       ^");
    ferr(".config:x", "syntax error: .config is only allowed in projections\n\t.config:x\n\t^");
    ferr("x:1 @", "syntax error: unexpected \"@\"\n\tx:1 @\n\t   ^");
    ferr("µ:(", "syntax error: expected value\n\tµ:(\n\t   ^");

    query_field *fs;
    size_t n;
    char *err;
    ok(query_projection_parse(".name@alpha,/size@num goos@(linux darwin)", &fs, &n, &err) == 0 &&
       n == 3, "projection with three fields");
    if (n == 3) {
        is_str(fs[0].key, ".name", "field 1 key");
        is_str(fs[0].order_name, "alpha", "field 1 @alpha");
        is_str(fs[1].order_name, "num", "field 2 @num");
        ok(fs[2].order == QUERY_FIXED && fs[2].fixed.n == 2 && strcmp(fs[2].fixed.v[1], "darwin") == 0,
           "field 3 fixed order");
        query_fields_free(fs, n);
    }
    perr(".name@", "syntax error: expected named sort order or parenthesized list\n\t.name@\n\t      ^");
    perr(".name@()", "syntax error: nothing to match\n\t.name@()\n\t       ^");
    perr(".name@(a", "syntax error: missing )\n\t.name@(a\n\t        ^");
    perr(",a", "syntax error: expected key\n\t,a\n\t^");
    perr("a b", "(parsed)");
    return tap_done();
}
