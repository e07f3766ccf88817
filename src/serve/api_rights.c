/* api_rights — the authorisation reports under /api/v1/rights (docs/api.md
 * "Authorisation reports"): GET rights (one person's or all rights held),
 * rights/unused, rights/leavers, rights/movers, rights/conflicts. Each
 * handler parses the query, calls ops_rights_report as `wachter rights`
 * does and renders through emit/: {"report","at","time","days","count",
 * "rights":[the CLI's jsonl rows]}. The server has checked the role
 * (the routes' actions are the CLI's) and records the call. */
#include <stdlib.h>
#include <string.h>

#include "emit/emit_rights.h"
#include "ops/ops_rights.h"
#include "serve/serve_api.h"

/* The query's days= (the unused report's), 0 when absent. 0, or -1 with e. */
static int days_of(const serve_req *r, long *days, werr *e)
{
    const char *s = serve_query(r, "days");
    *days = 0;
    if (!s || !*s) return 0;
    char *end;
    long v = strtol(s, &end, 10);
    if (*end || v < 1 || v > OPS_RIGHTS_DAYS_MAX)
        return werr_set(e, WERR_INPUT, "days takes a whole number from 1 to %d, not '%.40s'",
                        OPS_RIGHTS_DAYS_MAX, s);
    *days = v;
    return 0;
}

static int report(serve_req *r, serve_resp *out, store_rights_kind kind)
{
    werr e = {0};
    ops_rights_opts o = {.kind = kind,
                         .at = serve_query(r, "at"),
                         .system = serve_query(r, "system"),
                         .unit = serve_query(r, "unit")};
    const char *actor = serve_query(r, "actor");
    if ((kind == STORE_RIGHTS_UNUSED && days_of(r, &o.days, &e) < 0) ||
        (actor && *actor && serve_actor_arg(r, actor, &o.actor, &e) < 0))
        return serve_fail(out, &e);
    ops_rights_result res;
    if (ops_rights_report(r->store, &o, &res, &e) < 0) return serve_fail(out, &e);
    buf lines = {0}, arr = {0}, b = {0};
    int rc = emit_rights(&lines, EMIT_JSONL, &res);
    if (rc == 0) rc = serve_jsonl_array(&lines, &arr);
    if (rc == 0) rc = emit_rights_api(&b, &res, &arr);
    ops_rights_free(&res);
    buf_free(&lines);
    buf_free(&arr);
    if (rc == 0) rc = serve_ok(out, 200, &b);
    buf_free(&b);
    return rc;
}

static int h_list(serve_req *r, serve_resp *out)
{
    return report(r, out, STORE_RIGHTS_LIST);
}

static int h_unused(serve_req *r, serve_resp *out)
{
    return report(r, out, STORE_RIGHTS_UNUSED);
}

static int h_leavers(serve_req *r, serve_resp *out)
{
    return report(r, out, STORE_RIGHTS_LEAVERS);
}

static int h_movers(serve_req *r, serve_resp *out)
{
    return report(r, out, STORE_RIGHTS_MOVERS);
}

static int h_conflicts(serve_req *r, serve_resp *out)
{
    return report(r, out, STORE_RIGHTS_CONFLICTS);
}

static const serve_route routes[] = {
    {"GET", "rights", "rights list", h_list},
    {"GET", "rights/unused", "rights unused", h_unused},
    {"GET", "rights/leavers", "rights leavers", h_leavers},
    {"GET", "rights/movers", "rights movers", h_movers},
    {"GET", "rights/conflicts", "rights conflicts", h_conflicts},
};

const serve_route *serve_routes_rights(size_t *n)
{
    *n = sizeof routes / sizeof *routes;
    return routes;
}
