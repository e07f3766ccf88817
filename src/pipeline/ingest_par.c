/* ingest_par — the ingest in chunks. The reader splits lines and parses
 * them into chunks whose arena owns every string, and looks their subjects,
 * cases and actors up in groups; the sink then takes the chunks in order,
 * fetching what detection reads a few events ahead. With two threads the
 * reader is thread A and the calling thread runs the sink; when events are
 * stored, detection runs in a third thread (detw) over each chunk once it
 * is stored, and catches up before every commit. Only the chunk queue and
 * detw's queue are shared between the threads. With one thread the calling
 * thread does the same steps in turn, so the events, their order and the
 * alerts are the same. */
#include <pthread.h>
#include <string.h>

#include "input/ev_parse.h"
#include "input/evconv.h"
#include "input/lines.h"
#include "normalise/minimise.h"
#include "pipeline/chunkq.h"
#include "pipeline/detw.h"
#include "pipeline/ingest_int.h"
#include "util/cpus.h"

enum {
    NCHUNKS = 6,            /* chunks in flight: bounds memory and read-ahead */
    CHUNK_LINES = 4096,     /* items per chunk */
    CHUNK_BYTES = 2u << 20, /* input bytes per chunk, so a chunk's arena stays bounded */
};

typedef struct reader {
    lines *l; /* used only by the reader thread until it is joined */
    chunkq *q;
    const refdata *ref; /* read only: its subjects, never its actors */
    strmap *actors;     /* a copy of its actor map (refdata_actor_index), or NULL */
    long lineno;
    int stream;    /* hand a chunk over when the input pauses, not only when full */
    int no_wait;   /* one thread, a commit due: not even an empty chunk waits */
    unsigned drop; /* fields dropped at ingest (normalise/minimise.h) */
    evconv *conv;  /* a CSV or syslog source (o->conv), or NULL: JSON Lines */
} reader;

/* Parsed events whose look-ups wait for a group to fill: looked up
 * DET_PREPARE_MANY at a time (the look-ups' memory waits overlap) while
 * their strings are still in the cache. */
typedef struct group {
    const ev_event *evs[DET_PREPARE_MANY];
    det_prep *out[DET_PREPARE_MANY];
    size_t n;
} group;

static void group_flush(const reader *r, group *g)
{
    if (g->n) det_prepare_many(r->ref, r->actors, g->evs, g->out, g->n);
    g->n = 0;
}

static void group_add(const reader *r, group *g, chunk_item *it)
{
    g->evs[g->n] = &it->ev;
    g->out[g->n++] = &it->prep;
    if (g->n == DET_PREPARE_MANY) group_flush(r, g);
}

/* The next item into *it: 1 with it (it->why set when bad; *line and *len
 * its raw bytes), 0 at the end, -1 on a read error, 2 when no whole line
 * (record) has come yet, 3 for a blank line. */
static int next_item(reader *r, chunk *c, chunk_item *it, const char **line, size_t *len)
{
    int too_long, rc;
    if (r->conv) { /* a CSV or syslog record, converted and parsed (input/evconv.h) */
        rc = evconv_next(r->conv, r->l, c->a, &it->ev, line, len, &it->lineno, &it->why);
        if (rc == 1) r->lineno = it->lineno;
    } else if ((rc = lines_next(r->l, line, len, &r->lineno, &too_long)) == 1) {
        if (*len == 0 && !too_long) return 3; /* blank lines carry nothing */
        it->lineno = r->lineno;
        it->why = NULL;
        if (too_long)
            it->why = "line longer than 65536 bytes";
        else if (ev_parse(*line, *len, c->a, &it->ev, &it->why) == 0)
            it->why = NULL;
    }
    if (rc == 1 && !it->why && r->drop) minimise_event(&it->ev, r->drop);
    return rc;
}

/* fill()'s loop; parsed events go into g. */
static int fill_lines(reader *r, chunk *c, group *g)
{
    const char *line;
    size_t len;
    int rc;
    for (;;) {
        /* A stream's lines are stored and detected as they come: when the
         * input pauses, what the chunk holds goes on. */
        lines_nowait(r->l, r->stream && (c->n || r->no_wait));
        chunk_item *it = &c->items[c->n];
        if ((rc = next_item(r, c, it, &line, &len)) == 2) return CHUNK_MORE;
        if (rc == 3) continue;
        if (rc != 1) break;
        if (chunkq_aborted(r->q)) return CHUNK_MORE; /* the consumer gave up: stop early */
        if (it->why) {
            /* The line buffer is reused by the next read: keep a copy. */
            char *raw = arena_alloc(c->a, len ? len : 1);
            if (!raw) return CHUNK_ENOMEM;
            memcpy(raw, line, len);
            it->raw = raw;
            it->rawlen = len;
        } else {
            group_add(r, g, it);
        }
        c->n++;
        c->bytes += len;
        if (c->n == c->cap || c->bytes >= CHUNK_BYTES) return CHUNK_MORE;
    }
    return rc < 0 ? CHUNK_EREAD : CHUNK_END;
}

