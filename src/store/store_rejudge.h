/* store_rejudge — what a load of reference data changed, for judging the
 * stored alerts again (investigate/rejudge.h): a mark of the case, case
 * assignment, end-date and rights rows set before the load, and after it
 * the rows that differ from it. The mark is private to the connection. */
#ifndef WACHTER_STORE_REJUDGE_H
#define WACHTER_STORE_REJUDGE_H
#include <stdint.h>

#include "store/store.h"

/* Remembers the cases, case assignments, each actor's end date (the
 * one detection uses: actors.csv's or resignations.csv's, store_ref.h) and
 * the rights as they are now. 0 or -1. */
int store_rejudge_mark(store *s);

/* After the load: the subjects of every case row that is new or changed
 * since the mark, and of every case with an assignment that is; the case
 * ids of both. Kept for store_each_alert_touched; *subjects and *cases
 * receive their numbers. 0 or -1. */
int store_rejudge_touched(store *s, int64_t *subjects, int64_t *cases);

/* Calls fn for each actor whose end date differs from the mark's and is
 * known now, with the end (ms) before (0: none) and now. fn returns 0 to
 * go on. Returns 0, -1 on a store error, or fn's non-zero value. */
typedef int (*store_rejudge_end_fn)(const char *actor, int64_t before, int64_t now, void *ctx);
int store_rejudge_each_ended(store *s, store_rejudge_end_fn fn, void *ctx);

/* Calls fn for each actor whose rights differ from the mark's (a right
 * added, changed or gone) and, when rights.csv now names a system it did
 * not, for every actor detection has seen (their look-ups on it were not
 * judged). fn returns 0 to go on. Returns 0, -1 on a store error, or
 * fn's non-zero value. */
typedef int (*store_rejudge_actor_fn)(const char *actor, void *ctx);
int store_rejudge_each_rights_actor(store *s, store_rejudge_actor_fn fn, void *ctx);

/* 1 when any of case id c's case rows or assignments changed since the
 * mark (store_rejudge_touched ran), 0 when not, -1 on error. */
int store_rejudge_case_touched(store *s, const char *c);

/* Forgets the mark and what store_rejudge_touched kept. 0 or -1. */
int store_rejudge_forget(store *s);
#endif
