/*
 * parse.h -- reader of the Go benchmark format, exactly as benchstat's
 * benchfmt reader (golang.org/x/perf/benchfmt; docs/benchstat.md, Reader).
 * One parser for escstat and escplot.
 *
 * A parse_set owns everything read: the interned strings (names, units,
 * config keys and values, file labels), the config sets and the unit
 * metadata.  Inputs are read one after the other with parse_open and
 * parse_next, which hands back one record at a time (a result, a
 * recoverable syntax error, or the end); the caller copies what it keeps
 * or keeps the interned ids, which live as long as the set.
 *
 *     parse_set ps;
 *     parse_set_init(&ps);
 *     parse_arg *args;                       // from argv: labels, path#N
 *     size_t nargs = argc - 1;
 *     parse_args(argv + 1, nargs, &args);
 *     parse_input in;
 *     if (parse_open(&ps, &in, &args[0]) != 0) { fputs(in.err, stderr); ... }
 *     parse_result r;
 *     int k;
 *     while ((k = parse_next(&in, &r)) != PARSE_EOF) {
 *         if (k == PARSE_ERROR) { fprintf(stderr, "%s\n", in.err); continue; }
 *         if (k == PARSE_FATAL) { fprintf(stderr, "escstat: %s\n", in.err); break; }
 *         for (size_t i = 0; i < r.nvalues; i++)
 *             use(parse_str(&ps, r.name), r.values[i].value,
 *                 parse_str(&ps, r.values[i].unit));
 *     }
 *     parse_close(&in);
 *     parse_args_free(args, nargs);
 *     parse_set_release(&ps);
 *
 * The library never prints and never exits: messages come back as strings
 * in `file:line: message` form (benchstat's words), without a program
 * prefix and without a newline.
 *
 * Speed: input is read with read() in 256 KiB blocks (never mapped: a
 * file truncated while it is read just ends sooner), lines are parsed in
 * place, strings are interned through a hash table, and a benchmark line
 * costs no malloc.  A regular file of pipeline_min bytes or more (default
 * 8 MiB) is read and scanned by a second thread that parse_next starts and
 * parse_close joins; records still come back in input order, and a set is
 * still used by one caller thread at a time.
 */
#ifndef ESCSTAT_PARSE_H
#define ESCSTAT_PARSE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* Longest line benchstat accepts: bufio.Scanner's MaxScanTokenSize (64 KiB)
   holds the line and its '\n', so 65535 bytes of line (a trailing '\r'
   included) is the most that fits. */
#define PARSE_MAX_LINE (64 * 1024 - 1)

/* Units of the previous line remembered to skip hashing (private). */
#define PARSE_PREV_UNITS 8

/* An interned string id: index into the set's string table.  Id 0 is
   always the empty string. */
typedef uint32_t parse_id;

/* One (key, value) config pair. */
typedef struct parse_kv {
    parse_id key;               /* interned key, e.g. "goos" */
    parse_id val;               /* interned value, never "" */
} parse_kv;

/* A config set: the file config in effect for a result, in benchfmt's
   order: a new key is appended; deleting a key (`key:` with an empty
   value) moves the last pair into its place.  Config sets are interned:
   equal sets (same pairs in the same order) share an id. */
typedef struct parse_config {
    const parse_kv *kv;         /* n pairs, owned by the set */
    size_t n;
} parse_config;

/* Unit metadata (`Unit ns/op assume=exact better=lower`), keyed by the
   tidied unit.  It persists across inputs, as in benchstat. */
typedef struct parse_unit_meta {
    parse_id unit;              /* tidied unit */
    parse_id key;               /* e.g. "assume" */
    parse_id val;               /* e.g. "exact" */
} parse_unit_meta;

/* The string table, the config sets, the unit metadata and the inputs'
   labels.  Fields are private; use the functions below. */
typedef struct parse_set {
    char **str_ptr;             /* id -> bytes (NUL-terminated, never move) */
    void *blocks;               /* arena blocks holding the strings */
    char *blk_cur;              /* free space in the current block */
    size_t blk_left;
    uint32_t *str_len;          /* id -> length in bytes */
    uint32_t *str_hash;         /* id -> hash */
    size_t nstr, str_cap;
    uint32_t *slots;            /* open addressing: id+1, 0 = empty */
    size_t nslots;
    parse_kv *cfg_kv;           /* all config sets' pairs, back to back */
    size_t cfg_kv_len, cfg_kv_cap;
    uint32_t *cfg_off;          /* config id -> first pair in cfg_kv */
    uint32_t *cfg_n;            /* config id -> number of pairs */
    size_t ncfg, cfg_cap;
    parse_unit_meta *meta;
    size_t nmeta, meta_cap;
    parse_id *tidy_unit;        /* string id -> tidied unit id (lazy) */
    double *tidy_factor;        /* string id -> tidy factor */
    size_t tidy_cap;            /* entries valid in the two arrays */
    void *cfg_slots;            /* private */
    size_t pipeline_min;        /* regular files of at least this many bytes
                                   are read by a second thread; 0: the
                                   default (8 MiB); SIZE_MAX: never */
    size_t ninputs;             /* inputs opened so far */
} parse_set;

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
       of at most 15 significant digits and 15 decimals. */
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
    bool err_own;               /* err is escstat's own message (Google
                                   Benchmark JSON, gbjson.h), not benchstat's */
    void *json;                 /* the JSON reader's state, or NULL (private) */
} parse_input;

