#include "ops/ops_publish.h"

#include <inttypes.h>
#include <string.h>
#include <time.h>

#include "input/ev_parse.h"
#include "input/lines.h"
#include "stream/stream_nats.h"
#include "util/arena.h"

/* Messages in flight before the publisher waits for their
 * acknowledgements, and how long it waits without any before it gives up
 * (a cluster electing a new leader takes a few seconds). */
enum { PUBLISH_WINDOW = 2000, PUBLISH_TIMEOUT_MS = 60000 };

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

int ops_publish(FILE *in, const ops_publish_opts *o, ops_published *out, werr *e)
{
    memset(out, 0, sizeof *out);
    double t0 = now_s();
    stream_conn *c = NULL;
    stream_pub *p = NULL;
    lines *l = NULL;
    arena *a = NULL;
    int rc = -1;
    if (stream_connect(o->servers, "wachter publish", &c, e) < 0 ||
        stream_ensure(c, o->stream, o->prefix, o->replicas, &out->created, e) < 0 ||
        stream_pub_open(c, PUBLISH_WINDOW, PUBLISH_TIMEOUT_MS, &p, e) < 0)
        goto done;
    if (!(l = lines_new(in, EV_MAX_LINE)) || !(a = arena_new(1 << 16))) {
        werr_set(e, WERR_INTERNAL, "out of memory");
        goto done;
    }
    const char *line;
    size_t len;
    long lineno = 0;
    int too_long, r;
    char subject[256], id[24];
    long queued = 0;
    for (;;) {
        /* From a pipe: what came is published before waiting for more. */
        if (queued && !lines_wait(l, 0)) {
            if (stream_pub_flush(p, e) < 0) goto done;
            queued = 0;
        }
        if ((r = lines_next(l, &line, &len, &lineno, &too_long)) != 1) break;
        if (len == 0 && !too_long) continue;
        out->read++;
        ev_event ev;
        const char *why = NULL;
        if (too_long)
            why = "event longer than 65536 bytes";
        else if (ev_parse(line, len, a, &ev, &why) < 0 && !why)
            why = "not an event";
        if (why) {
            out->bad++;
            if (o->on_bad) o->on_bad(o->source, lineno, why, o->on_bad_ctx);
            arena_reset(a);
            continue;
        }
        unsigned part = stream_partition(ev.actor, strlen(ev.actor), o->partitions);
        snprintf(id, sizeof id, "%016" PRIx64, ev.key);
        if (stream_subject(subject, sizeof subject, o->prefix, part) < 0) {
            werr_set(e, WERR_INPUT, "subject prefix too long");
            goto done;
        }
        if (stream_pub_add(p, subject, id, line, len, e) < 0) goto done;
        queued++;
        arena_reset(a);
    }
    if (r < 0) {
        werr_set(e, WERR_UNAVAILABLE, "%s: read error after line %ld", o->source, lineno);
        goto done;
    }
    if (stream_pub_flush(p, e) < 0) goto done;
    rc = 0;
done:
    if (p) {
        const stream_pub_stats *st = stream_pub_stats_of(p);
        out->published = st->published;
        out->duplicates = st->duplicates;
        out->resent = st->resent;
    }
    stream_pub_free(p);
    stream_close(c);
    lines_free(l);
    arena_free(a);
    out->elapsed = now_s() - t0;
    return rc;
}
