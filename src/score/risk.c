#include "score/risk.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "detect/rules.h"
#include "investigate/correlate.h"
#include "investigate/incident_alerts.h"
#include "score/funcrisk.h"
#include "store/store_events.h"
#include "store/store_functions.h"
#include "store/store_risk.h"
#include "util/strmap.h"

typedef struct hit {
    double w;   /* score; decayed once score_actor has run */
    int64_t ts; /* ms */
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

/* An actor whose look-ups of incident subjects chance explains this
 * rarely (correlate's p_any) ranks above ordinary signals: the
 * correlation weighs RISK_CORR_WEIGHT per power of ten below 1 (100 at
 * the threshold, more than one alert can score), counted as a kind of
 * signal of its own. Powers of ten past RISK_CORR_DECADES add nothing. */
static const double RISK_CORR_P = 1e-3;
static const double RISK_CORR_WEIGHT = 100.0 / 3;
static const double RISK_CORR_DECADES = 30;

/* Frees what n rows own, not the array. */
static void risk_free_rows(risk_row *rows, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(rows[i].actor);
        for (int k = 0; k < rows[i].nreasons; k++)
            free(rows[i].reasons[k]);
    }
}

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

/* Is the rule called name cumulative (rule_def.cumulative)? */
static int cumulative(const char *name)
{
    size_t n;
    const rule_def *const *all = rules_all(&n);
    for (size_t i = 0; i < n; i++)
        if (strcmp(all[i]->name, name) == 0) return all[i]->cumulative;
    return 0;
}

/* w halved for every RISK_HALF_LIFE_DAYS from ts to as_of. */
static double decayed(double w, int64_t ts, int64_t as_of)
{
    double age_days = (double)(as_of - ts) / 86400000.0;
    return w * pow(0.5, (age_days > 0 ? age_days : 0) / RISK_HALF_LIFE_DAYS);
}

/* Scores one actor from its alerts, grouped by rule (rule_of's sign set
 * for a cumulative rule), as of as_of. Each alert's score halves with its
 * age. */
static void score_actor(risk_row *row, hit *hits, const int *rule_of, size_t n, int64_t as_of)
{
    double total = 0, kinds = 0, strongest = 0;
    int nrules = 0;
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j < n && rule_of[j] == rule_of[i])
            j++;
        for (size_t k = i; k < j; k++)
            hits[k].w = decayed(hits[k].w, hits[k].ts, as_of);
        qsort(hits + i, j - i, sizeof *hits, cmp_hit);
        double w = 1, rule_total = 0, repeat = rule_of[i] < 0 ? 1 : REPEAT;
        for (size_t k = i; k < j; k++, w *= repeat)
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

/* The actors whose incident correlation is significant: their weight
 * and the reason that says why. */
typedef struct corr {
    strmap *ids; /* actor -> index */
    double *w;
    char **reason;
    uint8_t *used; /* given to the actor's row */
    size_t n;
} corr;

/* What ranking has gathered so far: the rows of the actors done, and the
 * current actor's alerts, grouped by rule. */
typedef struct ranking {
    int64_t as_of;
    corr c;
    risk_row *out;
    size_t nout, cap, nh, hcap;
    hit *hits;
    int *rule_of;
    char **reasons; /* owned copies for the current actor */
    char *cur, *cur_rule;
    int rule_no, cur_cumulative;
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
    int64_t k = r->c.ids ? strmap_find(r->c.ids, r->cur, strlen(r->cur)) : -1;
    if (k >= 0 && r->nh < r->hcap) { /* add_alert left room, or none came */
        r->hits[r->nh] = (hit){r->c.w[k], r->as_of, r->c.reason[k]}; /* decayed already */
        r->rule_of[r->nh] = r->rule_no + 1;                          /* a kind of its own */
        r->reasons[r->nh] = NULL;
        r->nh++;
        r->c.used[k] = 1;
    }
    score_actor(row, r->hits, r->rule_of, r->nh, r->as_of);
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
        r->cur_cumulative = cumulative(a->rule);
    }
    if (r->nh + 1 >= r->hcap) { /* one slot spare: close_actor's correlation */
        r->hcap = r->hcap ? r->hcap * 2 : 64;
        hit *nhits = realloc(r->hits, r->hcap * sizeof *nhits);
        int *nrule = nhits ? realloc(r->rule_of, r->hcap * sizeof *nrule) : NULL;
        char **nreas = nrule ? realloc(r->reasons, r->hcap * sizeof *nreas) : NULL;
        if (nhits) r->hits = nhits;
        if (nrule) r->rule_of = nrule;
        if (!nreas) return -1;
        r->reasons = nreas;
    }
    if (!(r->reasons[r->nh] = strdup(a->reason))) return -1;
    r->hits[r->nh] = (hit){a->score, a->ts, r->reasons[r->nh]};
    r->rule_of[r->nh] = r->cur_cumulative ? -r->rule_no : r->rule_no;
    r->nh++;
    return 0;
}

