#include "pipeline/ingest.h"

#include <string.h>
#include <time.h>

#include "input/ev_parse.h"
#include "input/lines.h"
#include "store/store_events.h"
#include "store/store_tally.h"
#include "util/arena.h"

static double now_s(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static int64_t wall_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_REALTIME, &t);
    return (int64_t)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

static int quarantine(store *s, const ingest_opts *o, long lineno, const char *why,
                      const char *line, size_t len, ingest_stats *st)
{
    int inserted = 1;
    if (s && o->store_events &&
        store_put_quarantine(s, o->source, lineno, why, line, len, wall_ms(), &inserted) < 0)
        return -1;
    st->quarantined++;
    if (o->errs && inserted) fprintf(o->errs, "%s:%ld: quarantined: %s\n", o->source, lineno, why);
    return 0;
}

/* Commits what the batch stored together with what detection learned and
 * the look-up tallies investigations read. */
static int commit(store *s, det_engine *d, store_tally *t, const ingest_opts *o)
{
    if (!s || !o->store_events) return det_save(d, NULL);
    if (det_save(d, s) < 0 || store_tally_flush(t, s) < 0 || store_commit(s) < 0) return -1;
    return 0;
}

int ingest_stream(store *s, det_engine *d, FILE *in, const ingest_opts *o, ingest_stats *out)
{
    memset(out, 0, sizeof *out);
    double t0 = now_s();
    int use_store = s && o->store_events;
    lines *l = lines_new(in, EV_MAX_LINE);
    arena *a = arena_new(1 << 20);
    store_tally *t = use_store ? store_tally_new() : NULL;
    if (!l || !a || (use_store && !t)) goto fail;
    if (use_store && store_begin(s) < 0) goto dberr;
    long in_batch = 0;
    const char *line;
    size_t len;
    long lineno;
    int too_long, rc;
    while ((rc = lines_next(l, &line, &len, &lineno, &too_long)) == 1) {
        if (len == 0 && !too_long) continue; /* blank lines carry nothing */
        out->read++;
        ev_event ev;
        const char *why = NULL;
        if (too_long) why = "line longer than 65536 bytes";
        else if (ev_parse(line, len, a, &ev, &why) == 0) why = NULL;
        if (why) {
            if (quarantine(s, o, lineno, why, line, len, out) < 0) goto dberr;
        } else {
            int inserted = 1;
            if (use_store && store_put_event(s, &ev, &inserted) < 0) goto dberr;
            if (!inserted) {
                out->duplicates++;
            } else {
                out->stored += use_store;
                out->detected++;
                if (t && store_tally_note(t, ev.actor, ev.ts, ev.subject) < 0) goto fail;
                if (det_feed(d, &ev) < 0) goto fail;
            }
        }
        if (++in_batch >= o->batch) {
            if (commit(s, d, t, o) < 0 || (use_store && store_begin(s) < 0)) goto dberr;
            in_batch = 0;
            arena_reset(a);
        }
    }
    if (rc < 0) {
        if (o->errs) fprintf(o->errs, "%s: read error after line %ld\n", o->source, lineno);
        goto fail;
    }
    det_flush(d);
    if (commit(s, d, t, o) < 0) goto dberr;
    out->alerts = det_alerts_new(d);
    out->bytes = lines_bytes(l);
    out->elapsed = now_s() - t0;
    lines_free(l);
    arena_free(a);
    store_tally_free(t);
    return 0;
dberr:
    if (o->errs) fprintf(o->errs, "%s: store error: %s\n", o->source, s ? store_errmsg(s) : "");
fail:
    if (use_store) store_rollback(s);
    lines_free(l);
    arena_free(a);
    store_tally_free(t);
    return -1;
}
