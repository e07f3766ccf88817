/* The workflow's API handlers (API35.md "Workflow"): the alert queue and
 * an alert's page, status, assignment, notes and bulk actions; dossiers
 * and their evidence report; suppressions; rule effectiveness. Each
 * parses, calls one operation (ops/ops_workflow.h, ops_dossier.h,
 * ops_suppress.h) and renders through emit/. The server has checked the
 * session, CSRF and the route's action before a handler runs. */
#include <stdlib.h>
#include <string.h>

#include "emit/emit_dashboard.h"
#include "emit/emit_dossier.h"
#include "emit/emit_workflow.h"
#include "normalise/ts.h"
#include "ops/ops_dashboard.h"
#include "ops/ops_dossier.h"
#include "ops/ops_suppress.h"
#include "ops/ops_workflow.h"
#include "serve/serve_api.h"

/* The most alerts one page of the queue shows, and by default. */
enum { QUEUE_MAX = 1000, QUEUE_DEFAULT = 100, IDS_MAX = 1000 };

/* Answers b (rendered with rendered's result) or, when out of memory, -1. */
static int answer(serve_resp *out, buf *b, int rendered)
{
    if (rendered < 0) {
        buf_free(b);
        return serve_fail_oom(out);
    }
    return serve_ok(out, 200, b);
}

static int fail(serve_resp *out, const werr *e)
{
    return serve_fail(out, e);
}

/* A string member of the body: its value, NULL when absent; *bad when it
 * is there but not a string. */
static const char *body_str(const serve_req *r, const char *key, int *bad)
{
    const cJSON *v = r->body ? cJSON_GetObjectItemCaseSensitive(r->body, key) : NULL;
    if (!v || cJSON_IsNull(v)) return NULL;
    if (!cJSON_IsString(v)) {
        *bad = 1;
        return NULL;
    }
    return v->valuestring;
}

/* The strings of the body's array key (at most IDS_MAX) into *ids (owned:
 * free it; the strings are the body's). -1 with a message when it is not
 * an array of strings. */
static int body_ids(const serve_req *r, const char *key, const char ***ids, size_t *n,
                    const char **why)
{
    const cJSON *v = r->body ? cJSON_GetObjectItemCaseSensitive(r->body, key) : NULL;
    *ids = NULL;
    *n = 0;
    if (!v) return 0;
    int len = cJSON_IsArray(v) ? cJSON_GetArraySize(v) : -1;
    if (len < 0) return *why = "the ids are an array of alert ids", -1;
    if (len > IDS_MAX) return *why = "at most 1000 ids at once", -1;
    if (len == 0) return 0;
    *ids = calloc((size_t)len, sizeof **ids);
    if (!*ids) return *why = "out of memory", -1;
    const cJSON *x;
    cJSON_ArrayForEach(x, v)
    {
        if (!cJSON_IsString(x)) {
            free(*ids);
            *ids = NULL;
            return *why = "the ids are an array of alert ids (strings)", -1;
        }
        (*ids)[(*n)++] = x->valuestring;
    }
    return 0;
}

/* A whole number from the query string between lo and hi (def when absent). */
static int query_count(const serve_req *r, const char *name, long long lo, long long hi,
                       long long def, long long *out, werr *e)
{
    const char *v = serve_query(r, name);
    *out = def;
    if (!v) return 0;
    char *end;
    long long x = strtoll(v, &end, 10);
    if (!*v || *end || x < lo || x > hi)
        return werr_set(e, WERR_INPUT, "%s takes a whole number from %lld to %lld", name, lo, hi);
    *out = x;
    return 0;
}

static int query_time(const serve_req *r, const char *name, int end, int64_t *out, werr *e)
{
    const char *v = serve_query(r, name);
    *out = 0;
    return v && *v ? ops_wf_time(name, v, end, out, e) : 0;
}

/* ---- alerts ---- */

static int queue_row(const store_wf_alert *a, void *ctx)
{
    emit_doc *d = ctx;
    emit_doc_row(d);
    return d->rc |= emit_wf_alert(d->b, d->f, a);
}

