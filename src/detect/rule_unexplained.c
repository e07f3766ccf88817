/* unexplained — more look-ups without a case today than is normal for this
 * actor and their peer group (same unit and role). Part of legitimate work
 * has no case: 3-10 % at a front desk, a third or more in a team whose job
 * is to look at records before any case exists (police intelligence,
 * customs targeting). A day on which look-ups without a case pile up far
 * beyond what is normal for the actor is a finding; a team working as it
 * always does is not.
 *
 * What is normal: the actor's own rate, learned from their ordinary days;
 * while that history is short, shrunk toward the peers' rate (pooled over
 * the group, itself shrunk toward prior_rate so that a small group
 * does not swing it). Two tests, either alerts:
 *  - the share of today's look-ups without a case: far above the usual
 *    share (odds_times its odds) and unlikely by chance;
 *  - their number: count_times the usual number a day (and count_extra
 *    more), unlikely by chance: one member of a team
 *    looking at three times the team's volume without a case, on top of
 *    their work with cases.
 * No judgement before the actor and their peers have min_days
 * ordinary days of history between them (a store's first day). */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "detect/rule_unexplained.h"

#include "detect/rule_conf.h"
#include "util/stats.h"

/* Parameters (docs/rules.md; README "Configuring detection"). */
enum {
    P_MIN_COUNT,
    P_MIN_DAYS,
    P_PRIOR_WEIGHT,
    P_PEER_PRIOR_WEIGHT,
    P_PRIOR_RATE,
    P_MIN_RATE,
    P_ODDS,
    P_COUNT_RATIO,
    P_COUNT_EXTRA,
    P_MAX_CHANCE,
    NPARAM
};
static const rule_param params[NPARAM] = {
    [P_MIN_COUNT] = {"min_count", 8, 1, 65535, 1, "look-ups",
                     "look-ups without a case in one day before a day can alert"},
    [P_MIN_DAYS] = {"min_days", 3, 0, 365, 1, "days",
                    "ordinary days the actor and their peers need together before judging"},
    [P_PRIOR_WEIGHT] = {"prior_weight", 100, 1, 1000000, 0, "look-ups",
                        "how strongly the peers' rate weighs against the actor's own history"},
    [P_PEER_PRIOR_WEIGHT] = {"peer_prior_weight", 200, 1, 1000000, 0, "look-ups",
                             "how strongly prior_rate weighs against the peers' pooled history"},
    [P_PRIOR_RATE] = {"prior_rate", 0.07, 0, 1, 0, "share",
                      "the usual share of look-ups without a case, before any history"},
    [P_MIN_RATE] = {"min_rate", 0.02, 0.0001, 1, 0, "share",
                    "the expected share without a case is taken as at least this"},
    [P_ODDS] = {"odds_times", 3, 1, 1000, 0, "times",
                "share test: the day's odds of no case at least this many times the usual odds"},
    [P_COUNT_RATIO] = {"count_times", 2.5, 1, 1000, 0, "times",
                       "count test: at least this many times the usual number a day"},
    [P_COUNT_EXTRA] = {"count_extra", 20, 0, 100000, 0, "look-ups",
                       "count test: and at least this many more than the usual number"},
    [P_MAX_CHANCE] = {"max_chance", 1e-6, 1e-300, 0.5, 0, "probability",
                      "alert when a day this bad happens by chance at most this often"},
};
/* Count test: the usual number a day is the actor's own mean over their
 * ordinary days, shrunk toward the peers' with this many pseudo-days. */
static const double UNEXPL_DAYS_WEIGHT = 5;
/* Rate test: a day's look-ups are not independent draws (one piece of
 * work is several look-ups, all with a case or all without), so its chance
 * counts them as at most this many independent ones, in proportion. */
static const double UNEXPL_INDEPENDENT = 30;
/* An actor without a history of their own yet, where everyone else has
 * one (a new employee, after the store's first week), is judged against
 * the peers alone, and their alerts weigh this share: look-ups without a
 * case of one's own are common in the first days (induction, before cases
 * are assigned), and the peers' rate says less of one whose own is not
 * known. */
static const double UNEXPL_NEW_WEIGHT = 0.5;
/* A day that raised an alert counts for this many times less in what is
 * normal for the actor. */
