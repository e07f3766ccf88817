/* Each detection on a small organisation: the alert that must appear for
 * the planted behaviour, and the one that must not for its benign twin. */
#include "scenario.h"

/* Two weeks of ordinary work for everyone: clerks and tax staff by day,
 * the meldkamer by night, each from their own workstation. */
static void background(sc *s, int days)
{
    char who[32], ws[32];
    sc_team(s, "clerk", 8, 0, days, 30, 9, 17);
    for (int i = 0; i < 5; i++) {
        snprintf(who, sizeof who, "night%d", i);
        snprintf(ws, sizeof ws, "ws-n%d", i);
        sc_work(s, who, 0, days, 20, 22, 6, ws);
        snprintf(who, sizeof who, "tax%d", i);
        snprintf(ws, sizeof ws, "ws-t%d", i);
        sc_work(s, who, 0, days, 25, 8, 16, ws);
    }
}

#define AT(day, hour, min) (SC_DAY0 + (day)*TS_DAY_MS + (hour)*TS_HOUR_MS + (min)*60000)

typedef struct expect {
    const char *actor, *rule;
    int present; /* 1: at least one such alert; 0: none */
} expect;

typedef struct rule_case {
    const char *name;
    void (*plant)(sc *s);
    expect want[4];
} rule_case;

static void plant_vip(sc *s)
{
    FILE *f = fopen("/dev/null", "r");
    fclose(f);
    char path[512];
    snprintf(path, sizeof path, "%s/protected.csv", s->dir);
    f = fopen(path, "w");
    fprintf(f, "subject,category\np0350,vip\np0010,vip\n");
    fclose(f);
    sc_event(s, "clerk1", AT(14, 10, 0), "view", "p0350", "ws-c1", ""); /* no case */
    sc_event(s, "clerk2", AT(14, 10, 5), "view", "p0010", "ws-c2", ""); /* unit case covers */
}

static void plant_relations(sc *s)
{
    /* p0399 lives at clerk3's address; clerk4 looks up their own record. */
    char path[512];
    snprintf(path, sizeof path, "%s/subjects.csv", s->dir);
    FILE *f = fopen(path, "a");
    fprintf(f, "p0399x,Surname3,1000AA,103\n900000004,Surname4,1000AA,104\n"
               "p0398x,Surname5,5999ZZ,1\np0397x,Jansen,5998ZZ,1\n");
    fclose(f);
    sc_event(s, "clerk3", AT(14, 11, 0), "view", "p0399x", "ws-c3", "");
    sc_event(s, "clerk4", AT(14, 11, 0), "view", "900000004", "ws-c4", "");
    sc_event(s, "clerk5", AT(14, 11, 0), "view", "p0398x", "ws-c5", ""); /* rare namesake */
    sc_event(s, "clerk6", AT(14, 11, 0), "view", "p0397x", "ws-c6", ""); /* common: Jansen */
}

static void plant_leaver(sc *s)
{
    sc_event(s, "leaver", AT(14, 10, 0), "view", "p0001", "ws-x", "");
}

static void plant_night(sc *s)
{
    /* A day clerk at 02:30 without a case from a new VPN endpoint; a night
     * operator at 02:30 without a case from their own workstation. */
    sc_event(s, "clerk1", AT(14, 2, 30), "view", "p0360", "vpn-77", "");
    sc_event(s, "night1", AT(14, 2, 30), "view", "p0361", "ws-n1", "");
}

static void plant_bulk(sc *s)
{
    sc_event(s, "clerk2", AT(14, 10, 0), "export", "", "ws-c2", ",\"results\":5000");
    for (int i = 0; i < 120; i++) {
        char subj[16];
        snprintf(subj, sizeof subj, "p%04d", 1 + i);
        sc_event(s, "clerk3", AT(14, 13, 0) + i * 20000, "view", subj, "ws-c3", "");
    }
}

static void plant_volume(sc *s)
{
    sc_work(s, "tax1", 14, 15, 260, 8, 16, "ws-t1");
}

static void plant_unexplained(sc *s)
{
    /* 25 look-ups of subjects no case covers, within a normal day. */
    for (int i = 0; i < 25; i++) {
        char subj[16];
        snprintf(subj, sizeof subj, "p%04d", 301 + i);
        sc_event(s, "clerk5", AT(14, 9, 0) + i * 600000, "view", subj, "ws-c5", "");
    }
    /* Two such look-ups is ordinary. */
    sc_event(s, "clerk6", AT(14, 9, 0), "view", "p0330", "ws-c6", "");
    sc_event(s, "clerk6", AT(14, 9, 30), "view", "p0331", "ws-c6", "");
}

/* A clerk and a tax officer look up the same four uncovered subjects,
 * named prefix0370..prefix0373. */
static void plant_ring(sc *s, char prefix)
{
    for (int i = 0; i < 4; i++) {
        char subj[16];
        snprintf(subj, sizeof subj, "%c%04d", prefix, 370 + i);
        sc_event(s, "clerk7", AT(14, 10, i), "view", subj, "ws-c7", "");
        sc_event(s, "tax3", AT(15, 10, i), "view", subj, "ws-t3", "");
    }
}

