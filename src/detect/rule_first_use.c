/* first_use — an established actor uses a system or an action for the
 * first time, one their peer group rarely uses, or does so without a case.
 * New staff learn everything first: they are not flagged while new. */
#include <stdio.h>
#include <string.h>

#include "detect/rule.h"
#include "util/strmap.h"

/* Systems and actions remembered per actor; active days before an actor
 * is established (learning a job's systems takes longer than the warm-up
 * of rule_warm, which applies too). */
enum { NSET = 12, FIRST_USE_DAYS = 10 };

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

/* Share of the actor's peers who used it (system when is_system). */
static double peer_share(rule_ctx *rc, const det_event *e, uint32_t h, int is_system)
{
    unsigned peers = 0, users = 0;
    size_t n;
    const int32_t *peer = refdata_peer_members(rule_refdata(rc), e->who->peer, &n);
    for (size_t i = 0; i < n; i++) {
        if (peer[i] == e->actor) continue;
        const state *ps = rule_actor_state(rc, peer[i]);
        peers++;
        users += is_system ? has(ps->system, ps->nsystem, h) : has(ps->action, ps->naction, h);
    }
    return peers ? (double)users / peers : 0;
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
    double share = peer_share(rc, e, h, is_system);
    /* Before a known end date a new system or action weighs more. */
    char why[96] = "";
    int leaving = rule_depart_days(e, why, sizeof why) > 0;
    if (share >= (leaving ? 0.5 : 0.2) && !e->unexplained) return 0;
    char reason[240];
    snprintf(reason, sizeof reason,
             "First use of %s '%s' by this person%s; %.0f %% of their peers use it%s%s",
             is_system ? "system" : "action", what, e->unexplained ? ", without a case" : "",
             share * 100, leaving ? ";" : "", why);
    double score = e->unexplained ? 22 : 12;
    return rule_emit_event(rc, e, leaving ? SEV_MEDIUM : SEV_LOW,
                           leaving ? score * e->depart->weight : score, reason);
}

static int on_event(rule_ctx *rc, void *st, const det_event *e)
{
    if (check(rc, st, e, e->ev->system, 1) < 0) return -1;
    return check(rc, st, e, e->ev->action, 0);
}

const rule_def rule_first_use = {
    .name = "first_use",
    .version = 1,
    .actor_state = sizeof(state),
    .on_event = on_event,
};
