/* ops_recert — recertification campaigns (README "Recertification"): a
 * campaign for a system or a unit asks its owner, an account, to keep or
 * revoke each right held when it started (store/store_rights.h), with a
 * reason, by a due date; the owner sees each right's last use in the log,
 * decides one item or many (bulk), and closes the campaign; its revoked
 * rights export as a revocation list (CSV) for the identity-management
 * system. Only the owner, or an administrator, decides and closes: a
 * refusal says so and is recorded in the audit trail here (the front
 * ends record the attempt itself). Every decision is a row of the
 * campaign's history (the store's trigger writes it). */
#ifndef WACHTER_OPS_RECERT_H
#define WACHTER_OPS_RECERT_H
#include <stddef.h>
#include <stdint.h>

#include "ops/ops_access.h"
#include "store/store_recert.h"

/* The longest title and reason, in bytes; the most days a bulk
 * criterion takes. */
enum { OPS_RECERT_TITLE_MAX = 200, OPS_RECERT_REASON_MAX = 2000, OPS_RECERT_DAYS_MAX = 36500 };

/* What a campaign is started with (borrowed). Exactly one of system and
 * unit; title NULL or "": "Rights on SYSTEM" / "Rights of unit UNIT";
 * owner: an enabled account whose role may decide ("recert decide");
 * due: a date (its end) or a time, not passed. */
typedef struct ops_recert_spec {
    const char *title, *system, *unit, *owner, *due;
} ops_recert_spec;

/* Starts a campaign by who at now: one review item per right held now on
 * the system, or by a member of the unit (the staff register), with its
 * last use. Its id into *id. WERR_INPUT a bad field, WERR_NOT_FOUND no
 * such owner or no right to review. 0 or -1. */
int ops_recert_start(store *s, const ops_actor *who, const ops_recert_spec *spec, int64_t now,
                     int64_t *id, werr *e);

/* The campaigns with their progress (id 0: all, newest first; else that
 * one, WERR_NOT_FOUND when there is none), into *out (owned:
 * store_recert_campaigns_free). 0 or -1. */
int ops_recert_campaigns(store *s, int64_t id, store_recert_campaign **out, size_t *n, werr *e);
/* A campaign's undecided items when it is open and past due at now,
 * else 0. */
int64_t ops_recert_overdue_count(const store_recert_campaign *c, int64_t now);

/* Campaign id's items (only the undecided ones with undecided), each
 * with its last use in the log as it stands now, into *out (owned:
 * store_recert_items_free). WERR_NOT_FOUND no such campaign. 0 or -1. */
int ops_recert_items(store *s, int64_t id, int undecided, store_recert_item **out, size_t *n,
                     werr *e);

/* Decides item (of *campaign; 0: whichever it is of, set to it) keep or revoke with
 * reason (required for revoke; at most OPS_RECERT_REASON_MAX bytes) as
 * who at now. The same decision and reason again changes nothing.
 * WERR_NOT_FOUND no such campaign or item, WERR_FORBIDDEN not its owner
 * nor an administrator (recorded), WERR_CONFLICT the campaign is closed,
 * WERR_INPUT a bad decision or reason. 0 or -1. */
int ops_recert_decide(store *s, const ops_actor *who, int64_t *campaign, int64_t item,
                      const char *decision, const char *reason, int64_t now, werr *e);

/* A bulk decision: exactly one of the n items (with decision keep or
 * revoke), unused_days (revoke every undecided item not used in that
 * many days, never used included) and used_days (keep every undecided
 * item used in that many days). reason: required to revoke items by id;
 * for the criteria it defaults to "not used in N days" / "used in the
 * last N days". */
typedef struct ops_recert_bulk_spec {
    const int64_t *items;
    size_t n;
    const char *decision, *reason;
    long long unused_days, used_days;
} ops_recert_bulk_spec;
/* Applies b to campaign id as who at now, all or nothing, and records
 * "recert bulk done" in the audit trail with the criteria and the count;
 * *changed: how many items it decided. Refusals as ops_recert_decide's.
 * 0 or -1. */
int ops_recert_bulk(store *s, const ops_actor *who, int64_t id, const ops_recert_bulk_spec *b,
                    int64_t now, int64_t *changed, werr *e);

/* Closes campaign id as who at now. While items are undecided it is
 * refused (WERR_CONFLICT, naming how many) unless force: they are then
 * left undecided (no right of theirs is revoked) and the history says
 * how many. Refusals as ops_recert_decide's. 0 or -1. */
int ops_recert_close(store *s, const ops_actor *who, int64_t id, int force, int64_t now, werr *e);

/* The undecided items of the open campaigns past due at now, oldest
 * campaign first, into *out (owned: store_recert_items_free); each
 * one's campaign is in *camps (owned: store_recert_campaigns_free), the
 * item's campaign field naming it. 0 or -1. */
int ops_recert_overdue(store *s, int64_t now, store_recert_item **out, size_t *n,
                       store_recert_campaign **camps, size_t *ncamps, werr *e);

/* The revocation list of closed campaign id: its items decided revoke,
 * into *out (owned). WERR_NOT_FOUND no such campaign, WERR_CONFLICT it is
 * still open. 0 or -1. */
int ops_recert_revocations(store *s, int64_t id, store_recert_item **out, size_t *n, werr *e);

/* Campaign id's history, oldest first (WERR_NOT_FOUND none). 0, fn's
 * non-zero, or -1 with e. */
int ops_recert_history(store *s, int64_t id, store_recert_change_fn fn, void *ctx, werr *e);

/* Parses an id a front end was given (what names it: "campaign",
 * "item"): a whole number from 1. 0 with *out, or -1 with WERR_INPUT. */
int ops_recert_id(const char *what, const char *text, int64_t *out, werr *e);
#endif
