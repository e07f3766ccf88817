/* The recertification campaigns' API handlers (README "Recertification"):
 * the campaigns with their progress, starting one, a campaign's page
 * (campaign, items with last use, history), deciding one item or many,
 * closing, the overdue items and the revocation list. Each parses, calls
 * one operation (ops/ops_recert.h) and renders through emit/. The
 * revocation list comes as {"csv": ...} and, like every answer, names
 * staff by pseudonym: the file with real accounts for the
 * identity-management system is the CLI's `recert export`. */
#include <stdlib.h>
#include <string.h>

#include "emit/emit_recert.h"
#include "normalise/ts.h"
#include "ops/ops_recert.h"
#include "serve/serve_api.h"

enum { IDS_MAX = 10000 };

static int answer(serve_resp *out, int status, buf *b, int rendered)
{
    if (rendered < 0) {
        buf_free(b);
        return serve_fail_oom(out);
    }
    return serve_ok(out, status, b);
}

/* A string member of the body: its value, NULL when absent or null;
 * *bad when it is something else. */
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

/* A whole number member of the body (0 when absent); *bad when it is
 * not one from 1 to max. */
static long long body_count(const serve_req *r, const char *key, long long max, int *bad)
{
    const cJSON *v = r->body ? cJSON_GetObjectItemCaseSensitive(r->body, key) : NULL;
    if (!v || cJSON_IsNull(v)) return 0;
    double d = cJSON_IsNumber(v) ? v->valuedouble : -1;
    if (d < 1 || d > (double)max || d != (double)(long long)d) {
        *bad = 1;
        return 0;
    }
    return (long long)d;
}

/* The campaign id of the path's first part. */
static int path_id(const serve_req *r, size_t i, const char *what, int64_t *id, werr *e)
{
    return ops_recert_id(what, r->params[i], id, e);
}

static int change_row(const store_recert_change *c, void *ctx)
{
    buf *b = ((void **)ctx)[0];
    int *first = ((void **)ctx)[1];
    int rc = *first ? 0 : buf_puts(b, ",");
    *first = 0;
    return rc | emit_recert_change(b, EMIT_JSONL, c);
}

/* {"campaign":{...},"items":[...],"history":[...]} (extra, when not NULL,
 * a member first: "\"changed\":3,"). */
static int campaign_page(serve_req *r, serve_resp *out, int64_t id, int status, const char *extra)
{
    werr e = {0};
    store_recert_campaign *c;
    store_recert_item *v;
    size_t nc, n;
    int undecided = serve_query(r, "undecided") && strcmp(serve_query(r, "undecided"), "1") == 0;
    if (ops_recert_campaigns(r->store, id, &c, &nc, &e) < 0) return serve_fail(out, &e);
    int64_t now = ts_now_ms();
    int late = ops_recert_overdue_count(c, now) > 0;
    if (ops_recert_items(r->store, id, undecided, &v, &n, &e) < 0) {
        store_recert_campaigns_free(c, nc);
        return serve_fail(out, &e);
    }
    buf b = {0};
    int rc = buf_puts(&b, "{");
    if (extra) rc |= buf_puts(&b, extra);
    rc |= buf_puts(&b, "\"campaign\":");
    rc |= emit_recert_campaign(&b, EMIT_JSONL, c, now);
    rc |= buf_puts(&b, ",\"items\":[");
    for (size_t i = 0; i < n; i++) {
        if (i) rc |= buf_puts(&b, ",");
        rc |= emit_recert_item(&b, EMIT_JSONL, &v[i], late && !*v[i].decision);
    }
    rc |= buf_puts(&b, "],\"history\":[");
    store_recert_campaigns_free(c, nc);
    store_recert_items_free(v, n);
    int first = 1;
    void *ctx[2] = {&b, &first};
    int got = ops_recert_history(r->store, id, change_row, ctx, &e);
    if (got < 0 && e.code) {
        buf_free(&b);
        return serve_fail(out, &e);
    }
    rc |= got | buf_puts(&b, "]}");
    return answer(out, status, &b, rc ? -1 : 0);
}

