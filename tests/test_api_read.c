/* The workbench's investigations and privacy API (issue 35,
 * src/serve/api_read.c): each route's handler called directly on a small
 * organisation built through the real code path (wachter load + ingest),
 * asserting what an analyst sees: the person page's fields, the timeline's
 * filters, the subject page's explained and unexplained accesses and the
 * neighbours, the citizen's letter without employee or case number,
 * correlation with incidents sent in the body, four eyes on unmasking,
 * and the refusals of bad input.
 *
 * The server (serve.c) is built elsewhere: the few serve_api.h functions
 * a handler calls are defined here, as the contract describes them. */
#include "testutil.h"

#include <cJSON.h>

#include "normalise/ts.h"
#include "serve/serve_api.h"
#include "store/store_alerts.h"

#define DAY INT64_C(86400000)
#define T0 INT64_C(1767225600000) /* 2026-01-01T00:00:00Z */
#define HOUR INT64_C(3600000)

/* ------------------------------------------------- the server's part */

/* What r->impl holds here: the query string's pairs. */
typedef struct query {
    const char *k[8], *v[8];
    int n;
} query;

const char *serve_query(const serve_req *r, const char *name)
{
    const query *q = r->impl;
    for (int i = 0; q && i < q->n; i++)
        if (strcmp(q->k[i], name) == 0) return q->v[i];
    return NULL;
}

int serve_actor_arg(const serve_req *r, const char *given, const char **actor, werr *e)
{
    (void)r;
    *actor = given;
    /* Here the pseudonym of an account is "emp-" and its id. */
    if (strncmp(given, "emp-", 4) != 0) return 0;
    if (strcmp(given, "emp-snoop") == 0 || strcmp(given, "emp-clerk1") == 0) {
        *actor = given + 4;
        return 0;
    }
    return werr_set(e, WERR_NOT_FOUND, "unknown pseudonym %s", given);
}

/* No risk list kept here: the handler ranks itself. */
int serve_risk_list(const serve_req *r, const risk_row **rows, size_t *n, werr *e)
{
    (void)r, (void)e;
    *rows = NULL;
    *n = 0;
    return 0;
}

int serve_ok(serve_resp *out, int status, buf *b)
{
    out->status = status;
    out->body = *b;
    memset(b, 0, sizeof *b);
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

int serve_jsonl_array(const buf *jsonl, buf *out)
{
    int rc = buf_puts(out, "[");
    const char *p = jsonl->len ? jsonl->data : "", *end = p + jsonl->len;
    int first = 1;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
        if (n) {
            rc |= first ? 0 : buf_puts(out, ",");
            rc |= buf_put(out, p, n);
            first = 0;
        }
        p += n + 1;
    }
    return rc | buf_puts(out, "]");
}

/* ------------------------------------------------------------ fixture */

typedef struct fx {
    char *dir;
    store *s;
} fx;

static const char *day_time(int day, int hour, char out[32])
{
    ts_format(T0 + day * DAY + hour * HOUR, out);
    return out;
}

static void ev(FILE *f, const char *id, const char *actor, int day, int hour, const char *subject,
               const char *kase, const char *purpose)
{
    fprintf(f,
            "{\"id\":\"%s\",\"ts\":%lld,\"actor\":\"%s\",\"system\":\"brp\",\"action\":\"view\","
            "\"subject\":\"%s\",\"subject_type\":\"person\",\"case\":\"%s\",\"purpose\":\"%s\"}\n",
            id, (long long)(T0 + day * DAY + hour * HOUR), actor, subject, kase, purpose);
}

/* clerk1 (burgerzaken) looks up S1 under case Z-77 of her unit; snoop
 * (handhaving) looks up S1 and S2, who live at one address, without a
 * case; five busy clerks look up many others. */
