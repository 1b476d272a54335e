/*
 * benchname.c -- a benchmark name cut into base name, sub-benchmark parts
 * and GOMAXPROCS suffix.  See benchname.h.
 */
#include "benchname.h"

#include <stdbool.h>
#include <string.h>

/* parse_name_split: see benchname.h. */
size_t parse_name_split(const char *full, size_t n, size_t *base_n, parse_name_part *parts,
                        size_t cap)
{
    /* GOMAXPROCS: scanning back over digits to a '-' that is not last */
    size_t pre = n;
    bool has_procs = false;
    for (size_t i = n; i-- > 0;) {
        if (full[i] == '-' && i < n - 1) {
            pre = i;
            has_procs = true;
            break;
        }
        if (!(full[i] >= '0' && full[i] <= '9'))
            break;
    }
    size_t np = 0, prev = 0;
    bool base_done = false;
    for (size_t i = 0; i <= pre; i++) {
        if (i == pre || full[i] == '/') {
            if (!base_done) {
                *base_n = i;
                base_done = true;
            } else {
                if (np < cap) {
                    parse_name_part *p = &parts[np];
                    p->s = full + prev;
                    p->n = i - prev;
                    const char *eq = memchr(p->s, '=', p->n);
                    if (eq) {
                        p->key = p->s + 1;
                        p->keylen = (size_t)(eq - p->s) - 1;
                        p->val = eq + 1;
                        p->vallen = p->n - (size_t)(eq - p->s) - 1;
                    } else {
                        p->key = NULL;
                        p->keylen = 0;
                        p->val = p->s + 1;
                        p->vallen = p->n - 1;
                    }
                }
                np++;
            }
            prev = i;
        }
    }
    if (has_procs) {
        if (np < cap) {
            parse_name_part *p = &parts[np];
            p->s = full + pre;
            p->n = n - pre;
            p->key = "gomaxprocs";
            p->keylen = 10;
            p->val = full + pre + 1;
            p->vallen = n - pre - 1;
        }
        np++;
    }
    return np;
}
