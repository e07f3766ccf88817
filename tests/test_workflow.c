/* The alert workflow (issue 35, "Workflow"), through the API's handlers
 * (src/serve/api_workflow.c) called as the server calls them: an alert
 * moves new -> acknowledged -> investigating -> closed with a
 * disposition, and every wrong move is refused with the status a client
 * sees (400, 404, 409); notes are appended and never edited; the history
 * lists each change; bulk actions report the id that failed and change
 * the rest; similar alerts are counted with how they were closed; the
 * queue filters, sorts by risk and counts per status; suppressions hide
 * alerts from the queue but keep them, and end by themselves; per-rule
 * effectiveness counts the dispositions. */
#include "testutil.h"

#include "api_stub.h"
#include "normalise/ts.h"
#include "ops/ops_suppress.h"
#include "ops/ops_workflow.h"
#include "store/store_accounts.h"
#include "store/store_alerts.h"

#define T0 INT64_C(1772409600000) /* 2026-03-02 */

typedef struct fixture {
    char *dir;
    store *s;
} fixture;

static void put_alert(store *s, const char *id, const char *actor, const char *rule, double score,
                      int64_t ts, const char *subject)
{
    const char *ev[1] = {id}, *sub[1] = {subject};
    store_alert a = {.id = id,
                     .actor = actor,
                     .rule = rule,
                     .reason = "looked up <script>alert(1)</script> without a case",
                     .ts = ts,
                     .severity = 3,
                     .score = score,
                     .events = ev,
                     .subjects = sub,
                     .n = 1};
    int is_new;
    assert_int_equal(store_put_alert(s, &a, &is_new), 0);
}

static void add_account(store *s, const char *name, const char *role, int disabled)
{
    store_account a = {name, role, "$argon2id$x", 0, T0};
    assert_int_equal(store_account_add(s, &a), 1);
    if (disabled) assert_int_equal(store_account_disable(s, name), 1);
}

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    f->dir = tu_tmpdir();
    char path[512];
    snprintf(path, sizeof path, "%s/w.db", f->dir);
    assert_int_equal(store_open(path, &f->s, &(werr){0}), 0);
    add_account(f->s, "ann", "analyst", 0);
    add_account(f->s, "ivo", "investigator", 0);
    add_account(f->s, "gone", "analyst", 1);
    assert_int_equal(store_exec(f->s, "INSERT INTO actors(actor, unit) VALUES('clerk1',"
                                      " 'burgerzaken'), ('clerk2', 'belastingen')"),
                     0);
    put_alert(f->s, "A1", "clerk1", "unexplained", 80, T0, "S1");
    put_alert(f->s, "A2", "clerk1", "unexplained", 60, T0 + 1000, "S2");
    put_alert(f->s, "A3", "clerk1", "unexplained", 40, T0 + 2000, "S3");
    put_alert(f->s, "B1", "clerk2", "volume", 90, T0 + 3000, "S1");
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    store_close(f->s);
    tu_rmdir(f->dir);
    free(f);
    return 0;
}

static stub_resp status_of(fixture *f, const char *id, const char *body)
{
    return stub_call(f->s, "ann", "POST", "alerts/:id/status", id, body, NULL);
}

/* Expects status want from the call, and (when not NULL) its error to
 * contain says. */
static void expect(stub_resp r, int want, const char *says)
{
    if (r.status != want) fail_msg("status %d, want %d: %s", r.status, want, r.text);
    if (says && !strstr(stub_str(r.json, "error"), says))
        fail_msg("error \"%s\" does not say \"%s\"", stub_str(r.json, "error"), says);
    stub_free(&r);
}

static const cJSON *alert_of(const stub_resp *r)
{
    return stub_get(r->json, "alert");
}