static int setup(void **state)
{
    fx *f = calloc(1, sizeof *f);
    f->dir = tu_tmpdir();
    tu_write(f->dir, "actors.csv",
             "actor,unit,role,start,end,person\n"
             "clerk1,burgerzaken,baliemedewerker,2020-01-01,,\n"
             "snoop,handhaving,handhaver,2020-01-01,,S3\n"
             "busy1,belastingen,medewerker,2020-01-01,,\n"
             "busy2,belastingen,medewerker,2020-01-01,,\n"
             "busy3,sociaal,medewerker,2020-01-01,,\n"
             "busy4,sociaal,medewerker,2020-01-01,,\n"
             "busy5,archief,medewerker,2020-01-01,,\n");
    tu_write(f->dir, "cases.csv", "case,subject,opened,closed\nZ-77,S1,2026-01-01,\n");
    tu_write(f->dir, "case_assignments.csv",
             "case,assignee,from,to\nZ-77,unit:burgerzaken,2026-01-01,\n");
    char path[600];
    snprintf(path, sizeof path, "%s/subjects.csv", f->dir);
    FILE *sub = fopen(path, "w");
    assert_non_null(sub);
    fputs("subject,surname,postcode,house_number\nS1,jansen,1234AB,1\nS2,jansen,1234AB,1\n"
          "S3,pietersen,5678CD,2\n",
          sub);
    for (int i = 0; i < 2000; i++)
        fprintf(sub, "P%04d,n%d,%04dXY,%d\n", i, i, 1000 + i % 8000, i + 3);
    fclose(sub);
    snprintf(path, sizeof path, "%s/events.jsonl", f->dir);
    FILE *e = fopen(path, "w");
    assert_non_null(e);
    char id[32];
    for (int d = 0; d < 10; d++)
        for (int b = 1; b <= 5; b++)
            for (int k = 0; k < 30; k++) {
                char actor[16], subj[16];
                snprintf(id, sizeof id, "b%d-%d-%d", b, d, k);
                snprintf(actor, sizeof actor, "busy%d", b);
                snprintf(subj, sizeof subj, "P%04d", (b * 397 + d * 31 + k * 7) % 2000);
                ev(e, id, actor, d, 8 + k % 8, subj, "", "taak");
            }
    ev(e, "e1", "clerk1", 5, 10, "S1", "Z-77", "aanvraag paspoort");
    ev(e, "e2", "snoop", 6, 11, "S1", "", "controle");
    ev(e, "e3", "snoop", 6, 12, "S2", "", "controle");
    ev(e, "e4", "clerk1", 7, 9, "S1", "Z-77", "zie Z-77");
    fclose(e);
    tu_run r = tu_wachter(f->dir, "load", f->dir, NULL);
    if (r.code != 0) fail_msg("load: %s", r.err);
    tu_free(&r);
    r = tu_wachter(f->dir, "ingest", path, NULL);
    if (r.code != 0) fail_msg("ingest: %s", r.err);
    tu_free(&r);
    snprintf(path, sizeof path, "%s/t.db", f->dir);
    assert_int_equal(store_open(path, &f->s, &(werr){0}), 0);
    /* The alert an analyst cites: snoop's look-up of S1. */
    const char *evs[] = {"e2"}, *subs[] = {"S1"};
    store_alert a = {.id = "A-TEST",
                     .actor = "snoop",
                     .rule = "unexplained",
                     .reason = "looked up S1 without a case",
                     .ts = T0 + 6 * DAY + 11 * HOUR,
                     .severity = 3,
                     .score = 60,
                     .events = evs,
                     .subjects = subs,
                     .n = 1};
    int is_new;
    assert_int_equal(store_put_alert(f->s, &a, &is_new), 0);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fx *f = *state;
    store_close(f->s);
    tu_rmdir(f->dir);
    free(f);
    return 0;
}

/* Calls the route method pattern as who (role), with the query's pairs
 * ("k=v" strings, NULL-ended) and body (JSON text or NULL); returns the
 * status and the parsed body in *json (owned). */
