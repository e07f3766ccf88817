/* protected — look-ups without a case of protected subjects: VIPs,
 * colleagues' own records, sensitive persons.
 *
 * Part of legitimate work has no case, and some of it lands on protected
 * subjects by chance. How surprising an actor's count of such look-ups is
 * follows from how many look-ups without a case they make and how large a
 * share of the register is protected: a Poisson tail, so one chance hit
 * weighs little and a handful weighs much. A VIP or a sensitive person
 * looked up without a case weighs enough on its own to show in the risk
 * list (unless the register marks a large share of itself so).
 *
 * The alert is about the subject: every look-up of one protected subject
 * without a case within window_hours of the first is one alert that
 * names everyone who made one (the staff who looked at a celebrity after
 * the news, the colleagues who looked at a colleague's record), and counts
 * in each one's risk with their own weight. Several staff on one VIP or
 * sensitive person weigh more each than one alone (chance does not bring
 * unrelated people to one subject on one day); many staff on one
 * colleague's record (news inside the organisation) weigh less each. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "detect/rule.h"
#include "detect/rule_protected.h"
#include "detect/rule_window.h"
#include "util/stats.h"

/* Parameters (docs/rules.md; README "Configuring detection"). */
enum {
    P_WINDOW_HOURS,
    P_CROWD,
    P_CROWD_FLOOR,
    P_VIP_WEIGHT,
    P_VIP_SURE,
    P_RARE_SHARE,
    P_BURST_WEIGHT,
    P_MAX_SCORE,
    P_SHARE_FLOOR,
    P_PRIOR_WEIGHT,
    P_HIGH_SURPRISE,
    P_MEDIUM_SURPRISE,
    NPARAM
};
static const rule_param params[NPARAM] = {
    /* The look-ups of one subject within this many hours from the first
     * are one alert. */
    [P_WINDOW_HOURS] = {"window_hours", 24, 1, 24 * 28, 1, "hours",
                        "look-ups of one protected subject within this many hours of the first"
                        " are one alert"},
    /* Up to this many staff on one colleague's record weigh as much each
     * as one alone would; with more, each weighs sqrt(crowd / staff) of
     * it, never below crowd_floor. A crowd on a VIP or a sensitive person
     * is not discounted: each of them looked without a reason. */
    [P_CROWD] = {"crowd", 3, 1, 1000, 1, "staff",
                 "staff on one colleague's record within the window who weigh as much each as"
                 " one alone; more weigh less each"},
    [P_CROWD_FLOOR] = {"crowd_floor", 0.25, 0, 1, 0, "share",
                       "the least share of their own weight each of a crowd on a colleague's"
                       " record keeps"},
    /* What a look-up of a VIP or a sensitive person without a case weighs
     * on top of its chance: on its own, it is seen in the risk list. VIP
     * lists are short and every look-up of one matters. Sensitive persons
     * weigh as much while they are at most rare_share of the register;
     * where they are more (a municipality marking thousands of persons
     * sensitive), work without a case lands on them by chance, and they
     * weigh only by how surprising the actor's count is, as colleagues'
     * records (many: every employee) always do. */
    [P_VIP_WEIGHT] = {"vip_weight", 45, 0, 100, 0, "points",
                      "what a look-up of a VIP (or a rare sensitive person) without a case weighs"
                      " on top of its chance"},
    /* A VIP looked up by chance: the more look-ups without a case an actor
     * makes, the likelier one of them lands on a VIP (a team whose work is
     * mostly before any case meets some in a month). vip_weight counts in
     * full when the actor's look-ups of VIPs are this unlikely by chance,
     * in proportion below. */
    [P_VIP_SURE] = {"vip_sure", 3, 0.1, 300, 0, "orders of magnitude",
                    "how unlikely by chance (-log10) an actor's look-ups of VIPs (and rare"
                    " sensitive persons) are when vip_weight counts in full; less weighs less"},
    [P_RARE_SHARE] = {"rare_share", 0.001, 0, 1, 0, "share",
                      "sensitive persons weigh as VIPs while at most this share of the register"},
    /* Several staff on one VIP or sensitive person within the window: what
     * each of them weighs more for every other one (up to max_score).
     * Chance hits of unrelated people's work do not meet on one subject on
     * one day; the celebrity after the news does. */
    [P_BURST_WEIGHT] = {"burst_weight", 15, 0, 100, 0, "points",
                        "what each of several staff on one VIP or sensitive person weighs more"
                        " for every other one"},
    [P_MAX_SCORE] = {"max_score", 95, 1, 100, 0, "points",
                     "the most one actor's look-ups of one protected subject weigh"},
    /* The register's protected share is taken as at least this: a register
     * listing few subjects says little. */
    [P_SHARE_FLOOR] = {"share_floor", 0.001, 1e-9, 1, 0, "share",
                       "the least share of the register taken as protected when judging chance"},
    /* Pseudo-look-ups at the register's share that keep a small peer group
     * from swinging the rate. */
    [P_PRIOR_WEIGHT] = {"prior_weight", 50, 0, 1e6, 0, "look-ups",
                        "look-ups at the register's share added to the peers' when judging"
                        " their rate"},
    [P_HIGH_SURPRISE] = {"high_surprise", 3, 0, 300, 0, "orders of magnitude",
                         "how unlikely by chance (-log10) an actor's count is for a high alert"},
    [P_MEDIUM_SURPRISE] = {"medium_surprise", 1.5, 0, 300, 0, "orders of magnitude",
                           "how unlikely by chance (-log10) an actor's count is for a medium"
                           " alert"},
};

