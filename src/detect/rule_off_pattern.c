/* off_pattern — look-ups at hours this actor does not work, or from a
 * client (workstation, VPN endpoint) they have never used. A night shift is
 * normal for a night worker: the pattern is the actor's own. Alone, a new
 * laptop or a late evening is ordinary; the rule speaks when such a look-up
 * has no case, or when both are unusual at once. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "detect/rule.h"
#include "util/strmap.h"

enum { NCLIENT = 8 };

typedef struct state {
    uint32_t hours[24];
    uint32_t total;
    uint32_t client[NCLIENT];
    uint16_t client_n[NCLIENT];
    int32_t day;
    uint16_t hits;
} state;

static int find_client(const state *s, uint32_t h)
{
    for (int i = 0; i < NCLIENT; i++)
        if (s->client_n[i] && s->client[i] == h) return i;
    return -1;
}

static void learn(state *s, const det_event *e, uint32_t ch)
{
    s->hours[e->hour]++;
    if (++s->total > 20000) {
        s->total = 0;
        for (int h = 0; h < 24; h++)
            s->total += s->hours[h] /= 2;
    }
    if (!e->ev->client[0]) return;
    int i = find_client(s, ch);
    if (i < 0) {
        /* Replace the least used client. */
        i = 0;
        for (int k = 1; k < NCLIENT; k++)
            if (s->client_n[k] < s->client_n[i]) i = k;
        s->client[i] = ch;
        s->client_n[i] = 0;
    }
    if (s->client_n[i] < UINT16_MAX) s->client_n[i]++;
}

/* The peer group's hours, summed at most once a day per group: the pattern
 * a newcomer is measured against until they have one of their own. */
typedef struct peer_hours {
    int32_t day;
    uint64_t hours[24], total;
} peer_hours;

static int init(rule_ctx *rc, werr *e)
{
    return rule_peer_cache_init(rc, sizeof(peer_hours));
}

static const peer_hours *peers_of(rule_ctx *rc, const det_event *e)
{
    int stale;
    peer_hours *p = rule_peer_entry(rc, e, sizeof *p, &stale);
    if (!p || !stale) return p;
    memset(p->hours, 0, sizeof p->hours);
    p->total = 0;
    size_t n;
    const int32_t *peer = refdata_peer_members(rule_refdata(rc), e->who->peer, &n);
    for (size_t i = 0; i < n; i++) {
        if (peer[i] == e->actor) continue;
        const state *ps = rule_actor_state(rc, peer[i]);
        for (int h = 0; h < 24; h++)
            p->hours[h] += ps->hours[h];
        p->total += ps->total;
    }
    return p;
}

/* Is hour h (with the hours beside it) under pct % of this pattern? */
/* Parameters (docs/rules.md; README "Configuring detection"). */
enum { P_HISTORY_MIN, P_RARE_PCT, P_PEER_HISTORY_MIN, P_PEER_RARE_PCT, P_MIN_PER_DAY, NPARAM };
static const rule_param params[NPARAM] = {
    [P_HISTORY_MIN] = {"history_min", 50, 1, 100000, 1, "look-ups",
                       "look-ups of their own before their hours and clients are judged"},
    [P_RARE_PCT] = {"rare_hour_pct", 1, 0.01, 50, 0, "%",
                    "an hour (with its neighbours) under this share of their activity is odd"},
    [P_PEER_HISTORY_MIN] = {"peer_history_min", 500, 1, 1000000, 1, "look-ups",
                            "look-ups the peer group needs before its hours count"},
    [P_PEER_RARE_PCT] = {"peer_rare_hour_pct", 3, 0.01, 50, 0, "%",
                         "and under this share of the peers' (a rota's hours are not odd)"},
    [P_MIN_PER_DAY] = {"min_per_day", 2, 1, 100, 1, "look-ups",
                       "odd look-ups in a day before an alert (odd hour and new client: one)"},
};

static int rare_hour(const uint64_t *hours, uint64_t total, int h, double pct)
{
    uint64_t near = hours[h] + hours[(h + 23) % 24] + hours[(h + 1) % 24];
    return (double)near * 100 < (double)total * pct;
}

/* Has a peer used this client? Shared consoles and a team's laptops are
 * new to one person but not to the unit. */
