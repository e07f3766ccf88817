/* api_read — the workbench's investigations and privacy under /api/v1/
 * (docs/api.md "Investigations and privacy"): each handler parses the
 * request, calls the operation the CLI's command calls (or the page's
 * own: ops_person, inv_subject_page_load, inv_protocol_letter) and
 * renders through emit/. The server has checked the role (each route's
 * action is the CLI's for the same thing) and records the call. */
#include <stdlib.h>
#include <string.h>

#include "detect/rules.h"
#include "emit/emit_api.h"
#include "emit/emit_audit.h"
#include "emit/emit_converge.h"
#include "emit/emit_correlate.h"
#include "emit/emit_person.h"
#include "emit/emit_privacy.h"
#include "emit/emit_protocol.h"
#include "emit/emit_risk.h"
#include "emit/emit_rules.h"
#include "emit/emit_timeline.h"
#include "emit/emit_unmask.h"
#include "emit/emit_who.h"
#include "input/refload.h"
#include "investigate/correlate.h"
#include "investigate/incident_alerts.h"
#include "investigate/protocol.h"
#include "investigate/subject.h"
#include "investigate/timeline.h"
#include "normalise/ts.h"
#include "ops/ops_audit.h"
#include "ops/ops_converge.h"
#include "ops/ops_person.h"
#include "ops/ops_privacy.h"
#include "ops/ops_rules.h"
#include "ops/ops_unmask.h"
#include "serve/serve_api.h"

/* Limits of what a client may ask for. */
enum {
    RISK_LIMIT_MAX = 1000,
    INCIDENTS_MAX = 10000, /* incidents in one correlate request */
    LOOKBACK_DAYS_MAX = 36500,
    SUBJECT_MAX = 256,            /* bytes of a subject's id in a path */
    TIMELINE_NEWEST_MAX = 100000, /* look-ups on one page of a timeline */
};

/* ------------------------------------------------------------- helpers */

/* Answers e (a refusal or a failure). */
static int fail(serve_resp *out, const werr *e)
{
    return serve_fail(out, e);
}

/* Answers WERR_INPUT with the message. */
static int bad(serve_resp *out, const char *fmt, const char *what)
{
    werr e = {0};
    werr_set(&e, WERR_INPUT, fmt, what);
    return serve_fail(out, &e);
}

/* Answers the JSON in b (200); rendered: what the emit_* calls returned. */
static int answer(serve_resp *out, int rendered, buf *b)
{
    if (rendered < 0) {
        buf_free(b);
        return -1;
    }
    int rc = serve_ok(out, 200, b);
    buf_free(b);
    return rc;
}

/* Answers {"key":[the lines of jsonl]}, with "total":total when total is
 * not negative (a page of a longer list); rendered as for answer. */
static int answer_page(serve_resp *out, const char *key, int rendered, buf *jsonl, long long total)
{
    buf arr = {0}, b = {0};
    if (rendered == 0) rendered = serve_jsonl_array(jsonl, &arr);
    if (rendered == 0)
        rendered =
            total < 0 ? emit_api_wrap(&b, key, &arr) : emit_api_wrap_total(&b, key, &arr, total);
    buf_free(jsonl);
    buf_free(&arr);
    return answer(out, rendered, &b);
}

static int answer_lines(serve_resp *out, const char *key, int rendered, buf *jsonl)
{
    return answer_page(out, key, rendered, jsonl, -1);
}

/* Answers the one JSON Lines object in b as an object. */
static int answer_line(serve_resp *out, int rendered, buf *b)
{
    while (rendered == 0 && b->len && b->data[b->len - 1] == '\n')
        b->data[--b->len] = 0;
    return answer(out, rendered, b);
}

/* The query's period: from= and to= (2026-03-02, RFC 3339 or epoch ms;
 * a date as to= is its last ms). 0, or -1 with e. */
/* A parameter: the body's string member name on a POST (where a
 * citizen's id goes, out of the URL), else the query's; NULL when
 * absent. */
