/* The rules configuration (issue 31): thresholds and windows per rule in
 * one file an operator edits, made the one in force by `wachter rules
 * load FILE`, shown with the defaults by `wachter rules`; every later
 * ingest detects with it. A bad file is refused whole, naming
 * FILE:LINE and the reason, and the configuration in force stays. */
#include "scenario.h"

#include <math.h>

#include "detect/rule_conf.h"
#include "detect/rules.h"

#define AT(day, hour, min) (SC_DAY0 + (day)*TS_DAY_MS + (hour)*TS_HOUR_MS + (min)*60000)

/* ---- the rules' tables ---- */

/* Every parameter: a name an operator can type, unique within its rule, a
 * default inside its range (whole where it must be), a unit and a doc. */
static void test_param_tables_are_sound(void **state)
{
    (void)state;
    size_t n;
    const rule_def *const *all = rules_all(&n);
    for (size_t i = 0; i < n; i++) {
        const rule_def *r = all[i];
        assert_true(r->nparams == 0 || r->params != NULL);
        for (size_t k = 0; k < r->nparams; k++) {
            const rule_param *p = &r->params[k];
            if (!p->name[0] ||
                strspn(p->name, "abcdefghijklmnopqrstuvwxyz0123456789_") != strlen(p->name))
                fail_msg("%s: parameter name '%s' is not [a-z0-9_]+", r->name, p->name);
            for (size_t j = 0; j < k; j++)
                if (strcmp(r->params[j].name, p->name) == 0)
                    fail_msg("%s.%s is in the table twice", r->name, p->name);
            if (!(p->min <= p->def && p->def <= p->max))
                fail_msg("%s.%s: default %g outside %g to %g", r->name, p->name, p->def, p->min,
                         p->max);
            if (p->whole && p->def != floor(p->def))
                fail_msg("%s.%s: whole, default %g", r->name, p->name, p->def);
            assert_true(p->unit && p->unit[0] && p->doc && p->doc[0]);
            /* Without a configuration every parameter is at its default. */
            const char *origin = "x";
            assert_true(rule_conf_value(NULL, r, k, &origin) == p->def);
            assert_null(origin);
        }
    }
}

/* The departing window's defaults are the ones rule.h documents. */
static void test_departing_defaults(void **state)
{
    (void)state;
    rule_conf *c = rule_conf_new();
    werr e = {0};
    assert_int_equal(rule_conf_parse(c, "", 0, "empty.conf", &e), 0);
    size_t n;
    const rule_def *const *all = rules_all(&n);
    const rule_def *dep = NULL;
    for (size_t i = 0; i < n; i++)
        if (strcmp(all[i]->name, "departing") == 0) dep = all[i];
    assert_non_null(dep);
    double want[] = {RULE_DEPART_DAYS, RULE_DEPART_WEIGHT, RULE_DEPART_LARGE};
    const char *names[] = {"window_days", "weight", "large"};
    for (int i = 0; i < 3; i++) {
        size_t k = 0;
        while (k < dep->nparams && strcmp(dep->params[k].name, names[i]) != 0)
            k++;
        assert_true(k < dep->nparams);
        assert_true(rule_conf_value(c, dep, k, NULL) == want[i]);
    }
    rule_conf_free(c);
}

/* ---- the file ---- */

/* Comments, blank lines, spaces, CRLF, a byte-order mark, a comment after
 * a value: what an operator's editor leaves is read. */