/* The incident correlation of every actor with look-ups of incident
 * subjects (investigate/correlate.h, as `correlate` computes it by
 * default), kept for those below RISK_CORR_P. 0, or -1 with e. */
static int correlate(store *s, int64_t as_of, corr *c, werr *e)
{
    inv_incidents inc = {0};
    inv_correlation x = {0};
    inv_corr_opts o = {INV_LOOKBACK_MS, 0.25};
    int rc = -1;
    if (inv_incidents_stored(s, &inc, e) < 0) goto done;
    if (inc.n == 0) {
        rc = 0;
        goto done;
    }
    if (inv_correlate(s, &inc, &o, &x, e) < 0) goto done;
    size_t n = 0;
    while (n < x.n && x.v[n].p_any < RISK_CORR_P) /* ranked by p */
        n++;
    if (!(c->ids = strmap_new()) || !(c->w = calloc(n + 1, sizeof *c->w)) ||
        !(c->reason = calloc(n + 1, sizeof *c->reason)) || !(c->used = calloc(n + 1, 1))) {
        werr_set(e, WERR_INTERNAL, "out of memory");
        goto done;
    }
    for (size_t i = 0; i < n; i++) {
        const inv_suspect *v = &x.v[i];
        uint32_t id;
        char why[300];
        int64_t last = 0;
        for (size_t h = 0; h < v->nhit; h++)
            if (v->hit[h].first_ts > last) last = v->hit[h].first_ts;
        double decades = -log10(v->p_any > 0 ? v->p_any : 1e-300);
        if (decades > RISK_CORR_DECADES) decades = RISK_CORR_DECADES;
        double age = as_of > last ? (double)(as_of - last) / 86400000.0 : 0;
        snprintf(why, sizeof why,
                 "incident correlation p=%.2g: looked up the subjects of %ld incidents shortly"
                 " before them, where %.2g would be expected by chance",
                 v->p_any, v->hits, v->expected);
        if (strmap_intern(c->ids, v->actor, strlen(v->actor), &id) < 0 ||
            !(c->reason[id] = strdup(why))) {
            werr_set(e, WERR_INTERNAL, "out of memory");
            goto done;
        }
        c->w[id] = RISK_CORR_WEIGHT * decades * pow(0.5, age / RISK_HALF_LIFE_DAYS);
        c->n = (size_t)id + 1;
    }
    rc = 0;
done:
    inv_correlation_free(&x);
    inv_incidents_free(&inc);
    return rc;
}

static void corr_free(corr *c)
{
    for (size_t i = 0; i < c->n; i++)
        free(c->reason[i]);
    free(c->reason);
    free(c->w);
    free(c->used);
    strmap_free(c->ids);
}

/* Rows of their own for the significant actors without an alert. 0 or -1. */
static int corr_rows(ranking *r)
{
    for (size_t k = 0; k < r->c.n; k++) {
        if (r->c.used[k]) continue;
        if (!(r->cur = strdup(strmap_key(r->c.ids, (uint32_t)k)))) return -1;
        if (r->hcap == 0) {
            if (!(r->hits = malloc(2 * sizeof *r->hits)) ||
                !(r->rule_of = malloc(2 * sizeof *r->rule_of)) ||
                !(r->reasons = malloc(2 * sizeof *r->reasons)))
                return -1;
            r->hcap = 2;
        }
        if (close_actor(r) < 0) return -1;
        r->out[r->nout - 1].alerts = 0;
    }
    return 0;
}

/* What weighing by function needs: the rows by actor, the weights. */
typedef struct weigh {
    risk_row *rows;
    strmap *ids; /* actor -> row */
    double w[FR_VERY_HIGH + 1];
} weigh;

/* One actor in a function of band high or above: their score weighs
 * more, and their reasons say so right after the strongest alert's (the
 * weakest dropped for room). */