static int peer_client(rule_ctx *rc, const det_event *e, uint32_t ch)
{
    size_t n;
    const int32_t *peer = refdata_peer_members(rule_refdata(rc), e->who->peer, &n);
    for (size_t i = 0; i < n; i++)
        if (peer[i] != e->actor && find_client(rule_actor_state(rc, peer[i]), ch) >= 0) return 1;
    return 0;
}

static int on_event(rule_ctx *rc, void *st, const det_event *e)
{
    state *s = st;
    const double *prm = rule_params(rc);
    uint32_t ch = (uint32_t)hash64(e->ev->client, strlen(e->ev->client));
    int odd_hour, new_client;
    if (rule_warm(e) && s->total >= prm[P_HISTORY_MIN]) {
        uint64_t own[24];
        for (int h = 0; h < 24; h++)
            own[h] = s->hours[h];
        /* In a unit that works rotas, an hour the actor has not worked yet
         * is still the unit's ordinary hour: only hours rare for both count. */
        const peer_hours *p = peers_of(rc, e);
        odd_hour = rare_hour(own, s->total, e->hour, prm[P_RARE_PCT]) &&
                   (!p || p->total < prm[P_PEER_HISTORY_MIN] ||
                    rare_hour(p->hours, p->total, e->hour, prm[P_PEER_RARE_PCT]));
        new_client = e->ev->client[0] && find_client(s, ch) < 0 && !peer_client(rc, e, ch);
    } else {
        /* A newcomer: everything is new to them, so only an hour at which
         * their peers do not work either says something; in the store's
         * first days nobody's hours are known yet (rule_store_warm). */
        const peer_hours *p = rule_store_warm(e) ? peers_of(rc, e) : NULL;
        odd_hour = p && p->total >= prm[P_PEER_HISTORY_MIN] &&
                   rare_hour(p->hours, p->total, e->hour, prm[P_RARE_PCT]);
        new_client = odd_hour && e->ev->client[0] && find_client(s, ch) < 0;
    }
    int covered = e->ex.status == EX_CASE; /* a stated case the register lacks is not */
    int speak = (odd_hour || new_client) && (e->unexplained || (odd_hour && new_client));
    if (!rule_warm(e)) speak = odd_hour && e->unexplained;
    /* Unusual activity becomes the new normal only when a case covers it:
     * not when it has no case, nor when there is nothing to cover (a search
     * at night from a new client is part of the same pattern). */
    if (!(odd_hour || new_client) || covered) learn(s, e, ch);
    if (!speak) return 0;
    if (e->day != s->day) {
        s->day = e->day;
        s->hits = 0;
    }
    s->hits++;
    /* One odd look-up is an evening's overtime, or the odd chance look-up
     * without a case landing in a rare shift; several in one day are a
     * pattern. Only both at once (odd hour and new client) speak at once. */
    if (!(odd_hour && new_client) && s->hits < prm[P_MIN_PER_DAY]) return 0;
    double score = (odd_hour ? 12 : 0) + (new_client ? 12 : 0) + (e->unexplained ? 8 : 0);
    score += 9.0 * (s->hits - 1);
    if (score > 80) score = 80;
    char reason[220];
    char what[64];
    if (s->hits > 1)
        snprintf(what, sizeof what, "%u look-ups today%s", s->hits,
                 e->unexplained ? " without a case" : "");
    else
        snprintf(what, sizeof what, "%s", e->unexplained ? "Look-up without a case" : "Look-up");
    snprintf(reason, sizeof reason, "%s%s%s%s%s%s", what,
             odd_hour ? " at an hour this person does not work" : "",
             odd_hour && new_client ? "," : "",
             new_client ? " from a client never used before (" : "",
             new_client ? e->ev->client : "", new_client ? ")" : "");
    return rule_emit_event(rc, e, odd_hour && new_client && e->unexplained ? SEV_HIGH : SEV_MEDIUM,
                           score, reason);
}

const rule_def rule_off_pattern = {
    .name = "off_pattern",
    .version = 1,
    .actor_state = sizeof(state),
    .params = params,
    .nparams = NPARAM,
    .init = init,
    .on_event = on_event,
};
