/* incident — a look-up of a subject that later had an incident (an
 * explosion or arson at the address): the founding case of wachter. A
 * look-up with a case counts for little; one without, for much. */
#include <stdio.h>

#include "detect/rule.h"
#include "detect/rule_incident.h"
#include "normalise/ts.h"

double rule_incident_score(int unexplained, unsigned nth)
{
    /* One unexplained hit happens by chance; each further one much less so:
     * the score grows with the actor's count of such hits. */
    if (!unexplained) return 5;
    double score = 20 + 20.0 * (nth > 0 ? nth - 1 : 0);
    return score > 90 ? 90 : score;
}

int rule_incident_severity(int unexplained)
{
    return unexplained ? SEV_HIGH : SEV_LOW;
}

typedef struct state {
    uint32_t hits; /* unexplained look-ups of subjects that later had an incident */
} state;

/* Parameters (docs/rules.md; README "Configuring detection"). */
enum { P_LOOKBACK, NPARAM };
static const rule_param params[NPARAM] = {
    [P_LOOKBACK] = {"lookback_days", 30, 1, 36500, 0, "days",
                    "a look-up this long or less before an incident at its subject counts"},
};

static int on_event(rule_ctx *rc, void *st, const det_event *e)
{
    state *s = st;
    if (!e->subj || e->subj->nincidents == 0) return 0;
    const refdata *r = rule_refdata(rc);
    const int64_t lookback = (int64_t)(rule_params(rc)[P_LOOKBACK] * TS_DAY_MS);
    for (uint32_t i = 0; i < e->subj->nincidents; i++) {
        const ref_incident *inc = refdata_incident(r, e->subj->inc0 + i);
        int64_t lead = inc->ts - e->ev->ts;
        if (lead <= 0 || lead > lookback) continue;
        char reason[260];
        double days = (double)lead / TS_DAY_MS;
        if (e->unexplained) s->hits++;
        double score = rule_incident_score(e->unexplained, s->hits);
        int n = snprintf(reason, sizeof reason,
                         "Looked up %s%s %.1f days before incident %s (%s) involving that subject",
                         e->ev->subject, e->unexplained ? " without a case" : " under a case", days,
                         inc->name, inc->kind[0] ? inc->kind : "incident");
        if (e->unexplained && s->hits > 1 && n > 0 && (size_t)n < sizeof reason)
            snprintf(reason + n, sizeof reason - (size_t)n,
                     "; the %u%s such look-up by this person", s->hits,
                     s->hits == 2   ? "nd"
                     : s->hits == 3 ? "rd"
                                    : "th");
        return rule_emit_event(rc, e, rule_incident_severity(e->unexplained), score, reason);
    }
    return 0;
}

const rule_def rule_incident = {
    .name = "incident",
    .version = 1,
    .actor_state = sizeof(state),
    .params = params,
    .nparams = NPARAM,
    .on_event = on_event,
};