static int weigh_actor(const char *actor, const char *unit, const char *role, const char *band,
                       int risk, void *ctx)
{
    weigh *g = ctx;
    int64_t k = strmap_find(g->ids, actor, strlen(actor));
    if (k < 0) return 0;
    double f = g->w[fr_band_of(risk)];
    if (f == 1) return 0;
    risk_row *row = &g->rows[k];
    char why[300];
    snprintf(why, sizeof why, "function %s/%s: risk %s (×%g)", unit, role, band, f);
    char *r = strdup(why);
    if (!r) return 1;
    row->score *= f;
    if (row->nreasons == RISK_REASONS) free(row->reasons[--row->nreasons]);
    int at = row->nreasons ? 1 : 0;
    memmove(row->reasons + at + 1, row->reasons + at,
            (size_t)(row->nreasons - at) * sizeof *row->reasons);
    row->reasons[at] = r;
    row->nreasons++;
    row->weighed = at + 1;
    return 0;
}

/* Weighs rows[0..n) by their actors' functions (store_functions.h): an
 * actor whose function's current analysis is high or very high scores
 * that band's factor times as much. No analysis: nothing changes. 0, or
 * -1 with e. */
static int weigh_by_function(store *s, risk_row *rows, size_t n, werr *e)
{
    if (n == 0) return 0;
    weigh g = {rows, strmap_new(), {1, 1, FR_WEIGHT_HIGH, FR_WEIGHT_VERY_HIGH}};
    store_fn_weight(s, STORE_FN_WEIGHT_HIGH, &g.w[FR_HIGH]);
    store_fn_weight(s, STORE_FN_WEIGHT_VERY_HIGH, &g.w[FR_VERY_HIGH]);
    int rc = g.ids ? 0 : 1;
    for (size_t i = 0; rc == 0 && i < n; i++) {
        uint32_t id;
        rc = strmap_intern(g.ids, rows[i].actor, strlen(rows[i].actor), &id) < 0;
    }
    if (rc == 0) rc = store_fn_actors(s, FR_HIGH_MIN, weigh_actor, &g);
    strmap_free(g.ids);
    if (rc < 0) return werr_set(e, WERR_UNAVAILABLE, "%s", store_errmsg(s));
    if (rc > 0) return werr_set(e, WERR_INTERNAL, "out of memory");
    return 0;
}

/* The store's callback: 0, or 1 out of memory (a stop, told apart from
 * the store's own -1). */
static int take_alert(const store_risk_alert *a, void *ctx)
{
    return add_alert(ctx, a) < 0 ? 1 : 0;
}

int risk_rank(store *s, int64_t as_of, double min_score, risk_row **rows, size_t *n, werr *e)
{
    if (!as_of && store_newest_event(s, &as_of) < 0)
        return werr_set(e, WERR_UNAVAILABLE, "%s", store_errmsg(s));
    ranking r = {0};
    r.as_of = as_of;
    if (correlate(s, as_of, &r.c, e) < 0) goto fail;
    int rc = store_each_alert_by_actor(s, take_alert, &r);
    if (rc < 0) {
        werr_set(e, WERR_UNAVAILABLE, "%s", store_errmsg(s));
        goto fail;
    }
    if (rc > 0 || (r.cur && close_actor(&r) < 0) || corr_rows(&r) < 0) {
        werr_set(e, WERR_INTERNAL, "out of memory");
        goto fail;
    }
    if (weigh_by_function(s, r.out, r.nout, e) < 0) goto fail;
    corr_free(&r.c);
    free(r.hits);
    free(r.rule_of);
    free(r.reasons);
    free(r.cur_rule);
    if (r.nout) qsort(r.out, r.nout, sizeof *r.out, cmp_row); /* r.out is NULL when none count */
    size_t keep = risk_listed(r.out, r.nout, min_score);
    if (r.out) risk_free_rows(r.out + keep, r.nout - keep);
    r.nout = keep;
    for (size_t i = 0; i < r.nout; i++)
        r.out[i].rank = (int)i + 1;
    *rows = r.out;
    *n = r.nout;
    return 0;
fail:
    corr_free(&r.c);
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

size_t risk_listed(const risk_row *rows, size_t n, double min_score)
{
    size_t k = 0;
    while (k < n && rows[k].score >= min_score)
        k++;
    return k;
}

void risk_free(risk_row *rows, size_t n)
{
    risk_free_rows(rows, n);
    free(rows);
}
