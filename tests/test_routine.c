/* Routine exports and the warm-up (rules bulk, volume, off_pattern,
 * first_use; rule_warm). An intelligence team (recherche) exports lists
 * of a few hundred records every week under its unit's case, from the
 * store's first day: that is its work, not an alert, judged against the
 * case and against what the team exports. The same export without a case
 * by a front-desk clerk, whose unit never exports, is. In the store's
 * first days (a month of logs ingested at once begins mid-history) the
 * rules that judge against a history learn before they judge, while
 * those that need none (employment, protected, relation) judge from the
 * first event. */
#include "scenario.h"

#include "detect/rule.h"

#define AT(day, hour, min) (SC_DAY0 + (day)*TS_DAY_MS + (hour)*TS_HOUR_MS + (min)*60000)

/* Added to scenario.h's organisation: five analysts in recherche, whose
 * case C-recherche (assigned to the unit) links p0001..p0300; newbie, a
 * clerk starting on 2026-03-18 (day 16), whose own record is 600000001;
 * p0350 a VIP; p0399x lives at clerk5's address. */
static void add_org(sc *s)
{
    char path[512];
    snprintf(path, sizeof path, "%s/actors.csv", s->dir);
    FILE *f = fopen(path, "a");
    for (int i = 0; i < 5; i++)
        fprintf(f, "analyst%d,recherche,analyst,2020-01-01,,,,,\n", i);
    fprintf(f, "newbie,burgerzaken,clerk,2026-03-18,,600000001,Nieuw,1500AA,1\n");
    fclose(f);
    snprintf(path, sizeof path, "%s/cases.csv", s->dir);
    f = fopen(path, "a");
    for (int i = 1; i <= 300; i++)
        fprintf(f, "C-recherche,p%04d,2026-01-01,\n", i);
    fclose(f);
    snprintf(path, sizeof path, "%s/case_assignments.csv", s->dir);
    f = fopen(path, "a");
    fprintf(f, "C-recherche,unit:recherche,2026-01-01,\n");
    fclose(f);
    snprintf(path, sizeof path, "%s/protected.csv", s->dir);
    f = fopen(path, "w");
    fprintf(f, "subject,category\np0350,vip\n");
    fclose(f);
    snprintf(path, sizeof path, "%s/subjects.csv", s->dir);
    f = fopen(path, "a");
    fprintf(f, "p0399x,Surname5,1000AA,105\n600000001,Nieuw,1500AA,1\n");
    fclose(f);
}

/* Days [0, days) of ordinary work for clerks, tax staff and analysts,
 * and the analysts' weekly lists under their case from day 0: analyst i
 * on days i, i + 7, ..., 200 to 470 records. */
static void background(sc *s, int days)
{
    sc_team(s, "clerk", 8, 0, days, 30, 9, 17);
    sc_team(s, "tax", 5, 0, days, 25, 8, 16);
    sc_team(s, "analyst", 5, 0, days, 25, 8, 16);
    for (int i = 0; i < 5; i++)
        for (int d = i; d < days; d += 7) {
            char who[16], ws[16], x[80];
            snprintf(who, sizeof who, "analyst%d", i);
            snprintf(ws, sizeof ws, "ws-a%d", i);
            snprintf(x, sizeof x, ",\"results\":%d,\"case\":\"C-recherche\"", 200 + 60 * i + d);
            sc_event(s, who, AT(d, 11, 0), "export", "", ws, x);
        }
}

static void plant_nothing(sc *s)
{
    (void)s;
}
static void plant_clerk_list(sc *s)
{
    sc_event(s, "clerk2", AT(14, 10, 0), "export", "", "ws-c2", ",\"results\":400");
}
static void plant_clerk_list_day1(sc *s)
{
    sc_event(s, "clerk2", AT(1, 10, 0), "export", "", "ws-c2", ",\"results\":400");
}
static void plant_clerk_large_day1(sc *s)
{
    sc_event(s, "clerk2", AT(1, 10, 0), "export", "", "ws-c2", ",\"results\":5000");
}
static void plant_analyst_huge(sc *s)
{
    sc_event(s, "analyst1", AT(14, 15, 0), "export", "", "ws-a1",
             ",\"results\":20000,\"case\":\"C-recherche\"");
}
static void plant_analyst_large_day0(sc *s)
{
    sc_event(s, "analyst0", AT(0, 15, 0), "export", "", "ws-a0",
             ",\"results\":1500,\"case\":\"C-recherche\"");
}
/* In the store's warm-up (day 1), tax2 makes the first export anyone in
 * belastingen has made, under the unit's case. */