typedef struct state {
    uint32_t unexplained; /* look-ups of a subject without a case, ever */
    uint32_t hits;        /* of them, of protected subjects */
    uint32_t rare;        /* of them, of VIPs and rare sensitive persons */
    float credited;       /* the most their count's surprise has scored so far */
} state;

/* Per peer group, recomputed at most once a day: how often the peers' own
 * look-ups without a case land on protected subjects. In HR, colleagues'
 * records are the daily work; at the front desk they are not. */
typedef struct peer_rate {
    int32_t day;
    double rate;
} peer_rate;

typedef struct global {
    double share;      /* protected subjects / subjects in the register */
    double rare_share; /* of them, VIPs and rare sensitive persons */
    /* Per category (enum ref_protect): the fixed weight of a look-up of one
     * without a case, vip_weight or 0 for a large category. */
    double fixed[PROT_OTHER + 1];
    uint32_t crowd; /* the crowd parameter */
    rule_windows w; /* per protected subject looked up without a case */
} global;

static int init(rule_ctx *rc, werr *e)
{
    const refdata *r = rule_refdata(rc);
    size_t n = refdata_subject_count(r), prot = 0, per[PROT_OTHER + 1] = {0};
    for (size_t i = 0; i < n; i++) {
        unsigned k = refdata_subject(r, (int32_t)i)->protect;
        prot += k != PROT_NONE;
        if (k <= PROT_OTHER) per[k]++;
    }
    global *g = calloc(1, sizeof *g);
    if (!g) return -1;
    rule_set_global(rc, g);
    const double *p = rule_params(rc);
    g->fixed[PROT_VIP] = p[P_VIP_WEIGHT];
    double part = n ? (double)per[PROT_SENSITIVE] / (double)n : 0;
    g->fixed[PROT_SENSITIVE] = part > p[P_RARE_SHARE] ? 0 : p[P_VIP_WEIGHT];
    g->crowd = (uint32_t)p[P_CROWD];
    if (rule_windows_init(&g->w, (int)p[P_WINDOW_HOURS]) < 0) return -1;
    /* Never below share_floor: a register listing few subjects says little. */
    g->share = n ? (double)prot / (double)n : 0;
    size_t rare = per[PROT_VIP] + (g->fixed[PROT_SENSITIVE] > 0 ? per[PROT_SENSITIVE] : 0);
    g->rare_share = n ? (double)rare / (double)n : 0;
    if (g->share < p[P_SHARE_FLOOR]) g->share = p[P_SHARE_FLOOR];
    return rule_peer_cache_init(rc, sizeof(peer_rate));
}

static void fini(rule_ctx *rc)
{
    global *g = rule_global(rc);
    if (!g) return;
    rule_windows_free(&g->w);
    free(g);
    rule_set_global(rc, NULL);
}