static void test_parse_good_file(void **state)
{
    (void)state;
    const char text[] = "\xEF\xBB\xBF# thresholds for our unit\n"
                        "\n"
                        "unknown_case.min_distinct = 2   # two made-up numbers are enough\r\n"
                        "  departing.window_days=14\n"
                        "unexplained.max_chance = 1e-4\n"
                        "departing.weight = 2.5"; /* no newline at the end */
    rule_conf *c = rule_conf_new();
    werr e = {0};
    assert_int_equal(rule_conf_parse(c, text, sizeof text - 1, "rules.conf", &e), 0);
    assert_int_equal(rule_conf_count(c), 4);
    const rule_conf_entry *x = rule_conf_at(c, 0);
    assert_string_equal(x->rule, "unknown_case");
    assert_string_equal(x->param, "min_distinct");
    assert_string_equal(x->origin, "rules.conf:3");
    assert_true(x->value == 2);
    assert_string_equal(rule_conf_at(c, 1)->origin, "rules.conf:4");
    assert_true(rule_conf_at(c, 2)->value == 1e-4);
    assert_true(rule_conf_at(c, 3)->value == 2.5);
    rule_conf_free(c);
    /* The text is read to its length, not to a NUL: a file's bytes. */
    const char cut[] = "unknown_case.min_distinct = 25";
    c = rule_conf_new();
    assert_int_equal(rule_conf_parse(c, cut, sizeof cut - 2, "cut.conf", &e), 0);
    assert_true(rule_conf_at(c, 0)->value == 2);
    rule_conf_free(c);
}

/* One class of bad line: the text, and what the error must say. */
typedef struct bad_case {
    const char *id; /* docs/bad-input.md */
    const char *text;
    const char *msg; /* the whole message */
} bad_case;

/* Each after a good line: a bad file sets nothing, not even its good
 * lines (all or nothing). */
static const bad_case BAD[] = {
    {"rules.unknown-rule", "unknown_case.min_distinct = 2\nunknown_cas.min_distinct = 2\n",
     "rules.conf:2: no rule is called 'unknown_cas' (the rules: unexplained, protected, relation,"
     " volume, off_pattern, employment, bulk, first_use, convergence, incident, unknown_case,"
     " departing, foreign_case, changes, unauthorised)"},
    {"rules.unknown-parameter", "unknown_case.min_distinct = 2\nunknown_case.min = 2\n",
     "rules.conf:2: rule unknown_case has no parameter 'min' (its parameters: min_distinct, "
     "window_days)"},
    {"rules.not-a-number", "unknown_case.min_distinct = 2\ndeparting.window_days = two weeks\n",
     "rules.conf:2: departing.window_days takes a number, not 'two weeks'"},
    {"rules.not-a-number-hex", "unknown_case.min_distinct = 2\ndeparting.window_days = 0x10\n",
     "rules.conf:2: departing.window_days takes a number, not '0x10'"},
    {"rules.not-a-number-nan", "unknown_case.min_distinct = 2\ndeparting.weight = nan\n",
     "rules.conf:2: departing.weight takes a number, not 'nan'"},
    {"rules.no-value", "unknown_case.min_distinct = 2\ndeparting.weight =   # later\n",
     "rules.conf:2: departing.weight has no value after '='"},
    {"rules.not-whole", "unknown_case.min_distinct = 2\ndeparting.window_days = 14.5\n",
     "rules.conf:2: departing.window_days takes a whole number, not 14.5"},
    {"rules.out-of-range", "unknown_case.min_distinct = 2\nunknown_case.min_distinct = 99\n",
     "rules.conf:2: unknown_case.min_distinct takes 1 to 24 (case numbers), not 99"},
    {"rules.out-of-range-negative", "unknown_case.min_distinct = 2\ndeparting.weight = -3\n",
     "rules.conf:2: departing.weight takes 1 to 100 (times), not -3"},
    {"rules.duplicate", "unknown_case.min_distinct = 2\n# again\nunknown_case.min_distinct = 3\n",
     "rules.conf:3: unknown_case.min_distinct is set already on line 1"},
    {"rules.syntax", "unknown_case.min_distinct = 2\nmin_distinct 2\n",
     "rules.conf:2: expected RULE.PARAMETER = VALUE, not 'min_distinct 2'"},
    {"rules.syntax-no-rule", "unknown_case.min_distinct = 2\nmin_distinct = 2\n",
     "rules.conf:2: expected RULE.PARAMETER = VALUE, not 'min_distinct = 2'"},
};

static void test_parse_bad(void **state)
{
    const bad_case *b = *state;
    rule_conf *c = rule_conf_new();
    werr e = {0};
    assert_int_equal(rule_conf_parse(c, b->text, strlen(b->text), "rules.conf", &e), -1);
    assert_int_equal(e.code, WERR_INPUT);
    if (strcmp(e.msg, b->msg) != 0) fail_msg("%s: said\n  %s\nwant\n  %s", b->id, e.msg, b->msg);
    assert_int_equal(rule_conf_count(c), 0); /* the good first line is not kept */
    rule_conf_free(c);
}

