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

/* Parameters (docs/rules.md; README "Configuring detection"). */
enum { P_PRIOR_WEIGHT, P_PRIOR_RATE, P_MIN_RATE, P_MIN_COUNT, P_MIN_RATIO, P_MAX_CHANCE, NPARAM };
static const rule_param params[NPARAM] = {
    [P_PRIOR_WEIGHT] = {"prior_weight", 200, 1, 1000000, 0, "look-ups",
                        "how strongly the usual rate weighs against the actor's own history"},
    [P_PRIOR_RATE] = {"prior_rate", 0.07, 0, 1, 0, "share",
                      "the usual share of look-ups without a case, before any history"},
    [P_MIN_RATE] = {"min_rate", 0.02, 0.0001, 1, 0, "share",
                    "the actor's expected share without a case is taken as at least this"},
    [P_MIN_COUNT] = {"min_count", 8, 1, 65535, 1, "look-ups",
                     "look-ups without a case in one day before a day can alert"},
    [P_MIN_RATIO] = {"min_ratio", 3, 1, 1000, 0, "times",
                     "the day's count must be at least this many times the expected one"},
    [P_MAX_CHANCE] = {"max_chance", 1e-6, 1e-300, 0.5, 0, "probability",
                      "alert when a day this bad happens by chance at most this often"},
};

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
    const double *q = rule_params(rc);
    double p = (s->hist_k + q[P_PRIOR_WEIGHT] * q[P_PRIOR_RATE]) / (s->hist_n + q[P_PRIOR_WEIGHT]);
    if (p < q[P_MIN_RATE]) p = q[P_MIN_RATE];
    if (s->k_today < q[P_MIN_COUNT] || s->k_today < q[P_MIN_RATIO] * p * s->n_today) return 0;
    double tail = stats_binom_tail(s->k_today, s->n_today, p);
    if (tail > q[P_MAX_CHANCE]) return 0;
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
    .params = params,
    .nparams = NPARAM,
    .on_event = on_event,
};
