/* first_use — an established actor uses a system or an action for the
 * first time, or looks up a subject type (a person, a vehicle, a
 * container: the event's subject_type) they never did, one their peer
 * group rarely uses, or does so without a case
 * (then, for one their peers commonly use, it weighs little: the novelty
 * is only the missing case, which unexplained judges). New staff learn
 * everything first: they are not flagged while new.
 *
 * The alert is about the system, action or type: every first use of one within
 * window_hours of the first is one alert naming everyone who made one,
 * counted in each one's risk with their own weight. Many established
 * staff taking up one system at once (a record in it is the talk of the
 * organisation, a new procedure, a roll-out) is an event of the
 * organisation, not of each of them: with more than `crowd`, each weighs
 * less than one alone would. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "detect/rule.h"
#include "detect/rule_window.h"

/* Systems, actions and subject types remembered per actor (sizes the
 * per-actor slot). */
enum { NSET = 12 };

/* What a first use is of: the words in reasons, the window keys' prefix. */
typedef enum what_kind { W_SYSTEM, W_ACTION, W_TYPE, NWHAT } what_kind;
static const char *const WHAT_NAME[NWHAT] = {"system", "action", "subject type"};
static const char WHAT_KEY[NWHAT] = {'s', 'a', 't'};

/* Parameters (docs/rules.md; README "Configuring detection"). */
enum {
    P_ESTABLISHED_DAYS,
    P_COMMON,
    P_COMMON_LEAVING,
    P_SCORE,
    P_SCORE_UNEXPLAINED,
    P_SCORE_COMMON,
    P_WINDOW_HOURS,
    P_CROWD,
    P_CROWD_FLOOR,
    NPARAM
};
static const rule_param params[NPARAM] = {
    /* Learning a job's systems takes longer than the warm-up of rule_warm,
     * which applies too. */
    [P_ESTABLISHED_DAYS] = {"established_days", 10, 0, 3650, 1, "active days",
                            "active days before an actor's first uses are judged"},
    /* A share of the actor's peers using it at which a system or action
     * is common for their work (before a known end date a higher share). */
    [P_COMMON] = {"common_share", 0.2, 0, 1, 0, "share",
                  "share of the actor's peers using a system or action at which it is common"
                  " for their work"},
    [P_COMMON_LEAVING] = {"common_share_leaving", 0.5, 0, 1, 0, "share",
                          "common_share before a known end date"},
    /* What a first use weighs: of something uncommon, with or without a
     * case; of something common, done without a case. */
    [P_SCORE] = {"score", 12, 0, 100, 0, "points",
                 "what a first use of something uncommon for the peers weighs"},
    [P_SCORE_UNEXPLAINED] = {"score_unexplained", 22, 0, 100, 0, "points",
                             "what a first use of something uncommon, without a case, weighs"},
    [P_SCORE_COMMON] = {"score_common", 8, 0, 100, 0, "points",
                        "what a first use of something common for the peers, without a case,"
                        " weighs"},
    /* First uses of one system or action within this many hours of the
     * first are one alert. Up to crowd staff weigh as much each as one
     * alone would; with more, each weighs sqrt(crowd / staff) of it, never
     * below crowd_floor. */
    [P_WINDOW_HOURS] = {"window_hours", 24, 1, 24 * 28, 1, "hours",
                        "first uses of one system or action within this many hours of the first"
                        " are one alert"},
    [P_CROWD] = {"crowd", 3, 1, 1000, 1, "staff",
                 "staff taking up one system or action within the window who weigh as much each"
                 " as one alone; more weigh less each"},
    [P_CROWD_FLOOR] = {"crowd_floor", 0.25, 0, 1, 0, "share",
                       "the least share of their own weight each of a crowd keeps"},
};