static const char *value(const serve_req *r, const char *name)
{
    if (r->body) {
        const cJSON *v = cJSON_GetObjectItemCaseSensitive(r->body, name);
        return cJSON_IsString(v) ? v->valuestring : NULL;
    }
    return serve_query(r, name);
}

static int period(const serve_req *r, int64_t *from, int64_t *to, werr *e)
{
    const char *names[2] = {"from", "to"};
    int64_t *v[2] = {from, to};
    *from = 0;
    *to = INT64_MAX;
    for (int i = 0; i < 2; i++) {
        const char *s = value(r, names[i]);
        long long ms;
        if (!s || !*s) continue;
        if (refload_time(s, i, &ms) != 1)
            return werr_set(e, WERR_INPUT,
                            "%s takes a time (2026-03-02, 2026-03-02T09:00:00Z or epoch ms), not"
                            " '%.40s'",
                            names[i], s);
        *v[i] = ms;
    }
    if (*from > *to) return werr_set(e, WERR_INPUT, "from is after to: no time lies between them");
    return 0;
}

/* A whole number lo..hi from the query's name (dflt when absent). 0, or
 * -1 with e. */
static int count(const serve_req *r, const char *name, long lo, long hi, long dflt, long *out,
                 werr *e)
{
    const char *s = serve_query(r, name);
    *out = dflt;
    if (!s || !*s) return 0;
    char *end;
    long v = strtol(s, &end, 10);
    if (*end || v < lo || v > hi)
        return werr_set(e, WERR_INPUT, "%s takes a whole number from %ld to %ld, not '%.40s'", name,
                        lo, hi, s);
    *out = v;
    return 0;
}

/* Whether the query's name is set to 1 (or "true"). */
static int flag(const serve_req *r, const char *name)
{
    const char *s = serve_query(r, name);
    return s && (strcmp(s, "1") == 0 || strcmp(s, "true") == 0);
}

/* A string member of the body, NULL when absent; -1 with e when it is
 * there but not a string. */
static int body_str(const serve_req *r, const char *name, const char **out, werr *e)
{
    const cJSON *v = r->body ? cJSON_GetObjectItemCaseSensitive(r->body, name) : NULL;
    *out = NULL;
    if (!v || cJSON_IsNull(v)) return 0;
    if (!cJSON_IsString(v)) return werr_set(e, WERR_INPUT, "%s must be a string", name);
    *out = v->valuestring;
    return 0;
}

/* The subject a path names: an id as it is, or an employee's pseudonym
 * for their own record as a citizen (as the CLI's who-accessed and
 * protocol take it), into out (size n). 0, or -1 with e. */
static int subject_arg(const serve_req *r, const char *given, char *out, size_t n, werr *e)
{
    if (!given || !*given)
        return werr_set(e, WERR_INPUT, "the body names no subject: {\"subject\": ID}");
    const char *actor;
    if (serve_actor_arg(r, given, &actor, e) < 0) return -1;
    if (strcmp(actor, given) != 0) return ops_person_record(r->store, actor, out, n, e);
    if (strlen(given) >= n) return werr_set(e, WERR_INPUT, "the subject's id is too long");
    memcpy(out, given, strlen(given) + 1);
    return 0;
}

/* ---------------------------------------------------------------- risk */

static int h_risk(serve_req *r, serve_resp *out)
{
    werr e = {0};
    long limit;
    if (count(r, "limit", 1, RISK_LIMIT_MAX, 50, &limit, &e) < 0) return fail(out, &e);
    double min = flag(r, "all") ? 0 : RISK_MIN_SCORE;
    risk_row *rows;
    size_t n;
    if (risk_rank(r->store, 0, 0, &rows, &n, &e) < 0) return fail(out, &e);
    size_t listed = risk_listed(rows, n, min);
    size_t shown = (size_t)limit < listed ? (size_t)limit : listed;
    buf b = {0};
    int rc = emit_risk(&b, EMIT_JSONL, rows, shown, n - listed, min);
    risk_free(rows, n);
    return answer_lines(out, "people", rc, &b);
}

