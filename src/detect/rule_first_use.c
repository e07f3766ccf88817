/* first_use — an established actor uses a system or an action for the
 * first time, one their peer group rarely uses, or does so without a case
 * (then, for one their peers commonly use, it weighs little: the novelty
 * is only the missing case, which unexplained judges). New staff learn
 * everything first: they are not flagged while new.
 *
 * The alert is about the system or action: every first use of one within
 * FU_WINDOW_HOURS of the first is one alert naming everyone who made one,
 * counted in each one's risk with their own weight. Many established
 * staff taking up one system at once (a record in it is the talk of the
 * organisation, a new procedure, a roll-out) is an event of the
 * organisation, not of each of them: with more than FU_CROWD, each weighs
 * less than one alone would. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "detect/rule.h"
#include "normalise/ts.h"
#include "store/store_alerts.h"
#include "util/strmap.h"

/* Systems and actions remembered per actor; active days before an actor
 * is established (learning a job's systems takes longer than the warm-up
 * of rule_warm, which applies too). */
enum { NSET = 12, FIRST_USE_DAYS = 10 };
/* A share of the actor's peers using it at which a system or action is
 * common for their work (before a known end date a higher share), and
 * what a first use weighs: of something uncommon, with or without a case;
 * of something common, done without a case. */
static const double FU_COMMON = 0.2, FU_COMMON_LEAVING = 0.5;
static const double FU_SCORE = 12, FU_SCORE_UNEXPLAINED = 22, FU_SCORE_COMMON = 8;
/* First uses of one system or action within this many hours of the first
 * are one alert. Up to FU_CROWD staff weigh as much each as one alone
 * would; with more, each weighs sqrt(FU_CROWD / staff) of it, never below
 * FU_CROWD_FLOOR. */
enum { FU_WINDOW_HOURS = 24, FU_CROWD = 3 };
static const double FU_CROWD_FLOOR = 0.25;
/* Actors an alert names (the store's limit) and names in its reason. */
enum { FU_NAMED = STORE_ALERT_ACTORS, FU_REASON_NAMES = 8 };

typedef struct state {
    uint32_t system[NSET], action[NSET];
    uint8_t nsystem, naction;
} state;

static int has(const uint32_t *set, uint8_t n, uint32_t h)
{
    for (uint8_t i = 0; i < n; i++)
        if (set[i] == h) return 1;
    return 0;
}

static void add(uint32_t *set, uint8_t *n, uint32_t h)
{
    if (*n < NSET) set[(*n)++] = h;
}

/* The current window of one system or action: the alert it makes. */
typedef struct window {
    int64_t start;  /* ms of its first use: names the alert */
    int32_t first;  /* that use's actor: the alert's actor */
    uint32_t staff; /* distinct actors (past FU_NAMED, uses) */
    uint32_t n;     /* actors named */
    int32_t actor[FU_NAMED];
    float own[FU_NAMED]; /* each one's own score, before the crowd */
} window;

typedef struct global {
    strmap *keys; /* "s:<system>" or "a:<action>": index in w */
    window *w;
    size_t cap;
    uint8_t *dirty; /* per window: changed since the last save */
} global;

/* Share of the actor's peers who used it (system when is_system) before
 * the current window cur (NULL: none): those who took it up within it
 * are the same event, not a habit of the group. */
static double peer_share(rule_ctx *rc, const det_event *e, uint32_t h, int is_system,
                         const window *cur)
{
    unsigned peers = 0, users = 0;
    size_t n;
    const int32_t *peer = refdata_peer_members(rule_refdata(rc), e->who->peer, &n);
    for (size_t i = 0; i < n; i++) {
        if (peer[i] == e->actor) continue;
        const state *ps = rule_actor_state(rc, peer[i]);
        peers++;
        if (!(is_system ? has(ps->system, ps->nsystem, h) : has(ps->action, ps->naction, h)))
            continue;
        int in_window = 0;
        for (uint32_t k = 0; cur && k < cur->n && !in_window; k++)
            in_window = cur->actor[k] == peer[i];
        users += !in_window;
    }
    return peers ? (double)users / peers : 0;
}

static int init(rule_ctx *rc, werr *e)
{
    global *g = calloc(1, sizeof *g);
    if (!g) return -1;
    rule_set_global(rc, g);
    return (g->keys = strmap_new()) ? 0 : -1;
}

static void fini(rule_ctx *rc)
{
    global *g = rule_global(rc);
    if (!g) return;
    strmap_free(g->keys);
    free(g->w);
    free(g->dirty);
    free(g);
    rule_set_global(rc, NULL);
}

/* The window of key (made room for, zeroed when new); its index through
 * *idp. NULL when out of memory. */
