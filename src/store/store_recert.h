/* store_recert — recertification campaigns as stored (schema 22): the
 * campaigns, their review items (one right each) and the history of
 * every change (the decisions' rows written by a trigger). The domain's
 * rules are ops/ops_recert.h's. */
#ifndef WACHTER_STORE_RECERT_H
#define WACHTER_STORE_RECERT_H
#include <stddef.h>
#include <stdint.h>

#include "store/store.h"

/* One campaign with its progress: items, decided (kept + revoked), kept,
 * revoked. closed 0: open. Strings owned by the array that holds it
 * (store_recert_campaigns_free). */
typedef struct store_recert_campaign {
    int64_t id;
    char *title, *scope, *value, *owner, *created_by, *status, *closed_by;
    int64_t due, created, closed;
    int64_t items, decided, kept, revoked;
} store_recert_campaign;

/* One review item: the right (actor, system, action, granted), its last
 * use when the campaign started (0: never), the decision ("", "keep",
 * "revoke"), reason, decided_by and decided (0: not yet). Strings owned
 * by the array that holds it (store_recert_items_free). */
typedef struct store_recert_item {
    int64_t id, campaign;
    char *actor, *system, *action, *decision, *reason, *decided_by;
    int64_t granted, last_use, decided;
} store_recert_item;

/* One row of a campaign's history: action "start", "decide" (item, from
 * and to the decisions, detail the reason) or "close". Borrowed for the
 * call that gives it. */
typedef struct store_recert_change {
    int64_t seq, item, at;
    const char *account, *action, *from, *to, *detail;
} store_recert_change;
typedef int (*store_recert_change_fn)(const store_recert_change *c, void *ctx);

/* Adds campaign c (its id, status and counts are ignored) and its
 * "start" history row; the new id into *id. Inside the caller's
 * transaction. 0 or -1. */
int store_recert_add(store *s, const store_recert_campaign *c, int64_t *id);
/* Adds an undecided item of campaign for one right. 0 or -1. */
int store_recert_add_item(store *s, int64_t campaign, const char *actor, const char *system,
                          const char *action, int64_t granted, int64_t last_use);
/* Whether actor is a member of unit in the staff register: *yes 1 or 0.
 * 0 or -1. */
int store_recert_in_unit(store *s, const char *unit, const char *actor, int *yes);

/* The campaigns (id 0: all, newest first; else that one) with their
 * counts, into *out (owned: store_recert_campaigns_free). 0 or -1. */
int store_recert_campaigns(store *s, int64_t id, store_recert_campaign **out, size_t *n);
void store_recert_campaigns_free(store_recert_campaign *c, size_t n);

/* Which items store_recert_items gives: campaign's (0: any campaign's),
 * item (0: any) alone; only undecided ones with undecided, only open
 * campaigns' with open. */
typedef struct store_recert_item_filter {
    int64_t campaign, item;
    int undecided, open;
} store_recert_item_filter;
/* The items f selects, by campaign and id, into *out (owned:
 * store_recert_items_free). 0 or -1. */
int store_recert_items(store *s, const store_recert_item_filter *f, store_recert_item **out,
                       size_t *n);
void store_recert_items_free(store_recert_item *v, size_t n);
/* Frees one item's strings (not the item itself). */
void store_recert_item_clear(store_recert_item *it);

/* Records decision (keep, revoke) with reason on item, by account at `at`
 * (the trigger writes the history row). 0 or -1 (a closed campaign's
 * item: the trigger refuses). */
int store_recert_decide(store *s, int64_t item, const char *decision, const char *reason,
                        const char *account, int64_t at);
/* Closes campaign id by account at `at`, with a "close" history row
 * whose detail is detail. 0 or -1. */
int store_recert_close(store *s, int64_t id, const char *account, int64_t at, const char *detail);
/* Campaign id's history, oldest first; fn's non-zero return stops and is
 * returned; 0 or -1. */
int store_recert_history(store *s, int64_t id, store_recert_change_fn fn, void *ctx);
#endif