/* -------------------------------------------------------------- people */

static int h_person(serve_req *r, serve_resp *out)
{
    werr e = {0};
    const char *actor;
    if (serve_actor_arg(r, r->params[0], &actor, &e) < 0) return fail(out, &e);
    ops_person_page p = {0};
    const risk_row *rows = NULL;
    size_t n = 0;
    if (serve_risk_list(r, &rows, &n, &e) < 0) return fail(out, &e);
    if ((rows ? ops_person_ranked(r->store, actor, rows, n, &p, &e)
              : ops_person(r->store, actor, &p, &e)) < 0) {
        ops_person_free(&p);
        return fail(out, &e);
    }
    buf b = {0};
    int rc = emit_person(&b, &p);
    ops_person_free(&p);
    return answer(out, rc, &b);
}

static int h_timeline(serve_req *r, serve_resp *out)
{
    werr e = {0};
    const char *actor;
    int64_t from, to;
    if (serve_actor_arg(r, r->params[0], &actor, &e) < 0 || period(r, &from, &to, &e) < 0)
        return fail(out, &e);
    long newest;
    if (count(r, "newest", 1, TIMELINE_NEWEST_MAX, 0, &newest, &e) < 0) return fail(out, &e);
    inv_timeline_opts o = {flag(r, "unexplained"), flag(r, "with_alerts"), (size_t)newest};
    inv_timeline t = {0};
    if (inv_timeline_query(r->store, actor, from, to, &o, &t, &e) < 0) {
        inv_timeline_free(&t);
        return fail(out, &e);
    }
    buf b = {0};
    int rc = emit_timeline_ids(&b, EMIT_JSONL, actor, &t);
    long long total = (long long)t.total;
    inv_timeline_free(&t);
    return answer_page(out, "events", rc, &b, total);
}

/* ------------------------------------------------------------ subjects */

static int h_subject(serve_req *r, serve_resp *out)
{
    werr e = {0};
    int64_t from, to;
    char subject[SUBJECT_MAX];
    if (period(r, &from, &to, &e) < 0 ||
        subject_arg(r, value(r, "subject"), subject, sizeof subject, &e) < 0)
        return fail(out, &e);
    inv_subject_page p = {0};
    if (inv_subject_page_load(r->store, subject, from, to, &p, &e) < 0) {
        inv_subject_page_free(&p);
        return fail(out, &e);
    }
    buf b = {0};
    int rc = emit_subject_page(&b, &p);
    inv_subject_page_free(&p);
    return answer(out, rc, &b);
}

/* ----------------------------------------------------------- correlate */

/* One incident of the body: {"subject","ts"} with "id" and "kind"
 * optional; ts a time as from= takes, or epoch ms as a number. */
static int body_incident(const cJSON *x, size_t i, inv_incidents *inc, werr *e)
{
    const cJSON *subj = cJSON_GetObjectItemCaseSensitive(x, "subject");
    const cJSON *ts = cJSON_GetObjectItemCaseSensitive(x, "ts");
    const cJSON *id = cJSON_GetObjectItemCaseSensitive(x, "id");
    const cJSON *kind = cJSON_GetObjectItemCaseSensitive(x, "kind");
    if (!cJSON_IsObject(x) || !cJSON_IsString(subj) || !*subj->valuestring)
        return werr_set(e, WERR_INPUT, "incident %zu: needs a subject (a string)", i + 1);
    long long ms = 0;
    if (cJSON_IsNumber(ts))
        ms = (long long)ts->valuedouble;
    else if (!cJSON_IsString(ts) || refload_time(ts->valuestring, 0, &ms) != 1)
        ms = -1;
    if (ms < 0 || ts_check_ms(ms) != TS_OK)
        return werr_set(e, WERR_INPUT,
                        "incident %zu: ts must be a time (2026-03-02T09:00:00Z or epoch ms)",
                        i + 1);
    char name[32];
    snprintf(name, sizeof name, "body-%zu", i + 1);
    inv_incident v = {cJSON_IsString(id) && *id->valuestring ? id->valuestring : name,
                      subj->valuestring, cJSON_IsString(kind) ? kind->valuestring : "", ms};
    if (inv_incidents_add(inc, &v) < 0) return werr_set(e, WERR_INTERNAL, "out of memory");
    return 0;
}