static void test_lifecycle_and_refusals(void **state)
{
    fixture *f = *state;
    /* alert.bad-transition: new -> investigating skips acknowledging */
    expect(status_of(f, "A1", "{\"status\":\"investigating\"}"), 409, "cannot be moved to");
    /* alert.bad-status */
    expect(status_of(f, "A1", "{\"status\":\"done\"}"), 400, "not a status");
    expect(status_of(f, "NOPE", "{\"status\":\"acknowledged\"}"), 404, "no alert NOPE");
    stub_resp r = status_of(f, "A1", "{\"status\":\"acknowledged\"}");
    assert_int_equal(r.status, 200);
    assert_string_equal(stub_str(alert_of(&r), "status"), "acknowledged");
    stub_free(&r);
    expect(status_of(f, "A1", "{\"status\":\"investigating\"}"), 200, NULL);
    /* alert.close-without-disposition */
    expect(status_of(f, "A1", "{\"status\":\"closed\"}"), 400, "needs a disposition");
    /* alert.bad-disposition */
    expect(status_of(f, "A1", "{\"status\":\"closed\",\"disposition\":\"fine\"}"), 400,
           "not a disposition");
    r = status_of(
        f, "A1", "{\"status\":\"closed\",\"disposition\":\"confirmed\",\"note\":\"manager told\"}");
    assert_int_equal(r.status, 200);
    assert_string_equal(stub_str(alert_of(&r), "status"), "closed");
    assert_string_equal(stub_str(alert_of(&r), "disposition"), "confirmed");
    assert_string_equal(stub_str(cJSON_GetArrayItem(stub_get(r.json, "notes"), 0), "text"),
                        "manager told");
    stub_free(&r);
    expect(status_of(f, "A1", "{\"status\":\"closed\",\"disposition\":\"benign\"}"), 409,
           "is closed");
    /* reopening: closed -> acknowledged, the disposition gone */
    r = status_of(f, "A1", "{\"status\":\"acknowledged\"}");
    assert_int_equal(r.status, 200);
    assert_string_equal(stub_str(alert_of(&r), "disposition"), "");
    /* the history: each change, who, from and to */
    const cJSON *h = stub_get(r.json, "history");
    const char *want[][3] = {{"status", "new", "acknowledged"},
                             {"status", "acknowledged", "investigating"},
                             {"status", "investigating", "closed"},
                             {"note", "", ""},
                             {"status", "closed", "acknowledged"}};
    assert_int_equal(cJSON_GetArraySize(h), 5);
    for (int i = 0; i < 5; i++) {
        const cJSON *c = cJSON_GetArrayItem(h, i);
        assert_string_equal(stub_str(c, "action"), want[i][0]);
        assert_string_equal(stub_str(c, "from"), want[i][1]);
        assert_string_equal(stub_str(c, "to"), want[i][2]);
        assert_string_equal(stub_str(c, "account"), "ann");
    }
    assert_string_equal(stub_str(cJSON_GetArrayItem(h, 2), "detail"), "confirmed");
    stub_free(&r);
}

static void test_assign(void **state)
{
    fixture *f = *state;
    /* alert.assign-unknown */
    expect(stub_call(f->s, "ann", "POST", "alerts/:id/assign", "A2", "{\"assignee\":\"nobody\"}",
                     NULL),
           404, "no enabled account 'nobody'");
    expect(
        stub_call(f->s, "ann", "POST", "alerts/:id/assign", "A2", "{\"assignee\":\"gone\"}", NULL),
        404, "no enabled account 'gone'");
    stub_resp r =
        stub_call(f->s, "ann", "POST", "alerts/:id/assign", "A2", "{\"assignee\":\"ivo\"}", NULL);
    assert_int_equal(r.status, 200);
    assert_string_equal(stub_str(alert_of(&r), "assignee"), "ivo");
    stub_free(&r);
    /* the queue by assignee */
    r = stub_call(f->s, "ann", "GET", "alerts", NULL, NULL, "assignee=ivo");
    const cJSON *list = stub_get(r.json, "alerts");
    assert_int_equal(cJSON_GetArraySize(list), 1);
    assert_string_equal(stub_str(cJSON_GetArrayItem(list, 0), "id"), "A2");
    stub_free(&r);
}

