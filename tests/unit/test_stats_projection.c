/*
 * test_stats_projection.c -- projections (stats/projection.h): key ids in
 * first-seen order and found again (past the index's first size), the
 * ".config" group growing sub-fields while keys stay equal, exclusions in
 * the residue, fixed-order filter parts and their rollback on a syntax
 * error, and key order (benchproc sort.go: first observation, @alpha,
 * @num, fixed).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../tap.h"
#include "projection.h"

static parse_set ps;

/* id: s interned in ps. */
static parse_id id(const char *s)
{
    return parse_intern(&ps, s, strlen(s));
}

/* config: the config set of n "key", "value" pairs. */
static uint32_t config(size_t n, const char *const *pairs)
{
    parse_kv kv[8];
    for (size_t i = 0; i < n; i++) {
        kv[i].key = id(pairs[2 * i]);
        kv[i].val = id(pairs[2 * i + 1]);
    }
    return (uint32_t)parse_config_intern(&ps, kv, n);
}

/* input: a result named name (benchmark name without "Benchmark") with
   config set cfg. */
static proj_input input(const char *name, uint32_t cfg)
{
    proj_input in = { id(name), cfg, id("f"), id("sec/op"), id("ns/op") };
    return in;
}

/* values: proj_string_values of key k as a string (static buffer). */
static const char *values(projection *p, uint32_t k)
{
    static char buf[256];
    proj_string_values(p, k, buf, sizeof buf);
    return buf;
}

/* ranks: "r0 r1 ..." of p's keys after proj_rank_keys. */
static const char *ranks(projection *p)
{
    static char buf[256];
    size_t o = 0;
    buf[0] = '\0';
    if (proj_rank_keys(p) != 0)
        return "(oom)";
    for (size_t k = 0; k < p->nkeys && o < sizeof buf; k++)
        o += (size_t)snprintf(buf + o, sizeof buf - o, "%s%u", k ? " " : "", p->rank[k]);
    return buf;
}

/* parse: proj_parse of expr on a fresh projection, "ok" or the error. */
static const char *parse(proj_parser *pp, projection *p, const char *expr, proj_fixed_list *fx)
{
    static char buf[512];
    char *err = NULL;
    if (proj_parse(pp, &ps, p, expr, false, fx, &err) == 0)
        return "ok";
    snprintf(buf, sizeof buf, "%s", err ? err : "(oom)");
    free(err);
    return buf;
}

static void test_keys(void)
{
    proj_parser pp = { 0 };
    proj_fixed_list fx = { 0 };
    projection p;
    is_str(parse(&pp, &p, ".name", &fx), "ok", ".name parses");
    proj_input a1 = input("A/size=1-8", 0), a2 = input("A/size=2-8", 0), b = input("B", 0);
    is_int(proj_key(&p, &a1), 0, "first key is 0");
    is_int(proj_key(&p, &a2), 0, "same .name, same key");
    is_int(proj_key(&p, &b), 1, "new .name, key 1");
    is_str(values(&p, 0), "A", "key 0 is A");
    is_str(values(&p, 1), "B", "key 1 is B");
    /* 1000 keys: the index doubles several times past its first 64 slots */
    char name[32];
    int bad = 0;
    for (int i = 0; i < 1000; i++) {
        snprintf(name, sizeof name, "K%d/x=1", i);
        proj_input in = input(name, 0);
        bad += proj_key(&p, &in) != (uint32_t)i + 2;
    }
    for (int i = 999; i >= 0; i--) {
        snprintf(name, sizeof name, "K%d/x=2", i);
        proj_input in = input(name, 0);
        bad += proj_key(&p, &in) != (uint32_t)i + 2;
    }
    is_int(bad, 0, "1000 more keys get ids 2..1001 and are found again");
    is_int(p.nkeys, 1002, "1002 keys");
    is_str(values(&p, 501), "K499", "key 501 is K499");
    proj_release(&p);
    proj_parser_release(&pp);
}

static void test_config_group(void)
{
    proj_parser pp = { 0 };
    proj_fixed_list fx = { 0 };
    projection col, res;
    is_str(parse(&pp, &col, "goarch", &fx), "ok", "goarch parses");
    is_int(proj_residue(&pp, &ps, &res), 0, "residue");
    const char *c1[] = { "goos", "linux", "goarch", "amd64" };
    const char *c2[] = { "goos", "linux", "goarch", "arm64", "cpu", "x" };
    const char *c3[] = { "goos", "darwin" };
    proj_input in1 = input("A/n=1", config(2, c1));
    proj_input in2 = input("A/n=1", config(3, c2));
    proj_input in3 = input("A/n=1", config(1, c3));
    is_int(proj_key(&res, &in1), 0, "residue key of goos=linux");
    const size_t *flat;
    is_int(proj_flat(&res, &flat), 2, "flattened: .config's goos, then .fullname");
    is_int(proj_key(&res, &in2), 1, "cpu=x: a new key (goarch excluded)");
    is_int(proj_flat(&res, &flat), 3, "cpu joins the group");
    is_str(res.fields[flat[0]].name, "goos", "flat[0] goos");
    is_str(res.fields[flat[1]].name, "cpu", "flat[1] cpu");
    is_str(res.fields[flat[2]].name, ".fullname", "flat[2] .fullname");
    is_int(proj_key(&res, &in1), 0, "goos=linux after cpu was added: still key 0");
    is_int(proj_key(&res, &in3), 2, "goos=darwin: key 2");
    is_str(values(&res, 1), "linux x A/n=1", "key 1 StringValues");
    is_int(proj_get(&res, 0, flat[1]), 0, "key 0 has no cpu (\"\")");
    is_int(proj_key(&col, &in1), 0, "goarch=amd64: column key 0");
    is_int(proj_key(&col, &in2), 1, "goarch=arm64: column key 1");
    is_int(proj_key(&col, &in3), 2, "no goarch: column key 2");
    is_str(values(&col, 2), "", "the empty key prints as nothing");
    proj_release(&col);
    proj_release(&res);
    proj_parser_release(&pp);
}

