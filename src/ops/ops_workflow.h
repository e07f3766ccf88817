/* ops_workflow — what an integrity office does with alerts: move one
 * through new -> acknowledged -> investigating -> closed (with a
 * disposition), reopen it, assign it to an account, append notes (never
 * edited), the same for many at once, and the queue with its filters and
 * counts. Every change is a row of the alert's history; the audit trail
 * is the front end's (the CLI's gate, the server). */
#ifndef WACHTER_OPS_WORKFLOW_H
#define WACHTER_OPS_WORKFLOW_H
#include <stddef.h>
#include <stdint.h>

#include "store/store_workflow.h"

/* The longest note, in bytes. */
enum { OPS_NOTE_MAX = 4000 };

/* Whether d is a disposition: confirmed, benign, false_positive,
 * duplicate (also "false-positive"); the stored spelling, or NULL. */
const char *ops_wf_disposition(const char *d);
/* Checks a note's text: WERR_INPUT when empty (only blanks) or longer
 * than OPS_NOTE_MAX bytes. 0 or -1. */
int ops_wf_note_check(const char *text, werr *e);

/* Parses a time a front end was given: a date ("2026-03-02": its start,
 * or with end_of_day its last millisecond), a time or epoch ms. what
 * names it in the message. 0 with *out, or -1 with WERR_INPUT. */
int ops_wf_time(const char *what, const char *text, int end_of_day, int64_t *out, werr *e);

/* Moves alert id to status (acknowledged, investigating, closed; "reopen"
 * = acknowledged from closed) as account at now; closed needs
 * disposition (ops_wf_disposition), others none; note, when not NULL or
 * "", is appended. WERR_NOT_FOUND no such alert, WERR_INPUT a bad
 * status, disposition or note, WERR_CONFLICT a move not allowed (new ->
 * investigating, closed -> closed, ...). 0 or -1. */
int ops_wf_status(store *s, const char *account, const char *id, const char *status,
                  const char *disposition, const char *note, int64_t now, werr *e);
/* Assigns alert id to assignee (an enabled account; "" unassigns).
 * WERR_NOT_FOUND no such alert or account. 0 or -1. */
int ops_wf_assign(store *s, const char *account, const char *id, const char *assignee, int64_t now,
                  werr *e);
/* Appends text to alert id's notes. 0 or -1 (WERR_INPUT, WERR_NOT_FOUND). */
int ops_wf_note(store *s, const char *account, const char *id, const char *text, int64_t now,
                werr *e);

/* Many alerts at once: assign (when not NULL) or close with disposition
 * close. Each id is changed on its own; one that fails is told to fail
 * (its id and why) and the others still change. *changed: how many did.
 * 0, or -1 with e when nothing could be tried (bad request, store). */
typedef int (*ops_wf_fail_fn)(const char *id, const werr *why, void *ctx);
int ops_wf_bulk(store *s, const char *account, const char *const *ids, size_t n, const char *assign,
                const char *close, int64_t now, ops_wf_fail_fn fail, void *ctx, int64_t *changed,
                werr *e);

/* The queue: counts (STORE_WF_N, by status) and total of f, then fn for
 * each alert f selects (store_wf_queue). 0, fn's non-zero, or -1 with e. */
int ops_wf_queue(store *s, const store_wf_filter *f, int64_t *counts, int64_t *total,
                 store_wf_alert_fn fn, void *ctx, werr *e);

/* What an alert's page shows, each part to its function (any may be
 * NULL), in this order: the alert, its events, notes, history, the
 * similar alerts (same rule and person, then same subject), and the
 * dossier it is in ("" none). Each returns 0 to go on. */
typedef struct ops_wf_show_fns {
    store_wf_alert_fn alert;
    store_wf_event_fn event;
    store_wf_note_fn note;
    store_wf_change_fn change;
    int (*similar)(const store_wf_similar *same_rule, const store_wf_similar *same_subject,
                   void *ctx);
    int (*dossier)(const char *id, const char *title, const char *status, void *ctx);
} ops_wf_show_fns;
/* WERR_NOT_FOUND when there is no alert id. 0, a function's non-zero, or
 * -1 with e. */
int ops_wf_show(store *s, const char *id, int64_t now, const ops_wf_show_fns *fns, void *ctx,
                werr *e);

/* Per rule: alerts, open, judged each way, suppressed (store_wf_effectiveness). */
int ops_wf_effectiveness(store *s, int64_t from, int64_t to, int64_t now, store_wf_rule_fn fn,
                         void *ctx, werr *e);
#endif