/* rules.nul-byte: a NUL byte (a binary file given by mistake). */
static void test_parse_nul(void **state)
{
    (void)state;
    const char text[] = "unknown_case.min_distinct = 2\nx\0y = 1\n";
    rule_conf *c = rule_conf_new();
    werr e = {0};
    assert_int_equal(rule_conf_parse(c, text, sizeof text - 1, "rules.conf", &e), -1);
    assert_string_equal(e.msg, "rules.conf:2: holds a NUL byte: not a rules configuration");
    assert_int_equal(rule_conf_count(c), 0);
    rule_conf_free(c);
}

/* ---- the command and detection ---- */

/* Two weeks of ordinary work; on day 10 clerk5 states two case numbers
 * the register does not hold. */
static sc two_unknown_cases(void)
{
    sc s = sc_new();
    sc_team(&s, "clerk", 8, 0, 14, 30, 9, 17);
    sc_event(&s, "clerk5", AT(10, 12, 0), "view", "p0040", "ws-c5", ",\"case\":\"X-1\"");
    sc_event(&s, "clerk5", AT(10, 12, 5), "view", "p0041", "ws-c5", ",\"case\":\"X-2\"");
    return s;
}

static char *rules_json(const char *dir)
{
    tu_run r = tu_wachter(dir, "--format", "jsonl", "rules", NULL);
    assert_int_equal(r.code, 0);
    free(r.err);
    return r.out;
}

/* By default three unknown numbers in a day alert, so two do not; with
 * unknown_case.min_distinct = 2 loaded before the ingest, they do. */
static void test_config_changes_detection(void **state)
{
    (void)state;
    sc plain = two_unknown_cases(), conf = two_unknown_cases();
    char *a0 = sc_run(&plain);
    assert_int_equal(sc_alerts(a0, "clerk5", "unknown_case"), 0);

    tu_write(conf.dir, "rules.conf", "# our threshold\nunknown_case.min_distinct = 2\n");
    char path[512];
    snprintf(path, sizeof path, "%s/rules.conf", conf.dir);
    tu_run r = tu_wachter(conf.dir, "rules", "load", path, NULL);
    assert_int_equal(r.code, 0);
    assert_non_null(strstr(r.out, "1 value set"));
    tu_free(&r);
    char *a1 = sc_run(&conf);
    assert_int_equal(sc_alerts(a1, "clerk5", "unknown_case"), 1);
    assert_non_null(strstr(a1, "Stated 2 case numbers today that the case register does not"
                               " hold: X-1, X-2"));
    /* Nothing else changed: the same alerts but that one. */
    assert_int_equal(tu_count_lines(a1, "\"rule\""), tu_count_lines(a0, "\"rule\"") + 1);

    /* `rules` shows the value in force, where it was set and the default. */
    r = tu_wachter(conf.dir, "rules", NULL);
    assert_int_equal(r.code, 0);
    char want[700];
    snprintf(want, sizeof want,
             "  unknown_case.min_distinct = 2  (set in %s:2; default 3)\n      distinct unknown"
             " case numbers stated within window_days that raise an alert; 1 to 24 case numbers\n",
             path);
    if (!strstr(r.out, want)) fail_msg("rules does not show\n%s\nin\n%s", want, r.out);
    assert_non_null(strstr(r.out, "  departing.window_days = 30  (default)\n"));
    assert_non_null(strstr(r.out, "unknown_case (version 2)\n"));
    tu_free(&r);
    char *j = rules_json(conf.dir);
    snprintf(want, sizeof want,
             "{\"name\":\"min_distinct\",\"value\":2,\"default\":3,\"min\":1,\"max\":24,"
             "\"whole\":true,\"unit\":\"case numbers\",\"set_in\":\"%s:2\",",
             path);
    if (!strstr(j, want)) fail_msg("rules --format jsonl does not hold\n%s\nin\n%s", want, j);
    assert_non_null(strstr(j, "{\"rule\":\"unknown_case\",\"version\":2,\"parameters\":["));
    free(j);
    free(a0);
    free(a1);
    sc_free(&plain);
    sc_free(&conf);
}

