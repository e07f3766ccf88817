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
    int64_t events, quarantine, alerts, cases, audit;
    int64_t now; /* a case closed at or after now, or not closed, is open */
} store_purge_cut;

typedef struct store_purge_counts {
    int64_t events, events_held;
    int64_t quarantine;
    int64_t alerts, alerts_held;
    int64_t cases, cases_held; /* distinct case ids */
    int64_t audit;
} store_purge_counts;

/* Deletes, in one transaction: alerts before cut->alerts (with the events
 * and actors they name), except an alert about a subject of an open case;
 * events before cut->events, except one an alert names (by id), one about
 * a subject of an open case and one stating an open case; closed cases
 * (every row of the case id closed before cut->cases) with their
 * assignments, except a case a stored event is about (one of its subjects)
 * or states; quarantined lines quarantined before cut->quarantine; and
 * the audit trail's part before cut->audit (store_purge_audit). The
 * postings of events are built again without the deleted ones. With
 * dry_run the transaction is rolled back: the counts say what would go.
 * Otherwise, when anything went, the file is rewritten (VACUUM, with
 * secure_delete on) and the write-ahead log emptied into it, so that no
 * deleted record's bytes remain in the file or beside it. Returns 0 with
 * *out, or -1 with e set (nothing deleted, unless only the rewrite failed:
 * then e says so). */
int store_purge(store *s, const store_purge_cut *cut, int dry_run, store_purge_counts *out,
                werr *e);

/* THE AUDIT TRAIL'S HOOK (for the integrator, issue 34): deletes the audit
 * trail's entries before cut (epoch ms) inside the purge's open
 * transaction, *deleted their number, keeping the trail verifiable (its
 * own part's business: an anchor for the first kept entry). Until the
 * audit trail exists this deletes nothing. 0, or -1 (store_errmsg). In
 * store_purge_audit.c. */
int store_purge_audit(store *s, int64_t cut, int64_t *deleted);
#endif
