#include "ops/ops_person.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "normalise/ts.h"
#include "store/store_alerts.h"
#include "store/store_events.h"
#include "store/store_person.h"

/* Risk over time spans at most this many days, the last ones. */
enum { OPS_RISK_DAYS_MAX = 366 };

static int add_alert(const store_alert *a, void *ctx)
{
    ops_person_page *p = ctx;
    if (p->nalerts == p->cap) {
        size_t nc = p->cap ? p->cap * 2 : 32;
        inv_alert *nv = realloc(p->alerts, nc * sizeof *nv);
        if (!nv) return -1;
        p->alerts = nv;
        p->cap = nc;
    }
    int later = a->status && strcmp(a->status, STORE_EXPLAINED_LATER) == 0;
    inv_alert x = {arena_strdup(p->strings, a->id),
                   arena_strdup(p->strings, a->rule),
                   arena_strdup(p->strings, a->reason),
                   a->ts,
                   a->severity,
                   a->score,
                   a->n,
                   arena_strdup(p->strings, later && a->why ? a->why : "")};
    if (!x.id || !x.rule || !x.reason || !x.why) return -1;
    p->alerts[p->nalerts++] = x;
    return 0;
}

/* The days with alerts, as the store sums them. */
typedef struct days {
    ops_risk_day *v;
    size_t n, cap;
} days;

static int add_day(int64_t day, double score, long alerts, void *ctx)
{
    days *d = ctx;
    if (d->n == d->cap) {
        size_t nc = d->cap ? d->cap * 2 : 32;
        ops_risk_day *nv = realloc(d->v, nc * sizeof *nv);
        if (!nv) return -1;
        d->v = nv;
        d->cap = nc;
    }
    d->v[d->n++] = (ops_risk_day){day, score, alerts};
    return 0;
}

/* One entry per day from the first day with alerts (or OPS_RISK_DAYS_MAX
 * before last) to last, each day's score the decayed sum of all before. */
static int spread(ops_person_page *p, const days *d, int64_t last)
{
    if (d->n == 0) return 0;
    int64_t first = d->v[0].day;
    if (last < d->v[d->n - 1].day) last = d->v[d->n - 1].day;
    if ((last - first) / TS_DAY_MS >= OPS_RISK_DAYS_MAX)
        first = last - (OPS_RISK_DAYS_MAX - 1) * TS_DAY_MS;
    size_t n = (size_t)((last - first) / TS_DAY_MS) + 1;
    if (!(p->days = calloc(n, sizeof *p->days))) return -1;
    double decay = pow(0.5, 1.0 / RISK_HALF_LIFE_DAYS), score = 0;
    size_t k = 0;
    /* The alerts before the span still weigh, decayed. */
    for (; k < d->n && d->v[k].day < first; k++)
        score += d->v[k].score * pow(decay, (double)(first - d->v[k].day) / TS_DAY_MS);
    for (size_t i = 0; i < n; i++) {
        int64_t day = first + (int64_t)i * TS_DAY_MS;
        if (i) score *= decay;
        long alerts = 0;
        for (; k < d->n && d->v[k].day == day; k++) {
            score += d->v[k].score;
            alerts += d->v[k].alerts;
        }
        p->days[i] = (ops_risk_day){day, round(score * 10) / 10, alerts};
    }
    p->ndays = n;
    return 0;
}

/* Copies actor's row of the ranking rows[0..n) into p (its own strings). */
static int take_rank(ops_person_page *p, const risk_row *rows, size_t n, werr *e)
{
    p->ranked_of = n;
    for (size_t i = 0; i < n; i++) {
        if (strcmp(rows[i].actor, p->actor) != 0) continue;
        p->risk = rows[i];
        p->risk.actor = strdup(rows[i].actor);
        int ok = p->risk.actor != NULL;
        for (int k = 0; k < rows[i].nreasons; k++)
            ok &= (p->risk.reasons[k] = strdup(rows[i].reasons[k])) != NULL;
        p->ranked = 1; /* what was copied is freed with the page */
        return ok ? 0 : werr_set(e, WERR_INTERNAL, "out of memory");
    }
    return 0;
}

int ops_person(store *s, const char *actor, ops_person_page *out, werr *e)
{
    risk_row *rows;
    size_t n;
    if (risk_rank(s, 0, 0, &rows, &n, e) < 0) return -1;
    int rc = ops_person_ranked(s, actor, rows, n, out, e);
    risk_free(rows, n);
    return rc;
}

int ops_person_ranked(store *s, const char *actor, const risk_row *rows, size_t n,
                      ops_person_page *out, werr *e)
{
    if (strlen(actor) >= sizeof out->actor)
        return werr_set(e, WERR_INPUT, "no such person: the id is too long");
    snprintf(out->actor, sizeof out->actor, "%s", actor);
    if (!out->strings && !(out->strings = arena_new(0)))
        return werr_set(e, WERR_INTERNAL, "out of memory");
    if (store_person_register(s, actor, &out->registered, out->unit, out->role, sizeof out->unit) <
        0)
        return werr_set(e, WERR_UNAVAILABLE, "cannot read the staff register: %s", store_errmsg(s));
    if (store_each_alert(s, actor, 1, 0, add_alert, out) != 0)
        return werr_set(e, WERR_UNAVAILABLE, "cannot read the alerts of %s: %s", actor,
                        store_errmsg(s));
    if (!out->registered && out->nalerts == 0)
        return werr_set(e, WERR_NOT_FOUND,
                        "no such person: %s is not in the staff register and has"
                        " no alerts",
                        actor);
    if (take_rank(out, rows, n, e) < 0) return -1;
    days d = {0};
    int64_t newest = 0;
    int rc = store_person_alert_days(s, actor, add_day, &d);
    if (rc == 0) rc = store_newest_event(s, &newest);
    if (rc != 0) {
        free(d.v);
        return werr_set(e, WERR_UNAVAILABLE, "cannot read the alerts of %s: %s", actor,
                        store_errmsg(s));
    }
    rc = spread(out, &d, newest - newest % TS_DAY_MS);
    free(d.v);
    return rc < 0 ? werr_set(e, WERR_INTERNAL, "out of memory") : 0;
}

void ops_person_free(ops_person_page *p)
{
    if (p->ranked) {
        free(p->risk.actor);
        for (int k = 0; k < p->risk.nreasons; k++)
            free(p->risk.reasons[k]);
    }
    free(p->alerts);
    free(p->days);
    arena_free(p->strings);
    memset(p, 0, sizeof *p);
}

int ops_person_record(store *s, const char *actor, char *subject, size_t n, werr *e)
{
    if (store_person_subject(s, actor, subject, n) < 0)
        return werr_set(e, WERR_UNAVAILABLE, "cannot read the staff register: %s", store_errmsg(s));
    if (!subject[0])
        return werr_set(e, WERR_NOT_FOUND,
                        "no such record: the staff register gives %s no record as a citizen",
                        actor);
    return 0;
}
