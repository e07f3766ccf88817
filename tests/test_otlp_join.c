#define _GNU_SOURCE
/* ops_receive: spans and audit records joined into events in both
 * arrival orders, a span that carries its user, the register's name as
 * the purpose, waiting and expiry (time injected, not slept), waiting
 * across a restart, nothing stored before the commit, and the same
 * alerts as the same events ingested as JSON Lines. */
#include "testutil.h"

#include "input/otlp_json.h"
#include "ops/ops_receive.h"

#define TRACE "0af7651916cd43dd8448eb211c80319c"
#define ACT_ID "https://register.example/verwerkingsactiviteiten/42"
#define WAIT_MS 60000

typedef struct fx {
    char *dir;
    char db[600];
} fx;

static int setup(void **state)
{
    fx *f = calloc(1, sizeof *f);
    f->dir = tu_tmpdir();
    snprintf(f->db, sizeof f->db, "%s/t.db", f->dir);
    tu_write(f->dir, "activities.csv", "id,name\n" ACT_ID ",WOZ-beschikking verstrekken\n");
    tu_write(f->dir, "actors.csv", "actor,unit,role\nalice,Belastingen,medewerker\n");
    tu_run r = tu_wachter(f->dir, "load", f->dir, NULL);
    assert_int_equal(r.code, 0);
    tu_free(&r);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fx *f = *state;
    tu_rmdir(f->dir);
    free(f);
    return 0;
}

/* A request with one span of operation op about subject (user: its
 * enduser.id, NULL for none; act: its activity). */
static char *span_req(const char *op, const char *subject, const char *user, const char *act)
{
    char *out, userattr[200] = "";
    if (user)
        snprintf(userattr, sizeof userattr,
                 ",{\"key\":\"enduser.id\",\"value\":{\"stringValue\":\"%s\"}}", user);
    assert_true(
        asprintf(&out,
                 "{\"resourceSpans\":[{\"resource\":{\"attributes\":[{\"key\":\"service.name\","
                 "\"value\":{\"stringValue\":\"woz\"}}]},\"scopeSpans\":[{\"spans\":[{\"traceId\":"
                 "\"" TRACE "\",\"spanId\":\"%s\",\"name\":\"raadplegen\",\"startTimeUnixNano\":"
                 "\"1765000000000000000\",\"attributes\":[{\"key\":"
                 "\"dpl.core.processing_activity_id\",\"value\":{\"stringValue\":\"%s\"}},{\"key\":"
                 "\"dpl.core.data_subject_id\",\"value\":{\"stringValue\":\"%s\"}}%s]}]}]}]}",
                 op, act ? act : ACT_ID, subject, userattr) > 0);
    return out;
}

static char *audit_line(const char *op, const char *user)
{
    char *out;
    assert_true(asprintf(&out,
                         "{\"user\":\"%s\",\"trace_id\":\"" TRACE "\",\"operation_id\":\"%s\"}\n",
                         user, op) > 0);
    return out;
}

static ops_receiver *open_at(fx *f, store **s, int64_t started)
{
    werr e = {0};
    assert_int_equal(store_open(f->db, s, &e), 0);
    ops_receiver *r = NULL;
    if (ops_receive_open(*s, WAIT_MS, started, NULL, &r, &e) < 0) fail_msg("%s", e.msg);
    return r;
}

static void close_it(ops_receiver *r, store *s)
{
    ingest_stats st;
    werr e = {0};
    if (ops_receive_close(r, &st, &e) < 0) fail_msg("%s", e.msg);
    store_close(s);
}

static void traces(ops_receiver *r, const char *body, int64_t now, ops_received *res)
{
    werr e = {0};
    if (ops_receive_traces(r, body, strlen(body), now, res, &e) < 0) fail_msg("%s", e.msg);
}

static void audit(ops_receiver *r, const char *body, int64_t now, ops_received *res)
{
    werr e = {0};
    if (ops_receive_audit(r, body, strlen(body), now, res, &e) < 0) fail_msg("%s", e.msg);
}

static void commit(ops_receiver *r)
{
    werr e = {0};
    if (ops_receive_commit(r, &e) < 0) fail_msg("%s", e.msg);
}

