/* One API call: the route, the session, the CSRF token of a POST, the
 * role's permission, the audit entry, the handler, and its answer with
 * staff by pseudonym (docs/serve.md "A call"). */
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "emit/emit_serve.h"
#include "normalise/ts.h"
#include "ops/ops_accounts.h"
#include "ops/ops_audit.h"
#include "serve/serve_int.h"
#include "serve/serve_route.h"

int serve_out_error(serve_out *o, int status, const char *msg)
{
    o->status = status;
    buf_reset(&o->body);
    o->ctype = "application/json";
    return emit_serve_error(&o->body, msg);
}

int serve_audit(serve_worker *w, const char *account, const char *action, const char *params,
                const char *why, werr *e)
{
    store *st = serve_worker_store(w);
    buf b = {0};
    if (why && emit_serve_refusal(&b, action, params, why) < 0) {
        buf_free(&b);
        return werr_set(e, WERR_INTERNAL, "out of memory");
    }
    serve_worker_audit_lock(w);
    int rc = why ? ops_audit(st, account, "refused", (const char *)b.data, e)
                 : ops_audit(st, account, action, params, e);
    serve_worker_audit_unlock(w);
    buf_free(&b);
    return rc;
}

/* The body of a POST as a JSON object into *body (NULL for a GET; an
 * empty body is an empty object). 0, or the status with msg. */
static int parse_body(const char *method, const buf *raw, cJSON **body, const char **msg)
{
    *body = NULL;
    if (strcmp(method, "POST") != 0) return 0;
    if (raw->len == 0) {
        *body = cJSON_CreateObject();
        return *body ? 0 : 500;
    }
    *body = cJSON_ParseWithLength(raw->data, raw->len);
    if (!*body || !cJSON_IsObject(*body)) {
        cJSON_Delete(*body);
        *body = NULL;
        *msg = "the request's body must be a JSON object";
        return 400;
    }
    return 0;
}

/* The query string of the URL as sent ("" when none), borrowed. */
static const char *query_of(const serve_conn_req *rq)
{
    const char *q = rq->uri ? strchr(rq->uri, '?') : NULL;
    return q ? q + 1 : "";
}

/* Whether the request's X-CSRF-Token is the session's. */
static int csrf_ok(const serve *sv, struct MHD_Connection *conn, const serve_session *s)
{
    const char *t = sv->mhd.lookup_connection_value(conn, MHD_HEADER_KIND, "X-CSRF-Token");
    return t && strlen(t) == strlen(s->csrf) && sodium_memcmp(t, s->csrf, strlen(t)) == 0;
}

/* Runs route's handler; its answer, staff by pseudonym, into o. */
static int run(serve_req *r, const serve_route *route, serve_out *o)
{
    serve_resp resp = {0};
    int failed = route->fn(r, &resp) < 0;
    serve_call *c = r->impl;
    if (c->risk_held) {
        serve_worker_risk_done(c->w);
        c->risk_held = 0;
    }
    if (failed) {
        buf_free(&resp.body);
        return serve_out_error(o, 500, "out of memory");
    }
    o->status = resp.status ? resp.status : 200;
    o->ctype = "application/json";
    buf_reset(&o->body);
    int rc = c->map ? pseud_map_rewrite(c->map, resp.body.data ? resp.body.data : "", resp.body.len,
                                        &o->body)
                    : buf_put(&o->body, resp.body.data ? resp.body.data : "", resp.body.len);
    buf_free(&resp.body);
    /* Never a part: what was rewritten so far could be cut mid-name. */
    return rc < 0 ? serve_out_error(o, 500, "out of memory") : 0;
}

/* A call by the account of the session: the checks, then run. */
static int as_account(serve_req *r, const serve_route *route, serve_conn_req *rq,
                      const char *params, serve_out *o)
{
    serve_call *c = r->impl;
    store *st = serve_worker_store(c->w);
    serve_session s;
    if (!serve_session_find(c->sv->sessions, c->token, ts_now_ms(), &s))
        return serve_out_error(o, 401, "not logged in, or the session has expired: log in");
    ops_actor *who = &c->who;
    werr e = {0};
    if (ops_account_current(st, s.account, who, &e) < 0) {
        serve_session_close(c->sv->sessions, c->token);
        if (e.code != WERR_FORBIDDEN) return serve_out_error(o, 503, e.msg);
        return serve_out_error(o, 401, "the account can no longer log in");
    }
    r->who = who;
    char action[80];
    snprintf(action, sizeof action, "api %s", route->action);
    const char *why = NULL;
    if (strcmp(r->method, "POST") == 0 && !csrf_ok(c->sv, c->conn, &s))
        why = "the request has no X-CSRF-Token header with the session's token";
    else if (ops_access_check(who, route->action, &e) < 0)
        why = e.msg;
    werr ae = {0};
    if (why) {
        char msg[sizeof e.msg];
        snprintf(msg, sizeof msg, "%s", why);
        serve_audit(c->w, who->name, action, params, msg, &ae);
        return serve_out_error(o, 403, msg);
    }
    /* Nothing unrecorded runs. */
    if (serve_audit(c->w, who->name, action, params, NULL, &ae) < 0)
        return serve_out_error(o, 503, ae.msg);
    if (serve_worker_map(c->w, who->name, &c->map, &ae) < 0) return serve_out_error(o, 503, ae.msg);
    return run(r, route, o);
}

int serve_api_call(serve *sv, struct MHD_Connection *conn, serve_conn_req *rq, const char *method,
                   const char *path, serve_out *o)
{
    char copy[SERVE_URL_MAX + 1];
    if (strlen(path) > SERVE_URL_MAX) return serve_out_error(o, 414, "the URL is too long");
    snprintf(copy, sizeof copy, "%s", path);
    const serve_route *route = NULL;
    serve_req r = {.method = method, .path = NULL};
    int st = serve_route_find(method, copy, &route, r.params, &r.nparams);
    if (st == 404) return serve_out_error(o, 404, "no such API route");
    if (st == 405) return serve_out_error(o, 405, "the route does not take this method");
    o->pattern = route->pattern;
    serve_call c = {.sv = sv, .conn = conn, .token = serve_cookie_token(sv, conn)};
    serve_client_addr(sv, conn, c.client, sizeof c.client);
    werr e = {0};
    if (serve_worker_get(sv->workers, &c.w, &e) < 0) return serve_out_error(o, 503, e.msg);
    const char *msg = "";
    cJSON *body = NULL;
    if ((st = parse_body(method, &rq->body, &body, &msg)) != 0)
        return serve_out_error(o, st, st == 500 ? "out of memory" : msg);
    char full[SERVE_URL_MAX + 16];
    snprintf(full, sizeof full, "/api/v1/%s", path);
    r.path = full;
    r.body = body;
    r.store = serve_worker_store(c.w);
    r.impl = &c;
    int rc;
    if (!route->action) {
        /* login, health: no session; staff by pseudonym all the same. */
        rc = serve_worker_map(c.w, NULL, &c.map, &e) < 0 ? serve_out_error(o, 503, e.msg)
                                                         : run(&r, route, o);
    } else {
        buf params = {0};
        rc = emit_serve_call_body(&params, method, full, query_of(rq), body) < 0
                 ? serve_out_error(o, 500, "out of memory")
                 : as_account(&r, route, rq, (const char *)params.data, o);
        buf_free(&params);
    }
    if (c.cookie[0]) {
        /* The cookie outlives c: kept in the request. */
        snprintf(rq->cookie, sizeof rq->cookie, "%s", c.cookie);
        o->cookie = rq->cookie;
    }
    cJSON_Delete(body);
    return rc;
}
