#include "ops/ops_receive.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "input/otlp_json.h"
#include "ops/ops_retention.h"
#include "ops/ops_rules.h"
#include "pipeline/ingest_feed.h"
#include "normalise/event.h"
#include "store/store_events.h"
#include "store/store_lock.h"
#include "store/store_otlp.h"
#include "util/arena.h"
#include "util/buf.h"
#include "util/strmap.h"

struct ops_receiver {
    store *s;
    refdata *ref;
    rule_conf *conf;
    det_engine *d;
    ingest_feed *feed;
    ingest_stats st;
    ops_notes notes;
    int64_t wait_ms, started;
    strmap *unknown; /* activities told to be missing from the register */
    arena *a;        /* one request's records */
    buf ev, rec;     /* scratch: an event's line, a waiting record */
    long events;     /* event lines fed, numbering them for the quarantine */
};

static void receiver_free(ops_receiver *r)
{
    det_free(r->d);
    rule_conf_free(r->conf);
    refdata_free(r->ref);
    strmap_free(r->unknown);
    arena_free(r->a);
    buf_free(&r->ev);
    buf_free(&r->rec);
    store_writer_end(r->s);
    free(r);
}

int ops_receive_open(store *s, int64_t wait_ms, int64_t started, const ops_notes *notes,
                     ops_receiver **out, werr *e)
{
    ops_receiver *r = calloc(1, sizeof *r);
    if (!r) return werr_set(e, WERR_INTERNAL, "out of memory");
    r->s = s;
    r->wait_ms = wait_ms;
    r->started = started;
    if (notes) r->notes = *notes;
    if (store_writer_begin(s, "receive", e) < 0) {
        free(r);
        return -1;
    }
    if (!(r->unknown = strmap_new()) || !(r->a = arena_new(1 << 16))) {
        werr_set(e, WERR_INTERNAL, "out of memory");
        goto fail;
    }
    if (ops_refdata(s, 1, notes, &r->ref, e) < 0 || ops_rules_conf(s, notes, &r->conf, e) < 0 ||
        det_new_conf(r->ref, s, r->conf, &r->d, e) < 0)
        goto fail;
    const char *const *msg;
    for (size_t i = 0, n = det_notes(r->d, &msg); i < n; i++)
        ops_note(notes, "%s", msg[i]);
    ingest_opts o = {.source = OPS_RECEIVE_SOURCE, .analyse_every = 60.0};
    if (ops_minimise_get(s, &o.drop, e) < 0 ||
        ingest_feed_open(s, r->d, &o, &r->st, &r->feed, e) < 0)
        goto fail;
    *out = r;
    return 0;
fail:
    receiver_free(r);
    return -1;
}

static int store_failed(ops_receiver *r, werr *e)
{
    return werr_set(e, WERR_UNAVAILABLE, "store error: %s", store_errmsg(r->s));
}

/* The purpose of span's activity into out: its name in the register, else
 * its id (told once). 0 or -1 with e. */
static int purpose_of(ops_receiver *r, const otlp_rec *span, buf *out, werr *e)
{
    int found = store_activity_name(r->s, span->activity, out);
    if (found < 0) return store_failed(r, e);
    if (found) return 0;
    size_t before = strmap_count(r->unknown);
    uint32_t id;
    if (strmap_intern(r->unknown, span->activity, strlen(span->activity), &id) < 0)
        return werr_set(e, WERR_INTERNAL, "out of memory");
    if (strmap_count(r->unknown) > before)
        ops_note(&r->notes,
                 "processing activity %s is not in the register (activities.csv): its id is the"
                 " events' purpose",
                 span->activity);
    return buf_puts(out, span->activity) < 0 ? werr_set(e, WERR_INTERNAL, "out of memory") : 0;
}

/* The event of span done by user, fed to the pipeline. 0 or -1 with e. */
static int feed_event(ops_receiver *r, const otlp_rec *span, const char *user, ops_received *res,
                      werr *e)
{
    buf purpose = {0};
    buf_reset(&r->ev);
    int rc = purpose_of(r, span, &purpose, e);
    if (rc == 0 && otlp_event_json(span, user, purpose.data ? purpose.data : "", &r->ev) < 0)
        rc = werr_set(e, WERR_INTERNAL, "out of memory");
    buf_free(&purpose);
    if (rc < 0) return -1;
    if (ingest_feed_line(r->feed, r->ev.data, r->ev.len, ++r->events, e) < 0) return -1;
    res->events++;
    return 0;
}

static void note_error(ops_received *res, const char *what, long n, const char *why)
{
    res->rejected++;
    if (!res->error[0]) snprintf(res->error, sizeof res->error, "%s %ld: %s", what, n, why);
}

/* Whether span's event is stored already (*yes). 0 or -1 with e. */
static int span_stored(ops_receiver *r, const otlp_rec *span, int *yes, werr *e)
{
    char id[64];
    snprintf(id, sizeof id, "%s:%s", span->trace, span->op);
    ev_event ev = {.id = id, .ts = span->ts, .system = span->system, .results = -1};
    ev.actor = ev.action = ev.subject = ev.subject_type = ev.case_id = ev.purpose = ev.query =
        ev.client = ev.attrs = "";
    if (ev_finish(&ev, r->a) < 0) return werr_set(e, WERR_INTERNAL, "out of memory");
    return store_event_stored(r->s, &ev, yes) < 0 ? store_failed(r, e) : 0;
}

/* rec (a good record of kind k) joined with its waiting other half, or
 * made to wait. 0 or -1 with e. */
