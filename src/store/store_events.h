/* store_events — raw events and quarantined lines. */
#ifndef WACHTER_STORE_EVENTS_H
#define WACHTER_STORE_EVENTS_H
#include "normalise/event.h"
#include "store/store.h"

/* Stores ev unless an event with the same system, id and time is stored
 * already (the same id at another time is another event).
 * *inserted is 1 for a new event, 0 for a duplicate. Returns 0 or -1. */
int store_put_event(store *s, const ev_event *ev, int *inserted);
/* Quarantines one bad line with where it came from and why. A line already
 * quarantined (same source, line number and bytes) is not added again:
 * *inserted tells. at = ingest time (ms). Returns 0 or -1. */
int store_put_quarantine(store *s, const char *source, long line, const char *reason,
                         const char *raw, size_t n, int64_t at, int *inserted);
/* Before an ingest. Into a store without events (a first load), drops the
 * events' secondary indexes, *bulk = 1: one sorted build at the end costs far
 * less than keeping them in order row by row. Into a store with events,
 * recreates any index an interrupted first load left missing, *bulk = 0.
 * Returns 0 or -1. Outside a transaction. */
int store_events_bulk_begin(store *s, int *bulk);
/* After a first load (or when it failed): builds the indexes again. 0 or -1. */
int store_events_bulk_end(store *s);
/* Counts events: 0 or -1. */
int store_count_events(store *s, int64_t *n);
/* Time of the newest stored event, or 0 when there are none. */
int64_t store_newest_event(store *s);
#endif
