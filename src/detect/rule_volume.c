/* volume — far more look-ups in a day than the actor's own history and
 * their peer group (same unit and role) make, on robust statistics
 * (median and MAD of earlier days, so one odd day does not move them). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "detect/rule.h"
#include "util/stats.h"

enum { HIST = 28 };
/* A peer is as busy as the actor at half the actor's day over their usual
 * (at least TEAM_BUSY times their usual); TEAM_CROWD such peers make a
 * day of the organisation. */
enum { TEAM_CROWD = 2 };
static const double TEAM_BUSY = 1.5;

/* Parameters (docs/rules.md; README "Configuring detection"). */
enum { P_DAY_MIN, P_MAD_TIMES, P_OWN_TIMES, P_PEER_TIMES, P_NEWCOMER_TIMES, P_DEPART_BAR, NPARAM };
static const rule_param params[NPARAM] = {
    [P_DAY_MIN] = {"day_min", 60, 1, 100000, 1, "look-ups",
                   "fewest look-ups in a day that can be an alert"},
    [P_MAD_TIMES] = {"mad_times", 8, 1, 100, 0, "MADs",
                     "how far above their own median day (in median absolute deviations)"},
    [P_OWN_TIMES] = {"own_times", 2.5, 1, 100, 0, "times",
                     "and at least this many times their own median day"},
    [P_PEER_TIMES] = {"peer_times", 2.5, 1, 100, 0, "times",
                      "and at least this many times their peers' median day"},
    [P_NEWCOMER_TIMES] = {"newcomer_peer_times", 7, 1, 100, 0, "times",
                          "without a history of their own: this many times the peers' median"},
    [P_DEPART_BAR] = {"departing_bar", 0.8, 0.1, 1, 0, "share",
                      "in the departing window every bar is this share of its height"},
};

typedef struct state {
    int32_t day;
    uint16_t today, next_emit;
    uint16_t hist[HIST]; /* daily counts of earlier ordinary days, a ring */
    uint8_t nhist, pos, alerted;
} state;

static void close_day(state *s)
{
    if (s->today && !s->alerted) {
        s->hist[s->pos] = s->today;
        s->pos = (uint8_t)((s->pos + 1) % HIST);
        if (s->nhist < HIST) s->nhist++;
    }
    s->today = 0;
    s->next_emit = 0;
    s->alerted = 0;
}

/* Peer medians, computed at most once a day per peer group. */
typedef struct peer_cache {
    int32_t day;
    double median;
} peer_cache;

static int init(rule_ctx *rc, werr *e)
{
    return rule_peer_cache_init(rc, sizeof(peer_cache));
}

/* Median of the peers' own medians (known actors in the same group). */
static double compute_peer_median(rule_ctx *rc, const det_event *e)
{
    uint16_t meds[256];
    size_t n = 0, np;
    const int32_t *peer = refdata_peer_members(rule_refdata(rc), e->who->peer, &np);
    for (size_t i = 0; i < np && n < 256; i++) {
        if (peer[i] == e->actor) continue;
        const state *ps = rule_actor_state(rc, peer[i]);
        if (!ps || ps->nhist < 3) continue;
        double m, mad;
        stats_median_mad(ps->hist, ps->nhist, &m, &mad);
        meds[n++] = (uint16_t)(m + 0.5);
    }
    if (n < 3) return -1;
    double m, mad;
    stats_median_mad(meds, n, &m, &mad);
    return m;
}

static double peer_median(rule_ctx *rc, const det_event *e)
{
    int stale;
    peer_cache *c = rule_peer_entry(rc, e, sizeof *c, &stale);
    if (!c) return -1;
    if (stale) c->median = compute_peer_median(rc, e);
    return c->median;
}

/* How many of e's actor's peers, with a usual day of their own, have
 * made at least `times` their usual day's look-ups so far today. A vessel
 * call, a raid or a month's end makes several members of a team work
 * twice their usual day at once: an event of the organisation, not a
 * finding about each of them (as first_use's and protected's crowds). The
 * peers' day is not over yet when the actor's passes the bars, so this
 * errs on the side of fewer (an alert). */
