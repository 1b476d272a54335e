/*
 * query.h -- the syntax of benchstat's -filter and projection (-table, -row,
 * -col, -ignore) expressions (golang.org/x/perf/benchproc/internal/parse;
 * docs/benchstat.md, Grouping and Filters): tokenizer, filter tree,
 * projection fields, and syntax errors worded and pointed as benchstat words
 * and points them.
 *
 *     filter:  expr = and {"OR" and};  and = match {["AND"] match};
 *              match = "(" expr ")" | "-" match | "*" | key ":" value
 *                    | key ":" "(" value {"OR" value} ")";
 *              value = word | "/" regexp "/"
 *     projection: field {[","] field};  field = key ["@" order | "@(" words ")"]
 *
 * Regular expressions are POSIX extended (regcomp), not Go's RE2: the
 * common subset (., [], *, +, ?, |, (), ^, $, {m,n}) behaves the same, and
 * RE2's \d \D \w \W \s \S and a leading (?i) are rewritten for POSIX, a
 * '{' that Go reads as a literal ("{,2}", "{01}") is escaped for it
 * (resyntax_posix);
 * other RE2-only syntax (\pL, (?s), \b, ...) is not supported.
 */
#ifndef ESCSTAT_QUERY_H
#define ESCSTAT_QUERY_H

#include <regex.h>
#include <stdbool.h>
#include <stddef.h>

#include "strlist.h"

/* A filter tree node. */
typedef enum query_op { QUERY_AND = 1, QUERY_OR, QUERY_NOT, QUERY_MATCH } query_op;

typedef struct query_node {
    query_op op;
    struct query_node **kids;   /* AND/OR: nkids children (AND of none = "*"); NOT: 1 */
    size_t nkids, kids_cap;
    char *key;                  /* MATCH: key, e.g. ".name", "/size", "goos" */
    char *lit;                  /* MATCH: literal value, or NULL for a regexp */
    regex_t re;                 /* MATCH with lit == NULL */
    bool has_re;
    int off;                    /* byte offset of the key in the query */
} query_node;

/* QUERY_MAX_DEPTH: how deeply "(" and "-" may nest in a filter.  The
   parser, filter evaluation and query_free recurse once per level; past
   this a query is "syntax error: expression nests too deeply" (the limit
   and wording of Go's regexp/syntax maxHeight). */
#define QUERY_MAX_DEPTH 1000

/* query_filter_parse parses a -filter expression.  Returns the tree
   (caller frees with query_free), or NULL with *err set to a malloc'd
   message "syntax error: MSG\n\tQUERY\n\t   ^" (caller frees), or NULL
   with *err NULL when out of memory. */
query_node *query_filter_parse(const char *q, char **err);

/* query_free frees the tree n and everything its nodes own (NULL is
   fine). */
void query_free(query_node *n);

/* How a projection field orders its values: "key" (first observation),
   "key@(a b)" (fixed list), "key@name" (a named order). */
typedef enum query_order { QUERY_FIRST, QUERY_FIXED, QUERY_NAMED } query_order;

/* One projection field; it owns key, order_name and fixed. */
typedef struct query_field {
    char *key;                  /* ".name", ".fullname", ".file", ".config", "/k", "k" */
    query_order order;
    char *order_name;           /* QUERY_NAMED: "alpha", "num", or anything
                                   (checked by the caller) */
    strlist fixed;              /* QUERY_FIXED: the words, at least one */
    int key_off, order_off;     /* byte offsets for error messages */
} query_field;

/* query_projection_parse parses a projection.  Returns 0 and a malloc'd
   array *fields of *n entries (free with query_fields_free), or -1 with
   *err as for query_filter_parse (NULL: out of memory). */
int query_projection_parse(const char *q, query_field **fields, size_t *n, char **err);

/* query_fields_free frees the n fields at f, what they own, and the array
   (NULL is fine). */
void query_fields_free(query_field *f, size_t n);

/* query_syntax_error formats benchstat's SyntaxError for query q at byte
   offset off: "syntax error: MSG\n\tQ\n\t<spaces>^".  Caller frees. */
char *query_syntax_error(const char *q, int off, const char *msg);

#endif
