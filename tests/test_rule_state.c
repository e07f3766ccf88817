/* Saved detection state is versioned per rule: when one rule's saved state
 * is of another version (the rule was changed), only that rule learns
 * again, and says so; every other rule keeps its baselines and raises the
 * alerts it would have raised had nothing changed.
 *
 * A synthetic organisation's log is ingested in two parts. Against the
 * uninterrupted run (part 1, then part 2) and a run of part 2 alone into
 * an empty store, each row of the table below ingests part 1, makes the
 * saved state of one rule of another version, as a version bump of that
 * rule does, and ingests part 2. */
#include <sqlite3.h>
#include <time.h>

#include "demo_gen.h"
#include "detect/rules.h"
#include "testutil.h"
#include "util/strmap.h"

typedef struct fixture {
    char *dir; /* org/ (reference data), part1.jsonl, part2.jsonl */
    char org[600], part1[600], part2[600];
    char *whole, *fresh; /* stores: parts 1 and 2; part 2 alone */
} fixture;

static void exec_sql(const char *dir, const char *sql)
{
    char path[700];
    snprintf(path, sizeof path, "%s/t.db", dir);
    sqlite3 *db;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    if (sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK) fail_msg("%s", sqlite3_errmsg(db));
    sqlite3_close(db);
}

/* Loads the organisation into a new store and ingests the parts given
 * (NULL-terminated); returns the store's directory. *err gets the last
 * ingest's standard error (owned) when err is not NULL. */
static char *store_with(const fixture *f, void (*between)(const char *dir, const void *arg),
                        const void *arg, char **err, const char *first, const char *second)
{
    char *dir = tu_tmpdir();
    tu_run t = tu_wachter(dir, "load", f->org, NULL);
    assert_int_equal(t.code, 0);
    tu_free(&t);
    if (first) {
        t = tu_wachter(dir, "ingest", first, NULL);
        assert_int_equal(t.code, 0);
        tu_free(&t);
    }
    if (between) between(dir, arg);
    t = tu_wachter(dir, "ingest", second, NULL);
    if (t.code != 0) fail_msg("ingest failed: %s", t.err);
    if (err) *err = t.err, t.err = NULL;
    tu_free(&t);
    return dir;
}

/* Splits events into the lines before the first event of day `cut` of the
 * log, and the rest. */
static void split(const char *events, const char *p1, const char *p2, const char *cut)
{
    FILE *in = fopen(events, "r"), *a = fopen(p1, "w"), *b = fopen(p2, "w");
    assert_true(in && a && b);
    char line[8192];
    int second = 0;
    while (fgets(line, sizeof line, in)) {
        if (!second && strstr(line, cut)) second = 1;
        fputs(line, second ? b : a);
    }
    fclose(in);
    fclose(a);
    fclose(b);
}

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    f->dir = tu_tmpdir();
    snprintf(f->org, sizeof f->org, "%s/org", f->dir);
    snprintf(f->part1, sizeof f->part1, "%s/part1.jsonl", f->dir);
    snprintf(f->part2, sizeof f->part2, "%s/part2.jsonl", f->dir);
    demo_opts o;
    demo_opts_init(&o);
    o.actors = 60;
    o.days = 20;
    o.seed = 7;
    demo_truth *t = NULL;
    char err[256], events[700], first[32];
    if (demo_generate(&o, f->org, &t, err, sizeof err) != 0) fail_msg("%s", err);
    demo_truth_free(t);
    snprintf(events, sizeof events, "%s/events.jsonl", f->org);
    /* The day halfway through the log: "ts":"YYYY-MM-DD of its first line. */
    FILE *in = fopen(events, "r");
    char line[8192];
    assert_non_null(fgets(line, sizeof line, in));
    fclose(in);
    const char *ts = strstr(line, "\"ts\":\"");
    assert_non_null(ts);
    int y, m, d;
    assert_int_equal(sscanf(ts + 6, "%d-%d-%d", &y, &m, &d), 3);
    struct tm day = {.tm_year = y - 1900, .tm_mon = m - 1, .tm_mday = d + o.days / 2};
    time_t when = timegm(&day);
    strftime(first, sizeof first, "\"ts\":\"%Y-%m-%d", gmtime(&when));
    split(events, f->part1, f->part2, first);
    f->whole = store_with(f, NULL, NULL, NULL, f->part1, f->part2);
    f->fresh = store_with(f, NULL, NULL, NULL, NULL, f->part2);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    tu_rmdir(f->whole);
    tu_rmdir(f->fresh);
    tu_rmdir(f->dir);
    free(f);
    return 0;
}

