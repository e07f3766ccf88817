/* ops_recert_int — what ops_recert.c and ops_recert_bulk.c share;
 * private to them. */
#ifndef WACHTER_OPS_RECERT_INT_H
#define WACHTER_OPS_RECERT_INT_H
#include "ops/ops_recert.h"

/* Sets e to "cannot WHAT: the store's message" (WERR_UNAVAILABLE). -1. */
int ops_recert_store_failed(store *s, werr *e, const char *what);
/* The campaign id for a change by who, into *c (owned: one campaign): it
 * exists (WERR_NOT_FOUND), who is its owner or an administrator
 * (WERR_FORBIDDEN, recorded in the audit trail as refused action), it is
 * open (WERR_CONFLICT). 0 or -1. */
int ops_recert_for_change(store *s, const ops_actor *who, int64_t id, const char *action,
                          store_recert_campaign **c, werr *e);
/* "keep" or "revoke" when d is one, else NULL. */
const char *ops_recert_decision_of(const char *d);
/* Checks decision and reason (required to revoke, at most
 * OPS_RECERT_REASON_MAX bytes); the decision's spelling into *d. 0 or -1
 * with WERR_INPUT. */
int ops_recert_check_decision(const char *decision, const char *reason, const char **d, werr *e);
/* WERR_INPUT when t is longer than max bytes ("the WHAT is longer ..."). */
int ops_recert_text_ok(const char *what, const char *t, size_t max, werr *e);
#endif
