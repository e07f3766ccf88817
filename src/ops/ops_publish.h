/* ops_publish — `publish`: JSON Lines events onto a NATS JetStream
 * stream, each to subject PREFIX.P with P its actor's partition
 * (stream/stream_part.h) and its dedupe key as the message id, so that
 * the stream drops a line published twice within its duplicate window.
 * A line that is not an event is reported (o->on_bad, as ingest's
 * quarantine is) and not published. Every message counted as published
 * was acknowledged by the stream (stored on its replicas). */
#ifndef WACHTER_OPS_PUBLISH_H
#define WACHTER_OPS_PUBLISH_H
#include <stdio.h>

#include "ops/ops.h"
#include "pipeline/ingest.h"
#include "stream/stream_part.h"
#include "util/werr.h"

typedef struct ops_publish_opts {
    const stream_servers *servers;
    const char *stream;   /* the stream's name */
    const char *prefix;   /* subjects PREFIX.P (default: the stream's name) */
    unsigned partitions;  /* P is hash(actor) mod this (1 to 1024) */
    int replicas;         /* when the stream is made: 0 = 3 in a cluster of three or more, else 1 */
    const char *source;   /* the input's name for reports: the file, or "stdin" */
    ingest_bad_fn on_bad; /* a line that is not an event; may be NULL */
    void *on_bad_ctx;
} ops_publish_opts;

typedef struct ops_published {
    long read, published, duplicates, bad;
    long resent; /* messages sent again for want of an acknowledgement */
    int created; /* the stream was made by this run */
    double elapsed;
} ops_published;

/* Publishes every line of in. 0 with *out, or -1 with e (a read error,
 * the servers unreachable: WERR_UNAVAILABLE naming them, or no
 * acknowledgement in time). */
int ops_publish(FILE *in, const ops_publish_opts *o, ops_published *out, werr *e);
#endif