/* What a look-up of protect's kind, weighing own alone, weighs for one of
 * `staff` actors in one window: less each in a crowd on a colleague's
 * record, more each when several look at a VIP or a sensitive person. */
static double crowd(const double *p, int protect, uint32_t staff, double own)
{
    if (protect != PROT_EMPLOYEE) {
        double w = own + p[P_BURST_WEIGHT] * (staff - 1);
        return w < p[P_MAX_SCORE] ? w : p[P_MAX_SCORE];
    }
    return own * rule_window_crowd(staff, p[P_CROWD], p[P_CROWD_FLOOR]);
}

/* What an actor's count of protected records weighs, from how unlikely by
 * chance it is (-log10). Every actor is tested: a one-in-ten chance is
 * ordinary somewhere in a large organisation, so the first order of
 * magnitude counts for little, and a count chance explains (a team whose
 * work is mostly without a case meets colleagues' records as often as
 * their share predicts) for less still. */
static double count_weight(double surprise)
{
    double first = surprise < 1 ? surprise : 1;
    return 1 + 7 * first + 12 * (surprise > 1 ? surprise - 1 : 0);
}

/* Surprise (-log10) of count protected records where lambda are expected. */
static double count_surprise(uint32_t count, double lambda)
{
    double chance = stats_poisson_tail(count, lambda);
    return -log10(chance > 1e-300 ? chance : 1e-300);
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
        double prior = rule_params(rc)[P_PRIOR_WEIGHT];
        p->rate = (hits + prior * g->share) / (n + prior);
    }
    return p->rate > g->share ? p->rate : g->share;
}

