/* Issue 31: an alert that merges several findings (one rule, actor and
 * day) names all of them, its counts are right, and an actor whose
 * incident correlation is significant ranks at the top of `risk`, as in
 * `correlate`. Small hand-made organisations, through load and ingest. */
#include "scenario.h"

#include <cJSON.h>

#define AT(day, hour, min) (SC_DAY0 + (day)*TS_DAY_MS + (hour)*TS_HOUR_MS + (min)*60000)

/* Ordinary work for the clerks, the meldkamer and the tax office. */
static void background(sc *s, int days)
{
    sc_team(s, "clerk", 8, 0, days, 30, 9, 17);
    sc_team(s, "night", 5, 0, days, 20, 22, 6);
    sc_team(s, "tax", 5, 0, days, 25, 8, 16);
}

/* Writes incidents.csv: n rows of incident, subject, day, kind. */
typedef struct inc_row {
    const char *id, *subject;
    int day;
    const char *kind;
} inc_row;

static void incidents(sc *s, const inc_row *v, size_t n)
{
    char path[512], t[32];
    snprintf(path, sizeof path, "%s/incidents.csv", s->dir);
    FILE *f = fopen(path, "w");
    fprintf(f, "incident,subject,ts,kind\n");
    for (size_t i = 0; i < n; i++) {
        ts_format(AT(v[i].day, 3, 0), t);
        fprintf(f, "%s,%s,%s,%s\n", v[i].id, v[i].subject, t, v[i].kind);
    }
    fclose(f);
}

/* The reason of actor's rule alert on day (0-based from SC_DAY0) in the
 * JSON lines of `alerts`; owned, NULL when there is none. */
static char *reason_on(const char *alerts, const char *actor, const char *rule, int day)
{
    char date[32];
    ts_format(AT(day, 0, 0), date);
    for (const char *p = alerts; p && *p;) {
        const char *end = strchr(p, '\n');
        char *line = strndup(p, end ? (size_t)(end - p) : strlen(p));
        cJSON *j = cJSON_Parse(line);
        free(line);
        assert_non_null(j);
        const char *a = cJSON_GetObjectItem(j, "actor")->valuestring;
        const char *r = cJSON_GetObjectItem(j, "rule")->valuestring;
        const char *ts = cJSON_GetObjectItem(j, "ts")->valuestring;
        char *out = NULL;
        if (strcmp(a, actor) == 0 && strcmp(r, rule) == 0 && strncmp(ts, date, 10) == 0)
            out = strdup(cJSON_GetObjectItem(j, "reason")->valuestring);
        cJSON_Delete(j);
        if (out) return out;
        p = end ? end + 1 : NULL;
    }
    return NULL;
}

static void has(const char *what, const char *text, const char *want)
{
    if (!text)
        fail_msg("%s: no alert", what);
    else if (!strstr(text, want))
        fail_msg("%s: no \"%s\" in: %s", what, want, text);
}

static void lacks(const char *what, const char *text, const char *unwanted)
{
    if (text && strstr(text, unwanted)) fail_msg("%s: \"%s\" in: %s", what, unwanted, text);
}

/* Subjects p0390.. had incidents; clerk0 looked them up without a case. */
static const inc_row INCIDENTS[] = {
    {"I-1", "p0390", 20, "explosion"}, {"I-2", "p0391", 20, "arson"}, {"I-3", "p0392", 22, "arson"},
    {"I-4", "p0393", 20, "explosion"}, {"I-5", "p0393", 21, "arson"},
};

static void plant_finder(sc *s)
{
    incidents(s, INCIDENTS, sizeof INCIDENTS / sizeof *INCIDENTS);
    /* Day 10: one subject, opened twice: one look-up's worth. */
    sc_event(s, "clerk0", AT(10, 10, 0), "view", "p0390", "ws-c0", "");
    sc_event(s, "clerk0", AT(10, 10, 2), "view", "p0390", "ws-c0", "");
    /* Day 11: two more subjects the same day: one alert, both named. */
    sc_event(s, "clerk0", AT(11, 10, 0), "view", "p0391", "ws-c0", "");
    sc_event(s, "clerk0", AT(11, 14, 0), "view", "p0392", "ws-c0", "");
    /* clerk1: one subject that had two incidents. */
    sc_event(s, "clerk1", AT(12, 10, 0), "view", "p0393", "ws-c1", "");
}

