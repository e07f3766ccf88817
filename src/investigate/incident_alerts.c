#include "investigate/incident_alerts.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "detect/detect.h"
#include "detect/rule.h"
#include "detect/rule_incident.h"
#include "investigate/lookups.h"
#include "normalise/ts.h"
#include "store/store_alerts.h"
#include "util/strmap.h"

/* Per actor, how many unexplained incident hits this batch raised so far:
 * the nth such hit weighs as the streaming rule weighs it. */
typedef struct hit_counter {
    strmap *ids;
    uint32_t *n;
    size_t cap;
} hit_counter;

static int count_hit(hit_counter *h, const char *actor, unsigned *nth)
{
    uint32_t id;
    if (strmap_intern(h->ids, actor, strlen(actor), &id) < 0) return -1;
    if (id >= h->cap) {
        size_t nc = h->cap ? h->cap * 2 : 64;
        while (nc <= id)
            nc *= 2;
        uint32_t *nn = realloc(h->n, nc * sizeof *nn);
        if (!nn) return -1;
        memset(nn + h->cap, 0, (nc - h->cap) * sizeof *nn);
        h->n = nn;
        h->cap = nc;
    }
    *nth = ++h->n[id];
    return 0;
}

static int raise_one(store *s, const inv_access *x, const inv_incident *inc, hit_counter *hits,
                     long *fresh)
{
    int unexplained = explain_is_unexplained(x->ex.status);
    unsigned nth = 0;
    if (unexplained && count_hit(hits, x->actor, &nth) < 0) return -1;
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
                     rule_incident_severity(unexplained),
                     rule_incident_score(unexplained, nth),
                     ev,
                     sub,
                     1,
                     NULL,
                     NULL,
                     0,
                     NULL,
                     NULL};
    int is_new = 0;
    if (store_put_alert(s, &a, &is_new) < 0) return -1;
    *fresh += is_new;
    return 0;
}

int inv_incident_alerts(store *s, const inv_incidents *inc, int64_t lookback, inv_raised *out,
                        werr *e)
{
    inv_lookups l = {0};
    hit_counter hits = {strmap_new(), NULL, 0};
    *out = (inv_raised){0, 0};
    if (!hits.ids) {
        werr_set(e, WERR_INTERNAL, "out of memory");
        goto fail;
    }
    if (inv_lookups_find(s, inc, lookback, &l, e) < 0) goto fail;
    if (store_begin(s) < 0) goto dberr;
    for (size_t i = 0; i < l.acc.n; i++)
        if (raise_one(s, &l.acc.v[i], &inc->v[l.incident[i]], &hits, &out->alerts) < 0) {
            store_rollback(s);
            goto dberr;
        }
    if (store_commit(s) < 0) {
        store_rollback(s);
        goto dberr;
    }
    out->lookups = (long)l.acc.n;
    inv_lookups_free(&l);
    strmap_free(hits.ids);
    free(hits.n);
    return 0;
dberr:
    werr_set(e, WERR_UNAVAILABLE, "cannot store incident alerts: %s", store_errmsg(s));
fail:
    inv_lookups_free(&l);
    strmap_free(hits.ids);
    free(hits.n);
    out->alerts = 0;
    return -1;
}
