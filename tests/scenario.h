/* scenario — builds small organisations and event streams for the
 * detection tests: a background of ordinary, explained work, on which each
 * test plants the one thing it is about. */
#ifndef WACHTER_SCENARIO_H
#define WACHTER_SCENARIO_H
#include "testutil.h"

#include <cJSON.h>

#include "normalise/ts.h"

/* 2026-03-02T00:00:00Z, a Monday. */
#define SC_DAY0 INT64_C(1772409600000)

typedef struct sc {
    char *dir;
    FILE *ev;
    long n;
} sc;

/* Staff: a day unit (burgerzaken, clerks), a night unit (meldkamer),
 * a second day unit (belastingen). Subjects p0001..p0400 live at distinct
 * addresses; cases C-<unit> link p0001..p0300 to each unit. */
static inline sc sc_new(void)
{
    sc s = {tu_tmpdir(), NULL, 0};
    char path[512];
    FILE *f;
    snprintf(path, sizeof path, "%s/actors.csv", s.dir);
    f = fopen(path, "w");
    fprintf(f, "actor,unit,role,start,end,person,surname,postcode,house_number\n");
    for (int i = 0; i < 8; i++)
        fprintf(f, "clerk%d,burgerzaken,clerk,2020-01-01,,9%08d,Surname%d,1000AA,%d\n", i, i, i,
                i + 100);
    for (int i = 0; i < 5; i++)
        fprintf(f, "night%d,meldkamer,operator,2020-01-01,,8%08d,Nacht%d,2000AA,%d\n", i, i, i,
                i + 1);
    for (int i = 0; i < 5; i++)
        fprintf(f, "tax%d,belastingen,clerk,2020-01-01,,7%08d,Tax%d,3000AA,%d\n", i, i, i, i + 1);
    fprintf(f, "leaver,burgerzaken,clerk,2020-01-01,2026-03-05,,,,\n");
    fclose(f);
    snprintf(path, sizeof path, "%s/subjects.csv", s.dir);
    f = fopen(path, "w");
    fprintf(f, "subject,surname,postcode,house_number\n");
    for (int i = 1; i <= 400; i++)
        fprintf(f, "p%04d,%s,%04dBB,%d\n", i, i % 3 ? "Jansen" : "de Vries", 4000 + i, i);
    fclose(f);
    snprintf(path, sizeof path, "%s/cases.csv", s.dir);
    f = fopen(path, "w");
    fprintf(f, "case,subject,opened,closed\n");
    const char *units[] = {"burgerzaken", "meldkamer", "belastingen"};
    for (int u = 0; u < 3; u++)
        for (int i = 1; i <= 300; i++)
            fprintf(f, "C-%s,p%04d,2026-01-01,\n", units[u], i);
    fclose(f);
    snprintf(path, sizeof path, "%s/case_assignments.csv", s.dir);
    f = fopen(path, "w");
    fprintf(f, "case,assignee,from,to\n");
    for (int u = 0; u < 3; u++)
        fprintf(f, "C-%s,unit:%s,2026-01-01,\n", units[u], units[u]);
    fclose(f);
    snprintf(path, sizeof path, "%s/events.jsonl", s.dir);
    s.ev = fopen(path, "w");
    return s;
}

/* Appends one event; subject may be "" and extra may be "" or ",\"k\":v". */
static inline void sc_event(sc *s, const char *actor, int64_t ts, const char *action,
                            const char *subject, const char *client, const char *extra)
{
    char t[32];
    ts_format(ts, t);
    fprintf(s->ev,
            "{\"id\":\"t%ld\",\"ts\":\"%s\",\"actor\":\"%s\",\"system\":\"brp\",\"action\":\"%s\","
            "\"subject\":\"%s\",\"client\":\"%s\"%s}\n",
            s->n++, t, actor, action, subject, client, extra);
}

/* Ordinary work: per day `per_day` explained views between hour h0 and h1
 * (h1 < h0 wraps past midnight), from client, for days [d0, d1). */
static inline void sc_work(sc *s, const char *actor, int d0, int d1, int per_day, int h0, int h1,
                           const char *client)
{
    int span = h1 > h0 ? h1 - h0 : h1 + 24 - h0;
    for (int d = d0; d < d1; d++)
        for (int k = 0; k < per_day; k++) {
            int64_t ts = SC_DAY0 + d * TS_DAY_MS + (int64_t)h0 * TS_HOUR_MS +
                         (int64_t)k * span * TS_HOUR_MS / per_day;
            char subj[16];
            snprintf(subj, sizeof subj, "p%04d", 1 + (d * 37 + k * 11) % 300);
            sc_event(s, actor, ts, "view", subj, client, "");
        }
}

/* sc_work for a team: n actors PREFIX0 .. PREFIX(n-1), each from a
 * workstation of its own, ws-X0 .. (X: the prefix's first letter). */
