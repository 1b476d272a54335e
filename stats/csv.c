/*
 * csv.c -- Go's encoding/csv quoting of one field (see csv.h).
 */
#include "csv.h"

#include <string.h>

#include "utf8.h"

/* fieldNeedsQuotes of encoding/csv/writer.go (Comma ',', UseCRLF off). */
bool csv_needs_quotes(const char *f)
{
    if (f[0] == '\0')
        return false;
    if (strcmp(f, "\\.") == 0 || strpbrk(f, ",\"\r\n"))
        return true;
    size_t len;
    return utf8_is_space(utf8_decode((const unsigned char *)f, strlen(f), &len));
}

/* Writer.Write's loop for one field: quote, the bytes with '"' doubled,
   quote. */
void csv_put_field(FILE *out, const char *f)
{
    if (!csv_needs_quotes(f)) {
        fputs(f, out);
        return;
    }
    putc('"', out);
    for (const char *p = f; *p; p++) {
        if (*p == '"')
            putc('"', out);
        putc(*p, out);
    }
    putc('"', out);
}
