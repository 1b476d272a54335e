/*
 * reader.h -- reading inputs of benchmark results, exactly as benchstat's
 * benchfmt reader (golang.org/x/perf/benchfmt/reader.go; docs/benchstat.md,
 * Reader): inputs named on the command line, opened one after the other,
 * each read record by record (a result, a recoverable syntax error, or
 * the end).  The Go format's lines are parsed by grammar.c; an input in
 * Google Benchmark's JSON is handed to gbjson.c; the bytes are read and cut
 * into lines by scanner.c (on a second thread for big files).  parse.h
 * has a complete example.
 */
#ifndef ESCSTAT_READER_H
#define ESCSTAT_READER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "intern.h"

/* Longest line benchstat accepts: bufio.Scanner's MaxScanTokenSize (64 KiB)
   holds the line and its '\n', so 65535 bytes of line (a trailing '\r'
   included) is the most that fits. */
#define PARSE_MAX_LINE (64 * 1024 - 1)

/* Units of the previous line remembered to skip hashing (private). */
#define PARSE_PREV_UNITS 8

/* One input named on the command line. */
typedef struct parse_arg {
    const char *path;           /* file to read, "-" for stdin (not owned) */
    char *label;                /* .file: the label, the path, or path#N (owned) */
    bool is_stdin;
} parse_arg;

/* One measurement of a result line. */
typedef struct parse_value {
    double value;               /* tidied value (value * factor) */
    parse_id unit;              /* tidied unit, e.g. "sec/op"; the original
                                   unit when tidying left the value unchanged
                                   (0, +-Inf: benchstat's quirk) */
    double orig_value;          /* as written */
    parse_id orig_unit;         /* as written, e.g. "ns/op" */
    /* Exact decimal form of orig_value, for compact storage: when
       dec_scale >= 0, orig_value == (double)dec_mant / 10^dec_scale
       (correctly rounded both ways, so the doubles are identical);
       dec_scale == -1 when the token is not a plain non-negative decimal
       of at most 15 significant digits and 22 decimals (parse_measure). */
    uint64_t dec_mant;
    int dec_scale;
} parse_value;

/* A benchmark result.  Valid until the next parse_next on the same input;
   the ids stay valid as long as the set. */
typedef struct parse_result {
    parse_id name;              /* full name without "Benchmark", e.g.
                                   "Encode/format=json-48" (may be "") */
    parse_id file;              /* the input's label (.file) */
    uint32_t input;             /* 0-based index of the input */
    uint32_t config;            /* config set id (parse_set_config) */
    long line;                  /* 1-based line number */
    int64_t iters;              /* iteration count (unused by benchstat) */
    parse_value *values;        /* nvalues >= 1 measurements, owned by the input */
    size_t nvalues;
} parse_result;

/* What parse_next found. */
enum parse_kind {
    PARSE_EOF = 0,              /* input exhausted, no error */
    PARSE_RESULT,               /* *res filled */
    PARSE_ERROR,                /* a bad line, skipped: message in in->err */
    PARSE_FATAL                 /* reading stops: message in in->err */
};

/* The kinds of error a parse_input reports (in->err_kind, next to the
   message in in->err), so that callers choose what to do from a value,
   not from the words of the message. */
typedef enum parse_err_kind {
    PARSE_ERR_SYNTAX,           /* a line benchstat rejects, in benchstat's words */
    PARSE_ERR_JSON,             /* Google Benchmark JSON (gbjson.h): escstat's own words */
    PARSE_ERR_READ,             /* open or read failed, or a line too long: benchstat's words */
    PARSE_ERR_NOT_TEXT,         /* the input looks like UTF-16 or binary: escstat's own */
    PARSE_ERR_NOMEM,            /* out of memory */
} parse_err_kind;

/* One input being read. */
typedef struct parse_input {
    parse_set *set;
    int fd;                     /* -1 once closed */
    bool own_fd;                /* close on parse_close (not for stdin) */
    const char *path;           /* as given (not owned), used in messages */
    parse_id file;              /* label */
    uint32_t index;             /* input number */
    void *reader;               /* chunks and producer thread (private) */
    bool big;                   /* a regular file of pipeline_min bytes or more */
    long line;                  /* lines read so far */
    uint32_t config;            /* current config set id */
    parse_kv *cur;              /* current config pairs (working copy) */
    size_t ncur, cur_cap;
    parse_value *vals;          /* values of the last result */
    size_t vals_cap;
    const char *unit_rest;      /* rest of a Unit line still to parse */
    size_t unit_rest_n;
    parse_id unit_orig, unit_tidy; /* the Unit line's unit */
    bool cfg_dirty;             /* cur changed since config was interned */
    parse_id prev_name;         /* name of the last result (0: none) */
    parse_id prev_units[PARSE_PREV_UNITS]; /* units of the last result */
    size_t nprev_units;
    char err[512];              /* the last error, "file:line: message" */
    parse_err_kind err_kind;    /* what kind of error err is */
    void *json;                 /* the JSON reader's state, or NULL (private) */
} parse_input;

/* parse_args splits command-line inputs as benchstat does: "label=path"
   (split at the first '='; the label becomes .file), "-" for stdin (.file
   "-"), or a plain path; an unlabeled path given more than once gets .file
   "path#0", "path#1", ...  *out is a malloc'd array of n entries (caller
   frees with parse_args_free); the paths point into args.  Returns 0, or
   -1 when out of memory. */
int parse_args(char *const *args, size_t n, parse_arg **out);
void parse_args_free(parse_arg *a, size_t n);

/* parse_open starts reading one input.  Config starts empty; unit
   metadata carries over from earlier inputs of the same set.  Returns 0,
   or -1 with in->err set (e.g. "open x.txt: no such file or directory",
   PARSE_ERR_READ; or "out of memory", PARSE_ERR_NOMEM) and nothing to close. */
int parse_open(parse_set *ps, parse_input *in, const parse_arg *arg);

/* parse_next reads up to and including the next record.  PARSE_RESULT:
   *res describes one benchmark line.  PARSE_ERROR: a malformed line was
   skipped (or a Unit line had a bad field); in->err holds
   "file:line: message" with benchstat's messages:
       missing iteration count
       parsing iteration count: invalid syntax | value out of range
       missing measurements
       parsing measurement: invalid syntax | value out of range
       missing units
       missing unit
       expected key=value
       metadata KEY of unit UNIT already set to OLD
   An input whose first non-blank byte is '{' and whose first key is
   "context" or "benchmarks" is Google Benchmark JSON (gbjson.h): its runs
   come back as results, its problems as PARSE_ERROR with in->err_kind
   PARSE_ERR_JSON (escstat's own messages, "file:line: what is wrong").
   PARSE_FATAL: reading this input cannot go on; in->err holds
       "file:line: bufio.Scanner: token too long"  (line = lines read before)
       "file:line: read file: ..."                 (line = lines read before)
                                                   (both PARSE_ERR_READ)
       "file: input looks like UTF-16 (convert with iconv -f UTF-16 -t UTF-8)"
       "file: input looks like a binary file"      (a NUL in the first block)
       "file:line: input looks like a binary file (NUL byte)"  (a NUL later)
                                                   (the three PARSE_ERR_NOT_TEXT)
       "out of memory"                             (PARSE_ERR_NOMEM)
   The UTF-16 and binary ones are escstat's own (benchstat reads such
   input silently as nothing, or with names cut at the NUL).  PARSE_EOF: the input is done. */
int parse_next(parse_input *in, parse_result *res);

/* parse_close closes the file (not stdin) and frees the input's buffers.
   Safe to call twice. */
void parse_close(parse_input *in);

#endif