typedef struct state {
    uint32_t set[NWHAT][NSET];
    uint8_t n[NWHAT];
    /* Days this rule has seen the actor at work, from when it first did
     * (its own count: a store that held the actor before this rule's
     * version learned nothing of their habits yet, whatever their age). */
    uint16_t days;
    int32_t day;
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

typedef struct global {
    rule_windows w; /* per "s:<system>", "a:<action>" or "t:<subject type>" */
} global;

/* Share of the actor's peers who used it (of kind k) before
 * the current window cur (NULL: none): those who took it up within it
 * are the same event, not a habit of the group. */
static double peer_share(rule_ctx *rc, const det_event *e, uint32_t h, what_kind k,
                         const rule_window *cur)
{
    unsigned peers = 0, users = 0;
    size_t n;
    const int32_t *peer = refdata_peer_members(rule_refdata(rc), e->who->peer, &n);
    for (size_t i = 0; i < n; i++) {
        if (peer[i] == e->actor) continue;
        const state *ps = rule_actor_state(rc, peer[i]);
        peers++;
        if (!has(ps->set[k], ps->n[k], h)) continue;
        int in_window = 0;
        for (uint32_t j = 0; cur && j < cur->n && !in_window; j++)
            in_window = cur->actor[j] == peer[i];
        users += !in_window;
    }
    return peers ? (double)users / peers : 0;
}

static int init(rule_ctx *rc, werr *e)
{
    global *g = calloc(1, sizeof *g);
    if (!g) return -1;
    rule_set_global(rc, g);
    return rule_windows_init(&g->w, (int)rule_params(rc)[P_WINDOW_HOURS]);
}

static void fini(rule_ctx *rc)
{
    global *g = rule_global(rc);
    if (!g) return;
    rule_windows_free(&g->w);
    free(g);
    rule_set_global(rc, NULL);
}

static int check(rule_ctx *rc, state *s, const det_event *e, const char *what, what_kind k)
{
    if (!what || !what[0]) return 0;
    uint32_t h = (uint32_t)hash64(what, strlen(what));
    if (has(s->set[k], s->n[k], h)) return 0;
    const double *p = rule_params(rc);
    int established = s->days >= p[P_ESTABLISHED_DAYS] && rule_warm(e);
    add(s->set[k], &s->n[k], h);
    if (!established) return 0;
    global *g = rule_global(rc);
    char key[200];
    snprintf(key, sizeof key, "%c:%s", WHAT_KEY[k], what);
    uint32_t wid;
    rule_window *w = rule_windows_of(&g->w, key, &wid);
    if (!w) return -1;
    int current = rule_window_current(&g->w, w, e->ev->ts);
    double share = peer_share(rc, e, h, k, current ? w : NULL);
    /* Before a known end date a new system or action weighs more. */
    char why[96] = "";
    int leaving = rule_depart_days(e, why, sizeof why) > 0;
    int common = share >= (leaving ? p[P_COMMON_LEAVING] : p[P_COMMON]);
    if (common && !e->unexplained) return 0;
    /* Something their peers use is new only in lacking a case, which
     * unexplained judges: it weighs little here. */
    double own = common ? p[P_SCORE_COMMON] : e->unexplained ? p[P_SCORE_UNEXPLAINED] : p[P_SCORE];
    if (leaving) own *= e->depart->weight;

    rule_windows_join(&g->w, wid, e->actor, e->ev->ts, own);
    double weight[RULE_WINDOW_NAMED],
        f = rule_window_crowd(w->staff + w->carried, p[P_CROWD], p[P_CROWD_FLOOR]);
    for (uint32_t i = 0; i < w->n; i++)
        weight[i] = w->own[i] * f;
    char reason[800];
    if (w->staff + w->carried > 1) {
        /* "First use of system 'x' by 23 staff within 24 hours: a, b, c
         * ... and 15 more". */
        snprintf(reason, sizeof reason, "First use of %s '%.60s' ", WHAT_NAME[k], what);
        rule_window_reason(rule_refdata(rc), &g->w, w, reason, sizeof reason);
    } else {
        snprintf(reason, sizeof reason,
                 "First use of %s '%s' by this person%s; %.0f %% of their peers use it%s%s",
                 WHAT_NAME[k], what, e->unexplained ? ", without a case" : "", share * 100,
                 leaving ? ";" : "", why);
    }
    return rule_window_emit(rc, w, key, e, leaving ? SEV_MEDIUM : SEV_LOW, weight, reason);
}

static int on_event(rule_ctx *rc, void *st, const det_event *e)
{
    state *s = st;
    if (e->day != s->day) {
        s->day = e->day;
        if (s->days < UINT16_MAX) s->days++;
    }
    if (check(rc, s, e, e->ev->system, W_SYSTEM) < 0) return -1;
    if (check(rc, s, e, e->ev->action, W_ACTION) < 0) return -1;
    /* A look-up only: a search or a list names a type it did not open. */
    return e->ev->subject[0] ? check(rc, s, e, e->ev->subject_type, W_TYPE) : 0;
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

const rule_def rule_first_use = {
    /* 2: subject types in the slot. An actor is established by the days
     * this version has seen them (state.days), so a store of version 1
     * does not make every next use of a system a "first use". */
    .name = "first_use", .version = 2, .actor_state = sizeof(state), .params = params,
    .nparams = NPARAM,   .init = init, .on_event = on_event,         .save = save,
    .load = load,        .free = fini,
};
