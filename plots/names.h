/*
 * names.h -- benchmark names and file labels as escplot shows them:
 * made printable, abbreviated to fit a chart, turned into file names.
 *
 * Names are data.  Nothing here makes them safe for gnuplot (gnuplot.h
 * quotes them); these functions only decide what the reader sees.
 * Widths are counted in code points of valid UTF-8.
 */
#ifndef ESCPLOT_NAMES_H
#define ESCPLOT_NAMES_H

#include <stdbool.h>
#include <stddef.h>

#include "strbuf.h"

/* names_display appends s[0..n) to out as printable UTF-8: invalid bytes
   become U+FFFD, a newline "\n", a tab "\t", other control bytes "\xHH".
   A name read from a file never has a newline; a label from the command
   line may. */
void names_display(const char *s, size_t n, strbuf *out);

/* names_width: code points in the NUL-terminated UTF-8 string s. */
size_t names_width(const char *s);

/* names_abbrev appends to out the display form of name shortened to at
   most max code points (max >= 8), in this order until it fits:
     1. as is;
     2. "/key=value" parts lose their "key=" ("size=4KiB" -> "4KiB");
     3. the longest part is cut in the middle with "…", repeatedly, down
        to 3 + 1 + 3 code points per part;
     4. the step-2 form is cut in the middle with "…" (one ellipsis).
   Deterministic: the same name and max give the same text. */
void names_abbrev(const char *name, size_t max, strbuf *out);

/* names_abbrev_variant: names_abbrev for the sub-benchmark part of a name
   ("threshold=dynamic/size=4KiB"), whose first part loses its "key=" in
   step 2 as well. */
void names_abbrev_variant(const char *variant, size_t max, strbuf *out);

/* names_abbrev_all abbreviates n names (variants: as names_abbrev_variant)
   to at most max code points each,
   keeping them distinct: when two abbreviations of different names
   collide, each of them is abbreviated shorter and gets " #k" (k = 1-based
   index among all names) appended, staying within max when max allows.  out[i] must
   be initialised bufs; they receive the labels. */
void names_abbrev_all(const char *const *names, size_t n, size_t max, bool variants, strbuf *out);

/* names_slug appends a file-name-safe form of s to out: ASCII letters,
   digits, '.', '_' and '-' are kept (a leading '.' or '-' becomes '_'),
   every other run of bytes becomes one '_', and at most 64 bytes are
   written.  An empty result is "x". */
void names_slug(const char *s, strbuf *out);

#endif

/* names_family splits a full benchmark name as benchstat does
   (parse_name_split): *base_n receives the length of the base name
   ("Sink" of "Sink/any-2"), and variant receives the sub-benchmark parts
   without the leading '/' and without the GOMAXPROCS suffix ("any";
   "threshold=dynamic/size=4KiB"; "" for a name without parts). */
void names_family(const char *full, size_t *base_n, strbuf *variant);