static int get_alerts(serve_req *r, serve_resp *out)
{
    werr e = {0};
    store_wf_filter f = {.status = serve_query(r, "status"),
                         .rule = serve_query(r, "rule"),
                         .unit = serve_query(r, "unit"),
                         .assignee = serve_query(r, "assignee"),
                         .now = ts_now_ms()};
    const char *sev = serve_query(r, "severity"), *actor = serve_query(r, "actor");
    long long limit, offset;
    if (f.status && !*f.status) f.status = NULL;
    if (sev && *sev && (f.min_severity = emit_severity_parse(sev)) < 0)
        return serve_fail_input(out, "severity is low, medium, high or critical");
    if (actor && *actor && serve_actor_arg(r, actor, &f.actor, &e) < 0) return fail(out, &e);
    if (query_time(r, "from", 0, &f.from, &e) < 0 || query_time(r, "to", 1, &f.to, &e) < 0 ||
        query_count(r, "limit", 1, QUEUE_MAX, QUEUE_DEFAULT, &limit, &e) < 0 ||
        query_count(r, "offset", 0, INT64_MAX / 2, 0, &offset, &e) < 0)
        return fail(out, &e);
    f.limit = limit;
    f.offset = offset;
    int64_t counts[STORE_WF_N], total;
    if (ops_wf_queue(r->store, &f, counts, &total, NULL, NULL, &e) < 0) return fail(out, &e);
    buf b = {0};
    emit_doc d;
    emit_doc_begin(&d, &b, EMIT_JSONL);
    d.members = 1;
    d.rc |= emit_wf_counts(&b, EMIT_JSONL, counts, total);
    emit_doc_key(&d, "alerts");
    emit_doc_raw(&d, "[");
    if (store_wf_queue(r->store, &f, queue_row, &d) < 0) {
        buf_free(&b);
        werr_set(&e, WERR_UNAVAILABLE, "cannot read the alerts: %s", store_errmsg(r->store));
        return fail(out, &e);
    }
    emit_doc_raw(&d, "]");
    return answer(out, &b, emit_doc_end(&d));
}

/* The alert's page: also the answer to a change. */
static int alert_page(serve_req *r, serve_resp *out, const char *id)
{
    buf b = {0};
    emit_doc d;
    emit_doc_begin(&d, &b, EMIT_JSONL);
    ops_wf_show_fns fns;
    emit_wf_show_fns(&fns);
    werr e = {0};
    int rc = ops_wf_show(r->store, id, ts_now_ms(), &fns, &d, &e);
    if (rc < 0 && e.code) {
        buf_free(&b);
        return fail(out, &e);
    }
    return answer(out, &b, rc ? -1 : emit_wf_show_end(&d));
}

static int get_alert(serve_req *r, serve_resp *out)
{
    return alert_page(r, out, r->params[0]);
}

static int post_status(serve_req *r, serve_resp *out)
{
    int bad = 0;
    const char *status = body_str(r, "status", &bad), *disp = body_str(r, "disposition", &bad),
               *note = body_str(r, "note", &bad);
    if (bad) return serve_fail_input(out, "status, disposition and note are strings");
    werr e = {0};
    if (ops_wf_status(r->store, r->who->name, r->params[0], status, disp, note, ts_now_ms(), &e) <
        0)
        return fail(out, &e);
    return alert_page(r, out, r->params[0]);
}

static int post_assign(serve_req *r, serve_resp *out)
{
    int bad = 0;
    const char *who = body_str(r, "assignee", &bad);
    if (bad || !who)
        return serve_fail_input(out, "assign to whom? {\"assignee\":\"account name\"}");
    werr e = {0};
    if (ops_wf_assign(r->store, r->who->name, r->params[0], who, ts_now_ms(), &e) < 0)
        return fail(out, &e);
    return alert_page(r, out, r->params[0]);
}

static int note_row(const store_wf_note *n, void *ctx)
{
    emit_doc *d = ctx;
    emit_doc_row(d);
    return d->rc |= emit_wf_note(d->b, d->f, n);
}

static int post_note(serve_req *r, serve_resp *out)
{
    int bad = 0;
    const char *text = body_str(r, "text", &bad);
    if (bad) return serve_fail_input(out, "a note's text is a string");
    werr e = {0};
    if (ops_wf_note(r->store, r->who->name, r->params[0], text, ts_now_ms(), &e) < 0)
        return fail(out, &e);
    buf b = {0};
    emit_doc d;
    emit_doc_begin(&d, &b, EMIT_JSONL);
    emit_doc_key(&d, "notes");
    emit_doc_raw(&d, "[");
    if (store_wf_notes_each(r->store, STORE_WF_ALERT, r->params[0], note_row, &d) < 0) d.rc = -1;
    emit_doc_raw(&d, "]");
    return answer(out, &b, emit_doc_end(&d));
}

typedef struct bulk_ctx {
    buf *b;
    int n;
} bulk_ctx;

