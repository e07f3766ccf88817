/* test_emit — what each result looks like in each format, byte for byte
 * (scripts parse the jsonl, people read the tables), and the one table of
 * exit statuses. */
#include "testutil.h"

#include "emit/emit_alerts.h"
#include "emit/emit_converge.h"
#include "detect/rules.h"
#include "emit/emit_incident.h"
#include "emit/emit_rules.h"
#include "emit/emit_ingest.h"
#include "emit/emit_load.h"
#include "emit/emit_protocol.h"
#include "emit/emit_quarantine.h"
#include "emit/emit_risk.h"

/* 2026-03-02T09:00:00Z */
#define T0 INT64_C(1772442000000)

static int alert(buf *b, enum emit_format f)
{
    const char *ev[] = {"e1", "e2", "e1"}, *subj[] = {"s1", "", "s1"};
    store_alert a = {"a-1",  "k.devries",
                     "bulk", "Export of 5 \"records\"",
                     T0,     3,
                     42.25,  ev,
                     subj,   3,
                     NULL,   NULL,
                     0,      NULL,
                     NULL,   0,
                     NULL,   0};
    return emit_alerts_begin(b, f) | emit_alert(b, f, &a);
}

/* An alert about one subject naming several actors: the table shows the
 * first and how many more, the JSON all of them. */
static int alert_actors(buf *b, enum emit_format f)
{
    const char *ev[] = {"e1", "e2", "e3"}, *subj[] = {"v1", "v1", "v1"};
    const char *who[] = {"k.devries", "j.jansen", "p.smit"};
    const double w[] = {60, 60, 58};
    store_alert a = {"a-2",       "k.devries",
                     "protected", "VIP record v1 looked up by 3",
                     T0,          3,
                     60,          ev,
                     subj,        3,
                     who,         w,
                     3,           NULL,
                     NULL,        0,
                     NULL,        0};
    return emit_alerts_begin(b, f) | emit_alert(b, f, &a);
}

static int risk(buf *b, enum emit_format f)
{
    risk_row r[] = {{"k.devries", 99.94, 1, 3, 2, {"first", "second"}, 2, 0},
                    {"j.jansen", 5, 2, 1, 1, {NULL}, 0, 0}};
    return emit_risk(b, f, r, 2, 0, 0);
}

static int protocol(buf *b, enum emit_format f)
{
    inv_protocol_row r = {T0, "", "brp", "view", "", "Z-1"};
    return emit_protocol_begin(b, f, "S1") | emit_protocol_row(b, f, &r) |
           emit_protocol_end(b, f, 1);
}

static int quarantined(buf *b, enum emit_format f)
{
    store_quarantined q = {"in.jsonl", "malformed JSON", 7, "{\"x\x01\xff\\", 6, T0};
    return emit_quarantine_begin(b, f) | emit_quarantined_line(b, f, &q);
}

/* unknown_case with min_distinct set in a file, a rule without
 * parameters, and what `rules load` says. */
static int rules(buf *b, enum emit_format f)
{
    size_t n;
    const rule_def *const *all = rules_all(&n), *uc = NULL;
    for (size_t i = 0; i < n; i++)
        if (strcmp(all[i]->name, "unknown_case") == 0) uc = all[i];
    rule_conf *c = rule_conf_new();
    werr e = {0};
    const char text[] = "unknown_case.min_distinct = 2\n";
    int rc = !uc || rule_conf_parse(c, text, sizeof text - 1, "r.conf", &e) < 0;
    static const rule_def none = {.name = "fixed", .version = 2};
    rc |= emit_rules_kind(b, f, c) | emit_rule(b, f, uc, c) | emit_rule(b, f, &none, NULL) |
          emit_rules_loaded(b, f, "r.conf", NULL, 1);
    rule_conf_free(c);
    return rc;
}

/* A port's configuration: the kind in force, and a parameter at the
 * port's default. */
