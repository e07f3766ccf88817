/* The rule unauthorised (use without a right; README "Detections"): an
 * event whose actor held no right, at its time, to its action on its
 * system (a right "*" covers every action) alerts; only systems that
 * rights.csv names are judged, and an organisation without rights.csv
 * gets no such alert. Each case is one event of one actor on
 * 2026-03-02; the rights read from the tables and from the store's
 * cached copy give the same. */
#include "testutil.h"

#include <sys/stat.h>

static const char *const actors = "actor,unit,role,start,end,person,surname,postcode,house_number\n"
                                  "viewer,burgerzaken,clerk,2020-01-01,,,,,\n"
                                  "star,burgerzaken,clerk,2020-01-01,,,,,\n"
                                  "late,burgerzaken,clerk,2020-01-01,,,,,\n"
                                  "gone,burgerzaken,clerk,2020-01-01,,,,,\n"
                                  "nobody,burgerzaken,clerk,2020-01-01,,,,,\n";

static const char *const rights = "actor,system,right,granted,revoked,granted_by\n"
                                  "viewer,brp,view,2026-01-01,,it\n"
                                  "star,brp,*,2026-01-01,,it\n"
                                  "late,brp,view,2026-03-10,,it\n"
                                  "gone,brp,view,2026-01-01,2026-02-28,it\n"
                                  "gone,brp,view,2026-04-01,,it\n";

typedef struct ucase {
    const char *name, *actor, *system, *action;
    const char *reason; /* the alert's reason, or NULL: no unauthorised alert */
} ucase;

static const ucase cases[] = {
    {"no right at all: alert", "nobody", "brp", "view", "view on brp without a right to it\""},
    {"the right to view: none", "viewer", "brp", "view", NULL},
    {"the right to view, an export: alert", "viewer", "brp", "export",
     "export on brp without a right to it\""},
    {"a right to every action (*): none", "star", "brp", "delete", NULL},
    {"a right granted after the event: alert", "late", "brp", "view",
     "view on brp without a right to it (their right brp:view began only 2026-03-10)"},
    {"revoked before the event (granted again later): alert", "gone", "brp", "view",
     "view on brp without a right to it (their right brp:view ended 2026-02-28)"},
    {"a system rights.csv does not name: none", "nobody", "rdw", "view", NULL},
    {"the action in capitals is the same action: none", "viewer", "brp", "VIEW", NULL},
};

/* The store's unauthorised alerts, jsonl (owned). */
static char *alerts_of(const char *dir)
{
    tu_run r = tu_wachter(dir, "--format", "jsonl", "alerts", "--rule", "unauthorised", NULL);
    assert_int_equal(r.code, 0);
    free(r.err);
    return r.out;
}

static char *org(int with_rights)
{
    char *dir = tu_tmpdir();
    tu_write(dir, "actors.csv", actors);
    if (with_rights) tu_write(dir, "rights.csv", rights);
    tu_run r = tu_wachter(dir, "load", dir, NULL);
    assert_int_equal(r.code, 0);
    tu_free(&r);
    return dir;
}

static void ingest(const char *dir, const char *lines)
{
    tu_write(dir, "events.jsonl", lines);
    char path[600];
    snprintf(path, sizeof path, "%s/events.jsonl", dir);
    tu_run r = tu_wachter(dir, "ingest", path, NULL);
    if (r.code != 0) fail_msg("ingest: %s", r.err);
    tu_free(&r);
}

static void run_case(const ucase *c, int cached)
{
    char *dir = org(1);
    if (!cached) {
        char path[600];
        snprintf(path, sizeof path, "%s/t.db", dir);
        sqlite3 *db;
        assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
        assert_int_equal(sqlite3_exec(db, "DELETE FROM refdata_cache", NULL, NULL, NULL),
                         SQLITE_OK);
        sqlite3_close(db);
    }
    char line[400];
    snprintf(line, sizeof line,
             "{\"id\":\"e1\",\"ts\":\"2026-03-02T10:00:00Z\",\"actor\":\"%s\",\"system\":\"%s\","
             "\"action\":\"%s\",\"subject\":\"p1\"}\n",
             c->actor, c->system, c->action);
    ingest(dir, line);
    char *out = alerts_of(dir);
    if (!c->reason && *out) fail_msg("%s: unexpected alert:\n%s", c->name, out);
    if (c->reason) {
        char want[300];
        snprintf(want, sizeof want, "\"actor\":\"%s\"", c->actor);
        if (!strstr(out, want) || !strstr(out, c->reason) ||
            !strstr(out, "\"rule\":\"unauthorised\",\"severity\":\"high\"") ||
            tu_count_lines(out, "unauthorised") != 1)
            fail_msg("%s (%s): want one alert of %s saying \"%s\", got:\n%s", c->name,
                     cached ? "cached" : "tables", c->actor, c->reason, out);
    }
    free(out);
    tu_rmdir(dir);
}

static void each_case(void **state)
{
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        run_case(&cases[i], 1);
        run_case(&cases[i], 0);
    }
}

/* Without rights.csv, nothing is judged: no alert on any system. */
static void no_rights_file(void **state)
{
    char *dir = org(0);
    ingest(dir, "{\"id\":\"e1\",\"ts\":\"2026-03-02T10:00:00Z\",\"actor\":\"nobody\",\"system\":"
                "\"brp\",\"action\":\"view\",\"subject\":\"p1\"}\n"
                "{\"id\":\"e2\",\"ts\":\"2026-03-02T10:00:00Z\",\"actor\":\"viewer\",\"system\":"
                "\"rdw\",\"action\":\"export\"}\n");
    char *out = alerts_of(dir);
    assert_string_equal(out, "");
    free(out);
    tu_rmdir(dir);
}

