/* emit_timeline — one actor's look-ups and alerts, `wachter timeline`. */
#ifndef WACHTER_EMIT_TIMELINE_H
#define WACHTER_EMIT_TIMELINE_H
#include "emit/emit.h"
#include "investigate/timeline.h"
#include "util/buf.h"

/* t's accesses and alerts (borrowed) merged oldest first, an access before
 * an alert of the same time: a table headed with the actor's name and
 * closed by the counts, or one line per entry,
 * {"type":"access","ts","system","action","subject","case","explained",
 *  "status","reason","event"} or
 * {"type":"alert","ts","id","rule","severity","score","events","reason"}. */
int emit_timeline(buf *b, enum emit_format f, const char *actor, const inv_timeline *t);
/* emit_timeline with each look-up's alerts (t->ids): "alert_ids":[...]
 * on each access line (empty when none), or "[A1 A2]" after its
 * explanation in a table. */
int emit_timeline_ids(buf *b, enum emit_format f, const char *actor, const inv_timeline *t);
#endif
