/* Integrity cases ("dossiers", issue 35), through the API's handlers:
 * opening one about a person with their alerts, notes, assigning an
 * investigator, closing with an outcome (and the refusals), the evidence
 * report — the person's look-ups over the alerts' period and a week
 * either side, each with query, number of results, client, explanation
 * and the alerts it is in — and the legal hold: `wachter purge` keeps an
 * alert under investigation or in an open dossier, and its events. The
 * look-ups are stored through the real ingest. */
#include "testutil.h"

#include "api_stub.h"
#include "ops/ops_workflow.h"
#include "store/store_accounts.h"
#include "store/store_alerts.h"
#include "store/store_purge.h"

#define T0 INT64_C(1772445600000) /* 2026-03-02T10:00:00Z */
#define DAY INT64_C(86400000)

typedef struct fixture {
    char *dir;
    store *s;
} fixture;

static void put_alert(store *s, const char *id, const char *actor, int64_t ts, const char *event,
                      const char *subject)
{
    const char *ev[1] = {event}, *sub[1] = {subject};
    store_alert a = {.id = id,
                     .actor = actor,
                     .rule = "unexplained",
                     .reason = "looked up a neighbour without a case",
                     .ts = ts,
                     .severity = 3,
                     .score = 70,
                     .events = ev,
                     .subjects = sub,
                     .n = 1};
    int is_new;
    assert_int_equal(store_put_alert(s, &a, &is_new), 0);
}

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    f->dir = tu_tmpdir();
    char events[8192];
    snprintf(events, sizeof events,
             "{\"id\":\"e1\",\"ts\":%lld,\"actor\":\"clerk1\",\"system\":\"brp\",\"action\":"
             "\"search\",\"subject\":\"S1\",\"subject_type\":\"person\",\"case\":\"\",\"purpose\":"
             "\"taak\",\"query\":\"<script>alert(1)</script> de Vries\",\"results\":3,\"client\":"
             "\"ws-12\"}\n"
             "{\"id\":\"e2\",\"ts\":%lld,\"actor\":\"clerk1\",\"system\":\"brp\",\"action\":"
             "\"view\",\"subject\":\"S2\",\"subject_type\":\"person\",\"case\":\"\",\"purpose\":"
             "\"taak\",\"client\":\"ws-12\"}\n"
             "{\"id\":\"e3\",\"ts\":%lld,\"actor\":\"clerk1\",\"system\":\"brp\",\"action\":"
             "\"view\",\"subject\":\"S3\",\"subject_type\":\"person\",\"case\":\"\",\"purpose\":"
             "\"taak\",\"client\":\"ws-12\"}\n"
             "{\"id\":\"e4\",\"ts\":%lld,\"actor\":\"clerk2\",\"system\":\"brp\",\"action\":"
             "\"view\",\"subject\":\"S4\",\"subject_type\":\"person\",\"case\":\"\",\"purpose\":"
             "\"taak\",\"client\":\"ws-13\"}\n",
             (long long)T0, (long long)(T0 + 2 * DAY), (long long)(T0 + 20 * DAY),
             (long long)(T0 + DAY));
    tu_write(f->dir, "events.jsonl", events);
    char path[512];
    snprintf(path, sizeof path, "%s/events.jsonl", f->dir);
    tu_run r = tu_wachter(f->dir, "ingest", path, NULL);
    assert_int_equal(r.code, 0);
    tu_free(&r);
    snprintf(path, sizeof path, "%s/t.db", f->dir);
    assert_int_equal(store_open(path, &f->s, &(werr){0}), 0);
    store_account a = {"ivo", "investigator", "$argon2id$x", 0, T0};
    assert_int_equal(store_account_add(f->s, &a), 1);
    put_alert(f->s, "K1", "clerk1", T0, "e1", "S1");
    put_alert(f->s, "K2", "clerk1", T0 + 2 * DAY, "e2", "S2");
    put_alert(f->s, "K3", "clerk2", T0 + DAY, "e4", "S4");
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

static void expect(stub_resp r, int want, const char *says)
{
    if (r.status != want) fail_msg("status %d, want %d: %s", r.status, want, r.text);
    if (says && !strstr(stub_str(r.json, "error"), says))
        fail_msg("error \"%s\" does not say \"%s\"", stub_str(r.json, "error"), says);
    stub_free(&r);
}

