/* Protected subjects (rule protected): a VIP looked up without a case by
 * someone with no link to them is an alert by itself and shows in `risk`;
 * several staff on one protected subject within a day are one alert about
 * that subject naming them all, which counts in each one's risk; a crowd
 * on a colleague's record is one alert, each of them weighing less than
 * one person alone would. A case that covers the look-up, or the actor's
 * own household, is no protected alert. */
#include <cJSON.h>

#include "scenario.h"

#define AT(day, hour, min) (SC_DAY0 + (day)*TS_DAY_MS + (hour)*TS_HOUR_MS + (min)*60000)

/* 30 officers of a fourth unit (no history needed: the rule judges from
 * the first event); protected subjects: VIPs p0395 and p0250 (which the
 * units' cases cover), colleagues' records p0390 and p0391, and p0399h,
 * who lives at clerk3's address. */
static void setup_org(sc *s)
{
    char path[512];
    snprintf(path, sizeof path, "%s/actors.csv", s->dir);
    FILE *f = fopen(path, "a");
    for (int i = 0; i < 30; i++)
        fprintf(f, "officer%d,handhaving,officer,2020-01-01,,,,,\n", i);
    fclose(f);
    snprintf(path, sizeof path, "%s/subjects.csv", s->dir);
    f = fopen(path, "a");
    fprintf(f, "p0399h,Surname3,1000AA,103\n");
    fclose(f);
    snprintf(path, sizeof path, "%s/protected.csv", s->dir);
    f = fopen(path, "w");
    fprintf(f, "subject,category\np0395,vip\np0250,vip\np0390,employee\np0391,employee\n"
               "p0399h,employee\n");
    fclose(f);
}

/* Two weeks of explained work, and clerk7, an ordinary busy colleague: a
 * few look-ups without a case at an hour they do not work, and a system
 * action they never used: the routine signals of a busy day. */
static void background(sc *s)
{
    sc_team(s, "clerk", 8, 0, 14, 30, 9, 17);
    sc_team(s, "tax", 5, 0, 14, 25, 8, 16);
    sc_event(s, "clerk7", AT(13, 6, 10), "view", "p0360", "ws-c7", "");
    sc_event(s, "clerk7", AT(13, 6, 20), "view", "p0361", "ws-c7", "");
    sc_event(s, "clerk7", AT(13, 11, 0), "print", "p0001", "ws-c7", ",\"results\":1");
}

static void one_look(sc *s, const char *actor, int64_t ts, const char *subject)
{
    char ws[40]; /* their own workstation, as sc_team names it */
    snprintf(ws, sizeof ws, "ws-%c%s", actor[0], actor + strcspn(actor, "0123456789"));
    sc_event(s, actor, ts, "view", subject, ws, "");
}

/* The celebrity after the news: four unrelated staff of three units, once
 * each, within a day. */
static void plant_vip_burst(sc *s)
{
    one_look(s, "clerk1", AT(14, 9, 5), "p0395");
    one_look(s, "tax2", AT(14, 12, 40), "p0395");
    one_look(s, "officer3", AT(14, 16, 0), "p0395");
    one_look(s, "clerk4", AT(15, 8, 30), "p0395");
}

/* The burst, and officer9 alone on another VIP (p0250, which no case of
 * handhaving covers) the same day. */
static void plant_vip_burst_and_one(sc *s)
{
    plant_vip_burst(s);
    one_look(s, "officer9", AT(14, 10, 0), "p0250");
}

/* The same burst ingested in two files: the second ingest adds to the
 * alert the first one wrote. */
static void plant_vip_burst_split(sc *s)
{
    one_look(s, "clerk1", AT(14, 9, 5), "p0395");
    one_look(s, "tax2", AT(14, 12, 40), "p0395");
    fclose(s->ev);
    char path[512];
    snprintf(path, sizeof path, "%s/events2.jsonl", s->dir);
    s->ev = fopen(path, "w");
    one_look(s, "officer3", AT(14, 16, 0), "p0395");
    one_look(s, "clerk4", AT(15, 8, 30), "p0395");
}

static void plant_vip_one(sc *s)
{
    one_look(s, "clerk1", AT(14, 9, 5), "p0395");
}

/* Two look-ups of the VIP three days apart: two windows, two alerts. */
static void plant_vip_apart(sc *s)
{
    one_look(s, "clerk1", AT(14, 9, 5), "p0395");
    one_look(s, "tax2", AT(17, 9, 5), "p0395");
}

/* p0250 is in every unit's case: looked up, by burgerzaken and
 * belastingen staff, it is covered. */
