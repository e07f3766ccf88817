#include "pipeline/ingest_feed.h"

#include <stdlib.h>

#include "input/ev_parse.h"
#include "normalise/minimise.h"
#include "pipeline/ingest_int.h"
#include "util/arena.h"

/* The most a feed does between commits is bounded by its caller; the
 * sink's own batch never ends one. */
#define FEED_BATCH 1000000000L

struct ingest_feed {
    ingest_opts o; /* the sink reads it through k.o */
    ingest_sink k;
    arena *a; /* the events since the last commit: the sink borrows them until then */
    werr se;  /* the sink's errors */
    int open;
};

int ingest_feed_open(store *s, det_engine *d, const ingest_opts *o, ingest_stats *st,
                     ingest_feed **out, werr *e)
{
    ingest_feed *f = calloc(1, sizeof *f);
    if (!f || !(f->a = arena_new(1 << 16))) {
        free(f);
        return werr_set(e, WERR_INTERNAL, "out of memory");
    }
    f->o = *o;
    f->o.store_events = 1;
    f->o.batch = FEED_BATCH;
    f->o.commit_after = 0;
    f->o.bulk = 0;
    if (sink_open(&f->k, s, d, &f->o, st, &f->se) < 0) {
        *e = f->se;
        sink_abort(&f->k);
        arena_free(f->a);
        free(f);
        return -1;
    }
    f->open = 1;
    *out = f;
    return 0;
}

static int sink_failed(ingest_feed *f, werr *e)
{
    if (!f->se.code) werr_set(&f->se, WERR_INTERNAL, "ingest failed");
    *e = f->se;
    return -1;
}

int ingest_feed_line(ingest_feed *f, const char *line, size_t len, long lineno, werr *e)
{
    ev_event ev;
    const char *why = NULL;
    if (len > EV_MAX_LINE)
        return ingest_feed_bad(f, NULL, lineno, "event longer than 65536 bytes", line, len, e);
    if (ev_parse(line, len, f->a, &ev, &why) < 0)
        return ingest_feed_bad(f, NULL, lineno, why ? why : "not an event", line, len, e);
    if (f->o.drop) minimise_event(&ev, f->o.drop);
    det_prep p;
    const ev_event *evs[1] = {&ev};
    det_prep *ps[1] = {&p};
    det_prepare_many(det_refdata(f->k.d), NULL, evs, ps, 1);
    f->k.st->read++;
    if (sink_event(&f->k, &ev, &p) < 0 || sink_line_done(&f->k) < 0) return sink_failed(f, e);
    return 0;
}

int ingest_feed_bad(ingest_feed *f, const char *source, long lineno, const char *why,
                    const char *raw, size_t n, werr *e)
{
    const char *own = f->o.source;
    if (source) f->o.source = source;
    f->k.st->read++;
    int rc = sink_bad(&f->k, lineno, why, raw, n);
    f->o.source = own;
    if (rc < 0 || sink_line_done(&f->k) < 0) return sink_failed(f, e);
    return 0;
}

int ingest_feed_commit(ingest_feed *f, werr *e)
{
    if (sink_commit(&f->k) < 0) return sink_failed(f, e);
    arena_reset(f->a);
    return 0;
}

int ingest_feed_close(ingest_feed *f, werr *e)
{
    int rc = 0;
    if (sink_close(&f->k) < 0) {
        rc = sink_failed(f, e);
        sink_abort(&f->k);
    }
    f->open = 0;
    arena_free(f->a);
    free(f);
    return rc;
}

void ingest_feed_abort(ingest_feed *f)
{
    if (!f) return;
    if (f->open) sink_abort(&f->k);
    arena_free(f->a);
    free(f);
}
