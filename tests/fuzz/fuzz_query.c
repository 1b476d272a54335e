/*
 * fuzz_query.c -- libFuzzer target for the -filter and projection parsers
 * (stats/query.h) and Go's regexp checks (stats/resyntax.h).  The input
 * (up to a NUL, as a command-line argument ends there) is parsed as a
 * filter, as a projection and as a regular expression; each must give a
 * result or a message in its documented form, never crash, recurse without
 * bound (the filter tree is at most a few levels per QUERY_MAX_DEPTH) or
 * leak.
 *
 * Inputs longer than FQ_MAX bytes are cut: a regexp Go accepts may still
 * cost POSIX regcomp up to seconds and half a gigabyte at 3 MB of
 * instructions (resyntax.h); at 512 bytes its cost stays far inside the
 * fuzzer's limits.  Deep nesting is tested by the unit tests.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "query.h"
#include "resyntax.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

enum { FQ_MAX = 512 };

/* fq_depth: the height of a filter tree (recursion bounded by the
   parser's own limit, which is what is checked). */
static size_t fq_depth(const query_node *n)
{
    size_t d = 0;
    for (size_t i = 0; i < n->nkids; i++) {
        size_t k = fq_depth(n->kids[i]);
        if (k > d)
            d = k;
    }
    return d + 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > FQ_MAX)
        size = FQ_MAX;
    char *q = malloc(size + 1);
    FUZZ_CHECK(q != NULL);
    memcpy(q, data, size);
    q[size] = '\0';

    char *err = NULL;
    query_node *n = query_filter_parse(q, &err);
    FUZZ_CHECK((n == NULL) != (err == NULL));
    if (n)
        FUZZ_CHECK(fq_depth(n) <= 3 * QUERY_MAX_DEPTH + 3);
    else
        FUZZ_CHECK(strncmp(err, "syntax error: ", 14) == 0);
    query_free(n);
    free(err);

    query_field *f = NULL;
    size_t nf = 0;
    err = NULL;
    if (query_projection_parse(q, &f, &nf, &err) == 0) {
        FUZZ_CHECK(err == NULL);
        query_fields_free(f, nf);
    } else {
        FUZZ_CHECK(err != NULL && strncmp(err, "syntax error: ", 14) == 0);
        free(err);
    }

    char *msg = NULL;
    int rc = resyntax_check(q, &msg);
    if (rc == 0)
        FUZZ_CHECK(msg == NULL);
    else
        FUZZ_CHECK(rc == -1 && msg != NULL && strncmp(msg, "error parsing regexp: ", 22) == 0);
    free(msg);
    free(q);
    return 0;
}
