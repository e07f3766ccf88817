/* ops_suppress — suppressions: a known-benign pattern (a rule's alerts
 * about one actor, subject or unit) leaves the queue for a while, with a
 * reason and an end date at most a year ahead. The alerts stay stored and
 * are counted as suppressed; a suppression whose end date passed ends by
 * itself, and one can be ended early. */
#ifndef WACHTER_OPS_SUPPRESS_H
#define WACHTER_OPS_SUPPRESS_H
#include <stdint.h>

#include "store/store_suppress.h"

/* The longest reason, in bytes. */
enum { OPS_SUPPRESS_REASON_MAX = 1000 };

/* Parses when a suppression ends: a date ("2026-06-30": through that
 * day), a time or epoch ms; it must lie after now and at most a year (366
 * days) ahead. 0 with *until, or -1 with WERR_INPUT. */
int ops_suppress_until(const char *text, int64_t now, int64_t *until, werr *e);
/* Adds a suppression of rule (a rule's name) for scope ("actor",
 * "subject", "unit") value, with reason, until (ops_suppress_until's),
 * by account at now. WERR_INPUT for a bad field. 0 with *id, or -1. */
int ops_suppress_add(store *s, const char *account, const char *rule, const char *scope,
                     const char *value, const char *reason, int64_t until, int64_t now, int64_t *id,
                     werr *e);
/* Ends suppression id now. WERR_NOT_FOUND none such, WERR_CONFLICT it
 * had ended (by hand or by its date). 0 or -1. */
int ops_suppress_end(store *s, int64_t id, int64_t now, werr *e);
/* Calls fn with suppression id (WERR_NOT_FOUND none). 0 or -1. */
int ops_suppress_get(store *s, int64_t id, store_suppression_fn fn, void *ctx, werr *e);
/* Whether p is active at now. */
int ops_suppress_active(const store_suppression *p, int64_t now);
/* The suppressions, or those active at now; 0 or -1 with e. */
int ops_suppress_list(store *s, int active_only, int64_t now, store_suppression_fn fn, void *ctx,
                      werr *e);
#endif
