/* Ingest as a user sees it: counts, the quarantine with file, line and
 * reason, idempotent re-ingest, and a crash mid-ingest that loses nothing. */
#include "scenario.h"
#include "store/store_int.h"

#include <sqlite3.h>

/* One value of sql (an integer) in the store dir/db. Opened for writing,
 * as wachter opens it: a kill in a file's ingest can leave the rollback
 * journal hot, and only a connection that may write rolls it back (a
 * read-only one gets SQLITE_READONLY). */
static long store_value(const char *dir, const char *db, const char *sql)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, db);
    sqlite3 *h;
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_open_v2(path, &h, SQLITE_OPEN_READWRITE, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_prepare_v2(h, sql, -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    long n = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    sqlite3_close(h);
    return n;
}

/* Whether every event stored at dir/db is posted for look-ups, once by
 * actor and once by subject when it names one: the postings commit with
 * the rows, whenever an ingest stops. */
static int all_posted(const char *dir, const char *db)
{
    return (int)store_value(
        dir, db,
        "SELECT (SELECT count(*) FROM events) = (SELECT coalesce(sum(n), 0) FROM post_runs"
        "  WHERE kind = 1) AND (SELECT count(*) FROM events WHERE subject <> '') ="
        " (SELECT coalesce(sum(n), 0) FROM post_runs WHERE kind = 0)");
}

static const char *mixed =
    "{\"id\":\"a1\",\"ts\":\"2026-03-02T09:00:00Z\",\"actor\":\"clerk0\",\"action\":\"view\","
    "\"subject\":\"p0001\"}\n"
    "this is not json\n"
    "\n"
    "{\"id\":\"a2\",\"ts\":\"2026-03-02T09:01:00Z\",\"actor\":\"clerk0\",\"action\":\"view\","
    "\"subject\":\"p0002\"}\n"
    "{\"id\":\"a3\",\"ts\":\"2026-03-02T09:02:00Z\",\"action\":\"view\"}\n"
    "{\"id\":\"a4\",\"ts\":\"2026-02-31T09:02:00Z\",\"actor\":\"clerk0\",\"action\":\"view\"}\n"
    "{\"id\":\"a5\",\"ts\":\"2026-03-02T09:03:00Z\",\"actor\":\"leaver\",\"action\":\"view\","
    "\"subject\":\"p0003\"}\n";

/* A scenario's reference data loaded into its store, and mixed written
 * beside it, at path (the events file the scenario opened is dropped). */
static sc mixed_loaded(char *path, size_t size)
{
    sc s = sc_new();
    fclose(s.ev);
    s.ev = NULL;
    tu_write(s.dir, "mixed.jsonl", mixed);
    snprintf(path, size, "%s/mixed.jsonl", s.dir);
    tu_run r = tu_wachter(s.dir, "load", s.dir, NULL);
    tu_free(&r);
    return s;
}

static void test_quarantine_and_counts(void **state)
{
    char path[512];
    sc s = mixed_loaded(path, sizeof path);
    tu_run r;
    r = tu_wachter(s.dir, "--format", "jsonl", "ingest", path, NULL);
    assert_int_equal(r.code, 0);
    assert_non_null(strstr(r.out, "\"read\":6,\"stored\":3,\"duplicates\":0,\"quarantined\":3"));
    /* Each bad line is reported where it is, with why. */
    assert_non_null(strstr(r.err, "mixed.jsonl:2: quarantined: malformed JSON"));
    assert_non_null(strstr(r.err, "mixed.jsonl:5: quarantined: missing required field 'actor'"));
    assert_non_null(strstr(r.err, "mixed.jsonl:6: quarantined: impossible time"));
    tu_free(&r);
    /* Every stored event is posted for the investigations' look-ups. */
    assert_int_equal(all_posted(s.dir, "t.db"), 1);
    r = tu_wachter(s.dir, "--format", "jsonl", "quarantine", NULL);
    assert_int_equal(tu_count_lines(r.out, "\"source\""), 3);
    assert_non_null(strstr(r.out, "\"line\":2,\"reason\":\"malformed JSON\""));
    assert_non_null(strstr(r.out, "\"raw\":\"this is not json\""));
    tu_free(&r);
    /* Again: nothing new stored, quarantined lines not doubled, no new alert. */
    r = tu_wachter(s.dir, "--format", "jsonl", "ingest", path, NULL);
    assert_non_null(strstr(r.out, "\"stored\":0,\"duplicates\":3,\"quarantined\":3,\"alerts\":0"));
    tu_free(&r);
    r = tu_wachter(s.dir, "--format", "jsonl", "quarantine", NULL);
    assert_int_equal(tu_count_lines(r.out, "\"source\""), 3);
    tu_free(&r);
    sc_free(&s);
}

/* Detect-only keeps no events, but its bad lines as a storing ingest
 * does: listed with file, line, reason and raw bytes, and not twice when
 * the file comes again (one thread, then two). */
static void test_detect_only_quarantines(void **state)
{
    char path[512];
    sc s = mixed_loaded(path, sizeof path);
    tu_run r;
    r = tu_wachter(s.dir, "--format", "jsonl", "ingest", "--detect-only", "--threads", "1", path,
                   NULL);
    assert_int_equal(r.code, 0);
    assert_non_null(strstr(r.out, "\"read\":6,\"stored\":0,\"duplicates\":0,\"quarantined\":3"));
    assert_non_null(strstr(r.err, "mixed.jsonl:2: quarantined: malformed JSON"));
    tu_free(&r);
    assert_int_equal(store_value(s.dir, "t.db", "SELECT count(*) FROM events"), 0);
    r = tu_wachter(s.dir, "--format", "jsonl", "quarantine", NULL);
    assert_int_equal(tu_count_lines(r.out, "\"source\""), 3);
    assert_non_null(strstr(r.out, "\"line\":5,\"reason\":\"missing required field 'actor'\""));
    assert_non_null(strstr(r.out, "\"raw\":\"this is not json\""));
    tu_free(&r);
    r = tu_wachter(s.dir, "--format", "jsonl", "ingest", "--detect-only", "--threads", "2", path,
                   NULL);
    assert_non_null(strstr(r.out, "\"quarantined\":3"));
    assert_null(strstr(r.err, "quarantined:"));
    tu_free(&r);
    r = tu_wachter(s.dir, "--format", "jsonl", "quarantine", NULL);
    assert_int_equal(tu_count_lines(r.out, "\"source\""), 3);
    tu_free(&r);
    sc_free(&s);
}

/* Writes n events of ordinary work plus a few planted ones into path. */
static void workload(sc *s)
{
    /* A ring over listed (p0370..) and unlisted (x0370..) subjects, whose
     * first half comes before any split point and second half after. */
    for (int i = 0; i < 4; i++) {
        char subj[16];
        snprintf(subj, sizeof subj, "%c%04d", i % 2 ? 'x' : 'p', 370 + i);
        sc_event(s, "clerk7", SC_DAY0 + 10 * TS_DAY_MS + 10 * TS_HOUR_MS + i * 60000, "view", subj,
                 "ws-c7", "");
    }
    sc_team(s, "clerk", 8, 0, 12, 30, 9, 17);
    for (int i = 0; i < 30; i++) {
        char subj[16];
        snprintf(subj, sizeof subj, "p%04d", 301 + i);
        sc_event(s, "clerk5", SC_DAY0 + 12 * TS_DAY_MS + 9 * TS_HOUR_MS + i * 60000, "view", subj,
                 "ws-c5", "");
    }
    sc_event(s, "leaver", SC_DAY0 + 12 * TS_DAY_MS, "view", "p0009", "ws-x", "");
    for (int i = 0; i < 4; i++) {
        char subj[16];
        snprintf(subj, sizeof subj, "%c%04d", i % 2 ? 'x' : 'p', 370 + i);
        sc_event(s, "tax3", SC_DAY0 + 11 * TS_DAY_MS + 10 * TS_HOUR_MS + i * 60000, "view", subj,
                 "ws-t3", "");
    }
}

static char *alerts_of(const char *dir)
{
    tu_run r = tu_wachter(dir, "--format", "jsonl", "alerts", NULL);
    free(r.err);
    return tu_unraised(r.out);
}

/* Ingests the first 1500 events in batches of 100, calls between(dir),
 * then ingests everything again (as an operator would after a crash), and
 * checks that this gives the same alerts as one clean ingest. */
static void split_ingest(void (*between)(const char *dir))
{
    sc s = sc_new();
    workload(&s);
    fclose(s.ev);
    s.ev = NULL;
    char whole[512], part[512], cmd[1200];
    snprintf(whole, sizeof whole, "%s/events.jsonl", s.dir);
    snprintf(part, sizeof part, "%s/part.jsonl", s.dir);
    snprintf(cmd, sizeof cmd, "head -n 1500 '%s' > '%s'", whole, part);
    assert_int_equal(system(cmd), 0);

    char *one = tu_tmpdir();
    tu_run r = tu_wachter(one, "load", s.dir, NULL);
    tu_free(&r);
    r = tu_wachter(one, "ingest", whole, NULL);
    tu_free(&r);
    char *a1 = alerts_of(one);
    /* The ring is there, listing the unlisted subjects too; the split run
     * only sees it through the state the first part saved. */
    assert_int_equal(sc_alerts(a1, "tax3", "convergence"), 1);
    assert_non_null(strstr(a1, "x0373"));

    r = tu_wachter(s.dir, "load", s.dir, NULL);
    tu_free(&r);
    r = tu_wachter(s.dir, "--format", "jsonl", "ingest", "--batch", "100", part, NULL);
    tu_free(&r);
    if (between) between(s.dir);
    r = tu_wachter(s.dir, "--format", "jsonl", "ingest", whole, NULL);
    assert_non_null(strstr(r.out, "\"duplicates\":1500"));
    tu_free(&r);
    char *a2 = alerts_of(s.dir);
    assert_string_equal(a1, a2);
    free(a1);
    free(a2);
    tu_rmdir(one);
    sc_free(&s);
}

/* The rule state log after 15 saves: a full copy first, the rows before
 * it gone. */
static void log_compacted(const char *dir)
{
    long first = store_value(dir, "t.db", "SELECT min(seq) FROM rule_log WHERE snapshot = 1");
    assert_true(first > 0);
    assert_int_equal(store_value(dir, "t.db", "SELECT min(seq) FROM rule_log"), first);
    assert_true(store_value(dir, "t.db", "SELECT count(*) FROM rule_log") < 15);
}

static void test_split_ingest_equals_whole(void **state)
{
    (void)state;
    split_ingest(log_compacted);
}

/* Rewrites the rule state log as the per-entry rows (rule_kv) that stores
 * written before schema 5 hold: 4-byte little-endian lengths, key, NUL,
 * value (store/store_rulelog.c). */
static void state_as_older_store(const char *dir)
{
    char path[512];
    snprintf(path, sizeof path, "%s/t.db", dir);
    sqlite3 *h;
    sqlite3_stmt *rd, *wr;
    assert_int_equal(sqlite3_open(path, &h), SQLITE_OK);
    assert_int_equal(sqlite3_exec(h, "BEGIN", NULL, NULL, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_prepare_v2(h, "SELECT rule, layout, data FROM rule_log ORDER BY seq",
                                        -1, &rd, NULL),
                     SQLITE_OK);
    assert_int_equal(
        sqlite3_prepare_v2(h, "INSERT OR REPLACE INTO rule_kv VALUES(?,?,?,?)", -1, &wr, NULL),
        SQLITE_OK);
    long entries = 0;
    while (sqlite3_step(rd) == SQLITE_ROW) {
        const unsigned char *p = sqlite3_column_blob(rd, 2);
        size_t n = (size_t)sqlite3_column_bytes(rd, 2), at = 0;
        while (at < n) {
            uint32_t kl = p[at] | p[at + 1] << 8 | p[at + 2] << 16 | (uint32_t)p[at + 3] << 24;
            const char *key = (const char *)p + at + 4;
            at += 4 + kl + 1;
            uint32_t vl = p[at] | p[at + 1] << 8 | p[at + 2] << 16 | (uint32_t)p[at + 3] << 24;
            sqlite3_bind_text(wr, 1, (const char *)sqlite3_column_text(rd, 0), -1, SQLITE_STATIC);
            sqlite3_bind_text(wr, 2, key, (int)kl, SQLITE_STATIC);
            sqlite3_bind_int64(wr, 3, sqlite3_column_int64(rd, 1));
            sqlite3_bind_blob(wr, 4, p + at + 4, (int)vl, SQLITE_STATIC);
            assert_int_equal(sqlite3_step(wr), SQLITE_DONE);
            sqlite3_reset(wr);
            at += 4 + vl;
            entries++;
        }
        assert_int_equal(at, n);
    }
    sqlite3_finalize(rd);
    sqlite3_finalize(wr);
    assert_true(entries > 0);
    assert_int_equal(sqlite3_exec(h, "DELETE FROM rule_log; COMMIT", NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(h);
}

static void test_older_store_keeps_rule_state(void **state)
{
    (void)state;
    split_ingest(state_as_older_store);
}

static void test_damaged_rule_state_is_reported(void **state)
{
    /* The rule state is the only record of what detection learned: a
     * damaged row stops the ingest with a message that says what to do,
     * rather than detection quietly starting from nothing. */
    (void)state;
    sc s = sc_new();
    workload(&s);
    fclose(s.ev);
    s.ev = NULL;
    char whole[512], path[512];
    snprintf(whole, sizeof whole, "%s/events.jsonl", s.dir);
    snprintf(path, sizeof path, "%s/t.db", s.dir);
    tu_run r = tu_wachter(s.dir, "load", s.dir, NULL);
    tu_free(&r);
    r = tu_wachter(s.dir, "ingest", whole, NULL);
    assert_int_equal(r.code, 0);
    tu_free(&r);
    sqlite3 *h;
    assert_int_equal(sqlite3_open(path, &h), SQLITE_OK);
    assert_int_equal(sqlite3_exec(h, "UPDATE rule_log SET data = substr(data, 1, length(data) - 3)",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
    assert_true(sqlite3_changes(h) > 0);
    sqlite3_close(h);
    r = tu_wachter(s.dir, "ingest", whole, NULL);
    assert_int_not_equal(r.code, 0);
    assert_non_null(strstr(r.err, "the saved state of rule convergence is damaged"));
    tu_free(&r);
    sc_free(&s);
}

static long field(const char *json, const char *name)
{
    char key[64];
    snprintf(key, sizeof key, "\"%s\":", name);
    const char *p = strstr(json, key);
    assert_non_null(p);
    return atol(p + strlen(key));
}

static char *slurp(const char *dir, const char *name)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    char *text = calloc(1, 4096);
    fread(text, 1, 4095, f);
    fclose(f);
    return text;
}

static void test_killed_ingest_loses_nothing_acknowledged(void **state)
{
    /* A real kill -9 in the middle of a large ingest: what was committed
     * stays, and ingesting the file again completes the store exactly. */
    const char *bin = getenv("WACHTER");
    if (!bin) skip();
    sc s = sc_new();
    for (int rep = 0; rep < 60; rep++)
        workload(&s);
    fclose(s.ev);
    s.ev = NULL;
    char cmd[2048];
    snprintf(cmd, sizeof cmd,
             "cd '%s' && '%s' --db k.db load . >/dev/null && "
             "('%s' --db k.db ingest --batch 500 events.jsonl >/dev/null 2>&1 & p=$!; "
             "sleep 0.3; kill -9 $p; wait $p 2>/dev/null; true)",
             s.dir, bin, bin);
    assert_int_equal(system(cmd), 0);
    /* What the kill left committed is posted, no more and no less. */
    assert_int_equal(all_posted(s.dir, "k.db"), 1);
    snprintf(
        cmd, sizeof cmd,
        "cd '%s' && '%s' --db k.db --format jsonl ingest events.jsonl > second.json 2>/dev/null"
        " && "
        "'%s' --db k.db --format jsonl ingest events.jsonl > third.json 2>/dev/null",
        s.dir, bin, bin);
    assert_int_equal(system(cmd), 0);
    assert_int_equal(all_posted(s.dir, "k.db"), 1);
    char *second = slurp(s.dir, "second.json"), *third = slurp(s.dir, "third.json");
    long total = s.n;
    /* What the killed run committed comes back as duplicates; the rest is new. */
    assert_int_equal(field(second, "read"), total);
    assert_int_equal(field(second, "stored") + field(second, "duplicates"), total);
    assert_int_equal(field(third, "stored"), 0);
    assert_int_equal(field(third, "duplicates"), total);
    if (field(second, "duplicates") == 0 || field(second, "stored") == 0)
        print_message("note: the kill did not land mid-ingest (%ld committed)\n",
                      field(second, "duplicates"));
    free(second);
    free(third);
    sc_free(&s);
}

static void test_detect_only_raises_same_alerts(void **state)
{
    sc s = sc_new();
    workload(&s);
    fclose(s.ev);
    s.ev = NULL;
    char whole[512];
    snprintf(whole, sizeof whole, "%s/events.jsonl", s.dir);
    tu_run r = tu_wachter(s.dir, "load", s.dir, NULL);
    tu_free(&r);
    r = tu_wachter(s.dir, "--format", "jsonl", "ingest", "--detect-only", whole, NULL);
    assert_int_equal(r.code, 0);
    const char *p = strstr(r.out, "\"alerts\":");
    assert_non_null(p);
    long detect_only = atol(p + 9);
    tu_free(&r);
    /* The same events stored, into a store of their own. */
    char *dir = tu_tmpdir();
    r = tu_wachter(dir, "load", s.dir, NULL);
    tu_free(&r);
    r = tu_wachter(dir, "--format", "jsonl", "ingest", whole, NULL);
    p = strstr(r.out, "\"alerts\":");
    long stored = atol(p + 9);
    tu_free(&r);
    assert_true(stored > 0);
    assert_int_equal(detect_only, stored);
    /* and the alerts listed afterwards are the same */
    tu_run a = tu_wachter(s.dir, "--format", "jsonl", "alerts", NULL);
    tu_run b = tu_wachter(dir, "--format", "jsonl", "alerts", NULL);
    assert_int_equal(tu_count_lines(a.out, "\"id\""), stored);
    assert_string_equal(tu_unraised(a.out), tu_unraised(b.out));
    tu_free(&b);
    /* Detect-only kept no events; run again, it raises nothing anew. */
    assert_int_equal(store_value(s.dir, "t.db", "SELECT count(*) FROM events"), 0);
    r = tu_wachter(s.dir, "--format", "jsonl", "ingest", "--detect-only", whole, NULL);
    assert_non_null(strstr(r.out, "\"alerts\":0,"));
    tu_free(&r);
    b = tu_wachter(s.dir, "--format", "jsonl", "alerts", NULL);
    assert_string_equal(a.out, tu_unraised(b.out));
    tu_free(&a);
    tu_free(&b);
    tu_rmdir(dir);
    sc_free(&s);
}

static void test_load_reports_bad_rows(void **state)
{
    char *dir = tu_tmpdir();
    tu_write(dir, "actors.csv",
             "actor,unit,role,start,end\n"
             "a1,x,clerk,2025-01-01,\n"
             ",x,clerk,2025-01-01,\n"
             "a3,x,clerk,first of May,\n"
             "\"a4\",\"unit, with comma\",clerk,2025-01-01,2026-01-01\n");
    tu_write(dir, "incidents.csv", "incident,subject\nI1,p1\n");
    tu_run r = tu_wachter(dir, "load", dir, NULL);
    assert_int_equal(r.code, 3);
    assert_non_null(strstr(r.err, "actors.csv:3: column 'actor' is empty"));
    assert_non_null(strstr(r.err, "actors.csv:4: column 'start': unreadable time 'first of May'"));
    assert_non_null(strstr(r.err, "incidents.csv:1: header lacks required column 'ts'"));
    /* Issue 33: a file with a bad row is not loaded at all (it was: the
     * good rows were, "loaded 2 rows"). */
    assert_non_null(strstr(r.out, "loaded 0 rows from 0 files; 2 files not loaded (3 bad rows)"));
    assert_int_equal(tu_count_of(dir, "SELECT count(*) FROM actors"), 0);
    tu_free(&r);
    tu_rmdir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_quarantine_and_counts),
        cmocka_unit_test(test_split_ingest_equals_whole),
        cmocka_unit_test(test_older_store_keeps_rule_state),
        cmocka_unit_test(test_damaged_rule_state_is_reported),
        cmocka_unit_test(test_killed_ingest_loses_nothing_acknowledged),
        cmocka_unit_test(test_detect_only_raises_same_alerts),
        cmocka_unit_test(test_detect_only_quarantines),
        cmocka_unit_test(test_load_reports_bad_rows),
    };
    return cmocka_run_group_tests_name("ingest", tests, NULL, NULL);
}