static void test_fullname_excluded(void)
{
    proj_parser pp = { 0 };
    proj_fixed_list fx = { 0 };
    projection row, col, res;
    is_str(parse(&pp, &row, "/size", &fx), "ok", "/size parses");
    is_str(parse(&pp, &col, "/gomaxprocs", &fx), "ok", "/gomaxprocs parses");
    is_int(proj_residue(&pp, &ps, &res), 0, "residue");
    proj_input in = input("Enc/size=1k/n=2-8", 0);
    uint32_t k = proj_key(&res, &in);
    is_str(values(&res, k), "Enc/n=2", "residue .fullname without /size and -N");
    k = proj_key(&row, &in);
    is_str(values(&row, k), "1k", "/size value");
    k = proj_key(&col, &in);
    is_str(values(&col, k), "8", "/gomaxprocs from the -N suffix");
    proj_release(&row);
    proj_release(&col);
    proj_release(&res);
    proj_parser_release(&pp);

    proj_parser pp2 = { 0 };
    is_str(parse(&pp2, &row, ".name", &fx), "ok", ".name parses");
    is_int(proj_residue(&pp2, &ps, &res), 0, "residue");
    k = proj_key(&res, &in);
    is_str(values(&res, k), "*/size=1k/n=2-8", "residue .fullname with .name as *");
    proj_release(&row);
    proj_release(&res);
    proj_parser_release(&pp2);
}

static void test_fixed(void)
{
    proj_parser pp = { 0 };
    proj_fixed_list fx = { 0 };
    projection p, q;
    is_str(parse(&pp, &p, ".name@(C A)", &fx), "ok", "fixed order parses");
    is_int(fx.n, 1, "one filter part");
    is_str(fx.v[0].key, ".name", "its key");
    ok(fx.v[0].words.n == 2 && strcmp(fx.v[0].words.v[0], "C") == 0 &&
           strcmp(fx.v[0].words.v[1], "A") == 0,
       "its words C A");
    is_str(parse(&pp, &q, "/size@(1 2) .unit", &fx),
           "syntax error: .unit is only allowed in filters\n\t/size@(1 2) .unit\n\t            ^",
           "an error after a fixed order");
    is_int(fx.n, 1, "the failed projection's filter part is dropped");
    proj_release(&q);
    proj_input a = input("A", 0), c = input("C", 0);
    is_int(proj_key(&p, &a), 0, "A first");
    is_int(proj_key(&p, &c), 1, "C second");
    is_str(ranks(&p), "1 0", "fixed order: C before A");
    proj_fixed_free(fx.v, fx.n);
    free(fx.v);
    proj_release(&p);
    proj_parser_release(&pp);
}

static void test_order(void)
{
    static const char *names[] = { "X/v=10", "X/v=9", "X/v=100k", "X/v=abc", "X/v=1Ki" };
    static const struct { const char *expr, *want; } cases[] = {
        { "/v", "0 1 2 3 4" },          /* first observation */
        { "/v@alpha", "0 3 1 4 2" },    /* byte-wise: 10 100k 1Ki 9 abc */
        { "/v@num", "1 0 3 4 2" },      /* 9 10 1Ki(1024) 100k(1e5) abc */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        proj_parser pp = { 0 };
        proj_fixed_list fx = { 0 };
        projection p;
        is_str(parse(&pp, &p, cases[i].expr, &fx), "ok", "%s parses", cases[i].expr);
        for (size_t j = 0; j < 5; j++) {
            proj_input in = input(names[j], 0);
            proj_key(&p, &in);
        }
        is_str(ranks(&p), cases[i].want, "ranks under %s", cases[i].expr);
        proj_release(&p);
        proj_parser_release(&pp);
    }
}

int main(void)
{
    if (parse_set_init(&ps) != 0)
        return tap_skip_all("out of memory");
    test_keys();
    test_config_group();
    test_fullname_excluded();
    test_fixed();
    test_order();
    parse_set_release(&ps);
    return tap_done();
}