/* The body's incidents and look-back ("days"). 0, or -1 with e. */
static int body_incidents(const serve_req *r, inv_incidents *inc, inv_corr_opts *o, werr *e)
{
    const cJSON *list = r->body ? cJSON_GetObjectItemCaseSensitive(r->body, "incidents") : NULL;
    const cJSON *days = r->body ? cJSON_GetObjectItemCaseSensitive(r->body, "days") : NULL;
    if (!cJSON_IsArray(list))
        return werr_set(e, WERR_INPUT, "incidents must be a list of {\"subject\",\"ts\"}");
    int n = cJSON_GetArraySize(list);
    if (n == 0 || n > INCIDENTS_MAX)
        return werr_set(e, WERR_INPUT, "incidents must hold 1 to %d incidents, not %d",
                        INCIDENTS_MAX, n);
    if (days && !cJSON_IsNull(days)) {
        if (!cJSON_IsNumber(days) || days->valuedouble < 1 ||
            days->valuedouble > LOOKBACK_DAYS_MAX || days->valuedouble != (double)days->valueint)
            return werr_set(e, WERR_INPUT, "days takes a whole number from 1 to %d",
                            LOOKBACK_DAYS_MAX);
        o->lookback = (int64_t)days->valueint * TS_DAY_MS;
    }
    for (int i = 0; i < n; i++)
        if (body_incident(cJSON_GetArrayItem(list, i), (size_t)i, inc, e) < 0) return -1;
    return 0;
}

static int h_correlate(serve_req *r, serve_resp *out)
{
    werr e = {0};
    inv_corr_opts o = {INV_LOOKBACK_MS, 0.25};
    inv_incidents inc = {0};
    inv_correlation c = {0};
    int rc = 0;
    /* POST: the body's incidents; GET: the stored ones. */
    if (strcmp(r->method, "POST") == 0 ? body_incidents(r, &inc, &o, &e) < 0
                                       : inv_incidents_stored(r->store, &inc, &e) < 0)
        goto refuse;
    if (inc.n == 0) {
        werr_set(&e, WERR_NOT_FOUND, "no incidents stored (send them: POST correlate)");
        goto refuse;
    }
    if (inv_correlate(r->store, &inc, &o, &c, &e) < 0) goto refuse;
    buf b = {0}, arr = {0};
    rc = emit_correlate(&b, EMIT_JSONL, &inc, &o, &c, 0);
    if (rc == 0) rc = serve_jsonl_array(&b, &arr);
    buf_free(&b);
    rc = answer(out, rc, &arr);
    goto done;
refuse:
    rc = fail(out, &e);
done:
    inv_correlation_free(&c);
    inv_incidents_free(&inc);
    return rc;
}

static int h_convergence(serve_req *r, serve_resp *out)
{
    werr e = {0};
    inv_conv_opts o = {-1, INT64_MAX, 3, 5, 0, 30, 0.01};
    int64_t from, to;
    if (period(r, &from, &to, &e) < 0) return fail(out, &e);
    if (serve_query(r, "from")) o.from = from;
    o.to = to;
    inv_convergence v = {0};
    if (ops_converge(r->store, &o, &v, &e) < 0) {
        inv_convergence_free(&v);
        return fail(out, &e);
    }
    buf b = {0};
    int rc = emit_converge(&b, EMIT_JSONL, &o, &v);
    inv_convergence_free(&v);
    return answer_lines(out, "groups", rc, &b);
}

