/* The risk analysis of functions through the API (README, "Risk analysis
 * of functions"): the ranking, the overdue reviews, one function's
 * versions, the questionnaire, and one analysis entered. Each handler
 * parses, calls one operation (ops/ops_functions.h) and renders through
 * emit/emit_functions.h. The server has checked the session, CSRF and the
 * route's action before a handler runs. */
#include <string.h>

#include "emit/emit_functions.h"
#include "normalise/ts.h"
#include "ops/ops_functions.h"
#include "serve/serve_api.h"

/* {"key": [rows...]} of rendered JSON Lines in lines, answered with status. */
static int answer_rows(serve_resp *out, int status, const char *key, buf *lines, const char *more)
{
    buf arr = {0}, b = {0};
    int rc = serve_jsonl_array(lines, &arr);
    rc |= buf_printf(&b, "{\"%s\":", key);
    rc |= buf_put(&b, arr.data ? arr.data : "[]", arr.data ? arr.len : 2);
    if (more) rc |= buf_puts(&b, more);
    rc |= buf_puts(&b, "}");
    buf_free(&arr);
    buf_free(lines);
    if (rc) {
        buf_free(&b);
        return serve_fail_oom(out);
    }
    return serve_ok(out, status, &b);
}

typedef struct rows_ctx {
    buf b;
    int64_t now;
    int rc;
} rows_ctx;

static int list_row(const store_fn_analysis *a, void *ctx)
{
    rows_ctx *c = ctx;
    return c->rc |= emit_fn_row(&c->b, EMIT_JSONL, a, c->now);
}

static int due_row(const ops_fn_due *d, void *ctx)
{
    rows_ctx *c = ctx;
    return c->rc |= emit_fn_due(&c->b, EMIT_JSONL, d);
}

static int version_row(const store_fn_analysis *a, const char *changes, void *ctx)
{
    rows_ctx *c = ctx;
    return c->rc |= emit_fn_version(&c->b, EMIT_JSONL, a, changes);
}

/* Answers a listing's rows, or its failure. */
static int finish(serve_resp *out, rows_ctx *c, int rc, const werr *e, const char *key)
{
    if (rc < 0 && e->code) {
        buf_free(&c->b);
        return serve_fail(out, e);
    }
    if (rc || c->rc) {
        buf_free(&c->b);
        return serve_fail_oom(out);
    }
    return answer_rows(out, 200, key, &c->b, NULL);
}

static int get_functions(serve_req *r, serve_resp *out)
{
    rows_ctx c = {{0}, ts_now_ms(), 0};
    werr e = {0};
    int rc = ops_functions_list(r->store, c.now, list_row, &c, &e);
    return finish(out, &c, rc, &e, "functions");
}

static int get_overdue(serve_req *r, serve_resp *out)
{
    rows_ctx c = {{0}, ts_now_ms(), 0};
    werr e = {0};
    int rc = ops_functions_overdue(r->store, c.now, due_row, &c, &e);
    return finish(out, &c, rc, &e, "overdue");
}

static int get_history(serve_req *r, serve_resp *out)
{
    const char *unit = serve_query(r, "unit"), *role = serve_query(r, "role");
    if (!unit || !*unit || !role || !*role)
        return serve_fail_input(out, "which function? functions/history?unit=U&role=R");
    rows_ctx c = {{0}, ts_now_ms(), 0};
    werr e = {0};
    int rc = ops_functions_history(r->store, unit, role, version_row, &c, &e);
    return finish(out, &c, rc, &e, "versions");
}

static int get_questions(serve_req *r, serve_resp *out)
{
    (void)r;
    rows_ctx c = {{0}, 0, 0};
    if (emit_fn_questions(&c.b, EMIT_JSONL) < 0) {
        buf_free(&c.b);
        return serve_fail_oom(out);
    }
    return answer_rows(out, 200, "questions", &c.b, NULL);
}

/* A string member of the body: its value, "" when absent; *bad when it is
 * there but not a string. */
static const char *body_str(const serve_req *r, const char *key, int *bad)
{
    const cJSON *v = r->body ? cJSON_GetObjectItemCaseSensitive(r->body, key) : NULL;
    if (!v || cJSON_IsNull(v)) return "";
    if (!cJSON_IsString(v)) {
        *bad = 1;
        return "";
    }
    return v->valuestring;
}