/* A burst: five uses of brp in a day without a right are one alert that
 * counts them and names the subjects; the next day's use is another. */
static void burst(void **state)
{
    char *dir = org(1);
    char lines[2000] = "";
    for (int i = 0; i < 5; i++) {
        size_t n = strlen(lines);
        snprintf(lines + n, sizeof lines - n,
                 "{\"id\":\"b%d\",\"ts\":\"2026-03-02T1%d:00:00Z\",\"actor\":\"nobody\","
                 "\"system\":\"brp\",\"action\":\"view\",\"subject\":\"p%d\"}\n",
                 i, i, i + 1);
    }
    strcat(lines, "{\"id\":\"b9\",\"ts\":\"2026-03-03T10:00:00Z\",\"actor\":\"nobody\","
                  "\"system\":\"brp\",\"action\":\"view\",\"subject\":\"p9\"}\n");
    ingest(dir, lines);
    char *out = alerts_of(dir);
    assert_int_equal(tu_count_lines(out, "\"rule\":\"unauthorised\""), 2);
    if (!strstr(out, "view on brp without a right to it (5 uses of brp without a right that day);"
                     " this alert covers 5 subjects: p1, p2, p3, p4 and p5"))
        fail_msg("the burst's alert says:\n%s", out);
    assert_non_null(strstr(out, "\"score\":48.0"));
    free(out);
    tu_rmdir(dir);
}

/* Rights loaded after the events judge them again: rights.csv first
 * loaded (brp named for the first time) raises the alert of the use the
 * ingest could not judge; a right revoked late, that of a use after the
 * revocation; loading the same file again changes nothing. */
static void late_rights(void **state)
{
    char *dir = org(0);
    ingest(dir, "{\"id\":\"e1\",\"ts\":\"2026-03-02T10:00:00Z\",\"actor\":\"nobody\","
                "\"system\":\"brp\",\"action\":\"view\",\"subject\":\"p1\"}\n"
                "{\"id\":\"e2\",\"ts\":\"2026-03-20T10:00:00Z\",\"actor\":\"viewer\","
                "\"system\":\"brp\",\"action\":\"view\",\"subject\":\"p2\"}\n");
    char *out = alerts_of(dir);
    assert_string_equal(out, "");
    free(out);
    char sub[256];
    snprintf(sub, sizeof sub, "%s/late", dir);
    assert_int_equal(mkdir(sub, 0700), 0);
    tu_write(sub, "rights.csv", rights);
    tu_run r = tu_wachter(dir, "load", sub, NULL);
    assert_int_equal(r.code, 0);
    if (!strstr(r.out, "re-judged for rights: 1 new unauthorised alert from 2 events of 5 actors; "
                       "0 explained"))
        fail_msg("load said: %s", r.out);
    tu_free(&r);
    out = alerts_of(dir);
    assert_int_equal(tu_count_lines(out, "\"rule\":\"unauthorised\""), 1);
    assert_non_null(strstr(out, "\"actor\":\"nobody\""));
    free(out);
    /* viewer's right revoked on 2026-03-15, before their look-up. */
    tu_write(sub, "rights.csv",
             "actor,system,right,granted,revoked,granted_by\nviewer,brp,view,2026-01-01,2026-03-15,"
             "it\n");
    r = tu_wachter(dir, "load", sub, NULL);
    assert_int_equal(r.code, 0);
    assert_non_null(
        strstr(r.out, "re-judged for rights: 1 new unauthorised alert from 1 events of 1 actor;"
                      " 0 explained later"));
    tu_free(&r);
    out = alerts_of(dir);
    assert_int_equal(tu_count_lines(out, "\"rule\":\"unauthorised\""), 2);
    assert_non_null(strstr(out, "\"actor\":\"viewer\""));
    free(out);
    r = tu_wachter(dir, "load", sub, NULL);
    assert_int_equal(r.code, 0);
    assert_null(strstr(r.out, "re-judged for rights"));
    tu_free(&r);
    /* The revocation was a mistake: corrected, viewer's right covers the
     * look-up again, and its alert is explained later, out of their risk. */
    tu_write(sub, "rights.csv",
             "actor,system,right,granted,revoked,granted_by\nviewer,brp,view,2026-01-01,,it\n");
    r = tu_wachter(dir, "load", sub, NULL);
    assert_int_equal(r.code, 0);
    if (!strstr(r.out, "re-judged for rights: 0 new unauthorised alerts from 1 events of 1 actor;"
                       " 1 explained later by the rights loaded"))
        fail_msg("load said: %s", r.out);
    tu_free(&r);
    r = tu_wachter(dir, "--reveal", "--format", "jsonl", "alerts", NULL);
    assert_int_equal(r.code, 0);
    char *v = strstr(r.out, "\"actor\":\"viewer\"");
    char *end = v ? strchr(v, '\n') : NULL;
    if (end) *end = 0;
    if (!v || !strstr(v, "explained later: a right loaded later covers each use"))
        fail_msg("viewer's alert is not explained later:\n%s", r.out);
    tu_free(&r);
    r = tu_wachter(dir, "--reveal", "risk", "--all", NULL);
    assert_int_equal(r.code, 0);
    if (strstr(r.out, "viewer")) fail_msg("viewer still has risk:\n%s", r.out);
    assert_non_null(strstr(r.out, "nobody"));
    tu_free(&r);
    tu_rmdir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(each_case),
        cmocka_unit_test(no_rights_file),
        cmocka_unit_test(burst),
        cmocka_unit_test(late_rights),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
