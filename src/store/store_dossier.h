/* store_dossier — integrity cases ("dossiers") as stored (schema 18): one
 * person, the alerts merged into it, status, investigator, notes and
 * history (store_workflow.h's, kind STORE_WF_DOSSIER). Not the table
 * cases, which holds the organisation's work cases. */
#ifndef WACHTER_STORE_DOSSIER_H
#define WACHTER_STORE_DOSSIER_H
#include <stdint.h>

#include "store/store.h"

/* One dossier, borrowed for the call that gives it. closed 0: open;
 * alerts: how many are merged into it. */
typedef struct store_dossier {
    const char *id, *actor, *title, *status, *investigator, *outcome;
    int64_t opened, closed, alerts;
} store_dossier;
typedef int (*store_dossier_fn)(const store_dossier *d, void *ctx);

/* Adds a dossier about actor with title, opened at `at`, numbered after
 * the last ("D-0001", "D-0002", ...): its id into id (size n). 0 or -1. */
int store_dossier_add(store *s, const char *actor, const char *title, const char *investigator,
                      int64_t at, char *id, size_t n);
/* Calls fn with dossier id: 1 found, 0 not, -1 error. */
int store_dossier_get(store *s, const char *id, store_dossier_fn fn, void *ctx);
/* Every dossier (status NULL) or those of status, newest first; fn's
 * non-zero return stops and is returned; 0 or -1. */
int store_dossier_each(store *s, const char *status, store_dossier_fn fn, void *ctx);
/* Merges alert_id into dossier id. 1 added, 0 it was there, -1 error. */
int store_dossier_add_alert(store *s, const char *id, const char *alert_id, int64_t at);
/* Sets status, investigator, closed (0: NULL) and outcome. 0 or -1. */
int store_dossier_update(store *s, const char *id, const char *status, const char *investigator,
                         int64_t closed, const char *outcome);
/* The open dossier alert_id is in, into id (size n; "" none): 0 or -1. */
int store_dossier_of_alert(store *s, const char *alert_id, char *id, size_t n);
/* The earliest and latest time of dossier id's alerts (0 and 0: none).
 * 0 or -1. */
int store_dossier_period(store *s, const char *id, int64_t *from, int64_t *to);
/* What the evidence report adds to actor's look-ups from..to (inclusive):
 * each event's id, query, number of results (-1 none) and client, in
 * stored order; fn's non-zero return stops and is returned; 0 or -1. */
typedef int (*store_dossier_event_fn)(const char *event, const char *query, int64_t results,
                                      const char *client, void *ctx);
int store_dossier_event_details(store *s, const char *actor, int64_t from, int64_t to,
                                store_dossier_event_fn fn, void *ctx);
/* The events of dossier id's alerts: fn(alert, event, ctx) per pair;
 * fn's non-zero return stops and is returned; 0 or -1. */
typedef int (*store_dossier_pair_fn)(const char *alert, const char *event, void *ctx);
int store_dossier_alert_events(store *s, const char *id, store_dossier_pair_fn fn, void *ctx);
#endif
