/* Defaults per kind of organisation (issue 32): `kind = port` in a rules
 * configuration gives every parameter the file does not set the port's
 * default where it has one (detect/rule_kinds.h); the municipality's are
 * the rules' own. The store keeps the kind, later ingests detect with it,
 * `wachter rules` shows it and where each value comes from. */
#include "scenario.h"

#include <math.h>

#include "detect/rule_conf.h"
#include "detect/rule_kinds.h"
#include "detect/rules.h"

#define AT(day, hour, min) (SC_DAY0 + (day)*TS_DAY_MS + (hour)*TS_HOUR_MS + (min)*60000)

static const rule_def *rule_named(const char *name)
{
    size_t n;
    const rule_def *const *all = rules_all(&n);
    for (size_t i = 0; i < n; i++)
        if (strcmp(all[i]->name, name) == 0) return all[i];
    return NULL;
}

static size_t param_index(const rule_def *r, const char *name)
{
    for (size_t k = 0; k < r->nparams; k++)
        if (strcmp(r->params[k].name, name) == 0) return k;
    return r->nparams;
}

/* A configuration parsed from text (the test fails if it does not parse). */
static rule_conf *conf_of(const char *text)
{
    rule_conf *c = rule_conf_new();
    assert_non_null(c);
    werr e = {0};
    if (rule_conf_parse(c, text, strlen(text), "rules.conf", &e) < 0)
        fail_msg("%s does not parse: %s", text, e.msg);
    return c;
}

/* ---- the table ---- */

/* Every override names a rule and parameter that exist, once per kind,
 * with a value the parameter takes and a reason; the municipality has
 * none; every kind's name reads back. */
static void test_kinds_table_is_sound(void **state)
{
    (void)state;
    size_t n;
    const rule_kind_override *o = rule_kind_overrides(&n);
    assert_true(n > 0);
    for (size_t i = 0; i < n; i++) {
        const rule_def *r = rule_named(o[i].rule);
        if (!r) fail_msg("override %zu: no rule is called %s", i, o[i].rule);
        size_t k = param_index(r, o[i].param);
        if (k == r->nparams) fail_msg("override %zu: %s has no %s", i, o[i].rule, o[i].param);
        const rule_param *p = &r->params[k];
        if (!(o[i].value >= p->min && o[i].value <= p->max))
            fail_msg("%s: %s.%s = %g outside %g to %g", rule_kind_name(o[i].kind), r->name, p->name,
                     o[i].value, p->min, p->max);
        if (p->whole && o[i].value != floor(o[i].value))
            fail_msg("%s: %s.%s takes a whole number, not %g", rule_kind_name(o[i].kind), r->name,
                     p->name, o[i].value);
        if (o[i].value == p->def)
            fail_msg("%s: %s.%s = %g is the default already", rule_kind_name(o[i].kind), r->name,
                     p->name, o[i].value);
        assert_true(o[i].why && strlen(o[i].why) > 20);
        assert_int_not_equal(o[i].kind, RULE_KIND_MUNICIPALITY);
        assert_true(o[i].kind < RULE_KIND_N);
        for (size_t j = 0; j < i; j++)
            if (o[j].kind == o[i].kind && strcmp(o[j].rule, o[i].rule) == 0 &&
                strcmp(o[j].param, o[i].param) == 0)
                fail_msg("%s: %s.%s is in the table twice", rule_kind_name(o[i].kind), o[i].rule,
                         o[i].param);
    }
    for (int k = 0; k < RULE_KIND_N; k++) {
        rule_kind back;
        assert_int_equal(rule_kind_parse(rule_kind_name((rule_kind)k), &back), 0);
        assert_int_equal(back, k);
    }
    rule_kind none;
    assert_int_equal(rule_kind_parse("harbour", &none), -1);
}

/* `kind = K` changes the value in force of exactly the parameters K
 * overrides, to K's value, marked as K's default; every other parameter
 * is at the rule's own default. */
