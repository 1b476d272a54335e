/*
 * grammar.h -- the lines of the Go benchmark format (benchfmt/reader.go:
 * parseBenchmarkLine, parseKeyValueLine, the Unit line) and the records
 * they make: a benchmark line becomes a result (name, iterations,
 * tidied measurements, the config in effect), a `key: value` line changes
 * the input's config, a `Unit` line sets unit metadata.
 *
 * Used by the reader's own files: scanner.c scans the common benchmark
 * line in its thread (parse_fast_scan), reader.c turns lines into records
 * (parse_fast_resolve, parse_line), gbjson.c builds its records the same
 * way (parse_emit_*), so every format gives identical results; and by the
 * old format's reader (legacy.c: parse_config_line).  Nothing here reads
 * input or keeps a line: the caller owns the text.
 */
#ifndef ESCSTAT_GRAMMAR_H
#define ESCSTAT_GRAMMAR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "reader.h"

/* parse_config_line: is line[0..n) a `key: value` config line, by
   benchfmt's parseKeyValueLine (the rule of the current reader and of the
   old storage/benchfmt one alike)?  On true, the key is line[0..*key_n)
   and the value *val[0..*val_n); *val_n == 0 means "delete the key". */
bool parse_config_line(const char *line, size_t n, size_t *key_n, const char **val,
                       size_t *val_n);

#define FAST_MAXV 6               /* more measurements: the general parser */

/* A benchmark line of the common shape, scanned but not yet resolved
   (no interning): offsets are relative to the text after "Benchmark",
   which is shorter than 64 KiB.  Kept small: a scanner thread hands
   millions of them over. */
typedef struct fast_line {
    int64_t iters;
    uint16_t name_len;          /* the name is text[0..name_len) */
    uint8_t nv;
    bool same_name;             /* the name of the line before (a fast one) */
    uint8_t same_units;         /* bit i: unit i is the line before's unit i */
    struct {
        uint64_t mant;          /* value = mant / 10^scale, exactly */
        uint16_t uoff, ulen;    /* unit at text[uoff..uoff+ulen) */
        int8_t scale;
    } val[FAST_MAXV];
} fast_line;

/* The fast line before, for parse_fast_scan: consecutive lines usually
   repeat the name and the units, which a compare of the bytes then
   confirms.  Points into text the scanner holds; cleared (name NULL, nv 0)
   whenever that text may move or the line before was not a fast one. */
typedef struct scan_prev {
    const char *name;           /* NULL: none */
    uint16_t name_len;
    uint8_t nv;
    const char *unit[FAST_MAXV];
    uint16_t ulen[FAST_MAXV];
} scan_prev;

/* parse_fast_scan: the text s[0..n) after "Benchmark" when the line has
   the common shape -- ASCII, blanks and tabs between fields, unsigned
   decimal numbers, at most FAST_MAXV measurements -- scanned in one pass
   into *fl, touching nothing but *fl and *prev (so a reader thread may
   run it).  prev is the line before (updated to this one, or cleared when
   this one is not of the shape).  Returns false when the line is not of
   that shape: parse_line then decides, with its error messages.  Reads up
   to 15 bytes past s + n, which must be readable (the scanner's chunks
   keep 64 bytes of slack). */
bool parse_fast_scan(const char *s, size_t n, fast_line *fl, scan_prev *prev);

/* parse_fast_resolve: the result of a line parse_fast_scan took (s: the
   text after "Benchmark"), interned and tidied into *res, in in's config.
   Returns PARSE_RESULT or PARSE_FATAL (out of memory). */
int parse_fast_resolve(parse_input *in, const char *s, const fast_line *fl, parse_result *res);

/* parse_line: any other input line line[0..n) (without its newline) at
   line number in->line: a result (PARSE_RESULT, *res), a bad line
   (PARSE_ERROR, in->err), PARSE_FATAL (out of memory), or 0 when the line
   only changed state (config, unit metadata) or says nothing. */
int parse_line(parse_input *in, const char *line, size_t n, parse_result *res);

/* parse_unit_rest: go on with the fields of a Unit line after one of them
   was an error (parse_line returned PARSE_ERROR; benchstat reports each bad
   field).  Returns PARSE_ERROR or PARSE_FATAL as parse_line, or 0 when the
   line is done (always 0 when no Unit line is pending). */
int parse_unit_rest(parse_input *in);

/* parse_oom: sets in->err to "out of memory" and returns PARSE_FATAL. */
int parse_oom(parse_input *in);

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
