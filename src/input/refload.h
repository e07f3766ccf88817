/* refload — reference data CSVs (actors, subjects, cases, ...) → the store. */
#ifndef WACHTER_REFLOAD_H
#define WACHTER_REFLOAD_H
#include "store/store.h"
#include "util/werr.h"

/* files and rows loaded; bad rows found; files not loaded for them. */
typedef struct refload_counts {
    long files, rows, bad, refused;
} refload_counts;

/* Where a load tells of what it refused: bad_row (when not NULL) is called
 * with ctx for each file that cannot be read, bad header and bad row (the
 * first 100 of a file), with the file's path, the line (1 = the header) and
 * the reason. line is 0 when the problem is not one line's: reason then
 * says where itself (it names the file), e.g. the closing "FILE: not
 * loaded (N bad rows); its table is unchanged". */
typedef struct refload_report {
    void (*bad_row)(void *ctx, const char *file, long line, const char *reason);
    void *ctx;
} refload_report;

/* Loads every known CSV found in dir (docs/design.md "Input"), updating rows
 * with the same key. With replace, a table whose file is present is emptied
 * first. Each file loads whole or not at all: a file with a bad row (a
 * value, a duplicate key within the file, an end before its start, a
 * header naming an unknown column, quoting that leaves the rest unreadable)
 * is told to rep, counted in out->bad and out->refused, and leaves its
 * table as it was; the other files load. Returns 0, or -1 when the
 * directory or the store fails (e set). */
int refload_dir(store *s, const char *dir, int replace, const refload_report *rep,
                refload_counts *out, werr *e);
/* Loads one known file by its base name (e.g. "incidents.csv") from path. */
int refload_file(store *s, const char *path, const char *name, int replace,
                 const refload_report *rep, refload_counts *out, werr *e);
/* Parses a date-or-time column: "" → 0 (absent), YYYY-MM-DD at the start
 * (or, with end_of_day, the last millisecond) of that UTC day, RFC 3339, or
 * epoch ms. Returns 1 with *ms, 0 when empty, -1 when unreadable. */
int refload_time(const char *s, int end_of_day, long long *ms);
#endif
