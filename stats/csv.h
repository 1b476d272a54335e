/*
 * csv.h -- one CSV field written as Go's encoding/csv Writer writes it
 * (encoding/csv/writer.go: Write, fieldNeedsQuotes), for the CSV of both
 * modes (render.c, legacy_format.c).
 *
 * No state, no allocation.  Write errors are left in the stream's error
 * flag (ferror) for the caller to check.
 */
#ifndef ESCSTAT_CSV_H
#define ESCSTAT_CSV_H

#include <stdbool.h>
#include <stdio.h>

/* csv_needs_quotes is fieldNeedsQuotes: f is not empty and is `\.`, holds
   a comma, a double quote, CR or LF, or starts with a space (Go's
   unicode.IsSpace of its first rune). */
bool csv_needs_quotes(const char *f);

/* csv_put_field writes f to out, quoted (with inner quotes doubled) when
   csv_needs_quotes says so, as is otherwise.  No separator, no newline. */
void csv_put_field(FILE *out, const char *f);

#endif
