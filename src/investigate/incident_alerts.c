#include "investigate/incident_alerts.h"

#include <stdio.h>

#include "detect/detect.h"
#include "investigate/lookups.h"
#include "normalise/ts.h"
#include "store/store_alerts.h"

/* Severity and score as the streaming rule gives them. */
enum { SEV_UNEXPLAINED = 3, SEV_EXPLAINED = 1 };
static const double SCORE_UNEXPLAINED = 45, SCORE_EXPLAINED = 6;

static int raise_one(store *s, const inv_access *x, const inv_incident *inc, long *fresh)
{
    int unexplained = explain_is_unexplained(x->ex.status);
    char id[24], reason[220];
    det_alert_id("incident", x->actor, NULL, x->ts, id);
    snprintf(reason, sizeof reason,
             "Looked up %s%s %.1f days before incident %s (%s) involving that subject", x->subject,
             unexplained ? " without a case" : " under a case",
             (double)(inc->ts - x->ts) / TS_DAY_MS, inc->id, inc->kind[0] ? inc->kind : "incident");
    const char *ev[1] = {x->id}, *sub[1] = {x->subject};
    store_alert a = {id,
                     x->actor,
                     "incident",
                     reason,
                     x->ts,
                     unexplained ? SEV_UNEXPLAINED : SEV_EXPLAINED,
                     unexplained ? SCORE_UNEXPLAINED : SCORE_EXPLAINED,
                     ev,
                     sub,
                     1};
    int is_new = 0;
    if (store_put_alert(s, &a, &is_new) < 0) return -1;
    *fresh += is_new;
    return 0;
}

int inv_incident_alerts(store *s, const inv_incidents *inc, int64_t lookback, inv_raised *out,
                        char *err, size_t errlen)
{
    inv_lookups l = {0};
    *out = (inv_raised){0, 0};
    if (inv_lookups_find(s, inc, lookback, &l, err, errlen) < 0) goto fail;
    if (store_begin(s) < 0) goto dberr;
    for (size_t i = 0; i < l.acc.n; i++)
        if (raise_one(s, &l.acc.v[i], &inc->v[l.incident[i]], &out->alerts) < 0) {
            store_rollback(s);
            goto dberr;
        }
    if (store_commit(s) < 0) {
        store_rollback(s);
        goto dberr;
    }
    out->lookups = (long)l.acc.n;
    inv_lookups_free(&l);
    return 0;
dberr:
    snprintf(err, errlen, "cannot store incident alerts: %s", store_errmsg(s));
fail:
    inv_lookups_free(&l);
    out->alerts = 0;
    return -1;
}
