#define _GNU_SOURCE
/* otlp_json: the Logboek Dataverwerkingen profile of OTLP/JSON decoded
 * (ids, times, attributes, the resource's service.name), each kind of bad
 * span with its reason, and a body that is not OTLP at all. */
#include "testutil.h"

#include "input/otlp_json.h"

#define TRACE "0AF7651916CD43DD8448EB211C80319C"
#define SPAN_ID "b7ad6b7169203331"
#define ACT                                                                                        \
    "{\"key\":\"dpl.core.processing_activity_id\",\"value\":{\"stringValue\":\"urn:act:7\"}}"
#define SUBJ "{\"key\":\"dpl.core.data_subject_id\",\"value\":{\"stringValue\":\"bsn-1\"}}"

/* A request of one resource (service.name woz) holding spans (a JSON
 * list's inside). */
static char *request(const char *spans)
{
    char *out;
    assert_true(asprintf(&out,
                         "{\"resourceSpans\":[{\"resource\":{\"attributes\":[{\"key\":"
                         "\"service.name\",\"value\":{\"stringValue\":\"woz\"}}]},"
                         "\"scopeSpans\":[{\"scope\":{\"name\":\"t\"},\"spans\":[%s]}]}]}",
                         spans) > 0);
    return out;
}

static void decode(const char *spans, arena *a, otlp_rec **recs, size_t *n)
{
    char *body = request(spans);
    const char *why = NULL;
    assert_int_equal(otlp_decode_traces(body, strlen(body), a, recs, n, &why), 0);
    free(body);
}

static void test_span_decoded(void **state)
{
    (void)state;
    arena *a = arena_new(4096);
    otlp_rec *r;
    size_t n;
    decode("{\"traceId\":\"" TRACE "\",\"spanId\":\"" SPAN_ID "\",\"name\":\"raadplegen\","
           "\"startTimeUnixNano\":\"1765000000123456789\",\"status\":{\"code\":2},"
           "\"attributes\":[" ACT "," SUBJ ","
           "{\"key\":\"http.route\",\"value\":{\"stringValue\":\"/woz/\\\"x\\\"\"}},"
           "{\"key\":\"n\",\"value\":{\"intValue\":\"5\"}},"
           "{\"key\":\"ok\",\"value\":{\"boolValue\":true}}]}",
           a, &r, &n);
    assert_int_equal(n, 1);
    assert_null(r[0].why);
    assert_string_equal(r[0].trace, "0af7651916cd43dd8448eb211c80319c"); /* hex, lowercased */
    assert_string_equal(r[0].op, SPAN_ID);
    assert_int_equal(r[0].ts, 1765000000123); /* ns → ms */
    assert_string_equal(r[0].name, "raadplegen");
    assert_string_equal(r[0].action, "raadplegen"); /* the span's name without wachter.action */
    assert_string_equal(r[0].activity, "urn:act:7");
    assert_string_equal(r[0].subject, "bsn-1");
    assert_string_equal(r[0].system, "woz");
    assert_string_equal(r[0].user, "");
    assert_string_equal(r[0].status, "error");
    assert_string_equal(r[0].attrs, "{\"http.route\":\"/woz/\\\"x\\\"\",\"n\":5,\"ok\":true}");
    /* the event it makes, joined with its user */
    buf b = {0};
    assert_int_equal(otlp_event_json(&r[0], "alice", "WOZ-beschikking", &b), 0);
    assert_non_null(strstr(b.data, "\"id\":\"0af7651916cd43dd8448eb211c80319c:" SPAN_ID "\""));
    assert_non_null(strstr(b.data, "\"actor\":\"alice\""));
    assert_non_null(strstr(b.data, "\"purpose\":\"WOZ-beschikking\""));
    assert_non_null(strstr(b.data, "\"processing_activity_id\":\"urn:act:7\""));
    buf_free(&b);
    arena_free(a);
}

static void test_user_and_action_attributes(void **state)
{
    (void)state;
    arena *a = arena_new(4096);
    otlp_rec *r;
    size_t n;
    decode("{\"traceId\":\"" TRACE "\",\"spanId\":\"" SPAN_ID "\",\"name\":\"GET /x\","
           "\"startTimeUnixNano\":1765000000000000000,\"attributes\":[" ACT "," SUBJ ","
           "{\"key\":\"enduser.id\",\"value\":{\"stringValue\":\"bob\"}},"
           "{\"key\":\"wachter.action\",\"value\":{\"stringValue\":\"view\"}}]}",
           a, &r, &n);
    assert_int_equal(n, 1);
    assert_null(r[0].why);
    assert_string_equal(r[0].user, "bob");
    assert_string_equal(r[0].action, "view");
    assert_string_equal(r[0].attrs, "{}");
    assert_int_equal(r[0].ts, 1765000000000);
    arena_free(a);
}

/* Each kind of bad span, the reason it is quarantined with (the ids of
 * docs/bad-input.md). */