static void plant_convergence(sc *s)
{
    /* A ring; five meldkamer operators look up another four: a team's
     * shared work, from one unit, not a ring. */
    plant_ring(s, 'p');
    for (int i = 0; i < 4; i++) {
        char subj[16];
        snprintf(subj, sizeof subj, "p%04d", 380 + i);
        for (int k = 0; k < 5; k++) {
            char who[16];
            snprintf(who, sizeof who, "night%d", k);
            sc_event(s, who, AT(14, 23, i), "view", subj, "ws-n0", "");
        }
    }
}

static void plant_convergence_unlisted(sc *s)
{
    plant_ring(s, 'x'); /* subjects the reference data does not list */
}

static void plant_incident(sc *s)
{
    char path[512];
    snprintf(path, sizeof path, "%s/incidents.csv", s->dir);
    FILE *f = fopen(path, "w");
    fprintf(f, "incident,subject,ts,kind\n");
    char t[32];
    ts_format(AT(20, 3, 0), t);
    fprintf(f, "I-1,p0390,%s,explosion\nI-2,p0391,%s,explosion\n", t, t);
    fclose(f);
    sc_event(s, "clerk0", AT(14, 10, 0), "view", "p0390", "ws-c0", ""); /* 6 days before */
    sc_event(s, "clerk1", AT(21, 10, 0), "view", "p0391", "ws-c1", ""); /* after: no */
}

static void plant_first_use(sc *s)
{
    sc_event(s, "clerk2", AT(14, 10, 0), "delete", "p0340", "ws-c2", "");
}

static const rule_case cases[] = {
    {"protected", plant_vip, {{"clerk1", "protected", 1}, {"clerk2", "protected", 0}}},
    {"relation",
     plant_relations,
     {{"clerk3", "relation", 1},
      {"clerk4", "relation", 1},
      {"clerk5", "relation", 1},
      {"clerk6", "relation", 0}}},
    {"employment", plant_leaver, {{"leaver", "employment", 1}, {"clerk0", "employment", 0}}},
    {"off_pattern", plant_night, {{"clerk1", "off_pattern", 1}, {"night1", "off_pattern", 0}}},
    {"bulk", plant_bulk, {{"clerk2", "bulk", 1}, {"clerk3", "bulk", 1}, {"clerk4", "bulk", 0}}},
    {"volume", plant_volume, {{"tax1", "volume", 1}, {"tax2", "volume", 0}}},
    {"unexplained",
     plant_unexplained,
     {{"clerk5", "unexplained", 1}, {"clerk6", "unexplained", 0}}},
    {"convergence",
     plant_convergence,
     {{"clerk7", "convergence", 1}, {"tax3", "convergence", 1}, {"night0", "convergence", 0}}},
    {"convergence, unlisted subjects",
     plant_convergence_unlisted,
     {{"clerk7", "convergence", 1}, {"tax3", "convergence", 1}}},
    {"incident", plant_incident, {{"clerk0", "incident", 1}, {"clerk1", "incident", 0}}},
    {"first_use", plant_first_use, {{"clerk2", "first_use", 1}, {"clerk3", "first_use", 0}}},
};

static void run_case(void **state)
{
    const rule_case *c = *state;
    sc s = sc_new();
    background(&s, 14);
    c->plant(&s);
    char *alerts = sc_run(&s);
    for (int i = 0; i < 4 && c->want[i].actor; i++) {
        int n = sc_alerts(alerts, c->want[i].actor, c->want[i].rule);
        if ((n > 0) != c->want[i].present)
            fail_msg("%s: %s has %d %s alerts, want %s\n%s", c->name, c->want[i].actor, n,
                     c->want[i].rule, c->want[i].present ? "some" : "none", alerts);
    }
    /* Ordinary work alone raises nothing: every alert is about the plant. */
    if (tu_count_lines(alerts, "\"rule\"") > 8)
        fail_msg("%s: too many alerts\n%s", c->name, alerts);
    free(alerts);
    sc_free(&s);
}

static void test_background_alone_is_quiet(void **state)
{
    sc s = sc_new();
    background(&s, 21);
    char *alerts = sc_run(&s);
    if (alerts[0]) fail_msg("ordinary work raised alerts:\n%s", alerts);
    free(alerts);
    sc_free(&s);
}

int main(void)
{
    struct CMUnitTest tests[sizeof cases / sizeof *cases + 1];
    size_t n = 0;
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
        tests[n++] = (struct CMUnitTest){cases[i].name, run_case, NULL, NULL, (void *)&cases[i]};
    tests[n++] = (struct CMUnitTest){"background_alone_is_quiet", test_background_alone_is_quiet,
                                     NULL, NULL, NULL};
    return _cmocka_run_group_tests("rules", tests, n, NULL, NULL);
}
