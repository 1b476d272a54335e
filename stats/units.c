/*
 * units.c -- benchunit.Tidy (golang.org/x/perf/benchunit/scale.go's Tidy
 * and the unit parser behind it), the per-set cache of tidied units, and
 * the unit metadata store.  See units.h.
 */
#include "units.h"
#include "utf8.h"
#include "vec.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* parse_tidy_unit: see units.h.  ns/op and MB/s, the most common units,
   are answered before the general parser. */
double parse_tidy_unit(const char *unit, size_t n, char *out, size_t size)
{
    double factor = 1;
    size_t o = 0;
#define PUT(c) do { if (o + 1 < size) out[o] = (c); o++; } while (0)
    if (n == 5 && memcmp(unit, "ns/op", 5) == 0) {
        snprintf(out, size, "sec/op");
        return 1e-9;
    }
    if (n == 4 && memcmp(unit, "MB/s", 4) == 0) {
        snprintf(out, size, "B/s");
        return 1e6;
    }
    bool has = false;
    for (size_t i = 0; i + 1 < n; i++)
        if ((unit[i] == 'n' && unit[i + 1] == 's') || (unit[i] == 'M' && unit[i + 1] == 'B'))
            has = true;
    if (!has) {
        for (size_t i = 0; i < n; i++)
            PUT(unit[i]);
        if (size)
            out[o < size ? o : size - 1] = '\0';
        return 1;
    }
    /* benchunit parser: separators '*', '/', '-', whitespace; after '/' the
       tokens are denominator until the next '*' */
    bool denom = false;
    size_t i = 0;
    const unsigned char *u = (const unsigned char *)unit;
    while (i < n) {
        size_t k;
        uint32_t r = utf8_decode(u + i, n - i, &k);
        if (r == '*' || r == '/' || r == '-' || utf8_is_space(r)) {
            if (r == '*')
                denom = false;
            else if (r == '/')
                denom = true;
            for (size_t j = 0; j < k; j++)
                PUT(unit[i + j]);
            i += k;
            continue;
        }
        size_t start = i;
        while (i < n) {
            r = utf8_decode(u + i, n - i, &k);
            if (r == '*' || r == '/' || r == '-' || utf8_is_space(r))
                break;
            i += k;
        }
        size_t tl = i - start;
        if (!denom && tl == 2 && unit[start] == 'n' && unit[start + 1] == 's') {
            PUT('s'); PUT('e'); PUT('c');
            factor /= 1e9;
        } else if (!denom && tl == 2 && unit[start] == 'M' && unit[start + 1] == 'B') {
            PUT('B');
            factor *= 1e6;
        } else {
            for (size_t j = start; j < i; j++)
                PUT(unit[j]);
        }
    }
    if (size)
        out[o < size ? o : size - 1] = '\0';
#undef PUT
    return factor;
}

/* parse_tidy_lookup: see units.h. */
int parse_tidy_lookup(parse_set *ps, parse_id u, parse_id *tu, double *factor)
{
    if (u >= ps->tidy_cap) {
        size_t cap = vec_capacity(ps->tidy_cap ? ps->tidy_cap : 64, (size_t)u + 1,
                                  sizeof *ps->tidy_factor);
        if (cap == 0 || vec_resize(&ps->tidy_unit, cap, sizeof *ps->tidy_unit) != 0 ||
            vec_resize(&ps->tidy_factor, cap, sizeof *ps->tidy_factor) != 0)
            return -1;
        for (size_t i = ps->tidy_cap; i < cap; i++)
            ps->tidy_unit[i] = (parse_id)-1;
        ps->tidy_cap = cap;
    }
    if (ps->tidy_unit[u] == (parse_id)-1) {
        size_t n = ps->str_len[u];
        char small[256], *buf = small;
        size_t size = 2 * n + 2;
        if (size > sizeof small && !(buf = malloc(size)))
            return -1;
        double f = parse_tidy_unit(ps->str_ptr[u], n, buf, size);
        parse_id t = parse_intern(ps, buf, strlen(buf));
        if (buf != small)
            free(buf);
        if (t == (parse_id)-1)
            return -1;
        ps->tidy_unit[u] = t;
        ps->tidy_factor[u] = f;
    }
    *tu = ps->tidy_unit[u];
    *factor = ps->tidy_factor[u];
    return 0;
}

/* parse_unit_meta_get: see units.h. */
parse_id parse_unit_meta_get(const parse_set *ps, parse_id unit, const char *key)
{
    parse_id k = parse_lookup(ps, key, strlen(key));
    if (k == (parse_id)-1)
        return (parse_id)-1;
    for (size_t i = 0; i < ps->nmeta; i++)
        if (ps->meta[i].unit == unit && ps->meta[i].key == k)
            return ps->meta[i].val;
    return (parse_id)-1;
}

/* parse_unit_meta_add: see units.h.  Units carry few keys: a linear scan. */
int parse_unit_meta_add(parse_set *ps, parse_id unit, parse_id key, parse_id val, parse_id *old)
{
    size_t i;
    for (i = 0; i < ps->nmeta; i++)
        if (ps->meta[i].unit == unit && ps->meta[i].key == key)
            break;
    if (i < ps->nmeta) {
        if (ps->meta[i].val == val)
            return 0;
        *old = ps->meta[i].val;
        return 1;
    }
    if (vec_reserve(&ps->meta, &ps->meta_cap, ps->nmeta + 1, sizeof *ps->meta) != 0)
        return -1;
    ps->meta[ps->nmeta].unit = unit;
    ps->meta[ps->nmeta].key = key;
    ps->meta[ps->nmeta].val = val;
    ps->nmeta++;
    return 0;
}
