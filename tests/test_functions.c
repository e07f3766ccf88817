/* test_functions — the risk analysis of functions (README, "Risk analysis
 * of functions"): the formula on known answers, the ranking, versions
 * kept, overdue reviews (past their date and never analysed), the
 * weight a high function gives its staff in `risk`, and bad rows. A small
 * hand-made organisation: burgerzaken's front office (two people),
 * belastingen's clerk, ict's administrator (never analysed). */
#include "testutil.h"

#include "score/funcrisk.h"
#include "score/risk.h"
#include "store/store_alerts.h"

/* 2026-03-02T09:00:00Z */
#define T0 INT64_C(1772442000000)

static const char actors_csv[] = "actor,unit,role,start,end,person,surname,postcode,house_number\n"
                                 "a1,burgerzaken,baliemedewerker,2020-01-01,,,,,\n"
                                 "a2,burgerzaken,baliemedewerker,2020-01-01,,,,,\n"
                                 "a3,belastingen,medewerker,2020-01-01,,,,,\n"
                                 "a4,ict,beheerder,2020-01-01,,,,,\n"
                                 "a5,burgerzaken,baliemedewerker,2019-01-01,2025-12-31,,,,\n";

#define HEADER                                                                                     \
    "unit,role,process,analysed,next_review,registers,decisions,outsiders,changes,volume,"         \
    "four_eyes,rotation,logging,screening,training,segregation,measures\n"

static const char functions_csv[] =
    HEADER "burgerzaken,baliemedewerker,reisdocumenten,2026-01-10,2026-06-30,3,3,3,2,3,1,0,2,1,1,1,"
           "four-eyes on BRP changes; yearly VOG\n"
           "belastingen,medewerker,aanslagen,2026-02-01,2028-02-01,2,2,1,2,2,2,1,2,1,2,2,\n";

/* ---- the formula ---- */

typedef struct formula_case {
    int answers[FR_QUESTIONS];
    int impact, resilience, risk;
    const char *band;
} formula_case;

static const formula_case formula[] = {
    /* every impact at its worst, no measures: the top of the scale */
    {{3, 3, 3, 3, 3, 0, 0, 0, 0, 0, 0}, 5, 1, 25, "very high"},
    /* nothing to lose, every measure in place: the bottom */
    {{0, 0, 0, 0, 0, 3, 3, 3, 3, 3, 3}, 1, 5, 1, "low"},
    /* a front office: impact mean 2.8 -> 5, resilience mean 1 -> 2 */
    {{3, 3, 3, 2, 3, 1, 0, 2, 1, 1, 1}, 5, 2, 20, "very high"},
    /* a tax clerk: 1.8 -> 3, 1.67 -> 3 */
    {{2, 2, 1, 2, 2, 2, 1, 2, 1, 2, 2}, 3, 3, 9, "medium"},
    /* all 2: 2.67 -> 4 each */
    {{2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2}, 4, 4, 8, "medium"},
    /* the least of high: 5 x (6 - 4) */
    {{3, 3, 3, 3, 3, 2, 2, 2, 2, 2, 2}, 5, 4, 10, "high"},
    /* 2.4 -> 4 against 1 -> 2: 16, the least of very high */
    {{3, 3, 2, 2, 2, 1, 1, 1, 1, 1, 1}, 4, 2, 16, "very high"},
};

static void test_formula_on_known_answers(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof formula / sizeof *formula; i++) {
        fr_scores sc;
        fr_score(formula[i].answers, &sc);
        if (sc.impact != formula[i].impact || sc.resilience != formula[i].resilience ||
            sc.risk != formula[i].risk || strcmp(fr_band_name(sc.band), formula[i].band) != 0)
            fail_msg("case %zu: impact %d resilience %d risk %d %s, want %d %d %d %s", i, sc.impact,
                     sc.resilience, sc.risk, fr_band_name(sc.band), formula[i].impact,
                     formula[i].resilience, formula[i].risk, formula[i].band);
    }
    /* the bands' edges */
    assert_string_equal(fr_band_name(fr_band_of(4)), "low");
    assert_string_equal(fr_band_name(fr_band_of(5)), "medium");
    assert_string_equal(fr_band_name(fr_band_of(9)), "medium");
    assert_string_equal(fr_band_name(fr_band_of(10)), "high");
    assert_string_equal(fr_band_name(fr_band_of(15)), "high");
    assert_string_equal(fr_band_name(fr_band_of(16)), "very high");
    assert_int_equal(fr_band_parse("very-high"), FR_VERY_HIGH);
}