/* Opens D-0001 about clerk1 with K1. */
static void open_one(fixture *f)
{
    stub_resp r = stub_call(f->s, "ivo", "POST", "dossiers", NULL,
                            "{\"actor\":\"clerk1\",\"title\":\"Neighbours <i>looked up</i>\","
                            "\"alerts\":[\"K1\"]}",
                            NULL);
    if (r.status != 201) fail_msg("open: %d %s", r.status, r.text);
    assert_string_equal(stub_str(r.json, "id"), "D-0001");
    assert_string_equal(stub_str(r.json, "status"), "open");
    assert_string_equal(stub_str(r.json, "investigator"), "ivo");
    assert_int_equal((int)stub_num(r.json, "alerts"), 1);
    stub_free(&r);
}

static void test_dossier_lifecycle(void **state)
{
    fixture *f = *state;
    /* dossier.no-title, dossier.other-person, dossier.unknown-alert */
    expect(stub_call(f->s, "ivo", "POST", "dossiers", NULL,
                     "{\"actor\":\"clerk1\",\"title\":\" \",\"alerts\":[]}", NULL),
           400, "needs a title");
    expect(stub_call(f->s, "ivo", "POST", "dossiers", NULL,
                     "{\"actor\":\"clerk1\",\"title\":\"t\",\"alerts\":[\"K3\"]}", NULL),
           400, "about another person");
    expect(stub_call(f->s, "ivo", "POST", "dossiers", NULL,
                     "{\"actor\":\"clerk1\",\"title\":\"t\",\"alerts\":[\"K9\"]}", NULL),
           404, "no alert K9");
    open_one(f);
    expect(
        stub_call(f->s, "ivo", "POST", "dossiers/:id/alerts", "D-0001", "{\"ids\":[\"K2\"]}", NULL),
        200, NULL);
    expect(stub_call(f->s, "ivo", "POST", "dossiers/:id/notes", "D-0001",
                     "{\"text\":\"spoke to the manager\"}", NULL),
           200, NULL);
    expect(stub_call(f->s, "ivo", "POST", "dossiers/:id/assign", "D-0001",
                     "{\"investigator\":\"nobody\"}", NULL),
           404, "no enabled account 'nobody'");
    /* dossier.close-without-outcome */
    expect(stub_call(f->s, "ivo", "POST", "dossiers/:id/status", "D-0001",
                     "{\"status\":\"closed\"}", NULL),
           400, "needs an outcome");
    stub_resp r = stub_call(f->s, "ivo", "POST", "dossiers/:id/status", "D-0001",
                            "{\"status\":\"closed\",\"outcome\":\"reprimand\"}", NULL);
    assert_int_equal(r.status, 200);
    const cJSON *d = stub_get(r.json, "dossier");
    assert_string_equal(stub_str(d, "status"), "closed");
    assert_string_equal(stub_str(d, "outcome"), "reprimand");
    assert_int_equal(cJSON_GetArraySize(stub_get(r.json, "alerts")), 2);
    assert_string_equal(stub_str(cJSON_GetArrayItem(stub_get(r.json, "notes"), 0), "text"),
                        "spoke to the manager");
    const cJSON *h = stub_get(r.json, "history");
    const char *actions[] = {"open", "add alert", "add alert", "note", "status"};
    assert_int_equal(cJSON_GetArraySize(h), 5);
    for (int i = 0; i < 5; i++)
        assert_string_equal(stub_str(cJSON_GetArrayItem(h, i), "action"), actions[i]);
    stub_free(&r);
    /* dossier.closed-add */
    expect(
        stub_call(f->s, "ivo", "POST", "dossiers/:id/alerts", "D-0001", "{\"ids\":[\"K2\"]}", NULL),
        409, "is closed");
    expect(stub_call(f->s, "ivo", "POST", "dossiers/:id/status", "D-0001",
                     "{\"status\":\"closed\",\"outcome\":\"x\"}", NULL),
           409, "closed already");
    expect(stub_call(f->s, "ivo", "GET", "dossiers/:id", "D-0009", NULL, NULL), 404,
           "no dossier D-0009");
    r = stub_call(f->s, "ivo", "GET", "dossiers", NULL, NULL, "status=closed");
    assert_int_equal(cJSON_GetArraySize(stub_get(r.json, "dossiers")), 1);
    stub_free(&r);
    r = stub_call(f->s, "ivo", "GET", "dossiers", NULL, NULL, "status=open");
    assert_int_equal(cJSON_GetArraySize(stub_get(r.json, "dossiers")), 0);
    stub_free(&r);
}

