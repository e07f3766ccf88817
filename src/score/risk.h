/* risk — one ranked list of actors: their alerts aggregated, recent ones
 * weighing more, several kinds of signal weighing more than one kind. */
#ifndef WACHTER_RISK_H
#define WACHTER_RISK_H
#include <stddef.h>
#include <stdint.h>

#include "store/store.h"
#include "util/werr.h"

enum { RISK_REASONS = 3 };

typedef struct risk_row {
    char *actor;
    double score;
    int rank; /* 1 = highest */
    long alerts;
    int nrules;
    char *reasons[RISK_REASONS]; /* the strongest alerts' reasons */
    int nreasons;
    /* 1 + the index in reasons of the one that says the actor's function
     * weighed the score ("function U/R: risk high (×1.25)"); 0: none did */
    int weighed;
} risk_row;

/* Half-life of an alert's weight, in days. */
#define RISK_HALF_LIFE_DAYS 30.0

/* The least score the risk list shows by default: evidence that weighs
 * at least as much as one clear finding of its own, fresh (a VIP looked up
 * without a case by someone who rarely works without one; an export of
 * thousands of records without a case). Below it are the chance findings
 * a large organisation always has: a colleague's record met now and then
 * in work without a case, a member of a crowd, one odd day. Listing staff
 * on such evidence ranks people for nothing, so it takes asking
 * (`risk --all`, `--min`). */
#define RISK_MIN_SCORE 50

/* Ranks every actor whose score reaches min_score (0: every actor with
 * alerts), as of as_of (ms; 0 = the newest stored event). Returns 0 with
 * an owned array in *rows (risk_free it), or -1 with e set. */
int risk_rank(store *s, int64_t as_of, double min_score, risk_row **rows, size_t *n, werr *e);
/* How many of rows[0..n) (ranked) reach min_score: they come first. */
size_t risk_listed(const risk_row *rows, size_t n, double min_score);
void risk_free(risk_row *rows, size_t n);
#endif
