/* unauthorised — use without a right: an action on a system that the
 * actor held no right to at the event's time (rights.csv: a right to
 * that action, or "*" to every action on the system). Only systems that
 * rights.csv names are judged: an organisation that loads no rights, or
 * none for a system, gets no alerts about it. A day's uses of one system
 * without a right are one alert (the group "system|day"), whose reason
 * counts them. */
#include <stdio.h>
#include <string.h>

#include "detect/rule.h"
#include "util/strmap.h"

/* A day's uses without a right, per system (the first SLOTS systems of
 * the day; a later one shares the last slot's count). */
enum { SLOTS = 4 };
typedef struct state {
    int32_t day;
    uint32_t sys[SLOTS]; /* hash of the system, 0 for a free slot */
    uint16_t n[SLOTS];
} state;

/* Parameters (docs/rules.md; README "Configuring detection"). */
enum { P_SCORE, NPARAM };
static const rule_param params[NPARAM] = {
    [P_SCORE] = {"score", 40, 0, 100, 0, "points",
                 "what one use without a right weighs in the risk; each further use that day on"
                 " the same system adds 2, up to 20 more"},
};

/* The day's count of uses of the event's system without a right, this
 * one included. */
static unsigned count(state *s, const det_event *e)
{
    if (s->day != e->day) {
        *s = (state){.day = e->day};
    }
    uint32_t h = (uint32_t)hash64(e->ev->system, strlen(e->ev->system)) | 1;
    int i = 0;
    while (i < SLOTS - 1 && s->sys[i] && s->sys[i] != h)
        i++;
    s->sys[i] = s->sys[i] ? s->sys[i] : h;
    if (s->n[i] < UINT16_MAX) s->n[i]++;
    return s->n[i];
}

static int on_event(rule_ctx *rc, void *st, const det_event *e)
{
    const refdata *r = rule_refdata(rc);
    const ev_event *ev = e->ev;
    if (!refdata_rights_checks(r, ev->system) ||
        refdata_right_held(r, ev->actor, ev->system, ev->action, ev->ts))
        return 0;
    unsigned n = count(st, e);
    char reason[512], group[200], day[16], why[160];
    refdata_right_missing(r, ev->actor, ev->system, ev->action, ev->ts, why, sizeof why);
    if (n == 1)
        snprintf(reason, sizeof reason, "%.60s on %.60s without a right to it%s", ev->action,
                 ev->system, why);
    else
        snprintf(reason, sizeof reason,
                 "%.60s on %.60s without a right to it%s (%u uses of %.60s without a right that"
                 " day)",
                 ev->action, ev->system, why, n, ev->system);
    rule_day_str(e->day, day);
    snprintf(group, sizeof group, "%.150s|%s", ev->system, day);
    double extra = 2.0 * (n - 1);
    det_finding f = {.actor = e->actor,
                     .ts = ev->ts,
                     .severity = SEV_HIGH,
                     .score = rule_params(rc)[P_SCORE] + (extra > 20 ? 20 : extra),
                     .reason = reason,
                     .group = group,
                     .events = &ev->id,
                     .subjects = &ev->subject,
                     .n = 1};
    return rule_emit(rc, &f);
}

const rule_def rule_unauthorised = {
    .name = "unauthorised",
    .version = 1,
    .actor_state = sizeof(state),
    .params = params,
    .nparams = NPARAM,
    .on_event = on_event,
};