/* ---- what each row checks ---- */

/* Where rule's part of an actor state blob lies, from the layout the
 * store describes (table meta, "name version off size" per part). */
static void part_of(const char *dir, const char *rule, long *off, long *size)
{
    char *v = tu_rows(dir, "SELECT value FROM meta WHERE key LIKE 'state_layout:%'");
    char want[64];
    snprintf(want, sizeof want, "%s ", rule);
    const char *p = v;
    while ((p = strstr(p, want)) && p != v && p[-1] != ';')
        p++;
    if (!p) fail_msg("no part %s in the layout: %s", rule, v);
    long version;
    assert_int_equal(sscanf(p + strlen(want), "%ld %ld %ld", &version, off, size), 3);
    free(v);
}

/* Each actor's part of rule's state, where not all zero. */
static char *actor_part(const char *dir, const char *rule)
{
    long off, size;
    part_of(dir, rule, &off, &size);
    char sql[300];
    snprintf(sql, sizeof sql,
             "SELECT actor, hex(substr(state, %ld, %ld)) AS p FROM actor_state"
             " WHERE p <> hex(zeroblob(%ld)) ORDER BY actor",
             off + 1, size, size);
    return tu_rows(dir, sql);
}

/* The rule's global state as saved. */
static char *global_part(const char *dir, const char *rule)
{
    char sql[200];
    snprintf(sql, sizeof sql,
             "SELECT snapshot, hex(data) FROM rule_log WHERE rule = '%s' ORDER BY seq", rule);
    return tu_rows(dir, sql);
}

static char *alerts_but(const char *dir, const char *rule)
{
    char sql[300];
    snprintf(sql, sizeof sql,
             "SELECT id, ts, actor, rule, severity, score, reason FROM alerts WHERE rule <> '%s'"
             " ORDER BY id",
             rule);
    return tu_rows(dir, sql);
}

/* Makes rule's saved state of an older version, as a build where the
 * rule was at version 0 would have saved it: the actor states under
 * another layout id, whose description has the rule's part at version 0,
 * and its global state's rows. */
/* The rule's current state version. */
static unsigned version_of(const char *rule)
{
    size_t n;
    const rule_def *const *rules = rules_all(&n);
    for (size_t i = 0; i < n; i++)
        if (strcmp(rules[i]->name, rule) == 0) return rules[i]->version;
    fail_msg("no rule %s", rule);
    return 0;
}

static void older(const char *dir, const void *arg)
{
    const char *rule = arg;
    char sql[500];
    unsigned v = version_of(rule);
    assert_int_equal(tu_count_of(dir, "SELECT count(*) FROM meta WHERE key LIKE 'state_layout:%'"),
                     1);
    snprintf(
        sql, sizeof sql,
        "UPDATE meta SET key = 'state_layout:12345', value = replace(value, ';%s %u ', ';%s %u ')"
        " WHERE key LIKE 'state_layout:%%';"
        "UPDATE actor_state SET layout = 12345;"
        "UPDATE rule_log SET layout = layout - 1 WHERE rule = '%s';",
        rule, v, rule, v - 1, rule);
    exec_sql(dir, sql);
}

typedef struct row {
    const char *rule;
    int global;   /* its state is global (rule_log), else per actor */
    int as_fresh; /* its state depends on nothing but its own: after part
                   * 2 it is what part 2 alone teaches */
} row;

/* Every rule with saved state but employment, which part 1 of this log
 * teaches nothing (its leaver leaves in part 2). */
static const row table[] = {
    {"volume", 0, 1},   {"unexplained", 0, 1}, {"first_use", 0, 1},
    {"bulk", 0, 1},     {"protected", 0, 1},   {"relation", 0, 1},
    {"incident", 0, 1}, {"off_pattern", 0, 0}, {"convergence", 1, 1},
};