static int bulk_fail(const char *id, const werr *why, void *ctx)
{
    bulk_ctx *c = ctx;
    return emit_wf_bulk_fail(c->b, EMIT_JSONL, c->n++ == 0, id, why->msg);
}

static int post_bulk(serve_req *r, serve_resp *out)
{
    int bad = 0;
    const char *assign = body_str(r, "assign", &bad), *close = body_str(r, "close", &bad), *why;
    const char **ids;
    size_t n;
    if (bad) return serve_fail_input(out, "assign and close are strings");
    if (body_ids(r, "ids", &ids, &n, &why) < 0) return serve_fail_input(out, why);
    buf b = {0};
    bulk_ctx c = {&b, 0};
    int64_t changed = 0;
    werr e = {0};
    int rc = ops_wf_bulk(r->store, r->who->name, ids, n, assign, close, ts_now_ms(), bulk_fail, &c,
                         &changed, &e);
    free(ids);
    if (rc < 0) {
        buf_free(&b);
        return fail(out, &e);
    }
    return answer(out, &b, emit_wf_bulk_end(&b, EMIT_JSONL, c.n > 0, changed));
}

/* ---- dossiers ---- */

static int dossier_row(const store_dossier *x, void *ctx)
{
    emit_doc *d = ctx;
    emit_doc_row(d);
    return d->rc |= emit_dossier(d->b, d->f, x);
}

static int get_dossiers(serve_req *r, serve_resp *out)
{
    const char *status = serve_query(r, "status");
    if (status && !*status) status = NULL;
    buf b = {0};
    emit_doc d;
    emit_doc_begin(&d, &b, EMIT_JSONL);
    emit_doc_key(&d, "dossiers");
    emit_doc_raw(&d, "[");
    werr e = {0};
    if (ops_dossier_list(r->store, status, dossier_row, &d, &e) < 0 && e.code) {
        buf_free(&b);
        return fail(out, &e);
    }
    emit_doc_raw(&d, "]");
    return answer(out, &b, emit_doc_end(&d));
}

static int dossier_page(serve_req *r, serve_resp *out, const char *id)
{
    buf b = {0};
    emit_doc d;
    emit_dossier_show_begin(&d, &b, EMIT_JSONL);
    ops_dossier_show_fns fns;
    emit_dossier_show_fns(&fns);
    werr e = {0};
    int rc = ops_dossier_show(r->store, id, ts_now_ms(), &fns, &d, &e);
    if (rc < 0 && e.code) {
        buf_free(&b);
        return fail(out, &e);
    }
    return answer(out, &b, rc ? -1 : emit_dossier_end(&d));
}

static int get_dossier(serve_req *r, serve_resp *out)
{
    return dossier_page(r, out, r->params[0]);
}

static int one_dossier(const store_dossier *x, void *ctx)
{
    return emit_dossier(ctx, EMIT_JSONL, x);
}

static int post_dossier(serve_req *r, serve_resp *out)
{
    int bad = 0;
    const char *actor = body_str(r, "actor", &bad), *title = body_str(r, "title", &bad), *why;
    if (bad) return serve_fail_input(out, "actor and title are strings");
    const char **ids;
    size_t n;
    if (body_ids(r, "alerts", &ids, &n, &why) < 0) return serve_fail_input(out, why);
    werr e = {0};
    char id[32];
    if (actor && *actor && serve_actor_arg(r, actor, &actor, &e) < 0) {
        free(ids);
        return fail(out, &e);
    }
    int rc = ops_dossier_open(r->store, r->who->name, actor, title, ids, n, ts_now_ms(), id,
                              sizeof id, &e);
    free(ids);
    if (rc < 0) return fail(out, &e);
    buf b = {0};
    if (ops_dossier_get(r->store, id, one_dossier, &b, &e) < 0) {
        buf_free(&b);
        return fail(out, &e);
    }
    return serve_ok(out, 201, &b);
}

static int post_dossier_alerts(serve_req *r, serve_resp *out)
{
    const char **ids, *why;
    size_t n;
    if (body_ids(r, "ids", &ids, &n, &why) < 0) return serve_fail_input(out, why);
    werr e = {0};
    int rc = ops_dossier_add_alerts(r->store, r->who->name, r->params[0], ids, n, ts_now_ms(), &e);
    free(ids);
    return rc < 0 ? fail(out, &e) : dossier_page(r, out, r->params[0]);
}