static void test_report(void **state)
{
    fixture *f = *state;
    open_one(f);
    expect(
        stub_call(f->s, "ivo", "POST", "dossiers/:id/alerts", "D-0001", "{\"ids\":[\"K2\"]}", NULL),
        200, NULL);
    stub_resp r = stub_call(f->s, "ivo", "GET", "dossiers/:id/report", "D-0001", NULL, NULL);
    assert_int_equal(r.status, 200);
    assert_string_equal(stub_str(r.json, "person"), "clerk1");
    const cJSON *tl = stub_get(r.json, "timeline");
    /* e1 and e2 in the alerts' period; e3 is 18 days after it; e4 is clerk2's */
    assert_int_equal(cJSON_GetArraySize(tl), 2);
    const cJSON *x = cJSON_GetArrayItem(tl, 0);
    assert_string_equal(stub_str(x, "query"), "<script>alert(1)</script> de Vries");
    assert_int_equal((int)stub_num(x, "results"), 3);
    assert_string_equal(stub_str(x, "client"), "ws-12");
    assert_string_equal(stub_str(x, "subject"), "S1");
    assert_true(strlen(stub_str(x, "explanation")) > 0);
    assert_string_equal(cJSON_GetArrayItem(stub_get(x, "alert_ids"), 0)->valuestring, "K1");
    assert_true(cJSON_IsNull(stub_get(cJSON_GetArrayItem(tl, 1), "results")));
    assert_string_equal(
        cJSON_GetArrayItem(stub_get(cJSON_GetArrayItem(tl, 1), "alert_ids"), 0)->valuestring, "K2");
    const cJSON *alerts = stub_get(r.json, "alerts");
    assert_int_equal(cJSON_GetArraySize(alerts), 2);
    assert_string_equal(stub_str(cJSON_GetArrayItem(alerts, 0), "reason"),
                        "looked up a neighbour without a case");
    const cJSON *period = stub_get(r.json, "period");
    assert_string_equal(stub_str(period, "from"), "2026-02-23T10:00:00Z");
    assert_string_equal(stub_str(period, "to"), "2026-03-11T10:00:00Z");
    /* the alert's page names its dossier */
    stub_free(&r);
    r = stub_call(f->s, "ivo", "GET", "alerts/:id", "K1", NULL, NULL);
    assert_string_equal(stub_str(stub_get(r.json, "dossier"), "id"), "D-0001");
    stub_free(&r);
}

static int64_t count(store *s, const char *sql)
{
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(store_db(s), sql, -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    int64_t n = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return n;
}

static void test_purge_keeps_held(void **state)
{
    fixture *f = *state;
    werr e = {0};
    /* K2 under investigation, K1 in an open dossier, K3 neither */
    assert_int_equal(ops_wf_status(f->s, "ivo", "K2", "acknowledged", NULL, NULL, T0, &e), 0);
    assert_int_equal(ops_wf_status(f->s, "ivo", "K2", "investigating", NULL, NULL, T0, &e), 0);
    open_one(f);
    store_purge_cut cut = {.events = T0 + 400 * DAY,
                           .alerts = T0 + 400 * DAY,
                           .cases = STORE_PURGE_KEEP,
                           .quarantine = STORE_PURGE_KEEP,
                           .now = T0 + 400 * DAY};
    store_purge_counts n;
    assert_int_equal(store_purge(f->s, &cut, 0, &n, &e), 0);
    assert_int_equal(count(f->s, "SELECT count(*) FROM alerts WHERE id IN ('K1', 'K2')"), 2);
    assert_int_equal(count(f->s, "SELECT count(*) FROM alerts WHERE id = 'K3'"), 0);
    assert_int_equal(count(f->s, "SELECT count(*) FROM events WHERE id IN ('e1', 'e2')"), 2);
    assert_int_equal(count(f->s, "SELECT count(*) FROM events WHERE id IN ('e3', 'e4')"), 0);
    assert_true(n.alerts_held >= 2);
    /* closed, the dossier holds no more */
    assert_int_equal(store_exec(f->s, "UPDATE dossiers SET status = 'closed'"), 0);
    assert_int_equal(store_purge(f->s, &cut, 0, &n, &e), 0);
    assert_int_equal(count(f->s, "SELECT count(*) FROM alerts WHERE id = 'K1'"), 0);
    assert_int_equal(count(f->s, "SELECT count(*) FROM alerts WHERE id = 'K2'"), 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_dossier_lifecycle, setup, teardown),
        cmocka_unit_test_setup_teardown(test_report, setup, teardown),
        cmocka_unit_test_setup_teardown(test_purge_keeps_held, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
