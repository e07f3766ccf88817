/* /metrics' text (emit/emit_metrics.h): the Prometheus exposition format
 * 0.0.4 as a scraper parses it, with hostile label values escaped, and the
 * store's counters as ingest keeps them (store/store_metrics.h). */
#include "testutil.h"

#include "emit/emit_metrics.h"
#include "store/store_metrics.h"

static void test_label_escaping(void **state)
{
    buf b = {0};
    assert_int_equal(emit_metrics_label(&b, "a\"b\\c\nd}e,f=\"g"), 0);
    assert_string_equal(b.data, "a\\\"b\\\\c\\nd}e,f=\\\"g");
    buf_free(&b);
}

static void test_exposition(void **state)
{
    store_metrics m;
    memset(&m, 0, sizeof m);
    m.events = 1234;
    m.newest_ts = 1796637600000;
    m.last_commit = 1796637610000;
    m.nquarantined = 1;
    snprintf(m.quarantined[0].name, sizeof m.quarantined[0].name, "csv");
    m.quarantined[0].n = 7;
    m.nrules = 2;
    snprintf(m.by_rule[0].name, sizeof m.by_rule[0].name, "protected");
    m.by_rule[0].n = 3;
    snprintf(m.by_rule[1].name, sizeof m.by_rule[1].name, "x\"}\ny");
    m.by_rule[1].n = 1;
    m.nstatus = 1;
    snprintf(m.by_status[0].name, sizeof m.by_status[0].name, "new");
    m.by_status[0].n = 4;
    emit_http_stats *h = calloc(1, sizeof *h);
    h->nroutes = 1;
    h->routes[0].route = "alerts/:id";
    h->routes[0].count = 3;
    h->routes[0].bucket[0] = 2;                 /* <= 5 ms */
    h->routes[0].bucket[EMIT_HTTP_BUCKETS] = 1; /* above 10 s */
    h->routes[0].sum = 12.5;
    h->by_code[200] = 2;
    h->by_code[404] = 1;
    buf b = {0};
    assert_int_equal(emit_metrics(&b, &m, h, 1796637660000), 0);
    const char *want[] = {
        "# HELP wachter_events_ingested_total ",
        "# TYPE wachter_events_ingested_total counter\nwachter_events_ingested_total 1234\n",
        "wachter_lines_quarantined_total{source=\"csv\"} 7\n",
        "# TYPE wachter_alerts gauge\n",
        "wachter_alerts{rule=\"protected\"} 3\n",
        "wachter_alerts{rule=\"x\\\"}\\ny\"} 1\n",
        "wachter_alerts_by_status{status=\"new\"} 4\n",
        "wachter_ingest_lag_seconds 60.000\n",
        "wachter_newest_event_timestamp_seconds 1796637600.000\n",
        "wachter_last_ingest_commit_timestamp_seconds 1796637610.000\n",
        "wachter_http_requests_total{code=\"200\"} 2\n",
        "wachter_http_requests_total{code=\"404\"} 1\n",
        "# TYPE wachter_http_request_duration_seconds histogram\n",
        "wachter_http_request_duration_seconds_bucket{route=\"/api/v1/alerts/:id\",le=\"0.005\"} "
        "2\n",
        "wachter_http_request_duration_seconds_bucket{route=\"/api/v1/alerts/:id\",le=\"10\"} 2\n",
        "wachter_http_request_duration_seconds_bucket{route=\"/api/v1/alerts/:id\",le=\"+Inf\"} "
        "3\n",
        "wachter_http_request_duration_seconds_sum{route=\"/api/v1/alerts/:id\"} 12.500000\n",
        "wachter_http_request_duration_seconds_count{route=\"/api/v1/alerts/:id\"} 3\n",
    };
    for (size_t i = 0; i < sizeof want / sizeof *want; i++)
        if (!strstr(b.data, want[i])) fail_msg("missing: %s\nin:\n%s", want[i], b.data);
    /* Every line a comment or `name{labels} value`, no raw line break in a
     * label: each line that is not a comment ends in a number. */
    for (char *line = b.data, *nl; (nl = strchr(line, '\n')); line = nl + 1) {
        if (*line == '#') continue;
        char *sp = nl;
        while (sp > line && sp[-1] != ' ')
            sp--;
        assert_true(sp > line);
        assert_true(strchr("0123456789", *sp) != NULL);
    }
    buf_free(&b);
    free(h);
}

/* The counters an ingest's commits keep: events stored anew, lines
 * quarantined anew by kind, the time of the newest event. */
static void test_store_counters(void **state)
{
    char *dir = tu_tmpdir();
    tu_write(
        dir, "e.jsonl",
        "{\"ts\":\"2026-12-07T10:00:00Z\",\"actor\":\"a\",\"action\":\"view\",\"subject\":\"1\"}\n"
        "{\"ts\":\"2026-12-07T11:00:00Z\",\"actor\":\"a\",\"action\":\"view\",\"subject\":\"2\"}\n"
        "not json\n");
    char file[600], db[600];
    snprintf(file, sizeof file, "%s/e.jsonl", dir);
    snprintf(db, sizeof db, "%s/t.db", dir);
    for (int i = 0; i < 2; i++) { /* the second time: duplicates, nothing new */
        tu_run r = tu_wachter(dir, "ingest", file, NULL);
        assert_int_equal(r.code, 0);
        free(r.out), free(r.err);
    }
    store *s;
    werr e = {0};
    assert_int_equal(store_open(db, &s, &e), 0);
    store_metrics m;
    assert_int_equal(store_metrics_read(s, &m, &e), 0);
    assert_int_equal(m.events, 2);
    assert_int_equal(m.newest_ts, INT64_C(1796641200000));
    assert_int_equal(m.nquarantined, 1);
    assert_string_equal(m.quarantined[0].name, "json");
    assert_int_equal(m.quarantined[0].n, 1);
    assert_true(m.last_commit > 0);
    store_close(s);
    tu_rmdir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_label_escaping),
        cmocka_unit_test(test_exposition),
        cmocka_unit_test(test_store_counters),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
