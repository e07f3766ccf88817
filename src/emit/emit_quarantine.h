/* emit_quarantine — the bad input lines of `wachter quarantine`, one at a
 * time. */
#ifndef WACHTER_EMIT_QUARANTINE_H
#define WACHTER_EMIT_QUARANTINE_H
#include <stddef.h>
#include <stdint.h>

#include "emit/emit.h"
#include "store/store_quarantine.h"
#include "util/buf.h"

/* The table's heading; nothing in jsonl. */
int emit_quarantine_begin(buf *b, enum emit_format f);
/* One line: a table row with the first 60 raw bytes (shown as
 * util/esc.h escapes them: "\x1b", "\xff"), or {"source","line","reason","quarantined_at","raw"}
 * with every raw byte kept (escaped as \u00XX where JSON or UTF-8 needs it). */
int emit_quarantined_line(buf *b, enum emit_format f, const store_quarantined *q);
#endif