/* Reads and parses lines into c until it is full or the input ends, and
 * looks up what the sink need not (det_prepare_many). Returns CHUNK_MORE
 * when full (or the consumer aborted), or CHUNK_END / EREAD / ENOMEM. */
static int fill(reader *r, chunk *c)
{
    group g = {.n = 0};
    int st = fill_lines(r, c, &g);
    group_flush(r, &g);
    return st;
}

/* Fills and pushes one chunk. Returns its status, or CHUNK_END
 * once the consumer aborted (nothing pushed). */
static int read_chunk(reader *r)
{
    chunk *c = chunkq_take(r->q);
    if (!c) return CHUNK_END;
    int st = fill(r, c);
    c->status = st;
    c->lineno = r->lineno;
    chunkq_push(r->q, c);
    return st;
}

/* Thread A: fills chunks until the input ends or the consumer aborts. The
 * last chunk pushed carries the status; after an abort, the chunk being
 * filled is still pushed (the consumer ignores it) and the thread ends.
 * It works on a copy of the reader on its own stack: the caller's sits
 * beside the sink, whose counters the other thread writes for every line,
 * and reading r->l and r->q from that cache line cost the reader about a
 * tenth of its time. */
static void *read_main(void *p)
{
    reader mine = *(const reader *)p;
    cpus_name_thread("wachter-read");
    while (read_chunk(&mine) == CHUNK_MORE)
        continue;
    return NULL;
}

/* Stores the events of items i and on in one go when the next
 * STORE_PUT_MANY items are all events and the sink may group them, setting
 * their fresh flags. Returns the index after the items it stored (i when
 * none), or -1 on a store error. */
static long store_ahead(ingest_sink *k, chunk *c, size_t i)
{
    if (!sink_can_group(k) || i + STORE_PUT_MANY > c->n) return (long)i;
    const ev_event *evs[STORE_PUT_MANY];
    int fresh[STORE_PUT_MANY];
    for (size_t j = 0; j < STORE_PUT_MANY; j++) {
        if (c->items[i + j].why) return (long)i;
        evs[j] = &c->items[i + j].ev;
    }
    if (sink_store_many(k, evs, STORE_PUT_MANY, fresh) < 0) return -1;
    for (size_t j = 0; j < STORE_PUT_MANY; j++)
        c->items[i + j].fresh = fresh[j];
    return (long)(i + STORE_PUT_MANY);
}

/* Runs the sink over one chunk's items. 0, or -1 on a sink error. */
static int drain(ingest_sink *k, chunk *c, ingest_stats *out)
{
    long stored = 0; /* items below it are stored already */
    for (size_t i = 0; i < c->n; i++) {
        chunk_item *it = &c->items[i];
        chunk_ahead(c, k->d, k->t, i, c->n, 0);
        out->read++;
        if (!it->why && (long)i >= stored && (stored = store_ahead(k, c, i)) < 0) return -1;
        int rc = it->why            ? sink_bad(k, it->lineno, it->why, it->raw, it->rawlen)
                 : (long)i < stored ? sink_event_stored(k, &it->ev, &it->prep, it->fresh)
                                    : sink_event(k, &it->ev, &it->prep);
        if (rc < 0 || sink_line_done(k) < 0) return -1;
    }
    return 0;
}

/* Storing: stores c's items and hands them, stored, to the detection
 * thread, which recycles c. At the end of a batch detection catches up
 * first, so that the batch commits with what it learned. 0 or -1. */
static int drain_stored(ingest_sink *k, detw *w, chunk *c, ingest_stats *out)
{
    size_t from = 0;
    long stored = 0; /* items below it are stored already */
    for (size_t i = 0; i < c->n; i++) {
        chunk_item *it = &c->items[i];
        out->read++;
        if (!it->why && (long)i >= stored && (stored = store_ahead(k, c, i)) < 0) return -1;
        int rc = it->why            ? sink_bad(k, it->lineno, it->why, it->raw, it->rawlen)
                 : (long)i < stored ? 0
                                    : sink_store(k, &it->ev, &it->fresh);
        if (rc < 0) return -1;
        if (sink_batch_full(k)) {
            detw_give(w, c, from, i + 1, 0);
            from = i + 1;
            if (detw_wait(w, k->e) < 0) return -1;
        }
        if (sink_line_done(k) < 0) return -1;
    }
    detw_give(w, c, from, c->n, 1);
    return 0;
}

/* Commits the batch under way before it is full, once detection (in w's
 * thread, if any) has caught up. 0 or -1. */
static int commit_early(ingest_sink *k, detw *w)
{
    if (w && detw_wait(w, k->e) < 0) return -1;
    return sink_commit(k);
}

