/* foreign_case — an actor who states registered cases that are not theirs:
 * assigned neither to them nor to their unit, and nothing else explains
 * the look-up. A customs officer who opens the inspections of colleagues
 * (to warn the owners of the containers selected), a clerk who works
 * through a neighbouring team's files: they know the case numbers, so the
 * look-ups carry one, yet the register says the work is someone else's.
 *
 * Helping a colleague, a handover not registered yet, a wrong number typed
 * once: each happens, more in some teams than in others. What counts is
 * how many distinct such cases the actor stated within window_days, judged
 * against how often the actor's peer group (same unit and role) does it:
 * a Poisson tail, so a team that shares its work does not alert, and one
 * member who starts opening others' cases does. (A case assigned to them
 * later: loading it re-judges the alert.) */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "detect/rule.h"

/* Distinct cases remembered per actor (by id; past it the oldest is
 * forgotten). */
enum { FC_REMEMBER = 16 };

/* Parameters (docs/rules.md; README "Configuring detection"). */
enum { P_MIN_DISTINCT, P_WINDOW, P_MIN_RATE, P_PRIOR_DAYS, P_MAX_CHANCE, NPARAM };
static const rule_param params[NPARAM] = {
    [P_MIN_DISTINCT] = {"min_distinct", 3, 1, FC_REMEMBER, 1, "cases",
                        "distinct cases of others stated within window_days before an alert"},
    [P_WINDOW] = {"window_days", 28, 1, 365, 1, "days",
                  "the period over which distinct cases of others add up"},
    [P_MIN_RATE] = {"min_rate", 0.01, 1e-6, 10, 0, "cases a day",
                    "the usual number of others' cases a day is taken as at least this"},
    [P_PRIOR_DAYS] = {"prior_days", 200, 0, 100000, 0, "days",
                      "how many working days of min_rate weigh against the peers' history"},
    [P_MAX_CHANCE] = {"max_chance", 1e-3, 1e-300, 0.5, 0, "probability",
                      "alert when so many happen by chance at most this often"},
};

typedef struct state {
    uint32_t next; /* where the next case is remembered (ring) */
    int32_t seen[FC_REMEMBER];
    uint16_t seen_day[FC_REMEMBER]; /* the day it was first stated (days since 1970,
                                     * 16 bits until 2149); 0: empty */
    uint32_t total;                 /* distinct cases of others ever stated */
} state;

static int on_event(rule_ctx *rc, void *st, const det_event *e)
{
    if (!e->ev->case_id[0] || e->stated_unknown) return 0;
    /* The stated case is not the explanation found, and not the actor's. */
    const refdata *r = rule_refdata(rc);
    int32_t kase;
    if (e->ex.status == EX_MISMATCH)
        kase = e->ex.kase;
    else if (e->ex.status == EX_NA)
        kase = refdata_case_find(r, e->ev->case_id);
    else
        return 0;
    if (kase == REF_NONE) return 0;
    state *s = st;
    const double *q = rule_params(rc);
    const int window = (int)q[P_WINDOW];
    unsigned recent = 0;
    for (unsigned i = 0; i < FC_REMEMBER; i++) {
        if (!s->seen_day[i]) continue;
        if (s->seen[i] == kase) return 0; /* stated before: not new */
        recent += s->seen_day[i] > e->day - window;
    }
    if (explain_case_covers(r, kase, e->actor, e->ev->ts)) return 0;
    s->seen[s->next] = kase;
    s->seen_day[s->next] = (uint16_t)(e->day > 0 ? e->day : 1);
    s->next = (s->next + 1) % FC_REMEMBER;
    s->total++;
    unsigned n = recent + 1;
    if (n < q[P_MIN_DISTINCT]) return 0;
    double expect, score;
    double tail = rule_peer_chance(rc, e, offsetof(state, total), q[P_MIN_RATE], q[P_PRIOR_DAYS],
                                   window, n, &expect, &score);
    if (tail > q[P_MAX_CHANCE]) return 0;
    char reason[320], item[64];
    snprintf(reason, sizeof reason,
             "Stated case %.40s, assigned to others, not to them or their unit: %u such cases in"
             " %d days, where their peers' work would give %.2g (%.1e by chance)",
             e->ev->case_id, n, window, expect, tail);
    snprintf(item, sizeof item, "case %.40s", e->ev->case_id);
    return rule_emit_event_item(rc, e, tail <= 1e-6 ? SEV_HIGH : SEV_MEDIUM, score, reason, item);
}

const rule_def rule_foreign_case = {
    .name = "foreign_case",
    .version = 1,
    .actor_state = sizeof(state),
    .params = params,
    .nparams = NPARAM,
    .on_event = on_event,
};
