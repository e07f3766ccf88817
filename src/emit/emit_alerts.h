/* emit_alerts — alerts as `wachter alerts` lists them, one at a time as
 * the store hands them out. */
#ifndef WACHTER_EMIT_ALERTS_H
#define WACHTER_EMIT_ALERTS_H
#include "emit/emit.h"
#include "store/store_alerts.h"
#include "util/buf.h"

/* What comes before the first alert: the table's heading; nothing in
 * jsonl. */
int emit_alerts_begin(buf *b, enum emit_format f);
/* One alert (borrowed): a table row, or one line
 * {"id","ts","actor","rule","severity","score","subjects":[],"events":[],"reason"}
 * An alert explained later (store_alerts.h) says so: after the reason, in
 * brackets, why; in jsonl with "status":"explained-later" and "why".
 * An alert read back from the store (raised set) adds "raised" (when it
 * was first stored) and "unit" (the actor's unit at the alert's time, ""
 * unknown). */
int emit_alert(buf *b, enum emit_format f, const store_alert *a);
/* 1 when a is explained later. */
int emit_alert_later(const store_alert *a);
#endif