static int get_campaigns(serve_req *r, serve_resp *out)
{
    werr e = {0};
    store_recert_campaign *c;
    size_t n;
    if (ops_recert_campaigns(r->store, 0, &c, &n, &e) < 0) return serve_fail(out, &e);
    int64_t now = ts_now_ms();
    buf b = {0};
    int rc = buf_puts(&b, "{\"campaigns\":[");
    for (size_t i = 0; i < n; i++) {
        if (i) rc |= buf_puts(&b, ",");
        rc |= emit_recert_campaign(&b, EMIT_JSONL, &c[i], now);
    }
    store_recert_campaigns_free(c, n);
    rc |= buf_puts(&b, "]}");
    return answer(out, 200, &b, rc);
}

static int post_campaign(serve_req *r, serve_resp *out)
{
    int bad = 0;
    ops_recert_spec spec = {body_str(r, "title", &bad), body_str(r, "system", &bad),
                            body_str(r, "unit", &bad), body_str(r, "owner", &bad),
                            body_str(r, "due", &bad)};
    if (bad) return serve_fail_input(out, "title, system, unit, owner and due are strings");
    werr e = {0};
    int64_t id;
    if (ops_recert_start(r->store, r->who, &spec, ts_now_ms(), &id, &e) < 0)
        return serve_fail(out, &e);
    return campaign_page(r, out, id, 201, NULL);
}

static int get_campaign(serve_req *r, serve_resp *out)
{
    werr e = {0};
    int64_t id;
    if (path_id(r, 0, "campaign", &id, &e) < 0) return serve_fail(out, &e);
    return campaign_page(r, out, id, 200, NULL);
}

static int post_decide(serve_req *r, serve_resp *out)
{
    werr e = {0};
    int64_t id, item;
    if (path_id(r, 0, "campaign", &id, &e) < 0 || path_id(r, 1, "item", &item, &e) < 0)
        return serve_fail(out, &e);
    int bad = 0;
    const char *decision = body_str(r, "decision", &bad), *reason = body_str(r, "reason", &bad);
    if (bad) return serve_fail_input(out, "decision and reason are strings");
    if (ops_recert_decide(r->store, r->who, &id, item, decision, reason, ts_now_ms(), &e) < 0)
        return serve_fail(out, &e);
    return campaign_page(r, out, id, 200, NULL);
}

/* The body's "items": an array of item ids (numbers or their text), into
 * *ids (owned: free it). -1 with a message when it is something else. */
static int body_items(const serve_req *r, int64_t **ids, size_t *n, const char **why)
{
    const cJSON *v = r->body ? cJSON_GetObjectItemCaseSensitive(r->body, "items") : NULL;
    *ids = NULL;
    *n = 0;
    if (!v || cJSON_IsNull(v)) return 0;
    int len = cJSON_IsArray(v) ? cJSON_GetArraySize(v) : -1;
    if (len < 0) return *why = "items is an array of item ids", -1;
    if (len > IDS_MAX) return *why = "at most 10000 items at once", -1;
    if (len == 0) return 0;
    if (!(*ids = calloc((size_t)len, sizeof **ids))) return *why = "out of memory", -1;
    const cJSON *x;
    cJSON_ArrayForEach(x, v)
    {
        werr e = {0};
        int64_t *at = &(*ids)[(*n)++];
        int ok = cJSON_IsNumber(x)
                     ? x->valuedouble >= 1 && x->valuedouble < 9e15 &&
                           x->valuedouble == (double)(int64_t)x->valuedouble
                     : cJSON_IsString(x) && ops_recert_id("item", x->valuestring, at, &e) == 0;
        if (!ok) {
            free(*ids);
            *ids = NULL;
            *n = 0;
            *why = "items is an array of item ids";
            return -1;
        }
        if (cJSON_IsNumber(x)) *at = (int64_t)x->valuedouble;
    }
    return 0;
}

