/* store_access — the look-ups an investigation reads back: one subject's
 * or one actor's events in a period, the citizen's protocol of a subject
 * (without the employee), and every look-up of a period in stored order. */
#ifndef WACHTER_STORE_ACCESS_H
#define WACHTER_STORE_ACCESS_H
#include <stddef.h>
#include <stdint.h>

#include "store/store.h"

/* One stored event as an investigation reads it; a field the event lacks
 * is "". */
typedef struct store_access {
    const char *id, *actor, *system, *action, *subject, *subject_type, *case_id, *purpose;
    int64_t ts;
    int64_t results; /* -1 when the event gave none */
} store_access;

/* Called with one row, borrowed for the call; returns 0 to go on. */
typedef int (*store_access_fn)(const store_access *a, void *ctx);

/* Calls fn for every access to subject (store_accesses_to) or by actor
 * (store_accesses_by) with from <= ts <= to, oldest first, events of one
 * time in the order the store received them; found through the subject's
 * or actor's postings, not by reading the period. Returns 0, -1 on a
 * store error (store_errmsg), or fn's non-zero value. */
int store_accesses_to(store *s, const char *subject, int64_t from, int64_t to, store_access_fn fn,
                      void *ctx);
int store_accesses_by(store *s, const char *actor, int64_t from, int64_t to, store_access_fn fn,
                      void *ctx);
/* store_accesses_by for the newest `newest` of them only (0: all), still
 * oldest first; *found: how many the actor's postings hold in the period
 * (the events of another actor whose id hashes alike aside). */
int store_accesses_by_newest(store *s, const char *actor, int64_t from, int64_t to, size_t newest,
                             size_t *found, store_access_fn fn, void *ctx);

/* One access to a subject as the citizen may see it: the employee's unit
 * ("" when the employee is not in actors.csv), never the employee; a
 * purpose or case id that contains the employee's own id reads
 * "(withheld)". */
typedef struct store_protocol_row {
    int64_t ts;
    const char *unit, *system, *action, *purpose, *case_id;
} store_protocol_row;

/* Calls fn for every access to subject with from <= ts <= to, oldest
 * first; the row is borrowed for the call and never carries the actor.
 * fn returns 0 to go on. Returns 0, -1 on a store error, or fn's
 * non-zero value. */
typedef int (*store_protocol_fn)(const store_protocol_row *row, void *ctx);
int store_protocol_each(store *s, const char *subject, int64_t from, int64_t to,
                        store_protocol_fn fn, void *ctx);

/* Calls fn for every event naming a subject with from <= ts <= to, in
 * stored (time) order, read as one range of the events: its time, actor,
 * subject and stated case (NULL or "" when none), borrowed for the call.
 * fn returns 0 to go on. Returns 0, -1 on a store error, or fn's non-zero
 * value. */
typedef int (*store_lookup_fn)(int64_t ts, const char *actor, const char *subject,
                               const char *case_id, void *ctx);
int store_each_lookup_between(store *s, int64_t from, int64_t to, store_lookup_fn fn, void *ctx);

/* Several reads that must see one state of the store: store_read_begin,
 * the reads, then store_read_end, or store_rollback after a failure.
 * Outside a transaction. 0 or -1. */
int store_read_begin(store *s);
int store_read_end(store *s);
#endif