static void plant_vip_case(sc *s)
{
    one_look(s, "clerk1", AT(14, 9, 5), "p0250");
    sc_event(s, "tax2", AT(14, 9, 10), "view", "p0250", "ws-t2", ",\"case\":\"C-belastingen\"");
}

/* News inside the organisation: all 30 officers look at a colleague's
 * record within a day; one officer alone looks at another's. */
static void plant_colleague_crowd(sc *s)
{
    char who[32];
    for (int i = 0; i < 30; i++) {
        snprintf(who, sizeof who, "officer%d", i);
        one_look(s, who, AT(14, 8, 0) + (int64_t)i * 20 * 60000, "p0390");
    }
    one_look(s, "clerk2", AT(14, 10, 0), "p0391");
}

/* The news read on into the next day: 27 officers on a colleague's record
 * on day 14, three more the next morning, past 24 hours from the first;
 * clerk2 alone on another's. */
static void plant_crowd_next_day(sc *s)
{
    char who[32];
    for (int i = 0; i < 27; i++) {
        snprintf(who, sizeof who, "officer%d", i);
        one_look(s, who, AT(14, 8, 0) + (int64_t)i * 20 * 60000, "p0390");
    }
    for (int i = 27; i < 30; i++) {
        snprintf(who, sizeof who, "officer%d", i);
        one_look(s, who, AT(15, 9, 0) + (int64_t)(i - 27) * 30 * 60000, "p0390");
    }
    one_look(s, "clerk2", AT(14, 10, 0), "p0391");
}

/* clerk1 alone looks at the VIP on two days running, 26 hours apart: two
 * windows, the second following the first, but no crowd: only clerk1. */
static void plant_vip_twice(sc *s)
{
    one_look(s, "clerk1", AT(14, 10, 0), "p0395");
    one_look(s, "clerk1", AT(15, 12, 0), "p0395");
}

/* clerk3 looks up someone at their own address: the relation rule's. */
static void plant_household(sc *s)
{
    one_look(s, "clerk3", AT(14, 10, 0), "p0399h");
}

/* Makes the register large (1,000 more subjects, p1000..p1999), so that a
 * handful of sensitive persons are a short list, as in a real register;
 * marks p0396 a sensitive person and p0370..p0384 colleagues' records. */
static void big_register(sc *s)
{
    char path[512];
    snprintf(path, sizeof path, "%s/subjects.csv", s->dir);
    FILE *f = fopen(path, "a");
    for (int i = 1000; i < 2000; i++)
        fprintf(f, "p%04d,Groot,%04dCC,%d\n", i, 5000 + i, i);
    fclose(f);
    snprintf(path, sizeof path, "%s/protected.csv", s->dir);
    f = fopen(path, "a");
    fprintf(f, "p0396,sensitive\n");
    for (int i = 370; i < 385; i++)
        fprintf(f, "p%04d,employee\n", i);
    fclose(f);
}

/* The burst on a sensitive person: four unrelated staff of three units,
 * once each, within a day. */
static void plant_sensitive_burst(sc *s)
{
    big_register(s);
    one_look(s, "clerk1", AT(14, 9, 5), "p0396");
    one_look(s, "tax2", AT(14, 12, 40), "p0396");
    one_look(s, "officer3", AT(14, 16, 0), "p0396");
    one_look(s, "clerk4", AT(15, 8, 30), "p0396");
}

static void plant_sensitive_one(sc *s)
{
    big_register(s);
    one_look(s, "clerk1", AT(14, 9, 5), "p0396");
}

/* A register of 401 subjects of which p0396 is one of the sensitive
 * persons (1 in 400, more than 1 in 1,000): work without a case lands on
 * them by chance, and one look-up weighs by chance alone. */
static void plant_sensitive_many(sc *s)
{
    char path[512];
    snprintf(path, sizeof path, "%s/protected.csv", s->dir);
    FILE *f = fopen(path, "a");
    fprintf(f, "p0396,sensitive\n");
    fclose(f);
    one_look(s, "clerk1", AT(14, 9, 5), "p0396");
}

/* Ordinary work without a case by officer i over days [d0, d1): two
 * look-ups a day of unprotected subjects (p1000..p1999). */
static void no_case_work(sc *s, int i, int d0, int d1)
{
    char who[32], subj[16];
    snprintf(who, sizeof who, "officer%d", i);
    for (int d = d0; d < d1; d++)
        for (int k = 0; k < 2; k++) {
            snprintf(subj, sizeof subj, "p%04d", 1000 + (i * 97 + d * 13 + k * 7) % 1000);
            one_look(s, who, AT(d, 10 + k * 3, i), subj);
        }
}

