/* store_risk — the stored alerts as risk scoring (score/risk.h) sums
 * them: every alert, grouped by actor and, within one actor, by rule. */
#ifndef WACHTER_STORE_RISK_H
#define WACHTER_STORE_RISK_H
#include <stdint.h>

#include "store/store.h"

typedef struct store_risk_alert {
    const char *actor, *rule, *reason;
    double score; /* 0..100 */
    int64_t ts;   /* ms */
} store_risk_alert;

/* Calls fn for every stored alert that counts (STORE_ALERT_COUNTS in
 * store_alerts.h: not one explained later, or closed as benign, a false
 * positive or a duplicate), ordered by actor, then rule; an alert naming
 * several actors once for each, with its weight for that actor as score.
 * The alert is borrowed for the call. fn returns 0 to go on. Returns 0, -1 on a
 * store error, or fn's non-zero value. */
typedef int (*store_risk_fn)(const store_risk_alert *a, void *ctx);
int store_each_alert_by_actor(store *s, store_risk_fn fn, void *ctx);
/* A number that changes when an alert's disposition takes it out of the
 * risk or puts it back, or a function's analysis or a band's weight
 * changes (for a cached risk list; new alerts change store_staff_stamp).
 * 0, or -1 on a store error. */
int store_risk_stamp(store *s, int64_t *stamp);
#endif