static int post_bulk(serve_req *r, serve_resp *out)
{
    werr e = {0};
    int64_t id;
    if (path_id(r, 0, "campaign", &id, &e) < 0) return serve_fail(out, &e);
    int bad = 0;
    ops_recert_bulk_spec b = {NULL,
                              0,
                              body_str(r, "decision", &bad),
                              body_str(r, "reason", &bad),
                              body_count(r, "unused_days", OPS_RECERT_DAYS_MAX, &bad),
                              body_count(r, "used_days", OPS_RECERT_DAYS_MAX, &bad)};
    if (bad)
        return serve_fail_input(out,
                                "decision and reason are strings; unused_days and used_days whole"
                                " numbers from 1 to 36500");
    int64_t *ids;
    const char *why;
    if (body_items(r, &ids, &b.n, &why) < 0) return serve_fail_input(out, why);
    b.items = ids;
    int64_t changed = 0;
    int rc = ops_recert_bulk(r->store, r->who, id, &b, ts_now_ms(), &changed, &e);
    free(ids);
    if (rc < 0) return serve_fail(out, &e);
    char extra[48];
    snprintf(extra, sizeof extra, "\"changed\":%lld,", (long long)changed);
    return campaign_page(r, out, id, 200, extra);
}

static int post_close(serve_req *r, serve_resp *out)
{
    werr e = {0};
    int64_t id;
    if (path_id(r, 0, "campaign", &id, &e) < 0) return serve_fail(out, &e);
    const cJSON *f = r->body ? cJSON_GetObjectItemCaseSensitive(r->body, "force") : NULL;
    if (f && !cJSON_IsBool(f) && !cJSON_IsNull(f))
        return serve_fail_input(out, "force is true or false");
    if (ops_recert_close(r->store, r->who, id, cJSON_IsTrue(f), ts_now_ms(), &e) < 0)
        return serve_fail(out, &e);
    return campaign_page(r, out, id, 200, NULL);
}

static int get_overdue(serve_req *r, serve_resp *out)
{
    werr e = {0};
    store_recert_campaign *c;
    store_recert_item *v;
    size_t nc, n;
    if (ops_recert_overdue(r->store, ts_now_ms(), &v, &n, &c, &nc, &e) < 0)
        return serve_fail(out, &e);
    buf b = {0};
    int rc = buf_puts(&b, "{\"items\":[");
    for (size_t i = 0, k = 0; i < n; i++)
        for (size_t j = 0; j < nc; j++) {
            if (c[j].id != v[i].campaign) continue;
            if (k++) rc |= buf_puts(&b, ",");
            rc |= emit_recert_overdue(&b, EMIT_JSONL, &v[i], &c[j]);
        }
    store_recert_items_free(v, n);
    store_recert_campaigns_free(c, nc);
    rc |= buf_puts(&b, "]}");
    return answer(out, 200, &b, rc);
}

static int get_export(serve_req *r, serve_resp *out)
{
    werr e = {0};
    int64_t id;
    if (path_id(r, 0, "campaign", &id, &e) < 0) return serve_fail(out, &e);
    store_recert_item *v;
    size_t n;
    if (ops_recert_revocations(r->store, id, &v, &n, &e) < 0) return serve_fail(out, &e);
    buf csv = {0}, b = {0};
    int rc = emit_recert_csv(&csv, v, n);
    store_recert_items_free(v, n);
    rc |= buf_printf(&b, "{\"campaign\":%lld,\"rows\":%zu,\"csv\":", (long long)id, n);
    rc |= buf_json_str(&b, csv.data ? (const char *)csv.data : "");
    rc |= buf_puts(&b, "}");
    buf_free(&csv);
    return answer(out, 200, &b, rc);
}

static const serve_route routes[] = {
    {"GET", "recert", "recert list", get_campaigns},
    {"POST", "recert", "recert start", post_campaign},
    {"GET", "recert/overdue", "recert overdue", get_overdue},
    {"GET", "recert/:id", "recert items", get_campaign},
    {"POST", "recert/:id/items/:item", "recert decide", post_decide},
    {"POST", "recert/:id/bulk", "recert bulk", post_bulk},
    {"POST", "recert/:id/close", "recert close", post_close},
    {"GET", "recert/:id/export", "recert items", get_export},
};

const serve_route *serve_routes_recert(size_t *n)
{
    *n = sizeof routes / sizeof *routes;
    return routes;
}