static void expect_rows(fx *f, const char *sql, const char *want)
{
    char *got = tu_rows(f->dir, sql);
    if (strcmp(got, want) != 0) fail_msg("%s:\ngot  '%s'\nwant '%s'", sql, got, want);
    free(got);
}

#define EVENTS "SELECT id, actor, subject, system, action, purpose FROM events ORDER BY id"

static void test_span_then_audit(void **state)
{
    fx *f = *state;
    store *s;
    ops_receiver *r = open_at(f, &s, 0);
    ops_received res;
    char *sp = span_req("b7ad6b7169203331", "bsn-1", NULL, NULL);
    traces(r, sp, 1000, &res);
    assert_int_equal(res.records, 1);
    assert_int_equal(res.waiting, 1);
    assert_int_equal(res.events, 0);
    commit(r);
    expect_rows(f, EVENTS, "");
    char *al = audit_line("b7ad6b7169203331", "alice");
    audit(r, al, 2000, &res);
    assert_int_equal(res.events, 1);
    commit(r);
    expect_rows(f, EVENTS,
                TRACE ":b7ad6b7169203331|alice|bsn-1|woz|raadplegen|WOZ-beschikking verstrekken\n");
    expect_rows(f, "SELECT count(*) FROM otlp_pending", "0\n");
    /* the span sent again (its sender had no answer in time): stored
     * once, waiting for nothing, never reported as unjoined */
    traces(r, sp, 3000, &res);
    assert_int_equal(res.duplicates, 1);
    assert_int_equal(res.waiting, 0);
    werr e = {0};
    assert_int_equal(ops_receive_expire(r, 3000 + 2 * WAIT_MS, &e), 0);
    commit(r);
    expect_rows(f, "SELECT count(*) FROM quarantine", "0\n");
    expect_rows(f, "SELECT count(*) FROM events", "1\n");
    close_it(r, s);
    free(sp);
    free(al);
}

static void test_audit_then_span(void **state)
{
    fx *f = *state;
    store *s;
    ops_receiver *r = open_at(f, &s, 0);
    ops_received res;
    char *al = audit_line("b7ad6b7169203332", "alice");
    audit(r, al, 1000, &res);
    assert_int_equal(res.waiting, 1);
    char *sp = span_req("b7ad6b7169203332", "bsn-2", NULL, NULL);
    traces(r, sp, 1500, &res);
    assert_int_equal(res.events, 1);
    assert_int_equal(res.waiting, 0);
    commit(r);
    expect_rows(f, EVENTS,
                TRACE ":b7ad6b7169203332|alice|bsn-2|woz|raadplegen|WOZ-beschikking verstrekken\n");
    close_it(r, s);
    free(sp);
    free(al);
}

/* enduser.id on the span: no audit record needed; an activity the
 * register lacks keeps its id as the purpose (otlp.activity-unknown). */
static void test_span_with_user(void **state)
{
    fx *f = *state;
    store *s;
    ops_receiver *r = open_at(f, &s, 0);
    ops_received res;
    char *sp = span_req("b7ad6b7169203333", "bsn-3", "bob", "urn:unknown-activity");
    traces(r, sp, 1000, &res);
    assert_int_equal(res.events, 1);
    assert_int_equal(res.waiting, 0);
    commit(r);
    expect_rows(f, EVENTS,
                TRACE ":b7ad6b7169203333|bob|bsn-3|woz|raadplegen|urn:unknown-activity\n");
    close_it(r, s);
    free(sp);
}

/* Records wait --wait, then each is quarantined with its reason: never
 * dropped (otlp.unjoined-span, otlp.unjoined-audit). */
