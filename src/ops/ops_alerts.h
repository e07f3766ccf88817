/* ops_alerts — `alerts`: the stored alerts, newest first, for one actor or
 * all, from a severity up. */
#ifndef WACHTER_OPS_ALERTS_H
#define WACHTER_OPS_ALERTS_H
#include "store/store_alerts.h"

/* Calls fn(alert, ctx) for each alert of actor (NULL: everyone's) of at
 * least min_severity, as store_each_alert orders them; fn returns non-zero
 * to stop. Returns 0, fn's non-zero value, or -1 with e set. */
int ops_alerts_each(store *s, const char *actor, int min_severity, store_alert_fn fn, void *ctx,
                    werr *e);
/* Calls fn(alert, ctx) for the alert id (not at all when there is
 * none). Returns 0, fn's non-zero value, or -1 with e set. */
int ops_alerts_one(store *s, const char *id, store_alert_fn fn, void *ctx, werr *e);
#endif
