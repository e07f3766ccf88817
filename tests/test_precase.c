/* Work before any case exists (rule unexplained). An intelligence team
 * (inlichtingen) looks at records before a case is opened: every day
 * about 40 % of its look-ups have no case. That is its work, judged
 * against what is normal for each member and for the team: no alert, also
 * not for a newcomer to the team, who is judged against the team. A front-
 * desk clerk, whose unit works with cases, looking up 40 people without a
 * case in one day is; so is a team member looking at three times the
 * team's usual number without a case, on top of their work with cases. A
 * member whose work is all without a case stands out at first, and is
 * their own normal after a few days.
 * Such a team's hundreds of look-ups without a case share a few subjects
 * with other units' by chance: not a ring (rule convergence). */
#include <math.h>

#include "scenario.h"

#define AT(day, hour, min) (SC_DAY0 + (day)*TS_DAY_MS + (hour)*TS_HOUR_MS + (min)*60000)

enum { TEAM = 6, DAYS = 21 };

/* Added to scenario.h's organisation: analysts intel0..intel5 in
 * inlichtingen, whose case C-inlichtingen (assigned to the unit) links
 * p0001..p0300, and intelnew, an analyst starting on 2026-03-16 (day 14).
 * p0301..p0400 and q00001..q20000 are in no case. */
static void add_team(sc *s)
{
    char path[512];
    snprintf(path, sizeof path, "%s/actors.csv", s->dir);
    FILE *f = fopen(path, "a");
    for (int i = 0; i < TEAM; i++)
        fprintf(f, "intel%d,inlichtingen,analyst,2020-01-01,,,,,\n", i);
    fprintf(f, "intelnew,inlichtingen,analyst,2026-03-16,,,,,\n");
    fclose(f);
    snprintf(path, sizeof path, "%s/cases.csv", s->dir);
    f = fopen(path, "a");
    for (int i = 1; i <= 300; i++)
        fprintf(f, "C-inlichtingen,p%04d,2026-01-01,\n", i);
    fclose(f);
    snprintf(path, sizeof path, "%s/case_assignments.csv", s->dir);
    f = fopen(path, "a");
    fprintf(f, "C-inlichtingen,unit:inlichtingen,2026-01-01,\n");
    fclose(f);
    snprintf(path, sizeof path, "%s/subjects.csv", s->dir);
    f = fopen(path, "a");
    for (int i = 1; i <= 20000; i++)
        fprintf(f, "q%05d,Q%d,%04dCC,%d\n", i, i, 5000 + i % 4000, i);
    fclose(f);
}

/* The subject of analyst `who`'s j-th look-up without a case on day d:
 * q00001..q20000, in no case, each analyst's their own. */
static void open_subject(const char *who, int d, int j, char out[16])
{
    int m = who[5] >= '0' && who[5] <= '9' ? who[5] - '0' : TEAM;
    snprintf(out, 16, "q%05d", 1 + m * 2000 + d * 60 + j);
}

/* One analyst's day: `cased` look-ups under the unit's case and `open`
 * without one (p0301..p0400), interleaved between 8:00 and 16:00. */
static void analyst_day(sc *s, const char *who, const char *ws, int d, int cased, int open)
{
    int n = cased + open, j = 0;
    for (int k = 0; k < n; k++) {
        /* spread the look-ups without a case evenly among the others */
        int is_open = (k + 1) * open / n != k * open / n;
        char subj[16];
        if (is_open)
            open_subject(who, d, j++, subj);
        else
            snprintf(subj, sizeof subj, "p%04d", 1 + (d * 37 + k * 11) % 300);
        sc_event(s, who, AT(d, 8, 0) + (int64_t)k * 8 * TS_HOUR_MS / n, "view", subj, ws, "");
    }
}

/* The team's no-case look-ups a day: 12 to 19 (15.5 on average), 25 with a
 * case: 38 % without one. */
static int team_open(int i, int d)
{
    return 12 + (i * 7 + d * 3) % 8;
}

