/* store_events — raw events and quarantined lines. */
#ifndef WACHTER_STORE_EVENTS_H
#define WACHTER_STORE_EVENTS_H
#include "normalise/event.h"
#include "store/store.h"

/* Stores ev unless an event with the same system, id and time is stored
 * already (the same id at another time is another event).
 * *inserted is 1 for a new event, 0 for a duplicate. Returns 0 or -1. */
int store_put_event(store *s, const ev_event *ev, int *inserted);
/* store_put_event for n events in input order, inserted[i] for evs[i].
 * STORE_PUT_MANY of them go in one statement, in a fraction of the time
 * (SQLite's cost per statement is about a quarter of a row's); any other
 * n one by one. Returns 0 or -1. */
enum { STORE_PUT_MANY = 8 };
int store_put_events(store *s, const ev_event *const *evs, size_t n, int *inserted);
/* Quarantines one bad line with where it came from and why. A line already
 * quarantined (same source, line number and bytes) is not added again:
 * *inserted tells. at = ingest time (ms). Returns 0 or -1. */
int store_put_quarantine(store *s, const char *source, long line, const char *reason,
                         const char *raw, size_t n, int64_t at, int *inserted);
/* Before an ingest that stores. Into a store without events (a first load),
 * drops the events' secondary indexes, *bulk = 1: one sorted build at the
 * end costs far less than keeping them in order row by row. Into a store
 * with events, recreates any index an interrupted first load left missing,
 * *bulk = 0. Either way sets a page cache and checkpoints for writing.
 * Returns 0 or -1. Outside a transaction. */
int store_events_bulk_begin(store *s, int *bulk);
/* After a first load (or when it failed): builds the indexes again. 0 or -1. */
int store_events_bulk_end(store *s);
/* Events are found by subject or by actor through indexes that lead with
 * the UTC day (ts / 86400000, then subject or actor, then ts; schema.c,
 * migration 6), so that a day's ingest lands in that day's end of them.
 * A query by subject or actor walks the days of its period: begin it with
 * EVENTS_PERIOD_DAYS, which lists as period(day) the days from ?2 to ?3
 * (ms, inclusive) clipped to the oldest and newest stored event, and read
 * the events as e FROM_EVENTS_BY_DAY, which joins them on the indexes'
 * leading expression (written otherwise, the index is not used). A day
 * without events costs a seek that ends where the last one did. */
#define EVENTS_PERIOD_DAYS                                                                         \
    "WITH RECURSIVE period(day) AS ("                                                              \
    " SELECT max(?2, (SELECT min(ts) FROM events)) / 86400000"                                     \
    " UNION ALL SELECT day + 1 FROM period"                                                        \
    "  WHERE day < min(?3, (SELECT max(ts) FROM events)) / 86400000) "
#define FROM_EVENTS_BY_DAY " FROM period CROSS JOIN events e ON e.ts / 86400000 = period.day"
/* Counts events: 0 or -1. */
int store_count_events(store *s, int64_t *n);
/* Time of the newest stored event, or 0 when there are none. */
int64_t store_newest_event(store *s);
#endif