/* A store in a new dir with the organisation and the analyses loaded. */
static char *org(void)
{
    char *dir = tu_tmpdir();
    tu_write(dir, "actors.csv", actors_csv);
    tu_write(dir, "functions.csv", functions_csv);
    tu_run r = tu_wachter(dir, "load", dir, NULL);
    assert_int_equal(r.code, 0);
    tu_free(&r);
    char path[600];
    snprintf(path, sizeof path, "%s/functions.csv", dir);
    r = tu_wachter(dir, "functions", "load", path, NULL);
    assert_int_equal(r.code, 0);
    assert_non_null(strstr(r.out, "2 rows, 2 analyses added, 0 unchanged, 0 bad rows"));
    tu_free(&r);
    return dir;
}

/* The ranking: highest risk first, each with its band, people on the
 * staff on the day asked about (a5 left), open measures, next review and
 * whether that has passed. */
static void test_ranking(void **state)
{
    (void)state;
    char *dir = org();
    tu_run r = tu_wachter(dir, "functions", "--at", "2026-03-01", NULL);
    assert_int_equal(r.code, 0);
    assert_string_equal(
        r.out, "FUNCTION                              PROCESS               IMPACT  "
               "RESILIENCE  RISK  BAND       PEOPLE  NEXT_REVIEW  OVERDUE   OPEN_MEASURES\n"
               "burgerzaken/baliemedewerker           reisdocumenten             5      "
               "     2    20  very high       2  2026-06-30  -         (2) four-eyes on "
               "BRP changes; yearly VOG\n"
               "belastingen/medewerker                aanslagen                  3      "
               "     3     9  medium          1  2028-02-01  -         -\n");
    tu_free(&r);
    /* as of later: the front office's review is overdue */
    r = tu_wachter(dir, "--format", "jsonl", "functions", "--at", "2026-07-10", NULL);
    assert_int_equal(r.code, 0);
    assert_int_equal(tu_count_lines(r.out, ""), 2);
    assert_non_null(strstr(r.out, "\"function\":\"burgerzaken/baliemedewerker\""));
    assert_non_null(strstr(r.out, "\"risk\":20,\"band\":\"very high\""));
    assert_non_null(strstr(r.out, "\"people\":2,\"overdue\":true,\"overdue_days\":10}\n"));
    assert_non_null(strstr(r.out, "\"people\":1,\"overdue\":false,\"overdue_days\":0}\n"));
    assert_true(strstr(r.out, "burgerzaken/") < strstr(r.out, "belastingen/"));
    tu_free(&r);
    tu_rmdir(dir);
}

/* A second analysis adds a version; the first is kept and the history
 * says what changed; loading the same file again adds nothing. */
