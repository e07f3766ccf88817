/* ops_person — a person's page in the workbench: who they are in the
 * staff register (unit, role), their place in the risk list, their
 * alerts, and their risk over time. */
#ifndef WACHTER_OPS_PERSON_H
#define WACHTER_OPS_PERSON_H
#include <stddef.h>
#include <stdint.h>

#include "investigate/timeline.h"
#include "score/risk.h"
#include "store/store.h"
#include "util/werr.h"

/* One day of risk over time: what the person's alerts weigh as of that
 * day, each halved every RISK_HALF_LIFE_DAYS as the risk list does
 * (without its weights for repeats and kinds of signal), and the alerts
 * raised that day. */
typedef struct ops_risk_day {
    int64_t day; /* the day's first ms, UTC */
    double score;
    long alerts;
} ops_risk_day;

typedef struct ops_person_page {
    char actor[128];
    int registered;            /* listed in the staff register */
    char unit[128], role[128]; /* "" when not given */
    risk_row risk;             /* actor's row of the risk list (all actors ranked) */
    int ranked;                /* 0: no alert counts for them (risk zero, rank 0) */
    size_t ranked_of;          /* how many actors the list ranks */
    inv_alert *alerts;         /* newest first; strings in the arena */
    size_t nalerts, cap;
    ops_risk_day *days; /* oldest first, one per day from the first alert's to
                           the last's */
    size_t ndays;
    arena *strings;
} ops_person_page;

/* Fills out (zero-initialised by the caller) with actor's page.
 * WERR_NOT_FOUND when neither the register nor any alert or look-up
 * knows actor. 0 or -1 with e; free with ops_person_free either way. */
int ops_person(store *s, const char *actor, ops_person_page *out, werr *e);
/* ops_person with the risk list given (rows[0..n), risk_rank's, borrowed):
 * a front end that answers many pages keeps one list while the alerts
 * stay the same. */
int ops_person_ranked(store *s, const char *actor, const risk_row *rows, size_t n,
                      ops_person_page *out, werr *e);
void ops_person_free(ops_person_page *p);

/* The subject id of actor's own record as a citizen (actors.csv's
 * person), for a page about that record asked for by the employee's
 * pseudonym, into subject (size n). WERR_NOT_FOUND when the register
 * gives none. 0 or -1 with e. */
int ops_person_record(store *s, const char *actor, char *subject, size_t n, werr *e);
#endif