/* officer0's work is mostly without a case (ten look-ups a day in a large
 * register); officer1 never works without one. Each looks at the VIP
 * p0395 once, officer0 the later (their alert decays less). */
static void plant_vip_by_busy(sc *s)
{
    big_register(s);
    for (int d = 0; d < 28; d++)
        for (int k = 0; k < 10; k++) {
            char subj[16];
            snprintf(subj, sizeof subj, "p%04d", 1000 + (d * 131 + k * 17) % 1000);
            one_look(s, "officer0", AT(d, 9 + k % 8, k), subj);
        }
    one_look(s, "officer1", AT(16, 11, 0), "p0395");
    one_look(s, "officer0", AT(20, 11, 0), "p0395");
}

/* officer20 looks at five colleagues' records without a case over the
 * month, one every few days; officers 0..9 each land once on a colleague's
 * record (each another's) in the same kind of work without a case. */
static void plant_colleague_snoop(sc *s)
{
    big_register(s);
    for (int i = 0; i < 10; i++)
        no_case_work(s, i, 0, 28);
    no_case_work(s, 20, 0, 28);
    char subj[16];
    for (int i = 0; i < 10; i++) {
        snprintf(subj, sizeof subj, "p%04d", 370 + i);
        char who[32];
        snprintf(who, sizeof who, "officer%d", i);
        one_look(s, who, AT(2 + 2 * i, 11, 30), subj);
    }
    for (int k = 0; k < 5; k++) {
        snprintf(subj, sizeof subj, "p%04d", 380 + k);
        one_look(s, "officer20", AT(3 + 5 * k, 15, 10), subj);
    }
}

typedef struct prot_case {
    const char *name;
    void (*plant)(sc *s);
    const char *subject; /* the protected alerts about it: */
    int alerts;          /* how many */
    int actors;          /* how many actors the first one names (0: not checked) */
    const char *reason;  /* text its reason holds, or NULL */
    const char *top[4];  /* each ranked in the top 5 of `risk`, above clerk7 */
    /* low's risk score is above 0 and below high's (NULL: not checked) */
    const char *low, *high;
    /* each of these ranks below `high` in `risk` (or not at all) */
    const char *below[10];
} prot_case;

static const prot_case cases[] = {
    {"VIP burst: one alert naming all four; each of them in the top of risk",
     plant_vip_burst,
     "p0395",
     1,
     4,
     "VIP record p0395 looked up without a case by 4 staff within 24 hours: clerk1, tax2, "
     "officer3, clerk4",
     {"clerk1", "tax2", "officer3", "clerk4"},
     NULL,
     NULL,
     {0}},
    {"VIP burst: each of the four weighs more than one person alone on a VIP",
     plant_vip_burst_and_one,
     "p0395",
     1,
     4,
     NULL,
     {"clerk1", "tax2", "officer3", "clerk4"},
     "officer9",
     "clerk4",
     {0}},
    {"VIP burst over two ingests: still one alert naming all four",
     plant_vip_burst_split,
     "p0395",
     1,
     4,
     "by 4 staff within 24 hours: clerk1, tax2, officer3, clerk4",
     {"clerk1", "tax2", "officer3", "clerk4"},
     NULL,
     NULL,
     {0}},
    {"one VIP snoop: an alert, first in risk",
     plant_vip_one,
     "p0395",
     1,
     1,
     "Looked up the record of a VIP (p0395) without a case",
     {"clerk1"},
     NULL,
     NULL,
     {0}},
    {"VIP looked up three days apart: one alert per window",
     plant_vip_apart,
     "p0395",
     2,
     0,
     NULL,
     {"clerk1", "tax2"},
     NULL,
     NULL,
     {0}},
    {"VIP under a covering case: no alert",
     plant_vip_case,
     "p0250",
     0,
     0,
     NULL,
     {0},
     NULL,
     NULL,
     {0}},
    {"30 staff on a colleague's record in a day: one alert; each weighs less than one alone",
     plant_colleague_crowd,
     "p0390",
     1,
     30,
     "Colleague's own record p0390 looked up without a case by 30 staff within 24 hours: "
     "officer0, officer1, officer2, officer3, officer4, officer5, officer6, officer7 and 22 more",
     {0},
     "officer5",
     "clerk2",
     {0}},
    {"crowd on a colleague's record read on the next day: the late ones weigh as the crowd",
     plant_crowd_next_day,
     "p0390",
     2,
     3,
     "by 3 staff within 24 hours: officer27, officer28, officer29, after 27 staff in the 24 hours"
     " before",
     {0},
     "officer28",
     "clerk2",
     {0}},
    {"one person on a VIP two days running: two alerts of their own, no burst",
     plant_vip_twice,
     "p0395",
     2,
     1,
     "Looked up the record of a VIP (p0395) without a case: 2 protected records so far",
     {0},
     NULL,
     NULL,
     {0}},
    {"sensitive person burst: one alert naming all four; each of them in the top of risk",
     plant_sensitive_burst,
     "p0396",
     1,
     4,
     "Sensitive person's record p0396 looked up without a case by 4 staff within 24 hours: "
     "clerk1, tax2, officer3, clerk4",
     {"clerk1", "tax2", "officer3", "clerk4"},
     NULL,
     NULL,
     {0}},
    {"one sensitive person snoop in a large register: an alert, first in risk",
     plant_sensitive_one,
     "p0396",
     1,
     1,
     "Looked up the record of a sensitive person (p0396) without a case",
     {"clerk1"},
     NULL,
     NULL,
     {0}},
    {"sensitive persons 1 in 400 of the register: one look-up weighs by chance alone",
     plant_sensitive_many,
     "p0396",
     1,
     1,
     "Looked up the record of a sensitive person (p0396) without a case",
     {0},
     "clerk1",
     "clerk7",
     {0}},
    /* Five colleagues where 1.1 would be expected (the peers meet
     * colleagues' records too: p = 0.005) weigh what that one count does,
     * not five times over; clerk7's look-ups at an odd hour are no lesser
     * signal, so the bar is the ten who met one colleague by chance. */
    {"colleague snooper, five colleagues over a month: above ten staff with one chance hit each",
     plant_colleague_snoop,
     "p0384",
     1,
     1,
     "5 protected records so far",
     {0},
     NULL,
     "officer20",
     {"officer0", "officer1", "officer2", "officer3", "officer4", "officer5", "officer6",
      "officer7", "officer8", "officer9"}},
    {"a household member's record: the relation rule's, no protected alert",
     plant_household,
     "p0399h",
     0,
     0,
     NULL,
     {0},
     NULL,
     NULL,
     {0}},
};

