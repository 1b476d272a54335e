/*
 * units.h -- benchstat's units: tidying (benchunit.Tidy: ns -> sec,
 * MB -> B, with the factor to scale values by), the set's cache of tidied
 * units, and unit metadata from `Unit` lines (benchfmt's UnitMetadataMap).
 */
#ifndef ESCSTAT_UNITS_H
#define ESCSTAT_UNITS_H

#include <stddef.h>

#include "intern.h"

/* parse_tidy_unit applies benchunit.Tidy to a unit: writes the tidied unit
   (NUL-terminated) to out (size >= n+1 always suffices: tidying never
   lengthens... except "ns" -> "sec", so give n+n/2+2) and returns the
   factor to multiply values with (1 when unchanged).  Examples: ns/op ->
   sec/op 1e-9; MB/s -> B/s 1e6; MB*MB/s -> B*B/s 1e12; op/ns unchanged. */
double parse_tidy_unit(const char *unit, size_t n, char *out, size_t size);

/* parse_tidy_lookup: the tidied unit (*tu, interned in ps) and factor of
   unit id u, computed once per unit and cached in the set
   (ps->tidy_unit[u], ps->tidy_factor[u] are valid afterwards).  Returns 0,
   -1 when out of memory. */
int parse_tidy_lookup(parse_set *ps, parse_id u, parse_id *tu, double *factor);

/* parse_unit_meta_get: the value of metadata key for tidied unit, or
   (parse_id)-1 when not set ("assume" is the one benchstat uses). */
parse_id parse_unit_meta_get(const parse_set *ps, parse_id unit, const char *key);

/* parse_unit_meta_add sets metadata key = val of tidied unit, as a `Unit`
   line does.  Returns 0 when set (or already set to val), 1 when the key
   is already set to another value (*old: that value; nothing changes), -1
   when out of memory. */
int parse_unit_meta_add(parse_set *ps, parse_id unit, parse_id key, parse_id val, parse_id *old);

#endif
