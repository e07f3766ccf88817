/* The workflow from the command line (issue 35): `wachter alert`,
 * `dossier`, `suppress`, `alerts --status`, `rules effectiveness`, each
 * checked by the dispatcher against the roles table (an analyst triages
 * but neither bulk-closes, suppresses nor opens dossiers) and recorded in
 * the audit trail; `alerts` without the workflow's options prints what it
 * printed before. */
#include "testutil.h"

#include <time.h>

#include "store/store_alerts.h"

#define PW "correct horse battery staple"
#define T0 INT64_C(1772445600000) /* 2026-03-02T10:00:00Z */
#define as_run(dir, as, ...) tu_as(dir, "t.db", as, PW, __VA_ARGS__)

static void expect(tu_run r, int code, const char *in_out, const char *in_err)
{
    if (r.code != code || (in_err && !strstr(r.err, in_err)) || (in_out && !strstr(r.out, in_out)))
        fail_msg("exit %d (wanted %d), stderr: %s (wanted: %s), stdout: %s (wanted: %s)", r.code,
                 code, r.err, in_err ? in_err : "", r.out, in_out ? in_out : "");
    tu_free(&r);
}

static char *setup_store(void)
{
    char *dir = tu_tmpdir();
    setenv("WACHTER_NEW_PASSWORD", PW, 1);
    expect(
        tu_as(dir, "t.db", NULL, NULL, "account", "add", "boss", "--role", "administrator", NULL),
        0, NULL, NULL);
    const char *roles[][2] = {
        {"ann", "analyst"}, {"sam", "senior-analyst"}, {"ivo", "investigator"}, {"aud", "auditor"}};
    for (int i = 0; i < 4; i++)
        expect(as_run(dir, "boss", "account", "add", roles[i][0], "--role", roles[i][1], NULL), 0,
               NULL, NULL);
    unsetenv("WACHTER_NEW_PASSWORD");
    char path[600];
    snprintf(path, sizeof path, "%s/t.db", dir);
    store *s;
    assert_int_equal(store_open(path, &s, &(werr){0}), 0);
    const char *ids[] = {"A1", "A2"};
    for (int i = 0; i < 2; i++) {
        const char *ev[1] = {ids[i]}, *sub[1] = {"S1"};
        store_alert a = {.id = ids[i],
                         .actor = "clerk1",
                         .rule = "unexplained",
                         .reason = "looked up S1",
                         .ts = T0 + i,
                         .severity = 3,
                         .score = 70 - i,
                         .events = ev,
                         .subjects = sub,
                         .n = 1};
        int is_new;
        assert_int_equal(store_put_alert(s, &a, &is_new), 0);
    }
    store_close(s);
    return dir;
}

static void test_triage_from_the_cli(void **state)
{
    char *dir = setup_store();
    /* before the workflow's options: the same columns as ever */
    expect(as_run(dir, "ann", "alerts", NULL), 0, "TIME                  ACTOR", NULL);
    expect(as_run(dir, "ann", "alert", "ack", "A1", "--note", "looking", NULL), 0, "acknowledged",
           NULL);
    expect(as_run(dir, "ann", "alert", "close", "A1", NULL), 1, NULL, "needs a disposition");
    expect(as_run(dir, "ann", "alert", "close", "A1", "--benign", NULL), 0, "closed:benign", NULL);
    expect(as_run(dir, "ann", "alert", "assign", "A2", "nobody", NULL), 1, NULL,
           "no enabled account 'nobody'");
    expect(as_run(dir, "ann", "alert", "show", "A1", NULL), 0, "looking", NULL);
    expect(as_run(dir, "ann", "alerts", "--status", "closed", NULL), 0, "closed 1", NULL);
    /* roles: bulk, suppressions and dossiers are not an analyst's */
    expect(as_run(dir, "ann", "alert", "bulk", "--close", "duplicate", "A2", NULL), 4, NULL,
           "may not run alert bulk");
    expect(as_run(dir, "ann", "suppress", "add", "--rule", "unexplained", "--actor", "clerk1",
                  "--reason", "r", "--until", "2099-01-01", NULL),
           4, NULL, "may not run suppress add");
    expect(as_run(dir, "ann", "dossier", "list", NULL), 4, NULL, "may not run dossier list");
    expect(as_run(dir, "ivo", "dossier", "open", "clerk1", "--title", "neighbours", "A2", NULL), 0,
           "D-0001", NULL);
    expect(as_run(dir, "ivo", "dossier", "report", "D-0001", NULL), 0, "look-ups:", NULL);
    expect(as_run(dir, "ivo", "rules", "effectiveness", NULL), 0, "unexplained", NULL);
    /* the trail names each command with its subcommand */
    tu_run r = as_run(dir, "aud", "audit", NULL);
    assert_int_equal(r.code, 0);
    assert_non_null(strstr(r.out, "alert ack"));
    assert_non_null(strstr(r.out, "alert close"));
    assert_non_null(strstr(r.out, "dossier open"));
    tu_free(&r);
    tu_rmdir(dir);
}

