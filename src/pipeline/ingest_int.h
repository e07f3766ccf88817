/* ingest_int — what both ingest paths share: the sink that takes each read
 * line's outcome, in input order, and does the store and detection work
 * (quarantine, deduplicated store, tally, detection, batch commits). The
 * ingest in chunks drives it on one thread or two, so both do the same work
 * in the same order. Private to src/pipeline. */
#ifndef WACHTER_INGEST_INT_H
#define WACHTER_INGEST_INT_H
#include "normalise/event.h"
#include "pipeline/ingest.h"
#include "store/store_events.h"
#include "store/store_tally.h"

typedef struct ingest_sink {
    store *s;      /* borrowed; NULL or unused in detect-only mode */
    det_engine *d; /* borrowed */
    const ingest_opts *o;
    ingest_stats *st; /* borrowed; counts are added here */
    werr *e;          /* borrowed; the first failure, without o->source */
    store_tally *t;   /* owned; NULL unless events are stored */
    int use_store;
    int bulk;           /* the store writes through its rollback journal (o->bulk) */
    int bad_in_tx;      /* detect-only: bad lines wait in an open transaction */
    long in_batch;      /* read lines since the last commit */
    double first_at;    /* with o->commit_after: when the batch's first line was done */
    double analysed_at; /* with o->analyse_every: when det_flush last ran */
    int unanalysed;     /* with o->analyse_every: lines were done since then */
    long stored_before; /* st->stored at the last commit */
    long q_new;         /* lines quarantined anew since the last commit */
} ingest_sink;

/* Sets up k (the tally, the first transaction); every sink_* call's
 * failure is told in e. 0, or -1 with e. On -1, sink_abort(k) is still to
 * be called. */
int sink_open(ingest_sink *k, store *s, det_engine *d, const ingest_opts *o, ingest_stats *st,
              werr *e);
/* A bad line: counts and records it in the quarantine, detect-only too
 * (raw bytes borrowed for the call). 0 or -1. */
int sink_bad(ingest_sink *k, long lineno, const char *why, const char *line, size_t len);
/* A parsed event (borrowed for the call): store, tally, detect. p: from
 * det_prepare_many() for ev. 0 or -1. */
int sink_event(ingest_sink *k, const ev_event *ev, const det_prep *p);
/* sink_event without the tally and the detection: *fresh is 0 for a
 * duplicate, else the caller is to run sink_learn on ev (counting it in
 * st->detected) before the batch commits. */
int sink_store(ingest_sink *k, const ev_event *ev, int *fresh);
/* 1 when the next STORE_PUT_MANY lines may be stored at once: events are
 * stored and none of those lines ends the batch (a commit must not take
 * events that detection has not seen yet). */
int sink_can_group(const ingest_sink *k);
/* sink_store for the events of the next n lines at once (store_put_events:
 * STORE_PUT_MANY is the fast case): fresh[i] for evs[i]. 0 or -1. */
int sink_store_many(ingest_sink *k, const ev_event *const *evs, size_t n, int *fresh);
/* sink_event for an event that sink_store_many has stored (fresh as it
 * said): the tally and detection. 0 or -1. */
int sink_event_stored(ingest_sink *k, const ev_event *ev, const det_prep *p, int fresh);
/* What a new event, once stored, teaches: noted in the look-up tallies t
 * (NULL when not storing), then detected (p as for sink_event). Whichever
 * thread runs it owns t and d meanwhile. 0, or -1 with e (out of memory). */
int sink_learn(store_tally *t, det_engine *d, const ev_event *ev, const det_prep *p, werr *e);
/* 1 when the next sink_line_done commits. */
int sink_batch_full(const ingest_sink *k);
/* Called once after each read line: commits when the batch is full.
 * Returns 1 when it committed (event memory may be reused), 0, or -1. */
int sink_line_done(ingest_sink *k);
/* Commits the batch under way now, before it is full (first the
 * whole-population analyses, when o->analyse_every says they are due).
 * 0 or -1. */
int sink_commit(ingest_sink *k);
/* When the next commit is due at the latest (seconds, as ingest_now()):
 * o->commit_after after the first line of the batch under way, or, with
 * lines not yet analysed, o->analyse_every after the last analyses. 0 when
 * none is (only a full batch commits). */
double sink_due(const ingest_sink *k);
/* End of input: whole-population analyses and the last commit; frees k's
 * own memory. 0, or -1 (then call sink_abort). */
int sink_close(ingest_sink *k);
/* After an error: rolls back the batch under way and frees k's memory. */
void sink_abort(ingest_sink *k);

/* ingest_stream() in chunks (ingest_par.c), on threads (1, or 2 and more:
 * a reader thread splits and parses, the calling thread runs the sink).
 * Same contract as ingest_stream. */
int ingest_chunked(store *s, det_engine *d, FILE *in, const ingest_opts *o, int threads,
                   ingest_stats *out, werr *e);
/* Seconds on a monotonic clock. */
double ingest_now(void);
#endif
