/*
 * numkey.c -- numeric sub-benchmark keys (see numkey.h).
 */
#include "numkey.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

bool numkey_parse(const char *s, size_t n, double *v)
{
    size_t i = 0, digits = 0;
    char num[64];
    while (i < n && i < sizeof num - 1 &&
           ((s[i] >= '0' && s[i] <= '9') || (s[i] == '.' && !memchr(s, '.', i)))) {
        digits += s[i] != '.';
        num[i] = s[i];
        i++;
    }
    if (digits == 0)
        return false;
    num[i] = '\0';
    /* strtod for the digits: correctly rounded, so "0.3" is 0.3 */
    double x = strtod(num, NULL);
    static const char pfx[] = "kKMGTPEZY";
    /* 'k' and 'K' are both 10^3 (benchproc's table starts "kK"). */
    static const int power[] = { 1, 1, 2, 3, 4, 5, 6, 7, 8 };
    if (i < n) {
        const char *p = memchr(pfx, s[i], sizeof pfx - 1);
        if (p) {
            int k = power[p - pfx];
            i++;
            double base = 1000;
            if (i < n && s[i] == 'i') {
                base = 1024;
                i++;
            }
            x *= pow(base, k);
        }
    }
    if (i < n && (s[i] == 'b' || s[i] == 'B'))
        i++;
    if (i != n)
        return false;
    *v = x;
    return true;
}
