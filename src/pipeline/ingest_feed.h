/* ingest_feed — the ingest's pipeline (parse, normalise, quarantine,
 * deduplicated store, detection) for events that arrive in memory, one at
 * a time, with the commit when the caller says: a receiver acknowledges
 * what it received once the commit holding it is done (ops_receive.h).
 * The same sink as ingest_stream's (ingest_int.h), so the same events
 * raise the same alerts as the same lines in JSON Lines. */
#ifndef WACHTER_INGEST_FEED_H
#define WACHTER_INGEST_FEED_H
#include <stddef.h>

#include "detect/detect.h"
#include "pipeline/ingest.h"
#include "store/store.h"
#include "util/werr.h"

typedef struct ingest_feed ingest_feed;

/* Starts a feed over s and d (borrowed until close or abort) with o's
 * source, drop and analyse_every (its batch and commit_after are not
 * used: the caller commits); counts go to *st. A transaction is open from
 * here on: whatever else the caller writes to s meanwhile commits with
 * the feed's events. Returns 0 with *out, or -1 with e. */
int ingest_feed_open(store *s, det_engine *d, const ingest_opts *o, ingest_stats *st,
                     ingest_feed **out, werr *e);
/* One canonical event as a JSON line (line[0..len), no newline): stored
 * and detected, or quarantined under the feed's source at lineno with the
 * parser's reason. 0, or -1 with e (store or memory). */
int ingest_feed_line(ingest_feed *f, const char *line, size_t len, long lineno, werr *e);
/* A record that is not an event: quarantined under source (the feed's
 * when NULL) at lineno, why, with its raw bytes. 0 or -1 with e. */
int ingest_feed_bad(ingest_feed *f, const char *source, long lineno, const char *why,
                    const char *raw, size_t n, werr *e);
/* Commits what was fed (events, their detection, and the caller's own
 * writes since the last commit), and opens the next transaction. 0, or -1
 * with e (then abort the feed). */
int ingest_feed_commit(ingest_feed *f, werr *e);
/* The last commit (after the whole-population analyses); frees f. 0, or
 * -1 with e (f is freed either way, the batch under way rolled back). */
int ingest_feed_close(ingest_feed *f, werr *e);
/* Rolls back what was not committed and frees f (NULL: nothing). */
void ingest_feed_abort(ingest_feed *f);
#endif
