/* emit_protocol — the citizen's overview of `wachter protocol`, row by row
 * as inv_protocol_each hands them out. The rows carry no employee's
 * identity, and nothing here adds one. */
#ifndef WACHTER_EMIT_PROTOCOL_H
#define WACHTER_EMIT_PROTOCOL_H
#include "emit/emit.h"
#include "investigate/protocol.h"
#include "util/buf.h"

/* The table's title naming subject and its heading; nothing in jsonl. */
int emit_protocol_begin(buf *b, enum emit_format f, const char *subject);
/* One access (borrowed): a table row, or one line
 * {"ts","unit","system","action","purpose","case"}. */
int emit_protocol_row(buf *b, enum emit_format f, const inv_protocol_row *r);
/* After the last row: the table's count of the n accesses; nothing in
 * jsonl. */
int emit_protocol_end(buf *b, enum emit_format f, long n);
#endif
