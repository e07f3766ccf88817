/* store_privacy — what a store holds, for the privacy report
 * (ops/ops_privacy.h): per kind of record how many and the oldest, and
 * the accounts per role. */
#ifndef WACHTER_STORE_PRIVACY_H
#define WACHTER_STORE_PRIVACY_H
#include <stdint.h>

#include "store/store.h"

/* How many records of kind ("events", "quarantine", "alerts", "cases":
 * distinct case ids) the store holds, and the oldest one's time (epoch
 * ms: an event's or alert's time, when a line was quarantined, when a
 * case was opened; 0 when none or unknown). Reads the whole table once
 * (events have no index on time alone): seconds on a large store. 0, or
 * -1 (store_errmsg; also for a kind it does not know). */
int store_privacy_held(store *s, const char *kind, int64_t *n, int64_t *oldest);
/* The records about staff that no retention kind covers: each kept
 * until a load replaces it (the staff register, rights, moves,
 * screenings), as long as the workflow that made it (integrity cases,
 * recertification campaigns, suppressions), or until the receiver joins
 * it (a Logboek Dataverwerkingen record waiting for its other half). fn gets each with what it is
 * ("screenings"), how many and the oldest's time (epoch ms, 0 when none),
 * in a fixed order. 0, fn's value, or -1 (store_errmsg). */
typedef int (*store_held_fn)(const char *what, const char *kept, int64_t n, int64_t oldest,
                             void *ctx);
int store_privacy_other(store *s, store_held_fn fn, void *ctx);
/* fn gets each role with its number of accounts and of those disabled,
 * by role name. 0, fn's value, or -1 (store_errmsg). */
typedef int (*store_role_count_fn)(const char *role, int64_t n, int64_t disabled, void *ctx);
int store_privacy_roles(store *s, store_role_count_fn fn, void *ctx);
#endif
