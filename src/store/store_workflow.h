/* store_workflow — the integrity office's work on alerts as stored
 * (schema 18): an alert's status, disposition and assignee, its notes
 * (appended, never edited) and history, the queue with its filters and
 * counts, similar alerts and per-rule effectiveness. The rules of the
 * workflow (which moves are allowed, who may be assigned) are
 * ops/ops_workflow.h's; the suppressions that hide alerts from the queue
 * are stored by store_suppress.h and read here. */
#ifndef WACHTER_STORE_WORKFLOW_H
#define WACHTER_STORE_WORKFLOW_H
#include <stddef.h>
#include <stdint.h>

#include "store/store.h"

/* One alert with its workflow, borrowed for the call that gives it. unit:
 * the actor's unit in the staff register ("" unknown); suppressed: an
 * active suppression matches it (only an alert not closed). */
typedef struct store_wf_alert {
    const char *id, *actor, *unit, *rule, *reason, *why, *status, *disposition, *assignee;
    int64_t ts, updated;
    int severity;
    double score;
    int suppressed;
} store_wf_alert;
typedef int (*store_wf_alert_fn)(const store_wf_alert *a, void *ctx);

/* What the queue shows. status: NULL the open ones (not closed, not
 * suppressed); "all" every alert; "closed" (explained-later too);
 * "suppressed"; or one status. The others: NULL / 0 for any. to is
 * inclusive. now decides which suppressions are active. limit 0: all. */
typedef struct store_wf_filter {
    const char *status, *rule, *unit, *assignee, *actor, *dossier;
    int min_severity;
    int64_t from, to, now, limit, offset;
} store_wf_filter;

/* The counts of the queue, by status, in this order. */
enum { STORE_WF_NEW, STORE_WF_ACK, STORE_WF_INV, STORE_WF_CLOSED, STORE_WF_SUPPRESSED, STORE_WF_N };

/* Calls fn for each alert f selects, highest score first (then newest,
 * then id). fn's non-zero return stops and is returned; 0 or -1. */
int store_wf_queue(store *s, const store_wf_filter *f, store_wf_alert_fn fn, void *ctx);
/* The alerts f selects but for its status, counted by status into
 * counts (STORE_WF_N), and how many f selects with its status into
 * *total. 0 or -1. */
int store_wf_counts(store *s, const store_wf_filter *f, int64_t *counts, int64_t *total);
/* Calls fn with alert id: 1 when there is one, 0 when not, -1 on error. */
int store_wf_get(store *s, const char *id, int64_t now, store_wf_alert_fn fn, void *ctx);
/* Sets alert id's status, disposition, assignee and updated. 1 changed,
 * 0 no such alert, -1 error. */
int store_wf_update(store *s, const char *id, const char *status, const char *disposition,
                    const char *assignee, int64_t at);

/* One of an alert's events: the look-up as stored, or (results -2, the
 * rest "") only its id and subject when it is not among the alert's
 * actor's look-ups of the period (another actor's, or purged). */
typedef struct store_wf_event {
    const char *id, *subject, *system, *action, *case_id, *purpose, *query, *client;
    int64_t ts, results; /* results -1: none given */
} store_wf_event;
typedef int (*store_wf_event_fn)(const store_wf_event *ev, void *ctx);
/* Alert id's events, as detection listed them: first those of actor from
 * from..to (ms, inclusive; found through the actor's postings, not a scan
 * of the period) in time order, then the others by id and subject alone.
 * fn's non-zero return stops and is returned; 0 or -1. */
int store_wf_events_each(store *s, const char *id, const char *actor, int64_t from, int64_t to,
                         store_wf_event_fn fn, void *ctx);

/* Notes and history belong to an alert or to a dossier. */
typedef enum store_wf_kind { STORE_WF_ALERT, STORE_WF_DOSSIER } store_wf_kind;
typedef struct store_wf_note {
    int64_t at;
    const char *account, *text;
} store_wf_note;
typedef struct store_wf_change {
    int64_t at;
    const char *account, *action, *from, *to, *detail;
} store_wf_change;
typedef int (*store_wf_note_fn)(const store_wf_note *n, void *ctx);
typedef int (*store_wf_change_fn)(const store_wf_change *c, void *ctx);
/* Appends a note / a change to id's. 0 or -1. */
int store_wf_note_add(store *s, store_wf_kind k, const char *id, const store_wf_note *n);
int store_wf_change_add(store *s, store_wf_kind k, const char *id, const store_wf_change *c);
/* id's notes / changes, oldest first; fn's non-zero return stops and is
 * returned; 0 or -1. */
int store_wf_notes_each(store *s, store_wf_kind k, const char *id, store_wf_note_fn fn, void *ctx);
int store_wf_changes_each(store *s, store_wf_kind k, const char *id, store_wf_change_fn fn,
                          void *ctx);

/* Alerts like one: how many, how many still open, how each closed one
 * was judged, and the newest ids (up to STORE_WF_SIMILAR_IDS). */
enum { STORE_WF_SIMILAR_IDS = 10 };
typedef struct store_wf_similar {
    int64_t count, open, confirmed, benign, false_positive, duplicate;
    size_t nids;
    char ids[STORE_WF_SIMILAR_IDS][96];
} store_wf_similar;
/* The other alerts of id's rule and person (by_subject 0), or about one
 * of the subjects its events are about (1). 0 or -1. */
int store_wf_similar_of(store *s, const char *id, int by_subject, store_wf_similar *out);

/* Per rule, over the alerts from..to (0: open ends): how many, still
 * open, judged each way, suppressed (now). */
typedef struct store_wf_rule_row {
    const char *rule;
    int64_t alerts, open, confirmed, benign, false_positive, duplicate, suppressed;
} store_wf_rule_row;
typedef int (*store_wf_rule_fn)(const store_wf_rule_row *r, void *ctx);
int store_wf_effectiveness(store *s, int64_t from, int64_t to, int64_t now, store_wf_rule_fn fn,
                           void *ctx);
#endif
