/* bulk — exports and prints of many records, and enumeration: many
 * subjects looked up within an hour, far beyond the actor's own busiest
 * hours. */
#include <stdio.h>
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

static void export_check(rule_ctx *rc, state *s, const det_event *e)
{
    const char *act = e->ev->action;
    if (strcmp(act, "export") != 0 && strcmp(act, "print") != 0) return;
    if (e->ev->results < 0) return;
    uint64_t usual = s->max_results > 20 ? s->max_results : 20;
    if (e->ev->results < 100 || (uint64_t)e->ev->results < 5 * usual) {
        if ((uint64_t)e->ev->results > s->max_results) s->max_results = (uint32_t)e->ev->results;
        return;
    }
    double ratio = (double)e->ev->results / (double)usual;
    double score = 35 + 5 * ratio;
    if (score > 85) score = 85;
    char reason[200];
    snprintf(reason, sizeof reason, "%s of %lld records, %.0fx the largest this person made before",
             strcmp(act, "export") == 0 ? "Export" : "Print", (long long)e->ev->results, ratio);
    rule_emit_event(rc, e, SEV_HIGH, score, reason);
}

static void enumeration_check(rule_ctx *rc, state *s, const det_event *e)
{
    if (!e->ev->subject[0]) return;
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
    if (s->in_hour < 60 || s->in_hour < 3 * usual || s->in_hour < s->next) return;
    s->alerted = 1;
    s->next = (uint16_t)(s->in_hour + 20);
    double ratio = (double)s->in_hour / usual;
    double score = 30 + 6 * ratio;
    if (score > 80) score = 80;
    char reason[200];
    snprintf(reason, sizeof reason,
             "%u records looked up within one hour, %.1fx this person's busiest hour before",
             s->in_hour, ratio);
    rule_emit_event(rc, e, SEV_HIGH, score, reason);
}

static void on_event(rule_ctx *rc, void *st, const det_event *e)
{
    export_check(rc, st, e);
    enumeration_check(rc, st, e);
}

const rule_def rule_bulk = {
    .name = "bulk",
    .actor_state = sizeof(state),
    .on_event = on_event,
};