static int rules_kind(buf *b, enum emit_format f)
{
    size_t n;
    const rule_def *const *all = rules_all(&n), *inc = NULL;
    for (size_t i = 0; i < n; i++)
        if (strcmp(all[i]->name, "incident") == 0) inc = all[i];
    rule_conf *c = rule_conf_new();
    werr e = {0};
    const char text[] = "# a terminal\nkind = port\n";
    int rc = !inc || rule_conf_parse(c, text, sizeof text - 1, "r.conf", &e) < 0;
    rc |= emit_rules_kind(b, f, c) | emit_rule(b, f, inc, c) |
          emit_rules_loaded(b, f, "r.conf", "port", 0);
    rule_conf_free(c);
    return rc;
}

static int incident(buf *b, enum emit_format f)
{
    inv_incident x = {"I-1", "S1", "fire", T0};
    inv_raised r = {4, 2};
    return emit_incident(b, f, &x, INT64_C(10) * 86400000, &r) |
           emit_incidents_new(b, f, 3, INT64_C(30) * 86400000, &r);
}

static int ingest(buf *b, enum emit_format f)
{
    ingest_stats st = {10, 8, 1, 1, 2, 9, 2.0, 3000000};
    return emit_ingest(b, f, &st, 0);
}

static int load(buf *b, enum emit_format f)
{
    refload_counts n = {2, 30, 1, 0};
    return emit_load(b, f, &n, NULL);
}

/* A file with bad rows is not loaded at all: the summary says so. */
static int load_refused(buf *b, enum emit_format f)
{
    refload_counts n = {2, 30, 3, 1};
    return emit_load(b, f, &n, NULL);
}

static int converge_none(buf *b, enum emit_format f)
{
    inv_conv_opts o = {T0, T0 + 86400000, 3, 5, 0, 30, 0.01};
    inv_convergence v = {0};
    return emit_converge(b, f, &o, &v);
}

