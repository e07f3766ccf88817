/* protected — look-ups without a case of protected subjects: VIPs,
 * colleagues' own records, sensitive persons. */
#include <stdio.h>

#include "detect/rule.h"

typedef struct state {
    int32_t day;
    uint16_t hits; /* today */
} state;

static void on_event(rule_ctx *rc, void *st, const det_event *e)
{
    state *s = st;
    if (!e->subj || e->subj->protect == PROT_NONE || !e->unexplained) return;
    if (e->subject == e->who->person) return; /* one's own record: the relation rule */
    if (e->day != s->day) {
        s->day = e->day;
        s->hits = 0;
    }
    s->hits++;
    int colleague = e->subj->protect == PROT_EMPLOYEE;
    double score = (colleague ? 30 : 50) + 12.0 * (s->hits - 1);
    if (score > 95) score = 95;
    int sev = colleague && s->hits < 3 ? SEV_MEDIUM : SEV_HIGH;
    char reason[200];
    if (colleague)
        snprintf(reason, sizeof reason,
                 "Looked up a colleague's own record (%s) without a case%s", e->ev->subject,
                 s->hits > 1 ? "; not the first protected record today" : "");
    else
        snprintf(reason, sizeof reason, "Looked up a %s person (%s) without a case%s",
                 refdata_protect_name(e->subj->protect), e->ev->subject,
                 s->hits > 1 ? "; not the first protected record today" : "");
    rule_emit_event(rc, e, sev, score, reason);
}

const rule_def rule_protected = {
    .name = "protected",
    .actor_state = sizeof(state),
    .on_event = on_event,
};
