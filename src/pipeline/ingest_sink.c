/* ingest_sink — the store and detection half of an ingest: what happens to
 * each read line, in input order, whichever thread parsed it. */
#include <string.h>
#include <time.h>

#include "pipeline/ingest_int.h"
#include "store/store_metrics.h"
#include "store/store_events.h"
#include "store/store_journal.h"

static int64_t wall_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_REALTIME, &t);
    return (int64_t)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

/* A store error (unless a more precise failure is told already). -1 */
static int dberr(ingest_sink *k)
{
    return werr_set(k->e, WERR_UNAVAILABLE, "store error: %s", k->s ? store_errmsg(k->s) : "");
}

static int oom(ingest_sink *k)
{
    return werr_set(k->e, WERR_INTERNAL, "out of memory");
}

int sink_open(ingest_sink *k, store *s, det_engine *d, const ingest_opts *o, ingest_stats *st,
              werr *e)
{
    *k = (ingest_sink){.s = s,
                       .d = d,
                       .o = o,
                       .st = st,
                       .e = e,
                       .use_store = s && o->store_events,
                       .analysed_at = ingest_now()};
    if (k->use_store && !(k->t = store_tally_new())) return oom(k);
    if (k->use_store && store_events_ingest_begin(s) < 0) {
        k->use_store = 0;
        return dberr(k);
    }
    if (k->use_store && o->bulk && (k->bulk = store_journal_bulk(s)) < 0) {
        k->use_store = k->bulk = 0;
        return dberr(k);
    }
    if (k->use_store && store_begin(s) < 0) {
        k->use_store = 0; /* nothing to roll back */
        return dberr(k);
    }
    return 0;
}

/* Detect-only keeps bad lines too: the first of a batch opens a
 * transaction, which commits with the batch's alerts. 0 or -1. */
static int open_for_bad(ingest_sink *k)
{
    if (k->use_store || k->bad_in_tx) return 0;
    if (store_begin(k->s) < 0) return -1;
    k->bad_in_tx = 1;
    return 0;
}

int sink_bad(ingest_sink *k, long lineno, const char *why, const char *line, size_t len)
{
    int inserted = 1;
    if (k->s && (open_for_bad(k) < 0 || store_put_quarantine(k->s, k->o->source, lineno, why, line,
                                                             len, wall_ms(), &inserted) < 0))
        return dberr(k);
    k->st->quarantined++;
    k->q_new += inserted;
    if (k->o->on_bad && inserted) k->o->on_bad(k->o->source, lineno, why, k->o->on_bad_ctx);
    return 0;
}

/* Counts a stored (or, not storing, passed) event. */
static void count(ingest_sink *k, int fresh)
{
    if (fresh)
        k->st->stored += k->use_store;
    else
        k->st->duplicates++;
}

int sink_store(ingest_sink *k, const ev_event *ev, int *fresh)
{
    *fresh = 1;
    if (k->use_store && store_put_event(k->s, ev, fresh) < 0) return dberr(k);
    count(k, *fresh);
    return 0;
}

int sink_can_group(const ingest_sink *k)
{
    return k->use_store && k->in_batch + STORE_PUT_MANY < k->o->batch;
}

int sink_store_many(ingest_sink *k, const ev_event *const *evs, size_t n, int *fresh)
{
    if (store_put_events(k->s, evs, n, fresh) < 0) return dberr(k);
    for (size_t i = 0; i < n; i++)
        count(k, fresh[i]);
    return 0;
}

int sink_event_stored(ingest_sink *k, const ev_event *ev, const det_prep *p, int fresh)
{
    if (!fresh) return 0;
    k->st->detected++;
    return sink_learn(k->t, k->d, ev, p, k->e);
}

int sink_event(ingest_sink *k, const ev_event *ev, const det_prep *p)
{
    int fresh;
    if (sink_store(k, ev, &fresh) < 0) return -1;
    return sink_event_stored(k, ev, p, fresh);
}

