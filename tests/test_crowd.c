/* test_crowd — many staff doing one thing at once (news inside the
 * organisation: a colleague's record in the pass register is the talk of
 * the day) is an event of the organisation, not a finding on each of them.
 *
 * first_use: the alert is about the system; first uses of one within 24
 * hours are one alert naming everyone who made one. Many established staff
 * taking up one system at once weigh less each than one alone; up to three
 * (a handful looking at one VIP) weigh as much each as one alone.
 *
 * protected: a look-up in a crowd on a colleague's record is the crowd's;
 * it does not count as a protected record of the actor's own when their
 * later look-ups are judged. */
#include <cJSON.h>

#include "scenario.h"

#define AT(day, hour, min) (SC_DAY0 + (day)*TS_DAY_MS + (hour)*TS_HOUR_MS + (min)*60000)

/* One look-up without a case in system, which the actor never used. */
static void first_use(sc *s, const char *actor, const char *system, int64_t ts)
{
    char t[32];
    ts_format(ts, t);
    fprintf(s->ev,
            "{\"id\":\"f%ld\",\"ts\":\"%s\",\"actor\":\"%s\",\"system\":\"%s\","
            "\"action\":\"view\",\"subject\":\"p0350\",\"client\":\"ws-%s\"}\n",
            s->n++, t, actor, system, actor);
}

/* Three weeks of ordinary work in system brp. */
static void background(sc *s)
{
    sc_team(s, "clerk", 8, 0, 21, 30, 9, 17);
    sc_team(s, "tax", 5, 0, 21, 25, 8, 16);
    sc_team(s, "night", 5, 0, 21, 25, 8, 16);
}

/* Day 15: six clerks look at one record in the pass register within the
 * morning; day 17: one tax clerk does, alone; day 19: three night staff
 * use the archive, a system new to them too. */
static void plant(sc *s)
{
    for (int i = 0; i < 6; i++) {
        char who[16];
        snprintf(who, sizeof who, "clerk%d", i);
        first_use(s, who, "gatekeeper", AT(15, 9, 10 * i));
    }
    first_use(s, "tax0", "gatekeeper", AT(17, 10, 0));
    first_use(s, "night0", "archive", AT(19, 10, 0));
    first_use(s, "night1", "archive", AT(19, 11, 0));
    first_use(s, "night2", "archive", AT(19, 12, 0));
}

/* The first_use alerts, as an array (owned). */
static cJSON *alerts_of(sc *s)
{
    tu_run r = tu_wachter(s->dir, "--format", "jsonl", "alerts", NULL);
    assert_int_equal(r.code, 0);
    cJSON *all = cJSON_CreateArray();
    for (char *line = strtok(r.out, "\n"); line; line = strtok(NULL, "\n")) {
        cJSON *a = cJSON_Parse(line);
        assert_non_null(a);
        if (strcmp(cJSON_GetObjectItem(a, "rule")->valuestring, "first_use") == 0)
            cJSON_AddItemToArray(all, a);
        else
            cJSON_Delete(a);
    }
    tu_free(&r);
    return all;
}

/* actor's risk score, 0 when not on the list. */
static double risk_of(sc *s, const char *actor)
{
    char *risk = sc_risk(s);
    int rank;
    double score = sc_risk_score(risk, actor, &rank);
    free(risk);
    return score;
}

/* The alert whose reason contains text, or NULL. */
static const cJSON *saying(const cJSON *alerts, const char *text)
{
    const cJSON *a;
    cJSON_ArrayForEach(
        a, alerts) if (strstr(cJSON_GetObjectItem(a, "reason")->valuestring, text)) return a;
    return NULL;
}

