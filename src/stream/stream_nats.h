/* stream_nats — wachter's use of NATS JetStream (through nats_lib.h): a
 * connection to a cluster, the stream (created when absent), publishing
 * with the broker's acknowledgement, and durable pull consumers whose
 * messages are acknowledged by the caller once it has committed them.
 * Nothing here knows the store. One thread uses a connection. */
#ifndef WACHTER_STREAM_NATS_H
#define WACHTER_STREAM_NATS_H
#include <stddef.h>
#include <stdint.h>

#include "stream/stream_part.h"
#include "util/werr.h"

/* How long connecting, and each JetStream request, may take (ms): a
 * server that does not answer is an error, never a hang. */
enum { STREAM_CONNECT_MS = 3000, STREAM_REQUEST_MS = 5000 };

typedef struct stream_conn stream_conn;

/* Connects to the first server of sv that answers (the others are
 * reconnected to when it goes), with JetStream. 0 with *out, or -1 with
 * e: WERR_UNAVAILABLE naming the servers when none answers. */
int stream_connect(const stream_servers *sv, const char *client_name, stream_conn **out, werr *e);
/* Closes the connection (flushing acknowledgements); NULL: nothing. */
void stream_close(stream_conn *c);

/* Makes sure stream name exists and takes subjects "prefix.*": created
 * with file storage and replicas (0: 3 when the cluster has three or more
 * servers, else 1) when absent. *created tells which. 0, or -1 with e. */
int stream_ensure(stream_conn *c, const char *name, const char *prefix, int replicas, int *created,
                  werr *e);
/* The stream's last sequence (0: empty) into *last. 0, or -1 with e
 * (WERR_NOT_FOUND: no such stream). */
int stream_last_seq(stream_conn *c, const char *name, uint64_t *last, werr *e);

/* Publishing: messages go out in windows of up to `window`; a window is
 * done when the stream acknowledged every message in it, each sent again
 * (same message id: the stream drops a second copy) until it is or
 * timeout_ms pass without progress. */
typedef struct stream_pub stream_pub;
typedef struct stream_pub_stats {
    long published, duplicates, resent;
} stream_pub_stats;
int stream_pub_open(stream_conn *c, int window, int timeout_ms, stream_pub **out, werr *e);
/* Adds one message (copied); publishes the window when it is full. 0, or
 * -1 with e. */
int stream_pub_add(stream_pub *p, const char *subject, const char *msg_id, const char *data,
                   size_t n, werr *e);
/* Publishes what is left and waits for its acknowledgements. 0 or -1. */
int stream_pub_flush(stream_pub *p, werr *e);
const stream_pub_stats *stream_pub_stats_of(const stream_pub *p);
void stream_pub_free(stream_pub *p);

/* A durable pull consumer `durable` on stream over filter (a subject).
 * Created when absent; when it exists with messages delivered and not
 * acknowledged (a worker that was killed), it is made again from its
 * acknowledgement floor, so that they come again at once and in order. */
typedef struct stream_sub stream_sub;
int stream_sub_open(stream_conn *c, const char *stream, const char *durable, const char *filter,
                    stream_sub **out, werr *e);
/* Fetches up to max messages, waiting up to wait_ms for the first. Returns
 * how many (0: none came), or -1 with e. They are read with
 * stream_sub_msg until the next fetch. */
int stream_sub_fetch(stream_sub *s, int max, int wait_ms, werr *e);
/* Message i of the last fetch: its data and stream sequence. */
void stream_sub_msg(const stream_sub *s, int i, const char **data, size_t *n, uint64_t *seq);
/* Marks every message of the last fetch as processed (not yet
 * acknowledged) and lets them go. */
void stream_sub_done(stream_sub *s);
/* Acknowledges every message marked processed (the consumer acknowledges
 * all up to the last). 0, or -1 with e. */
int stream_sub_ack(stream_sub *s, werr *e);
/* Messages of the consumer's subject in the stream beyond what it had
 * acknowledged (*n). 0, or -1 when the cluster does not answer now. */
int stream_sub_pending(stream_sub *s, uint64_t *n);
void stream_sub_free(stream_sub *s);
#endif