static void plant_tax_list_day1(sc *s)
{
    sc_event(s, "tax2", AT(1, 10, 0), "export", "", "ws-t2",
             ",\"results\":2500,\"case\":\"C-belastingen\"");
}
static void plant_tax_enormous_day1(sc *s)
{
    sc_event(s, "tax2", AT(1, 10, 0), "export", "", "ws-t2",
             ",\"results\":25000,\"case\":\"C-belastingen\"");
}
/* After the warm-up, tax2 makes the first export anyone in belastingen
 * has made, under the unit's case (a monthly report). */
static void plant_tax_first_list(sc *s)
{
    sc_event(s, "tax2", AT(14, 10, 0), "export", "", "ws-t2",
             ",\"results\":3000,\"case\":\"C-belastingen\"");
}
static void plant_other_units_case(sc *s)
{
    sc_event(s, "clerk2", AT(14, 10, 0), "export", "", "ws-c2",
             ",\"results\":400,\"case\":\"C-recherche\"");
}
static void plant_bogus_case(sc *s)
{
    sc_event(s, "clerk2", AT(14, 10, 0), "export", "", "ws-c2",
             ",\"results\":400,\"case\":\"BOGUS-9\"");
}

/* clerk3 looks up n people within 50 minutes on day 1. */
static void views_day1(sc *s, int n)
{
    for (int i = 0; i < n; i++) {
        char subj[16];
        snprintf(subj, sizeof subj, "p%04d", 1 + i % 300);
        sc_event(s, "clerk3", AT(1, 13, 0) + i * (50 * 60000 / n), "view", subj, "ws-c3", "");
    }
}
static void plant_views_70_day1(sc *s)
{
    views_day1(s, 70);
}
static void plant_views_150_day1(sc *s)
{
    views_day1(s, 150);
}

/* In the store's first days: on day 3 clerk1 looks up two people without
 * a case at 02:30 from a VPN endpoint never used (an hour no clerk works),
 * clerk3 deletes a record (a first use); on day 4 clerk2 makes 250
 * look-ups (8x their peers' 30). Meanwhile clerk4 looks up the VIP
 * without a case on day 0, clerk5 a housemate on day 0, and leaver (end
 * 2026-03-05) works on day 4. */
static void plant_store_warmup(sc *s)
{
    sc_event(s, "clerk1", AT(3, 2, 30), "view", "p0360", "vpn-77", "");
    sc_event(s, "clerk1", AT(3, 2, 40), "view", "p0361", "vpn-77", "");
    sc_event(s, "clerk3", AT(3, 10, 0), "delete", "p0340", "ws-c3", "");
    sc_work(s, "clerk2", 4, 5, 220, 9, 17, "ws-c2");
    sc_event(s, "clerk4", AT(0, 10, 0), "view", "p0350", "ws-c4", "");
    sc_event(s, "clerk5", AT(0, 10, 0), "view", "p0399x", "ws-c5", "");
    sc_event(s, "leaver", AT(4, 10, 0), "view", "p0001", "ws-x", "");
}

/* After the store's warm-up, newbie's first day (day 14, two days before
 * their start date): 160 look-ups under the unit's case from a laptop of
 * their own, a print and two look-ups in the evening, under the case; and
 * the VIP and their own record without a case. */
static void plant_newcomer(sc *s)
{
    sc_work(s, "newbie", 14, 15, 160, 8, 17, "lt-newbie");
    sc_event(s, "newbie", AT(14, 11, 0), "print", "p0002", "lt-newbie", ",\"results\":1");
    sc_event(s, "newbie", AT(14, 20, 0), "view", "p0003", "lt-newbie", "");
    sc_event(s, "newbie", AT(14, 20, 10), "view", "p0004", "lt-newbie", "");
    sc_event(s, "newbie", AT(14, 12, 0), "view", "p0350", "lt-newbie", "");
    sc_event(s, "newbie", AT(14, 12, 5), "view", "600000001", "lt-newbie", "");
}

typedef struct expect {
    const char *actor, *rule;
    int present;        /* 1: at least one such alert; 0: none */
    const char *reason; /* NULL, or text that alert's reason must contain */
} expect;

typedef struct routine_case {
    const char *name;
    int days; /* of background */
    void (*plant)(sc *s);
    expect want[8];
} routine_case;

