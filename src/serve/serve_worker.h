/* serve_worker — what each of the server's threads keeps for itself: its
 * own connection to the store (a store handle is used by one thread at a
 * time) and the pseudonym maps of the accounts it served lately. A map
 * is made again when the store changed since (store_staff_stamp: an
 * ingest beside the server added staff, an unmasking was decided) or
 * SERVE_MAP_MAX_AGE_MS passed (an approval expired). */
#ifndef WACHTER_SERVE_WORKER_H
#define WACHTER_SERVE_WORKER_H
#include <stdint.h>

#include "priv/pkey.h"
#include "priv/pseudonym.h"
#include "score/risk.h"
#include "store/store.h"

#define SERVE_MAP_MAX_AGE_MS (60 * 1000)

typedef struct serve_workers serve_workers;
typedef struct serve_worker serve_worker;

/* The workers of a server whose store is at db, pseudonyms under key
 * (copied). NULL when out of memory. Owned: serve_workers_free, after
 * every thread that used one has ended. */
serve_workers *serve_workers_new(const char *db, const pkey *key);
void serve_workers_free(serve_workers *ws);
/* The calling thread's worker, its store opened on first use. 0 with *w,
 * or -1 with e (the store cannot be opened). */
int serve_worker_get(serve_workers *ws, serve_worker **w, werr *e);
store *serve_worker_store(serve_worker *w);
/* The pseudonym map account sees (staff by pseudonym but the identities
 * its approved unmaskings show; account NULL: staff all by pseudonym),
 * borrowed until the next call on w. 0 with *m, or -1 with e. */
int serve_worker_map(serve_worker *w, const char *account, pseud_map **m, werr *e);
/* The risk list (risk_rank as of the newest event), one for all the
 * workers, kept until the store's staff or alerts change
 * (store_staff_stamp, store_risk_stamp) or SERVE_MAP_MAX_AGE_MS passes.
 * On 0 the list is the caller's to read until serve_worker_risk_done
 * (other threads may read it too; none makes it anew meanwhile); -1 with
 * e (nothing to release). */
int serve_worker_risk(serve_worker *w, const risk_row **rows, size_t *n, werr *e);
void serve_worker_risk_done(serve_worker *w);
/* One thread at a time appends to the audit trail: between these two. */
void serve_worker_audit_lock(serve_worker *w);
void serve_worker_audit_unlock(serve_worker *w);
/* Makes the risk list now, on the calling thread's own worker (a server
 * about to listen); what fails is left for the first page that asks. */
void serve_workers_warm(serve_workers *ws);
#endif