int sink_learn(store_tally *t, det_engine *d, const ev_event *ev, const det_prep *p, werr *e)
{
    if (!t) return det_feed_prepared(d, ev, p, e);
    det_prep q = *p;
    if ((q.actor = det_actor(d, ev, p)) == REF_NONE)
        return werr_set(e, WERR_INTERNAL, "out of memory detecting");
    const char *name = refdata_actor(det_refdata(d), q.actor)->name;
    if (store_tally_note(t, q.actor, name, ev->ts, ev->subject) < 0 ||
        store_tally_use(t, q.actor, name, ev->system, ev->action, ev->ts) < 0)
        return werr_set(e, WERR_INTERNAL, "out of memory counting look-ups");
    return det_feed_prepared(d, ev, &q, e);
}

int sink_batch_full(const ingest_sink *k)
{
    return k->in_batch + 1 >= k->o->batch;
}

/* The store's counters (store_metrics.h) learn what the batch stored and
 * quarantined anew. 0 or -1. */
static int count_commit(ingest_sink *k)
{
    int64_t events = k->st->stored - k->stored_before;
    if (store_metrics_add(k->s, events, k->q_new, k->o->kind, wall_ms()) < 0) return -1;
    k->stored_before = k->st->stored;
    k->q_new = 0;
    return 0;
}

/* Detect only: the batch's alerts and bad lines are kept (a transaction
 * of their own), its events and what detection learned from them are not. */
static int commit_alerts(ingest_sink *k)
{
    if (!k->s) return det_save_alerts(k->d, NULL, k->e) < 0 ? dberr(k) : 0;
    if (!k->bad_in_tx && store_begin(k->s) < 0) return dberr(k);
    k->bad_in_tx = 0;
    if (det_save_alerts(k->d, k->s, k->e) < 0 || count_commit(k) < 0 || store_commit(k->s) < 0) {
        dberr(k);
        store_rollback(k->s);
        return -1;
    }
    return 0;
}

/* Commits what the batch stored together with what detection learned and
 * the look-up tallies investigations read; last: the ingest's final
 * commit. */
static int commit(ingest_sink *k, int last)
{
    if (!k->use_store) return commit_alerts(k);
    if (det_save(k->d, k->s, k->e) < 0 || store_tally_flush(k->t, k->s, last) < 0 ||
        count_commit(k) < 0 || store_commit(k->s) < 0)
        return dberr(k);
    return 0;
}

int sink_commit(ingest_sink *k)
{
    if (k->unanalysed && ingest_now() - k->analysed_at >= k->o->analyse_every) {
        if (det_flush(k->d, k->e) < 0) return -1;
        k->analysed_at = ingest_now();
        k->unanalysed = 0;
    }
    if (commit(k, 0) < 0) return -1;
    if (k->use_store && store_begin(k->s) < 0) {
        k->use_store = 0; /* the batch was committed: nothing to roll back */
        return dberr(k);
    }
    k->in_batch = 0;
    return 0;
}

int sink_line_done(ingest_sink *k)
{
    if (k->in_batch++ == 0 && k->o->commit_after > 0) k->first_at = ingest_now();
    if (k->o->analyse_every > 0) k->unanalysed = 1;
    if (k->in_batch < k->o->batch) return 0;
    return sink_commit(k) < 0 ? -1 : 1;
}

double sink_due(const ingest_sink *k)
{
    double due = k->in_batch && k->o->commit_after > 0 ? k->first_at + k->o->commit_after : 0;
    if (k->unanalysed) {
        double analyses = k->analysed_at + k->o->analyse_every;
        if (!due || analyses < due) due = analyses;
    }
    return due;
}

/* After the last commit: the store's journal as analysts read it. 0 or -1. */
static int back_to_shared(ingest_sink *k)
{
    if (!k->bulk) return 0;
    k->bulk = 0;
    return store_journal_open(k->s) < 0 ? dberr(k) : 0;
}

int sink_close(ingest_sink *k)
{
    if (det_flush(k->d, k->e) < 0) return -1;
    if (commit(k, 1) < 0) return -1;
    k->st->alerts = det_alerts_new(k->d);
    store_tally_free(k->t);
    k->t = NULL;
    return back_to_shared(k);
}

void sink_abort(ingest_sink *k)
{
    if (k->use_store || k->bad_in_tx) store_rollback(k->s);
    k->bad_in_tx = 0;
    back_to_shared(k);
    store_tally_free(k->t);
    k->t = NULL;
}
