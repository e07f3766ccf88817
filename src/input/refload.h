/* refload — reference data CSVs (actors, subjects, cases, ...) → the store. */
#ifndef WACHTER_REFLOAD_H
#define WACHTER_REFLOAD_H
#include <stdio.h>

#include "store/store.h"

typedef struct refload_counts {
    long files, rows, bad;
} refload_counts;

/* Loads every known CSV found in dir (docs/design.md "Input"), updating rows
 * with the same key. With replace, a table whose file is present is emptied
 * first. Bad rows are reported on errs as "file:line: reason" and skipped.
 * Returns 0, or -1 when the directory or the store fails (message on errs). */
int refload_dir(store *s, const char *dir, int replace, FILE *errs, refload_counts *out);
/* Loads one known file by its base name (e.g. "incidents.csv") from path. */
int refload_file(store *s, const char *path, const char *name, int replace, FILE *errs,
                 refload_counts *out);
/* Parses a date-or-time column: "" → 0 (absent), YYYY-MM-DD at the start
 * (or, with end_of_day, the last millisecond) of that UTC day, RFC 3339, or
 * epoch ms. Returns 1 with *ms, 0 when empty, -1 when unreadable. */
int refload_time(const char *s, int end_of_day, long long *ms);
#endif