static void test_wait_and_expiry(void **state)
{
    fx *f = *state;
    store *s;
    ops_receiver *r = open_at(f, &s, 0);
    ops_received res;
    werr e = {0};
    char *sp = span_req("b7ad6b7169203334", "bsn-4", NULL, NULL);
    char *al = audit_line("c7ad6b7169203335", "alice");
    traces(r, sp, 10000, &res);
    audit(r, al, 20000, &res);
    commit(r);
    assert_int_equal(ops_receive_expire(r, 10000 + WAIT_MS, &e), 0); /* not yet */
    assert_int_equal(ops_receive_expire(r, 10001 + WAIT_MS, &e), 1); /* the span */
    commit(r);
    expect_rows(f, "SELECT source, line, reason FROM quarantine",
                "otlp|0|processing record without an audit record after 60 s: trace " TRACE
                " operation b7ad6b7169203334\n");
    assert_int_equal(ops_receive_expire(r, 20001 + WAIT_MS, &e), 1); /* the audit record */
    commit(r);
    expect_rows(f, "SELECT source, reason FROM quarantine WHERE source = 'otlp-audit'",
                "otlp-audit|audit record without a processing record after 60 s: trace " TRACE
                " operation c7ad6b7169203335\n");
    /* the raw bytes are the span as received */
    char *raw = tu_rows(f->dir, "SELECT CAST(raw AS TEXT) FROM quarantine WHERE source = 'otlp'");
    assert_non_null(strstr(raw, "\"spanId\":\"b7ad6b7169203334\""));
    free(raw);
    expect_rows(f, "SELECT count(*) FROM otlp_pending", "0\n");
    expect_rows(f, EVENTS, "");
    close_it(r, s);
    free(sp);
    free(al);
}

/* A receiver that just started gives waiting records the whole wait
 * again, and a span kept by one receiver joins an audit record that
 * comes to the next. */
static void test_restart(void **state)
{
    fx *f = *state;
    store *s;
    ops_receiver *r = open_at(f, &s, 0);
    ops_received res;
    werr e = {0};
    char *sp = span_req("b7ad6b7169203336", "bsn-6", NULL, NULL);
    traces(r, sp, 1000, &res);
    commit(r);
    close_it(r, s);
    int64_t later = 1000 + 10 * WAIT_MS;
    r = open_at(f, &s, later);
    assert_int_equal(ops_receive_expire(r, later + 1, &e), 0);
    char *al = audit_line("b7ad6b7169203336", "alice");
    audit(r, al, later + 2, &res);
    assert_int_equal(res.events, 1);
    commit(r);
    close_it(r, s);
    expect_rows(f, EVENTS,
                TRACE ":b7ad6b7169203336|alice|bsn-6|woz|raadplegen|WOZ-beschikking verstrekken\n");
    free(sp);
    free(al);
}

/* Acknowledged only once stored: before the commit nothing is. */
static void test_nothing_before_commit(void **state)
{
    fx *f = *state;
    store *s;
    ops_receiver *r = open_at(f, &s, 0);
    ops_received res;
    char *sp = span_req("b7ad6b7169203337", "bsn-7", "bob", NULL);
    traces(r, sp, 1000, &res);
    assert_int_equal(res.events, 1);
    ops_receive_abort(r);
    store_close(s);
    expect_rows(f, EVENTS, "");
    free(sp);
}

/* A bad span is quarantined with its reason beside the good ones; a body
 * that is not OTLP is quarantined whole and refused. */
static void test_bad_span_and_body(void **state)
{
    fx *f = *state;
    store *s;
    ops_receiver *r = open_at(f, &s, 0);
    ops_received res;
    char *sp = span_req("nothex0000000000", "bsn-8", "bob", NULL);
    traces(r, sp, 1000, &res);
    assert_int_equal(res.records, 1);
    assert_int_equal(res.rejected, 1);
    assert_string_equal(res.error, "span 1: span's spanId is not 16 hex digits (not all zero)");
    werr e = {0};
    assert_int_equal(ops_receive_traces(r, "<xml/>", 6, 1000, &res, &e), -1);
    assert_int_equal(e.code, WERR_INPUT);
    audit(r, "{\"user\":\"x\"}\n\n", 1000, &res);
    assert_int_equal(res.rejected, 1);
    commit(r);
    close_it(r, s);
    expect_rows(f,
                "SELECT source, line, reason, CAST(raw AS TEXT) = '<xml/>' FROM quarantine"
                " ORDER BY source, line",
                "otlp|0|the body is not a JSON object (OTLP/JSON ExportTraceServiceRequest)|1\n"
                "otlp|1|span's spanId is not 16 hex digits (not all zero)|0\n"
                "otlp-audit|1|trace_id is not 32 hex digits (not all zero)|0\n");
    free(sp);
}

/* The receiver's events raise the alerts the same events raise as JSON
 * Lines through `wachter ingest`. */
