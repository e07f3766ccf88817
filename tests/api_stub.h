/* api_stub — what the workflow's API tests need of the server: the four
 * serve_* functions a handler calls (serve_api.h), defined here for the
 * tests only (the server's own are in the server's part), and a way to
 * call a route of serve_routes_workflow() with a JSON body and a query
 * string, as the server would after its checks. */
#ifndef WACHTER_API_STUB_H
#define WACHTER_API_STUB_H
#include <cJSON.h>

#include "serve/serve_api.h"

/* The query string of a test's request: "k=v&k=v", not URL-encoded. */
typedef struct stub_impl {
    const char *query;
} stub_impl;

const char *serve_query(const serve_req *r, const char *name)
{
    static char values[16][256]; /* one test thread; valid for 16 calls */
    static int next;
    char *value = values[next++ % 16];
    const stub_impl *q = r->impl;
    size_t n = strlen(name);
    for (const char *p = q && q->query ? q->query : ""; *p;) {
        const char *amp = strchr(p, '&'), *end = amp ? amp : p + strlen(p);
        if ((size_t)(end - p) > n && strncmp(p, name, n) == 0 && p[n] == '=') {
            snprintf(value, sizeof values[0], "%.*s", (int)(end - p - (long)n - 1), p + n + 1);
            return value;
        }
        p = amp ? amp + 1 : end;
    }
    return NULL;
}

int serve_actor_arg(const serve_req *r, const char *given, const char **actor, werr *e)
{
    (void)r;
    (void)e;
    *actor = given;
    return 0;
}

int serve_ok(serve_resp *out, int status, buf *b)
{
    out->status = status;
    out->body = *b;
    *b = (buf){0};
    return 0;
}

int serve_fail(serve_resp *out, const werr *e)
{
    out->status = e->code == WERR_INPUT       ? 400
                  : e->code == WERR_FORBIDDEN ? 403
                  : e->code == WERR_NOT_FOUND ? 404
                  : e->code == WERR_CONFLICT  ? 409
                                              : 500;
    buf_reset(&out->body);
    buf_puts(&out->body, "{\"error\":");
    buf_json_str(&out->body, e->msg);
    buf_puts(&out->body, "}");
    return 0;
}

/* A response: its status and its body parsed (owned: cJSON_Delete). */
typedef struct stub_resp {
    int status;
    cJSON *json;
    char *text; /* the body as sent, owned */
} stub_resp;

static inline void stub_free(stub_resp *r)
{
    cJSON_Delete(r->json);
    free(r->text);
}

/* Calls the route method pattern with params (NULL-ended, up to 4), body
 * (JSON text or NULL) and query (or NULL), as account `who` (role any:
 * the server checks it before). The body must parse as JSON. */
static inline stub_resp stub_call(store *s, const char *who, const char *method,
                                  const char *pattern, const char *p0, const char *body,
                                  const char *query)
{
    size_t n;
    const serve_route *routes = serve_routes_workflow(&n), *route = NULL;
    for (size_t i = 0; i < n && !route; i++)
        if (strcmp(routes[i].method, method) == 0 && strcmp(routes[i].pattern, pattern) == 0)
            route = &routes[i];
    if (!route) fail_msg("no route %s %s", method, pattern);
    ops_actor actor = {.role = OPS_ROLE_SENIOR};
    snprintf(actor.name, sizeof actor.name, "%s", who);
    stub_impl impl = {query};
    cJSON *in = body ? cJSON_Parse(body) : NULL;
    if (body && !in) fail_msg("test body does not parse: %s", body);
    serve_req r = {.method = method,
                   .path = pattern,
                   .body = in,
                   .store = s,
                   .who = &actor,
                   .params = {p0},
                   .nparams = p0 ? 1 : 0,
                   .impl = &impl};
    serve_resp out = {0};
    assert_int_equal(route->fn(&r, &out), 0);
    cJSON_Delete(in);
    stub_resp res = {out.status, NULL, NULL};
    buf_put(&out.body, "", 1);
    res.text = strdup(out.body.data);
    res.json = cJSON_Parse(res.text);
    buf_free(&out.body);
    if (!res.json) fail_msg("%s %s answered what is not JSON: %s", method, pattern, res.text);
    return res;
}

/* The string member key of o ("" when absent), and a number member. */
static inline const char *stub_str(const cJSON *o, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    return cJSON_IsString(v) ? v->valuestring : "";
}

static inline double stub_num(const cJSON *o, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    if (!cJSON_IsNumber(v)) fail_msg("no number %s", key);
    return v->valuedouble;
}

static inline const cJSON *stub_get(const cJSON *o, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    if (!v) fail_msg("no member %s in %s", key, cJSON_PrintUnformatted(o));
    return v;
}
#endif
