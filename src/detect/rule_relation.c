/* relation — the actor's own record, their household (same address),
 * namesakes elsewhere (same uncommon surname) and neighbours (same
 * postcode): personal interest rather than work. */
#include <stdio.h>

#include "detect/rule.h"

typedef struct state {
    int32_t day;
    uint16_t hits;
} state;

/* Parameters (docs/rules.md; README "Configuring detection"). Namesakes
 * only mean something for uncommon surnames. */
enum { P_NAMESAKE_MAX, P_NAMESAKE_RARE, NPARAM };
static const rule_param params[NPARAM] = {
    [P_NAMESAKE_MAX] = {"namesake_max", 12, 0, 1000000, 1, "people",
                        "a namesake counts when at most this many in the register share the"
                        " surname (0: never)"},
    [P_NAMESAKE_RARE] = {"namesake_rare", 3, 0, 1000000, 1, "people",
                         "a surname shared by at most this many weighs more (a rare one)"},
};

static int on_event(rule_ctx *rc, void *st, const det_event *e)
{
    state *s = st;
    const ref_actor *a = e->who;
    const ref_subject *sub = e->subj;
    if (!sub || !a->known) return 0;
    const refdata *r = rule_refdata(rc);
    char reason[200];
    const double *p = rule_params(rc);
    double score = 0;
    int sev = SEV_MEDIUM;
    if (e->subject == a->person) {
        score = e->unexplained ? 45 : 8;
        sev = e->unexplained ? SEV_HIGH : SEV_LOW;
        snprintf(reason, sizeof reason, "Looked up their own record (%s)%s", e->ev->subject,
                 e->unexplained ? " without a case" : "");
    } else if (!e->unexplained) {
        return 0;
    } else if (sub->addr != REF_NONE && sub->addr == a->addr) {
        score = 50;
        sev = SEV_HIGH;
        snprintf(reason, sizeof reason,
                 "Looked up %s, who lives at the employee's own address, without a case",
                 e->ev->subject);
    } else if (sub->surname != REF_NONE && sub->surname == a->surname &&
               refdata_surname_count(r, sub->surname) <= p[P_NAMESAKE_MAX]) {
        uint32_t n = refdata_surname_count(r, sub->surname);
        score = n <= p[P_NAMESAKE_RARE] ? 40 : 28;
        snprintf(reason, sizeof reason,
                 "Looked up %s, who shares the employee's uncommon surname (%u in the register),"
                 " without a case",
                 e->ev->subject, n);
    } else if (sub->postcode != REF_NONE && sub->postcode == a->postcode) {
        score = 18;
        sev = SEV_LOW;
        snprintf(reason, sizeof reason,
                 "Looked up %s, a neighbour in the employee's own postcode, without a case",
                 e->ev->subject);
    } else {
        return 0;
    }
    if (e->day != s->day) {
        s->day = e->day;
        s->hits = 0;
    }
    /* Several personal look-ups in one day weigh more; a case-covered look-up
     * of one's own record is noted, never escalated. */
    if (e->unexplained) s->hits++;
    if (s->hits > 1) score += 10.0 * (s->hits - 1);
    if (score > 95) score = 95;
    return rule_emit_event(rc, e, sev, score, reason);
}

const rule_def rule_relation = {
    .name = "relation",
    .version = 1,
    .actor_state = sizeof(state),
    .params = params,
    .nparams = NPARAM,
    .on_event = on_event,
};
