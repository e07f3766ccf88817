/* Screening (README "Screening", ops/ops_screening.h): a hand-made
 * organisation whose travel-document clerks need a VOG every 60 months
 * from 2027-01-01, judged on 2027-03-01. Each report's exact rows, and
 * those that must not appear: screened recently, a leaver, a function
 * without a requirement, a requirement not yet in force, a negative of
 * someone whose rights were all revoked, a negative replaced by a later
 * positive. And the bad rows of the two files. */
#include "testutil.h"

static const char *const actors =
    "actor,unit,role,start,end,person,surname,postcode,house_number\n"
    "anna,burgerzaken,reisdocumenten,2015-01-01,,,,,\n"  /* screened 2022-01-15: overdue */
    "bert,burgerzaken,reisdocumenten,2016-01-01,,,,,\n"  /* screened 2022-04-10: due soon */
    "carla,burgerzaken,reisdocumenten,2016-01-01,,,,,\n" /* screened 2025: not due */
    "dirk,burgerzaken,reisdocumenten,2019-01-01,,,,,\n"  /* never: due when the duty began */
    "eva,burgerzaken,reisdocumenten,2027-02-01,,,,,\n"   /* starter without one */
    "fleur,burgerzaken,reisdocumenten,2027-02-10,,,,,\n" /* starter, only pending */
    "gijs,burgerzaken,reisdocumenten,2018-01-01,,,,,\n"  /* negative, holds rights */
    "hans,burgerzaken,reisdocumenten,2018-01-01,,,,,\n"  /* negative, rights revoked */
    "ivo,burgerzaken,balie,2018-01-01,,,,,\n"            /* no requirement; negative clearance */
    "jan,vergunningen,inspecteur,2027-02-01,,,,,\n"      /* requirement from 2027-06-01 */
    "kees,burgerzaken,reisdocumenten,2010-01-01,2026-12-31,,,,\n" /* left */
    "lot,burgerzaken,reisdocumenten,2010-01-01,,,,,\n";           /* negative, then positive */

static const char *const requirements = "unit,role,kind,every_months,from\n"
                                        "burgerzaken,reisdocumenten,VOG,60,2027-01-01\n"
                                        "vergunningen,inspecteur,VOG-P,36,2027-06-01\n";

static const char *const screenings = "actor,kind,date,outcome\n"
                                      "anna,VOG,2022-01-15,positive\n"
                                      "bert,VOG,2022-04-10,positive\n"
                                      "carla,VOG,2025-06-01,positive\n"
                                      "fleur,VOG,2027-02-15,pending\n"
                                      "gijs,VOG,2023-03-01,positive\n"
                                      "gijs,VOG,2027-02-20,negative\n"
                                      "hans,VOG,2023-03-01,positive\n"
                                      "hans,VOG,2027-01-10,negative\n"
                                      "ivo,clearance,2026-11-01,negative\n"
                                      "lot,VOG,2026-05-01,negative\n"
                                      "lot,VOG,2026-09-01,positive\n";

static const char *const rights = "actor,system,right,granted,revoked,granted_by\n"
                                  "gijs,brp,view,2020-01-01,,it\n"
                                  "gijs,brp,export,2020-01-01,,it\n"
                                  "hans,brp,view,2020-01-01,2027-01-12,it\n"
                                  "ivo,brp,*,2020-01-01,,it\n"
                                  "lot,brp,view,2020-01-01,,it\n";

static char *org(void)
{
    char *dir = tu_tmpdir();
    tu_write(dir, "actors.csv", actors);
    tu_write(dir, "screening_requirements.csv", requirements);
    tu_write(dir, "screenings.csv", screenings);
    tu_write(dir, "rights.csv", rights);
    char path[600];
    snprintf(path, sizeof path, "%s", dir);
    tu_run r = tu_wachter(dir, "load", path, NULL);
    if (r.code != 0) fail_msg("load failed: %s", r.err);
    tu_free(&r);
    return dir;
}

/* The report's jsonl output must be exactly want. */
static void expect(const char *dir, const char *want, const char *report, const char *a1,
                   const char *a2)
{
    tu_run r = tu_wachter(dir, "--format", "jsonl", "screening", report, "--at", "2027-03-01", a1,
                          a2, NULL);
    if (r.code != 0) fail_msg("screening %s: exit %d: %s", report, r.code, r.err);
    if (strcmp(r.out, want) != 0) fail_msg("screening %s gave\n%s\nnot\n%s", report, r.out, want);
    tu_free(&r);
}