static void test_crowd_on_a_new_system(void **state)
{
    (void)state;
    sc s = sc_new();
    background(&s);
    plant(&s);
    free(sc_run(&s));
    cJSON *alerts = alerts_of(&s);
    char *text = cJSON_Print(alerts);
    /* One alert for the six clerks, one for tax0, one for the trio. */
    if (cJSON_GetArraySize(alerts) != 3) fail_msg("want 3 first_use alerts:\n%s", text);
    const cJSON *crowd = saying(
        alerts, "First use of system 'gatekeeper' by 6 staff within 24 hours: clerk0, clerk1, "
                "clerk2, clerk3, clerk4, clerk5");
    if (!crowd || cJSON_GetArraySize(cJSON_GetObjectItem(crowd, "actors")) != 6)
        fail_msg("no alert naming the six clerks:\n%s", text);
    if (!saying(alerts, "First use of system 'gatekeeper' by this person, without a case"))
        fail_msg("no alert of tax0 alone:\n%s", text);
    if (!saying(alerts, "First use of system 'archive' by 3 staff within 24 hours: night0, "
                        "night1, night2"))
        fail_msg("no alert naming the three night staff:\n%s", text);
    /* Each of the six weighs less than one alone (at most sqrt(3/6) of
     * it, with two days more of decay); each of the three as much. */
    double alone = risk_of(&s, "tax0");
    assert_true(alone > 15);
    for (int i = 0; i < 6; i++) {
        char who[16];
        snprintf(who, sizeof who, "clerk%d", i);
        double mine = risk_of(&s, who);
        if (!(mine > 0 && mine < 0.75 * alone))
            fail_msg("%s in the crowd has risk %.1f, tax0 alone %.1f", who, mine, alone);
    }
    for (int i = 0; i < 3; i++) {
        char who[16];
        snprintf(who, sizeof who, "night%d", i);
        double mine = risk_of(&s, who);
        if (!(mine >= alone))
            fail_msg("%s, one of three, has risk %.1f, tax0 alone %.1f", who, mine, alone);
    }
    free(text);
    cJSON_Delete(alerts);
    sc_free(&s);
}

/* A first use without a case of an action most of the actor's peers use
 * is new only in lacking a case (which unexplained judges): it weighs 8,
 * where one their peers do not use weighs 22. Four clerks print on day 3;
 * on day 16 clerk6 prints a record no case covers, on day 18 tax0 (whose
 * peers never print) does. */
static void test_common_action_without_a_case(void **state)
{
    (void)state;
    sc s = sc_new();
    background(&s);
    for (int i = 0; i < 4; i++) {
        char who[16], ws[16];
        snprintf(who, sizeof who, "clerk%d", i);
        snprintf(ws, sizeof ws, "ws-c%d", i);
        sc_event(&s, who, AT(3, 11, 0), "print", "p0001", ws, ",\"results\":1");
    }
    sc_event(&s, "clerk6", AT(16, 11, 0), "print", "p0360", "ws-c6", ",\"results\":1");
    sc_event(&s, "tax0", AT(18, 11, 0), "print", "p0360", "ws-t0", ",\"results\":1");
    free(sc_run(&s));
    cJSON *alerts = alerts_of(&s);
    char *text = cJSON_Print(alerts);
    const cJSON *common = saying(
        alerts, "First use of action 'print' by this person, without a case; 50 % of their peers");
    const cJSON *rare = saying(
        alerts, "First use of action 'print' by this person, without a case; 0 % of their peers");
    if (!common || !rare) fail_msg("want both first uses of print:\n%s", text);
    if (cJSON_GetObjectItem(common, "score")->valuedouble != 8 ||
        cJSON_GetObjectItem(rare, "score")->valuedouble != 22)
        fail_msg("want scores 8 (clerk6) and 22 (tax0):\n%s", text);
    free(text);
    cJSON_Delete(alerts);
    sc_free(&s);
}

/* 30 officers (no history: the rule judges from the first event) look at
 * colleague p0390's record within a day; three days later officer1, one of
 * them, looks up another colleague's record, p0391: their first protected
 * record of their own, not their second. */
static void test_crowd_member_later_alone(void **state)
{
    (void)state;
    sc s = sc_new();
    char path[512];
    snprintf(path, sizeof path, "%s/actors.csv", s.dir);
    FILE *f = fopen(path, "a");
    for (int i = 0; i < 30; i++)
        fprintf(f, "officer%d,handhaving,officer,2020-01-01,,,,,\n", i);
    fclose(f);
    snprintf(path, sizeof path, "%s/protected.csv", s.dir);
    f = fopen(path, "w");
    fprintf(f, "subject,category\np0390,employee\np0391,employee\n");
    fclose(f);
    sc_team(&s, "clerk", 8, 0, 14, 30, 9, 17);
    for (int i = 0; i < 30; i++) {
        char who[16], ws[16];
        snprintf(who, sizeof who, "officer%d", i);
        snprintf(ws, sizeof ws, "ws-o%d", i);
        sc_event(&s, who, AT(14, 8, 0) + (int64_t)i * 20 * 60000, "view", "p0390", ws, "");
    }
    sc_event(&s, "officer1", AT(17, 10, 0), "view", "p0391", "ws-o1", "");
    char *alerts = sc_run(&s);
    const char *want = "\"reason\":\"Looked up a colleague's own record (p0391) without a case\"";
    if (!strstr(alerts, want)) fail_msg("no alert says %s:\n%s", want, alerts);
    free(alerts);
    sc_free(&s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_crowd_on_a_new_system),
        cmocka_unit_test(test_crowd_member_later_alone),
        cmocka_unit_test(test_common_action_without_a_case),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