static void test_versions_kept(void **state)
{
    (void)state;
    char *dir = org();
    char db[600];
    snprintf(db, sizeof db, "%s/t.db", dir);
    char *argv[] = {"wachter",
                    "--db",
                    db,
                    "functions",
                    "set",
                    "--unit",
                    "burgerzaken",
                    "--role",
                    "baliemedewerker",
                    "--process",
                    "reisdocumenten",
                    "--analysed",
                    "2026-07-01",
                    "--next-review",
                    "2027-07-01",
                    "--registers",
                    "3",
                    "--decisions",
                    "3",
                    "--outsiders",
                    "3",
                    "--changes",
                    "2",
                    "--volume",
                    "3",
                    "--four-eyes",
                    "3",
                    "--rotation",
                    "0",
                    "--logging",
                    "3",
                    "--screening",
                    "2",
                    "--training",
                    "1",
                    "--segregation",
                    "2",
                    "--measure",
                    "rotation plan",
                    "--at",
                    "2026-07-02",
                    NULL};
    tu_run r = tu_main((int)(sizeof argv / sizeof *argv) - 1, argv);
    assert_int_equal(r.code, 0);
    assert_non_null(strstr(r.err, "burgerzaken/baliemedewerker version 2 added"));
    /* the ranking shows the new version: 5 x (6 - 3) */
    assert_non_null(strstr(r.out, "     5           3    15  high      "));
    tu_free(&r);
    r = tu_wachter(dir, "functions", "history", "burgerzaken", "baliemedewerker", NULL);
    assert_int_equal(r.code, 0);
    assert_int_equal(tu_count_lines(r.out, ""), 3);
    assert_non_null(strstr(r.out, "      1  2026-01-10  2026-06-30        5           2    20  "
                                  "very high"));
    assert_non_null(strstr(r.out, "(first analysis)\n"));
    assert_non_null(strstr(r.out, "      2  2026-07-01  2027-07-01        5           3    15  "
                                  "high"));
    assert_non_null(strstr(r.out, "risk 20 -> 15 (very high -> high); resilience 2 -> 3;"
                                  " four_eyes 1 -> 3; logging 2 -> 3; screening 1 -> 2;"
                                  " segregation 1 -> 2; next review 2026-06-30 -> 2027-07-01;"
                                  " measure added: rotation plan;"
                                  " measure closed: four-eyes on BRP changes;"
                                  " measure closed: yearly VOG\n"));
    tu_free(&r);
    char path[600];
    snprintf(path, sizeof path, "%s/functions.csv", dir);
    r = tu_wachter(dir, "functions", "load", path, NULL);
    assert_int_equal(r.code, 0);
    assert_non_null(strstr(r.out, "2 rows, 0 analyses added, 2 unchanged, 0 bad rows"));
    tu_free(&r);
    assert_int_equal(tu_count_of(dir, "SELECT count(*) FROM function_analyses"), 3);
    r = tu_wachter(dir, "functions", "history", "ict", "beheerder", NULL);
    assert_int_equal(r.code, 1);
    assert_non_null(strstr(r.err, "function ict/beheerder has no analysis"));
    tu_free(&r);
    tu_rmdir(dir);
}

/* Overdue: the analysis past its review (by how many days), then the
 * function with staff and no analysis at all. */
static void test_overdue(void **state)
{
    (void)state;
    char *dir = org();
    tu_run r = tu_wachter(dir, "functions", "overdue", "--at", "2026-07-10", NULL);
    assert_int_equal(r.code, 0);
    assert_string_equal(r.out,
                        "FUNCTION                              STATUS           NEXT_REVIEW    "
                        "DAYS  PEOPLE  RISK  BAND\n"
                        "burgerzaken/baliemedewerker           overdue          2026-06-30       "
                        "10       2    20  very high\n"
                        "ict/beheerder                         never analysed   -                 "
                        "0       1     -  -\n");
    tu_free(&r);
    /* before the review date, only the unanalysed function */
    r = tu_wachter(dir, "--format", "jsonl", "functions", "overdue", "--at", "2026-06-30", NULL);
    assert_int_equal(r.code, 0);
    assert_string_equal(r.out, "{\"function\":\"ict/beheerder\",\"unit\":\"ict\",\"role\":"
                               "\"beheerder\",\"status\":\"never analysed\",\"next_review\":null,"
                               "\"risk\":null,\"band\":null,\"days\":0,\"people\":1}\n");
    tu_free(&r);
    tu_rmdir(dir);
}

/* risk: an actor in a function of band high or above scores the band's
 * factor times as much, and the first reason says why; an actor in a
 * medium function, or in none analysed, keeps their score. */