/* Loads, ingests events.jsonl (and events2.jsonl when there is one). */
static void run(sc *s)
{
    fclose(s->ev);
    s->ev = NULL;
    tu_run r = tu_wachter(s->dir, "load", s->dir, NULL);
    assert_int_equal(r.code, 0);
    tu_free(&r);
    const char *files[] = {"events.jsonl", "events2.jsonl"};
    for (int i = 0; i < 2; i++) {
        char path[512];
        snprintf(path, sizeof path, "%s/%s", s->dir, files[i]);
        if (i && access(path, F_OK) != 0) break;
        r = tu_wachter(s->dir, "ingest", path, NULL);
        if (r.code != 0) fail_msg("ingest of %s failed: %s", files[i], r.err);
        tu_free(&r);
    }
}

/* The protected alerts about subject, as JSON (owned), *n of them. */
static cJSON *about(const sc *s, const char *subject, int *n)
{
    tu_run r = tu_wachter(s->dir, "--format", "jsonl", "alerts", NULL);
    assert_int_equal(r.code, 0);
    cJSON *all = cJSON_CreateArray();
    *n = 0;
    for (char *line = strtok(r.out, "\n"); line; line = strtok(NULL, "\n")) {
        cJSON *a = cJSON_Parse(line);
        assert_non_null(a);
        int mine = strcmp(cJSON_GetObjectItem(a, "rule")->valuestring, "protected") == 0;
        const cJSON *x;
        int names = 0;
        cJSON_ArrayForEach(x, cJSON_GetObjectItem(a, "subjects")) names |=
            strcmp(x->valuestring, subject) == 0;
        if (mine && names) {
            cJSON_AddItemToArray(all, a);
            ++*n;
        } else {
            cJSON_Delete(a);
        }
    }
    tu_free(&r);
    return all;
}

/* The risk rows (owned), every actor's, below the default floor too: an
 * array of {"actor","score","rank",...}. */
static cJSON *risk(const sc *s)
{
    tu_run r = tu_wachter(s->dir, "--format", "jsonl", "risk", "--all", NULL);
    assert_int_equal(r.code, 0);
    cJSON *rows = cJSON_CreateArray();
    for (char *line = strtok(r.out, "\n"); line; line = strtok(NULL, "\n")) {
        cJSON *row = cJSON_Parse(line);
        assert_non_null(row);
        cJSON_AddItemToArray(rows, row);
    }
    tu_free(&r);
    return rows;
}

static const cJSON *risk_of(const cJSON *rows, const char *actor)
{
    const cJSON *row;
    cJSON_ArrayForEach(row, rows) if (strcmp(cJSON_GetObjectItem(row, "actor")->valuestring,
                                             actor) == 0) return row;
    return NULL;
}