static void test_notes(void **state)
{
    fixture *f = *state;
    /* alert.note-empty, alert.note-too-long */
    expect(stub_call(f->s, "ann", "POST", "alerts/:id/notes", "A2", "{\"text\":\"  \"}", NULL), 400,
           "a note needs text");
    char *big = malloc(5100);
    memcpy(big, "{\"text\":\"", 9);
    memset(big + 9, 'x', 5000);
    strcpy(big + 5009, "\"}");
    expect(stub_call(f->s, "ann", "POST", "alerts/:id/notes", "A2", big, NULL), 400,
           "at most 4000 bytes");
    free(big);
    expect(stub_call(f->s, "ann", "POST", "alerts/:id/notes", "A2",
                     "{\"text\":\"first <b>look</b>\"}", NULL),
           200, NULL);
    stub_resp r =
        stub_call(f->s, "ivo", "POST", "alerts/:id/notes", "A2", "{\"text\":\"second\"}", NULL);
    assert_int_equal(r.status, 200);
    const cJSON *notes = stub_get(r.json, "notes");
    assert_int_equal(cJSON_GetArraySize(notes), 2);
    assert_string_equal(stub_str(cJSON_GetArrayItem(notes, 0), "text"), "first <b>look</b>");
    assert_string_equal(stub_str(cJSON_GetArrayItem(notes, 1), "account"), "ivo");
    stub_free(&r);
    /* never edited: the store refuses a change to a note */
    assert_int_equal(store_exec(f->s, "UPDATE alert_notes SET text = 'changed'"), -1);
    assert_non_null(strstr(store_errmsg(f->s), "notes are never edited"));
}

static void test_bulk(void **state)
{
    fixture *f = *state;
    stub_resp r = stub_call(f->s, "ann", "POST", "alerts/bulk", NULL,
                            "{\"ids\":[\"A2\",\"XX\",\"A3\"],\"close\":\"duplicate\"}", NULL);
    assert_int_equal(r.status, 200);
    assert_int_equal((int)stub_num(r.json, "changed"), 2);
    const cJSON *failed = stub_get(r.json, "failed");
    assert_int_equal(cJSON_GetArraySize(failed), 1);
    assert_string_equal(stub_str(cJSON_GetArrayItem(failed, 0), "id"), "XX");
    assert_string_equal(stub_str(cJSON_GetArrayItem(failed, 0), "error"), "no alert XX");
    stub_free(&r);
    r = stub_call(f->s, "ann", "GET", "alerts/:id", "A3", NULL, NULL);
    assert_string_equal(stub_str(alert_of(&r), "disposition"), "duplicate");
    stub_free(&r);
    /* alert.bulk-bad */
    expect(stub_call(f->s, "ann", "POST", "alerts/bulk", NULL,
                     "{\"ids\":[\"A1\"],\"assign\":\"ivo\",\"close\":\"duplicate\"}", NULL),
           400, "either assigns or closes");
    r = stub_call(f->s, "ann", "POST", "alerts/bulk", NULL,
                  "{\"ids\":[\"A1\",\"B1\"],\"assign\":\"ivo\"}", NULL);
    assert_int_equal((int)stub_num(r.json, "changed"), 2);
    assert_int_equal(cJSON_GetArraySize(stub_get(r.json, "failed")), 0);
    stub_free(&r);
}

static void test_similar(void **state)
{
    fixture *f = *state;
    werr e = {0};
    assert_int_equal(ops_wf_status(f->s, "ann", "A2", "closed", "benign", NULL, T0, &e), 0);
    assert_int_equal(ops_wf_status(f->s, "ann", "A3", "closed", "false_positive", NULL, T0, &e), 0);
    stub_resp r = stub_call(f->s, "ann", "GET", "alerts/:id", "A1", NULL, NULL);
    const cJSON *sim = stub_get(r.json, "similar"), *rp = stub_get(sim, "same_rule_person"),
                *ss = stub_get(sim, "same_subject");
    assert_int_equal((int)stub_num(rp, "count"), 2);
    assert_int_equal((int)stub_num(rp, "open"), 0);
    assert_int_equal((int)stub_num(rp, "benign"), 1);
    assert_int_equal((int)stub_num(rp, "false_positive"), 1);
    assert_int_equal((int)stub_num(rp, "confirmed"), 0);
    assert_int_equal(cJSON_GetArraySize(stub_get(rp, "ids")), 2);
    /* B1 is about S1 too, by someone else with another rule */
    assert_int_equal((int)stub_num(ss, "count"), 1);
    assert_int_equal((int)stub_num(ss, "open"), 1);
    assert_string_equal(cJSON_GetArrayItem(stub_get(ss, "ids"), 0)->valuestring, "B1");
    /* the alert's events, its reason as text, no dossier */
    const cJSON *a = alert_of(&r);
    assert_string_equal(stub_str(cJSON_GetArrayItem(stub_get(a, "events"), 0), "subject"), "S1");
    assert_non_null(strstr(stub_str(a, "reason"), "<script>"));
    assert_true(cJSON_IsNull(stub_get(r.json, "dossier")));
    stub_free(&r);
}

