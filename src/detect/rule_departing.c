/* departing — data theft by departing staff: an export or print without a
 * case, in the window before the actor's known end date, that is large by
 * itself or with the other such exports of the window. It needs no
 * history: the first such export is enough. */
#include <stdio.h>
#include <stdlib.h>
#include <stddef.h>
#include <string.h>

#include "detect/rule.h"
#include "normalise/ts.h"

enum { WEEK = 7 };

/* Parameters (docs/rules.md; README "Configuring detection"). The window
 * and the weight are read by bulk, volume and first_use too
 * (rule_depart_days, det_event.depart). */
enum { P_WINDOW, P_WEIGHT, P_LARGE, P_USUAL_TIMES, NPARAM };
static const rule_param params[NPARAM] = {
    [P_WINDOW] = {"window_days", RULE_DEPART_DAYS, 1, 3650, 1, "days",
                  "the window before a known end date in which departing staff are watched"},
    [P_WEIGHT] = {"weight", RULE_DEPART_WEIGHT, 1, 100, 0, "times",
                  "exports, bulk, volume and new systems in the window weigh this many times more"},
    [P_LARGE] = {"large", RULE_DEPART_LARGE, 1, 4294967295.0, 1, "records",
                 "records exported or printed without a case within a week in the window that"
                 " alert, at least"},
    [P_USUAL_TIMES] = {"usual_times", 2, 1, 1000, 0, "times",
                       "and at least this many times the largest usual export (own before the"
                       " window, or three in four peers')"},
};

/* What matters is how much left in a short time: several medium lists in
 * a week are one large one, a role's routine lists spread over a month
 * are not. */
typedef struct state {
    uint32_t max_results; /* largest export before the window */
    int32_t day;          /* of the last export counted */
    uint32_t daily[WEEK]; /* records exported without a case, per day (a ring by day) */
    uint16_t count[WEEK]; /* such exports and prints, per day */
} state;

/* Moves s's week to end on day; returns the records and sets *n to the
 * exports of the last WEEK days. */
static uint64_t week_total(state *s, int32_t day, unsigned *n)
{
    if (day > s->day) {
        int32_t gap = day - s->day;
        for (int32_t d = 1; d <= gap && d <= WEEK; d++) {
            s->daily[(s->day + d) % WEEK] = 0;
            s->count[(s->day + d) % WEEK] = 0;
        }
        s->day = day;
    }
    uint64_t t = 0;
    *n = 0;
    for (int i = 0; i < WEEK; i++) {
        t += s->daily[i];
        *n += s->count[i];
    }
    return t;
}

/* Peer reference: the export size three in four of the actor's peers have
 * reached (rule_peer_p75). Some roles export long lists every week; for
 * them a large export is ordinary. */
static uint32_t peer_exports(rule_ctx *rc, const det_event *e)
{
    return rule_peer_p75(rc, e, offsetof(state, max_results));
}

static uint32_t clamp32(int64_t v)
{
    return v > UINT32_MAX ? UINT32_MAX : (uint32_t)v;
}

static int on_event(rule_ctx *rc, void *st, const det_event *e)
{
    state *s = st;
    const char *act = e->ev->action;
    if (e->ev->results < 0 || (strcmp(act, "export") != 0 && strcmp(act, "print") != 0)) return 0;
    char why[96];
    if (!rule_depart_days(e, why, sizeof why)) {
        if ((uint64_t)e->ev->results > s->max_results) s->max_results = clamp32(e->ev->results);
        return 0;
    }
    /* A print of one person's record is explained by the case that
     * covers the look-up; a list names no subject, only the case stated. */
    if (e->ex.status == EX_CASE || (e->ex.status == EX_NA && rule_case_covers(rule_refdata(rc), e)))
        return 0;
    uint32_t peers = peer_exports(rc, e);
    uint64_t usual = s->max_results > peers ? s->max_results : peers;
    const double *p = rule_params(rc);
    double by_usual = p[P_USUAL_TIMES] * (double)usual;
    uint64_t large = by_usual > p[P_LARGE] ? (uint64_t)by_usual : (uint64_t)p[P_LARGE];
    unsigned n;
    if (e->day < s->day) return 0; /* out of order: counted with its own day already */
    week_total(s, e->day, &n);
    s->daily[e->day % WEEK] = clamp32((int64_t)s->daily[e->day % WEEK] + e->ev->results);
    if (s->count[e->day % WEEK] < UINT16_MAX) s->count[e->day % WEEK]++;
    uint64_t total = week_total(s, e->day, &n);
    if (total < large) return 0;
    double ratio = (double)total / (double)large;
    double score = 50 + 15 * ratio;
    if (score > 95) score = 95;
    char reason[240];
    const char *what = strcmp(act, "export") == 0 ? "Export" : "Print";
    if (n == 1)
        snprintf(reason, sizeof reason, "%s of %lld records without a case,%s", what,
                 (long long)e->ev->results, why);
    else
        snprintf(reason, sizeof reason,
                 "%s of %lld records without a case, %llu records in %u exports and prints"
                 " within a week,%s",
                 what, (long long)e->ev->results, (unsigned long long)total, n, why);
    return rule_emit_event(rc, e, ratio >= 3 ? SEV_CRITICAL : SEV_HIGH, score, reason);
}

static int init(rule_ctx *rc, werr *e)
{
    const double *p = rule_params(rc);
    rule_depart_set(rc, (int32_t)p[P_WINDOW], p[P_WEIGHT]);
    return rule_peer_cache_init(rc, sizeof(rule_peer_p75_entry));
}

const rule_def rule_departing = {
    .name = "departing",
    .version = 1,
    .actor_state = sizeof(state),
    .params = params,
    .nparams = NPARAM,
    .init = init,
    .on_event = on_event,
};