static void due_report(void **state)
{
    char *dir = org();
    /* Per unit, the overdue first by due date; carla (screened 2025),
     * kees (left), ivo (no requirement), eva and fleur (starters: the
     * unscreened report), jan (duty from 2027-06-01, beyond 60 days) and
     * gijs and lot (screened since) are not in it. */
    expect(dir,
           "{\"actor\":\"dirk\",\"unit\":\"burgerzaken\",\"role\":\"reisdocumenten\","
           "\"kind\":\"VOG\",\"every_months\":60,\"last\":null,\"due\":\"2027-01-01\","
           "\"days\":-59,\"status\":\"overdue\"}\n"
           "{\"actor\":\"anna\",\"unit\":\"burgerzaken\",\"role\":\"reisdocumenten\","
           "\"kind\":\"VOG\",\"every_months\":60,\"last\":\"2022-01-15\",\"due\":\"2027-01-15\","
           "\"days\":-45,\"status\":\"overdue\"}\n"
           "{\"actor\":\"bert\",\"unit\":\"burgerzaken\",\"role\":\"reisdocumenten\","
           "\"kind\":\"VOG\",\"every_months\":60,\"last\":\"2022-04-10\",\"due\":\"2027-04-10\","
           "\"days\":40,\"status\":\"due\"}\n",
           "due", NULL, NULL);
    /* Looking 100 days ahead, jan's duty (from 2027-06-01) comes in. */
    tu_run r = tu_wachter(dir, "--format", "jsonl", "screening", "due", "--at", "2027-03-01",
                          "--days", "100", "--unit", "vergunningen", NULL);
    assert_int_equal(r.code, 0);
    assert_string_equal(r.out, "{\"actor\":\"jan\",\"unit\":\"vergunningen\",\"role\":"
                               "\"inspecteur\",\"kind\":\"VOG-P\",\"every_months\":36,\"last\":"
                               "null,\"due\":\"2027-06-01\",\"days\":92,\"status\":\"due\"}\n");
    tu_free(&r);
    /* Before the duty's date, dirk is due on it, not overdue. */
    r = tu_wachter(dir, "--format", "jsonl", "screening", "due", "--at", "2026-12-01", NULL);
    assert_int_equal(r.code, 0);
    assert_non_null(strstr(r.out, "\"actor\":\"dirk\""));
    assert_non_null(strstr(r.out, "\"due\":\"2027-01-01\",\"days\":31,\"status\":\"due\""));
    assert_null(strstr(r.out, "overdue"));
    tu_free(&r);
    /* The table says it in words. */
    r = tu_wachter(dir, "screening", "due", "--at", "2027-03-01", NULL);
    assert_int_equal(r.code, 0);
    assert_non_null(strstr(r.out, "overdue 45 days"));
    assert_non_null(strstr(r.out, "due in 40 days"));
    assert_int_equal(tu_count_lines(r.out, "burgerzaken"), 3);
    tu_free(&r);
    tu_rmdir(dir);
}

static void unscreened_report(void **state)
{
    char *dir = org();
    /* Starters since the duty's date without a positive VOG (a pending
     * one is none); dirk, employed before it, is in the due report. */
    expect(dir,
           "{\"actor\":\"eva\",\"unit\":\"burgerzaken\",\"role\":\"reisdocumenten\","
           "\"kind\":\"VOG\",\"every_months\":60,\"start\":\"2027-02-01\",\"since\":"
           "\"2027-02-01\",\"days\":28}\n"
           "{\"actor\":\"fleur\",\"unit\":\"burgerzaken\",\"role\":\"reisdocumenten\","
           "\"kind\":\"VOG\",\"every_months\":60,\"start\":\"2027-02-10\",\"since\":"
           "\"2027-02-10\",\"days\":19}\n",
           "unscreened", NULL, NULL);
    /* jan started before his function's duty began (2027-06-01). */
    expect(dir, "", "unscreened", "--unit", "vergunningen");
    tu_rmdir(dir);
}

static void negative_report(void **state)
{
    char *dir = org();
    /* hans's rights were revoked; lot's negative was followed by a
     * positive: neither appears. */
    expect(dir,
           "{\"actor\":\"gijs\",\"unit\":\"burgerzaken\",\"role\":\"reisdocumenten\","
           "\"kind\":\"VOG\",\"screened\":\"2027-02-20\",\"rights\":[\"brp:export\","
           "\"brp:view\"]}\n"
           "{\"actor\":\"ivo\",\"unit\":\"burgerzaken\",\"role\":\"balie\",\"kind\":"
           "\"clearance\",\"screened\":\"2026-11-01\",\"rights\":[\"brp:*\"]}\n",
           "negative", NULL, NULL);
    /* Before gijs's negative outcome, only ivo's. */
    tu_run r =
        tu_wachter(dir, "--format", "jsonl", "screening", "negative", "--at", "2027-02-01", NULL);
    assert_int_equal(r.code, 0);
    assert_int_equal(tu_count_lines(r.out, "\"actor\""), 1);
    assert_non_null(strstr(r.out, "\"actor\":\"ivo\""));
    tu_free(&r);
    tu_rmdir(dir);
}

