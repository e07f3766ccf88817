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
 * without a case within PROT_WINDOW_HOURS of the first is one alert that
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
#include "normalise/ts.h"
#include "store/store_alerts.h"
#include "util/stats.h"
#include "util/strmap.h"

/* The look-ups of one subject within this many hours from the first are
 * one alert. */
enum { PROT_WINDOW_HOURS = 24 };
/* Up to this many staff on one colleague's record weigh as much each as one
 * alone would; with more, each weighs sqrt(PROT_CROWD / staff) of it, never
 * below PROT_CROWD_FLOOR. A crowd on a VIP or a sensitive person is not
 * discounted: each of them looked without a reason. */
enum { PROT_CROWD = 3 };
static const double PROT_CROWD_FLOOR = 0.25;
/* What a look-up of a VIP or a sensitive person without a case weighs on
 * top of its chance: on its own, it is seen in the risk list. VIP lists
 * are short and every look-up of one matters. Sensitive persons weigh as
 * much while they are at most PROT_RARE_SHARE of the register; where they
 * are more (a municipality marking thousands of persons sensitive), work
 * without a case lands on them by chance, and they weigh only by how
 * surprising the actor's count is, as colleagues' records (many: every
 * employee) always do. */
static const double PROT_VIP_WEIGHT = 45;
static const double PROT_RARE_SHARE = 0.001;
/* Several staff on one VIP or sensitive person within the window: what
 * each of them weighs more for every other one (up to PROT_MAX_SCORE).
 * Chance hits of unrelated people's work do not meet on one subject on one
 * day; the celebrity after the news does. */
static const double PROT_BURST_WEIGHT = 15;
static const double PROT_MAX_SCORE = 95;
/* Actors an alert names (the store's limit) and names in its reason. */
enum { PROT_NAMED = STORE_ALERT_ACTORS, PROT_REASON_NAMES = 8 };

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

/* The current window of one protected subject: the alert it makes. */
typedef struct window {
    int64_t start;  /* ms of its first look-up: names the alert */
    int32_t first;  /* that look-up's actor: the alert's actor */
    uint32_t staff; /* distinct actors (past PROT_NAMED, look-ups) */
    uint32_t n;     /* actors named */
    int32_t actor[PROT_NAMED];
    float own[PROT_NAMED]; /* each one's own score, before the crowd */
} window;

typedef struct global {
    double share; /* protected subjects / subjects in the register */
    /* Per category (enum ref_protect): the fixed weight of a look-up of one
     * without a case, PROT_VIP_WEIGHT scaled down for a large category. */
    double fixed[PROT_OTHER + 1];
    strmap *subjects; /* protected subjects looked up without a case: index in w */
    window *w;
    size_t cap;
    uint8_t *dirty; /* per window: changed since the last save */
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
    g->fixed[PROT_VIP] = PROT_VIP_WEIGHT;
    double part = n ? (double)per[PROT_SENSITIVE] / (double)n : 0;
    g->fixed[PROT_SENSITIVE] = part > PROT_RARE_SHARE ? 0 : PROT_VIP_WEIGHT;
    if (!(g->subjects = strmap_new())) return -1;
    /* Never below 1 in 1,000: a register listing few subjects says little. */
    g->share = n ? (double)prot / (double)n : 0;
    if (g->share < 0.001) g->share = 0.001;
    return rule_peer_cache_init(rc, sizeof(peer_rate));
}

static void fini(rule_ctx *rc)
{
    global *g = rule_global(rc);
    if (!g) return;
    strmap_free(g->subjects);
    free(g->w);
    free(g->dirty);
    free(g);
    rule_set_global(rc, NULL);
}

/* The window of subject (made room for, zeroed when new); its index
 * through *idp. NULL when out of memory. */
static window *window_of(global *g, const char *subject, uint32_t *idp)
{
    uint32_t id;
    if (strmap_intern(g->subjects, subject, strlen(subject), &id) < 0) return NULL;
    if (id >= g->cap) {
        size_t nc = g->cap ? g->cap * 2 : 64;
        window *nw = realloc(g->w, nc * sizeof *nw);
        if (!nw) return NULL;
        g->w = nw;
        uint8_t *nd = realloc(g->dirty, nc);
        if (!nd) return NULL;
        g->dirty = nd;
        memset(g->w + g->cap, 0, (nc - g->cap) * sizeof *nw);
        memset(g->dirty + g->cap, 0, nc - g->cap);
        g->cap = nc;
    }
    *idp = id;
    return &g->w[id];
}