static int call(fx *f, const char *method, const char *pattern, const char *param,
                const char *account, ops_role role, const char *body, cJSON **json, ...)
{
    size_t n;
    const serve_route *routes = serve_routes_read(&n), *rt = NULL;
    for (size_t i = 0; i < n; i++)
        if (strcmp(routes[i].method, method) == 0 && strcmp(routes[i].pattern, pattern) == 0)
            rt = &routes[i];
    if (!rt) fail_msg("no route %s %s", method, pattern);
    ops_actor who = {{0}, role};
    snprintf(who.name, sizeof who.name, "%s", account);
    /* The server's check of the route's action. */
    werr e = {0};
    serve_resp out = {0};
    cJSON *parsed = body ? cJSON_Parse(body) : NULL;
    if (body) assert_non_null(parsed);
    query q = {0};
    char *kv[8] = {0};
    va_list ap;
    va_start(ap, json);
    for (const char *p; q.n < 8 && (p = va_arg(ap, const char *));) {
        kv[q.n] = strdup(p);
        char *eq = strchr(kv[q.n], '=');
        assert_non_null(eq);
        *eq = 0;
        q.k[q.n] = kv[q.n];
        q.v[q.n] = eq + 1;
        q.n++;
    }
    va_end(ap);
    if (ops_access_check(&who, rt->action, &e) < 0) {
        serve_fail(&out, &e);
    } else {
        serve_req r = {method, pattern, parsed, f->s, &who, {param}, param ? 1 : 0, &q};
        assert_int_equal(rt->fn(&r, &out), 0);
    }
    for (int i = 0; i < q.n; i++)
        free(kv[i]);
    cJSON_Delete(parsed);
    assert_non_null(out.body.data);
    *json = cJSON_Parse(out.body.data);
    if (!*json) fail_msg("not JSON: %s", out.body.data);
    int status = out.status;
    if (getenv("API_READ_VERBOSE"))
        fprintf(stderr, "%s %s -> %d %s\n", method, pattern, status, out.body.data);
    buf_free(&out.body);
    return status;
}

static const char *str(const cJSON *o, const char *k)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

static const cJSON *get(const cJSON *o, const char *k)
{
    return cJSON_GetObjectItemCaseSensitive(o, k);
}

/* The error of a refusal. */
static const char *error_of(const cJSON *j)
{
    const char *m = str(j, "error");
    return m ? m : "";
}

/* --------------------------------------------------------------- tests */

static void test_person_page(void **state)
{
    fx *f = *state;
    cJSON *j;
    assert_int_equal(
        call(f, "GET", "people/:actor", "snoop", "ann", OPS_ROLE_ANALYST, NULL, &j, NULL), 200);
    assert_string_equal(str(j, "actor"), "snoop");
    assert_string_equal(str(j, "unit"), "handhaving");
    assert_string_equal(str(j, "role"), "handhaver");
    assert_true(cJSON_IsTrue(get(j, "registered")));
    const cJSON *risk = get(j, "risk");
    assert_true(cJSON_IsNumber(get(risk, "rank")));
    assert_true(get(risk, "score")->valuedouble > 0);
    int found = 0;
    const cJSON *a;
    cJSON_ArrayForEach(a, get(j, "alerts")) found |= strcmp(str(a, "id"), "A-TEST") == 0;
    assert_true(found);
    /* Risk over time: one entry a day, the day of A-TEST weighing its 60. */
    const cJSON *days = get(j, "risk_over_time"), *d;
    assert_true(cJSON_GetArraySize(days) >= 1);
    found = 0;
    cJSON_ArrayForEach(d, days) if (strcmp(str(d, "day"), "2026-01-07") == 0) found =
        get(d, "score")->valuedouble >= 60;
    assert_true(found);
    cJSON_Delete(j);
}

/* read-api.person-unknown */
static void test_person_unknown(void **state)
{
    fx *f = *state;
    cJSON *j;
    assert_int_equal(
        call(f, "GET", "people/:actor", "nobody", "ann", OPS_ROLE_ANALYST, NULL, &j, NULL), 404);
    assert_non_null(strstr(error_of(j), "nobody"));
    cJSON_Delete(j);
    /* The person page is for those who look at staff: an auditor may not. */
    assert_int_equal(
        call(f, "GET", "people/:actor", "snoop", "aud", OPS_ROLE_AUDITOR, NULL, &j, NULL), 403);
    cJSON_Delete(j);
}

/* The accesses of a timeline response, with their event ids. */
static int accesses(const cJSON *j, const char *event, int *with_event)
{
    int n = 0;
    const cJSON *x;
    *with_event = 0;
    cJSON_ArrayForEach(x, get(j, "events"))
    {
        if (strcmp(str(x, "type"), "access") != 0) continue;
        n++;
        if (event && strcmp(str(x, "event"), event) == 0) *with_event = 1;
    }
    return n;
}