static inline void sc_team(sc *s, const char *prefix, int n, int d0, int d1, int per_day, int h0,
                           int h1)
{
    char who[32], ws[32];
    for (int i = 0; i < n; i++) {
        snprintf(who, sizeof who, "%s%d", prefix, i);
        snprintf(ws, sizeof ws, "ws-%c%d", prefix[0], i);
        sc_work(s, who, d0, d1, per_day, h0, h1, ws);
    }
}

/* Appends text to the file name of s's reference data (e.g. a line of
 * actors.csv). */
static inline void sc_append(const sc *s, const char *name, const char *text)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", s->dir, name);
    FILE *f = fopen(path, "a");
    if (!f) fail_msg("cannot open %s", path);
    fputs(text, f);
    fclose(f);
}

/* Closes the event file, loads and ingests; returns the alerts as JSON lines
 * (owned). */
static inline char *sc_run(sc *s)
{
    fclose(s->ev);
    s->ev = NULL;
    tu_run r = tu_wachter(s->dir, "load", s->dir, NULL);
    assert_int_equal(r.code, 0);
    tu_free(&r);
    char path[512];
    snprintf(path, sizeof path, "%s/events.jsonl", s->dir);
    r = tu_wachter(s->dir, "ingest", path, NULL);
    if (r.code != 0) fail_msg("ingest failed: %s", r.err);
    tu_free(&r);
    r = tu_wachter(s->dir, "--format", "jsonl", "alerts", NULL);
    assert_int_equal(r.code, 0);
    free(r.err);
    return r.out;
}

/* Number of alerts of rule for actor in the alerts text. */
static inline int sc_alerts(const char *alerts, const char *actor, const char *rule)
{
    char needle[160];
    snprintf(needle, sizeof needle, "\"actor\":\"%s\",\"rule\":\"%s\"", actor, rule);
    return tu_count_lines(alerts, needle);
}

/* Whether an alert of actor and rule in the alerts text says text. */
static inline int sc_says(const char *alerts, const char *actor, const char *rule, const char *text)
{
    char needle[160];
    snprintf(needle, sizeof needle, "\"actor\":\"%s\",\"rule\":\"%s\"", actor, rule);
    for (const char *l = alerts; (l = strstr(l, needle)) != NULL; l++) {
        const char *end = strchr(l, '\n'), *t = strstr(l, text);
        if (t && (!end || t < end)) return 1;
    }
    return 0;
}

/* Fails test `name` unless the alerts text has alerts of actor and rule
 * (present 1) or none (0); at most at_most of them when at_most > 0; one
 * of them saying reason when reason is not NULL. */
static inline void sc_expect_alerts(const char *name, const char *alerts, const char *actor,
                                    const char *rule, int present, const char *reason, int at_most)
{
    int n = sc_alerts(alerts, actor, rule);
    if ((n > 0) != present)
        fail_msg("%s: %s has %d %s alerts, want %s\n%s", name, actor, n, rule,
                 present ? "some" : "none", alerts);
    if (at_most && n > at_most)
        fail_msg("%s: %s has %d %s alerts, want at most %d\n%s", name, actor, n, rule, at_most,
                 alerts);
    if (reason && !sc_says(alerts, actor, rule, reason))
        fail_msg("%s: no %s alert of %s says \"%s\"\n%s", name, rule, actor, reason, alerts);
}

/* `risk --all --format jsonl` of the store (owned): every actor with an
 * alert that counts, below the default floor too. */
static inline char *sc_risk(const sc *s)
{
    tu_run r = tu_wachter(s->dir, "--format", "jsonl", "risk", "--all", NULL);
    assert_int_equal(r.code, 0);
    char *out = strdup(r.out);
    tu_free(&r);
    return out;
}

/* The first of the JSON lines in text that holds needle, parsed (owned:
 * cJSON_Delete it), or NULL. */
static inline cJSON *sc_line_with(const char *text, const char *needle)
{
    const char *at = strstr(text, needle);
    if (!at) return NULL;
    while (at > text && at[-1] != '\n')
        at--;
    char *line = strndup(at, strcspn(at, "\n"));
    cJSON *j = cJSON_Parse(line);
    assert_non_null(j);
    free(line);
    return j;
}

/* actor's score in risk (sc_risk's text; 0: not on the list), its rank
 * (0: not on the list) through *rank. */
static inline double sc_risk_score(const char *risk, const char *actor, int *rank)
{
    char needle[64];
    snprintf(needle, sizeof needle, "{\"actor\":\"%s\",", actor);
    cJSON *j = sc_line_with(risk, needle);
    *rank = 0;
    if (!j) return 0;
    double score = cJSON_GetObjectItem(j, "score")->valuedouble;
    *rank = cJSON_GetObjectItem(j, "rank")->valueint;
    cJSON_Delete(j);
    return score;
}

static inline void sc_free(sc *s)
{
    if (s->ev) fclose(s->ev);
    tu_rmdir(s->dir);
}
#endif
