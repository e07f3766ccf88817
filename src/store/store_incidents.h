/* store_incidents — the incident register: stored incidents, one added at
 * a time, and the ones a load added, told apart by a mark set before it. */
#ifndef WACHTER_STORE_INCIDENTS_H
#define WACHTER_STORE_INCIDENTS_H
#include <stdint.h>

#include "store/store.h"

typedef struct store_incident {
    const char *id, *subject, *kind;
    int64_t ts;
} store_incident;

/* Called with one incident, borrowed for the call; returns 0 to go on. */
typedef int (*store_incident_fn)(const store_incident *x, void *ctx);

/* Calls fn for every stored incident, by time then id. Returns 0, -1 on a
 * store error, or fn's non-zero value. */
int store_incidents_each(store *s, store_incident_fn fn, void *ctx);
/* Stores x (replacing the incident with the same id and subject; kind
 * NULL is stored as ""). 0 or -1. */
int store_incident_put(store *s, const store_incident *x);
/* Remembers the stored incidents (for this connection only), so that
 * store_incidents_each_new can tell which ones were added or changed
 * since. 0 or -1. */
int store_incidents_mark(store *s);
/* Calls fn for every incident stored now that was not, as it is, at the
 * last store_incidents_mark, by time then id, and forgets the mark.
 * Returns 0, -1 on a store error, or fn's non-zero value. */
int store_incidents_each_new(store *s, store_incident_fn fn, void *ctx);
#endif