/* incident.first_lookup_not_2nd, incident.merged_names_all,
 * incident.two_incidents_one_lookup */
static void test_incident_alerts_name_every_lookup(void **state)
{
    (void)state;
    sc s = sc_new();
    background(&s, 14);
    plant_finder(&s);
    char *alerts = sc_run(&s);
    /* The first look-up, opened twice, is the first: no "2nd". */
    char *first = reason_on(alerts, "clerk0", "incident", 10);
    has("day 10", first, "Looked up p0390 without a case");
    lacks("day 10", first, "such subject");
    lacks("day 10", first, "2nd");
    lacks("day 10", first, "this alert covers");
    /* The next day's alert names both of its look-ups and incidents; the
     * strongest of them is the third subject. */
    char *next = reason_on(alerts, "clerk0", "incident", 11);
    has("day 11", next, "the 3rd such subject this person looked up");
    has("day 11", next, "this alert covers 2 subjects: ");
    has("day 11", next, "p0391 before I-2 (arson)");
    has("day 11", next, "p0392 before I-3 (arson)");
    lacks("day 11", next, "2nd");
    /* One look-up before two incidents: both named, one finding. */
    char *two = reason_on(alerts, "clerk1", "incident", 12);
    has("clerk1", two, "before incidents I-4 (explosion), I-5 (arson)");
    lacks("clerk1", two, "such subject");
    /* The alerts table and the timeline (both formats) show the same words. */
    static const char *const views[][5] = {
        {"alerts", "--actor", "clerk0", NULL},
        {"timeline", "clerk0", NULL},
        {"--format", "jsonl", "timeline", "clerk0", NULL},
    };
    for (size_t i = 0; i < sizeof views / sizeof *views; i++) {
        const char *const *v = views[i];
        tu_run r = tu_wachter(s.dir, v[0], v[1], v[2], v[3], NULL);
        assert_int_equal(r.code, 0);
        has(v[0], r.out, "p0391 before I-2 (arson) and p0392 before I-3 (arson)");
        tu_free(&r);
    }
    free(first);
    free(next);
    free(two);
    free(alerts);
    sc_free(&s);
}

/* alert.merged_across_commits: the day's findings come in two ingests;
 * the alert names both, and the second ingest of the same file again
 * changes nothing. */
static void test_alert_merged_across_ingests(void **state)
{
    (void)state;
    sc s = sc_new();
    background(&s, 14);
    incidents(&s, INCIDENTS, sizeof INCIDENTS / sizeof *INCIDENTS);
    sc_event(&s, "clerk0", AT(11, 10, 0), "view", "p0391", "ws-c0", "");
    char *alerts = sc_run(&s);
    free(alerts);
    char path[512];
    snprintf(path, sizeof path, "%s/more.jsonl", s.dir);
    FILE *f = fopen(path, "w");
    s.ev = f;
    sc_event(&s, "clerk0", AT(11, 14, 0), "view", "p0392", "ws-c0", "");
    fclose(f);
    s.ev = NULL;
    /* Then the same file again, stored (its events are duplicates) and
     * detected only (its findings are reported again). */
    static const char *const how[3][3] = {
        {"ingest", NULL}, {"ingest", NULL}, {"ingest", "--detect-only", NULL}};
    for (int round = 0; round < 3; round++) {
        tu_run r = how[round][1] ? tu_wachter(s.dir, how[round][0], how[round][1], path, NULL)
                                 : tu_wachter(s.dir, how[round][0], path, NULL);
        assert_int_equal(r.code, 0);
        tu_free(&r);
        r = tu_wachter(s.dir, "--format", "jsonl", "alerts", "--actor", "clerk0", NULL);
        char *reason = reason_on(r.out, "clerk0", "incident", 11);
        has("two ingests", reason,
            "this alert covers 2 subjects: p0391 before I-2 (arson) and p0392 before I-3 (arson)");
        has("two ingests", reason, "the 2nd such subject");
        free(reason);
        tu_free(&r);
    }
    sc_free(&s);
}

/* alert.merged_subjects, alert.merged_bounded: an alert over several
 * subjects lists them; over many, the first ones and "and others". */
