/* Departing staff (rule departing, and the weight bulk, volume and
 * first_use give the window before a known end date): a tax clerk whose
 * end date is known exports postcode lists without a case in their last
 * week; the same exports by a colleague who stays, under a valid case, or
 * long before the end date are not the departing alert. */
#include "scenario.h"

#define AT(day, hour, min) (SC_DAY0 + (day)*TS_DAY_MS + (hour)*TS_HOUR_MS + (min)*60000)

/* Staff added to scenario.h's: leaving ends on 2026-03-20 (day 18),
 * leaving_far on 2026-06-30, staying has no end date, newcomer leaves on
 * 2026-03-20 and has no history at all. */
static void add_staff(sc *s)
{
    char path[512];
    snprintf(path, sizeof path, "%s/actors.csv", s->dir);
    FILE *f = fopen(path, "a");
    fprintf(f, "leaving,belastingen,clerk,2020-01-01,2026-03-20,,,,\n"
               "leaving_far,belastingen,clerk,2020-01-01,2026-06-30,,,,\n"
               "staying,belastingen,clerk,2020-01-01,,,,,\n"
               "newcomer,belastingen,clerk,2020-01-01,2026-03-20,,,,\n");
    fclose(f);
}

/* Two weeks of ordinary, explained work for everyone (days 0..13). */
static void background(sc *s)
{
    char ws[32];
    sc_team(s, "clerk", 8, 0, 14, 30, 9, 17);
    sc_team(s, "tax", 5, 0, 14, 25, 8, 16);
    const char *more[] = {"leaving", "leaving_far", "staying"};
    for (int i = 0; i < 3; i++) {
        snprintf(ws, sizeof ws, "ws-%s", more[i]);
        sc_work(s, more[i], 0, 14, 25, 8, 16, ws);
    }
}

/* Nine postcode lists of about 1,540 records each on days 14..16
 * (2026-03-16..18: the end date is the last day worked, so 5 to 3 days
 * before leaving's end), with extra
 * (e.g. a stated case) on each. */
static void lists(sc *s, const char *actor, const char *extra)
{
    char ws[32], x[160];
    snprintf(ws, sizeof ws, "ws-%s", actor);
    for (int d = 14; d < 17; d++)
        for (int k = 0; k < 3; k++) {
            snprintf(x, sizeof x, ",\"results\":%d%s", 1530 + 3 * d + k, extra);
            sc_event(s, actor, AT(d, 10 + 2 * k, 15), "export", "", ws, x);
        }
}

static void plant_departing(sc *s)
{
    lists(s, "leaving", "");
}
static void plant_staying(sc *s)
{
    lists(s, "staying", "");
}
static void plant_case(sc *s)
{
    lists(s, "leaving", ",\"case\":\"C-belastingen\"");
}
/* One list of 25,000 records under the unit's case on day 14, before the
 * end date: far beyond anything the unit exported, a bulk alert, but
 * case-backed work, not a leaver's theft. */
static void plant_case_huge(sc *s)
{
    sc_event(s, "leaving", AT(14, 10, 0), "export", "", "ws-leaving",
             ",\"results\":25000,\"case\":\"C-belastingen\"");
}
static void plant_bogus_case(sc *s)
{
    lists(s, "leaving", ",\"case\":\"BOGUS-9\"");
}
static void plant_far(sc *s)
{
    lists(s, "leaving_far", "");
}
/* leaving prints one record their unit's case covers: a first use, which
 * weighs more in the window, not a departing export. */
static void plant_first_print(sc *s)
{
    sc_event(s, "leaving", AT(14, 11, 0), "print", "p0001", "ws-leaving", ",\"results\":1");
}
static void plant_no_history(sc *s)
{
    sc_event(s, "newcomer", AT(16, 11, 0), "export", "", "ws-new", ",\"results\":800");
}

typedef struct dep_case {
    const char *name;
    void (*plant)(sc *s);
    const char *actor;
    int alert;              /* 1: a departing alert for actor; 0: none */
    const char *reason[2];  /* text the actor's alerts must contain */
    const char *risk_first; /* actor first in `risk`, or NULL */
    const char *absent;     /* text none of the actor's alerts may contain */
} dep_case;