static void test_queue(void **state)
{
    fixture *f = *state;
    werr e = {0};
    assert_int_equal(ops_wf_status(f->s, "ann", "A3", "closed", "benign", NULL, T0, &e), 0);
    assert_int_equal(ops_wf_status(f->s, "ann", "A2", "acknowledged", NULL, NULL, T0, &e), 0);
    stub_resp r = stub_call(f->s, "ann", "GET", "alerts", NULL, NULL, NULL);
    assert_int_equal(r.status, 200);
    const cJSON *counts = stub_get(r.json, "counts"), *list = stub_get(r.json, "alerts");
    assert_int_equal((int)stub_num(counts, "new"), 2);
    assert_int_equal((int)stub_num(counts, "acknowledged"), 1);
    assert_int_equal((int)stub_num(counts, "closed"), 1);
    assert_int_equal((int)stub_num(r.json, "total"), 3);
    /* by risk: B1 (90), A1 (80), A2 (60); A3 is closed */
    const char *order[] = {"B1", "A1", "A2"};
    assert_int_equal(cJSON_GetArraySize(list), 3);
    for (int i = 0; i < 3; i++)
        assert_string_equal(stub_str(cJSON_GetArrayItem(list, i), "id"), order[i]);
    assert_string_equal(stub_str(cJSON_GetArrayItem(list, 0), "unit"), "belastingen");
    stub_free(&r);
    /* a period that holds every alert: counted by the pass over the
     * alerts, not the status index, and the same */
    r = stub_call(f->s, "ann", "GET", "alerts", NULL, NULL, "from=1");
    counts = stub_get(r.json, "counts");
    assert_int_equal((int)stub_num(counts, "new"), 2);
    assert_int_equal((int)stub_num(counts, "acknowledged"), 1);
    assert_int_equal((int)stub_num(counts, "closed"), 1);
    assert_int_equal((int)stub_num(r.json, "total"), 3);
    stub_free(&r);
    r = stub_call(f->s, "ann", "GET", "alerts", NULL, NULL, "status=all&unit=burgerzaken");
    assert_int_equal(cJSON_GetArraySize(stub_get(r.json, "alerts")), 3);
    stub_free(&r);
    r = stub_call(f->s, "ann", "GET", "alerts", NULL, NULL, "rule=volume");
    assert_int_equal(cJSON_GetArraySize(stub_get(r.json, "alerts")), 1);
    stub_free(&r);
    r = stub_call(f->s, "ann", "GET", "alerts", NULL, NULL, "status=closed");
    assert_string_equal(stub_str(cJSON_GetArrayItem(stub_get(r.json, "alerts"), 0), "id"), "A3");
    stub_free(&r);
    r = stub_call(f->s, "ann", "GET", "alerts", NULL, NULL, "limit=1&offset=1");
    assert_string_equal(stub_str(cJSON_GetArrayItem(stub_get(r.json, "alerts"), 0), "id"), "A1");
    stub_free(&r);
    /* queue.bad-filter */
    expect(stub_call(f->s, "ann", "GET", "alerts", NULL, NULL, "status=later"), 400,
           "not a status");
    expect(stub_call(f->s, "ann", "GET", "alerts", NULL, NULL, "limit=0"), 400, "limit");
    expect(stub_call(f->s, "ann", "GET", "alerts", NULL, NULL, "from=yesterday"), 400,
           "not a time");
}