/* ------------------------------------------------------------ protocol */

typedef struct letter {
    buf b;
    int n, rc;
} letter;

static int letter_row(const inv_letter_row *row, void *ctx)
{
    letter *l = ctx;
    l->rc |= emit_letter_row(&l->b, row, l->n++ == 0);
    return l->rc;
}

static int h_protocol(serve_req *r, serve_resp *out)
{
    werr e = {0};
    int64_t from, to;
    char subject[SUBJECT_MAX];
    if (period(r, &from, &to, &e) < 0 ||
        subject_arg(r, value(r, "subject"), subject, sizeof subject, &e) < 0)
        return fail(out, &e);
    letter l = {{0}, 0, 0};
    l.rc = emit_letter_begin(&l.b, subject, from, to);
    if (l.rc == 0) {
        int rc = inv_protocol_letter(r->store, subject, from, to, letter_row, &l, &e);
        if (rc < 0 && l.rc == 0) {
            buf_free(&l.b);
            return fail(out, &e);
        }
    }
    if (l.rc == 0) l.rc = emit_letter_end(&l.b);
    return answer(out, l.rc, &l.b);
}

/* -------------------------------------------------------------- unmask */

typedef struct lines {
    buf b;
    int rc;
} lines;

static int unmask_line(const ops_unmask_row *row, void *ctx)
{
    lines *l = ctx;
    return l->rc |= emit_unmask_row(&l->b, EMIT_JSONL, row);
}

static int h_unmask_list(serve_req *r, serve_resp *out)
{
    werr e = {0};
    int all = ops_access_check(r->who, "unmask all", &(werr){0}) == 0;
    lines l = {{0}, 0};
    if (ops_unmask_list(r->store, all ? NULL : r->who->name, ts_now_ms(), unmask_line, &l, &e) <
            0 &&
        l.rc == 0) {
        buf_free(&l.b);
        return fail(out, &e);
    }
    return answer_lines(out, "requests", l.rc, &l.b);
}

static int h_unmask_request(serve_req *r, serve_resp *out)
{
    werr e = {0};
    const char *pseudonym, *reason, *about, *actor;
    if (body_str(r, "pseudonym", &pseudonym, &e) < 0 || body_str(r, "reason", &reason, &e) < 0 ||
        body_str(r, "about", &about, &e) < 0)
        return fail(out, &e);
    if (!pseudonym || !*pseudonym) return bad(out, "%s", "whose? (pseudonym: emp-...)");
    if (serve_actor_arg(r, pseudonym, &actor, &e) < 0) return fail(out, &e);
    int64_t id;
    if (ops_unmask_request(r->store, r->who->name, actor, reason ? reason : "", about ? about : "",
                           ts_now_ms(), &id, &e) < 0)
        return fail(out, &e);
    buf b = {0};
    return answer_line(
        out,
        emit_unmask_done(&b, EMIT_JSONL, id, "requested; another account decides (unmask approve)"),
        &b);
}

/* approve: 1 approves, 0 refuses (with the body's "reason" as note). */
static int decide(serve_req *r, serve_resp *out, int approve)
{
    werr e = {0};
    char *end;
    long long id = strtoll(r->params[0], &end, 10);
    if (*end || id <= 0) return bad(out, "'%.40s' is not a request number", r->params[0]);
    const char *note;
    if (body_str(r, approve ? "note" : "reason", &note, &e) < 0) return fail(out, &e);
    int may = ops_access_check(r->who, "unmask approve", &(werr){0}) == 0;
    if (ops_unmask_decide(r->store, r->who->name, may, id, approve, note ? note : "",
                          OPS_UNMASK_DAYS, ts_now_ms(), &e) < 0)
        return fail(out, &e);
    char what[96] = "refused";
    if (approve) snprintf(what, sizeof what, "approved for %d days", OPS_UNMASK_DAYS);
    buf b = {0};
    return answer_line(out, emit_unmask_done(&b, EMIT_JSONL, id, what), &b);
}

