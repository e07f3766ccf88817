#include "score/risk.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_events.h"
#include "store/store_risk.h"

typedef struct hit {
    double w; /* decayed score */
    const char *reason;
} hit;

/* Weight of the k-th strongest alert of one rule: repeats of one kind of
 * signal add less and less, so one noisy rule cannot carry an actor alone. */
static const double REPEAT = 0.8;
/* Extra weight per further kind of signal on the same actor. A further
 * kind counts fully when its alerts weigh DIVERSITY_FULL or more between
 * them, and in proportion below: a token share of a crowd's alert (one of
 * forty staff on a colleague's record) does not earn an actor the bonus of
 * a second kind of signal that the crowd discount took away. */
static const double DIVERSITY = 0.25;
static const double DIVERSITY_FULL = 5;

static int cmp_hit(const void *a, const void *b)
{
    double x = ((const hit *)a)->w, y = ((const hit *)b)->w;
    return (x < y) - (x > y);
}

static int cmp_row(const void *a, const void *b)
{
    const risk_row *x = a, *y = b;
    if (x->score != y->score) return (x->score < y->score) - (x->score > y->score);
    return strcmp(x->actor, y->actor);
}

/* Scores one actor from its alerts, grouped by rule (hits sorted per rule). */
static void score_actor(risk_row *row, hit *hits, const int *rule_of, size_t n)
{
    double total = 0, kinds = 0, strongest = 0;
    int nrules = 0;
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j < n && rule_of[j] == rule_of[i])
            j++;
        qsort(hits + i, j - i, sizeof *hits, cmp_hit);
        double w = 1, rule_total = 0;
        for (size_t k = i; k < j; k++, w *= REPEAT)
            rule_total += hits[k].w * w;
        total += rule_total;
        /* How much this kind counts as a kind of its own; the strongest
         * kind is the actor's signal, each other one adds to it. */
        double kind = rule_total >= DIVERSITY_FULL ? 1 : rule_total / DIVERSITY_FULL;
        kinds += kind;
        if (kind > strongest) strongest = kind;
        nrules++;
        i = j;
    }
    row->score = total * (1 + DIVERSITY * (kinds - strongest));
    row->nrules = nrules;
    qsort(hits, n, sizeof *hits, cmp_hit);
    for (size_t k = 0; k < n && row->nreasons < RISK_REASONS; k++) {
        int dup = 0;
        for (int q = 0; q < row->nreasons; q++)
            dup |= strcmp(row->reasons[q], hits[k].reason) == 0;
        if (!dup) row->reasons[row->nreasons++] = strdup(hits[k].reason);
    }
}

/* What ranking has gathered so far: the rows of the actors done, and the
 * current actor's alerts, grouped by rule. */
typedef struct ranking {
    int64_t as_of;
    risk_row *out;
    size_t nout, cap, nh, hcap;
    hit *hits;
    int *rule_of;
    char **reasons; /* owned copies for the current actor */
    char *cur, *cur_rule;
    int rule_no;
} ranking;

/* Scores the current actor into a row of its own. 0 or -1 (memory). */
static int close_actor(ranking *r)
{
    if (r->nout == r->cap) {
        r->cap = r->cap ? r->cap * 2 : 64;
        risk_row *nr = realloc(r->out, r->cap * sizeof *nr);
        if (!nr) return -1;
        r->out = nr;
    }
    risk_row *row = &r->out[r->nout++];
    memset(row, 0, sizeof *row);
    row->actor = r->cur;
    row->alerts = (long)r->nh;
    score_actor(row, r->hits, r->rule_of, r->nh);
    for (size_t i = 0; i < r->nh; i++)
        free(r->reasons[i]);
    r->cur = NULL;
    r->nh = 0;
    return 0;
}

/* Adds one alert to the current actor's (they come by actor, then rule).
 * 0 or -1 (memory). */
static int add_alert(ranking *r, const store_risk_alert *a)
{
    if (r->cur && strcmp(a->actor, r->cur) != 0 && close_actor(r) < 0) return -1;
    if (!r->cur && !(r->cur = strdup(a->actor))) return -1;
    if (!r->cur_rule || strcmp(r->cur_rule, a->rule) != 0) {
        free(r->cur_rule);
        if (!(r->cur_rule = strdup(a->rule))) return -1;
        r->rule_no++;
    }
    if (r->nh == r->hcap) {
        r->hcap = r->hcap ? r->hcap * 2 : 64;
        hit *nhits = realloc(r->hits, r->hcap * sizeof *nhits);
        int *nrule = nhits ? realloc(r->rule_of, r->hcap * sizeof *nrule) : NULL;
        char **nreas = nrule ? realloc(r->reasons, r->hcap * sizeof *nreas) : NULL;
        if (nhits) r->hits = nhits;
        if (nrule) r->rule_of = nrule;
        if (!nreas) return -1;
        r->reasons = nreas;
    }
    double age_days = (double)(r->as_of - a->ts) / 86400000.0;
    if (age_days < 0) age_days = 0;
    if (!(r->reasons[r->nh] = strdup(a->reason))) return -1;
    r->hits[r->nh] = (hit){a->score * pow(0.5, age_days / RISK_HALF_LIFE_DAYS), r->reasons[r->nh]};
    r->rule_of[r->nh] = r->rule_no;
    r->nh++;
    return 0;
}

/* The store's callback: 0, or 1 out of memory (a stop, told apart from
 * the store's own -1). */
static int take_alert(const store_risk_alert *a, void *ctx)
{
    return add_alert(ctx, a) < 0 ? 1 : 0;
}

int risk_rank(store *s, int64_t as_of, risk_row **rows, size_t *n, werr *e)
{
    if (!as_of && store_newest_event(s, &as_of) < 0)
        return werr_set(e, WERR_UNAVAILABLE, "%s", store_errmsg(s));
    ranking r = {0};
    r.as_of = as_of;
    int rc = store_each_alert_by_actor(s, take_alert, &r);
    if (rc < 0) {
        werr_set(e, WERR_UNAVAILABLE, "%s", store_errmsg(s));
        goto fail;
    }
    if (rc > 0 || (r.cur && close_actor(&r) < 0)) {
        werr_set(e, WERR_INTERNAL, "out of memory");
        goto fail;
    }
    free(r.hits);
    free(r.rule_of);
    free(r.reasons);
    free(r.cur_rule);
    qsort(r.out, r.nout, sizeof *r.out, cmp_row);
    for (size_t i = 0; i < r.nout; i++)
        r.out[i].rank = (int)i + 1;
    *rows = r.out;
    *n = r.nout;
    return 0;
fail:
    for (size_t i = 0; i < r.nh; i++)
        free(r.reasons[i]);
    free(r.hits);
    free(r.rule_of);
    free(r.reasons);
    free(r.cur);
    free(r.cur_rule);
    risk_free(r.out, r.nout);
    return -1;
}

void risk_free(risk_row *rows, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(rows[i].actor);
        for (int k = 0; k < rows[i].nreasons; k++)
            free(rows[i].reasons[k]);
    }
    free(rows);
}