/* A suppression of unexplained for clerk1 until a date ahead. */
static stub_resp suppress(fixture *f, const char *scope, const char *value, const char *until)
{
    char body[512];
    snprintf(body, sizeof body,
             "{\"rule\":\"unexplained\",\"scope\":\"%s\",\"value\":\"%s\",\"reason\":\"known"
             " project\",\"until\":\"%s\"}",
             scope, value, until);
    return stub_call(f->s, "sam", "POST", "suppressions", NULL, body, NULL);
}

static void date_ahead(int64_t days, char out[16])
{
    char t[32];
    ts_format(ts_now_ms() + days * TS_DAY_MS, t);
    snprintf(out, 16, "%.10s", t);
}

static void test_suppression_hides_but_keeps(void **state)
{
    fixture *f = *state;
    char until[16];
    date_ahead(30, until);
    stub_resp r = suppress(f, "actor", "clerk1", until);
    assert_int_equal(r.status, 201);
    assert_true(cJSON_IsTrue(stub_get(r.json, "active")));
    assert_string_equal(stub_str(r.json, "by"), "sam");
    char id[16];
    snprintf(id, sizeof id, "%d", (int)stub_num(r.json, "id"));
    stub_free(&r);
    r = stub_call(f->s, "ann", "GET", "alerts", NULL, NULL, NULL);
    const cJSON *list = stub_get(r.json, "alerts");
    assert_int_equal(cJSON_GetArraySize(list), 1);
    assert_string_equal(stub_str(cJSON_GetArrayItem(list, 0), "id"), "B1");
    assert_int_equal((int)stub_num(stub_get(r.json, "counts"), "suppressed"), 3);
    stub_free(&r);
    /* kept: status=all shows them, marked */
    r = stub_call(f->s, "ann", "GET", "alerts", NULL, NULL, "status=all&actor=clerk1");
    list = stub_get(r.json, "alerts");
    assert_int_equal(cJSON_GetArraySize(list), 3);
    assert_true(cJSON_IsTrue(stub_get(cJSON_GetArrayItem(list, 0), "suppressed")));
    stub_free(&r);
    /* ended by hand: back in the queue; a second end is a conflict */
    r = stub_call(f->s, "sam", "POST", "suppressions/:id/end", id, NULL, NULL);
    assert_int_equal(r.status, 200);
    assert_true(cJSON_IsFalse(stub_get(r.json, "active")));
    stub_free(&r);
    expect(stub_call(f->s, "sam", "POST", "suppressions/:id/end", id, NULL, NULL), 409,
           "has ended already");
    expect(stub_call(f->s, "sam", "POST", "suppressions/:id/end", "99", NULL, NULL), 404,
           "no suppression 99");
    r = stub_call(f->s, "ann", "GET", "alerts", NULL, NULL, NULL);
    assert_int_equal(cJSON_GetArraySize(stub_get(r.json, "alerts")), 4);
    stub_free(&r);
}

