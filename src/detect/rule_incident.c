/* incident — a look-up of a subject that later had an incident (an
 * explosion or arson at the address): the founding case of wachter. A
 * look-up with a case counts for little; one without, for much, and more
 * with each further such subject the person looked up. */
#include <stdio.h>
#include <string.h>

#include "detect/rule.h"
#include "detect/rule_incident.h"
#include "normalise/ts.h"
#include "util/strmap.h"

/* The subjects last counted, per person: looking one of them up again
 * (the same record opened twice, then printed) is not a further hit. */
enum { RECENT = 8 };
/* Incidents one look-up names; the rest are counted. */
enum { NAMED = 3 };

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

const char *rule_incident_ordinal(unsigned n)
{
    if (n % 100 >= 11 && n % 100 <= 13) return "th";
    return n % 10 == 1 ? "st" : n % 10 == 2 ? "nd" : n % 10 == 3 ? "rd" : "th";
}

typedef struct state {
    uint32_t hits;           /* distinct subjects looked up without a case before their incident */
    uint32_t recent[RECENT]; /* hashes of the last subjects counted, a ring */
} state;

/* Parameters (docs/rules.md; README "Configuring detection"). */
enum { P_LOOKBACK, NPARAM };
static const rule_param params[NPARAM] = {
    [P_LOOKBACK] = {"lookback_days", 30, 1, 36500, 0, "days",
                    "a look-up this long or less before an incident at its subject counts"},
};

/* Counts e's subject as a further hit unless it is one of the last
 * counted. Returns the count that its hit is. */
static uint32_t count_subject(state *s, const char *subject)
{
    uint32_t h = (uint32_t)hash64(subject, strlen(subject)) | 1; /* 0: an empty slot */
    for (int i = 0; i < RECENT; i++)
        if (s->recent[i] == h) return s->hits;
    s->recent[s->hits % RECENT] = h;
    return ++s->hits;
}

static int on_event(rule_ctx *rc, void *st, const det_event *e)
{
    state *s = st;
    if (!e->subj || e->subj->nincidents == 0) return 0;
    const refdata *r = rule_refdata(rc);
    /* The incidents of the subject this look-up came before, named in one
     * finding: one look-up, however many incidents followed it. */
    const int64_t lookback = (int64_t)(rule_params(rc)[P_LOOKBACK] * TS_DAY_MS);
    char incs[200] = "";
    size_t len = 0;
    int named = 0, more = 0;
    double days = 0;
    for (uint32_t i = 0; i < e->subj->nincidents; i++) {
        const ref_incident *inc = refdata_incident(r, e->subj->inc0 + i);
        int64_t lead = inc->ts - e->ev->ts;
        if (lead <= 0 || lead > lookback) continue;
        if (named == NAMED) {
            more++;
            continue;
        }
        if (!named) days = (double)lead / TS_DAY_MS;
        int n = snprintf(incs + len, sizeof incs - len, "%s%s (%s)", named ? ", " : "", inc->name,
                         inc->kind[0] ? inc->kind : "incident");
        if (n > 0) len += (size_t)n < sizeof incs - len ? (size_t)n : sizeof incs - len - 1;
        named++;
    }
    if (!named) return 0;
    if (more && len < sizeof incs) snprintf(incs + len, sizeof incs - len, " and %d more", more);
    int multi = named + more > 1;
    uint32_t nth = e->unexplained ? count_subject(s, e->ev->subject) : 0;
    char reason[360], item[512];
    int n = snprintf(reason, sizeof reason,
                     "Looked up %s%s %.1f days before incident%s %s involving that subject",
                     e->ev->subject, e->unexplained ? " without a case" : " under a case", days,
                     multi ? "s" : "", incs);
    if (nth > 1 && n > 0 && (size_t)n < sizeof reason)
        snprintf(reason + n, sizeof reason - (size_t)n,
                 "; the %u%s such subject this person looked up", nth, rule_incident_ordinal(nth));
    snprintf(item, sizeof item, "%s before %s", e->ev->subject, incs);
    return rule_emit_event_item(rc, e, rule_incident_severity(e->unexplained),
                                rule_incident_score(e->unexplained, nth), reason, item);
}

const rule_def rule_incident = {
    .name = "incident",
    .version = 2,
    .actor_state = sizeof(state),
    .params = params,
    .nparams = NPARAM,
    .on_event = on_event,
};
