/* store_purge — deleting what is past retention, so that it is gone from
 * the store's file (ops/ops_purge.h says what is held and why). */
#ifndef WACHTER_STORE_PURGE_H
#define WACHTER_STORE_PURGE_H
#include <stdint.h>

#include "store/store.h"
#include "util/werr.h"

/* For each kind, the time (epoch ms) before which its records go, or
 * STORE_PURGE_KEEP: kept (no retention set). */
#define STORE_PURGE_KEEP INT64_MIN
typedef struct store_purge_cut {
    int64_t events, quarantine, alerts, cases;
    int64_t now; /* a case closed at or after now, or not closed, is open */
} store_purge_cut;

typedef struct store_purge_counts {
    int64_t events, events_held;
    int64_t quarantine;
    int64_t alerts, alerts_held;
    int64_t cases, cases_held; /* distinct case ids */
} store_purge_counts;

/* Deletes, in one transaction: alerts before cut->alerts (with the events
 * and actors they name), except an alert about a subject of an open case;
 * events before cut->events, except one an alert names (by id), one about
 * a subject of an open case and one stating an open case; closed cases
 * (every row of the case id closed before cut->cases) with their
 * assignments, except a case a stored event is about (one of its subjects)
 * or states; and quarantined lines quarantined before cut->quarantine
 * (the audit trail, a file of its own, is ops_audit_purge's). The
 * postings of events are built again without the deleted ones. With
 * dry_run the transaction is rolled back: the counts say what would go.
 * Otherwise, when anything went, the file is rewritten (VACUUM, with
 * secure_delete on) and the write-ahead log emptied into it, so that no
 * deleted record's bytes remain in the file or beside it. Returns 0 with
 * *out, or -1 with e set (nothing deleted, unless only the rewrite failed:
 * then e says so). */
int store_purge(store *s, const store_purge_cut *cut, int dry_run, store_purge_counts *out,
                werr *e);

#endif