static void test_risk_weighting(void **state)
{
    (void)state;
    char *dir = org();
    char path[600];
    snprintf(path, sizeof path, "%s/t.db", dir);
    store *s;
    assert_int_equal(store_open(path, &s, &(werr){0}), 0);
    assert_int_equal(store_begin(s), 0);
    const char *who[] = {"a1", "a3", "a4"};
    for (int i = 0; i < 3; i++) {
        const char *ev[] = {"e1"}, *subj[] = {"s1"};
        char id[8];
        snprintf(id, sizeof id, "x-%d", i);
        store_alert a = {.id = id,
                         .actor = who[i],
                         .rule = "bulk",
                         .reason = "exported 900 records",
                         .ts = T0,
                         .severity = 3,
                         .score = 80,
                         .events = ev,
                         .subjects = subj,
                         .n = 1};
        int is_new;
        assert_int_equal(store_put_alert(s, &a, &is_new), 0);
    }
    assert_int_equal(store_commit(s), 0);
    risk_row *rows;
    size_t n;
    assert_int_equal(risk_rank(s, T0, 0, &rows, &n, &(werr){0}), 0);
    assert_int_equal(n, 3);
    assert_string_equal(rows[0].actor, "a1");
    assert_true(rows[0].score > 119.99 && rows[0].score < 120.01); /* 80 x 1.5 */
    assert_int_equal(rows[0].nreasons, 2);
    assert_string_equal(rows[0].reasons[0], "exported 900 records");
    assert_string_equal(rows[0].reasons[1],
                        "function burgerzaken/baliemedewerker: risk very high (×1.5)");
    assert_int_equal(rows[0].weighed, 2);
    for (size_t i = 1; i < 3; i++) {
        assert_true(rows[i].score > 79.99 && rows[i].score < 80.01);
        assert_int_equal(rows[i].nreasons, 1);
        assert_int_equal(rows[i].weighed, 0);
    }
    risk_free(rows, n);
    store_close(s);
    /* the factor is configurable */
    tu_run r = tu_wachter(dir, "functions", "weight", "very-high", "2", NULL);
    assert_int_equal(r.code, 0);
    assert_non_null(strstr(r.out, "very high  2\n"));
    tu_free(&r);
    r = tu_wachter(dir, "risk", NULL);
    assert_int_equal(r.code, 0);
    assert_non_null(strstr(r.out, "exported 900 records; function burgerzaken/baliemedewerker:"
                                  " risk very high (×2)\n"));
    assert_non_null(strstr(r.out, "160.0"));
    tu_free(&r);
    /* the dashboard's risk by function: band, staff now, alerts in its
     * days (ending at the newest look-up: one by a4 of ict) */
    tu_write(dir, "ev.jsonl",
             "{\"id\":\"e-1\",\"ts\":\"2026-03-02T10:00:00Z\",\"actor\":\"a4\","
             "\"system\":\"brp\",\"action\":\"search\",\"query\":\"x\"}\n");
    char ev[600];
    snprintf(ev, sizeof ev, "%s/ev.jsonl", dir);
    r = tu_wachter(dir, "ingest", ev, NULL);
    assert_int_equal(r.code, 0);
    tu_free(&r);
    r = tu_wachter(dir, "--format", "jsonl", "dashboard", "--days", "30", NULL);
    assert_int_equal(r.code, 0);
    assert_non_null(strstr(
        r.out, "\"risk_by_function\":[{\"function\":\"burgerzaken/baliemedewerker\",\"unit\":"
               "\"burgerzaken\",\"role\":\"baliemedewerker\",\"band\":\"very high\",\"risk\":20,"
               "\"people\":2,\"alerts\":1},{\"function\":\"belastingen/medewerker\",\"unit\":"
               "\"belastingen\",\"role\":\"medewerker\",\"band\":\"medium\",\"risk\":9,"
               "\"people\":1,\"alerts\":1}]}"));
    tu_free(&r);
    r = tu_wachter(dir, "dashboard", "--days", "30", NULL);
    assert_non_null(strstr(r.out, "risk by function (latest analysis):\n"
                                  "  burgerzaken/baliemedewerker           very high  risk 20,"
                                  " 2 people, 1 alerts\n"));
    tu_free(&r);
    /* functions.bad-weight */
    r = tu_wachter(dir, "functions", "weight", "medium", "2", NULL);
    assert_int_equal(r.code, 1);
    assert_non_null(strstr(r.err, "a weight is set for band high or very-high, not 'medium'"));
    tu_free(&r);
    tu_rmdir(dir);
}