static unsigned busy_peers(rule_ctx *rc, const det_event *e, double times)
{
    unsigned busy = 0;
    size_t np;
    const int32_t *peer = refdata_peer_members(rule_refdata(rc), e->who->peer, &np);
    for (size_t i = 0; i < np && i < 512; i++) {
        if (peer[i] == e->actor) continue;
        const state *ps = rule_actor_state(rc, peer[i]);
        if (!ps || ps->day != e->day || ps->nhist < RULE_WARM_DAYS) continue;
        double m, mad;
        stats_median_mad(ps->hist, ps->nhist, &m, &mad);
        busy += ps->today >= times * (m > 1 ? m : 1);
    }
    return busy;
}

static int on_event(rule_ctx *rc, void *st, const det_event *e)
{
    state *s = st;
    if (e->day > s->day) {
        close_day(s);
        s->day = e->day;
    }
    if (s->today < UINT16_MAX) s->today++;
    /* Before a known end date the bars drop and the finding weighs more.
     * A busy last few weeks is common (handing work over), so the bars
     * drop by a fifth only; what passes weighs several times more. */
    const double *p = rule_params(rc);
    int leaving = s->today >= p[P_DAY_MIN] * p[P_DEPART_BAR] && rule_depart_days(e, NULL, 0) > 0;
    double k = leaving ? p[P_DEPART_BAR] : 1; /* how much of each bar applies */
    if (s->today < p[P_DAY_MIN] * k || s->today < s->next_emit) return 0;
    /* Warm-up: in the store's first days nobody's usual day is known, the
     * peers' no more than the actor's own. */
    if (!rule_store_warm(e)) return 0;
    double own = -1, mad = 0, limit = 0;
    if (s->nhist >= RULE_WARM_DAYS) {
        stats_median_mad(s->hist, s->nhist, &own, &mad);
        double spread = mad > own * 0.15 ? mad : own * 0.15;
        limit = own + p[P_MAD_TIMES] * k * (spread > 3 ? spread : 3);
        if (limit < p[P_OWN_TIMES] * k * own) limit = p[P_OWN_TIMES] * k * own;
        if (s->today < limit) return 0;
    }
    double peer = peer_median(rc, e);
    if (peer >= 0 && s->today < p[P_PEER_TIMES] * k * peer) return 0;
    /* Without a history of their own, only peers compare: some staff are
     * heavy users from their first day, so the bar is higher. */
    if (own < 0 && (peer < 0 || s->today < p[P_NEWCOMER_TIMES] * k * peer)) return 0;
    s->alerted = 1;
    s->next_emit = (uint16_t)(s->today + s->today / 4);
    double base = own > 0 ? own : peer;
    double ratio = s->today / (base > 1 ? base : 1);
    double score = 15 + 8 * ratio;
    if (score > 70) score = 70;
    /* Peers as busy at once: a day of the organisation; each weighs less. */
    double bar = ratio / 2 > TEAM_BUSY ? ratio / 2 : TEAM_BUSY;
    unsigned busy = busy_peers(rc, e, bar);
    if (busy >= TEAM_CROWD) score /= 1 + busy;
    char why[160] = "";
    if (leaving) {
        score = score * e->depart->weight > 95 ? 95 : score * e->depart->weight;
        rule_depart_days(e, why, sizeof why);
    }
    if (busy >= TEAM_CROWD) {
        size_t l = strlen(why);
        snprintf(why + l, sizeof why - l,
                 "%s with %u of their peers at %.1fx their usual or more today", l ? "," : "", busy,
                 bar);
    }
    char reason[280];
    const char *sep = why[0] ? "," : "";
    if (own > 0 && peer >= 0)
        snprintf(
            reason, sizeof reason,
            "%u look-ups today, %.1fx this person's usual %.0f and %.1fx their peers' %.0f%s%s",
            s->today, s->today / (own > 1 ? own : 1), own, s->today / (peer > 1 ? peer : 1), peer,
            sep, why);
    else if (own > 0)
        snprintf(reason, sizeof reason, "%u look-ups today, %.1fx this person's usual %.0f%s%s",
                 s->today, ratio, own, sep, why);
    else
        snprintf(reason, sizeof reason, "%u look-ups today, %.1fx their peers' usual %.0f%s%s",
                 s->today, ratio, peer, sep, why);
    return rule_emit_event(rc, e, ratio >= 5 ? SEV_HIGH : SEV_MEDIUM, score, reason);
}

const rule_def rule_volume = {
    .name = "volume",
    .version = 1,
    .actor_state = sizeof(state),
    .params = params,
    .nparams = NPARAM,
    .init = init,
    .on_event = on_event,
};
