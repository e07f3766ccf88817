/* protected — look-ups without a case of protected subjects: VIPs,
 * colleagues' own records, sensitive persons.
 *
 * Part of legitimate work has no case, and some of it lands on protected
 * subjects by chance. How surprising an actor's count of such look-ups is
 * follows from how many look-ups without a case they make and how large a
 * share of the register is protected: a Poisson tail, so one chance hit
 * weighs little and a handful weighs much. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "detect/rule.h"
#include "util/stats.h"

typedef struct state {
    uint32_t unexplained; /* look-ups of a subject without a case, ever */
    uint32_t hits;        /* of them, of protected subjects */
} state;

/* Per peer group, recomputed at most once a day: how often the peers' own
 * look-ups without a case land on protected subjects. In HR, colleagues'
 * records are the daily work; at the front desk they are not. */
typedef struct peer_rate {
    int32_t day;
    double rate;
} peer_rate;

typedef struct global {
    double share; /* protected subjects / subjects in the register */
} global;

static int init(rule_ctx *rc, werr *e)
{
    const refdata *r = rule_refdata(rc);
    size_t n = refdata_subject_count(r), prot = 0;
    for (size_t i = 0; i < n; i++)
        prot += refdata_subject(r, (int32_t)i)->protect != PROT_NONE;
    global *g = malloc(sizeof *g);
    if (!g) return -1;
    /* Never below 1 in 1,000: a register listing few subjects says little. */
    g->share = n ? (double)prot / (double)n : 0;
    if (g->share < 0.001) g->share = 0.001;
    rule_set_global(rc, g);
    return rule_peer_cache_init(rc, sizeof(peer_rate));
}

/* The rate a look-up without a case of this actor's kind of work lands on a
 * protected subject: the register's share, or the peers' when higher. */
static double expected_rate(rule_ctx *rc, const global *g, const det_event *e)
{
    int stale;
    peer_rate *p = rule_peer_entry(rc, e, sizeof *p, &stale);
    if (!p) return g->share;
    if (stale) {
        uint64_t hits = 0, n = 0;
        size_t np;
        const int32_t *peer = refdata_peer_members(rule_refdata(rc), e->who->peer, &np);
        for (size_t i = 0; i < np; i++) {
            if (peer[i] == e->actor) continue;
            const state *ps = rule_actor_state(rc, peer[i]);
            hits += ps->hits;
            n += ps->unexplained;
        }
        /* A few pseudo-look-ups at the register's share keep a small group
         * from swinging the rate. */
        p->rate = (hits + 50 * g->share) / (n + 50.0);
    }
    return p->rate > g->share ? p->rate : g->share;
}

static int on_event(rule_ctx *rc, void *st, const det_event *e)
{
    state *s = st;
    if (!e->unexplained) return 0;
    s->unexplained++;
    if (!e->subj || e->subj->protect == PROT_NONE) return 0;
    if (e->subject == e->who->person) return 0; /* one's own record: the relation rule */
    s->hits++;
    const global *g = rule_global(rc);
    double lambda = s->unexplained * expected_rate(rc, g, e);
    double p = stats_poisson_tail(s->hits, lambda);
    double surprise = -log10(p > 1e-300 ? p : 1e-300);
    int vip = e->subj->protect == PROT_VIP;
    /* Every actor is tested: a one-in-ten chance is ordinary somewhere in a
     * large organisation, so the first order of magnitude counts for little. */
    double score = 8 + 12 * (surprise > 1 ? surprise - 1 : 0) + (vip ? 25 : 0);
    if (score > 95) score = 95;
    int sev = vip || surprise >= 3 ? SEV_HIGH : surprise >= 1.5 ? SEV_MEDIUM : SEV_LOW;
    char reason[240];
    const char *what = e->subj->protect == PROT_EMPLOYEE ? "a colleague's own record"
                       : vip                             ? "the record of a VIP"
                                                         : "the record of a sensitive person";
    if (s->hits == 1)
        snprintf(reason, sizeof reason, "Looked up %s (%s) without a case", what, e->ev->subject);
    else
        snprintf(reason, sizeof reason,
                 "Looked up %s (%s) without a case: %u protected records so far where %.1f would"
                 " be expected by chance",
                 what, e->ev->subject, s->hits, lambda);
    return rule_emit_event(rc, e, sev, score, reason);
}

const rule_def rule_protected = {
    .name = "protected",
    .version = 1,
    .actor_state = sizeof(state),
    .init = init,
    .on_event = on_event,
    .free = rule_free_global,
};