typedef struct bad_case {
    const char *id; /* docs/bad-input.md */
    const char *csv;
    const char *err;
} bad_case;

static const bad_case bad[] = {
    {"functions.off-scale",
     HEADER "burgerzaken,baliemedewerker,p,2026-01-10,2026-06-30,3,3,4,2,3,1,0,2,1,1,1,\n",
     "functions.csv:2: 'outsiders' is 4, off the scale 0 to 3\n"},
    {"functions.review-before-analysis",
     HEADER "burgerzaken,baliemedewerker,p,2026-01-10,2025-06-30,3,3,3,2,3,1,0,2,1,1,1,\n",
     "functions.csv:2: 'next_review' (2025-06-30) is not after 'analysed' (2026-01-10)\n"},
    {"functions.bad-date",
     HEADER "burgerzaken,baliemedewerker,p,10-01-2026,2026-06-30,3,3,3,2,3,1,0,2,1,1,1,\n",
     "functions.csv:2: 'analysed' (10-01-2026) is not a date (YYYY-MM-DD)\n"},
    {"functions.not-a-number",
     HEADER "burgerzaken,baliemedewerker,p,2026-01-10,2026-06-30,3,3,3,2,3,x,0,2,1,1,1,\n",
     "functions.csv:2: 'four_eyes' (x) is not a whole number 0 to 3\n"},
    {"functions.duplicate",
     HEADER "ict,beheerder,,2026-01-10,2026-06-30,3,3,3,2,3,1,0,2,1,1,1,\n"
            "ict,beheerder,,2026-01-10,2027-06-30,3,3,3,2,3,1,0,2,1,1,1,\n",
     "functions.csv:3: function ict/beheerder analysed 2026-01-10 is on line 2 already\n"},
    {"functions.unknown-column",
     "unit,role,analysed,next_review,registers,decisions,outsiders,changes,volume,four_eyes,"
     "rotation,logging,screening,training,segregation,colour\n",
     "functions.csv:1: unknown column 'colour'"},
    {"functions.missing-column", "unit,role,analysed,next_review,registers\n",
     "functions.csv:1: the header has no column 'decisions'\n"},
};

/* Each bad row is told as FILE:LINE: reason, the file stores nothing and
 * the exit status is 3. */
static void test_bad_rows(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        char *dir = tu_tmpdir();
        tu_write(dir, "actors.csv", actors_csv);
        tu_write(dir, "functions.csv", bad[i].csv);
        tu_run r = tu_wachter(dir, "load", dir, NULL);
        tu_free(&r);
        char path[600];
        snprintf(path, sizeof path, "%s/functions.csv", dir);
        r = tu_wachter(dir, "functions", "load", path, NULL);
        if (r.code != 3 || !strstr(r.err, bad[i].err))
            fail_msg("%s: exit %d, stderr %s", bad[i].id, r.code, r.err);
        assert_non_null(strstr(r.err, "not loaded"));
        tu_free(&r);
        assert_int_equal(tu_count_of(dir, "SELECT count(*) FROM function_analyses"), 0);
        tu_rmdir(dir);
    }
}

/* functions.unknown-function: a function no one holds is stored, with a
 * note naming the line; functions.set-off-scale: set refuses an answer
 * off the scale, functions.set-missing-answer one not given. */
