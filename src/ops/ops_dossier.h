/* ops_dossier — integrity cases ("dossiers"): one person, the alerts
 * merged into it, an investigator, notes (appended, never edited), a
 * history of every change, open or closed with an outcome; and the
 * evidence report: the person's look-ups over the alerts' period and a
 * week either side, each with query, number of results, client and
 * explanation and the alerts it is in, then the alerts and their
 * reasons. (The table cases holds the organisation's work cases.) */
#ifndef WACHTER_OPS_DOSSIER_H
#define WACHTER_OPS_DOSSIER_H
#include <stddef.h>
#include <stdint.h>

#include "store/store_dossier.h"
#include "store/store_workflow.h"

/* The longest title and outcome, in bytes. */
enum { OPS_DOSSIER_TITLE_MAX = 200, OPS_DOSSIER_OUTCOME_MAX = 4000 };
/* The report's period reaches this far either side of the alerts. */
#define OPS_DOSSIER_MARGIN_DAYS 7

/* Opens a dossier about actor with title, account its investigator,
 * merging the n alerts (each must exist and be actor's). Its id ("D-0001")
 * into id (size idn). WERR_INPUT a bad field, WERR_NOT_FOUND an alert
 * that is not there. 0 or -1. */
int ops_dossier_open(store *s, const char *account, const char *actor, const char *title,
                     const char *const *alerts, size_t n, int64_t now, char *id, size_t idn,
                     werr *e);
/* Merges the n alerts into open dossier id (WERR_CONFLICT when closed). */
int ops_dossier_add_alerts(store *s, const char *account, const char *id, const char *const *alerts,
                           size_t n, int64_t now, werr *e);
/* Appends text to dossier id's notes (1..OPS_NOTE_MAX bytes). */
int ops_dossier_note(store *s, const char *account, const char *id, const char *text, int64_t now,
                     werr *e);
/* Makes investigator (an enabled account) dossier id's investigator. */
int ops_dossier_assign(store *s, const char *account, const char *id, const char *investigator,
                       int64_t now, werr *e);
/* Closes dossier id with outcome (required), or opens it again
 * (status "open"). WERR_CONFLICT when it is that already. */
int ops_dossier_status(store *s, const char *account, const char *id, const char *status,
                       const char *outcome, int64_t now, werr *e);
/* Calls fn with dossier id (WERR_NOT_FOUND none). 0 or -1. */
int ops_dossier_get(store *s, const char *id, store_dossier_fn fn, void *ctx, werr *e);
/* The dossiers (status NULL: all; "open", "closed"), newest first. */
int ops_dossier_list(store *s, const char *status, store_dossier_fn fn, void *ctx, werr *e);

/* A dossier's page, each part to its function (any may be NULL), in
 * this order: the dossier, its alerts (highest score first), notes,
 * history. Each returns 0 to go on. 0, non-zero, or -1 with e. */
typedef struct ops_dossier_show_fns {
    store_dossier_fn dossier;
    store_wf_alert_fn alert;
    store_wf_note_fn note;
    store_wf_change_fn change;
} ops_dossier_show_fns;
int ops_dossier_show(store *s, const char *id, int64_t now, const ops_dossier_show_fns *fns,
                     void *ctx, werr *e);

/* One look-up of the evidence report, borrowed for the call. explanation:
 * in words (investigate/access.h); alert_ids: the dossier's alerts that
 * list it (nalerts of them). results -1: none given. */
typedef struct ops_dossier_lookup {
    int64_t ts, results;
    const char *event, *system, *action, *subject, *query, *client, *explanation;
    const char *const *alert_ids;
    size_t nalerts;
} ops_dossier_lookup;
typedef struct ops_dossier_report_fns {
    store_dossier_fn dossier;
    int (*period)(int64_t from, int64_t to, void *ctx);
    int (*lookup)(const ops_dossier_lookup *l, void *ctx);
    store_wf_alert_fn alert;
    store_wf_note_fn note;
} ops_dossier_report_fns;
/* The evidence report of dossier id: the dossier, the period, the
 * person's look-ups in it (oldest first), the dossier's alerts, its
 * notes. 0, a function's non-zero, or -1 with e. */
int ops_dossier_report(store *s, const char *id, int64_t now, const ops_dossier_report_fns *fns,
                       void *ctx, werr *e);
#endif
