/* unexplained — more look-ups without a case today than this actor (and,
 * for a newcomer, their peer group) makes by chance. One unexplained look-up
 * is ordinary (3-10 % of legitimate work has no case); a day on which they
 * pile up far beyond the actor's own rate is not. */
#include <math.h>
#include <stdio.h>

#include "detect/rule.h"
#include "util/stats.h"

typedef struct state {
    int32_t day;
    uint16_t n_today, k_today; /* look-ups of a subject; of them unexplained */
    uint32_t hist_n, hist_k;   /* learned from earlier, ordinary days */
    uint8_t alerted;
} state;

/* How strongly the prior (peers' rate) weighs, in look-ups. */
static const double PRIOR_WEIGHT = 200;
static const double PRIOR_RATE = 0.07;

static void close_day(state *s)
{
    /* A day that raised an alert is not learned as normal. */
    if (!s->alerted) {
        s->hist_n += s->n_today;
        s->hist_k += s->k_today;
        /* Keep about the last few months of weight. */
        if (s->hist_n > 20000) {
            s->hist_n /= 2;
            s->hist_k /= 2;
        }
    }
    s->n_today = s->k_today = 0;
    s->alerted = 0;
}

static int on_event(rule_ctx *rc, void *st, const det_event *e)
{
    state *s = st;
    if (e->day > s->day) {
        close_day(s);
        s->day = e->day;
    }
    if (e->ex.status == EX_NA) return 0;
    s->n_today++;
    if (!e->unexplained) return 0;
    s->k_today++;
    double p = (s->hist_k + PRIOR_WEIGHT * PRIOR_RATE) / (s->hist_n + PRIOR_WEIGHT);
    if (p < 0.02) p = 0.02;
    if (s->k_today < 8 || s->k_today < 3 * p * s->n_today) return 0;
    double tail = stats_binom_tail(s->k_today, s->n_today, p);
    if (tail > 1e-6) return 0;
    s->alerted = 1;
    double score = -log10(tail > 1e-300 ? tail : 1e-300) * 2.5;
    if (score > 60) score = 60;
    char reason[200];
    snprintf(reason, sizeof reason,
             "%u of %u look-ups today had no case, against a usual %.0f %% (%.1e by chance)",
             s->k_today, s->n_today, p * 100, tail);
    return rule_emit_event(rc, e, SEV_MEDIUM, score, reason);
}

const rule_def rule_unexplained = {
    .name = "unexplained",
    .version = 1,
    .actor_state = sizeof(state),
    .on_event = on_event,
};