/* The body's measures: a string, or an array of strings joined by line
 * breaks into m. 0, or -1 with *why. */
static int body_measures(const serve_req *r, buf *m, const char **why)
{
    const cJSON *v = r->body ? cJSON_GetObjectItemCaseSensitive(r->body, "measures") : NULL;
    if (!v || cJSON_IsNull(v)) return buf_puts(m, "");
    if (cJSON_IsString(v)) return buf_puts(m, v->valuestring);
    if (!cJSON_IsArray(v) || cJSON_GetArraySize(v) > OPS_FN_MEASURES_MAX)
        return *why = "measures are an array of at most 20 strings", -1;
    const cJSON *x;
    int rc = buf_puts(m, "");
    cJSON_ArrayForEach(x, v)
    {
        if (!cJSON_IsString(x)) return *why = "measures are an array of at most 20 strings", -1;
        rc |= buf_puts(m, m->len ? "\n" : "");
        rc |= buf_puts(m, x->valuestring);
    }
    return rc ? (*why = "out of memory", -1) : 0;
}

/* The answers object's numbers into x (-1 for those absent). 0, or -1
 * with *why. */
static int body_answers(const serve_req *r, ops_fn_entry *x, const char **why)
{
    for (int i = 0; i < FR_QUESTIONS; i++)
        x->answers[i] = -1;
    const cJSON *v = r->body ? cJSON_GetObjectItemCaseSensitive(r->body, "answers") : NULL;
    if (!v) return 0;
    if (!cJSON_IsObject(v)) return *why = "answers is an object: {\"registers\": 3, ...}", -1;
    const cJSON *a;
    cJSON_ArrayForEach(a, v)
    {
        int k = a->string ? fr_question_find(a->string) : -1;
        if (k < 0)
            return *why = "answers names a question there is not (see functions/questions)", -1;
        double d = cJSON_IsNumber(a) ? a->valuedouble : -1;
        if (!cJSON_IsNumber(a) || d != (double)(int)d || d < 0)
            return *why = "each answer is a whole number from 0 to 3", -1;
        x->answers[k] = d > 99 ? 99 : (int)d;
    }
    return 0;
}

static int one_row(const store_fn_analysis *a, void *ctx)
{
    rows_ctx *c = ctx;
    return c->rc |= emit_fn_row(&c->b, EMIT_JSONL, a, c->now);
}

static int post_function(serve_req *r, serve_resp *out)
{
    int bad = 0;
    ops_fn_entry x = {0};
    x.unit = body_str(r, "unit", &bad);
    x.role = body_str(r, "role", &bad);
    x.process = body_str(r, "process", &bad);
    x.analysed = body_str(r, "analysed", &bad);
    x.next_review = body_str(r, "next_review", &bad);
    if (bad)
        return serve_fail_input(out, "unit, role, process, analysed and next_review are strings");
    const char *why = NULL;
    buf m = {0};
    if (body_answers(r, &x, &why) < 0 || body_measures(r, &m, &why) < 0) {
        buf_free(&m);
        return serve_fail_input(out, why);
    }
    x.measures = m.data ? m.data : "";
    werr e = {0};
    int64_t now = ts_now_ms(), version;
    int added;
    int rc = ops_functions_set(r->store, r->who->name, &x, now, NULL, &version, &added, &e);
    buf_free(&m);
    if (rc < 0) return serve_fail(out, &e);
    rows_ctx c = {{0}, now, 0};
    if (store_fn_current_of(r->store, x.unit, x.role, now, one_row, &c) < 0 || c.rc) {
        buf_free(&c.b);
        return serve_fail_oom(out);
    }
    char more[80];
    snprintf(more, sizeof more, ",\"version\":%lld,\"added\":%s", (long long)version,
             added ? "true" : "false");
    return answer_rows(out, added ? 201 : 200, "functions", &c.b, more);
}

static const serve_route routes[] = {
    {"GET", "functions", "functions", get_functions},
    {"GET", "functions/overdue", "functions overdue", get_overdue},
    {"GET", "functions/history", "functions history", get_history},
    {"GET", "functions/questions", "functions questions", get_questions},
    {"POST", "functions", "functions edit", post_function},
};

const serve_route *serve_routes_functions(size_t *n)
{
    *n = sizeof routes / sizeof *routes;
    return routes;
}