static int join(ops_receiver *r, store_otlp_kind k, const otlp_rec *rec, int64_t now,
                ops_received *res, werr *e)
{
    store_otlp_kind other = k == STORE_OTLP_SPAN ? STORE_OTLP_AUDIT : STORE_OTLP_SPAN;
    buf_reset(&r->rec);
    int found = store_otlp_take(r->s, other, rec->trace, rec->op, &r->rec);
    if (found < 0) return store_failed(r, e);
    /* A span that names its user needs no audit record (one sent for it
     * anyway is taken with it). */
    if (k == STORE_OTLP_SPAN && *rec->user) return feed_event(r, rec, rec->user, res, e);
    if (!found && k == STORE_OTLP_SPAN) {
        /* A span sent again after it was joined (its sender had no answer
         * in time) is stored already: it waits for nothing. */
        int stored = 0;
        if (span_stored(r, rec, &stored, e) < 0) return -1;
        if (stored) {
            res->duplicates++;
            return 0;
        }
    }
    if (!found) {
        buf_reset(&r->rec);
        if (otlp_rec_json(rec, &r->rec) < 0) return werr_set(e, WERR_INTERNAL, "out of memory");
        if (store_otlp_wait(r->s, k, rec->trace, rec->op, now, r->rec.data, rec->raw, rec->nraw) <
            0)
            return store_failed(r, e);
        res->waiting++;
        return 0;
    }
    otlp_rec half;
    if (otlp_decode_record(r->rec.data, r->rec.len, other == STORE_OTLP_AUDIT, r->a, &half) < 0)
        return werr_set(e, WERR_INTERNAL, "a waiting record is unreadable: %s", half.why);
    return k == STORE_OTLP_SPAN ? feed_event(r, rec, half.user, res, e)
                                : feed_event(r, &half, rec->user, res, e);
}

int ops_receive_traces(ops_receiver *r, const char *body, size_t n, int64_t now, ops_received *res,
                       werr *e)
{
    memset(res, 0, sizeof *res);
    arena_reset(r->a);
    otlp_rec *recs;
    size_t nrec;
    const char *why = NULL;
    if (otlp_decode_traces(body, n, r->a, &recs, &nrec, &why) < 0) {
        if (strcmp(why, "out of memory") == 0) return werr_set(e, WERR_INTERNAL, "out of memory");
        /* Nothing is lost: the body itself is kept. */
        if (ingest_feed_bad(r->feed, NULL, 0, why, body, n, e) < 0) return -1;
        return werr_set(e, WERR_INPUT, "%s", why);
    }
    for (size_t i = 0; i < nrec; i++) {
        otlp_rec *rec = &recs[i];
        res->records++;
        if (rec->why) {
            note_error(res, "span", (long)i + 1, rec->why);
            if (ingest_feed_bad(r->feed, NULL, (long)i + 1, rec->why, rec->raw, rec->nraw, e) < 0)
                return -1;
        } else if (join(r, STORE_OTLP_SPAN, rec, now, res, e) < 0) {
            return -1;
        }
    }
    return 0;
}

int ops_receive_audit(ops_receiver *r, const char *body, size_t n, int64_t now, ops_received *res,
                      werr *e)
{
    memset(res, 0, sizeof *res);
    arena_reset(r->a);
    long lineno = 0;
    for (size_t at = 0; at < n;) {
        const char *nl = memchr(body + at, '\n', n - at);
        size_t end = nl ? (size_t)(nl - body) : n, len = end - at;
        const char *line = body + at;
        at = end + 1;
        lineno++;
        if (len && line[len - 1] == '\r') len--;
        if (len == 0) continue;
        otlp_rec rec;
        res->records++;
        if (otlp_decode_record(line, len, 1, r->a, &rec) < 0) {
            note_error(res, "line", lineno, rec.why);
            if (ingest_feed_bad(r->feed, OPS_RECEIVE_AUDIT_SOURCE, lineno, rec.why, line, len, e) <
                0)
                return -1;
        } else if (join(r, STORE_OTLP_AUDIT, &rec, now, res, e) < 0) {
            return -1;
        }
    }
    return 0;
}

typedef struct expiry {
    ops_receiver *r;
    werr *e;
} expiry;

static int expired(const store_otlp_expired *x, void *ctx)
{
    expiry *ex = ctx;
    char why[256];
    long long s = (long long)(ex->r->wait_ms / 1000);
    if (x->kind == STORE_OTLP_SPAN)
        snprintf(why, sizeof why,
                 "processing record without an audit record after %lld s: trace %s operation %s", s,
                 x->trace, x->op);
    else
        snprintf(why, sizeof why,
                 "audit record without a processing record after %lld s: trace %s operation %s", s,
                 x->trace, x->op);
    return ingest_feed_bad(
        ex->r->feed, x->kind == STORE_OTLP_SPAN ? OPS_RECEIVE_SOURCE : OPS_RECEIVE_AUDIT_SOURCE, 0,
        why, x->raw, x->nraw, ex->e);
}

long ops_receive_expire(ops_receiver *r, int64_t now, werr *e)
{
    if (now - r->started < r->wait_ms) return 0;
    expiry ex = {r, e};
    werr_clear(e);
    long n = store_otlp_expire(r->s, now - r->wait_ms, expired, &ex);
    if (n < 0 && !e->code) store_failed(r, e);
    return n;
}

int ops_receive_commit(ops_receiver *r, werr *e)
{
    return ingest_feed_commit(r->feed, e);
}

int ops_receive_close(ops_receiver *r, ingest_stats *st, werr *e)
{
    ingest_feed *f = r->feed;
    r->feed = NULL;
    int rc = ingest_feed_close(f, e);
    *st = r->st;
    receiver_free(r);
    return rc;
}

void ops_receive_abort(ops_receiver *r)
{
    if (!r) return;
    ingest_feed_abort(r->feed);
    receiver_free(r);
}
