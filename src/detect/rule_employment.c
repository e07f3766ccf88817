/* employment — an account used after its employee left, before they
 * started, or not known to the staff register at all. */
#include <stdio.h>

#include "detect/rule.h"
#include "normalise/ts.h"

typedef struct state {
    int32_t day;
    uint16_t hits;
} state;

/* Parameters (docs/rules.md; README "Configuring detection"). */
enum { P_START_GRACE, P_END_GRACE, NPARAM };
static const rule_param params[NPARAM] = {
    [P_START_GRACE] =
        {"start_grace_hours", 24, 0, 8760, 1, "hours",
         "use this long before the start date is not flagged (accounts set up early)"},
    [P_END_GRACE] = {"end_grace_hours", 0, 0, 8760, 1, "hours",
                     "use this long after the end date is not flagged (a last day's late work)"},
};

static int on_event(rule_ctx *rc, void *st, const det_event *e)
{
    state *s = st;
    const ref_actor *a = e->who;
    const refdata *r = rule_refdata(rc);
    char reason[200], when[32];
    double score;
    int sev;
    const double *p = rule_params(rc);
    if (a->known && a->end > 0 && e->ev->ts > a->end + (int64_t)p[P_END_GRACE] * TS_HOUR_MS) {
        ts_format(a->end, when);
        long days = (long)((e->ev->ts - a->end) / TS_DAY_MS);
        if (days < 1)
            snprintf(reason, sizeof reason,
                     "Account used within a day after employment ended (%.10s)", when);
        else
            snprintf(reason, sizeof reason, "Account used %ld day%s after employment ended (%.10s)",
                     days, days == 1 ? "" : "s", when);
        score = 80;
        sev = SEV_CRITICAL;
    } else if (a->known && a->start > 0 &&
               e->ev->ts < a->start - (int64_t)p[P_START_GRACE] * TS_HOUR_MS) {
        ts_format(a->start, when);
        snprintf(reason, sizeof reason, "Account used before employment started (%.10s)", when);
        score = 50;
        sev = SEV_HIGH;
    } else if (!a->known && refdata_known_actor_count(r) > 0) {
        snprintf(reason, sizeof reason, "Account is not in the staff register");
        score = 25;
        sev = SEV_MEDIUM;
    } else {
        return 0;
    }
    if (e->day != s->day) {
        s->day = e->day;
        s->hits = 0;
    }
    s->hits++;
    if (s->hits > 1) score += 5;
    return rule_emit_event(rc, e, sev, score, reason);
}

const rule_def rule_employment = {
    .name = "employment",
    .version = 1,
    .actor_state = sizeof(state),
    .params = params,
    .nparams = NPARAM,
    .on_event = on_event,
};