static void test_kind_changes_only_its_overrides(void **state)
{
    (void)state;
    for (int k = 0; k < RULE_KIND_N; k++) {
        char text[64];
        snprintf(text, sizeof text, "kind = %s\n", rule_kind_name((rule_kind)k));
        rule_conf *c = conf_of(text);
        const char *origin;
        assert_int_equal(rule_conf_kind(c, &origin), k);
        assert_string_equal(origin, "rules.conf:1");
        size_t n, changed = 0, listed = 0;
        const rule_def *const *all = rules_all(&n);
        for (size_t i = 0; i < n; i++)
            for (size_t p = 0; p < all[i]->nparams; p++) {
                const rule_kind_override *o = rule_kind_find((rule_kind)k, all[i], p);
                rule_conf_from from;
                double v = rule_conf_value_from(c, all[i], p, &origin, &from);
                assert_null(origin);
                if (o) {
                    changed++;
                    assert_true(v == o->value);
                    assert_int_equal(from, RULE_CONF_KIND);
                } else {
                    assert_true(v == all[i]->params[p].def);
                    assert_int_equal(from, RULE_CONF_DEFAULT);
                }
            }
        const rule_kind_override *o = rule_kind_overrides(&n);
        for (size_t i = 0; i < n; i++)
            listed += o[i].kind == (rule_kind)k;
        assert_int_equal(changed, listed);
        if (k == RULE_KIND_PORT || k == RULE_KIND_POLICE) assert_true(changed > 0);
        rule_conf_free(c);
    }
}

/* The municipality's configuration is no kind at all: every value as
 * without a configuration. */
static void test_municipality_is_no_kind(void **state)
{
    (void)state;
    rule_conf *c = conf_of("kind = municipality\n");
    size_t n;
    const rule_def *const *all = rules_all(&n);
    for (size_t i = 0; i < n; i++)
        for (size_t p = 0; p < all[i]->nparams; p++)
            assert_true(rule_conf_value(c, all[i], p, NULL) ==
                        rule_conf_value(NULL, all[i], p, NULL));
    assert_int_equal(rule_conf_kind(NULL, NULL), RULE_KIND_MUNICIPALITY);
    rule_conf_free(c);
}

/* A value the file sets wins over the kind's, wherever the kind line is;
 * the kind's other overrides stay. */
static void test_set_value_wins_over_kind(void **state)
{
    (void)state;
    const rule_def *u = rule_named("unexplained"), *inc = rule_named("incident");
    assert_non_null(u);
    assert_non_null(inc);
    size_t prior = param_index(u, "prior_rate"), back = param_index(inc, "lookback_days");
    const char *texts[] = {"kind = port\nunexplained.prior_rate = 0.05\n",
                           "unexplained.prior_rate = 0.05\n# the kind after\nkind = port\n"};
    for (int t = 0; t < 2; t++) {
        rule_conf *c = conf_of(texts[t]);
        const char *origin;
        rule_conf_from from;
        assert_true(rule_conf_value_from(c, u, prior, &origin, &from) == 0.05);
        assert_int_equal(from, RULE_CONF_SET);
        assert_string_equal(origin, t ? "rules.conf:1" : "rules.conf:2");
        assert_true(rule_conf_value_from(c, inc, back, &origin, &from) == 14);
        assert_int_equal(from, RULE_CONF_KIND);
        double v;
        assert_int_equal(rule_conf_get(c, "incident", "lookback_days", &v), 0);
        assert_true(v == 14);
        rule_conf_free(c);
    }
}

/* ---- bad kinds ---- */

typedef struct bad_kind {
    const char *id; /* docs/bad-input.md */
    const char *text;
    const char *msg;
} bad_kind;

/* Each after a good line: the file sets nothing, its kind neither. */
static const bad_kind BAD[] = {
    {"rules.unknown-kind", "unknown_case.min_distinct = 2\nkind = harbour\n",
     "rules.conf:2: unknown kind 'harbour' (municipality, port or police)"},
    {"rules.kind-twice", "kind = port\nunknown_case.min_distinct = 2\n\nkind = police\n",
     "rules.conf:4: kind is set already on line 1"},
    {"rules.kind-no-value", "unknown_case.min_distinct = 2\nkind =   # which?\n",
     "rules.conf:2: kind has no value after '='"},
};