enum { UNEXPL_ALERT_LEARN = 2 };
/* History kept: past this many look-ups, halved (about the last months). */
enum { UNEXPL_HIST_CAP = 20000 };

typedef struct state {
    int32_t day;
    uint16_t n_today, k_today; /* look-ups of a subject; of them unexplained */
    uint32_t hist_n, hist_k;   /* learned from earlier, ordinary days */
    uint32_t hist_days;        /* those days (with a look-up of a subject) */
    uint8_t alerted;
} state;

/* Per peer group, recomputed at most once a day: the ordinary history of
 * every member (the actor's own is taken out when used). */
typedef struct peer_sum {
    int32_t day;
    int32_t pad;
    uint64_t n, k, days;
} peer_sum;

/* s's history as it is once every day before `day` is closed: a day that
 * raised an alert is learned at 1 / UNEXPL_ALERT_LEARN of its weight (and
 * not counted as a day), so
 * that one such day hardly moves what is normal while an actor whose work
 * is like that every day (all of it before any case, in a team where most
 * of it is) becomes their own normal after some days. */
static void settled(const state *s, int32_t day, uint32_t *n, uint32_t *k, uint32_t *days)
{
    *n = s->hist_n;
    *k = s->hist_k;
    *days = s->hist_days;
    if (s->day < day && s->n_today) {
        unsigned w = s->alerted ? UNEXPL_ALERT_LEARN : 1;
        *n += s->n_today / w;
        *k += s->k_today / w;
        *days += !s->alerted;
        if (*n > UNEXPL_HIST_CAP) {
            *n /= 2;
            *k /= 2;
            *days = (*days + 1) / 2;
        }
    }
}

static void close_day(state *s, int32_t day)
{
    settled(s, day, &s->hist_n, &s->hist_k, &s->hist_days);
    s->n_today = s->k_today = 0;
    s->alerted = 0;
    s->day = day;
}

static int init(rule_ctx *rc, werr *e)
{
    (void)e;
    return rule_peer_cache_init(rc, sizeof(peer_sum));
}

/* The pooled ordinary history of e's actor's peers (the actor left out). */
static void peers_of(rule_ctx *rc, const det_event *e, const state *s, double *n, double *k,
                     double *days)
{
    *n = *k = *days = 0;
    int stale;
    peer_sum *p = rule_peer_entry(rc, e, sizeof *p, &stale);
    if (!p) return;
    if (stale) {
        p->n = p->k = p->days = 0;
        size_t np;
        const int32_t *peer = refdata_peer_members(rule_refdata(rc), e->who->peer, &np);
        for (size_t i = 0; i < np; i++) {
            const state *ps = rule_actor_state(rc, peer[i]);
            if (!ps) continue;
            uint32_t pn, pk, pd;
            settled(ps, e->day, &pn, &pk, &pd);
            p->n += pn;
            p->k += pk;
            p->days += pd;
        }
    }
    /* The actor's own history is as it was counted: it changes only when
     * their day closes, and every day is settled before it is counted. */
    if (p->n >= s->hist_n) *n = (double)(p->n - s->hist_n);
    if (p->k >= s->hist_k) *k = (double)(p->k - s->hist_k);
    if (p->days >= s->hist_days) *days = (double)(p->days - s->hist_days);
}

/* How likely by chance a day with k of its n look-ups without a case is,
 * for an actor whose usual share is p and usual number a day is usual:
 * the share test, and the count test where it applies (*by_count set when
 * that one decided). n == 0: the count test alone. */
static double day_tail(const double *q, double k, double n, double p, double usual, int *by_count)
{
    double tail = 1;
    *by_count = 0;
    double odds = p / (1 - p);
    if (n > 0 && (k >= n || k / (n - k) >= q[P_ODDS] * odds)) {
        double f = n > UNEXPL_INDEPENDENT ? UNEXPL_INDEPENDENT / n : 1;
        tail = stats_binom_tail(lround(k * f), lround(n * f), p);
    }
    if (tail > q[P_MAX_CHANCE] && k >= q[P_COUNT_RATIO] * usual && k >= usual + q[P_COUNT_EXTRA]) {
        double t = stats_poisson_tail(lround(k), usual > 0.1 ? usual : 0.1);
        if (t < tail) {
            tail = t;
            *by_count = 1;
        }
    }
    return tail;
}

