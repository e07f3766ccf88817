/* incident_alerts — an incident reported after the fact is checked against
 * history at once: every look-up of its subject inside the look-back
 * window raises an "incident" alert, under the same alert id the streaming
 * rule (detect/rule_incident.c) would have used, so the two merge. */
#ifndef WACHTER_INCIDENT_ALERTS_H
#define WACHTER_INCIDENT_ALERTS_H
#include <stddef.h>
#include <stdint.h>

#include "investigate/incident.h"

/* The streaming rule's look-back. */
#define INV_LOOKBACK_MS (INT64_C(30) * 86400000)

typedef struct inv_raised {
    long lookups; /* look-ups found inside the windows */
    long alerts;  /* alerts that did not exist before */
} inv_raised;

/* Raises the alerts for the incidents in inc (borrowed), in one
 * transaction. Returns 0, or -1 with e set (nothing written). */
int inv_incident_alerts(store *s, const inv_incidents *inc, int64_t lookback, inv_raised *out,
                        werr *e);
#endif
