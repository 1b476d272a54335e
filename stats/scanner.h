/*
 * scanner.h -- an input's bytes cut into lines: read() into chunks, each
 * a block of text and a record for every complete line in it (its place,
 * and for the common benchmark lines parse_fast_scan's result).  Nothing
 * is mapped: a file that shrinks while it is read ends where it now ends
 * (read() returns 0), as it does for benchstat, and cannot raise SIGBUS.
 *
 * With a producer thread (big regular files: reader.c decides) the chunks
 * are filled ahead of the consumer while it turns their records into
 * results; chunks go round a ring of four.  Without, the consumer's
 * thread fills one chunk at a time.  Either way a byte is read once,
 * searched for '\n' and NUL once, and scanned once.  The first block is
 * sniffed: UTF-16, binary and Google Benchmark JSON stop the scanning
 * with a reason (SCAN_UTF16, SCAN_BINARY, SCAN_JSON).
 */
#ifndef ESCSTAT_SCANNER_H
#define ESCSTAT_SCANNER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "grammar.h"

/* What a line record holds. */
enum { LINE_PLAIN, LINE_BENCH };

/* One complete line of a chunk. */
typedef struct line_rec {
    uint32_t off;               /* the line in the chunk's text */
    uint32_t len;               /* without '\n' and a trailing '\r' */
    uint32_t kind;              /* LINE_PLAIN or LINE_BENCH */
    fast_line fl;               /* LINE_BENCH: the line after "Benchmark" */
} line_rec;

/* How a chunk ends: more chunks follow, or why reading stops after its
   lines. */
enum { SCAN_MORE, SCAN_EOF, SCAN_TOOLONG, SCAN_NUL, SCAN_READERR, SCAN_UTF16, SCAN_BINARY,
       SCAN_JSON };            /* the input is Google Benchmark JSON (gbjson.h) */

/* A block of text and its lines.  Owned by the scanner; valid until the
   next scanner_next or scanner_free. */
typedef struct chunk {
    char *text;                 /* the bytes (lines, then the unfinished one) */
    size_t len;                 /* bytes of text held */
    size_t carry;               /* text[carry..len): the unfinished line */
    line_rec *lines;            /* the complete lines' records */
    size_t nlines;
    int end;                    /* SCAN_* */
} chunk;

/* The scanner of one input (opaque). */
typedef struct scanner scanner;

/* scanner_new: a scanner of file descriptor fd (not owned: the caller
   closes it after scanner_free), not started.  NULL when out of memory. */
scanner *scanner_new(int fd);

/* scanner_start allocates the chunks and, when threaded is asked for and
   can be had, starts the producer thread (else the caller's thread will
   produce).  Returns 0, -1 when out of memory. */
int scanner_start(scanner *sc, bool threaded);

/* scanner_started: whether scanner_start succeeded. */
bool scanner_started(const scanner *sc);

/* scanner_next gives back the chunk the caller is done with (if any) and
   returns the next one.  Only called while the last chunk returned ended
   in SCAN_MORE. */
chunk *scanner_next(scanner *sc);

/* scanner_errno: the errno of the failed read() behind SCAN_READERR. */
int scanner_errno(const scanner *sc);

/* scanner_free stops the producer (if any) and frees everything.  NULL is
   fine. */
void scanner_free(scanner *sc);

#endif
