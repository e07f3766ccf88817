/* detw — the detection thread of a storing two-thread ingest. The thread
 * that stores hands it ranges of each chunk's items once they are stored
 * (knowing which were new); it runs detection on the new ones, in order,
 * while the storing thread goes on with the next items. Before each commit
 * the storing thread waits for it to catch up, so that a batch's events
 * and what detection learned from them still commit together. Private to
 * src/pipeline. */
#ifndef WACHTER_DETW_H
#define WACHTER_DETW_H
#include "pipeline/chunkq.h"
#include "pipeline/ingest.h"
#include "store/store_tally.h"

typedef struct detw detw;

/* Starts the thread over d and t (borrowed; only this thread touches them
 * until detw_wait returns): each new event is noted in the look-up tallies
 * t, then detected. Chunks handed with recycle go back to q. Counts
 * detected events into st->detected. Returns NULL when out of resources. */
detw *detw_start(det_engine *d, store_tally *t, chunkq *q, ingest_stats *st);
/* Hands items [from, to) of c (stored; item.fresh set). With recycle, c
 * is returned to the pool once done: the caller gives it up. Blocks only
 * while the thread has a full queue. */
void detw_give(detw *w, chunk *c, size_t from, size_t to, int recycle);
/* Waits until everything handed is done. 0, or -1 with e once a
 * det_feed_prepared or a tally failed (out of memory). */
int detw_wait(detw *w, werr *e);
/* Finishes what was handed, ends the thread and frees w. 0 or -1 as
 * detw_wait. NULL is fine. */
int detw_stop(detw *w, werr *e);
#endif