/* What a case plants: the team member who makes look-ups without a case
 * on day 14 (hot, hot_open of them), the one whose every look-up is
 * without a case (all_open), and what else happens on day d (extra). */
typedef struct plant {
    int hot, hot_open, all_open;
    void (*extra)(sc *s, int d);
} plant;

/* Clerks and tax staff working with cases, the team working before them,
 * for days [0, DAYS) and the newcomer from day 14, day by day as a log
 * comes (everyone's day d before anyone's day d + 1), with p's plants. */
static void background(sc *s, const plant *p)
{
    for (int d = 0; d < DAYS; d++) {
        sc_team(s, "clerk", 8, d, d + 1, 30, 9, 17);
        sc_team(s, "tax", 5, d, d + 1, 25, 8, 16);
        for (int i = 0; i < TEAM; i++) {
            char who[16], ws[16];
            snprintf(who, sizeof who, "intel%d", i);
            snprintf(ws, sizeof ws, "ws-i%d", i);
            if (i == p->all_open)
                analyst_day(s, who, ws, d, 0, 40);
            else
                analyst_day(s, who, ws, d, 25,
                            i == p->hot && d == 14 ? p->hot_open : team_open(i, d));
        }
        if (d >= 14) analyst_day(s, "intelnew", "ws-in", d, 25, team_open(3, d));
        if (p->extra) p->extra(s, d);
    }
}

/* clerk3 looks up 40 people without a case on day 14, beside their 30
 * look-ups with one. */
static void clerk_40(sc *s, int d)
{
    if (d != 14) return;
    for (int k = 0; k < 40; k++) {
        char subj[16];
        snprintf(subj, sizeof subj, "p%04d", 301 + k);
        sc_event(s, "clerk3", AT(14, 10, 0) + k * 300000, "view", subj, "ws-c3", "");
    }
}

/* clerk5 on day 16 looks up, without a case, three subjects intel0 looked
 * up without one on day 3, and two others: intel0 looks up some 300
 * subjects without a case in three weeks, among which a clerk's few land
 * by chance. Not a ring. */
static void chance_overlap(sc *s, int d)
{
    if (d != 16) return;
    for (int j = 0; j < 3; j++) {
        char subj[16];
        open_subject("intel0", 3, j, subj);
        sc_event(s, "clerk5", AT(16, 10, j), "view", subj, "ws-c5", "");
    }
    sc_event(s, "clerk5", AT(16, 11, 0), "view", "p0390", "ws-c5", "");
    sc_event(s, "clerk5", AT(16, 11, 5), "view", "p0391", "ws-c5", "");
}

typedef struct expect {
    const char *actor, *rule;
    int present;
    const char *reason; /* a text the alert's reason contains, or NULL */
    int at_most;        /* > 0: at most this many such alerts */
} expect;

typedef struct precase_case {
    const char *name;
    plant plant;
    expect want[10];
} precase_case;

static const precase_case cases[] = {
    {"a team working 40 % without a case for 3 weeks: no unexplained alert",
     {-1, 0, -1, NULL},
     {{"intel0", "unexplained", 0, NULL, 0},
      {"intel1", "unexplained", 0, NULL, 0},
      {"intel2", "unexplained", 0, NULL, 0},
      {"intel3", "unexplained", 0, NULL, 0},
      {"intel4", "unexplained", 0, NULL, 0},
      {"intel5", "unexplained", 0, NULL, 0},
      {"intelnew", "unexplained", 0, NULL, 0}}},
    {"a clerk of a team working with cases: 40 look-ups without a case in a day alert",
     {-1, 0, -1, clerk_40},
     {{"clerk3", "unexplained", 1, "look-ups today had no case", 0},
      {"clerk4", "unexplained", 0, NULL, 0},
      {"intel0", "unexplained", 0, NULL, 0}}},
    {"a team member at 3x the team's look-ups without a case in a day: alert",
     /* intel2 on day 14: 47 look-ups without a case (3x the team's 15.5 a
      * day) beside their 25 with one */
     {2, 47, -1, NULL},
     {{"intel2", "unexplained", 1, "47 look-ups without a case today", 0},
      {"intel1", "unexplained", 0, NULL, 0},
      {"intel3", "unexplained", 0, NULL, 0}}},
    {"a team member whose every look-up is without a case, every day: their normal after 3 "
     "days at most",
     /* intel5: 40 look-ups a day, every one without a case, from the
      * first day: far above the team's 38 % at first, then their normal */
     {-1, 0, 5, NULL},
     {{"intel5", "unexplained", 1, NULL, 3}, {"intel4", "unexplained", 0, NULL, 0}}},
    {"3 subjects shared by chance with an analyst looking up hundreds without a case: no "
     "convergence alert",
     {-1, 0, -1, chance_overlap},
     {{"clerk5", "convergence", 0, NULL, 0}, {"intel0", "convergence", 0, NULL, 0}}},
};