static double score_of(const cJSON *rows, const char *actor)
{
    const cJSON *row = risk_of(rows, actor);
    if (!row) fail_msg("%s is not in the risk list", actor);
    return cJSON_GetObjectItem(row, "score")->valuedouble;
}

static void run_case(void **state)
{
    const prot_case *c = *state;
    sc s = sc_new();
    setup_org(&s);
    background(&s);
    c->plant(&s);
    run(&s);
    int n;
    cJSON *alerts = about(&s, c->subject, &n);
    char *text = cJSON_Print(alerts);
    if (n != c->alerts)
        fail_msg("%s: %d protected alerts about %s, want %d\n%s", c->name, n, c->subject, c->alerts,
                 text);
    const cJSON *first = cJSON_GetArrayItem(alerts, 0);
    if (c->actors) {
        const cJSON *who = cJSON_GetObjectItem(first, "actors");
        if (cJSON_GetArraySize(who) != c->actors)
            fail_msg("%s: the alert names %d actors, want %d\n%s", c->name, cJSON_GetArraySize(who),
                     c->actors, text);
    }
    if (c->reason && !strstr(cJSON_GetObjectItem(first, "reason")->valuestring, c->reason))
        fail_msg("%s: the reason does not say \"%s\"\n%s", c->name, c->reason, text);
    cJSON *rows = risk(&s);
    double busy = score_of(rows, "clerk7");
    for (int i = 0; i < 4 && c->top[i]; i++) {
        double mine = score_of(rows, c->top[i]);
        int rank = cJSON_GetObjectItem(risk_of(rows, c->top[i]), "rank")->valueint;
        if (mine <= busy || rank > 5)
            fail_msg("%s: %s has risk %.1f (rank %d), the busy colleague %.1f", c->name, c->top[i],
                     mine, rank, busy);
    }
    if (c->low) {
        double low = score_of(rows, c->low), high = score_of(rows, c->high);
        if (!(low > 0 && low < high))
            fail_msg("%s: %s has risk %.1f, %s %.1f", c->name, c->low, low, c->high, high);
    }
    for (int i = 0; i < 10 && c->below[i]; i++) {
        const cJSON *row = risk_of(rows, c->below[i]);
        double high = score_of(rows, c->high);
        if (row && cJSON_GetObjectItem(row, "score")->valuedouble >= high)
            fail_msg("%s: %s has risk %.1f, %s %.1f", c->name, c->below[i],
                     cJSON_GetObjectItem(row, "score")->valuedouble, c->high, high);
    }
    free(text);
    cJSON_Delete(rows);
    cJSON_Delete(alerts);
    sc_free(&s);
}

/* A VIP met by chance: the more of one's work is without a case, the
 * likelier. The VIP's own weight (protected.vip_weight, 45) counts in full
 * for officer1, who never works without a case, and for little from
 * officer0, whose 280 look-ups without a case in a register of 1,400 meet
 * one of its 3 VIPs and rare sensitive persons about every other month. */
static void test_vip_by_busy(void **state)
{
    (void)state;
    sc s = sc_new();
    setup_org(&s);
    background(&s);
    plant_vip_by_busy(&s);
    run(&s);
    int n;
    cJSON *alerts = about(&s, "p0395", &n);
    double busy = -1, rare = -1;
    const cJSON *a;
    cJSON_ArrayForEach(a, alerts)
    {
        const char *who = cJSON_GetObjectItem(a, "actor")->valuestring;
        double score = cJSON_GetObjectItem(a, "score")->valuedouble;
        if (strcmp(who, "officer0") == 0) busy = score;
        if (strcmp(who, "officer1") == 0) rare = score;
    }
    char *text = cJSON_Print(alerts);
    if (!(busy > 0 && busy < 20 && rare >= 45))
        fail_msg("officer0's VIP alert scores %.1f, officer1's %.1f:\n%s", busy, rare, text);
    free(text);
    cJSON_Delete(alerts);
    sc_free(&s);
}

int main(void)
{
    struct CMUnitTest tests[sizeof cases / sizeof *cases + 1];
    size_t n = 0;
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
        tests[n++] = (struct CMUnitTest){cases[i].name, run_case, NULL, NULL, (void *)&cases[i]};
    tests[n++] = (struct CMUnitTest){
        "a VIP looked up by one whose work is mostly without a case weighs less", test_vip_by_busy,
        NULL, NULL, NULL};
    return _cmocka_run_group_tests("protected", tests, n, NULL, NULL);
}
