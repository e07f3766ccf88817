/* serve_api — what an HTTP API handler of `wachter serve` sees and gives:
 * one request (method, path parameters, query, JSON body, the store and
 * the logged-in account) and one response (a status and a JSON body).
 * The server (serve.c) has already checked the session, the CSRF token
 * of a state-changing request, the size of the body, and that the
 * account's role may run the route's action (ops/ops_access.h); it
 * records the call in the audit trail and rewrites the response body so
 * that staff appear by pseudonym. A handler parses, calls one domain
 * operation and renders through emit/; it never writes SQL or HTML. */
#ifndef WACHTER_SERVE_API_H
#define WACHTER_SERVE_API_H
#include <stddef.h>

#include <cjson/cJSON.h>

#include "ops/ops_access.h"
#include "score/risk.h"
#include "store/store.h"
#include "util/buf.h"
#include "util/werr.h"

/* One request, borrowed for the handler's call. */
typedef struct serve_req {
    const char *method;    /* "GET" or "POST" */
    const char *path;      /* "/api/v1/alerts/A1/notes", without the query */
    const cJSON *body;     /* a POST's JSON body (an object), else NULL */
    store *store;          /* this thread's connection to the store */
    const ops_actor *who;  /* the logged-in account */
    const char *params[4]; /* the route's ":name" parts in order ("A1") */
    size_t nparams;
    void *impl; /* the server's own (query string, unmasking, ...) */
} serve_req;

/* A query-string parameter's value (URL-decoded), or NULL. */
const char *serve_query(const serve_req *r, const char *name);
/* An account id from what a client sent: a pseudonym is turned back into
 * the account (as the CLI's arguments are); anything else stays as it is.
 * WERR_NOT_FOUND for a pseudonym no account has. 0 with *actor, or -1. */
int serve_actor_arg(const serve_req *r, const char *given, const char **actor, werr *e);

/* The risk list (score/risk.h's risk_rank as of the newest event) that
 * this thread keeps while the store's alerts stay the same, borrowed for
 * the call; *rows NULL when the implementation keeps none (the handler
 * then ranks itself). 0, or -1 with e. */
int serve_risk_list(const serve_req *r, const risk_row **rows, size_t *n, werr *e);

/* What a handler answers: status and a JSON body (an object or an
 * array). serve_ok / serve_fail fill it. */
typedef struct serve_resp {
    int status;
    buf body;
} serve_resp;

/* 200 (or status) with the JSON in b moved into out (b is left empty). */
int serve_ok(serve_resp *out, int status, buf *b);
/* The status for e's code (WERR_INPUT 400, WERR_FORBIDDEN 403,
 * WERR_NOT_FOUND 404, WERR_CONFLICT 409, else 500) and {"error": msg}.
 * Returns 0. */
int serve_fail(serve_resp *out, const werr *e);
/* serve_fail for running out of memory (500); returns -1, the handler's
 * own failure. */
int serve_fail_oom(serve_resp *out);
/* serve_fail for bad input (400) saying msg; returns 0. */
int serve_fail_input(serve_resp *out, const char *msg);
/* Turns rendered JSON Lines (emit_*'s EMIT_JSONL output) into one JSON
 * array in out: "[" line "," line ... "]". 0 or -1 (out of memory). */
int serve_jsonl_array(const buf *jsonl, buf *out);

/* A handler: 0 when out is filled (a refusal too, through serve_fail),
 * -1 only when out of memory. */
typedef int (*serve_handler)(serve_req *r, serve_resp *out);

/* A route: method and pattern under /api/v1/ ("alerts/:id/notes"), the
 * ops_access action the account's role must be allowed ("alerts",
 * "alert close"), and the handler. Each API file has a table of them. */
typedef struct serve_route {
    const char *method;
    const char *pattern;
    const char *action;
    serve_handler fn;
} serve_route;

/* The tables, each file's own (api_*.c); *n receives the length. */
const serve_route *serve_routes_workflow(size_t *n);  /* api_workflow.c */
const serve_route *serve_routes_read(size_t *n);      /* api_read.c */
const serve_route *serve_routes_rights(size_t *n);    /* api_rights.c */
const serve_route *serve_routes_functions(size_t *n); /* api_functions.c */
const serve_route *serve_routes_screening(size_t *n); /* api_screening.c */
const serve_route *serve_routes_recert(size_t *n);    /* api_recert.c */
#endif
