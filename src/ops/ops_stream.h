/* ops_stream — `ingest --from nats://...`: a worker that consumes a NATS
 * JetStream stream with durable pull consumers (one per partition it owns,
 * or one over the whole stream) and feeds every message through the
 * ingest's pipeline (pipeline/ingest_feed.h: the same parsing,
 * quarantine, deduplication by event id and detection as `ingest -`). A
 * message is acknowledged only after the commit that holds its event and
 * what detection learned from it; a worker that dies before gets its
 * messages again (they are duplicates by their event ids). The store is
 * reached only through the store interface and the pipeline. */
#ifndef WACHTER_OPS_STREAM_H
#define WACHTER_OPS_STREAM_H
#include "ops/ops.h"
#include "pipeline/ingest.h"
#include "store/store.h"
#include "stream/stream_part.h"
#include "util/werr.h"

typedef struct ops_stream_opts {
    const stream_servers *servers;
    const char *stream;        /* the stream's name */
    const char *prefix;        /* its subjects PREFIX.P */
    const char *durable;       /* consumers' name: this, or this-pN per partition N */
    const stream_share *share; /* the partitions this worker owns; n 0: the whole stream */
    long batch;                /* events per commit at most */
    double commit_after;       /* seconds after a batch's first event it commits */
    double until_idle;         /* > 0: stop once no message came for this long */
    int (*stop)(void *ctx);    /* asked between fetches: non-zero to stop */
    void *stop_ctx;
    ingest_bad_fn on_bad; /* a quarantined message: source nats:STREAM, its sequence */
    void *on_bad_ctx;
    int threads; /* loading the reference data */
} ops_stream_opts;

/* The quarantine's source for a stream's messages: "nats:" and its name. */
#define OPS_STREAM_SOURCE_PREFIX "nats:"

/* Consumes until o->stop says or the stream stays empty o->until_idle
 * seconds, as the store's one writer (store_lock.h) for the whole run.
 * Counts into *out (read: messages taken). 0, or -1 with e (the servers
 * unreachable, no such stream, a store failure: what was committed is
 * acknowledged, the rest comes again to the next worker). */
int ops_ingest_stream(store *s, const ops_stream_opts *o, const ops_notes *notes, ingest_stats *out,
                      werr *e);
#endif