static void test_one_rule_learns_again(void **state)
{
    const fixture *f = *state;
    for (size_t i = 0; i < sizeof table / sizeof *table; i++) {
        const row *r = &table[i];
        char *err;
        char *dir = store_with(f, older, r->rule, &err, f->part1, f->part2);
        /* Said once, for that rule alone. */
        char note[200];
        snprintf(note, sizeof note,
                 "wachter ingest: rule %s: saved state is of an older version; it learns again\n",
                 r->rule);
        assert_string_equal(err, note);
        /* Every other rule: as if nothing had happened. */
        char *want = alerts_but(f->whole, r->rule), *got = alerts_but(dir, r->rule);
        if (strcmp(want, got) != 0) fail_msg("%s: other rules' alerts differ", r->rule);
        free(want);
        free(got);
        /* That rule: learned again from part 2 alone. */
        char *(*part)(const char *, const char *) = r->global ? global_part : actor_part;
        char *whole = part(f->whole, r->rule), *fresh = part(f->fresh, r->rule);
        char *mine = part(dir, r->rule);
        if (strcmp(whole, fresh) == 0) fail_msg("%s: part 1 taught it nothing", r->rule);
        if (strcmp(mine, whole) == 0) fail_msg("%s: kept what part 1 taught it", r->rule);
        if (r->as_fresh && strcmp(mine, fresh) != 0)
            fail_msg("%s: not what part 2 alone teaches", r->rule);
        free(whole);
        free(fresh);
        free(mine);
        free(err);
        tu_rmdir(dir);
    }
}

/* Stores saved before per-rule versions tagged all state with one id over
 * the rules' names and slot sizes: every rule keeps what it learned. */
static uint64_t legacy_id(void)
{
    size_t n;
    const rule_def *const *rules = rules_all(&n);
    uint64_t id = hash64("wachter-state-1", 15);
    char shape[96];
    for (size_t i = 0; i < n; i++) {
        int len = snprintf(shape, sizeof shape, "%s:%zu", rules[i]->name, rules[i]->actor_state);
        id = id * 31 + hash64(shape, (size_t)len);
    }
    return id & 0x7FFFFFFFFFFFFFFFULL;
}

static void as_before_versions(const char *dir, const void *arg)
{
    (void)arg;
    char sql[400];
    unsigned long long id = legacy_id();
    snprintf(sql, sizeof sql,
             "UPDATE actor_state SET layout = %llu; UPDATE rule_log SET layout = %llu;"
             "DELETE FROM meta WHERE key LIKE 'state_layout:%%';",
             id, id);
    exec_sql(dir, sql);
}

static void test_state_saved_before_versions_is_kept(void **state)
{
    const fixture *f = *state;
    char *err;
    char *dir = store_with(f, as_before_versions, NULL, &err, f->part1, f->part2);
    /* Legacy state is version 1 of every rule: a rule whose state has
     * changed since (version 2 or later) learns again, and says so. */
    char notes[1000] = "";
    const char *moved = "";
    size_t nr;
    const rule_def *const *rules = rules_all(&nr);
    for (size_t i = 0; i < nr; i++)
        if (rules[i]->version > 1) {
            size_t len = strlen(notes);
            snprintf(notes + len, sizeof notes - len,
                     "wachter ingest: rule %s: saved state is of an older version; it learns"
                     " again\n",
                     rules[i]->name);
            moved = rules[i]->name; /* (one at most, for alerts_but) */
        }
    assert_string_equal(err, notes);
    char *want = alerts_but(f->whole, moved), *got = alerts_but(dir, moved);
    assert_string_equal(want, got);
    free(want);
    free(got);
    /* (A global state's rows differ: the legacy ones are replaced by a
     * full copy at the first save. Its alerts are the same.) */
    for (size_t i = 0; i < sizeof table / sizeof *table; i++) {
        if (table[i].global || version_of(table[i].rule) > 1) continue;
        char *a = actor_part(f->whole, table[i].rule), *b = actor_part(dir, table[i].rule);
        if (strcmp(a, b) != 0) fail_msg("%s: state differs", table[i].rule);
        free(a);
        free(b);
    }
    free(err);
    tu_rmdir(dir);
}

/* Versions start at 1: a rule_def that leaves it out (0) is a mistake. */
static void test_every_rule_has_a_version(void **state)
{
    (void)state;
    size_t n;
    const rule_def *const *rules = rules_all(&n);
    for (size_t i = 0; i < n; i++)
        if (rules[i]->version < 1) fail_msg("rule %s has no state version", rules[i]->name);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_rule_has_a_version),
        cmocka_unit_test(test_one_rule_learns_again),
        cmocka_unit_test(test_state_saved_before_versions_is_kept),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
