/* incident — a look-up of a subject that later had an incident (an
 * explosion or arson at the address): the founding case of wachter. A
 * look-up with a case counts for little; one without, for much. */
#include <stdio.h>

#include "detect/rule.h"
#include "normalise/ts.h"

/* How long before an incident a look-up counts. */
#define LOOKBACK_MS (INT64_C(30) * 86400000)

static void on_event(rule_ctx *rc, void *st, const det_event *e)
{
    if (!e->subj || e->subj->nincidents == 0) return;
    const refdata *r = rule_refdata(rc);
    for (uint32_t i = 0; i < e->subj->nincidents; i++) {
        const ref_incident *inc = refdata_incident(r, e->subj->inc0 + i);
        int64_t lead = inc->ts - e->ev->ts;
        if (lead <= 0 || lead > LOOKBACK_MS) continue;
        char reason[220];
        double days = (double)lead / TS_DAY_MS;
        snprintf(reason, sizeof reason,
                 "Looked up %s%s %.1f days before incident %s (%s) involving that subject",
                 e->ev->subject, e->unexplained ? " without a case" : " under a case", days,
                 inc->name, inc->kind[0] ? inc->kind : "incident");
        rule_emit_event(rc, e, e->unexplained ? SEV_HIGH : SEV_LOW, e->unexplained ? 45 : 6,
                        reason);
        return;
    }
}

const rule_def rule_incident = {
    .name = "incident",
    .on_event = on_event,
};
