/* store_volume — the actor_day tally (store_tally.h writes it) as
 * investigations read it: one actor's days, the next day an actor was
 * active, and the actors the tally knows. */
#ifndef WACHTER_STORE_VOLUME_H
#define WACHTER_STORE_VOLUME_H
#include <stdint.h>

#include "store/store.h"

/* Calls fn(day, subjects, ctx) for each UTC day number from first to last
 * (inclusive) on which actor looked up subjects (distinct subjects that
 * day), in no promised order. fn returns 0 to go on. Returns 0, -1 on a
 * store error, or fn's non-zero value. */
typedef int (*store_day_fn)(int64_t day, int64_t subjects, void *ctx);
int store_actor_days(store *s, const char *actor, int64_t first, int64_t last, store_day_fn fn,
                     void *ctx);
/* The first day from first to last on which actor looked anything up,
 * into *day, found by one seek of the tally's (actor, day) key. Returns
 * 1, 0 when there is none, or -1 on a store error. */
int store_actor_next_day(store *s, const char *actor, int64_t first, int64_t last, int64_t *day);
/* Calls fn for every actor with a tally row, in order of name, each found
 * by seeking past the one before (a seek per actor, not a read of the
 * tally). actor is borrowed for the call; fn may read the store. fn
 * returns 0 to go on. Returns 0, -1 on a store error, or fn's value. */
int store_each_tally_actor(store *s, int (*fn)(const char *actor, void *ctx), void *ctx);
#endif