/* The number of people `risk --all` ranks, as ann sees them. */
static int ranked(const char *dir)
{
    tu_run r = as_run(dir, "ann", "--format", "jsonl", "risk", "--all", NULL);
    assert_int_equal(r.code, 0);
    int n = tu_count_lines(r.out, "\"rank\"");
    tu_free(&r);
    return n;
}

/* An alert closed as benign, a false positive or a duplicate leaves the
 * risk; a confirmed one stays; reopening puts it back. */
static void test_dispositions_and_risk(void **state)
{
    char *dir = setup_store();
    assert_int_equal(ranked(dir), 1);
    expect(as_run(dir, "ann", "alert", "close", "A1", "--benign", NULL), 0, "closed:benign", NULL);
    assert_int_equal(ranked(dir), 1); /* A2 still counts */
    expect(as_run(dir, "ann", "alert", "close", "A2", "--confirmed", NULL), 0, "closed:confirmed",
           NULL);
    assert_int_equal(ranked(dir), 1);
    expect(as_run(dir, "ann", "alert", "reopen", "A2", NULL), 0, NULL, NULL);
    expect(as_run(dir, "ann", "alert", "close", "A2", "--false-positive", NULL), 0,
           "closed:false_positive", NULL);
    assert_int_equal(ranked(dir), 0);
    expect(as_run(dir, "ann", "alert", "reopen", "A1", NULL), 0, NULL, NULL);
    assert_int_equal(ranked(dir), 1);
    tu_rmdir(dir);
}

static void test_suppress_from_the_cli(void **state)
{
    char *dir = setup_store();
    char until[32];
    time_t t = time(NULL) + 30 * 86400;
    strftime(until, sizeof until, "%Y-%m-%d", gmtime(&t));
    expect(as_run(dir, "sam", "suppress", "add", "--rule", "unexplained", "--actor", "clerk1",
                  "--reason", "known project", "--until", until, NULL),
           0, "known project", NULL);
    expect(as_run(dir, "ann", "alerts", "--status", "all", NULL), 0, "suppressed 2", NULL);
    expect(as_run(dir, "ann", "alerts", "--rule", "unexplained", NULL), 0, "0 shown", NULL);
    expect(as_run(dir, "ann", "suppress", "list", "--active", NULL), 0, "yes", NULL);
    expect(as_run(dir, "sam", "suppress", "end", "1", NULL), 0, " no ", NULL);
    expect(as_run(dir, "sam", "suppress", "end", "1", NULL), 1, NULL, "has ended already");
    expect(as_run(dir, "ann", "alerts", "--rule", "unexplained", NULL), 0, "2 shown", NULL);
    tu_rmdir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_triage_from_the_cli),
        cmocka_unit_test(test_dispositions_and_risk),
        cmocka_unit_test(test_suppress_from_the_cli),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