static void test_unknown_function_and_set_refusals(void **state)
{
    (void)state;
    char *dir = tu_tmpdir();
    tu_write(dir, "actors.csv", actors_csv);
    tu_write(dir, "functions.csv",
             HEADER "handhaving,boa,toezicht,2026-01-10,2027-01-10,1,2,3,1,1,2,2,2,2,2,2,\n");
    tu_run r = tu_wachter(dir, "load", dir, NULL);
    tu_free(&r);
    char path[600];
    snprintf(path, sizeof path, "%s/functions.csv", dir);
    r = tu_wachter(dir, "functions", "load", path, NULL);
    assert_int_equal(r.code, 0);
    assert_non_null(strstr(r.err, "functions.csv:2: no one in actors.csv holds function"
                                  " handhaving/boa (stored all the same)"));
    tu_free(&r);
    r = tu_wachter(dir, "functions", "set", "--unit", "ict", "--role", "beheerder", "--analysed",
                   "2026-01-10", "--next-review", "2027-01-10", "--registers", "7", NULL);
    assert_int_equal(r.code, 1);
    assert_non_null(strstr(r.err, "'registers' is 7, off the scale 0 to 3"));
    tu_free(&r);
    r = tu_wachter(dir, "functions", "set", "--unit", "ict", "--role", "beheerder", "--analysed",
                   "2026-01-10", "--next-review", "2027-01-10", "--registers", "2", NULL);
    assert_int_equal(r.code, 1);
    assert_non_null(strstr(r.err, "'decisions' is not answered (0 to 3)"));
    tu_free(&r);
    assert_int_equal(tu_count_of(dir, "SELECT count(*) FROM function_analyses"), 1);
    tu_rmdir(dir);
}

/* Who may enter an analysis: an analyst reads the ranking but is refused
 * `functions set` and `functions load` (exit 4), a senior analyst may. */
static void test_roles(void **state)
{
    (void)state;
    char *dir = org();
    setenv("WACHTER_NEW_PASSWORD", "admin-pw-1234", 1);
    tu_run r =
        tu_as(dir, "t.db", NULL, NULL, "account", "add", "admin", "--role", "administrator", NULL);
    assert_int_equal(r.code, 0);
    tu_free(&r);
    setenv("WACHTER_NEW_PASSWORD", "ann-pw-12345", 1);
    r = tu_as(dir, "t.db", "admin", "admin-pw-1234", "account", "add", "ann", "--role", "analyst",
              NULL);
    assert_int_equal(r.code, 0);
    tu_free(&r);
    setenv("WACHTER_NEW_PASSWORD", "sam-pw-12345", 1);
    r = tu_as(dir, "t.db", "admin", "admin-pw-1234", "account", "add", "sam", "--role",
              "senior-analyst", NULL);
    assert_int_equal(r.code, 0);
    tu_free(&r);
    unsetenv("WACHTER_NEW_PASSWORD");
    r = tu_as(dir, "t.db", "ann", "ann-pw-12345", "functions", "--at", "2026-03-01", NULL);
    assert_int_equal(r.code, 0);
    assert_non_null(strstr(r.out, "burgerzaken/baliemedewerker"));
    tu_free(&r);
    char path[600];
    snprintf(path, sizeof path, "%s/functions.csv", dir);
    r = tu_as(dir, "t.db", "ann", "ann-pw-12345", "functions", "load", path, NULL);
    assert_int_equal(r.code, 4);
    assert_non_null(strstr(r.err, "ann (analyst) may not run functions load"));
    tu_free(&r);
    r = tu_as(dir, "t.db", "ann", "ann-pw-12345", "functions", "weight", "high", "2", NULL);
    assert_int_equal(r.code, 4);
    tu_free(&r);
    r = tu_as(dir, "t.db", "sam", "sam-pw-12345", "functions", "weight", "high", "2", NULL);
    assert_int_equal(r.code, 0);
    tu_free(&r);
    tu_rmdir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_formula_on_known_answers),
        cmocka_unit_test(test_ranking),
        cmocka_unit_test(test_versions_kept),
        cmocka_unit_test(test_overdue),
        cmocka_unit_test(test_risk_weighting),
        cmocka_unit_test(test_bad_rows),
        cmocka_unit_test(test_unknown_function_and_set_refusals),
        cmocka_unit_test(test_roles),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
