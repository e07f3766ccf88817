/* store_lastuse — the last use of rights without a pass over the events:
 * per (actor, system, action), the newest stored event's time (table
 * right_use). An ingest notes each stored event in memory and flushes the
 * batch's newest times with the batch, one row per key the batch saw
 * (store_tally owns one and flushes it with its own counts). */
#ifndef WACHTER_STORE_LASTUSE_H
#define WACHTER_STORE_LASTUSE_H
#include <stdint.h>

#include "store/store.h"

typedef struct store_lastuse store_lastuse;

/* Returns an owned, empty map (store_lastuse_free it), NULL when out of memory. */
store_lastuse *store_lastuse_new(void);
void store_lastuse_free(store_lastuse *u);
/* Notes an event at ts of the actor with id actor (one id per actor for
 * the map's life) and that name (borrowed until the next flush) on system
 * with action (copied). 0, or -1 out of memory. */
int store_lastuse_note(store_lastuse *u, int32_t actor, const char *name, const char *system,
                       const char *action, int64_t ts);
/* Writes what was noted since the last flush (a newer time replaces an
 * older one) and empties the map. Call inside the batch's transaction.
 * 0 or -1. */
int store_lastuse_flush(store_lastuse *u, store *s);
#endif