static const struct {
    const char *name;
    int (*render)(buf *b, enum emit_format f);
    const char *table, *jsonl;
} cases[] = {
    {"alert", alert,
     "TIME                  ACTOR           RULE          SEVERITY  SCORE  REASON\n"
     "2026-03-02T09:00:00Z  k.devries       bulk          high       42.2  Export of 5 "
     "\"records\"\n",
     "{\"id\":\"a-1\",\"ts\":\"2026-03-02T09:00:00Z\",\"actor\":\"k.devries\",\"rule\":\"bulk\","
     "\"severity\":\"high\",\"score\":42.2,\"subjects\":[\"s1\"],\"events\":[\"e1\",\"e2\"],"
     "\"reason\":\"Export of 5 \\\"records\\\"\"}\n"},
    {"alert naming actors", alert_actors,
     "TIME                  ACTOR           RULE          SEVERITY  SCORE  REASON\n"
     "2026-03-02T09:00:00Z  k.devries +2    protected     high       60.0  VIP record v1 looked up "
     "by 3\n",
     "{\"id\":\"a-2\",\"ts\":\"2026-03-02T09:00:00Z\",\"actor\":\"k.devries\",\"rule\":"
     "\"protected\",\"severity\":\"high\",\"score\":60.0,\"subjects\":[\"v1\"],\"events\":"
     "[\"e1\",\"e2\",\"e3\"],\"actors\":[\"k.devries\",\"j.jansen\",\"p.smit\"],\"reason\":"
     "\"VIP record v1 looked up by 3\"}\n"},
    {"risk", risk,
     "RANK  ACTOR             SCORE  ALERTS  STRONGEST REASON\n"
     "   1  k.devries          99.9       3  first\n"
     "   2  j.jansen            5.0       1  \n",
     "{\"actor\":\"k.devries\",\"score\":99.9,\"rank\":1,\"alerts\":3,\"reasons\":[\"first\","
     "\"second\"]}\n"
     "{\"actor\":\"j.jansen\",\"score\":5.0,\"rank\":2,\"alerts\":1,\"reasons\":[]}\n"},
    {"protocol", protocol,
     "Accesses to the record of S1\n"
     "TIME                  ORGANISATION UNIT         SYSTEM    ACTION    PURPOSE                  "
     " CASE\n"
     "2026-03-02T09:00:00Z  (unit not registered)     brp       view      -                        "
     " Z-1\n"
     "1 accesses\n",
     "{\"ts\":\"2026-03-02T09:00:00Z\",\"unit\":\"(unit not registered)\",\"system\":\"brp\","
     "\"action\":\"view\",\"purpose\":\"\",\"case\":\"Z-1\"}\n"},
    {"quarantine", quarantined,
     "SOURCE                       LINE  REASON                                    RAW (first 60 "
     "bytes)\n"
     "in.jsonl                        7  malformed JSON                            "
     "{\"x\\x01\\xff\\\n",
     "{\"source\":\"in.jsonl\",\"line\":7,\"reason\":\"malformed JSON\","
     "\"quarantined_at\":\"2026-03-02T09:00:00Z\","
     "\"raw\":\"{\\u0022x\\u0001\\u00ff\\u005c\"}\n"},
    {"incident", incident,
     "incident I-1 stored; 4 look-ups of S1 in the 10 days before it; 2 new alerts\n"
     "3 new incidents: 4 look-ups in the 30 days before them, 2 new alerts\n",
     "{\"incident\":\"I-1\",\"lookups\":4,\"alerts\":2}\n"
     "3 new incidents: 4 look-ups in the 30 days before them, 2 new alerts\n"},
    {"rules", rules,
     "kind = municipality  (default)\n\n"
     "unknown_case (version 2)\n"
     "  unknown_case.min_distinct = 2  (set in r.conf:1; default 3)\n"
     "      distinct unknown case numbers stated within window_days that raise an alert; 1 to 24"
     " case numbers\n"
     "  unknown_case.window_days = 28  (default)\n"
     "      the period over which distinct unknown case numbers add up; 1 to 365 days\n"
     "fixed (version 2): no parameters to set\n"
     "rules configuration from r.conf in force: 1 value set, every other parameter at its"
     " default\n",
     "{\"rule\":\"unknown_case\",\"version\":2,\"parameters\":[{\"name\":\"min_distinct\","
     "\"value\":2,\"default\":3,\"min\":1,\"max\":24,\"whole\":true,\"unit\":\"case numbers\","
     "\"set_in\":\"r.conf:1\",\"from\":\"set\",\"doc\":\"distinct unknown case numbers stated"
     " within window_days that raise an alert\"},{\"name\":\"window_days\",\"value\":28,"
     "\"default\":28,\"min\":1,\"max\":365,\"whole\":true,\"unit\":\"days\","
     "\"set_in\":null,\"from\":\"default\",\"doc\":\"the period over which distinct unknown case"
     " numbers add up\"}],\"kind\":\"municipality\"}\n"
     "{\"rule\":\"fixed\",\"version\":2,\"parameters\":[],\"kind\":\"municipality\"}\n"
     "{\"file\":\"r.conf\",\"set\":1,\"kind\":null}\n"},
    {"rules_kind", rules_kind,
     "kind = port  (set in r.conf:2)\n"
     "    the defaults of a port for 2 parameters (marked \"port default\")\n\n"
     "incident (version 2)\n"
     "  incident.lookback_days = 14  (port default; default 30)\n"
     "      a look-up this long or less before an incident at its subject counts; 1 to 36500"
     " days\n"
     "rules configuration from r.conf in force: kind port, 0 values set, every other parameter"
     " at the port default\n",
     "{\"rule\":\"incident\",\"version\":2,\"parameters\":[{\"name\":"
     "\"lookback_days\",\"value\":14,\"default\":30,\"min\":1,\"max\":36500,\"whole\":false,"
     "\"unit\":\"days\",\"set_in\":null,\"from\":\"kind\",\"doc\":\"a look-up this long or less"
     " before an incident at its subject counts\"}],\"kind\":\"port\"}\n"
     "{\"file\":\"r.conf\",\"set\":0,\"kind\":\"port\"}\n"},
    {"ingest", ingest,
     "read          10\nstored        8\nduplicates    1\n"
     "quarantined   1  (wachter quarantine lists them)\nalerts raised 2\n"
     "elapsed       2.00 s\nthroughput    5 events/s, 1.5 MB/s\n",
     "{\"read\":10,\"stored\":8,\"duplicates\":1,\"quarantined\":1,\"alerts\":2,\"detected\":9,"
     "\"elapsed_s\":2.000,\"events_per_s\":5}\n"},
    {"load", load, "loaded 30 rows from 2 files; 1 bad rows skipped\n",
     "loaded 30 rows from 2 files; 1 bad rows skipped\n"},
    {"load_refused", load_refused, "loaded 30 rows from 2 files; 1 files not loaded (3 bad rows)\n",
     "loaded 30 rows from 2 files; 1 files not loaded (3 bad rows)\n"},
    {"converge_none", converge_none,
     "2026-03-02 .. 2026-03-03: 0 actors, 0 pairs tested, population 0; 0 subjects ignored"
     " (more than 5 actors); shared = looked up without a case within 30 days of each other;"
     " groups of pairs with p <= 0.01\n"
     "RANK  SHARED   EXPECTED          P     P(ANY)  ACTORS (UNIT)\n"
     "no group shares 3 or more unexplained subjects (p <= 0.01)\n",
     ""},
};