static int on_event(rule_ctx *rc, void *st, const det_event *e)
{
    state *s = st;
    if (!e->unexplained) return 0;
    s->unexplained++;
    const ref_subject *sub = e->subj;
    if (!sub || sub->protect == PROT_NONE) return 0;
    /* One's own record and one's household's: the relation rule. */
    if (e->subject == e->who->person || (sub->addr != REF_NONE && sub->addr == e->who->addr))
        return 0;
    global *g = rule_global(rc);
    const double *p = rule_params(rc);
    uint32_t wid;
    rule_window *w = rule_windows_of(&g->w, e->ev->subject, &wid);
    if (!w) return -1;
    int64_t start = w->start;
    uint32_t before = w->staff + w->carried;
    rule_windows_join(&g->w, wid, e->actor, e->ev->ts, 0);
    if (w->start != start) before = w->carried; /* a new window */
    uint32_t staff = w->staff + w->carried;
    /* A look-up in a crowd on a colleague's record is the crowd's, not a
     * protected record of the actor's own: it does not add to what their
     * later look-ups are judged against, nor do those of the first
     * `crowd` once the crowd forms. */
    int crowded = sub->protect == PROT_EMPLOYEE && staff > g->crowd;
    if (crowded && before == g->crowd && staff == g->crowd + 1)
        for (uint32_t i = 0; i < w->n; i++) {
            state *other = w->actor[i] == e->actor ? NULL : rule_actor_state(rc, w->actor[i]);
            if (other && other->hits) other->hits--;
        }
    if (!crowded) s->hits++;
    double fixed = sub->protect <= PROT_OTHER ? g->fixed[sub->protect] : 0;
    if (fixed > 0) s->rare++;
    double lambda = s->unexplained * expected_rate(rc, g, e);
    double surprise = count_surprise(s->hits, lambda);
    int vip = sub->protect == PROT_VIP;
    if (fixed > 0) {
        /* A register without the persons around its VIPs says nothing of
         * chance: they weigh in full. */
        double rare_chance =
            g->rare_share > 0 ? stats_poisson_tail(s->rare, s->unexplained * g->rare_share) : 0;
        double sure = -log10(rare_chance > 1e-300 ? rare_chance : 1e-300) / p[P_VIP_SURE];
        fixed *= sure < 1 ? sure : 1;
    }
    double count = count_weight(surprise);
    /* The count is one finding that grows: each alert scores what it adds
     * to the ones before (at least 1), so that an actor's alerts together
     * weigh what their count does, not that many times over. */
    double grew = count - s->credited > 1 ? count - s->credited : 1;
    if (count > s->credited) s->credited = (float)count;
    /* A further look-up of the subject in the window adds to the actor's
     * share of its alert (the subject's fixed weight counted once). */
    double had = 0;
    for (uint32_t i = 0; i < w->n; i++)
        if (w->actor[i] == e->actor) had = w->own[i];
    double own = had > 0 ? had + grew : fixed + grew;
    if (own > p[P_MAX_SCORE]) own = p[P_MAX_SCORE];
    int rare = vip || (sub->protect == PROT_SENSITIVE && g->fixed[PROT_SENSITIVE] > 0);
    int sev = rare || surprise >= p[P_HIGH_SURPRISE] ? SEV_HIGH
              : surprise >= p[P_MEDIUM_SURPRISE]     ? SEV_MEDIUM
                                                     : SEV_LOW;

    rule_windows_join(&g->w, wid, e->actor, e->ev->ts, own);
    double weight[RULE_WINDOW_NAMED];
    for (uint32_t i = 0; i < w->n; i++)
        weight[i] = crowd(p, sub->protect, staff, w->own[i]);
    /* Several staff on a VIP or a sensitive person within hours: the
     * pattern itself is a finding. */
    if (staff > 1 && sub->protect != PROT_EMPLOYEE && sev < SEV_HIGH) sev = SEV_HIGH;

    char reason[800];
    if (staff > 1) {
        /* "VIP record X looked up without a case by 4 staff within 24
         * hours: a, b, c, d" */
        snprintf(reason, sizeof reason, "%s %s looked up without a case ",
                 sub->protect == PROT_EMPLOYEE ? "Colleague's own record"
                 : vip                         ? "VIP record"
                                               : "Sensitive person's record",
                 e->ev->subject);
        rule_window_reason(rule_refdata(rc), &g->w, w, reason, sizeof reason);
    } else {
        const char *what = sub->protect == PROT_EMPLOYEE ? "a colleague's own record"
                           : vip                         ? "the record of a VIP"
                                                         : "the record of a sensitive person";
        if (s->hits == 1)
            snprintf(reason, sizeof reason, "Looked up %s (%s) without a case", what,
                     e->ev->subject);
        else
            snprintf(reason, sizeof reason,
                     "Looked up %s (%s) without a case: %u protected records so far where %.1f"
                     " would be expected by chance",
                     what, e->ev->subject, s->hits, lambda);
    }
    return rule_window_emit(rc, w, e->ev->subject, e, sev, weight, reason);
}

/* The windows changed since the last save, or all of them. */
static int save(rule_ctx *rc, int all, werr *e)
{
    return rule_windows_save(rc, &((global *)rule_global(rc))->w, all);
}

static int load(rule_ctx *rc, const kv_entry *kv, size_t n, werr *e)
{
    return rule_windows_load(rc, &((global *)rule_global(rc))->w, kv, n);
}

const rule_def rule_protected = {
    .name = "protected",
    .version = 4,
    .actor_state = sizeof(state),
    .params = params,
    .nparams = NPARAM,
    .cumulative = 1,
    .init = init,
    .on_event = on_event,
    .save = save,
    .load = load,
    .free = fini,
};

double rule_protected_count_weight(uint32_t count, double lambda)
{
    /* As printed, 0.0 is below 0.05. */
    return count_weight(count_surprise(count, lambda > 0.05 ? lambda : 0.05));
}

int rule_protected_count_of(const char *reason, uint32_t *count, double *lambda, size_t *end)
{
    static const char so_far[] = " protected records so far where ",
                      chance[] = " would be expected by chance";
    const char *at = strstr(reason, so_far);
    if (!at) return 0;
    const char *num = at;
    while (num > reason && num[-1] >= '0' && num[-1] <= '9')
        num--;
    const char *tail = strstr(at, chance);
    if (num == at || !tail || sscanf(num, "%u", count) != 1 ||
        sscanf(at + sizeof so_far - 1, "%lf", lambda) != 1)
        return 0;
    *end = (size_t)(tail - reason) + sizeof chance - 1;
    return 1;
}
