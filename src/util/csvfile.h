/* csvfile — reads a CSV file with a header row, one record at a time,
 * through libcsv (RFC 4180: quotes, embedded commas and newlines). */
#ifndef WACHTER_CSVFILE_H
#define WACHTER_CSVFILE_H
#include <stddef.h>

#include "util/werr.h"

typedef struct csvfile csvfile;

/* Opens path and reads its header. Returns 0, or -1 with *e set. *out is
 * owned by the caller: csvfile_close it. */
int csvfile_open(const char *path, csvfile **out, werr *e);
void csvfile_close(csvfile *f);
/* Index of a header column, or -1 when the header lacks it. */
int csvfile_col(const csvfile *f, const char *name);
/* Reads the next record. Returns 1 with a record, 0 at end, -1 on a parse
 * error (*e set: "line N: what"). Fields are borrowed until the next call. */
int csvfile_next(csvfile *f, werr *e);
/* Field i of the current record ("" when the record is shorter), trimmed. */
const char *csvfile_field(const csvfile *f, int i);
size_t csvfile_nfields(const csvfile *f);
/* Line on which the current record started (1-based; header is line 1). */
long csvfile_line(const csvfile *f);
#endif
