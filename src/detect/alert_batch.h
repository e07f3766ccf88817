/* alert_batch — the alerts raised since the last commit. Findings with the
 * same alert id merge into one alert: the reason of the highest score, the
 * highest severity, the earliest time, their events up to a limit, and
 * what they were about (alert_text.h); a finding that names actors brings
 * its reason and actors whatever its score.
 * Its strings live in one arena, all forgotten at once when the batch has
 * been written. */
#ifndef WACHTER_ALERT_BATCH_H
#define WACHTER_ALERT_BATCH_H
#include <stddef.h>
#include <stdint.h>

#include "detect/alert_text.h"
#include "detect/rule.h"
#include "store/store_alerts.h"

/* events kept per alert and batch: as many as a stored alert lists */
enum { ALERT_MAX_EVENTS = STORE_ALERT_EVENTS };

typedef struct alert_pending {
    const char *id;
    char *reason;       /* rewritten in place while it fits: */
    size_t reason_room; /* the bytes it may take there */
    int32_t actor;
    size_t rule; /* the engine's index of the rule that raised it */
    int64_t ts;
    int severity;
    double score;
    const char **events, **subjects; /* n of them */
    size_t n, cap;
    /* The actors an alert about one subject names, and their weights
     * (det_finding's): the latest finding's. nactors 0: actor's alone. */
    int32_t *actors;
    double *actor_scores;
    size_t nactors, actors_room;
    const char *items[ALERT_ITEMS]; /* what its findings were about (alert_text.h) */
    size_t nitems;
    int more; /* about more than items lists */
} alert_pending;

/* p's findings as an alert_text (borrowing p's strings). */
alert_text alert_pending_text(const alert_pending *p);

typedef struct alert_batch alert_batch;

/* Returns an owned, empty batch; NULL when out of memory. */
alert_batch *alert_batch_new(void);
void alert_batch_free(alert_batch *b);
/* Merges f, found by rule, into the alert id (NUL-terminated). 0, or -1
 * when out of memory: the batch then refuses every call until cleared, so
 * that writing it fails rather than losing alerts unseen. */
int alert_batch_add(alert_batch *b, const char *id, size_t rule, const det_finding *f);
/* Calls fn for each alert in the order of their ids, so that a store's
 * index on the id is written in its own order rather than at random; stops
 * at fn's first non-zero return and returns it. -1 when an add failed. */
int alert_batch_each(alert_batch *b, int (*fn)(const alert_pending *p, void *ctx), void *ctx);
/* Forgets every alert. 0, or -1 when out of memory (the batch then stays
 * unusable). */
int alert_batch_clear(alert_batch *b);
#endif