/* A bad file through the command: exit 1, "wachter rules: FILE:LINE:
 * reason", and the configuration in force is the one before. */
static void test_bad_file_changes_nothing(void **state)
{
    (void)state;
    char *dir = tu_tmpdir();
    char good[512], bad[512];
    snprintf(good, sizeof good, "%s/good.conf", dir);
    snprintf(bad, sizeof bad, "%s/bad.conf", dir);
    tu_write(dir, "good.conf", "departing.window_days = 14\n");
    tu_run r = tu_wachter(dir, "rules", "load", good, NULL);
    assert_int_equal(r.code, 0);
    tu_free(&r);
    char *before = rules_json(dir);
    for (size_t i = 0; i < sizeof BAD / sizeof *BAD; i++) {
        tu_write(dir, "bad.conf", BAD[i].text);
        r = tu_wachter(dir, "rules", "load", bad, NULL);
        if (r.code != 1) fail_msg("%s: exit %d", BAD[i].id, r.code);
        /* BAD[i].msg names "rules.conf"; the command names the file given. */
        char want[1024];
        snprintf(want, sizeof want, "wachter rules: %s%s\n", bad,
                 BAD[i].msg + strlen("rules.conf"));
        if (strcmp(r.err, want) != 0) fail_msg("%s: said\n%swant\n%s", BAD[i].id, r.err, want);
        assert_string_equal(r.out, "");
        tu_free(&r);
        char *after = rules_json(dir);
        if (strcmp(before, after) != 0) fail_msg("%s changed the configuration", BAD[i].id);
        free(after);
    }
    /* rules.missing-file */
    r = tu_wachter(dir, "rules", "load", "/nonexistent/rules.conf", NULL);
    assert_int_equal(r.code, 1);
    assert_string_equal(
        r.err, "wachter rules: cannot read /nonexistent/rules.conf: No such file or directory\n");
    tu_free(&r);
    /* rules.too-large: a file far larger than a configuration */
    FILE *f = fopen(bad, "w");
    assert_non_null(f);
    for (int i = 0; i < 40000; i++)
        fputs("# a long comment line, many times, to pass one MiB\n", f);
    fclose(f);
    r = tu_wachter(dir, "rules", "load", bad, NULL);
    assert_int_equal(r.code, 1);
    char want[700];
    snprintf(want, sizeof want, "wachter rules: %s: larger than 1 MiB: not a rules configuration\n",
             bad);
    assert_string_equal(r.err, want);
    tu_free(&r);
    char *after = rules_json(dir);
    assert_string_equal(before, after);
    free(after);
    /* An empty file is a configuration too: every parameter at its default. */
    tu_write(dir, "bad.conf", "# nothing set\n");
    r = tu_wachter(dir, "rules", "load", bad, NULL);
    assert_int_equal(r.code, 0);
    tu_free(&r);
    after = rules_json(dir);
    assert_null(strstr(after, "\"set_in\":\""));
    free(after);
    free(before);
    tu_rmdir(dir);
}

/* rules.stored-stale: a stored value this version does not take (a
 * parameter renamed) is ignored with a note; the rest applies. */