static const dep_case cases[] = {
    {"departing exporter: alert naming the end date, first in risk",
     plant_departing,
     "leaving",
     1,
     {"Export of 1572 records without a case, in the last 5 days before their end date "
      "(2026-03-20)",
      "records in 7 exports and prints within a week, in the last 3 days before their end date "
      "(2026-03-20)"},
     "leaving",
     NULL},
    {"departing exporter: bulk weighs more in the window",
     plant_departing,
     "leaving",
     1,
     {"made before, in the last 5 days before their end date (2026-03-20)"},
     NULL,
     NULL},
    {"colleague without an end date: no departing alert",
     plant_staying,
     "staying",
     0,
     {"Export of 1572 records"},
     NULL,
     "end date"},
    {"exports under a valid case in the window: no departing alert",
     plant_case,
     "leaving",
     0,
     {0},
     NULL,
     NULL},
    {"a huge export under a valid case in the window: bulk alert, not weighed as departing",
     plant_case_huge,
     "leaving",
     0,
     {"Export of 25000 records under case C-belastingen"},
     NULL,
     "peers made before, in the last"},
    {"a stated case the register does not know explains nothing",
     plant_bogus_case,
     "leaving",
     1,
     {"before their end date (2026-03-20)"},
     NULL,
     NULL},
    {"end date far away: no departing alert",
     plant_far,
     "leaving_far",
     0,
     {"Export of 1572 records"},
     NULL,
     "end date"},
    {"a first use in the window weighs more; a print under a case is no departing export",
     plant_first_print,
     "leaving",
     0,
     {"First use of action 'print' by this person; 0 % of their peers use it; in the last 5 days "
      "before their end date (2026-03-20)"},
     NULL,
     "records without a case"},
    {"one large export with no history at all",
     plant_no_history,
     "newcomer",
     1,
     {"Export of 800 records without a case, in the last 3 days before their end date "
      "(2026-03-20)"},
     "newcomer",
     NULL},
};

/* The actor on the first line of `risk`'s JSON lines (owned). */
static char *risk_first(sc *s)
{
    tu_run r = tu_wachter(s->dir, "--format", "jsonl", "risk", NULL);
    assert_int_equal(r.code, 0);
    const char *a = strstr(r.out, "\"actor\":\"");
    if (!a) fail_msg("risk printed no actor:\n%s", r.out);
    a += 9;
    char *who = strndup(a, strcspn(a, "\""));
    tu_free(&r);
    return who;
}

static void run_case(void **state)
{
    const dep_case *c = *state;
    sc s = sc_new();
    add_staff(&s);
    background(&s);
    c->plant(&s);
    char *alerts = sc_run(&s);
    int n = sc_alerts(alerts, c->actor, "departing");
    if ((n > 0) != c->alert)
        fail_msg("%s: %s has %d departing alerts, want %s\n%s", c->name, c->actor, n,
                 c->alert ? "some" : "none", alerts);
    /* The actor's alerts' reasons, one a line. */
    char needle[64], mine[4096] = "";
    snprintf(needle, sizeof needle, "\"actor\":\"%s\"", c->actor);
    for (const char *l = alerts; l && *l; l = strchr(l, '\n') ? strchr(l, '\n') + 1 : NULL) {
        char *line = strndup(l, strcspn(l, "\n"));
        const char *r = strstr(line, "\"reason\":\"");
        size_t have = strlen(mine);
        if (r && strstr(line, needle))
            snprintf(mine + have, sizeof mine - have, "%.*s\n", (int)strlen(r + 10) - 2, r + 10);
        free(line);
    }
    for (int i = 0; i < 2 && c->reason[i]; i++)
        if (!strstr(mine, c->reason[i]))
            fail_msg("%s: no alert of %s says \"%s\"; they say:\n%s", c->name, c->actor,
                     c->reason[i], mine);
    if (c->absent && strstr(mine, c->absent))
        fail_msg("%s: an alert of %s says \"%s\":\n%s", c->name, c->actor, c->absent, mine);
    if (c->risk_first) {
        char *who = risk_first(&s);
        if (strcmp(who, c->risk_first) != 0)
            fail_msg("%s: %s is first in risk, not %s", c->name, who, c->risk_first);
        free(who);
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
    return _cmocka_run_group_tests("departing", tests, n, NULL, NULL);
}
