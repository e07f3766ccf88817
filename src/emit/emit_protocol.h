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

/* The citizen's letter as one JSON object, for the workbench:
 * {"subject","from","to" (dates, null: open),"rows":[{"date","ts","unit",
 *  "system","purpose","explained_by"}]}, explained_by in Dutch, for the
 * citizen: "zaak van UNIT, geopend DATE" (no case number) or "zonder
 * zaak"; a purpose withheld reads "(niet vermeld)". Begin, then each row
 * (first: whether it is the first), then end. */
int emit_letter_begin(buf *b, const char *subject, int64_t from, int64_t to);
int emit_letter_row(buf *b, const inv_letter_row *r, int first);
int emit_letter_end(buf *b);
#endif
