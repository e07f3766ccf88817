/* off_pattern — look-ups at hours this actor does not work, or from a
 * client (workstation, VPN endpoint) they have never used. A night shift is
 * normal for a night worker: the pattern is the actor's own. Alone, a new
 * laptop or a late evening is ordinary; the rule speaks when such a look-up
 * has no case, or when both are unusual at once. */
#include <stdio.h>
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
        for (int h = 0; h < 24; h++) s->total += s->hours[h] /= 2;
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

static void on_event(rule_ctx *rc, void *st, const det_event *e)
{
    state *s = st;
    uint32_t ch = (uint32_t)hash64(e->ev->client, strlen(e->ev->client));
    if (!rule_warm(e->base) || s->total < 50) {
        learn(s, e, ch);
        return;
    }
    /* Share of the actor's work in this hour and the hours beside it. */
    uint32_t near = s->hours[e->hour] + s->hours[(e->hour + 23) % 24] + s->hours[(e->hour + 1) % 24];
    int odd_hour = near * 100 < s->total; /* under 1 % */
    int new_client = e->ev->client[0] && find_client(s, ch) < 0;
    int speak = (odd_hour || new_client) && (e->unexplained || (odd_hour && new_client));
    if (!speak) {
        learn(s, e, ch);
        return;
    }
    /* Unusual look-ups without a case are not learned as the new normal. */
    if (!e->unexplained) learn(s, e, ch);
    if (e->day != s->day) {
        s->day = e->day;
        s->hits = 0;
    }
    s->hits++;
    double score = (odd_hour ? 18 : 0) + (new_client ? 15 : 0) + (e->unexplained ? 12 : 0);
    score += 6.0 * (s->hits - 1);
    if (score > 80) score = 80;
    char reason[220];
    snprintf(reason, sizeof reason, "%s%s%s%s%s%s", e->unexplained ? "Look-up without a case" : "Look-up",
             odd_hour ? " at an hour this person does not work" : "",
             odd_hour && new_client ? "," : "",
             new_client ? " from a client never used before (" : "",
             new_client ? e->ev->client : "", new_client ? ")" : "");
    rule_emit_event(rc, e, odd_hour && new_client && e->unexplained ? SEV_HIGH : SEV_MEDIUM, score,
                    reason);
}

const rule_def rule_off_pattern = {
    .name = "off_pattern",
    .actor_state = sizeof(state),
    .on_event = on_event,
};