static int post_dossier_note(serve_req *r, serve_resp *out)
{
    int bad = 0;
    const char *text = body_str(r, "text", &bad);
    if (bad) return serve_fail_input(out, "a note's text is a string");
    werr e = {0};
    if (ops_dossier_note(r->store, r->who->name, r->params[0], text, ts_now_ms(), &e) < 0)
        return fail(out, &e);
    return dossier_page(r, out, r->params[0]);
}

static int post_dossier_assign(serve_req *r, serve_resp *out)
{
    int bad = 0;
    const char *who = body_str(r, "investigator", &bad);
    if (bad) return serve_fail_input(out, "the investigator is an account's name");
    werr e = {0};
    if (ops_dossier_assign(r->store, r->who->name, r->params[0], who, ts_now_ms(), &e) < 0)
        return fail(out, &e);
    return dossier_page(r, out, r->params[0]);
}

static int post_dossier_status(serve_req *r, serve_resp *out)
{
    int bad = 0;
    const char *status = body_str(r, "status", &bad), *outcome = body_str(r, "outcome", &bad);
    if (bad) return serve_fail_input(out, "status and outcome are strings");
    werr e = {0};
    if (ops_dossier_status(r->store, r->who->name, r->params[0], status, outcome, ts_now_ms(), &e) <
        0)
        return fail(out, &e);
    return dossier_page(r, out, r->params[0]);
}

static int get_report(serve_req *r, serve_resp *out)
{
    buf b = {0};
    emit_doc d;
    emit_dossier_report_begin(&d, &b, EMIT_JSONL);
    ops_dossier_report_fns fns;
    emit_dossier_report_fns(&fns);
    werr e = {0};
    int rc = ops_dossier_report(r->store, r->params[0], ts_now_ms(), &fns, &d, &e);
    if (rc < 0 && e.code) {
        buf_free(&b);
        return fail(out, &e);
    }
    return answer(out, &b, rc ? -1 : emit_dossier_end(&d));
}

/* ---- suppressions ---- */

typedef struct supp_ctx {
    emit_doc *d;
    int64_t now;
} supp_ctx;

static int supp_row(const store_suppression *p, void *ctx)
{
    supp_ctx *c = ctx;
    emit_doc_row(c->d);
    return c->d->rc |= emit_suppression(c->d->b, EMIT_JSONL, p, c->now);
}

static int get_suppressions(serve_req *r, serve_resp *out)
{
    const char *a = serve_query(r, "active");
    int active = a && strcmp(a, "1") == 0;
    buf b = {0};
    emit_doc d;
    emit_doc_begin(&d, &b, EMIT_JSONL);
    emit_doc_key(&d, "suppressions");
    emit_doc_raw(&d, "[");
    supp_ctx c = {&d, ts_now_ms()};
    werr e = {0};
    if (ops_suppress_list(r->store, active, c.now, supp_row, &c, &e) < 0 && e.code) {
        buf_free(&b);
        return fail(out, &e);
    }
    emit_doc_raw(&d, "]");
    return answer(out, &b, emit_doc_end(&d));
}

static int one_supp(const store_suppression *p, void *ctx)
{
    supp_ctx *c = ctx;
    return c->d->rc |= emit_suppression(c->d->b, EMIT_JSONL, p, c->now);
}

/* Answers suppression id as it is now. */
static int supp_answer(serve_req *r, serve_resp *out, int64_t id, int64_t now, int status)
{
    buf b = {0};
    emit_doc d = {.b = &b, .f = EMIT_JSONL};
    supp_ctx c = {&d, now};
    werr e = {0};
    if (ops_suppress_get(r->store, id, one_supp, &c, &e) < 0) {
        buf_free(&b);
        return fail(out, &e);
    }
    if (d.rc) {
        buf_free(&b);
        return serve_fail_oom(out);
    }
    return serve_ok(out, status, &b);
}

static int post_suppression(serve_req *r, serve_resp *out)
{
    int bad = 0;
    const char *rule = body_str(r, "rule", &bad), *scope = body_str(r, "scope", &bad),
               *value = body_str(r, "value", &bad), *reason = body_str(r, "reason", &bad),
               *until_s = body_str(r, "until", &bad);
    if (bad) return serve_fail_input(out, "rule, scope, value, reason and until are strings");
    werr e = {0};
    int64_t now = ts_now_ms(), until, id;
    if (scope && strcmp(scope, "actor") == 0 && value && *value &&
        serve_actor_arg(r, value, &value, &e) < 0)
        return fail(out, &e);
    if (ops_suppress_until(until_s, now, &until, &e) < 0 ||
        ops_suppress_add(r->store, r->who->name, rule, scope, value, reason, until, now, &id, &e) <
            0)
        return fail(out, &e);
    return supp_answer(r, out, id, now, 201);
}

