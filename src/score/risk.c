#include "score/risk.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_events.h"

typedef struct hit {
    double w; /* decayed score */
    const char *reason;
} hit;

/* Weight of the k-th strongest alert of one rule: repeats of one kind of
 * signal add less and less, so one noisy rule cannot carry an actor alone. */
static const double REPEAT = 0.8;
/* Extra weight per further kind of signal on the same actor. */
static const double DIVERSITY = 0.25;

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
    double total = 0;
    int nrules = 0;
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j < n && rule_of[j] == rule_of[i]) j++;
        qsort(hits + i, j - i, sizeof *hits, cmp_hit);
        double w = 1;
        for (size_t k = i; k < j; k++, w *= REPEAT) total += hits[k].w * w;
        nrules++;
        i = j;
    }
    row->score = total * (1 + DIVERSITY * (nrules - 1));
    row->nrules = nrules;
    qsort(hits, n, sizeof *hits, cmp_hit);
    for (size_t k = 0; k < n && row->nreasons < RISK_REASONS; k++) {
        int dup = 0;
        for (int q = 0; q < row->nreasons; q++) dup |= strcmp(row->reasons[q], hits[k].reason) == 0;
        if (!dup) row->reasons[row->nreasons++] = strdup(hits[k].reason);
    }
}

int risk_rank(store *s, int64_t as_of, risk_row **rows, size_t *n)
{
    if (!as_of && store_newest_event(s, &as_of) < 0) return -1;
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(store_db(s),
                           "SELECT actor, rule, score, ts, reason FROM alerts ORDER BY actor, rule",
                           -1, &st, NULL) != SQLITE_OK)
        return -1;
    risk_row *out = NULL;
    size_t nout = 0, cap = 0, nh = 0, hcap = 0;
    hit *hits = NULL;
    int *rule_of = NULL;
    char **reasons = NULL; /* owned copies for the current actor */
    char *cur = NULL, *cur_rule = NULL;
    int rule_no = 0, step;
    for (;;) {
        step = sqlite3_step(st);
        const char *actor = step == SQLITE_ROW ? (const char *)sqlite3_column_text(st, 0) : NULL;
        if (cur && (!actor || strcmp(actor, cur) != 0)) {
            if (nout == cap) {
                cap = cap ? cap * 2 : 64;
                risk_row *nr = realloc(out, cap * sizeof *nr);
                if (!nr) goto fail;
                out = nr;
            }
            risk_row *row = &out[nout++];
            memset(row, 0, sizeof *row);
            row->actor = cur;
            row->alerts = (long)nh;
            score_actor(row, hits, rule_of, nh);
            for (size_t i = 0; i < nh; i++) free(reasons[i]);
            cur = NULL;
            nh = 0;
        }
        if (!actor) break;
        if (!cur && !(cur = strdup(actor))) goto fail;
        const char *rule = (const char *)sqlite3_column_text(st, 1);
        if (!cur_rule || strcmp(cur_rule, rule) != 0) {
            free(cur_rule);
            cur_rule = strdup(rule);
            rule_no++;
        }
        if (nh == hcap) {
            hcap = hcap ? hcap * 2 : 64;
            hit *nhits = realloc(hits, hcap * sizeof *nhits);
            int *nrule = nhits ? realloc(rule_of, hcap * sizeof *nrule) : NULL;
            char **nreas = nrule ? realloc(reasons, hcap * sizeof *nreas) : NULL;
            if (nhits) hits = nhits;
            if (nrule) rule_of = nrule;
            if (!nreas) goto fail;
            reasons = nreas;
        }
        double age_days = (double)(as_of - sqlite3_column_int64(st, 3)) / 86400000.0;
        if (age_days < 0) age_days = 0;
        reasons[nh] = strdup((const char *)sqlite3_column_text(st, 4));
        hits[nh] = (hit){sqlite3_column_double(st, 2) * pow(0.5, age_days / RISK_HALF_LIFE_DAYS),
                         reasons[nh]};
        rule_of[nh] = rule_no;
        nh++;
    }
    if (step != SQLITE_DONE) goto fail;
    sqlite3_finalize(st);
    free(hits);
    free(rule_of);
    free(reasons);
    free(cur_rule);
    qsort(out, nout, sizeof *out, cmp_row);
    for (size_t i = 0; i < nout; i++) out[i].rank = (int)i + 1;
    *rows = out;
    *n = nout;
    return 0;
fail:
    sqlite3_finalize(st);
    for (size_t i = 0; i < nh; i++) free(reasons[i]);
    free(hits);
    free(rule_of);
    free(reasons);
    free(cur);
    free(cur_rule);
    risk_free(out, nout);
    return -1;
}

void risk_free(risk_row *rows, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(rows[i].actor);
        for (int k = 0; k < rows[i].nreasons; k++) free(rows[i].reasons[k]);
    }
    free(rows);
}