/* Adds actor's look-up at ts, of their own score own, to w (a new window
 * when ts is not within PROT_WINDOW_HOURS of w's start). */
static void join(window *w, int32_t actor, int64_t ts, double own)
{
    int64_t span = (int64_t)PROT_WINDOW_HOURS * TS_HOUR_MS;
    if (w->n == 0 || ts >= w->start + span || ts <= w->start - span) {
        w->start = ts;
        w->first = actor;
        w->staff = w->n = 0;
    }
    for (uint32_t i = 0; i < w->n; i++)
        if (w->actor[i] == actor) {
            if (own > w->own[i]) w->own[i] = (float)own;
            return;
        }
    w->staff++;
    if (w->n < PROT_NAMED) {
        w->actor[w->n] = actor;
        w->own[w->n++] = (float)own;
    }
}

/* What a look-up of protect's kind, weighing own alone, weighs for one of
 * `staff` actors in one window: less each in a crowd on a colleague's
 * record, more each when several look at a VIP or a sensitive person. */
static double crowd(int protect, uint32_t staff, double own)
{
    if (protect != PROT_EMPLOYEE) {
        double w = own + PROT_BURST_WEIGHT * (staff - 1);
        return w < PROT_MAX_SCORE ? w : PROT_MAX_SCORE;
    }
    if (staff <= PROT_CROWD) return own;
    double f = sqrt((double)PROT_CROWD / staff);
    return own * (f > PROT_CROWD_FLOOR ? f : PROT_CROWD_FLOOR);
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

/* "VIP record X looked up without a case by 4 staff within 24 hours: a, b,
 * c, d" for a window of several actors. */
static void crowd_reason(rule_ctx *rc, const window *w, int protect, const char *subject, char *out,
                         size_t size)
{
    const char *what = protect == PROT_EMPLOYEE ? "Colleague's own record"
                       : protect == PROT_VIP    ? "VIP record"
                                                : "Sensitive person's record";
    int len =
        snprintf(out, size, "%s %s looked up without a case by %u staff within %d hours: ", what,
                 subject, w->staff, PROT_WINDOW_HOURS);
    for (uint32_t i = 0; i < w->n && i < PROT_REASON_NAMES && len >= 0 && (size_t)len < size; i++)
        len += snprintf(out + len, size - (size_t)len, "%s%s", i ? ", " : "",
                        refdata_actor(rule_refdata(rc), w->actor[i])->name);
    if (w->staff > PROT_REASON_NAMES && len >= 0 && (size_t)len < size)
        snprintf(out + len, size - (size_t)len, " and %u more", w->staff - PROT_REASON_NAMES);
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
    uint32_t wid;
    window *w = window_of(g, e->ev->subject, &wid);
    if (!w) return -1;
    uint32_t before = w->staff;
    join(w, e->actor, e->ev->ts, 0);
    g->dirty[wid] = 1;
    /* A look-up in a crowd on a colleague's record is the crowd's, not a
     * protected record of the actor's own: it does not add to what their
     * later look-ups are judged against, nor do those of the first
     * PROT_CROWD once the crowd forms. */
    int crowded = sub->protect == PROT_EMPLOYEE && w->staff > PROT_CROWD;
    if (crowded && before == PROT_CROWD && w->staff == PROT_CROWD + 1)
        for (uint32_t i = 0; i < w->n; i++) {
            state *other = w->actor[i] == e->actor ? NULL : rule_actor_state(rc, w->actor[i]);
            if (other && other->hits) other->hits--;
        }
    if (!crowded) s->hits++;
    double lambda = s->unexplained * expected_rate(rc, g, e);
    double p = stats_poisson_tail(s->hits, lambda);
    double surprise = -log10(p > 1e-300 ? p : 1e-300);
    int vip = sub->protect == PROT_VIP;
    double fixed = sub->protect <= PROT_OTHER ? g->fixed[sub->protect] : 0;
    /* Every actor is tested: a one-in-ten chance is ordinary somewhere in a
     * large organisation, so the first order of magnitude counts for little. */
    double own = 8 + 12 * (surprise > 1 ? surprise - 1 : 0) + fixed;
    if (own > PROT_MAX_SCORE) own = PROT_MAX_SCORE;
    int sev = vip || fixed >= PROT_VIP_WEIGHT / 2 || surprise >= 3 ? SEV_HIGH
              : surprise >= 1.5                                    ? SEV_MEDIUM
                                                                   : SEV_LOW;

    join(w, e->actor, e->ev->ts, own);
    double weight[PROT_NAMED], score = 0;
    for (uint32_t i = 0; i < w->n; i++) {
        weight[i] = crowd(sub->protect, w->staff, w->own[i]);
        if (weight[i] > score) score = weight[i];
    }
    /* Several staff on a VIP or a sensitive person within hours: the
     * pattern itself is a finding. */
    if (w->staff > 1 && sub->protect != PROT_EMPLOYEE && sev < SEV_HIGH) sev = SEV_HIGH;

    char reason[800];
    if (w->staff > 1) {
        crowd_reason(rc, w, sub->protect, e->ev->subject, reason, sizeof reason);
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
    char group[160];
    snprintf(group, sizeof group, "%s|%lld", e->ev->subject, (long long)w->start);
    const char *ev[1] = {e->ev->id}, *subj[1] = {e->ev->subject};
    det_finding fd = {.actor = w->first,
                      .ts = e->ev->ts,
                      .severity = sev,
                      .score = score,
                      .reason = reason,
                      .group = group,
                      .events = ev,
                      .subjects = subj,
                      .n = 1,
                      .actors = w->actor,
                      .actor_scores = weight,
                      .nactors = w->n};
    return rule_emit(rc, &fd);
}

/* ---- the windows, saved: "start \t staff \t actor \t own \t actor \t own ..." ---- */

static int save_window(rule_ctx *rc, buf *b, uint32_t id)
{
    const global *g = rule_global(rc);
    const window *w = &g->w[id];
    const refdata *r = rule_refdata(rc);
    buf_reset(b);
    int rc_ = buf_printf(b, "%lld\t%u", (long long)w->start, w->staff);
    for (uint32_t i = 0; i < w->n && rc_ == 0; i++)
        rc_ = buf_printf(b, "\t%s\t%.9g", refdata_actor(r, w->actor[i])->name, (double)w->own[i]);
    if (rc_ < 0) return -1;
    return rule_kv_put(rc, strmap_key(g->subjects, id), b->data, b->len);
}

/* The windows changed since the last save, or all of them. */
static int save(rule_ctx *rc, int all, werr *e)
{
    global *g = rule_global(rc);
    buf b = {0};
    int rc_ = 0;
    size_t n = strmap_count(g->subjects);
    for (uint32_t id = 0; id < n && rc_ == 0; id++)
        if (g->w[id].n && (all || g->dirty[id])) rc_ = save_window(rc, &b, id);
    if (rc_ == 0 && g->cap) memset(g->dirty, 0, g->cap);
    buf_free(&b);
    return rc_;
}

/* Sets w from a saved value (NUL-terminated, changed). */
static void restore(refdata *r, window *w, char *value)
{
    char *at = NULL, *start = strtok_r(value, "\t", &at), *staff = strtok_r(NULL, "\t", &at);
    memset(w, 0, sizeof *w);
    if (!start || !staff) return;
    w->start = strtoll(start, NULL, 10);
    w->staff = (uint32_t)strtoul(staff, NULL, 10);
    for (char *a, *own; w->n < PROT_NAMED && (a = strtok_r(NULL, "\t", &at)) &&
                        (own = strtok_r(NULL, "\t", &at));) {
        int32_t id = refdata_actor_intern(r, a);
        if (id == REF_NONE) continue; /* out of memory: the ingest fails there */
        w->actor[w->n] = id;
        w->own[w->n++] = (float)strtod(own, NULL);
    }
    if (w->n) w->first = w->actor[0];
    if (w->staff < w->n) w->staff = w->n;
}

static int load(rule_ctx *rc, const kv_entry *kv, size_t n, werr *e)
{
    global *g = rule_global(rc);
    refdata *r = (refdata *)rule_refdata(rc);
    buf value = {0};
    int rc_ = 0;
    for (size_t i = 0; i < n && rc_ == 0; i++) {
        uint32_t id;
        window *w = window_of(g, kv[i].key, &id);
        buf_reset(&value);
        if (!w || buf_put(&value, kv[i].p, kv[i].n) < 0 || buf_put(&value, "", 1) < 0)
            rc_ = -1;
        else
            restore(r, w, value.data);
    }
    buf_free(&value);
    return rc_;
}

const rule_def rule_protected = {
    .name = "protected",
    .version = 3,
    .actor_state = sizeof(state),
    .init = init,
    .on_event = on_event,
    .save = save,
    .load = load,
    .free = fini,
};
