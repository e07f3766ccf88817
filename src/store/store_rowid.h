/* store_rowid — an event's rowid: its time above a slot of its dedupe key.
 *
 * rowid = ts << STORE_ROWID_SLOT_BITS | slot, where ts is the event's time
 * in ms (1970..2100 fits in 42 bits) and slot the low 21 bits of its
 * dedupe key (system and id), the next slot after a collision. So the
 * table's own B-tree is the dedupe index (one insert an event instead of
 * two: a row and a (ts, key) index entry) and holds the events in time
 * order: a period is a range of rowids, and a time-ordered log appends at
 * the B-tree's end (schema 8). */
#ifndef WACHTER_STORE_ROWID_H
#define WACHTER_STORE_ROWID_H
#include <stdint.h>

enum { STORE_ROWID_SLOT_BITS = 21 };
/* Slots an event may take, its own and the next ones (wrapping within its
 * millisecond): a look-up for a duplicate reads no further, so each event
 * costs at most this many probes. Only hundreds of thousands of events of
 * one millisecond (a source whose times lack the time of day) fill that. */
enum { STORE_ROWID_PROBES = 4096 };
#define STORE_ROWID_SLOTS (INT64_C(1) << STORE_ROWID_SLOT_BITS)
/* The first time past what a rowid holds (2109-05-15). */
#define STORE_ROWID_TS_END (INT64_C(1) << (63 - STORE_ROWID_SLOT_BITS))

/* The rowid of slot (taken modulo the slots) at ts, 0 <= ts < TS_END. */
static inline int64_t store_rowid_of(int64_t ts, uint64_t slot)
{
    return ts << STORE_ROWID_SLOT_BITS | (int64_t)(slot & (uint64_t)(STORE_ROWID_SLOTS - 1));
}

/* The time of an event from its rowid. */
static inline int64_t store_rowid_ts(int64_t rowid)
{
    return rowid >> STORE_ROWID_SLOT_BITS;
}

/* The lowest rowid of an event at ts or later (any ts). */
static inline int64_t store_rowid_first(int64_t ts)
{
    if (ts <= 0) return 0;
    return ts >= STORE_ROWID_TS_END ? INT64_MAX : ts << STORE_ROWID_SLOT_BITS;
}

/* The highest rowid of an event at ts or earlier (any ts; -1: none). */
static inline int64_t store_rowid_last(int64_t ts)
{
    if (ts < 0) return -1;
    return ts >= STORE_ROWID_TS_END ? INT64_MAX : store_rowid_of(ts, ~(uint64_t)0);
}
#endif