static void run_case(void **state)
{
    const precase_case *c = *state;
    sc s = sc_new();
    add_team(&s);
    background(&s, &c->plant);
    char *alerts = sc_run(&s);
    for (int i = 0; i < 10 && c->want[i].actor; i++) {
        const expect *w = &c->want[i];
        sc_expect_alerts(c->name, alerts, w->actor, w->rule, w->present, w->reason, w->at_most);
    }
    free(alerts);
    sc_free(&s);
}

/* The score of actor's unexplained alert in the JSON lines of `alerts`,
 * and whether its reason says text; -1 when there is none. */
static double unexplained_score(const char *alerts, const char *actor, const char *text, int *says)
{
    char needle[64];
    snprintf(needle, sizeof needle, "\"actor\":\"%s\",\"rule\":\"unexplained\"", actor);
    cJSON *j = sc_line_with(alerts, needle);
    if (!j) return -1;
    double score = cJSON_GetObjectItem(j, "score")->valuedouble;
    *says = strstr(cJSON_GetObjectItem(j, "reason")->valuestring, text) != NULL;
    cJSON_Delete(j);
    return score;
}

/* unexplained.newcomer: a new employee's first day, after the store's
 * first weeks, all of it without a case of their own (induction, no case
 * assigned yet): judged against the peers, an alert that says so and
 * weighs half of the same day of an established colleague. */
static void test_newcomer_first_day(void **state)
{
    (void)state;
    sc s = sc_new();
    sc_append(&s, "actors.csv", "clerknew,burgerzaken,clerk,2026-03-16,,,,,\n");
    sc_team(&s, "clerk", 8, 0, 14, 30, 9, 17);
    for (int k = 0; k < 30; k++) {
        char subj[16];
        snprintf(subj, sizeof subj, "p%04d", 301 + k);
        sc_event(&s, "clerknew", AT(14, 9, 0) + k * 600000, "view", subj, "ws-cn", "");
        sc_event(&s, "clerk3", AT(14, 9, 0) + k * 600000, "view", subj, "ws-c3", "");
    }
    char *alerts = sc_run(&s);
    int says_new, says_old;
    double fresh = unexplained_score(alerts, "clerknew", "in their first days here", &says_new);
    double old = unexplained_score(alerts, "clerk3", "in their first days here", &says_old);
    if (fresh < 0 || old < 0 || !says_new || says_old || fabs(fresh - old / 2) > 0.1)
        fail_msg("newcomer's alert %.1f (says so: %d), clerk3's %.1f (%d):\n%s", fresh, says_new,
                 old, says_old, alerts);
    free(alerts);
    sc_free(&s);
}

int main(void)
{
    struct CMUnitTest tests[sizeof cases / sizeof *cases + 1];
    size_t n = 0;
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
        tests[n++] = (struct CMUnitTest){cases[i].name, run_case, NULL, NULL, (void *)&cases[i]};
    tests[n++] = (struct CMUnitTest){"a newcomer's first day without a case of their own: an alert"
                                     " that says so, at half weight",
                                     test_newcomer_first_day, NULL, NULL, NULL};
    return _cmocka_run_group_tests("work before any case", tests, n, NULL, NULL);
}