static int on_event(rule_ctx *rc, void *st, const det_event *e)
{
    state *s = st;
    if (e->day > s->day) close_day(s, e->day);
    if (e->ex.status == EX_NA) return 0;
    if (s->n_today < UINT16_MAX) s->n_today++;
    if (!e->unexplained) return 0;
    if (s->k_today < UINT16_MAX) s->k_today++;
    const double *q = rule_params(rc);
    if (s->k_today < q[P_MIN_COUNT]) return 0;

    double pn, pk, pdays;
    peers_of(rc, e, s, &pn, &pk, &pdays);
    if (s->hist_days + pdays < q[P_MIN_DAYS]) return 0;
    /* The peers' rate, and the actor's. */
    double peer_rate =
        (pk + q[P_PEER_PRIOR_WEIGHT] * q[P_PRIOR_RATE]) / (pn + q[P_PEER_PRIOR_WEIGHT]);
    double p = (s->hist_k + q[P_PRIOR_WEIGHT] * peer_rate) / (s->hist_n + q[P_PRIOR_WEIGHT]);
    if (p < q[P_MIN_RATE]) p = q[P_MIN_RATE];
    /* The usual number a day: the peers' mean a day, else their rate at the
     * actor's own volume; the actor's own mean as history grows. */
    double own_day = s->hist_days ? (double)s->hist_n / s->hist_days : s->n_today;
    double peer_day = pdays > 0 ? pk / pdays : peer_rate * own_day;
    double usual =
        (s->hist_k + UNEXPL_DAYS_WEIGHT * peer_day) / (s->hist_days + UNEXPL_DAYS_WEIGHT);

    int by_count = 0;
    double tail = day_tail(q, s->k_today, s->n_today, p, usual, &by_count);
    if (tail > q[P_MAX_CHANCE]) return 0;
    s->alerted = 1;
    double score = -log10(tail > 1e-300 ? tail : 1e-300) * 2.5;
    if (score > 60) score = 60;
    int newcomer = rule_store_warm(e) && !rule_warm(e);
    if (newcomer) score *= UNEXPL_NEW_WEIGHT;
    char reason[280];
    if (by_count)
        snprintf(reason, sizeof reason,
                 "%u look-ups without a case today, against a usual %.1f a day (%.1e by chance)",
                 s->k_today, usual, tail);
    else
        snprintf(reason, sizeof reason,
                 "%u of %u look-ups today had no case, against a usual %.0f %% (%.1e by chance)",
                 s->k_today, s->n_today, p * 100, tail);
    if (newcomer) {
        size_t at = strlen(reason);
        snprintf(reason + at, sizeof reason - at, "%s",
                 "; in their first days here, judged against their peers");
    }
    return rule_emit_event(rc, e, SEV_MEDIUM, score, reason);
}

const rule_def rule_unexplained = {
    .name = "unexplained",
    .version = 2,
    .actor_state = sizeof(state),
    .params = params,
    .nparams = NPARAM,
    .init = init,
    .on_event = on_event,
};

int rule_unexplained_holds(const rule_conf *conf, const char *reason, unsigned left, unsigned n)
{
    double q[NPARAM];
    for (size_t i = 0; i < NPARAM; i++)
        q[i] = rule_conf_value(conf, &rule_unexplained, i, NULL);
    if (left < q[P_MIN_COUNT]) return 0;
    unsigned k0, n0;
    double usual, pct;
    int by_count;
    /* The figures the two reasons above state. */
    if (sscanf(reason, "%u look-ups without a case today, against a usual %lf a day", &k0,
               &usual) == 2)
        return day_tail(q, left, 0, 0.5, usual, &by_count) <= q[P_MAX_CHANCE];
    if (sscanf(reason, "%u of %u look-ups today had no case, against a usual %lf %%", &k0, &n0,
               &pct) == 3) {
        double p = pct / 100 < q[P_MIN_RATE] ? q[P_MIN_RATE] : pct / 100;
        return day_tail(q, left, n > n0 ? n : n0, p, HUGE_VAL, &by_count) <= q[P_MAX_CHANCE];
    }
    return -1;
}