static void test_each_result_in_each_format(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        for (int f = EMIT_TABLE; f <= EMIT_JSONL; f++) {
            buf b = {0};
            assert_int_equal(cases[i].render(&b, (enum emit_format)f), 0);
            const char *want = f == EMIT_TABLE ? cases[i].table : cases[i].jsonl;
            if (strcmp(b.data ? b.data : "", want) != 0)
                fail_msg("%s (%s):\n got: %s\nwant: %s", cases[i].name,
                         f == EMIT_TABLE ? "table" : "jsonl", b.data ? b.data : "", want);
            buf_free(&b);
        }
    }
}

static void test_format_names(void **state)
{
    (void)state;
    enum emit_format f = EMIT_TABLE;
    assert_int_equal(emit_format_parse("jsonl", &f), 0);
    assert_int_equal(f, EMIT_JSONL);
    assert_int_equal(emit_format_parse("table", &f), 0);
    assert_int_equal(f, EMIT_TABLE);
    assert_int_equal(emit_format_parse("json", &f), 0);
    assert_int_equal(f, EMIT_JSONL);
    assert_int_equal(emit_format_parse("csv", &f), -1);
    assert_int_equal(emit_severity_parse("critical"), 4);
    assert_int_equal(emit_severity_parse("urgent"), -1);
    assert_string_equal(emit_severity_name(9), "none");
}

/* Every failed operation exits 1, whatever its code, except a refusal
 * (forbidden: exit 4, issue 34); no error exits 0. */
static void test_exit_status_of_each_code(void **state)
{
    (void)state;
    werr e = {WERR_OK, ""};
    assert_int_equal(cli_exit_status(&e), CLI_EXIT_OK);
    assert_int_equal(cli_exit_status(NULL), CLI_EXIT_OK);
    for (werr_code c = WERR_INPUT; c <= WERR_INTERNAL; c++) {
        e.code = c;
        assert_int_equal(cli_exit_status(&e),
                         c == WERR_FORBIDDEN ? CLI_EXIT_DENIED : CLI_EXIT_FAIL);
    }
    assert_int_equal(CLI_EXIT_USAGE, 2);
    assert_int_equal(CLI_EXIT_BAD_ROWS, 3);
    assert_int_equal(CLI_EXIT_DENIED, 4);
    assert_int_equal(CLI_EXIT_TAMPERED, 5);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_each_result_in_each_format),
        cmocka_unit_test(test_format_names),
        cmocka_unit_test(test_exit_status_of_each_code),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
