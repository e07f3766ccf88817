/* emit_incident — what checking incidents against history raised: one
 * incident added by `wachter incident add`, or the new incidents a
 * `wachter load` brought. */
#ifndef WACHTER_EMIT_INCIDENT_H
#define WACHTER_EMIT_INCIDENT_H
#include <stddef.h>
#include <stdint.h>

#include "emit/emit.h"
#include "investigate/incident_alerts.h"
#include "util/buf.h"

/* Incident x, stored and checked over lookback ms, with what that raised
 * (r): a sentence, or one line {"incident","lookups","alerts"}. */
int emit_incident(buf *b, enum emit_format f, const inv_incident *x, int64_t lookback,
                  const inv_raised *r);
/* n new incidents checked over the look-back lookback (ms),
 * with what that raised: one sentence in every format (load has no JSON
 * form yet). */
int emit_incidents_new(buf *b, enum emit_format f, size_t n, int64_t lookback, const inv_raised *r);
#endif