static window *window_of(global *g, const char *key, uint32_t *idp)
{
    uint32_t id;
    if (strmap_intern(g->keys, key, strlen(key), &id) < 0) return NULL;
    if (id >= g->cap) {
        size_t nc = g->cap ? g->cap * 2 : 16;
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

/* Adds actor's first use at ts, of their own score own, to w (a new window
 * when ts is not within FU_WINDOW_HOURS of w's start). */
static void join(window *w, int32_t actor, int64_t ts, double own)
{
    int64_t span = (int64_t)FU_WINDOW_HOURS * TS_HOUR_MS;
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
    if (w->n < FU_NAMED) {
        w->actor[w->n] = actor;
        w->own[w->n++] = (float)own;
    }
}

/* What a first use weighs for one of `staff` actors, of what it would
 * weigh alone. */
static double crowd(uint32_t staff)
{
    if (staff <= FU_CROWD) return 1;
    double f = sqrt((double)FU_CROWD / staff);
    return f > FU_CROWD_FLOOR ? f : FU_CROWD_FLOOR;
}

/* "First use of system 'x' by 23 staff within 24 hours (12 without a
 * case): a, b, c ... and 15 more". */
static void crowd_reason(rule_ctx *rc, const window *w, const char *what, int is_system, char *out,
                         size_t size)
{
    int len = snprintf(out, size, "First use of %s '%.60s' by %u staff within %d hours: ",
                       is_system ? "system" : "action", what, w->staff, FU_WINDOW_HOURS);
    for (uint32_t i = 0; i < w->n && i < FU_REASON_NAMES && len >= 0 && (size_t)len < size; i++)
        len += snprintf(out + len, size - (size_t)len, "%s%s", i ? ", " : "",
                        refdata_actor(rule_refdata(rc), w->actor[i])->name);
    if (w->staff > FU_REASON_NAMES && len >= 0 && (size_t)len < size)
        snprintf(out + len, size - (size_t)len, " and %u more", w->staff - FU_REASON_NAMES);
}

static int check(rule_ctx *rc, state *s, const det_event *e, const char *what, int is_system)
{
    uint32_t h = (uint32_t)hash64(what, strlen(what));
    uint32_t *set = is_system ? s->system : s->action;
    uint8_t *n = is_system ? &s->nsystem : &s->naction;
    if (!what[0] || has(set, *n, h)) return 0;
    int established = e->base->active_days >= FIRST_USE_DAYS && rule_warm(e);
    add(set, n, h);
    if (!established) return 0;
    global *g = rule_global(rc);
    char key[200];
    snprintf(key, sizeof key, "%c:%s", is_system ? 's' : 'a', what);
    uint32_t wid;
    window *w = window_of(g, key, &wid);
    if (!w) return -1;
    int64_t span = (int64_t)FU_WINDOW_HOURS * TS_HOUR_MS;
    int current = w->n && e->ev->ts < w->start + span && e->ev->ts > w->start - span;
    double share = peer_share(rc, e, h, is_system, current ? w : NULL);
    /* Before a known end date a new system or action weighs more. */
    char why[96] = "";
    int leaving = rule_depart_days(e, why, sizeof why) > 0;
    int common = share >= (leaving ? FU_COMMON_LEAVING : FU_COMMON);
    if (common && !e->unexplained) return 0;
    /* Something their peers use is new only in lacking a case, which
     * unexplained judges: it weighs little here. */
    double own = common ? FU_SCORE_COMMON : e->unexplained ? FU_SCORE_UNEXPLAINED : FU_SCORE;
    if (leaving) own *= e->depart->weight;

    join(w, e->actor, e->ev->ts, own);
    g->dirty[wid] = 1;
    double weight[FU_NAMED], score = 0, f = crowd(w->staff);
    for (uint32_t i = 0; i < w->n; i++) {
        weight[i] = w->own[i] * f;
        if (weight[i] > score) score = weight[i];
    }
    char reason[800];
    if (w->staff > 1)
        crowd_reason(rc, w, what, is_system, reason, sizeof reason);
    else
        snprintf(reason, sizeof reason,
                 "First use of %s '%s' by this person%s; %.0f %% of their peers use it%s%s",
                 is_system ? "system" : "action", what, e->unexplained ? ", without a case" : "",
                 share * 100, leaving ? ";" : "", why);
    char group[240];
    snprintf(group, sizeof group, "%s|%lld", key, (long long)w->start);
    const char *ev[1] = {e->ev->id}, *subj[1] = {e->ev->subject};
    det_finding fd = {.actor = w->first,
                      .ts = e->ev->ts,
                      .severity = leaving ? SEV_MEDIUM : SEV_LOW,
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

static int on_event(rule_ctx *rc, void *st, const det_event *e)
{
    if (check(rc, st, e, e->ev->system, 1) < 0) return -1;
    return check(rc, st, e, e->ev->action, 0);
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
    return rule_kv_put(rc, strmap_key(g->keys, id), b->data, b->len);
}

/* The windows changed since the last save, or all of them. */
static int save(rule_ctx *rc, int all, werr *e)
{
    global *g = rule_global(rc);
    buf b = {0};
    int rc_ = 0;
    size_t n = strmap_count(g->keys);
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
    for (char *a, *own;
         w->n < FU_NAMED && (a = strtok_r(NULL, "\t", &at)) && (own = strtok_r(NULL, "\t", &at));) {
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

const rule_def rule_first_use = {
    /* Still 1: the per-actor slot is unchanged, and the windows are new
     * keys a store of version 1 never held. Raising it would make every
     * established actor learn their systems again, each next use of one
     * a "first use". */
    .name = "first_use", .version = 1,         .actor_state = sizeof(state),
    .init = init,        .on_event = on_event, .save = save,
    .load = load,        .free = fini,
};
