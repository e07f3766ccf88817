/* The screening reports' API (README "Screening"): GET screening/due
 * ?days=&unit=&at=, screening/unscreened?unit=&at=, screening/negative
 * ?unit=&at=. Each parses, calls one operation (ops/ops_screening.h) and
 * renders through emit/emit_screening.h. The server has checked the
 * session and the route's action before a handler runs. */
#include <stdlib.h>
#include <string.h>

#include "emit/emit_screening.h"
#include "input/refload.h"
#include "ops/ops_screening.h"
#include "serve/serve_api.h"

typedef struct rows_ctx {
    buf *b;
    emit_screen_report k;
    long n;
    int rc;
} rows_ctx;

static int row(void *ctx, const ops_screen_row *r)
{
    rows_ctx *c = ctx;
    c->rc |= emit_screening_sep(c->b, c->n) | emit_screening_row(c->b, EMIT_JSONL, c->k, r);
    c->n++;
    return c->rc ? -1 : 0;
}

/* The query's at= and days= into q (q->at judged as ops_screening_at
 * says). 0, or -1 with e. */
static int query(serve_req *r, ops_screen_query *q, werr *e)
{
    const char *at = serve_query(r, "at"), *days = serve_query(r, "days"),
               *unit = serve_query(r, "unit");
    long long ms = 0;
    q->days = OPS_SCREEN_DAYS;
    q->unit = unit;
    if (at && *at && refload_time(at, 0, &ms) != 1)
        return werr_set(e, WERR_INPUT,
                        "--at '%.40s' is not a time (2027-01-01, RFC 3339 or epoch ms)", at);
    if (days && *days) {
        char *end;
        long long v = strtoll(days, &end, 10);
        if (*end || v < 1 || v > OPS_SCREEN_DAYS_MAX)
            return werr_set(e, WERR_INPUT, "--days takes a whole number from 1 to %d, not '%.20s'",
                            OPS_SCREEN_DAYS_MAX, days);
        q->days = v;
    }
    return ops_screening_at(r->store, ms, &q->at, e);
}

static int report(serve_req *r, serve_resp *out, emit_screen_report k)
{
    werr e = {0};
    ops_screen_query q;
    if (query(r, &q, &e) < 0) return serve_fail(out, &e);
    buf b = {0};
    rows_ctx c = {&b, k, 0, emit_screening_api_head(&b, k, q.at, q.days)};
    int rc = k == EMIT_SCREEN_DUE          ? ops_screening_due(r->store, &q, row, &c, &e)
             : k == EMIT_SCREEN_UNSCREENED ? ops_screening_unscreened(r->store, &q, row, &c, &e)
                                           : ops_screening_negative(r->store, &q, row, &c, &e);
    if (rc < 0 && e.code) {
        buf_free(&b);
        return serve_fail(out, &e);
    }
    c.rc |= emit_screening_api_tail(&b);
    if (rc || c.rc) {
        buf_free(&b);
        werr_set(&e, WERR_INTERNAL, "out of memory");
        serve_fail(out, &e);
        return -1;
    }
    return serve_ok(out, 200, &b);
}

static int get_due(serve_req *r, serve_resp *out)
{
    return report(r, out, EMIT_SCREEN_DUE);
}

static int get_unscreened(serve_req *r, serve_resp *out)
{
    return report(r, out, EMIT_SCREEN_UNSCREENED);
}

static int get_negative(serve_req *r, serve_resp *out)
{
    return report(r, out, EMIT_SCREEN_NEGATIVE);
}

static const serve_route routes[] = {
    {"GET", "screening/due", "screening due", get_due},
    {"GET", "screening/unscreened", "screening unscreened", get_unscreened},
    {"GET", "screening/negative", "screening negative", get_negative},
};

const serve_route *serve_routes_screening(size_t *n)
{
    *n = sizeof routes / sizeof *routes;
    return routes;
}
