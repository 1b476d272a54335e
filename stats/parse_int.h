/*
 * parse_int.h -- what parse.c offers the readers of other formats
 * (gbjson.c): records built the way the Go format reader builds them, so
 * every format gives identical results.  Internal: not part of the
 * parser's API.
 */
#ifndef ESCSTAT_PARSE_INT_H
#define ESCSTAT_PARSE_INT_H

#include <stddef.h>
#include <stdint.h>

#include "parse.h"

/* parse_emit_config sets config key key[0..kn) to val[0..vn) in the
   input's current config (an empty value deletes the key), as a `key:
   value` line does.  Returns 0, or -1 when out of memory. */
int parse_emit_config(parse_input *in, const char *key, size_t kn, const char *val, size_t vn);

/* parse_emit_value stores measurement nv (0, 1, ... in order) of the
   next result: v in unit[0..un), tidied as a Go result line's value.
   Returns 0, or -1 when out of memory. */
int parse_emit_value(parse_input *in, size_t nv, double v, const char *unit, size_t un);

/* parse_emit_result fills *res with the result name[0..nn), iters and the
   nv measurements stored, at line `line`.  Returns PARSE_RESULT, or
   PARSE_FATAL when out of memory (in->err says so). */
int parse_emit_result(parse_input *in, const char *name, size_t nn, int64_t iters, size_t nv,
                      long line, parse_result *res);

#endif
