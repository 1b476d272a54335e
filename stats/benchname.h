/*
 * benchname.h -- benchmark names as benchfmt splits them
 * (golang.org/x/perf/benchfmt/result.go, Name.Parts): "Encode/format=json-48"
 * has base name "Encode", parts "/format=json" and "-48" (the GOMAXPROCS
 * suffix: a '-' followed by digits at the very end, not at the start).
 */
#ifndef ESCSTAT_BENCHNAME_H
#define ESCSTAT_BENCHNAME_H

#include <stddef.h>

/* One part of a name; every pointer points into the name split. */
typedef struct parse_name_part {
    const char *s;              /* the part, starting with '/' or '-' */
    size_t n;                   /* its length */
    const char *key;            /* "format" for "/format=json", "gomaxprocs"
                                   for "-48", NULL for "/100" */
    size_t keylen;
    const char *val;            /* "json", "48", or "100" */
    size_t vallen;
} parse_name_part;

/* parse_name_split splits full[0..n) into base name and parts.  parts has
   room for cap entries; returns the number of parts (which may exceed cap:
   then only cap were written).  *base_n receives the base name's length
   (the base starts at full). */
size_t parse_name_split(const char *full, size_t n, size_t *base_n,
                        parse_name_part *parts, size_t cap);

#endif
