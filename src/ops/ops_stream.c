#include "ops/ops_stream.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ops/ops_retention.h"
#include "ops/ops_rules.h"
#include "pipeline/ingest_feed.h"
#include "store/store_lock.h"
#include "stream/stream_nats.h"

/* Messages one fetch takes at most, and how long a fetch waits for the
 * first (ms; shared between a worker's consumers): while nothing is
 * waiting to be committed, and while something is (a round that brings
 * nothing commits it: the stream is drained for now). */
enum { FETCH_MAX = 1000, FETCH_WAIT_MS = 200, FETCH_WAIT_PENDING_MS = 20 };

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

typedef struct worker {
    stream_conn *c;
    stream_sub *subs[STREAM_MAX_PARTITIONS];
    int nsubs;
    refdata *ref;
    rule_conf *conf;
    det_engine *d;
    ingest_feed *feed;
    size_t bytes; /* the messages' bytes */
} worker;

static int subs_open(worker *w, const ops_stream_opts *o, werr *e)
{
    char durable[160], filter[256];
    if (!o->share || !o->share->n) {
        snprintf(filter, sizeof filter, "%s.*", o->prefix);
        return stream_sub_open(w->c, o->stream, o->durable, filter, &w->subs[w->nsubs++], e);
    }
    for (unsigned p = 0; p < o->share->n; p++) {
        if (!o->share->own[p]) continue;
        snprintf(durable, sizeof durable, "%s-p%u", o->durable, p);
        if (stream_subject(filter, sizeof filter, o->prefix, p) < 0)
            return werr_set(e, WERR_INPUT, "subject prefix too long");
        if (stream_sub_open(w->c, o->stream, durable, filter, &w->subs[w->nsubs], e) < 0) return -1;
        w->nsubs++;
    }
    return 0;
}

static int ack_all(worker *w, werr *e)
{
    for (int i = 0; i < w->nsubs; i++)
        if (stream_sub_ack(w->subs[i], e) < 0) return -1;
    return 0;
}

/* Whether every consumer of the worker has delivered everything and had
 * it acknowledged (0 also when the cluster does not answer). */
static int all_taken(worker *w)
{
    for (int i = 0; i < w->nsubs; i++) {
        uint64_t n;
        if (stream_sub_pending(w->subs[i], &n) < 0 || n) return 0;
    }
    return 1;
}

/* One round over the worker's consumers: what came fed to the pipeline.
 * Returns the messages taken, or -1 with e. */
static long round_once(worker *w, int wait_ms, werr *e)
{
    long got = 0;
    for (int i = 0; i < w->nsubs; i++) {
        int n = stream_sub_fetch(w->subs[i], FETCH_MAX, wait_ms, e);
        if (n < 0) return -1;
        for (int k = 0; k < n; k++) {
            const char *data;
            size_t len;
            uint64_t seq;
            stream_sub_msg(w->subs[i], k, &data, &len, &seq);
            if (ingest_feed_line(w->feed, data, len, (long)seq, e) < 0) return -1;
            w->bytes += len;
        }
        stream_sub_done(w->subs[i]);
        got += n;
    }
    return got;
}

int ops_ingest_stream(store *s, const ops_stream_opts *o, const ops_notes *notes, ingest_stats *out,
                      werr *e)
{
    worker w = {0};
    int rc = -1;
    double t0 = now_s();
    char source[128], what[200];
    memset(out, 0, sizeof *out);
    snprintf(source, sizeof source, "%s%s", OPS_STREAM_SOURCE_PREFIX, o->stream);
    snprintf(what, sizeof what, "ingest %s", source);
    if (store_writer_begin(s, what, e) < 0) return -1;
    if (stream_connect(o->servers, "wachter ingest", &w.c, e) < 0) goto done;
    if (subs_open(&w, o, e) < 0) goto done;
    if (ops_refdata(s, o->threads, notes, &w.ref, e) < 0) goto done;
    if (ops_rules_conf(s, notes, &w.conf, e) < 0 || det_new_conf(w.ref, s, w.conf, &w.d, e) < 0)
        goto done;
    const char *const *msg;
    for (size_t i = 0, n = det_notes(w.d, &msg); i < n; i++)
        ops_note(notes, "%s", msg[i]);
    ingest_opts io = {.source = source,
                      .store_events = 1,
                      .on_bad = o->on_bad,
                      .on_bad_ctx = o->on_bad_ctx,
                      .analyse_every = 60.0,
                      .kind = "json"};
    if (ops_minimise_get(s, &io.drop, e) < 0) goto done;
    if (ingest_feed_open(s, w.d, &io, out, &w.feed, e) < 0) goto done;
    int wait_idle = FETCH_WAIT_MS / w.nsubs > 5 ? FETCH_WAIT_MS / w.nsubs : 5;
    int wait_pending = FETCH_WAIT_PENDING_MS / w.nsubs > 2 ? FETCH_WAIT_PENDING_MS / w.nsubs : 2;
    long pending = 0;
    double first = 0, idle_since = now_s();
    while (!(o->stop && o->stop(o->stop_ctx))) {
        long got = round_once(&w, pending ? wait_pending : wait_idle, e);
        if (got < 0) goto done;
        double now = now_s();
        if (got) {
            idle_since = now;
            if (!pending) first = now;
            pending += got;
        }
        if (pending && (pending >= o->batch || !got || now - first >= o->commit_after)) {
            /* Committed first, acknowledged after: a crash between the two
             * brings the messages again, as duplicates. */
            if (ingest_feed_commit(w.feed, e) < 0 || ack_all(&w, e) < 0) goto done;
            pending = 0;
        }
        if (!got && o->until_idle > 0 && now - idle_since >= o->until_idle) {
            /* Idle only when the stream has nothing more for this worker
             * (not while its cluster elects a leader). */
            if (all_taken(&w)) break;
            idle_since = now;
        }
    }
    ingest_feed *f = w.feed;
    w.feed = NULL;
    if (ingest_feed_close(f, e) < 0 || ack_all(&w, e) < 0) goto done;
    rc = 0;
done:
    ingest_feed_abort(w.feed);
    for (int i = 0; i < w.nsubs; i++)
        stream_sub_free(w.subs[i]);
    stream_close(w.c);
    det_free(w.d);
    rule_conf_free(w.conf);
    refdata_free(w.ref);
    store_writer_end(s);
    out->elapsed = now_s() - t0;
    out->bytes = w.bytes;
    return rc;
}