static void test_timeline_filters(void **state)
{
    fx *f = *state;
    cJSON *j;
    int has;
    /* clerk1's two look-ups are explained by Z-77: the filter drops them. */
    assert_int_equal(
        call(f, "GET", "people/:actor/timeline", "clerk1", "ann", OPS_ROLE_ANALYST, NULL, &j, NULL),
        200);
    assert_int_equal(accesses(j, "e1", &has), 2);
    assert_true(has);
    cJSON_Delete(j);
    assert_int_equal(call(f, "GET", "people/:actor/timeline", "clerk1", "ann", OPS_ROLE_ANALYST,
                          NULL, &j, "unexplained=1", NULL),
                     200);
    assert_int_equal(accesses(j, NULL, &has), 0);
    cJSON_Delete(j);
    /* snoop's look-up of S1 is unexplained and cited by A-TEST. */
    assert_int_equal(call(f, "GET", "people/:actor/timeline", "snoop", "ann", OPS_ROLE_ANALYST,
                          NULL, &j, "unexplained=1", "with_alerts=1", NULL),
                     200);
    assert_true(accesses(j, "e2", &has) >= 1);
    assert_true(has);
    const cJSON *x;
    cJSON_ArrayForEach(x, get(j, "events"))
    {
        if (strcmp(str(x, "type"), "access") != 0) continue;
        const cJSON *ids = get(x, "alert_ids");
        assert_true(cJSON_GetArraySize(ids) >= 1);
        if (strcmp(str(x, "event"), "e2") == 0) {
            int cited = 0;
            const cJSON *id;
            cJSON_ArrayForEach(id, ids) cited |= strcmp(id->valuestring, "A-TEST") == 0;
            assert_true(cited);
        }
    }
    cJSON_Delete(j);
}

/* A page of a timeline: the newest look-ups, and how many there are. */
static void test_timeline_newest(void **state)
{
    fx *f = *state;
    cJSON *j;
    int has;
    assert_int_equal(call(f, "GET", "people/:actor/timeline", "clerk1", "ann", OPS_ROLE_ANALYST,
                          NULL, &j, "newest=1", NULL),
                     200);
    assert_int_equal(accesses(j, "e4", &has), 1); /* e4 (day 7) is newer than e1 (day 5) */
    assert_true(has);
    assert_int_equal(get(j, "total")->valueint, 2);
    cJSON_Delete(j);
    /* With a filter the page is of what the filter keeps. */
    assert_int_equal(call(f, "GET", "people/:actor/timeline", "clerk1", "ann", OPS_ROLE_ANALYST,
                          NULL, &j, "newest=5", "unexplained=1", NULL),
                     200);
    assert_int_equal(accesses(j, NULL, &has), 0);
    assert_int_equal(get(j, "total")->valueint, 0);
    cJSON_Delete(j);
    /* read-api.timeline-newest-bad */
    assert_int_equal(call(f, "GET", "people/:actor/timeline", "clerk1", "ann", OPS_ROLE_ANALYST,
                          NULL, &j, "newest=0", NULL),
                     400);
    assert_non_null(strstr(error_of(j), "newest"));
    cJSON_Delete(j);
}

/* The CLI's filters: `wachter timeline ACTOR --unexplained --with-alerts`. */
static void test_timeline_cli(void **state)
{
    fx *f = *state;
    store_close(f->s);
    tu_run r = tu_wachter(f->dir, "timeline", "clerk1", "--unexplained", NULL);
    assert_int_equal(r.code, 0);
    assert_non_null(strstr(r.out, "0 accesses (0 unexplained)"));
    tu_free(&r);
    r = tu_wachter(f->dir, "--format", "jsonl", "timeline", "snoop", "--with-alerts", NULL);
    assert_int_equal(r.code, 0);
    assert_non_null(strstr(r.out, "\"alert_ids\":[\"A-TEST\""));
    assert_null(strstr(r.out, "\"alert_ids\":[]"));
    tu_free(&r);
    /* In a table, the alert ids after the explanation. */
    r = tu_wachter(f->dir, "timeline", "snoop", "--with-alerts", NULL);
    assert_int_equal(r.code, 0);
    assert_int_equal(tu_count_lines(r.out, "no case links this subject to them or their unit at"
                                           " that time  [A-TEST]"),
                     1);
    tu_free(&r);
    /* --newest: the newest look-ups only. */
    r = tu_wachter(f->dir, "--format", "jsonl", "timeline", "clerk1", "--newest", "1", NULL);
    assert_int_equal(r.code, 0);
    assert_non_null(strstr(r.out, "\"event\":\"e4\""));
    assert_null(strstr(r.out, "\"event\":\"e1\""));
    tu_free(&r);
    r = tu_wachter(f->dir, "timeline", "clerk1", "--newest", "0", NULL);
    assert_int_equal(r.code, 2);
    tu_free(&r);
    /* Without the filters the output is as before: no alert ids. */
    r = tu_wachter(f->dir, "--format", "jsonl", "timeline", "snoop", NULL);
    assert_int_equal(r.code, 0);
    assert_null(strstr(r.out, "alert_ids"));
    tu_free(&r);
    char path[600];
    snprintf(path, sizeof path, "%s/t.db", f->dir);
    assert_int_equal(store_open(path, &f->s, &(werr){0}), 0);
}