static int h_unmask_approve(serve_req *r, serve_resp *out)
{
    return decide(r, out, 1);
}

static int h_unmask_refuse(serve_req *r, serve_resp *out)
{
    return decide(r, out, 0);
}

/* --------------------------------------------------------------- audit */

static int audit_line(const store_audit_entry *en, void *ctx)
{
    lines *l = ctx;
    return l->rc |= emit_audit_entry(&l->b, EMIT_JSONL, en);
}

static int h_audit(serve_req *r, serve_resp *out)
{
    werr e = {0};
    int64_t from, to;
    if (period(r, &from, &to, &e) < 0) return fail(out, &e);
    const char *account = serve_query(r, "account");
    lines l = {{0}, 0};
    if (ops_audit_each(r->store, from, to, account && *account ? account : NULL, audit_line, &l,
                       &e) < 0 &&
        l.rc == 0) {
        buf_free(&l.b);
        return fail(out, &e);
    }
    return answer_lines(out, "entries", l.rc, &l.b);
}

static int h_audit_verify(serve_req *r, serve_resp *out)
{
    werr e = {0};
    ops_audit_check c;
    if (ops_audit_verify(r->store, NULL, &c, &e) < 0) return fail(out, &e);
    buf b = {0};
    return answer(out, emit_audit_verify_api(&b, &c), &b);
}

static int h_privacy(serve_req *r, serve_resp *out)
{
    werr e = {0};
    int64_t from, to;
    if (period(r, &from, &to, &e) < 0) return fail(out, &e);
    ops_privacy p;
    if (ops_privacy_report(r->store, from, to, ts_now_ms(), &p, &e) < 0) return fail(out, &e);
    buf b = {0};
    return answer_line(out, emit_privacy(&b, EMIT_JSONL, &p), &b);
}

/* --------------------------------------------------------------- rules */

static int h_rules(serve_req *r, serve_resp *out)
{
    werr e = {0};
    rule_conf *conf = NULL;
    ops_notes notes = {NULL, NULL};
    if (ops_rules_conf(r->store, &notes, &conf, &e) < 0) return fail(out, &e);
    size_t n;
    const rule_def *const *all = rules_all(&n);
    buf b = {0};
    int rc = 0;
    for (size_t i = 0; i < n && rc == 0; i++)
        rc = emit_rule(&b, EMIT_JSONL, all[i], conf);
    rule_conf_free(conf);
    return answer_lines(out, "rules", rc, &b);
}

/* --------------------------------------------------------------- table */

static const serve_route routes[] = {
    {"GET", "risk", "risk", h_risk},
    {"GET", "people/:actor", "person", h_person},
    {"GET", "people/:actor/timeline", "timeline", h_timeline},
    /* A citizen's id in the body, never in the URL (browser history, a
     * proxy's log): POST, though they change nothing. */
    {"POST", "subject", "who-accessed", h_subject},
    {"GET", "correlate", "correlate", h_correlate},
    {"POST", "correlate", "correlate", h_correlate},
    {"GET", "convergence", "convergence", h_convergence},
    {"POST", "protocol", "protocol", h_protocol},
    {"GET", "unmask", "unmask list", h_unmask_list},
    {"POST", "unmask", "unmask request", h_unmask_request},
    {"POST", "unmask/:id/approve", "unmask approve", h_unmask_approve},
    {"POST", "unmask/:id/refuse", "unmask refuse", h_unmask_refuse},
    {"GET", "audit", "audit", h_audit},
    {"GET", "audit/verify", "audit verify", h_audit_verify},
    {"GET", "privacy-report", "privacy-report", h_privacy},
    {"GET", "rules", "rules", h_rules},
};

const serve_route *serve_routes_read(size_t *n)
{
    *n = sizeof routes / sizeof *routes;
    return routes;
}