static void test_bad_spans(void **state)
{
    (void)state;
    static const struct {
        const char *id, *span, *why;
    } cases[] = {
        {"otlp.bad-trace-id",
         "{\"traceId\":\"xyz\",\"spanId\":\"" SPAN_ID "\",\"name\":\"n\","
         "\"startTimeUnixNano\":\"1765000000000000000\",\"attributes\":[" ACT "," SUBJ "]}",
         "span's traceId is not 32 hex digits (not all zero)"},
        {"otlp.bad-trace-id",
         "{\"traceId\":\"00000000000000000000000000000000\",\"spanId\":\"" SPAN_ID "\","
         "\"name\":\"n\",\"startTimeUnixNano\":\"1765000000000000000\",\"attributes\":[" ACT
         "," SUBJ "]}",
         "span's traceId is not 32 hex digits (not all zero)"},
        {"otlp.bad-span-id",
         "{\"traceId\":\"" TRACE "\",\"spanId\":\"t7ad6b7169203331\",\"name\":\"n\","
         "\"startTimeUnixNano\":\"1765000000000000000\",\"attributes\":[" ACT "," SUBJ "]}",
         "span's spanId is not 16 hex digits (not all zero)"},
        {"otlp.bad-time",
         "{\"traceId\":\"" TRACE "\",\"spanId\":\"" SPAN_ID "\",\"name\":\"n\","
         "\"startTimeUnixNano\":\"yesterday\",\"attributes\":[" ACT "," SUBJ "]}",
         "span's startTimeUnixNano is not a time in nanoseconds between 1970 and 2100"},
        {"otlp.bad-time",
         "{\"traceId\":\"" TRACE "\",\"spanId\":\"" SPAN_ID "\",\"name\":\"n\","
         "\"attributes\":[" ACT "," SUBJ "]}",
         "span's startTimeUnixNano is not a time in nanoseconds between 1970 and 2100"},
        {"otlp.no-activity",
         "{\"traceId\":\"" TRACE "\",\"spanId\":\"" SPAN_ID "\",\"name\":\"n\","
         "\"startTimeUnixNano\":\"1765000000000000000\",\"attributes\":[" SUBJ "]}",
         "span without attribute dpl.core.processing_activity_id"},
        {"otlp.no-subject",
         "{\"traceId\":\"" TRACE "\",\"spanId\":\"" SPAN_ID "\",\"name\":\"n\","
         "\"startTimeUnixNano\":\"1765000000000000000\",\"attributes\":[" ACT "]}",
         "span without attribute dpl.core.data_subject_id"},
        {"otlp.no-subject",
         "{\"traceId\":\"" TRACE "\",\"spanId\":\"" SPAN_ID "\",\"name\":\"n\","
         "\"startTimeUnixNano\":\"1765000000000000000\",\"attributes\":[" ACT ","
         "{\"key\":\"dpl.core.data_subject_id\",\"value\":{\"intValue\":\"7\"}}]}",
         "span attribute dpl.core.data_subject_id is not a non-empty string"},
        {"otlp.no-name",
         "{\"traceId\":\"" TRACE "\",\"spanId\":\"" SPAN_ID "\","
         "\"startTimeUnixNano\":\"1765000000000000000\",\"attributes\":[" ACT "," SUBJ "]}",
         "span without a name (nor attribute wachter.action)"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        arena *a = arena_new(4096);
        otlp_rec *r;
        size_t n;
        decode(cases[i].span, a, &r, &n);
        assert_int_equal(n, 1);
        if (!r[0].why || strcmp(r[0].why, cases[i].why) != 0)
            fail_msg("%s: got '%s', want '%s'", cases[i].id, r[0].why ? r[0].why : "(good)",
                     cases[i].why);
        /* the raw bytes kept for the quarantine are the span's own */
        assert_true(r[0].nraw > 0 && r[0].raw[0] == '{');
        arena_free(a);
    }
}

/* otlp.not-utf8: a span holding bytes that are not UTF-8 is quarantined
 * (its text would not be kept as sent); otlp.nul: a NUL (\u0000) where
 * cJSON would cut a value short refuses the whole body. */
static void test_not_utf8_and_nul(void **state)
{
    (void)state;
    arena *a = arena_new(4096);
    otlp_rec *r;
    size_t n;
    decode("{\"traceId\":\"" TRACE "\",\"spanId\":\"" SPAN_ID "\",\"name\":\"raad\xffplegen\","
           "\"startTimeUnixNano\":\"1765000000000000000\",\"attributes\":[" ACT "," SUBJ "]}",
           a, &r, &n);
    assert_int_equal(n, 1);
    assert_non_null(r[0].why);
    assert_string_equal(r[0].why, "span is not valid UTF-8");
    char *body = request("{\"traceId\":\"" TRACE "\",\"spanId\":\"" SPAN_ID "\",\"name\":\"n\","
                         "\"startTimeUnixNano\":\"1765000000000000000\",\"attributes\":[" ACT
                         ",{\"key\":\"dpl.core.data_subject_id\",\"value\":{\"stringValue\":"
                         "\"bsn-1\\u0000-2\"}}]}");
    const char *why = NULL;
    assert_int_equal(otlp_decode_traces(body, strlen(body), a, &r, &n, &why), -1);
    assert_string_equal(why, "a string holds a NUL character (\\u0000), which would cut it short");
    free(body);
    /* an escaped backslash before u0000 is text, not a NUL */
    body =
        request("{\"traceId\":\"" TRACE "\",\"spanId\":\"" SPAN_ID "\",\"name\":\"a\\\\u0000\","
                "\"startTimeUnixNano\":\"1765000000000000000\",\"attributes\":[" ACT "," SUBJ "]}");
    assert_int_equal(otlp_decode_traces(body, strlen(body), a, &r, &n, &why), 0);
    assert_null(r[0].why);
    assert_string_equal(r[0].name, "a\\u0000");
    free(body);
    otlp_rec rec;
    const char *line =
        "{\"user\":\"al\\u0000ice\",\"trace_id\":\"" TRACE "\",\"operation_id\":\"" SPAN_ID "\"}";
    assert_int_equal(otlp_decode_record(line, strlen(line), 1, a, &rec), -1);
    assert_string_equal(rec.why, "a string holds a NUL character (\\u0000)");
    arena_free(a);
}

/* otlp.not-otlp: a body that is not an ExportTraceServiceRequest. */
static void test_not_otlp(void **state)
{
    (void)state;
    static const char *const bodies[] = {"garbage", "[1,2]", "{\"resourceSpans\":7}", ""};
    for (size_t i = 0; i < sizeof bodies / sizeof *bodies; i++) {
        arena *a = arena_new(4096);
        otlp_rec *r;
        size_t n;
        const char *why = NULL;
        assert_int_equal(otlp_decode_traces(bodies[i], strlen(bodies[i]), a, &r, &n, &why), -1);
        assert_non_null(strstr(why, "OTLP/JSON ExportTraceServiceRequest"));
        arena_free(a);
    }
    /* an empty request is a request */
    arena *a = arena_new(4096);
    otlp_rec *r;
    size_t n = 9;
    const char *why = NULL;
    assert_int_equal(otlp_decode_traces("{}", 2, a, &r, &n, &why), 0);
    assert_int_equal(n, 0);
    arena_free(a);
}

/* The audit record's line, and a waiting record read back as written. */
static void test_audit_record(void **state)
{
    (void)state;
    arena *a = arena_new(4096);
    otlp_rec r;
    const char *line = "{\"user\":\"alice\",\"trace_id\":\"" TRACE "\",\"operation_id\":\"" SPAN_ID
                       "\",\"ts\":\"2026-03-02T09:14:05Z\"}";
    assert_int_equal(otlp_decode_record(line, strlen(line), 1, a, &r), 0);
    assert_string_equal(r.user, "alice");
    assert_string_equal(r.trace, "0af7651916cd43dd8448eb211c80319c");
    assert_int_equal(r.ts, 1772442845000);
    static const struct {
        const char *id, *line, *why;
    } bad[] = {
        {"otlp.audit-no-user", "{\"trace_id\":\"" TRACE "\",\"operation_id\":\"" SPAN_ID "\"}",
         "audit record without a user"},
        {"otlp.audit-bad-ids",
         "{\"user\":\"a\",\"trace_id\":\"1\",\"operation_id\":\"" SPAN_ID "\"}",
         "trace_id is not 32 hex digits (not all zero)"},
        {"otlp.audit-bad-ids", "{\"user\":\"a\",\"trace_id\":\"" TRACE "\",\"operation_id\":7}",
         "operation_id is not 16 hex digits (not all zero)"},
        {"otlp.audit-not-json", "user=alice", "not a JSON object"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        assert_int_equal(otlp_decode_record(bad[i].line, strlen(bad[i].line), 1, a, &r), -1);
        if (strcmp(r.why, bad[i].why) != 0)
            fail_msg("%s: got '%s', want '%s'", bad[i].id, r.why, bad[i].why);
    }
    /* a span kept waiting comes back whole */
    otlp_rec *s;
    size_t n;
    decode("{\"traceId\":\"" TRACE "\",\"spanId\":\"" SPAN_ID "\",\"name\":\"raadplegen\","
           "\"startTimeUnixNano\":\"1765000000000000000\",\"attributes\":[" ACT "," SUBJ ","
           "{\"key\":\"x\",\"value\":{\"stringValue\":\"\\u00e9\"}}]}",
           a, &s, &n);
    buf b = {0};
    assert_int_equal(otlp_rec_json(&s[0], &b), 0);
    assert_int_equal(otlp_decode_record(b.data, b.len, 0, a, &r), 0);
    assert_string_equal(r.subject, "bsn-1");
    assert_string_equal(r.activity, "urn:act:7");
    assert_string_equal(r.system, "woz");
    assert_string_equal(r.action, "raadplegen");
    assert_int_equal(r.ts, 1765000000000);
    assert_string_equal(r.attrs, s[0].attrs);
    buf_free(&b);
    arena_free(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_span_decoded),     cmocka_unit_test(test_user_and_action_attributes),
        cmocka_unit_test(test_bad_spans),        cmocka_unit_test(test_not_otlp),
        cmocka_unit_test(test_not_utf8_and_nul), cmocka_unit_test(test_audit_record),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