/* The access by actor in a subject page's list: its "explained". */
static const cJSON *access_by(const cJSON *list, const char *actor)
{
    const cJSON *x;
    cJSON_ArrayForEach(x, list) if (strcmp(str(x, "actor"), actor) == 0) return x;
    return NULL;
}

static void test_subject_page(void **state)
{
    fx *f = *state;
    cJSON *j;
    assert_int_equal(
        call(f, "POST", "subject", NULL, "ann", OPS_ROLE_ANALYST, "{\"subject\":\"S1\"}", &j, NULL),
        200);
    assert_string_equal(str(j, "subject"), "S1");
    const cJSON *acc = get(j, "accesses");
    assert_int_equal(cJSON_GetArraySize(acc), 3);
    const cJSON *c = access_by(acc, "clerk1"), *s = access_by(acc, "snoop");
    assert_non_null(c);
    assert_non_null(s);
    assert_true(cJSON_IsTrue(get(c, "explained")));
    assert_string_equal(str(c, "by_case"), "Z-77");
    assert_true(cJSON_IsFalse(get(s, "explained")));
    assert_non_null(strstr(str(s, "reason"), "no case"));
    /* S2 lives at S1's address: snoop looked there too. */
    const cJSON *same = get(j, "same_address");
    assert_int_equal(cJSON_GetArraySize(same), 1);
    const cJSON *s2 = cJSON_GetArrayItem(same, 0);
    assert_string_equal(str(s2, "subject"), "S2");
    const cJSON *n = access_by(get(s2, "accesses"), "snoop");
    assert_non_null(n);
    assert_true(cJSON_IsFalse(get(n, "explained")));
    cJSON_Delete(j);
    /* Nobody else lives at S3's address. */
    assert_int_equal(
        call(f, "POST", "subject", NULL, "ann", OPS_ROLE_ANALYST, "{\"subject\":\"S3\"}", &j, NULL),
        200);
    assert_int_equal(cJSON_GetArraySize(get(j, "same_address")), 0);
    assert_int_equal(cJSON_GetArraySize(get(j, "accesses")), 0);
    cJSON_Delete(j);
    /* An employee's own record, asked for by their pseudonym. */
    assert_int_equal(call(f, "POST", "subject", NULL, "ann", OPS_ROLE_ANALYST,
                          "{\"subject\":\"emp-snoop\"}", &j, NULL),
                     200);
    assert_string_equal(str(j, "subject"), "S3");
    cJSON_Delete(j);
    /* read-api.subject-no-record */
    assert_int_equal(call(f, "POST", "subject", NULL, "ann", OPS_ROLE_ANALYST,
                          "{\"subject\":\"emp-clerk1\"}", &j, NULL),
                     404);
    assert_non_null(strstr(error_of(j), "no record as a citizen"));
    cJSON_Delete(j);
    assert_int_equal(call(f, "POST", "subject", NULL, "ann", OPS_ROLE_ANALYST,
                          "{\"subject\":\"emp-nobody\"}", &j, NULL),
                     404);
    cJSON_Delete(j);
}