/* parse_set_init makes an empty set (string 0 = "", config set 0 = empty).
   Returns 0, or -1 when out of memory.  parse_set_release frees
   everything the set owns. */
int parse_set_init(parse_set *ps);
void parse_set_release(parse_set *ps);

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
   or -1 with in->err set (e.g. "open x.txt: no such file or directory")
   and nothing to close. */
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
   come back as results, its problems as PARSE_ERROR with in->err_own set
   (escstat's own messages, "file:line: what is wrong").
   PARSE_FATAL: reading this input cannot go on; in->err holds
       "file:line: bufio.Scanner: token too long"  (line = lines read before)
       "file:line: read file: ..."                 (line = lines read before)
       "file: input looks like UTF-16 (convert with iconv -f UTF-16 -t UTF-8)"
       "file: input looks like a binary file"      (a NUL in the first block)
       "file:line: input looks like a binary file (NUL byte)"  (a NUL later)
       "out of memory"
   The UTF-16 and binary ones are escstat's own (benchstat reads such
   input silently as nothing, or with names cut at the NUL).  PARSE_EOF: the input is done. */
int parse_next(parse_input *in, parse_result *res);

/* parse_close closes the file (not stdin) and frees the input's buffers.
   Safe to call twice. */
void parse_close(parse_input *in);

/* parse_str: the interned string with id (NUL-terminated, owned by the
   set).  parse_strlen: its length in bytes. */
const char *parse_str(const parse_set *ps, parse_id id);
size_t parse_strlen(const parse_set *ps, parse_id id);

/* parse_intern returns the id of s[0..n), adding it if new; (parse_id)-1
   when out of memory.  Ids are dense: 0 .. parse_nstr()-1. */
parse_id parse_intern(parse_set *ps, const char *s, size_t n);
/* parse_lookup: the id of s[0..n) or (parse_id)-1 when not interned. */
parse_id parse_lookup(const parse_set *ps, const char *s, size_t n);
size_t parse_nstr(const parse_set *ps);

/* parse_set_config: the pairs of config set id (owned by the set). */
parse_config parse_set_config(const parse_set *ps, uint32_t config);

/* parse_unit_meta_get: the value of metadata key for tidied unit, or
   (parse_id)-1 when not set ("assume" is the one benchstat uses). */
parse_id parse_unit_meta_get(const parse_set *ps, parse_id unit, const char *key);

/* parse_tidy_unit applies benchunit.Tidy to a unit: writes the tidied unit
   (NUL-terminated) to out (size >= n+1 always suffices: tidying never
   lengthens... except "ns" -> "sec", so give n+n/2+2) and returns the
   factor to multiply values with (1 when unchanged).  Examples: ns/op ->
   sec/op 1e-9; MB/s -> B/s 1e6; MB*MB/s -> B*B/s 1e12; op/ns unchanged. */
double parse_tidy_unit(const char *unit, size_t n, char *out, size_t size);

/* parse_float parses a measurement as benchfmt does: all ASCII digits ->
   int64 fast path, else Go strconv.ParseFloat (decimal and exponent forms,
   inf/infinity/nan in any case with optional sign, hex floats with a 'p'
   exponent, '_' between digits).  Returns 0 and *v; -1 for invalid syntax;
   -2 for value out of range. */
int parse_float(const char *s, size_t n, double *v);

/* parse_atoi: Go strconv.Atoi on s[0..n) (sign, decimal digits, int64).
   Returns 0, -1 invalid syntax, -2 out of range. */
int parse_atoi(const char *s, size_t n, int64_t *v);

/* parse_config_line: is line[0..n) a `key: value` config line, by
   benchfmt's parseKeyValueLine (the rule of the current reader and of the
   old storage/benchfmt one alike)?  On true, the key is line[0..*key_n)
   and the value *val[0..*val_n); *val_n == 0 means "delete the key". */
bool parse_config_line(const char *line, size_t n, size_t *key_n, const char **val,
                       size_t *val_n);

/*
 * Benchmark names (benchfmt/result.go).  "Encode/format=json-48" has base
 * name "Encode", parts "/format=json" and "-48" (the GOMAXPROCS suffix:
 * a '-' followed by digits at the very end, not at the start).
 */
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