static void test_bad_kind_parse(void **state)
{
    const bad_kind *b = *state;
    rule_conf *c = rule_conf_new();
    werr e = {0};
    assert_int_equal(rule_conf_parse(c, b->text, strlen(b->text), "rules.conf", &e), -1);
    assert_int_equal(e.code, WERR_INPUT);
    if (strcmp(e.msg, b->msg) != 0) fail_msg("%s: said\n  %s\nwant\n  %s", b->id, e.msg, b->msg);
    assert_int_equal(rule_conf_count(c), 0);
    const char *origin = "x";
    assert_int_equal(rule_conf_kind(c, &origin), RULE_KIND_MUNICIPALITY);
    assert_null(origin);
    rule_conf_free(c);
}

static char *rules_out(const char *dir, int json)
{
    tu_run r =
        json ? tu_wachter(dir, "--format", "jsonl", "rules", NULL) : tu_wachter(dir, "rules", NULL);
    assert_int_equal(r.code, 0);
    free(r.err);
    return r.out;
}

static void load_ok(const char *dir, const char *name, const char *text, const char *says)
{
    tu_write(dir, name, text);
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    tu_run r = tu_wachter(dir, "rules", "load", path, NULL);
    if (r.code != 0) fail_msg("rules load %s: %s", name, r.err);
    if (says && !strstr(r.out, says)) fail_msg("rules load said\n%s\nnot\n%s", r.out, says);
    tu_free(&r);
}

/* Through the command: exit 1 as any bad configuration, the message with
 * the file given, and the configuration in force (a police one) stays. */
static void test_bad_kind_changes_nothing(void **state)
{
    (void)state;
    char *dir = tu_tmpdir();
    load_ok(dir, "good.conf", "kind = police\ndeparting.window_days = 14\n",
            "in force: kind police, 1 value set, every other parameter at the police default");
    char *before = rules_out(dir, 1), *text_before = rules_out(dir, 0);
    char bad[512];
    snprintf(bad, sizeof bad, "%s/bad.conf", dir);
    for (size_t i = 0; i < sizeof BAD / sizeof *BAD; i++) {
        tu_write(dir, "bad.conf", BAD[i].text);
        tu_run r = tu_wachter(dir, "rules", "load", bad, NULL);
        if (r.code != 1) fail_msg("%s: exit %d", BAD[i].id, r.code);
        char want[1024];
        snprintf(want, sizeof want, "wachter rules: %s%s\n", bad,
                 BAD[i].msg + strlen("rules.conf"));
        if (strcmp(r.err, want) != 0) fail_msg("%s: said\n%swant\n%s", BAD[i].id, r.err, want);
        assert_string_equal(r.out, "");
        tu_free(&r);
        char *after = rules_out(dir, 1), *text_after = rules_out(dir, 0);
        if (strcmp(before, after) != 0) fail_msg("%s changed the configuration", BAD[i].id);
        assert_string_equal(text_before, text_after);
        free(after);
        free(text_after);
    }
    char want[600];
    snprintf(want, sizeof want, "kind = police  (set in %s/good.conf:1)\n", dir);
    if (strncmp(text_before, want, strlen(want)) != 0)
        fail_msg("rules begins\n%.200s\nnot\n%s", text_before, want);
    free(before);
    free(text_before);
    tu_rmdir(dir);
}

/* ---- the store and detection ---- */

/* rules.stored-stale-kind: a stored kind this version does not know (a
 * kind renamed) is ignored with a note; the rules' own defaults apply. */
