/* bulk — exports and prints of many records, and enumeration: many
 * subjects looked up within an hour, far beyond the actor's own busiest
 * hours. */
#include <stdio.h>
#include <stdlib.h>
#include <stddef.h>
#include <string.h>

#include "detect/rule.h"
#include "normalise/ts.h"

typedef struct state {
    int32_t hour;           /* hours since 1970 */
    uint16_t in_hour, next; /* subject look-ups this hour; next count to report at */
    uint16_t max_hour;      /* busiest ordinary hour so far */
    uint32_t max_results;   /* largest ordinary export so far */
    uint8_t alerted;
} state;

/* Peer reference: the export size three in four of the actor's peers have
 * reached (rule_peer_p75). Some roles export long lists every week; for
 * them a large export is ordinary. */
static uint32_t peer_exports(rule_ctx *rc, const det_event *e)
{
    return rule_peer_p75(rc, e, offsetof(state, max_results));
}

static int export_check(rule_ctx *rc, state *s, const det_event *e)
{
    const char *act = e->ev->action;
    if (strcmp(act, "export") != 0 && strcmp(act, "print") != 0) return 0;
    if (e->ev->results < 0) return 0;
    uint32_t own = s->max_results;
    /* Learned whatever happens: an alert is raised once per jump, and a
     * role's regular exports become the actor's own normal. */
    if ((uint64_t)e->ev->results > s->max_results)
        s->max_results = e->ev->results > UINT32_MAX ? UINT32_MAX : (uint32_t)e->ev->results;
    uint32_t peers = peer_exports(rc, e);
    uint64_t usual = own > peers ? own : peers;
    if (usual < 20) usual = 20;
    /* Before a known end date the bar drops and the finding weighs more. */
    char why[96] = "";
    int leaving = rule_depart_days(e, why, sizeof why) > 0;
    if (e->ev->results < (leaving ? 50 : 100) ||
        (uint64_t)e->ev->results < (leaving ? 2 : 5) * usual)
        return 0;
    double ratio = (double)e->ev->results / (double)usual;
    double score = 35 + 5 * ratio;
    if (score > 85) score = 85;
    if (leaving) score = score * e->depart->weight > 95 ? 95 : score * e->depart->weight;
    char reason[240];
    snprintf(reason, sizeof reason,
             "%s of %lld records, %.0fx the largest this person or most of their peers made"
             " before%s%s",
             strcmp(act, "export") == 0 ? "Export" : "Print", (long long)e->ev->results, ratio,
             leaving ? "," : "", why);
    return rule_emit_event(rc, e, SEV_HIGH, score, reason);
}

static int enumeration_check(rule_ctx *rc, state *s, const det_event *e)
{
    if (!e->ev->subject[0]) return 0;
    int32_t hour = (int32_t)(e->ev->ts / TS_HOUR_MS);
    if (hour > s->hour) {
        if (!s->alerted && s->in_hour > s->max_hour) s->max_hour = s->in_hour;
        s->hour = hour;
        s->in_hour = 0;
        s->next = 0;
        s->alerted = 0;
    }
    if (s->in_hour < UINT16_MAX) s->in_hour++;
    uint16_t usual = s->max_hour > 15 ? s->max_hour : 15;
    /* Per event: the window is looked at only for a busy hour, and its
     * words only for an alert. */
    int leaving = s->in_hour >= 30 && rule_depart_days(e, NULL, 0) > 0;
    if (s->in_hour < (leaving ? 30 : 60) || s->in_hour < (leaving ? 1.5 : 3.0) * usual ||
        s->in_hour < s->next)
        return 0;
    s->alerted = 1;
    s->next = (uint16_t)(s->in_hour + 20);
    double ratio = (double)s->in_hour / usual;
    double score = 30 + 6 * ratio;
    if (score > 80) score = 80;
    if (leaving) score = score * e->depart->weight > 95 ? 95 : score * e->depart->weight;
    char why[96] = "";
    if (leaving) rule_depart_days(e, why, sizeof why);
    char reason[240];
    snprintf(reason, sizeof reason,
             "%u records looked up within one hour, %.1fx this person's busiest hour before%s%s",
             s->in_hour, ratio, leaving ? "," : "", why);
    return rule_emit_event(rc, e, SEV_HIGH, score, reason);
}

static int on_event(rule_ctx *rc, void *st, const det_event *e)
{
    if (export_check(rc, st, e) < 0) return -1;
    return enumeration_check(rc, st, e);
}

static int init(rule_ctx *rc, werr *e)
{
    return rule_peer_cache_init(rc, sizeof(rule_peer_p75_entry));
}

const rule_def rule_bulk = {
    .name = "bulk",
    .version = 1,
    .actor_state = sizeof(state),
    .init = init,
    .on_event = on_event,
};
