/* ops_incident — `incident add`: one incident reported after the fact,
 * kept in the store and checked against history at once. */
#ifndef WACHTER_OPS_INCIDENT_H
#define WACHTER_OPS_INCIDENT_H
#include <stdint.h>

#include "investigate/incident_alerts.h"

/* Stores x (borrowed; an incident of the same id is replaced) and raises
 * the incident alerts of its subject's look-ups in the *lookback (ms)
 * before it; a *lookback of 0 is set to the one in force
 * (incident.lookback_days, ops_rules.h), as the streaming rule uses,
 * as the store's one writer (store_lock.h: WERR_CONFLICT while another
 * process writes it). Returns 0 with *out, or -1 with e set. */
int ops_incident_add(store *s, const inv_incident *x, int64_t *lookback, inv_raised *out, werr *e);
#endif
