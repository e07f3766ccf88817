/* store_events — raw events and quarantined lines. */
#ifndef WACHTER_STORE_EVENTS_H
#define WACHTER_STORE_EVENTS_H
#include "normalise/event.h"
#include "store/store.h"

/* Stores ev unless an event with the same system, id and time is stored
 * already (the same id at another time is another event), under a rowid
 * that leads with its time (store_rowid.h).
 * *inserted is 1 for a new event, 0 for a duplicate. New events are
 * posted for look-ups by subject and actor at the commit (store_post.h);
 * outside a transaction the call is one of its own. Returns 0 or -1. */
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
/* Whether ev (its id, system, time and key: ev_finish) is stored: *yes
 * 1 or 0. 0, or -1 on a store error. */
int store_event_stored(store *s, const ev_event *ev, int *yes);
/* Before an ingest that stores: a page cache and checkpoints for
 * writing. 0 or -1. Outside a transaction. */
int store_events_ingest_begin(store *s);
/* Events are found by subject or by actor through runs of postings
 * (store/store_post.h): store_post_find, then POST_FOUND in SQL. */
/* Counts events: 0 or -1. */
int store_count_events(store *s, int64_t *n);
/* Time (ms) of the newest stored event into *ms, 0 when there are none:
 * the last rowid, without a scan. 0 or -1. */
int store_newest_event(store *s, int64_t *ms);
#endif
