/* csvfile — reads a CSV file with a header row, one record at a time,
 * through libcsv (RFC 4180: quotes, embedded commas and newlines, strict
 * about quotes).
 *
 * What a spreadsheet saves is read as it is: a UTF-8 byte order mark is
 * skipped; lines end in LF, CRLF or CR alone; the separator is ';' when the
 * header line holds ';' and no ',' (Excel in a locale with a decimal
 * comma), else ','. Line numbers are those a text editor shows.
 *
 * Two kinds of problem: one that leaves the rest of the file unreadable (an
 * unterminated quote, a '"' in the middle of an unquoted field, a record
 * longer than CSVFILE_MAX_RECORD) ends the reading: csvfile_next fails.
 * One that concerns a record alone (a field holding a NUL, a control
 * character or bytes that are not UTF-8; more or fewer fields than the
 * header) is told by csvfile_bad, and the next record can be read. */
#ifndef WACHTER_CSVFILE_H
#define WACHTER_CSVFILE_H
#include <stddef.h>

#include "util/werr.h"

enum { CSVFILE_MAX_RECORD = 64 * 1024, CSVFILE_MAX_FIELDS = 64 };

typedef struct csvfile csvfile;

/* Opens path and reads its header. Returns 0, or -1 with *e set (the
 * message starts with "path:" or "path:line:"). *out is owned by the
 * caller: csvfile_close it. */
int csvfile_open(const char *path, csvfile **out, werr *e);
void csvfile_close(csvfile *f);
/* Index of a header column, or -1 when the header lacks it. */
int csvfile_col(const csvfile *f, const char *name);
/* The header's columns: how many, and the name of column i (borrowed). */
size_t csvfile_ncols(const csvfile *f);
const char *csvfile_colname(const csvfile *f, size_t i);
/* The separator the header line chose: ',' or ';'. */
char csvfile_sep(const csvfile *f);
/* Reads the next record. Returns 1 with a record, 0 at end, -1 when the
 * rest of the file cannot be read (*e set: "line N: what"). Fields are
 * borrowed until the next call. */
int csvfile_next(csvfile *f, werr *e);
/* Why the current record cannot be taken as it is ("column 'surname' is
 * not UTF-8 ..."), or NULL when it can. Borrowed until the next record. */
const char *csvfile_bad(const csvfile *f);
/* Field i of the current record ("" when the record is shorter), trimmed. */
const char *csvfile_field(const csvfile *f, int i);
size_t csvfile_nfields(const csvfile *f);
/* Line on which the current record started (1-based; header is line 1
 * unless blank lines precede it). */
long csvfile_line(const csvfile *f);
/* The line a failure of csvfile_next concerns (for an unterminated quote,
 * the line where the quoted field began). */
long csvfile_errline(const csvfile *f);
#endif