static int post_suppression_end(serve_req *r, serve_resp *out)
{
    char *end;
    long long id = strtoll(r->params[0], &end, 10);
    if (!*r->params[0] || *end || id <= 0)
        return serve_fail_input(out, "a suppression's id is a number");
    werr e = {0};
    int64_t now = ts_now_ms();
    if (ops_suppress_end(r->store, id, now, &e) < 0) return fail(out, &e);
    return supp_answer(r, out, id, now, 200);
}

/* ---- rule effectiveness ---- */

static int rule_row(const store_wf_rule_row *x, void *ctx)
{
    emit_doc *d = ctx;
    emit_doc_row(d);
    return d->rc |= emit_wf_rule(d->b, EMIT_JSONL, x);
}

static int get_effectiveness(serve_req *r, serve_resp *out)
{
    werr e = {0};
    int64_t from, to;
    if (query_time(r, "from", 0, &from, &e) < 0 || query_time(r, "to", 1, &to, &e) < 0)
        return fail(out, &e);
    buf b = {0};
    emit_doc d;
    emit_doc_begin(&d, &b, EMIT_JSONL);
    emit_doc_key(&d, "rules");
    emit_doc_raw(&d, "[");
    if (ops_wf_effectiveness(r->store, from, to, ts_now_ms(), rule_row, &d, &e) < 0 && e.code) {
        buf_free(&b);
        return fail(out, &e);
    }
    emit_doc_raw(&d, "]");
    return answer(out, &b, emit_doc_end(&d));
}

/* ---- dashboard and summary ---- */

static int get_dashboard(serve_req *r, serve_resp *out)
{
    werr e = {0};
    long long days;
    if (query_count(r, "days", 1, OPS_DASH_DAYS_MAX, 30, &days, &e) < 0) return fail(out, &e);
    buf b = {0};
    emit_doc d;
    emit_dashboard_begin(&d, &b, EMIT_JSONL);
    ops_dashboard_fns fns;
    emit_dashboard_fns(&fns);
    int rc = ops_dashboard(r->store, ts_now_ms(), (int)days, &fns, &d, &e);
    if (rc < 0 && e.code) {
        buf_free(&b);
        return fail(out, &e);
    }
    return answer(out, &b, rc ? -1 : emit_dashboard_end(&d));
}

static int get_summary(serve_req *r, serve_resp *out)
{
    buf b = {0};
    emit_doc d;
    emit_summary_begin(&d, &b, EMIT_JSONL);
    ops_summary_fns fns;
    emit_summary_fns(&fns);
    werr e = {0};
    int rc = ops_summary(r->store, serve_query(r, "month"), &fns, &d, &e);
    if (rc < 0 && e.code) {
        buf_free(&b);
        return fail(out, &e);
    }
    return answer(out, &b, rc ? -1 : emit_dashboard_end(&d));
}

static const serve_route routes[] = {
    {"GET", "alerts", "alerts", get_alerts},
    {"POST", "alerts/bulk", "alert bulk", post_bulk},
    {"GET", "alerts/:id", "alerts", get_alert},
    {"POST", "alerts/:id/status", "alert triage", post_status},
    {"POST", "alerts/:id/assign", "alert triage", post_assign},
    {"POST", "alerts/:id/notes", "alert triage", post_note},
    {"GET", "dossiers", "dossier", get_dossiers},
    {"POST", "dossiers", "dossier edit", post_dossier},
    {"GET", "dossiers/:id", "dossier", get_dossier},
    {"GET", "dossiers/:id/report", "dossier", get_report},
    {"POST", "dossiers/:id/alerts", "dossier edit", post_dossier_alerts},
    {"POST", "dossiers/:id/notes", "dossier edit", post_dossier_note},
    {"POST", "dossiers/:id/assign", "dossier edit", post_dossier_assign},
    {"POST", "dossiers/:id/status", "dossier edit", post_dossier_status},
    {"GET", "suppressions", "suppress", get_suppressions},
    {"POST", "suppressions", "suppress edit", post_suppression},
    {"POST", "suppressions/:id/end", "suppress edit", post_suppression_end},
    {"GET", "rules/effectiveness", "rules effectiveness", get_effectiveness},
    {"GET", "dashboard", "dashboard", get_dashboard},
    {"GET", "summary", "summary", get_summary},
};

const serve_route *serve_routes_workflow(size_t *n)
{
    *n = sizeof routes / sizeof *routes;
    return routes;
}
