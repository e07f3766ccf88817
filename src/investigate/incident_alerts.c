#include "investigate/incident_alerts.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "detect/alert_store.h"
#include "detect/detect.h"
#include "detect/rule.h"
#include "detect/rule_incident.h"
#include "investigate/lookups.h"
#include "normalise/ts.h"
#include "store/store_alerts.h"
#include "util/strmap.h"

/* Per actor, how many distinct subjects this batch raised unexplained
 * incident hits for so far: the nth such subject weighs as the streaming
 * rule weighs it, and a subject looked up again, or before two incidents,
 * counts once. */
typedef struct hit_counter {
    strmap *ids, *pairs; /* actor; actor and subject */
    uint32_t *n;
    size_t cap;
    alert_store_bufs m;
} hit_counter;

static int count_hit(hit_counter *h, const char *actor, const char *subject, unsigned *nth)
{
    uint32_t id;
    char key[600];
    int kl = snprintf(key, sizeof key, "%s\x1f%s", actor, subject);
    int fresh = strmap_intern(h->pairs, key,
                              (size_t)(kl < (int)sizeof key ? kl : (int)sizeof key - 1), &id);
    if (fresh < 0 || strmap_intern(h->ids, actor, strlen(actor), &id) < 0) return -1;
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
    *nth = fresh ? ++h->n[id] : h->n[id];
    return 0;
}

static int raise_one(store *s, const inv_access *x, const inv_incident *inc, hit_counter *hits,
                     long *fresh)
{
    int unexplained = explain_is_unexplained(x->ex.status);
    unsigned nth = 0;
    if (unexplained && count_hit(hits, x->actor, x->subject, &nth) < 0) return -1;
    char id[24], reason[220], item[ALERT_ITEM_LEN];
    det_alert_id("incident", x->actor, NULL, x->ts, id);
    const char *kind = inc->kind[0] ? inc->kind : "incident";
    snprintf(reason, sizeof reason,
             "Looked up %s%s %.1f days before incident %s (%s) involving that subject", x->subject,
             unexplained ? " without a case" : " under a case",
             (double)(inc->ts - x->ts) / TS_DAY_MS, inc->id, kind);
    snprintf(item, sizeof item, "%s before %s (%s)", x->subject, inc->id, kind);
    const char *ev[1] = {x->id}, *sub[1] = {x->subject};
    store_alert a = {.id = id,
                     .actor = x->actor,
                     .rule = "incident",
                     .reason = reason,
                     .ts = x->ts,
                     .severity = rule_incident_severity(unexplained),
                     .score = rule_incident_score(unexplained, nth),
                     .events = ev,
                     .subjects = sub,
                     .n = 1};
    alert_text t = {reason, a.score, {item}, 1, 0};
    int is_new = 0;
    if (alert_store_put(s, &a, &t, &hits->m, &is_new) < 0) return -1;
    *fresh += is_new;
    return 0;
}

int inv_incident_alerts(store *s, const inv_incidents *inc, int64_t lookback, inv_raised *out,
                        werr *e)
{
    inv_lookups l = {0};
    hit_counter hits = {strmap_new(), strmap_new(), NULL, 0, {{0}, {0}, {0}}};
    *out = (inv_raised){0, 0};
    if (!hits.ids || !hits.pairs) {
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
    strmap_free(hits.pairs);
    alert_store_bufs_free(&hits.m);
    free(hits.n);
    return 0;
dberr:
    werr_set(e, WERR_UNAVAILABLE, "cannot store incident alerts: %s", store_errmsg(s));
fail:
    inv_lookups_free(&l);
    strmap_free(hits.ids);
    strmap_free(hits.pairs);
    alert_store_bufs_free(&hits.m);
    free(hits.n);
    out->alerts = 0;
    return -1;
}
