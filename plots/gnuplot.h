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

#include "buf.h"

/* gp_quote appends s as a gnuplot double-quoted string literal (see
   above).  The bytes are passed through unchanged (make them printable
   UTF-8 first, names_display). */
void gp_quote(buf *out, const char *s);

/* gp_find looks up the gnuplot program: `prog` itself when it contains a
   '/', else the first executable `prog` in $PATH.  On success returns true
   and its absolute path in *path (gp_run changes directory). */
bool gp_find(const char *prog, buf *path);

/* gp_run runs `gnuplot script` in directory dir (script is a file name in
   dir) and waits.  Returns 0 when gnuplot exited 0; else -1 with a message
   in *err ("gnuplot exited with status 1: <its last stderr lines>").
   gnuplot's stderr is kept in dir/gnuplot.err. */
int gp_run(const char *gnuplot, const char *dir, const char *script, buf *err);

#endif