/* Consumes the next chunk: 1 when more follow, 0 at the end of input, -1
 * on any error (reported). With w, detection runs in w's thread. A batch
 * that is due (sink_due) commits after the chunk, or while waiting for one. */
static int consume(ingest_sink *k, detw *w, chunkq *q, const ingest_opts *o, ingest_stats *out)
{
    chunk *c = chunkq_pop(q, sink_due(k));
    if (!c) return commit_early(k, w) < 0 ? -1 : 1; /* the input paused past the due time */
    int st = c->status;
    long lineno = c->lineno;
    int rc;
    if (w) {
        rc = drain_stored(k, w, c, out);
    } else {
        rc = drain(k, c, out);
        chunkq_recycle(q, c);
    }
    if (rc < 0) return -1;
    double due = sink_due(k);
    if (st == CHUNK_MORE) return due > 0 && ingest_now() >= due && commit_early(k, w) < 0 ? -1 : 1;
    if (st == CHUNK_EREAD) werr_set(k->e, WERR_UNAVAILABLE, "read error after line %ld", lineno);
    if (st == CHUNK_ENOMEM) werr_set(k->e, WERR_INTERNAL, "out of memory after line %ld", lineno);
    if (w && detw_wait(w, k->e) < 0) return -1;
    return st == CHUNK_END ? 0 : -1;
}

/* Milliseconds from now to t (seconds, as ingest_now()), rounded up; 0 if past. */
static int ms_until(double t)
{
    double ms = (t - ingest_now()) * 1000;
    return ms > 0 ? (int)ms + 1 : 0;
}

/* One thread: reads a chunk, then consumes it. A commit that falls due
 * while it waits for input is made (the reader then returns what it has,
 * even nothing, rather than wait on). 0 or -1 as consume. */
static int run_serial(ingest_sink *k, reader *r, const ingest_opts *o, ingest_stats *out)
{
    int rc;
    do {
        double due = sink_due(k);
        if (due > 0 && !lines_wait(r->l, ms_until(due)) && commit_early(k, NULL) < 0) return -1;
        r->no_wait = sink_due(k) > 0;
        read_chunk(r);
    } while ((rc = consume(k, NULL, r->q, o, out)) == 1);
    return rc;
}

/* Two threads: the reader thread is running; this one consumes (and,
 * storing, starts the detection thread). 0 or -1 as consume. */
static int run_threads(ingest_sink *k, reader *r, const ingest_opts *o, ingest_stats *out)
{
    /* Storing, detection gets a thread of its own (without one, it runs
     * here as in detect-only mode). */
    detw *w = k->use_store ? detw_start(k->d, k->t, r->q, out) : NULL;
    int rc;
    while ((rc = consume(k, w, r->q, o, out)) == 1)
        continue;
    if (detw_stop(w, k->e) < 0) rc = -1; /* joined: d is this thread's again */
    return rc;
}

int ingest_chunked(store *s, det_engine *d, FILE *in, const ingest_opts *o, int threads,
                   ingest_stats *out, werr *e)
{
    double t0 = ingest_now();
    ingest_sink k;
    /* Without the copy of the actor map (out of memory), detection finds
     * the actors itself. One thread fills and drains one chunk at a time. */
    reader r = {lines_new(in, EV_MAX_LINE),
                chunkq_new(threads >= 2 ? NCHUNKS : 1, CHUNK_LINES),
                det_refdata(d),
                refdata_actor_index(det_refdata(d)),
                0,
                o->commit_after > 0,
                0,
                o->drop,
                o->conv};
    pthread_t th;
    int started = 0, rc = -1;
    if (!r.l || !r.q) {
        werr_set(e, WERR_INTERNAL, "out of memory");
        goto done;
    }
    /* A CSV source's header is read here, before any thread: a mapping
     * that does not fit it stops the ingest before anything is stored. */
    if (r.conv && evconv_start(r.conv, r.l, e) < 0) goto done;
    if (threads >= 2) {
        if (pthread_create(&th, NULL, read_main, &r) != 0) {
            werr_set(e, WERR_UNAVAILABLE, "cannot start a thread");
            goto done;
        }
        started = 1;
    }
    int ok = sink_open(&k, s, d, o, out, e) == 0;
    if (ok && (started ? run_threads(&k, &r, o, out) : run_serial(&k, &r, o, out)) < 0) ok = 0;
    if (ok && sink_close(&k) == 0) {
        rc = 0;
    } else {
        sink_abort(&k);
        chunkq_abort(r.q); /* a reader waiting for a chunk returns */
    }
done:
    if (started) pthread_join(th, NULL);
    if (rc == 0) {
        out->bytes = lines_bytes(r.l);
        out->elapsed = ingest_now() - t0;
    } else {
        werr_set(e, WERR_INTERNAL, "ingest failed"); /* unless told why already */
        werr_wrap(e, "%s: ", o->source);
    }
    chunkq_free(r.q);
    lines_free(r.l);
    strmap_free(r.actors);
    return rc;
}