static void test_suppression_scopes_and_expiry(void **state)
{
    fixture *f = *state;
    char until[16], far[16];
    date_ahead(10, until);
    date_ahead(400, far);
    /* suppress.bad-until, suppress.bad-scope, suppress.bad-rule, suppress.no-reason */
    expect(suppress(f, "unit", "burgerzaken", far), 400, "at most a year");
    expect(suppress(f, "unit", "burgerzaken", "2020-01-01"), 400, "has passed");
    expect(suppress(f, "desk", "x", until), 400, "scope is actor, subject or unit");
    char body[256];
    snprintf(body, sizeof body,
             "{\"rule\":\"nonsense\",\"scope\":\"unit\",\"value\":\"x\",\"reason\":\"r\","
             "\"until\":\"%s\"}",
             until);
    expect(stub_call(f->s, "sam", "POST", "suppressions", NULL, body, NULL), 400, "not a rule");
    snprintf(body, sizeof body,
             "{\"rule\":\"volume\",\"scope\":\"unit\",\"value\":\"x\",\"reason\":\" \","
             "\"until\":\"%s\"}",
             until);
    expect(stub_call(f->s, "sam", "POST", "suppressions", NULL, body, NULL), 400, "needs a reason");
    /* by subject: only the alert about S2 */
    stub_resp r = suppress(f, "subject", "S2", until);
    assert_int_equal(r.status, 201);
    stub_free(&r);
    r = stub_call(f->s, "ann", "GET", "alerts", NULL, NULL, "status=suppressed");
    assert_int_equal(cJSON_GetArraySize(stub_get(r.json, "alerts")), 1);
    assert_string_equal(stub_str(cJSON_GetArrayItem(stub_get(r.json, "alerts"), 0), "id"), "A2");
    stub_free(&r);
    /* by unit: the rule's alerts of burgerzaken's staff (not B1: volume) */
    r = suppress(f, "unit", "burgerzaken", until);
    stub_free(&r);
    int64_t counts[STORE_WF_N], total;
    werr e = {0};
    store_wf_filter q = {.now = ts_now_ms()};
    assert_int_equal(ops_wf_queue(f->s, &q, counts, &total, NULL, NULL, &e), 0);
    assert_int_equal(counts[STORE_WF_SUPPRESSED], 3);
    assert_int_equal(total, 1);
    /* expired: 11 days on, every one of them has ended by itself */
    q.now = ts_now_ms() + 11 * TS_DAY_MS;
    assert_int_equal(ops_wf_queue(f->s, &q, counts, &total, NULL, NULL, &e), 0);
    assert_int_equal(counts[STORE_WF_SUPPRESSED], 0);
    assert_int_equal(total, 4);
    r = stub_call(f->s, "ann", "GET", "suppressions", NULL, NULL, "active=1");
    assert_int_equal(cJSON_GetArraySize(stub_get(r.json, "suppressions")), 2);
    stub_free(&r);
    assert_int_equal(store_exec(f->s, "UPDATE suppressions SET until = 1"), 0);
    r = stub_call(f->s, "ann", "GET", "suppressions", NULL, NULL, "active=1");
    assert_int_equal(cJSON_GetArraySize(stub_get(r.json, "suppressions")), 0);
    stub_free(&r);
    r = stub_call(f->s, "ann", "GET", "suppressions", NULL, NULL, NULL);
    assert_int_equal(cJSON_GetArraySize(stub_get(r.json, "suppressions")), 2);
    assert_true(
        cJSON_IsFalse(stub_get(cJSON_GetArrayItem(stub_get(r.json, "suppressions"), 0), "active")));
    stub_free(&r);
}

static const cJSON *rule_row(const cJSON *rules, const char *name)
{
    const cJSON *x;
    cJSON_ArrayForEach(x, rules) if (strcmp(stub_str(x, "rule"), name) == 0) return x;
    fail_msg("no rule %s", name);
    return NULL;
}

static void test_effectiveness(void **state)
{
    fixture *f = *state;
    werr e = {0};
    assert_int_equal(ops_wf_status(f->s, "ann", "A1", "closed", "confirmed", NULL, T0, &e), 0);
    assert_int_equal(ops_wf_status(f->s, "ann", "A2", "closed", "false_positive", NULL, T0, &e), 0);
    stub_resp r = stub_call(f->s, "ann", "GET", "rules/effectiveness", NULL, NULL, NULL);
    assert_int_equal(r.status, 200);
    const cJSON *rules = stub_get(r.json, "rules"), *u = rule_row(rules, "unexplained"),
                *v = rule_row(rules, "volume");
    assert_int_equal((int)stub_num(u, "alerts"), 3);
    assert_int_equal((int)stub_num(u, "open"), 1);
    assert_int_equal((int)stub_num(u, "confirmed"), 1);
    assert_int_equal((int)stub_num(u, "false_positive"), 1);
    assert_float_equal(stub_num(u, "precision"), 0.5, 1e-9);
    assert_int_equal((int)stub_num(v, "open"), 1);
    assert_true(cJSON_IsNull(stub_get(v, "precision")));
    stub_free(&r);
}