/* Analysts see staff by pseudonym; the report's words for an empty one. */
static void pseudonyms_and_none(void **state)
{
    char *dir = org();
    char path[600];
    snprintf(path, sizeof path, "%s/t.db", dir);
    char *argv[] = {"wachter", "--db", path, "screening", "negative", "--at", "2027-03-01", NULL};
    tu_run r = tu_main(7, argv);
    assert_int_equal(r.code, 0);
    assert_null(strstr(r.out, "gijs"));
    assert_non_null(strstr(r.out, "emp-"));
    assert_non_null(strstr(r.out, "brp:export, brp:view"));
    tu_free(&r);
    r = tu_wachter(dir, "screening", "unscreened", "--at", "2027-03-01", "--unit", "nowhere", NULL);
    assert_int_equal(r.code, 0);
    assert_non_null(strstr(r.out, "(no starter without a screening)"));
    tu_free(&r);
    /* The privacy report counts the screenings and rights held, the
     * oldest of each, and that a load replaces them. */
    r = tu_wachter(dir, "privacy-report", NULL);
    assert_int_equal(r.code, 0);
    if (!strstr(r.out, "  screenings                11  2022-01-15T00:00:00Z  until a load replaces"
                       " them\n") ||
        !strstr(r.out, "  rights                     5  2020-01-01T00:00:00Z  until a load replaces"
                       " them\n"))
        fail_msg("the privacy report says:\n%s", r.out);
    tu_free(&r);
    tu_rmdir(dir);
}

/* Bad rows (docs/bad-input.md): screenings.bad-kind,
 * screenings.bad-outcome, screening-req.bad-months, and the command's
 * screening.bad-days and screening.bad-at. */
static void bad_input(void **state)
{
    char *dir = tu_tmpdir();
    tu_write(dir, "screenings.csv",
             "actor,kind,date,outcome\nanna,vog,2022-01-15,positive\nbert,VOG,2022-01-15,ok\n");
    tu_write(dir, "screening_requirements.csv",
             "unit,role,kind,every_months,from\na,b,VOG,0,\nc,d,VOG,five,\ne,f,VOG-P,12,\n"
             "g,h,Clearance,12,\n");
    tu_run r = tu_wachter(dir, "load", dir, NULL);
    assert_int_not_equal(r.code, 0);
    const char *want[] = {
        "screenings.csv:2: column 'kind': 'vog' is not one of VOG, VOG-P, clearance",
        "screenings.csv:3: column 'outcome': 'ok' is not one of positive, negative, pending",
        "screening_requirements.csv:2: column 'every_months': '0' is not a number of months"
        " (1 to 1200)",
        "screening_requirements.csv:3: column 'every_months': 'five' is not a number of months",
        "screening_requirements.csv:5: column 'kind': 'Clearance' is not one of VOG, VOG-P,"
        " clearance",
    };
    for (size_t i = 0; i < sizeof want / sizeof *want; i++)
        if (!strstr(r.err, want[i])) fail_msg("load did not say \"%s\":\n%s", want[i], r.err);
    tu_free(&r);
    assert_int_equal(tu_count_of(dir, "SELECT count(*) FROM screening_requirements"), 0);
    assert_int_equal(tu_count_of(dir, "SELECT count(*) FROM screenings"), 0);
    r = tu_wachter(dir, "screening", "due", "--days", "0", NULL);
    assert_int_equal(r.code, 2);
    assert_non_null(strstr(r.err, "--days takes a whole number from 1 to 3660, not '0'"));
    tu_free(&r);
    r = tu_wachter(dir, "screening", "due", "--at", "soon", NULL);
    assert_int_equal(r.code, 2);
    assert_non_null(strstr(r.err, "--at 'soon' is not a time"));
    tu_free(&r);
    r = tu_wachter(dir, "screening", "overdue", NULL);
    assert_int_equal(r.code, 2);
    assert_non_null(strstr(r.err, "unknown report 'overdue' (due, unscreened or negative)"));
    tu_free(&r);
    tu_rmdir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(due_report),      cmocka_unit_test(unscreened_report),
        cmocka_unit_test(negative_report), cmocka_unit_test(pseudonyms_and_none),
        cmocka_unit_test(bad_input),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