static void test_stored_kind_not_known(void **state)
{
    (void)state;
    char *dir = tu_tmpdir();
    load_ok(dir, "a.conf", "kind = port\n", "kind port");
    char db[512];
    snprintf(db, sizeof db, "%s/t.db", dir);
    sqlite3 *h;
    assert_int_equal(sqlite3_open(db, &h), SQLITE_OK);
    assert_int_equal(sqlite3_exec(h, "UPDATE rule_kind SET kind = 'harbour', origin = 'old:1'",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
    sqlite3_close(h);
    tu_run r = tu_wachter(dir, "rules", NULL);
    assert_int_equal(r.code, 0);
    assert_non_null(strstr(r.err, "wachter rules: rules configuration: kind = harbour (old:1) is"
                                  " ignored, the defaults apply: unknown kind 'harbour'"
                                  " (municipality, port or police)"));
    assert_non_null(strstr(r.out, "kind = municipality  (default)\n"));
    assert_non_null(strstr(r.out, "  unexplained.prior_rate = 0.07  (default)\n"));
    tu_free(&r);
    tu_rmdir(dir);
}

/* `wachter rules` shows the kind in force and, per parameter, where its
 * value comes from: set in the file, the kind's default, the default. A
 * file without a kind line returns to the municipality's defaults. */
static void test_rules_shows_kind_and_origins(void **state)
{
    (void)state;
    char *dir = tu_tmpdir();
    load_ok(dir, "empty.conf", "# nothing set\n", "0 values set");
    char *out = rules_out(dir, 0);
    assert_non_null(strstr(out, "kind = municipality  (default)\n\nunexplained (version"));
    assert_non_null(strstr(out, "  unexplained.prior_rate = 0.07  (default)\n"));
    free(out);

    load_ok(dir, "rules.conf", "# a terminal\nkind = port\nunexplained.min_count = 9\n",
            "kind port, 1 value set");
    out = rules_out(dir, 0);
    char want[700];
    snprintf(want, sizeof want,
             "kind = port  (set in %s/rules.conf:2)\n    the defaults of a port for", dir);
    if (strncmp(out, want, strlen(want)) != 0) fail_msg("rules begins\n%.300s", out);
    snprintf(want, sizeof want,
             "  unexplained.min_count = 9  (set in %s/rules.conf:3; default 8)\n", dir);
    assert_non_null(strstr(out, want));
    assert_non_null(strstr(out, "  unexplained.prior_rate = 0.15  (port default; default 0.07)\n"));
    assert_non_null(strstr(out, "  incident.lookback_days = 14  (port default; default 30)\n"));
    assert_non_null(strstr(out, "  unexplained.min_days = 3  (default)\n"));
    free(out);
    out = rules_out(dir, 1);
    assert_int_equal(tu_count_lines(out, "\"kind\":\"port\""), tu_count_lines(out, "\"rule\""));
    assert_non_null(strstr(out, "{\"name\":\"prior_rate\",\"value\":0.15,\"default\":0.07,"));
    assert_non_null(strstr(out, "\"set_in\":null,\"from\":\"kind\",\"doc\":\"the usual share"));
    assert_non_null(strstr(out, "\"from\":\"set\",\"doc\":\"look-ups without a case in one day"));
    free(out);

    load_ok(dir, "plain.conf", "unexplained.min_count = 9\n", "1 value set, every other");
    out = rules_out(dir, 0);
    assert_non_null(strstr(out, "kind = municipality  (default)\n"));
    assert_non_null(strstr(out, "  unexplained.prior_rate = 0.07  (default)\n"));
    free(out);
    tu_rmdir(dir);
}

/* A new team of five in belastingen: two days of ordinary work under the
 * unit's case (written day by day, as a feed would arrive); at the end
 * of day 1, tax0 also looks up 11 persons without one. Before any history
 * the share a day is judged against is mostly the prior: 7 % (a front
 * desk) makes 11 of 31 a finding, the port's 15 % does not. */
static sc new_team_day(void)
{
    sc s = sc_new();
    for (int d = 0; d < 2; d++)
        for (int i = 0; i < 5; i++) {
            char who[16], ws[16];
            snprintf(who, sizeof who, "tax%d", i);
            snprintf(ws, sizeof ws, "ws-t%d", i);
            sc_work(&s, who, d, d + 1, 20, 9, 17, ws);
            for (int k = 0; d == 1 && i == 0 && k < 11; k++) {
                char subj[16];
                snprintf(subj, sizeof subj, "p%04d", 301 + k);
                sc_event(&s, "tax0", AT(1, 16, 40 + 2 * k), "view", subj, "ws-t0", "");
            }
        }
    return s;
}

/* The kind is kept in the store: a later process (`ingest`, after
 * `rules load` closed it) detects with the port's prior and not the
 * municipality's; `rules` in a third shows the kind still in force. */
static void test_stored_kind_used_by_next_ingest(void **state)
{
    (void)state;
    const char *kinds[] = {NULL, "municipality", "port"};
    for (int k = 0; k < 3; k++) {
        sc s = new_team_day();
        if (kinds[k]) {
            char text[64];
            snprintf(text, sizeof text, "kind = %s\n", kinds[k]);
            load_ok(s.dir, "rules.conf", text, NULL);
        }
        char *alerts = sc_run(&s);
        int n = sc_alerts(alerts, "tax0", "unexplained");
        int want = k < 2; /* no kind and the municipality alike */
        if (n != want)
            fail_msg("kind %s: %d unexplained alerts for tax0\n%s", kinds[k] ? kinds[k] : "(none)",
                     n, alerts);
        if (want) assert_true(sc_says(alerts, "tax0", "unexplained", "11 of 31 look-ups today"));
        free(alerts);
        char *out = rules_out(s.dir, 0);
        char line[64];
        snprintf(line, sizeof line, "kind = %s  (", kinds[k] ? kinds[k] : "municipality");
        assert_non_null(strstr(out, line));
        free(out);
        sc_free(&s);
    }
}

/* The port's incident look-back also decides what `incident add`
 * checks: a look-up 20 days before an incident counts with the
 * municipality's 30 days, not with the port's 14. */
static void test_port_lookback_for_incidents(void **state)
{
    (void)state;
    for (int port = 0; port < 2; port++) {
        sc s = sc_new();
        sc_team(&s, "clerk", 4, 0, 3, 20, 9, 17);
        sc_event(&s, "clerk2", AT(0, 10, 0), "view", "p0399", "ws-c2", "");
        if (port) load_ok(s.dir, "rules.conf", "kind = port\n", NULL);
        free(sc_run(&s));
        tu_run r = tu_wachter(s.dir, "incident", "add", "--id", "I-1", "--subject", "p0399", "--ts",
                              "2026-03-22", NULL);
        assert_int_equal(r.code, 0);
        const char *want = port ? "incident I-1 stored; 0 look-ups of p0399 in the 14 days before"
                                  " it; 0 new alerts\n"
                                : "incident I-1 stored; 1 look-ups of p0399 in the 30 days before"
                                  " it; 1 new alerts\n";
        assert_string_equal(r.out, want);
        tu_free(&r);
        sc_free(&s);
    }
}

int main(void)
{
    struct CMUnitTest tests[sizeof BAD / sizeof *BAD + 10];
    size_t n = 0;
    tests[n++] =
        (struct CMUnitTest){"kinds_table_is_sound", test_kinds_table_is_sound, NULL, NULL, NULL};
    tests[n++] = (struct CMUnitTest){"kind_changes_only_its_overrides",
                                     test_kind_changes_only_its_overrides, NULL, NULL, NULL};
    tests[n++] = (struct CMUnitTest){"municipality_is_no_kind", test_municipality_is_no_kind, NULL,
                                     NULL, NULL};
    tests[n++] = (struct CMUnitTest){"set_value_wins_over_kind", test_set_value_wins_over_kind,
                                     NULL, NULL, NULL};
    for (size_t i = 0; i < sizeof BAD / sizeof *BAD; i++)
        tests[n++] =
            (struct CMUnitTest){BAD[i].id, test_bad_kind_parse, NULL, NULL, (void *)&BAD[i]};
    tests[n++] = (struct CMUnitTest){"bad_kind_changes_nothing", test_bad_kind_changes_nothing,
                                     NULL, NULL, NULL};
    tests[n++] = (struct CMUnitTest){"rules.stored-stale-kind", test_stored_kind_not_known, NULL,
                                     NULL, NULL};
    tests[n++] = (struct CMUnitTest){"rules_shows_kind_and_origins",
                                     test_rules_shows_kind_and_origins, NULL, NULL, NULL};
    tests[n++] = (struct CMUnitTest){"stored_kind_used_by_next_ingest",
                                     test_stored_kind_used_by_next_ingest, NULL, NULL, NULL};
    tests[n++] = (struct CMUnitTest){"port_lookback_for_incidents",
                                     test_port_lookback_for_incidents, NULL, NULL, NULL};
    return _cmocka_run_group_tests("rule_kinds", tests, n, NULL, NULL);
}