static const routine_case cases[] = {
    {"weekly lists under the unit's case from the store's first day: no bulk alert",
     21,
     plant_nothing,
     {{"analyst0", "bulk", 0, NULL},
      {"analyst1", "bulk", 0, NULL},
      {"analyst2", "bulk", 0, NULL},
      {"analyst3", "bulk", 0, NULL},
      {"analyst4", "bulk", 0, NULL}}},
    {"the same list without a case by a clerk whose unit never exports: bulk alert",
     21,
     plant_clerk_list,
     {{"clerk2", "bulk", 1, "Export of 400 records without a case, 20x the largest"},
      {"analyst0", "bulk", 0, NULL}}},
    {"in the store's warm-up, a list of a few hundred without a case: no bulk alert",
     7,
     plant_clerk_list_day1,
     {{"clerk2", "bulk", 0, NULL}}},
    {"in the store's warm-up, 5,000 records without a case: bulk alert against the peers",
     7,
     plant_clerk_large_day1,
     {{"clerk2", "bulk", 1, "Export of 5000 records without a case, 250x"}}},
    {"under the case, far beyond anything the team exports: bulk alert",
     21,
     plant_analyst_huge,
     {{"analyst1", "bulk", 1,
       "Export of 20000 records under case C-recherche, 44x the largest this person or any of "
       "their peers made before"}}},
    {"under the case on the store's first day, larger than the team's lists: no bulk alert",
     7,
     plant_analyst_large_day0,
     {{"analyst0", "bulk", 0, NULL}}},
    {"under the unit's case in the store's warm-up, the unit's first list: no bulk alert",
     7,
     plant_tax_list_day1,
     {{"tax2", "bulk", 0, NULL}}},
    {"under the unit's case in the store's warm-up, 25,000 records: bulk alert",
     7,
     plant_tax_enormous_day1,
     {{"tax2", "bulk", 1,
       "Export of 25000 records under case C-belastingen, with no export by this person or any "
       "of their peers made before"}}},
    {"a unit's first list under its case after the warm-up, no peer ever exported: no bulk alert",
     21,
     plant_tax_first_list,
     {{"tax2", "bulk", 0, NULL}}},
    {"another unit's case covers no clerk's export: bulk alert",
     21,
     plant_other_units_case,
     {{"clerk2", "bulk", 1,
       "Export of 400 records stating case C-recherche, which does not cover "
       "it"}}},
    {"a case the register does not know covers nothing: bulk alert",
     21,
     plant_bogus_case,
     {{"clerk2", "bulk", 1, "Export of 400 records stating case BOGUS-9"}}},
    {"in the store's warm-up, 70 look-ups within an hour: no bulk alert",
     7,
     plant_views_70_day1,
     {{"clerk3", "bulk", 0, NULL}}},
    {"in the store's warm-up, 150 look-ups within an hour: bulk alert",
     7,
     plant_views_150_day1,
     {{"clerk3", "bulk", 1, "x the usual (theirs or most of their peers') busiest hour before"}}},
    {"store warm-up: history rules learn, employment, protected and relation fire",
     5,
     plant_store_warmup,
     {{"clerk1", "off_pattern", 0, NULL},
      {"clerk3", "first_use", 0, NULL},
      {"clerk2", "volume", 0, NULL},
      {"clerk4", "protected", 1, NULL},
      {"clerk5", "relation", 1, NULL},
      {"leaver", "employment", 1, NULL}}},
    {"a newcomer's first day: nothing is unusual for them yet; employment, protected and "
     "relation fire",
     14,
     plant_newcomer,
     {{"newbie", "volume", 0, NULL},
      {"newbie", "off_pattern", 0, NULL},
      {"newbie", "first_use", 0, NULL},
      {"newbie", "employment", 1, NULL},
      {"newbie", "protected", 1, NULL},
      {"newbie", "relation", 1, NULL}}},
};

static void run_case(void **state)
{
    const routine_case *c = *state;
    sc s = sc_new();
    add_org(&s);
    background(&s, c->days);
    c->plant(&s);
    char *alerts = sc_run(&s);
    for (int i = 0; i < 8 && c->want[i].actor; i++) {
        const expect *w = &c->want[i];
        sc_expect_alerts(c->name, alerts, w->actor, w->rule, w->present, w->reason, 0);
    }
    free(alerts);
    sc_free(&s);
}

int main(void)
{
    struct CMUnitTest tests[sizeof cases / sizeof *cases];
    size_t n = 0;
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
        tests[n++] = (struct CMUnitTest){cases[i].name, run_case, NULL, NULL, (void *)&cases[i]};
    return _cmocka_run_group_tests("routine exports and warm-up", tests, n, NULL, NULL);
}