static void test_protocol_letter(void **state)
{
    fx *f = *state;
    cJSON *j;
    assert_int_equal(call(f, "POST", "protocol", NULL, "ivo", OPS_ROLE_INVESTIGATOR,
                          "{\"subject\":\"S1\",\"from\":\"2026-01-01\",\"to\":\"2026-01-31\"}", &j,
                          NULL),
                     200);
    char *text = cJSON_PrintUnformatted(j);
    /* No employee, no pseudonym, no case number. */
    assert_null(strstr(text, "clerk1"));
    assert_null(strstr(text, "snoop"));
    assert_null(strstr(text, "emp-"));
    assert_null(strstr(text, "Z-77"));
    assert_null(strstr(text, "actor"));
    free(text);
    assert_string_equal(str(j, "from"), "2026-01-01");
    assert_string_equal(str(j, "to"), "2026-01-31");
    const cJSON *rows = get(j, "rows");
    assert_int_equal(cJSON_GetArraySize(rows), 3);
    const cJSON *r0 = cJSON_GetArrayItem(rows, 0), *r1 = cJSON_GetArrayItem(rows, 1),
                *r2 = cJSON_GetArrayItem(rows, 2);
    assert_string_equal(str(r0, "date"), "2026-01-06");
    assert_string_equal(str(r0, "unit"), "burgerzaken");
    assert_string_equal(str(r0, "system"), "brp");
    assert_string_equal(str(r0, "purpose"), "aanvraag paspoort");
    assert_string_equal(str(r0, "explained_by"), "zaak van burgerzaken, geopend 2026-01-01");
    assert_string_equal(str(r1, "unit"), "handhaving");
    assert_string_equal(str(r1, "explained_by"), "zonder zaak");
    /* A purpose naming the case number is withheld. */
    assert_string_equal(str(r2, "purpose"), "(niet vermeld)");
    cJSON_Delete(j);
    /* An analyst may not produce the letter (the CLI's rule). */
    assert_int_equal(call(f, "POST", "protocol", NULL, "ann", OPS_ROLE_ANALYST,
                          "{\"subject\":\"S1\"}", &j, NULL),
                     403);
    cJSON_Delete(j);
}

static void test_correlate_body(void **state)
{
    fx *f = *state;
    cJSON *j;
    char t[32];
    char body[300];
    snprintf(body, sizeof body,
             "{\"incidents\":[{\"subject\":\"S1\",\"ts\":\"%s\"},{\"subject\":\"S2\",\"ts\":%lld,"
             "\"kind\":\"explosie\"}],\"days\":14}",
             day_time(8, 3, t), (long long)(T0 + 8 * DAY + 3 * HOUR));
    assert_int_equal(call(f, "POST", "correlate", NULL, "sam", OPS_ROLE_SENIOR, body, &j, NULL),
                     200);
    assert_true(cJSON_IsArray(j));
    assert_true(cJSON_GetArraySize(j) >= 1);
    const cJSON *first = cJSON_GetArrayItem(j, 0);
    assert_string_equal(str(first, "actor"), "snoop");
    assert_int_equal(get(first, "rank")->valueint, 1);
    assert_int_equal(get(first, "hits")->valueint, 2);
    /* The look-ups before each incident. */
    const cJSON *det = get(first, "details");
    assert_int_equal(cJSON_GetArraySize(det), 2);
    assert_string_equal(str(cJSON_GetArrayItem(det, 0), "event"), "e2");
    cJSON_Delete(j);
    /* Without a body: the stored incidents, of which there are none. */
    assert_int_equal(call(f, "GET", "correlate", NULL, "sam", OPS_ROLE_SENIOR, NULL, &j, NULL),
                     404);
    cJSON_Delete(j);
}

/* read-api.correlate-incidents, read-api.correlate-incident, read-api.correlate-days */
static void test_correlate_bad_body(void **state)
{
    fx *f = *state;
    static const struct {
        const char *body, *says;
    } bad[] = {
        {"{}", "incidents must be a list"},
        {"{\"incidents\":[]}", "1 to 10000 incidents"},
        {"{\"incidents\":[{\"ts\":1767225600000}]}", "incident 1: needs a subject"},
        {"{\"incidents\":[{\"subject\":\"S1\",\"ts\":\"gisteren\"}]}", "incident 1: ts must be"},
        {"{\"incidents\":[{\"subject\":\"S1\",\"ts\":-5}]}", "incident 1: ts must be"},
        {"{\"incidents\":[{\"subject\":\"S1\",\"ts\":1767225600000}],\"days\":0}", "days takes"},
        {"{\"incidents\":[{\"subject\":\"S1\",\"ts\":1767225600000}],\"days\":\"14\"}",
         "days takes"},
    };
    cJSON *j;
    assert_int_equal(call(f, "POST", "correlate", NULL, "sam", OPS_ROLE_SENIOR, NULL, &j, NULL),
                     400);
    assert_non_null(strstr(error_of(j), "incidents must be a list"));
    cJSON_Delete(j);
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        assert_int_equal(
            call(f, "POST", "correlate", NULL, "sam", OPS_ROLE_SENIOR, bad[i].body, &j, NULL), 400);
        if (!strstr(error_of(j), bad[i].says))
            fail_msg("%s: said '%s', not '%s'", bad[i].body, error_of(j), bad[i].says);
        cJSON_Delete(j);
    }
}