static void test_alert_lists_its_subjects(void **state)
{
    (void)state;
    sc s = sc_new();
    background(&s, 14);
    /* A day clerk at night from a new VPN endpoint, three subjects. */
    sc_event(&s, "clerk1", AT(14, 2, 30), "view", "p0360", "vpn-77", "");
    sc_event(&s, "clerk1", AT(14, 2, 35), "view", "p0361", "vpn-77", "");
    sc_event(&s, "clerk1", AT(14, 2, 40), "view", "p0362", "vpn-77", "");
    /* Twenty-five look-ups no case covers, in one day. */
    for (int i = 0; i < 25; i++) {
        char subj[16];
        snprintf(subj, sizeof subj, "p%04d", 301 + i);
        sc_event(&s, "clerk5", AT(14, 9, 0) + i * 600000, "view", subj, "ws-c5", "");
    }
    char *alerts = sc_run(&s);
    char *night = reason_on(alerts, "clerk1", "off_pattern", 14);
    has("night", night, "this alert covers 3 subjects: p0360, p0361 and p0362");
    char *many = reason_on(alerts, "clerk5", "unexplained", 14);
    /* (The rule finds the day unusual from the 8th look-up on.) */
    has("many", many,
        "this alert covers more than 8 subjects: p0308, p0309, p0310, p0311, p0312, p0313,"
        " p0314, p0315 and others");
    lacks("many", many, "p0316");
    /* Every one of them is in the alert's events. */
    has("events", alerts, "\"p0325\"");
    free(night);
    free(many);
    free(alerts);
    sc_free(&s);
}

/* incident.add_names_all: incidents recorded after the look-ups raise
 * one alert per day naming each. */
static void test_incident_add_names_all(void **state)
{
    (void)state;
    sc s = sc_new();
    background(&s, 14);
    sc_event(&s, "clerk2", AT(12, 10, 0), "view", "p0394", "ws-c2", "");
    sc_event(&s, "clerk2", AT(12, 11, 0), "view", "p0395", "ws-c2", "");
    char *alerts = sc_run(&s);
    free(alerts);
    char t[32];
    ts_format(AT(15, 3, 0), t);
    tu_run r = tu_wachter(s.dir, "incident", "add", "--id", "I-8", "--subject", "p0394", "--ts", t,
                          "--kind", "explosion", NULL);
    assert_int_equal(r.code, 0);
    tu_free(&r);
    r = tu_wachter(s.dir, "incident", "add", "--id", "I-9", "--subject", "p0395", "--ts", t,
                   "--kind", "arson", NULL);
    assert_int_equal(r.code, 0);
    tu_free(&r);
    r = tu_wachter(s.dir, "--format", "jsonl", "alerts", NULL);
    char *reason = reason_on(r.out, "clerk2", "incident", 12);
    has("incident add", reason,
        "this alert covers 2 subjects: p0394 before I-8 (explosion) and p0395 before I-9 (arson)");
    free(reason);
    tu_free(&r);
    sc_free(&s);
}

/* ---- correlate and risk agree ---- */

enum { STAFF = 60, SUBJECTS = 20000, DAYS = 35 };

/* A municipality of STAFF clerks over SUBJECTS people: everyone does
 * ordinary work under the unit's case; a leaver keeps using their account
 * for a week, two clerks look people up at night from a VPN, one exports a
 * large list; staff0, the address finder, looks up five people without a
 * case, a week apart, each some days before an explosion or arson there. */
