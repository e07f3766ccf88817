/* changes — records changed without a case, one after another: an update,
 * a new entry or a deletion of a subject that no case explains, within
 * run_minutes of such a change of another subject. A change is more than
 * a look: a pass made valid for a crew's drivers, a registration of
 * several persons at one address, a vehicle's record altered. One change
 * without a case is ordinary in many teams (a correction at the counter,
 * a check at the gate); several in quick succession, again and again, is
 * a batch of work nobody asked for.
 *
 * What counts is how many such changes (each within run_minutes of the
 * one before) the actor made within window_days, judged against how often
 * their peer group (same unit and role) makes them: a Poisson tail, so a
 * team whose work is like that does not alert, and one member who starts
 * doing it does. (A case registered later that explains the changes:
 * loading it re-judges the alert.) */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "detect/rule.h"

/* Changes remembered per actor (their days; past it the oldest is
 * forgotten). */
enum { CH_REMEMBER = 16 };

/* Parameters (docs/rules.md; README "Configuring detection"). */
enum { P_MIN_CHANGES, P_RUN_MINUTES, P_WINDOW, P_MIN_RATE, P_PRIOR_DAYS, P_MAX_CHANCE, NPARAM };
static const rule_param params[NPARAM] = {
    [P_MIN_CHANGES] = {"min_changes", 4, 1, CH_REMEMBER, 1, "changes",
                       "changes without a case in quick succession within window_days before an"
                       " alert"},
    [P_RUN_MINUTES] = {"run_minutes", 30, 1, 1440, 1, "minutes",
                       "a change follows another in quick succession within this time"},
    [P_WINDOW] = {"window_days", 28, 1, 365, 1, "days",
                  "the period over which such changes add up"},
    [P_MIN_RATE] = {"min_rate", 0.01, 1e-6, 100, 0, "changes a day",
                    "the usual number of such changes a day is taken as at least this"},
    [P_PRIOR_DAYS] = {"prior_days", 200, 0, 100000, 0, "days",
                      "how many working days of min_rate weigh against the peers' history"},
    [P_MAX_CHANCE] = {"max_chance", 1e-4, 1e-300, 0.5, 0, "probability",
                      "alert when so many happen by chance at most this often"},
};

typedef struct state {
    int64_t last_ts;       /* the last change without a case */
    uint32_t last_subject; /* its subject (a hash of the name: it may not be in the register) */
    uint32_t next;         /* where the next change is remembered (ring) */
    /* Days of changes in quick succession (days since 1970, 16 bits until
     * 2149); 0: empty. */
    uint16_t day[CH_REMEMBER];
    uint32_t total; /* such changes ever made */
} state;

static int is_change(const char *action)
{
    return strcmp(action, "update") == 0 || strcmp(action, "create") == 0 ||
           strcmp(action, "delete") == 0;
}

static int on_event(rule_ctx *rc, void *st, const det_event *e)
{
    if (!e->unexplained || !e->ev->subject[0] || !is_change(e->ev->action)) return 0;
    state *s = st;
    const double *q = rule_params(rc);
    uint32_t subject = (uint32_t)hash64(e->ev->subject, strlen(e->ev->subject));
    int run = s->last_ts && e->ev->ts - s->last_ts <= (int64_t)q[P_RUN_MINUTES] * 60000 /* ms */ &&
              subject != s->last_subject;
    s->last_ts = e->ev->ts;
    s->last_subject = subject;
    if (!run) return 0;
    s->day[s->next] = (uint16_t)(e->day > 0 ? e->day : 1);
    s->next = (s->next + 1) % CH_REMEMBER;
    s->total++;
    const int window = (int)q[P_WINDOW];
    unsigned n = 0;
    for (unsigned i = 0; i < CH_REMEMBER; i++)
        n += s->day[i] && s->day[i] > e->day - window;
    if (n < q[P_MIN_CHANGES]) return 0;
    double expect, score;
    double tail = rule_peer_chance(rc, e, offsetof(state, total), q[P_MIN_RATE], q[P_PRIOR_DAYS],
                                   window, n, &expect, &score);
    if (tail > q[P_MAX_CHANCE]) return 0;
    char reason[240];
    snprintf(reason, sizeof reason,
             "Changed %u records without a case in %d days, each within %.0f minutes of another,"
             " where their peers' work would give %.2g (%.1e by chance)",
             n, window, q[P_RUN_MINUTES], expect, tail);
    return rule_emit_event(rc, e, tail <= 1e-6 ? SEV_HIGH : SEV_MEDIUM, score, reason);
}

const rule_def rule_changes = {
    .name = "changes",
    .version = 1,
    .actor_state = sizeof(state),
    .params = params,
    .nparams = NPARAM,
    .on_event = on_event,
};