static void test_unmask_four_eyes(void **state)
{
    fx *f = *state;
    cJSON *j;
    assert_int_equal(
        call(f, "POST", "unmask", NULL, "sam", OPS_ROLE_SENIOR,
             "{\"pseudonym\":\"snoop\",\"reason\":\"alert A-TEST\",\"about\":\"A-TEST\"}", &j,
             NULL),
        200);
    int id = get(j, "id")->valueint;
    assert_true(id >= 1);
    cJSON_Delete(j);
    char ids[16];
    snprintf(ids, sizeof ids, "%d", id);
    /* Asked by sam, approved by sam: refused (four eyes). */
    assert_int_equal(
        call(f, "POST", "unmask/:id/approve", ids, "sam", OPS_ROLE_SENIOR, NULL, &j, NULL), 403);
    cJSON_Delete(j);
    /* An analyst may not decide. */
    assert_int_equal(
        call(f, "POST", "unmask/:id/approve", ids, "ann", OPS_ROLE_ANALYST, NULL, &j, NULL), 403);
    cJSON_Delete(j);
    assert_int_equal(call(f, "POST", "unmask/:id/approve", ids, "pia", OPS_ROLE_PRIVACY,
                          "{\"note\":\"ok\"}", &j, NULL),
                     200);
    assert_non_null(strstr(str(j, "done"), "approved"));
    cJSON_Delete(j);
    /* Decided already. */
    assert_int_equal(call(f, "POST", "unmask/:id/refuse", ids, "pia", OPS_ROLE_PRIVACY,
                          "{\"reason\":\"no\"}", &j, NULL),
                     409);
    cJSON_Delete(j);
    /* The list: the privacy officer sees every request, an analyst her own. */
    assert_int_equal(call(f, "GET", "unmask", NULL, "pia", OPS_ROLE_PRIVACY, NULL, &j, NULL), 200);
    const cJSON *reqs = get(j, "requests");
    assert_int_equal(cJSON_GetArraySize(reqs), 1);
    assert_string_equal(str(cJSON_GetArrayItem(reqs, 0), "status"), "approved");
    cJSON_Delete(j);
    assert_int_equal(call(f, "GET", "unmask", NULL, "ann", OPS_ROLE_ANALYST, NULL, &j, NULL), 200);
    assert_int_equal(cJSON_GetArraySize(get(j, "requests")), 0);
    cJSON_Delete(j);
    /* read-api.unmask-request-number */
    assert_int_equal(
        call(f, "POST", "unmask/:id/approve", "x1", "pia", OPS_ROLE_PRIVACY, NULL, &j, NULL), 400);
    assert_non_null(strstr(error_of(j), "not a request number"));
    cJSON_Delete(j);
    assert_int_equal(
        call(f, "POST", "unmask/:id/refuse", "99", "pia", OPS_ROLE_PRIVACY, NULL, &j, NULL), 404);
    cJSON_Delete(j);
    /* A request needs a reason. */
    assert_int_equal(call(f, "POST", "unmask", NULL, "sam", OPS_ROLE_SENIOR,
                          "{\"pseudonym\":\"snoop\",\"reason\":\"  \"}", &j, NULL),
                     400);
    cJSON_Delete(j);
}

