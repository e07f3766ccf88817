#include "ops/ops_alerts.h"

int ops_alerts_each(store *s, const char *actor, int min_severity, store_alert_fn fn, void *ctx,
                    werr *e)
{
    int rc = store_each_alert(s, actor, min_severity, 0, fn, ctx);
    if (rc < 0) werr_set(e, WERR_UNAVAILABLE, "cannot read the alerts: %s", store_errmsg(s));
    return rc;
}

int ops_alerts_one(store *s, const char *id, store_alert_fn fn, void *ctx, werr *e)
{
    int rc = store_alert_get(s, id, fn, ctx);
    if (rc < 0) werr_set(e, WERR_UNAVAILABLE, "cannot read alert %s: %s", id, store_errmsg(s));
    return rc;
}
