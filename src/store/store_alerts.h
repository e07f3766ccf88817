/* store_alerts — alerts, the events behind them, and detection state. */
#ifndef WACHTER_STORE_ALERTS_H
#define WACHTER_STORE_ALERTS_H
#include <stddef.h>
#include <stdint.h>

#include "store/store.h"

struct buf; /* util/buf.h */

/* An alert lists at most this many events: the first ones found, however
 * many commits they came in, so that a file ingested in parts, or resumed
 * after a crash, lists the same events as one uninterrupted ingest. */
enum { STORE_ALERT_EVENTS = 64 };
/* An alert about one subject names at most this many actors. */
enum { STORE_ALERT_ACTORS = 128 };

typedef struct store_alert {
    const char *id, *actor, *rule, *reason;
    int64_t ts;
    int severity;                                /* 1 low .. 4 critical */
    double score;                                /* 0..100 */
    const char *const *events, *const *subjects; /* parallel, n entries */
    size_t n;
    /* The actors an alert about one subject names (table alert_actors),
     * actor among them, and what it weighs in each one's risk: nactors
     * entries, at most STORE_ALERT_ACTORS; 0 for an alert of actor alone,
     * which weighs score in actor's risk. */
    const char *const *actors;
    const double *actor_scores;
    size_t nactors;
    /* Read back only (store_each_alert; ignored by store_put_alert):
     * "new", or STORE_EXPLAINED_LATER with why it is ("explained later:
     * case Z-17 covers it"); why is "" otherwise. */
    const char *status, *why;
    /* When the alert was first stored (epoch ms): store_put_alert sets it
     * to a->raised, or to now when that is 0; a merge keeps the first.
     * Read back: an alert stored before schema 26 reads its event's time. */
    int64_t raised;
    /* Read back only: the actor's unit in the staff register at the
     * alert's time (moves.csv's from_unit of the first move after ts,
     * else the register's unit; "" unknown), and the alert's place in
     * the order alerts were first stored in (alert_order.seq). */
    const char *unit;
    int64_t seq;
} store_alert;

/* The status of an alert whose every event a case loaded after it
 * explains (investigate/rejudge.h): kept and shown, out of the risk. */
#define STORE_EXPLAINED_LATER "explained-later"
/* The SQL test that alert A (a table or its alias) counts in risk: not
 * explained later, nor closed by an analyst as benign, a false positive
 * or a duplicate (a confirmed one counts). */
#define STORE_ALERT_COUNTS(A)                                                                      \
    "(" A ".status <> '" STORE_EXPLAINED_LATER "' AND NOT (" A ".status = 'closed' AND " A         \
    ".disposition IN ('benign', 'false_positive', 'duplicate')))"

/* Inserts the alert, or merges it into the stored one with the same id:
 * the higher score (and its reason and severity) wins, events are added
 * while it lists fewer than STORE_ALERT_EVENTS. An alert naming actors
 * (nactors > 0) describes all that came before: its reason replaces the
 * stored one, and its actors' weights theirs (actors named before and not
 * now stay as they were).
 * An explained-later
 * alert that gains an event it did not list is "new" again: that event is
 * not explained.
 * *is_new is 1 when the id was not stored before. Returns 0 or -1. */
int store_put_alert(store *s, const store_alert *a, int *is_new);

/* What an alert merging several findings keeps to add later ones to its
 * reason (detect/alert_text.h): the strongest finding's reason, the first
 * distinct things its findings were about (each ended by '\n'), and
 * whether there were more. */
typedef struct store_alert_merge {
    const char *lead, *items;
    int more;
} store_alert_merge;
/* store_put_alert for a caller that has merged a with the stored alert
 * (store_alert_parts, detect's det_put_alert): a's reason and m replace
 * the stored ones whatever the scores. */
int store_put_alert_merged(store *s, const store_alert *a, const store_alert_merge *m, int *is_new);
/* What the stored alert id merged so far: *found 0 when there is none;
 * else its lead reason (into lead), the score it had, more, and its items
 * as stored (into items); both bufs emptied first and NUL-terminated. An
 * alert stored before these were kept reads as one whose lead is its
 * reason. Returns 0 or -1. */
int store_alert_parts(store *s, const char *id, int *found, double *score, int *more,
                      struct buf *lead, struct buf *items);

/* Calls fn for each stored alert, newest first, filtered by actor (NULL =
 * all; an alert naming several actors is each one's) and minimum severity. The alert passed is
 * borrowed for the call. fn returns 0 to go on. Returns 0, -1 on error, or fn's non-zero. */
typedef int (*store_alert_fn)(const store_alert *a, void *ctx);
int store_each_alert(store *s, const char *actor, int min_severity, int64_t since,
                     store_alert_fn fn, void *ctx);
/* Calls fn for the alert id alone (not at all when there is none).
 * Returns 0, -1 on error, or fn's non-zero. */
int store_alert_get(store *s, const char *id, store_alert_fn fn, void *ctx);
/* Calls fn for at most limit alerts stored after the one numbered after
 * (alert_order.seq; 0: from the first), in the order they were first
 * stored (a->seq set). Returns 0, -1 on error, or fn's non-zero. */
int store_each_alert_after(store *s, int64_t after, int64_t limit, store_alert_fn fn, void *ctx);
/* How many alerts are stored after the one numbered after. 0 or -1. */
int store_alerts_after_count(store *s, int64_t after, int64_t *n);

/* store_each_alert over the alerts a load may have explained (after
 * store_rejudge_touched, store_rejudge.h), oldest first: those still
 * "new" that list an event about a subject of a case the load added or
 * changed, and, when it touched any case, every "new" one of the rules in
 * by_case (n of them, at most 8: rules whose events name the case, not
 * the subject). Returns 0, -1 on error, or fn's non-zero. */
int store_each_alert_touched(store *s, const char *const *by_case, size_t n, store_alert_fn fn,
                             void *ctx);

/* Detection state: a blob per actor, tagged with a layout id that names
 * its shape (store/store_rulelog.h describes the layouts and reads the
 * blobs back). */
/* Marks alert id explained later, with why (e.g. "explained later: case
 * Z-17 covers it"). 0 or -1. */
int store_alert_explained_later(store *s, const char *id, const char *why);
/* Sets actor's weight in alert id (alert_actors: what it counts in their
 * risk) and its reason, as judged again (investigate/rejudge.h); the
 * score it was raised with stays. 0 or -1. */
int store_alert_rescore(store *s, const char *id, const char *actor, double score,
                        const char *reason);

int store_put_actor_state(store *s, const char *actor, uint64_t layout, const void *p, size_t n);
#endif