static void test_dashboard_and_summary(void **state)
{
    fixture *f = *state;
    int64_t now = ts_now_ms();
    /* only alerts of the last days, whatever the clock says */
    assert_int_equal(store_exec(f->s, "DELETE FROM alerts"), 0);
    put_alert(f->s, "N1", "clerk1", "volume", 50, now - 2 * TS_DAY_MS, "S7");
    put_alert(f->s, "N2", "clerk2", "volume", 30, now - 10 * TS_DAY_MS, "S8");
    put_alert(f->s, "N3", "clerk2", "volume", 20, now - 3600 * 1000, "S9");
    werr e = {0};
    assert_int_equal(ops_wf_status(f->s, "ann", "N3", "closed", "confirmed", NULL, now, &e), 0);
    stub_resp r = stub_call(f->s, "ann", "GET", "dashboard", NULL, NULL, "days=30");
    assert_int_equal(r.status, 200);
    const cJSON *q = stub_get(r.json, "queue"), *ages = stub_get(q, "ages");
    /* open: N1 (2 days old) and N2 (10 days) */
    assert_int_equal((int)stub_num(q, "open"), 2);
    assert_int_equal((int)stub_num(q, "oldest_days"), 10);
    assert_string_equal(stub_str(cJSON_GetArrayItem(ages, 1), "bucket"), "1-7d");
    assert_int_equal((int)stub_num(cJSON_GetArrayItem(ages, 1), "n"), 1);
    assert_int_equal((int)stub_num(cJSON_GetArrayItem(ages, 2), "n"), 1);
    int n = 0;
    const cJSON *x;
    cJSON_ArrayForEach(x, stub_get(r.json, "alerts_per_day")) n += (int)stub_num(x, "n");
    assert_int_equal(n, 3);
    const cJSON *disp = cJSON_GetArrayItem(stub_get(r.json, "dispositions"), 0);
    assert_string_equal(stub_str(disp, "rule"), "volume");
    assert_int_equal((int)stub_num(disp, "confirmed"), 1);
    const cJSON *unit = cJSON_GetArrayItem(stub_get(r.json, "top_units"), 0);
    assert_string_equal(stub_str(unit, "unit"), "belastingen");
    assert_float_equal(stub_num(unit, "risk"), 50, 1e-9);
    assert_int_equal((int)stub_num(stub_get(r.json, "ingest"), "events"), 0);
    stub_free(&r);
    /* dashboard.bad-days, summary.bad-month */
    expect(stub_call(f->s, "ann", "GET", "dashboard", NULL, NULL, "days=0"), 400, "days");
    expect(stub_call(f->s, "ann", "GET", "summary", NULL, NULL, "month=2026-13"), 400,
           "not a month");
    char month[16], t[32];
    ts_format(now, t);
    snprintf(month, sizeof month, "month=%.7s", t);
    r = stub_call(f->s, "ann", "GET", "summary", NULL, NULL, month);
    assert_int_equal(r.status, 200);
    assert_int_equal((int)stub_num(r.json, "alerts_closed"), 1);
    assert_int_equal((int)stub_num(stub_get(r.json, "dossiers"), "opened"), 0);
    assert_non_null(cJSON_GetObjectItemCaseSensitive(r.json, "median_days_to_close"));
    assert_non_null(cJSON_GetObjectItemCaseSensitive(r.json, "unmaskings"));
    stub_free(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_lifecycle_and_refusals, setup, teardown),
        cmocka_unit_test_setup_teardown(test_assign, setup, teardown),
        cmocka_unit_test_setup_teardown(test_notes, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bulk, setup, teardown),
        cmocka_unit_test_setup_teardown(test_similar, setup, teardown),
        cmocka_unit_test_setup_teardown(test_queue, setup, teardown),
        cmocka_unit_test_setup_teardown(test_suppression_hides_but_keeps, setup, teardown),
        cmocka_unit_test_setup_teardown(test_suppression_scopes_and_expiry, setup, teardown),
        cmocka_unit_test_setup_teardown(test_effectiveness, setup, teardown),
        cmocka_unit_test_setup_teardown(test_dashboard_and_summary, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