static void test_stored_value_not_taken(void **state)
{
    (void)state;
    char *dir = tu_tmpdir();
    tu_write(dir, "a.conf", "departing.window_days = 14\n");
    char path[512];
    snprintf(path, sizeof path, "%s/a.conf", dir);
    tu_run r = tu_wachter(dir, "rules", "load", path, NULL);
    assert_int_equal(r.code, 0);
    tu_free(&r);
    char db[512];
    snprintf(db, sizeof db, "%s/t.db", dir);
    sqlite3 *h;
    assert_int_equal(sqlite3_open(db, &h), SQLITE_OK);
    assert_int_equal(sqlite3_exec(h,
                                  "INSERT INTO rule_params VALUES('departing', 'days', 7, 'old:1');"
                                  "INSERT INTO rule_params VALUES('unknown_case', 'min_distinct',"
                                  " 99, 'old:2')",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
    sqlite3_close(h);
    r = tu_wachter(dir, "rules", NULL);
    assert_int_equal(r.code, 0);
    assert_non_null(strstr(r.err, "wachter rules: rules configuration: departing.days = 7 (old:1)"
                                  " is ignored, the default applies: rule departing has no"
                                  " parameter 'days'"));
    assert_non_null(strstr(r.err, "unknown_case.min_distinct = 99 (old:2) is ignored, the default"
                                  " applies: unknown_case.min_distinct takes 1 to 24"));
    assert_non_null(strstr(r.out, "departing.window_days = 14  (set in"));
    assert_non_null(strstr(r.out, "unknown_case.min_distinct = 3  (default)"));
    tu_free(&r);
    tu_rmdir(dir);
}

/* incident.lookback_days also decides what `incident add` checks when
 * no --lookback is given: a look-up 10 days before an incident counts by
 * default (30 days) and not with 5. */
static void test_incident_add_uses_lookback(void **state)
{
    (void)state;
    for (int configured = 0; configured < 2; configured++) {
        sc s = sc_new();
        sc_team(&s, "clerk", 4, 0, 14, 20, 9, 17);
        sc_event(&s, "clerk2", AT(2, 10, 0), "view", "p0399", "ws-c2", "");
        if (configured) {
            tu_write(s.dir, "rules.conf", "incident.lookback_days = 5\n");
            char path[512];
            snprintf(path, sizeof path, "%s/rules.conf", s.dir);
            tu_run r = tu_wachter(s.dir, "rules", "load", path, NULL);
            assert_int_equal(r.code, 0);
            tu_free(&r);
        }
        free(sc_run(&s));
        tu_run r = tu_wachter(s.dir, "incident", "add", "--id", "I-1", "--subject", "p0399", "--ts",
                              "2026-03-12", NULL);
        assert_int_equal(r.code, 0);
        const char *want = configured
                               ? "incident I-1 stored; 0 look-ups of p0399 in the 5 days before"
                                 " it; 0 new alerts\n"
                               : "incident I-1 stored; 1 look-ups of p0399 in the 30 days before"
                                 " it; 1 new alerts\n";
        assert_string_equal(r.out, want);
        tu_free(&r);
        sc_free(&s);
    }
}

/* departing.window_days decides the window for the departing rule: nine
 * lists exported 2 to 6 days before a known end date alert with the
 * default 30 days, not with a window of 2. */
static void test_departing_window(void **state)
{
    (void)state;
    for (int configured = 0; configured < 2; configured++) {
        sc s = sc_new();
        char path[512];
        snprintf(path, sizeof path, "%s/actors.csv", s.dir);
        FILE *f = fopen(path, "a");
        assert_non_null(f);
        fputs("leaving,belastingen,clerk,2020-01-01,2026-03-20,,,,\n", f);
        fclose(f);
        sc_team(&s, "tax", 5, 0, 14, 25, 8, 16);
        sc_work(&s, "leaving", 0, 14, 25, 8, 16, "ws-leaving");
        for (int d = 14; d < 17; d++)
            for (int k = 0; k < 3; k++) {
                char x[64];
                snprintf(x, sizeof x, ",\"results\":%d", 1530 + 3 * d + k);
                sc_event(&s, "leaving", AT(d, 10 + 2 * k, 15), "export", "", "ws-leaving", x);
            }
        if (configured) {
            tu_write(s.dir, "rules.conf", "departing.window_days = 2\n");
            snprintf(path, sizeof path, "%s/rules.conf", s.dir);
            tu_run r = tu_wachter(s.dir, "rules", "load", path, NULL);
            assert_int_equal(r.code, 0);
            tu_free(&r);
        }
        char *alerts = sc_run(&s);
        int n = sc_alerts(alerts, "leaving", "departing");
        if ((n > 0) == configured)
            fail_msg("window %s: %d departing alerts\n%s", configured ? "2 days" : "default", n,
                     alerts);
        free(alerts);
        sc_free(&s);
    }
}

/* bulk's thresholds are parameters: an export the defaults leave alone
 * alerts once a rules file lowers the bar it is under. Eight clerks work
 * two weeks; clerk3, who never exported before, exports `results` records
 * without a case on `day`. */
static const struct bulk_case {
    const char *id, *conf;
    int day, results;
} BULK[] = {
    /* After the warm-up the bar is 100 records and 5x the usual (at least
     * 20): 60 records are under both by default. */
    {"bulk.export_min", "bulk.export_min = 50\nbulk.export_times = 2\n", 10, 60},
    /* In the store's first days the bar is 1,000 records by default. */
    {"bulk.export_cold_min", "bulk.export_cold_min = 500\n", 2, 600},
};

static void test_bulk_params(void **state)
{
    const struct bulk_case *c = *state;
    for (int configured = 0; configured < 2; configured++) {
        sc s = sc_new();
        sc_team(&s, "clerk", 8, 0, 14, 30, 9, 17);
        char x[64];
        snprintf(x, sizeof x, ",\"results\":%d", c->results);
        sc_event(&s, "clerk3", AT(c->day, 11, 30), "export", "", "ws-c3", x);
        if (configured) {
            tu_write(s.dir, "rules.conf", c->conf);
            char path[512];
            snprintf(path, sizeof path, "%s/rules.conf", s.dir);
            tu_run r = tu_wachter(s.dir, "rules", "load", path, NULL);
            assert_int_equal(r.code, 0);
            tu_free(&r);
        }
        char *alerts = sc_run(&s);
        int n = sc_alerts(alerts, "clerk3", "bulk");
        if (n != configured)
            fail_msg("%s, %s: %d bulk alerts for an export of %d records\n%s", c->id,
                     configured ? "configured" : "default", n, c->results, alerts);
        if (configured) {
            char want[80];
            snprintf(want, sizeof want, "Export of %d records without a case", c->results);
            if (!strstr(alerts, want)) fail_msg("%s: no \"%s\" in\n%s", c->id, want, alerts);
        }
        free(alerts);
        sc_free(&s);
    }
}

int main(void)
{
    struct CMUnitTest tests[sizeof BAD / sizeof *BAD + sizeof BULK / sizeof *BULK + 10];
    size_t n = 0;
    tests[n++] = (struct CMUnitTest){"param_tables_are_sound", test_param_tables_are_sound, NULL,
                                     NULL, NULL};
    tests[n++] =
        (struct CMUnitTest){"departing_defaults", test_departing_defaults, NULL, NULL, NULL};
    tests[n++] = (struct CMUnitTest){"parse_good_file", test_parse_good_file, NULL, NULL, NULL};
    for (size_t i = 0; i < sizeof BAD / sizeof *BAD; i++)
        tests[n++] = (struct CMUnitTest){BAD[i].id, test_parse_bad, NULL, NULL, (void *)&BAD[i]};
    tests[n++] = (struct CMUnitTest){"rules.nul-byte", test_parse_nul, NULL, NULL, NULL};
    tests[n++] = (struct CMUnitTest){"config_changes_detection", test_config_changes_detection,
                                     NULL, NULL, NULL};
    tests[n++] = (struct CMUnitTest){"bad_file_changes_nothing", test_bad_file_changes_nothing,
                                     NULL, NULL, NULL};
    tests[n++] = (struct CMUnitTest){"incident_add_uses_lookback", test_incident_add_uses_lookback,
                                     NULL, NULL, NULL};
    tests[n++] = (struct CMUnitTest){"departing_window", test_departing_window, NULL, NULL, NULL};
    tests[n++] =
        (struct CMUnitTest){"rules.stored-stale", test_stored_value_not_taken, NULL, NULL, NULL};
    for (size_t i = 0; i < sizeof BULK / sizeof *BULK; i++)
        tests[n++] =
            (struct CMUnitTest){BULK[i].id, test_bulk_params, NULL, NULL, (void *)&BULK[i]};
    return _cmocka_run_group_tests("rule_conf", tests, n, NULL, NULL);
}