static void test_same_alerts_as_ingest(void **state)
{
    fx *f = *state;
    store *s;
    ops_receiver *r = open_at(f, &s, 0);
    ops_received res;
    char *lines = NULL;
    size_t nlines = 0;
    FILE *m = open_memstream(&lines, &nlines);
    for (int i = 0; i < 40; i++) {
        char op[17], subj[16];
        snprintf(op, sizeof op, "%016x", 0x1000 + i);
        snprintf(subj, sizeof subj, "bsn-%d", i);
        /* mallory is not in the staff register: an alert */
        const char *user = i % 2 ? "mallory" : "alice";
        char *sp = span_req(op, subj, NULL, NULL), *al = audit_line(op, user);
        traces(r, sp, 1000, &res);
        audit(r, al, 1000, &res);
        assert_int_equal(res.events, 1);
        /* the same event as a JSON line */
        arena *a = arena_new(4096);
        otlp_rec *recs;
        size_t n;
        const char *why;
        assert_int_equal(otlp_decode_traces(sp, strlen(sp), a, &recs, &n, &why), 0);
        buf b = {0};
        assert_int_equal(otlp_event_json(&recs[0], user, "WOZ-beschikking verstrekken", &b), 0);
        fprintf(m, "%s\n", b.data);
        buf_free(&b);
        arena_free(a);
        free(sp);
        free(al);
    }
    fclose(m);
    commit(r);
    close_it(r, s);
    char *other = tu_tmpdir();
    tu_write(other, "activities.csv", "id,name\n" ACT_ID ",WOZ-beschikking verstrekken\n");
    tu_write(other, "actors.csv", "actor,unit,role\nalice,Belastingen,medewerker\n");
    tu_write(other, "events.jsonl", lines);
    tu_run run = tu_wachter(other, "load", other, NULL);
    assert_int_equal(run.code, 0);
    tu_free(&run);
    char path[600];
    snprintf(path, sizeof path, "%s/events.jsonl", other);
    run = tu_wachter(other, "ingest", path, NULL);
    assert_int_equal(run.code, 0);
    tu_free(&run);
    const char *q = "SELECT rule, actor, severity, reason FROM alerts ORDER BY rule, actor, ts";
    char *want = tu_rows(other, q), *got = tu_rows(f->dir, q);
    assert_true(strlen(want) > 0);
    assert_string_equal(got, want);
    const char *qe = "SELECT id, actor, subject, purpose, attrs FROM events ORDER BY id";
    char *want_e = tu_rows(other, qe), *got_e = tu_rows(f->dir, qe);
    assert_string_equal(got_e, want_e);
    free(want);
    free(got);
    free(want_e);
    free(got_e);
    free(lines);
    tu_rmdir(other);
}

/* otlp.open-listen: beyond loopback without a token and TLS, refused at
 * start; otlp.short-token: a token file whose token is short. */
static void test_refused_at_start(void **state)
{
    fx *f = *state;
    tu_run r = tu_wachter(f->dir, "receive", "--listen", "0.0.0.0:0", NULL);
    assert_int_equal(r.code, CLI_EXIT_USAGE);
    assert_non_null(strstr(r.err, "beyond this machine, needs --token-file F"));
    tu_free(&r);
    tu_write(f->dir, "token", "short\n");
    char tok[600];
    snprintf(tok, sizeof tok, "%s/token", f->dir);
    r = tu_wachter(f->dir, "receive", "--listen", "127.0.0.1:0", "--token-file", tok, NULL);
    assert_int_equal(r.code, CLI_EXIT_USAGE);
    assert_non_null(strstr(r.err, "is shorter than 16 characters"));
    tu_free(&r);
    r = tu_wachter(f->dir, "receive", "--wait", "0", NULL);
    assert_int_equal(r.code, CLI_EXIT_USAGE);
    tu_free(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_span_then_audit, setup, teardown),
        cmocka_unit_test_setup_teardown(test_audit_then_span, setup, teardown),
        cmocka_unit_test_setup_teardown(test_span_with_user, setup, teardown),
        cmocka_unit_test_setup_teardown(test_wait_and_expiry, setup, teardown),
        cmocka_unit_test_setup_teardown(test_restart, setup, teardown),
        cmocka_unit_test_setup_teardown(test_nothing_before_commit, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bad_span_and_body, setup, teardown),
        cmocka_unit_test_setup_teardown(test_same_alerts_as_ingest, setup, teardown),
        cmocka_unit_test_setup_teardown(test_refused_at_start, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
