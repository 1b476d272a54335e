/*
 * legacy_format.h -- the pre-2023 benchstat's output (golang.org/x/perf at
 * 91a0461: benchstat/text.go FormatText and FormatCSV, html.go FormatHTML,
 * scaler.go NewScaler, data.go Metrics.Format) for the tables of legacy.h.
 *
 * Each function writes to the stream it is given and returns 0, or -1 when
 * out of memory (the output is then incomplete); write errors are left in
 * the stream for the caller to check.
 */
#ifndef ESCSTAT_LEGACY_FORMAT_H
#define ESCSTAT_LEGACY_FORMAT_H

#include <stdbool.h>
#include <stdio.h>

#include "legacy.h"

/* The fixed-width text tables. */
int legacy_format_text(const legacy_tables *t, FILE *out);

/* CSV: means as %.5E in the raw unit, the ± columns unless norange. */
int legacy_format_csv(const legacy_tables *t, bool norange, FILE *out);

/* The HTML page: cmd/benchstat's header, the tables, its footer. */
int legacy_format_html(const legacy_tables *t, FILE *out);

/* NewScaler(val, unit) applied to x, written to buf: "13.6ms", "56.6MB/s",
   "976B", "24.3" (Go's %.Nf: NaN, +Inf).  Exposed for tests. */
void legacy_scale(double val, const char *unit, double x, char *buf, size_t size);


#endif