/* read-api.period-not-a-time, read-api.period-reversed, read-api.limit-range */
static void test_bad_query(void **state)
{
    fx *f = *state;
    cJSON *j;
    assert_int_equal(call(f, "POST", "subject", NULL, "ann", OPS_ROLE_ANALYST,
                          "{\"subject\":\"S1\",\"from\":\"gisteren\"}", &j, NULL),
                     400);
    assert_non_null(strstr(error_of(j), "from takes a time"));
    cJSON_Delete(j);
    /* read-api.no-subject: a citizen's id goes in the body, not the URL */
    assert_int_equal(call(f, "POST", "subject", NULL, "ann", OPS_ROLE_ANALYST, "{}", &j, NULL),
                     400);
    assert_non_null(strstr(error_of(j), "names no subject"));
    cJSON_Delete(j);
    assert_int_equal(call(f, "GET", "people/:actor/timeline", "snoop", "ann", OPS_ROLE_ANALYST,
                          NULL, &j, "from=2026-02-01", "to=2026-01-01", NULL),
                     400);
    assert_non_null(strstr(error_of(j), "from is after to"));
    cJSON_Delete(j);
    assert_int_equal(
        call(f, "GET", "risk", NULL, "ann", OPS_ROLE_ANALYST, NULL, &j, "limit=0", NULL), 400);
    assert_non_null(strstr(error_of(j), "limit takes a whole number from 1 to 1000"));
    cJSON_Delete(j);
}

static void test_risk_and_rest(void **state)
{
    fx *f = *state;
    cJSON *j;
    assert_int_equal(
        call(f, "GET", "risk", NULL, "ann", OPS_ROLE_ANALYST, NULL, &j, "limit=2", "all=1", NULL),
        200);
    const cJSON *people = get(j, "people");
    assert_true(cJSON_GetArraySize(people) >= 1 && cJSON_GetArraySize(people) <= 2);
    assert_int_equal(get(cJSON_GetArrayItem(people, 0), "rank")->valueint, 1);
    cJSON_Delete(j);
    assert_int_equal(call(f, "GET", "convergence", NULL, "sam", OPS_ROLE_SENIOR, NULL, &j, NULL),
                     200);
    assert_true(cJSON_IsArray(get(j, "groups")));
    cJSON_Delete(j);
    assert_int_equal(call(f, "GET", "rules", NULL, "ann", OPS_ROLE_ANALYST, NULL, &j, NULL), 200);
    const cJSON *rules = get(j, "rules");
    assert_true(cJSON_GetArraySize(rules) >= 5);
    assert_non_null(str(cJSON_GetArrayItem(rules, 0), "rule"));
    cJSON_Delete(j);
    assert_int_equal(call(f, "GET", "audit/verify", NULL, "aud", OPS_ROLE_AUDITOR, NULL, &j, NULL),
                     200);
    assert_true(cJSON_IsTrue(get(j, "ok")));
    assert_true(get(j, "entries")->valueint >= 2);
    assert_int_equal(strlen(str(j, "head")), 64);
    cJSON_Delete(j);
    assert_int_equal(call(f, "GET", "audit", NULL, "aud", OPS_ROLE_AUDITOR, NULL, &j, NULL), 200);
    assert_true(cJSON_GetArraySize(get(j, "entries")) >= 2);
    cJSON_Delete(j);
    /* The audit trail is for the privacy officer and the auditor only. */
    assert_int_equal(call(f, "GET", "audit", NULL, "ann", OPS_ROLE_ANALYST, NULL, &j, NULL), 403);
    cJSON_Delete(j);
    assert_int_equal(
        call(f, "GET", "privacy-report", NULL, "pia", OPS_ROLE_PRIVACY, NULL, &j, NULL), 200);
    assert_true(cJSON_IsArray(get(j, "kinds")));
    assert_true(cJSON_IsTrue(get(get(j, "audit"), "intact")));
    cJSON_Delete(j);
}

/* Every route names an action of the roles' table. */
static void test_routes_known(void **state)
{
    (void)state;
    size_t n;
    const serve_route *r = serve_routes_read(&n);
    assert_true(n >= 16);
    for (size_t i = 0; i < n; i++)
        if (!ops_access_known(r[i].action))
            fail_msg("%s: unknown action %s", r[i].pattern, r[i].action);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_routes_known),     cmocka_unit_test(test_person_page),
        cmocka_unit_test(test_person_unknown),   cmocka_unit_test(test_timeline_filters),
        cmocka_unit_test(test_timeline_newest),  cmocka_unit_test(test_timeline_cli),
        cmocka_unit_test(test_subject_page),     cmocka_unit_test(test_protocol_letter),
        cmocka_unit_test(test_correlate_body),   cmocka_unit_test(test_correlate_bad_body),
        cmocka_unit_test(test_unmask_four_eyes), cmocka_unit_test(test_bad_query),
        cmocka_unit_test(test_risk_and_rest),
    };
    return cmocka_run_group_tests_name("api read", tests, setup, teardown);
}
