/*
 * gnuplot.h -- talking to gnuplot safely: string literals that cannot
 * run code, and running gnuplot on a script file.
 *
 * Safety design.  Benchmark names, file labels, titles and paths are data.
 * gnuplot expands `backquotes` and @macros in its input lines before it
 * parses them, and has system().  escplot therefore never writes such a
 * string into a script as it is: gp_quote turns it into a double-quoted
 * literal in which every byte other than ASCII letters, digits and a few
 * inert punctuation marks is an octal escape ("\140" for a backquote), so
 * the script line holds no backquote, no @, no quote and no newline of the
 * data; gnuplot rebuilds the bytes only inside the string value.  Data
 * files hold numbers only.  Labels are drawn with `noenhanced`, so ^ _ {
 * } @ & are text, not markup.  gnuplot runs on a script file (no shell),
 * with stdin from /dev/null and HOME pointing at the scratch directory so
 * that a ~/.gnuplot cannot change the charts.
 */
#ifndef ESCPLOT_GNUPLOT_H
#define ESCPLOT_GNUPLOT_H

#include <stdbool.h>

#include "strbuf.h"

/* gp_quote appends s as a gnuplot double-quoted string literal (see
   above).  The bytes are passed through unchanged (make them printable
   UTF-8 first, names_display). */
void gp_quote(strbuf *out, const char *s);

/* gp_find looks up the gnuplot program: `prog` itself when it contains a
   '/', else the first executable `prog` in $PATH.  On success returns true
   and its absolute path in *path (gp_run changes directory). */
bool gp_find(const char *prog, strbuf *path);

/* gp_run runs `gnuplot script` in directory dir (script is a file name in
   dir) and waits.  Returns 0 when gnuplot exited 0; else -1 with a message
   in *err ("gnuplot exited with status 1: <its last stderr lines>").
   gnuplot's stderr is kept in dir/gnuplot.err. */
int gp_run(const char *gnuplot, const char *dir, const char *script, strbuf *err);

/* gp_nonfinite reports whether text holds a number printf wrote for NaN
   or an infinity ("nan", "-nan", "inf", "-inf" as a word), which gnuplot
   reads as an undefined variable in a script, or as a value in a data
   file.  In a script (script true) the words are looked for outside
   "..." strings and in any case ("NaN" too); in a data file only as printf
   writes them, since "NaN" there is escplot's marker for "no point". */
bool gp_nonfinite(const char *text, bool script);

/* gp_check_output checks that gnuplot's output file at path is whole and
   on disk: a PNG ends with its IEND chunk, an SVG with "</svg>" (gnuplot
   exits 0 when its terminal could not write the file, e.g. on a full
   disk), and fsync succeeds.  Returns 0, or -1 with the reason in *why
   ("incomplete file (is the disk full?)", or fsync's error). */
int gp_check_output(const char *path, strbuf *why);

#endif