static void finder_org(sc *s)
{
    char path[512];
    snprintf(path, sizeof path, "%s/actors.csv", s->dir);
    FILE *f = fopen(path, "a");
    for (int i = 0; i < STAFF; i++)
        fprintf(f, "staff%d,burgerzaken,clerk,2020-01-01,,,,,\n", i);
    fclose(f);
    snprintf(path, sizeof path, "%s/subjects.csv", s->dir);
    f = fopen(path, "a");
    for (int i = 0; i < SUBJECTS; i++)
        fprintf(f, "q%05d,Person%d,%04dCC,%d\n", i, i, 5000 + i % 4000, 1 + i / 4000);
    fclose(f);
    sc_team(s, "staff", STAFF, 0, DAYS, 10, 9, 17);
    inc_row inc[5];
    static char subj[5][16], id[5][16];
    for (int k = 0; k < 5; k++) {
        snprintf(subj[k], sizeof subj[k], "q%05d", 100 + 997 * k);
        snprintf(id[k], sizeof id[k], "X-%d", k + 1);
        sc_event(s, "staff0", AT(2 + 6 * k, 11, 0), "view", subj[k], "ws-s0", "");
        inc[k] = (inc_row){id[k], subj[k], 2 + 6 * k + 4, k % 2 ? "arson" : "explosion"};
    }
    incidents(s, inc, 5);
    /* Noise with alerts of its own. */
    for (int d = 0; d < 8; d++)
        sc_event(s, "leaver", AT(25 + d, 10, 0), "view", "p0001", "ws-x", "");
    for (int k = 0; k < 2; k++)
        for (int i = 0; i < 4; i++) {
            char who[16], q[16];
            snprintf(who, sizeof who, "staff%d", 10 + k);
            snprintf(q, sizeof q, "q%05d", 5000 + 10 * k + i);
            sc_event(s, who, AT(30, 2, 10 * i), "view", q, "vpn-9", "");
        }
    sc_event(s, "staff20", AT(31, 10, 0), "export", "", "ws-s20", ",\"results\":5000");
}

/* Line of actor in JSON lines out; owned, NULL when absent. */
static cJSON *row_of(const char *out, const char *actor)
{
    for (const char *p = out; p && *p;) {
        const char *end = strchr(p, '\n');
        char *line = strndup(p, end ? (size_t)(end - p) : strlen(p));
        cJSON *j = cJSON_Parse(line);
        free(line);
        if (j && strcmp(cJSON_GetObjectItem(j, "actor")->valuestring, actor) == 0) return j;
        cJSON_Delete(j);
        p = end ? end + 1 : NULL;
    }
    return NULL;
}

/* risk.incident_correlation: the address finder correlate ranks first
 * with p_any < 1e-3 is first in risk too, and risk says why. */
static void test_correlated_finder_tops_risk(void **state)
{
    (void)state;
    sc s = sc_new();
    background(&s, DAYS);
    finder_org(&s);
    char *alerts = sc_run(&s);
    /* The noise raises alerts of its own. */
    assert_true(sc_alerts(alerts, "leaver", "employment") > 0);
    assert_true(sc_alerts(alerts, "staff20", "bulk") > 0);
    free(alerts);

    tu_run r = tu_wachter(s.dir, "--format", "jsonl", "correlate", NULL);
    assert_int_equal(r.code, 0);
    cJSON *c = row_of(r.out, "staff0");
    assert_non_null(c);
    assert_int_equal((int)cJSON_GetObjectItem(c, "rank")->valuedouble, 1);
    assert_int_equal((int)cJSON_GetObjectItem(c, "hits")->valuedouble, 5);
    double p_any = cJSON_GetObjectItem(c, "p_any")->valuedouble;
    assert_true(p_any < 1e-3);
    cJSON_Delete(c);
    tu_free(&r);

    r = tu_wachter(s.dir, "--format", "jsonl", "risk", NULL);
    assert_int_equal(r.code, 0);
    cJSON *k = row_of(r.out, "staff0");
    assert_non_null(k);
    int rank = (int)cJSON_GetObjectItem(k, "rank")->valuedouble;
    if (rank != 1) fail_msg("the finder ranks %d in risk:\n%s", rank, r.out);
    char *reasons = cJSON_PrintUnformatted(cJSON_GetObjectItem(k, "reasons"));
    has("risk", reasons, "incident correlation p=");
    free(reasons);
    cJSON_Delete(k);
    /* The others keep their places below. */
    cJSON *l = row_of(r.out, "leaver");
    assert_non_null(l);
    assert_int_equal((int)cJSON_GetObjectItem(l, "rank")->valuedouble, 2);
    cJSON_Delete(l);
    tu_free(&r);
    r = tu_wachter(s.dir, "risk", "--top", "1", NULL);
    has("risk table", r.out, "staff0");
    has("risk table", r.out, "incident correlation p=");
    tu_free(&r);
    sc_free(&s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_incident_alerts_name_every_lookup),
        cmocka_unit_test(test_alert_merged_across_ingests),
        cmocka_unit_test(test_alert_lists_its_subjects),
        cmocka_unit_test(test_incident_add_names_all),
        cmocka_unit_test(test_correlated_finder_tops_risk),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
