/* timeline — one actor's look-ups, each explained, and the alerts they
 * raised, for an integrity officer reviewing one employee. */
#ifndef WACHTER_TIMELINE_H
#define WACHTER_TIMELINE_H
#include "investigate/access.h"

typedef struct inv_alert {
    const char *id, *rule, *reason;
    int64_t ts;
    int severity;
    double score;
    size_t nevents;
    const char *why; /* "" unless explained later (store_alerts.h): then why */
} inv_alert;

/* The alerts that list one look-up's event: n ids, in the timeline's
 * arena. */
typedef struct inv_alert_ids {
    const char **v;
    size_t n;
} inv_alert_ids;

/* Which look-ups a timeline keeps (the analyst's filters); all when
 * zero. Alerts are always kept. */
typedef struct inv_timeline_opts {
    int unexplained_only; /* only look-ups that count as unexplained */
    int with_alerts;      /* only look-ups an alert lists */
    size_t newest;        /* > 0: only the newest this many of those (a page) */
} inv_timeline_opts;

typedef struct inv_timeline {
    inv_accesses acc;   /* oldest first */
    inv_alert_ids *ids; /* acc.n entries: the alerts listing each look-up */
    inv_alert *alerts;  /* oldest first */
    size_t nalerts, cap;
    arena *strings;
    refdata *ref; /* what explained acc: for inv_explain_words */
    size_t total; /* look-ups the filters keep in the period; acc.n when no page was asked */
} inv_timeline;

/* Fills out (zero-initialised by the caller) with actor's accesses and
 * alerts with from <= ts <= to. Returns 0, or -1 with e set.
 * Free with inv_timeline_free, also after a failure. */
int inv_timeline_load(store *s, const char *actor, int64_t from, int64_t to, inv_timeline *out,
                      werr *e);
/* inv_timeline_load keeping only the look-ups o (NULL: all) asks for. */
int inv_timeline_query(store *s, const char *actor, int64_t from, int64_t to,
                       const inv_timeline_opts *o, inv_timeline *out, werr *e);
void inv_timeline_free(inv_timeline *t);
#endif
