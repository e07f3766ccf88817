/* The store's event identity and its migrations, as an operator meets them:
 * a store written by the previous schema opens with its events intact and
 * still recognises them as duplicates; an id a source reuses at another
 * time is kept as the new event it is; events stored eight at a time are
 * told apart from duplicates and hash collisions as one at a time.
 * Look-ups are found by subject and actor at the edges of days and years
 * apart (their postings carry the day). */
#include "testutil.h"
#include "store/store_int.h"

#include <sqlite3.h>

#include "input/ev_parse.h"
#include "store/schema.h"
#include "store/store_alerts.h"
#include "store/store_events.h"
#include "store/store_rowid.h"
#include "store/store_upgrade.h"
#include "util/arena.h"
#include "util/strmap.h"

static const char *lines[] = {
    "{\"id\":\"a1\",\"ts\":\"2026-03-02T09:00:00Z\",\"actor\":\"clerk0\",\"action\":\"view\","
    "\"subject\":\"p0001\"}",
    "{\"id\":\"a2\",\"ts\":\"2026-03-02T09:01:00Z\",\"actor\":\"clerk0\",\"action\":\"view\","
    "\"subject\":\"p0002\"}",
};

/* A store as schema version (2 to 7) left it, holding the events of
 * text[0..n) under rowids first, first + 1, ... (their arrival order). */
static void write_old_store(const char *path, size_t version, const char *const *text, int n,
                            int first)
{
    sqlite3 *db;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    for (size_t i = 0; i < version; i++)
        assert_int_equal(sqlite3_exec(db, schema_migration(i), NULL, NULL, NULL), SQLITE_OK);
    char pragma[40];
    snprintf(pragma, sizeof pragma, "PRAGMA user_version=%zu", version);
    assert_int_equal(sqlite3_exec(db, pragma, NULL, NULL, NULL), SQLITE_OK);
    arena *a = arena_new(4096);
    for (int i = 0; i < n; i++) {
        ev_event ev;
        const char *why = NULL;
        assert_int_equal(ev_parse(text[i], strlen(text[i]), a, &ev, &why), 0);
        sqlite3_stmt *st;
        assert_int_equal(sqlite3_prepare_v2(db,
                                            "INSERT INTO events(rowid, key, id, ts, actor, system,"
                                            " action, subject, subject_type, case_id, purpose,"
                                            " query, client, attrs)"
                                            " VALUES(?,?,?,?,?,?,?,?,'','','','','','{}')",
                                            -1, &st, NULL),
                         SQLITE_OK);
        sqlite3_bind_int64(st, 1, first + i);
        sqlite3_bind_int64(st, 2, (sqlite3_int64)(ev.key & 0x7FFFFFFFFFFFFFFFULL));
        sqlite3_bind_text(st, 3, ev.id, -1, SQLITE_TRANSIENT);
        sqlite3_bind_int64(st, 4, ev.ts);
        sqlite3_bind_text(st, 5, ev.actor, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(st, 6, ev.system, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(st, 7, ev.action, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(st, 8, ev.subject, -1, SQLITE_TRANSIENT);
        assert_int_equal(sqlite3_step(st), SQLITE_DONE);
        sqlite3_finalize(st);
    }
    arena_free(a);
    sqlite3_close(db);
}

static void test_v2_store_migrates_with_its_events(void **state)
{
    char *dir = tu_tmpdir();
    char path[512], events[600];
    snprintf(path, sizeof path, "%s/t.db", dir);
    write_old_store(path, 2, lines, 2, 7);
    char text[1024];
    snprintf(text, sizeof text, "%s\n%s\n", lines[0], lines[1]);
    tu_write(dir, "ev.jsonl", text);
    snprintf(events, sizeof events, "%s/ev.jsonl", dir);

    /* Any command opens (and migrates) the store, and says so; ingesting
     * the same events then stores nothing new. */
    tu_run up = tu_wachter(dir, "alerts", NULL);
    assert_int_equal(up.code, 0);
    assert_non_null(strstr(up.err, "upgrading the store from schema 2 to"));
    tu_free(&up);
    up = tu_wachter(dir, "alerts", NULL);
    assert_null(strstr(up.err, "upgrading"));
    tu_free(&up);
    tu_ingest_expect(dir, events, "\"read\":2,\"stored\":0,\"duplicates\":2");

    sqlite3 *db;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    assert_int_equal(tu_sql_int(db, "PRAGMA user_version"), (sqlite3_int64)schema_count());
    assert_int_equal(tu_sql_int(db, "SELECT count(*) FROM events"), 2);
    /* Its place in arrival order is kept; its rowid is now its time's. */
    assert_int_equal(tu_sql_int(db, "SELECT arrival FROM events WHERE id = 'a2'"), 8);
    assert_int_equal(tu_sql_int(db, "SELECT rowid >> 21 = ts FROM events WHERE id = 'a2'"), 1);
    /* The upgrade posted both events by subject and by actor (the look-up
     * indexes are gone), and left the same indexes as a store that a first
     * load made new. */
    assert_int_equal(tu_sql_int(db, "SELECT count(*) FROM sqlite_master WHERE type = 'index'"
                                    " AND name IN ('events_subject', 'events_actor')"),
                     0);
    assert_int_equal(tu_sql_int(db, "SELECT sum(n) FROM post_runs WHERE kind = 0"), 2);
    assert_int_equal(tu_sql_int(db, "SELECT sum(n) FROM post_runs WHERE kind = 1"), 2);
    char *fresh_dir = tu_tmpdir(), attach[600];
    tu_ingest_expect(fresh_dir, events, "\"stored\":2");
    snprintf(attach, sizeof attach, "ATTACH '%s/t.db' AS fresh", fresh_dir);
    assert_int_equal(sqlite3_exec(db, attach, NULL, NULL, NULL), SQLITE_OK);
    assert_int_equal(tu_sql_int(db, "SELECT count(*) FROM (SELECT name, sql FROM main.sqlite_master"
                                    "  WHERE type = 'index' AND sql IS NOT NULL"
                                    " EXCEPT SELECT name, sql FROM fresh.sqlite_master)"),
                     0);
    sqlite3_close(db);
    tu_rmdir(fresh_dir);

    /* The investigations read the migrated rows. */
    tu_run r = tu_wachter(dir, "--format", "jsonl", "who-accessed", "p0002", NULL);
    assert_int_equal(r.code, 0);
    assert_non_null(strstr(r.out, "\"a2\""));
    tu_free(&r);
    tu_rmdir(dir);
}

/* Where in out the quoted event id starts, or -1. */
static long at(const char *out, const char *id)
{
    char q[32];
    snprintf(q, sizeof q, "\"%s\"", id);
    const char *p = strstr(out, q);
    return p ? p - out : -1;
}

static int cmp_u64(const void *x, const void *y)
{
    uint64_t a = *(const uint64_t *)x, b = *(const uint64_t *)y;
    return (a > b) - (a < b);
}

/* Two ids whose events, at one time, want the same rowid slot (the low
 * bits of their keys match): found among a few thousand by sorting. */
static void colliding_ids(char a[16], char b[16])
{
    enum { N = 8192 };
    static uint64_t low[N];
    for (int i = 0; i < N; i++) {
        char id[16];
        snprintf(id, sizeof id, "m%d", i);
        uint64_t k = ev_key(hash64("brp", 3), hash64(id, strlen(id)));
        low[i] = (k & (uint64_t)(STORE_ROWID_SLOTS - 1)) << 16 | (uint64_t)i;
    }
    qsort(low, N, sizeof *low, cmp_u64);
    for (int i = 1; i < N; i++)
        if (low[i] >> 16 == low[i - 1] >> 16) {
            snprintf(a, 16, "m%d", (int)(low[i - 1] & 0xFFFF));
            snprintf(b, 16, "m%d", (int)(low[i] & 0xFFFF));
            return;
        }
    fail_msg("no two of %d ids collide", N);
}

/* A store of schema 7 (rowids in arrival order, a (ts, key) index) whose
 * events include two of one time that want the same slot of the new
 * rowids. The upgrade keeps all of them, each in its own slot, in their
 * arrival order; they are still duplicates of themselves and found by
 * subject, and a new event arrives after them. */
static void test_v7_store_moves_to_time_rowids(void **state)
{
    char *dir = tu_tmpdir(), path[600], a[16], b[16], text[1024], events[600];
    snprintf(path, sizeof path, "%s/t.db", dir);
    colliding_ids(a, b);
    char ev[3][256];
    const char *evs[3] = {ev[0], ev[1], ev[2]};
    for (int i = 0; i < 3; i++)
        snprintf(ev[i], sizeof ev[i],
                 "{\"id\":\"%s\",\"ts\":\"2026-03-0%dT09:00:00Z\",\"actor\":\"c%d\","
                 "\"system\":\"brp\",\"action\":\"view\",\"subject\":\"p%d\"}",
                 i == 0   ? a
                 : i == 1 ? b
                          : "x1",
                 i < 2 ? 2 : 1, i + 1, i < 2 ? 1 : 2);
    snprintf(text, sizeof text, "%s\n%s\n%s\n", ev[0], ev[1], ev[2]);
    tu_write(dir, "ev.jsonl", text);
    snprintf(events, sizeof events, "%s/ev.jsonl", dir);
    write_old_store(path, 7, evs, 3, 5);

    tu_run up = tu_wachter(dir, "alerts", NULL);
    assert_int_equal(up.code, 0);
    assert_non_null(strstr(up.err, "upgrading the store from schema 7 to"));
    tu_free(&up);
    tu_ingest_expect(dir, events, "\"read\":3,\"stored\":0,\"duplicates\":3");

    sqlite3 *db;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    assert_int_equal(tu_sql_int(db, "SELECT count(*) FROM events"), 3);
    assert_int_equal(tu_sql_int(db, "SELECT count(*) FROM events WHERE rowid >> 21 = ts"), 3);
    assert_int_equal(tu_sql_int(db, "SELECT group_concat(arrival, ',') = '5,6,7' FROM"
                                    " (SELECT arrival FROM events ORDER BY arrival)"),
                     1);
    /* The two of one time: the later arrival in the next slot. */
    char sql[256];
    snprintf(sql, sizeof sql,
             "SELECT (SELECT rowid FROM events WHERE id = '%s') -"
             " (SELECT rowid FROM events WHERE id = '%s')",
             b, a);
    sqlite3_int64 gap = tu_sql_int(db, sql);
    assert_true(gap == 1 || gap == 1 - STORE_ROWID_SLOTS);
    assert_int_equal(tu_sql_int(db, "SELECT sum(n) FROM post_runs WHERE kind = 0"), 3);
    assert_int_equal(tu_sql_int(db, "SELECT sum(n) FROM post_runs WHERE kind = 1"), 3);
    assert_int_equal(tu_sql_int(db, "SELECT count(*) FROM sqlite_master WHERE name = 'events_v8'"),
                     0);
    sqlite3_close(db);

    tu_run r = tu_wachter(dir, "--format", "jsonl", "who-accessed", "p1", NULL);
    assert_int_equal(r.code, 0);
    assert_true(at(r.out, a) >= 0 && at(r.out, b) > at(r.out, a));
    tu_free(&r);
    tu_write(dir, "new.jsonl",
             "{\"id\":\"n1\",\"ts\":\"2026-02-01T08:00:00Z\",\"actor\":\"c1\","
             "\"action\":\"view\",\"subject\":\"p3\"}\n");
    snprintf(events, sizeof events, "%s/new.jsonl", dir);
    tu_ingest_expect(dir, events, "\"stored\":1");
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    /* (The duplicates took numbers too, and they are not given again.) */
    assert_true(tu_sql_int(db, "SELECT arrival FROM events WHERE id = 'n1'") > 7);
    sqlite3_close(db);
    tu_rmdir(dir);
}

/* Each event as id:ts:rowid:arrival, in rowid order; owned. */
static char *events_listed(sqlite3 *db)
{
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(db,
                                        "SELECT group_concat(id || ':' || ts || ':' || rowid || ':'"
                                        " || arrival, ',') FROM events", /* a scan: rowid order */
                                        -1, &st, NULL),
                     SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    char *out = strdup((const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    return out;
}

/* A store of schema 8 kept each event's time twice: in its rowid and in a
 * ts column. Schema 9 keeps it once, ts computed from the rowid. The
 * upgrade changes no event's time, rowid or arrival; the events are still
 * duplicates of themselves and found by subject at their time. */
static void test_v8_store_keeps_every_time(void **state)
{
    char *dir = tu_tmpdir(), path[600], text[1024], events[600];
    snprintf(path, sizeof path, "%s/t.db", dir);
    write_old_store(path, 7, lines, 2, 3);
    sqlite3 *db;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, "BEGIN", NULL, NULL, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, schema_migration(7), NULL, NULL, NULL), SQLITE_OK);
    assert_int_equal(store_rowid_upgrade(db), 0);
    assert_int_equal(sqlite3_exec(db, "PRAGMA user_version=8; COMMIT", NULL, NULL, NULL),
                     SQLITE_OK);
    char *before = events_listed(db);
    sqlite3_close(db);
    /* 2026-03-02T09:00:00Z and 09:01:00Z, arrivals 3 and 4. */
    assert_non_null(strstr(before, "a1:1772442000000:"));
    assert_non_null(strstr(before, "a2:1772442060000:"));

    tu_run up = tu_wachter(dir, "alerts", NULL);
    assert_int_equal(up.code, 0);
    assert_non_null(strstr(up.err, "upgrading the store from schema 8 to"));
    tu_free(&up);
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    char *after = events_listed(db);
    assert_string_equal(after, before);
    /* ts is no longer stored: a column computed from the rowid (hidden 2). */
    assert_int_equal(tu_sql_int(db, "SELECT hidden FROM pragma_table_xinfo('events')"
                                    " WHERE name = 'ts'"),
                     2);
    sqlite3_close(db);
    free(before);
    free(after);

    snprintf(text, sizeof text, "%s\n%s\n", lines[0], lines[1]);
    tu_write(dir, "ev.jsonl", text);
    snprintf(events, sizeof events, "%s/ev.jsonl", dir);
    tu_ingest_expect(dir, events, "\"read\":2,\"stored\":0,\"duplicates\":2");
    tu_run r = tu_wachter(dir, "--format", "jsonl", "who-accessed", "p0002", NULL);
    assert_int_equal(r.code, 0);
    if (!strstr(r.out, "\"a2\"") || !strstr(r.out, "2026-03-02T09:01:00"))
        fail_msg("who-accessed printed %s", r.out);
    tu_free(&r);
    tu_rmdir(dir);
}

static void test_reused_id_at_another_time_is_kept(void **state)
{
    char *dir = tu_tmpdir();
    char events[600], text[1024];
    /* The first line again (a duplicate), and its id reused an hour later
     * by a source that restarted its counter: a new look-up. */
    snprintf(text, sizeof text,
             "%s\n%s\n"
             "{\"id\":\"a1\",\"ts\":\"2026-03-02T10:00:00Z\",\"actor\":\"clerk0\","
             "\"action\":\"view\",\"subject\":\"p0003\"}\n",
             lines[0], lines[0]);
    tu_write(dir, "ev.jsonl", text);
    snprintf(events, sizeof events, "%s/ev.jsonl", dir);
    tu_ingest_expect(dir, events, "\"read\":3,\"stored\":2,\"duplicates\":1");
    tu_run r = tu_wachter(dir, "--format", "jsonl", "who-accessed", "p0003", NULL);
    assert_non_null(strstr(r.out, "\"a1\""));
    tu_free(&r);
    /* Again: nothing new. */
    tu_ingest_expect(dir, events, "\"read\":3,\"stored\":0,\"duplicates\":3");
    tu_rmdir(dir);
}

/* Runs a command on dir's store and returns its standard output (owned). */
static char *out_of(const char *dir, const char *cmd, const char *key, const char *from,
                    const char *to)
{
    tu_run r =
        from ? tu_wachter(dir, "--format", "jsonl", cmd, key, "--from", from, "--to", to, NULL)
             : tu_wachter(dir, "--format", "jsonl", cmd, key, NULL);
    if (r.code != 0) fail_msg("%s %s: %s", cmd, key, r.err);
    free(r.err);
    return r.out;
}

static void test_lookups_found_across_days_and_years(void **state)
{
    /* p9: in 2019, the last millisecond of 28 February 2026, the first of
     * 1 March, and (by another clerk) the first of 2 March. */
    static const struct {
        const char *id, *actor, *subject;
        long long ts;
    } evs[] = {
        {"y1", "c1", "p9", 1559390400000LL}, {"d1", "c1", "p9", 1772323199999LL},
        {"d2", "c1", "p9", 1772323200000LL}, {"d3", "c2", "p9", 1772409600000LL},
        {"o1", "c1", "p8", 1772323200000LL},
    };
    char *dir = tu_tmpdir();
    char text[2048] = "", events[600];
    for (size_t i = 0; i < sizeof evs / sizeof *evs; i++)
        snprintf(text + strlen(text), sizeof text - strlen(text),
                 "{\"id\":\"%s\",\"ts\":%lld,\"actor\":\"%s\",\"action\":\"view\","
                 "\"subject\":\"%s\"}\n",
                 evs[i].id, evs[i].ts, evs[i].actor, evs[i].subject);
    tu_write(dir, "ev.jsonl", text);
    snprintf(events, sizeof events, "%s/ev.jsonl", dir);
    tu_ingest_expect(dir, events, "\"stored\":5");

    char *out = out_of(dir, "who-accessed", "p9", NULL, NULL);
    assert_true(at(out, "y1") >= 0);
    assert_true(at(out, "y1") < at(out, "d1") && at(out, "d1") < at(out, "d2") &&
                at(out, "d2") < at(out, "d3"));
    assert_int_equal(at(out, "o1"), -1);
    free(out);
    /* Periods that end and begin at the edge of a day. */
    out = out_of(dir, "who-accessed", "p9", "1772323199999", "1772323199999");
    assert_true(at(out, "d1") >= 0);
    assert_int_equal(at(out, "d2"), -1);
    free(out);
    out = out_of(dir, "who-accessed", "p9", "1772323200000", "2026-03-01");
    assert_true(at(out, "d2") >= 0);
    assert_int_equal(at(out, "d1") + at(out, "d3") + at(out, "y1"), -3);
    free(out);
    out = out_of(dir, "timeline", "c1", NULL, NULL);
    assert_true(at(out, "y1") >= 0 && at(out, "d1") > at(out, "y1") &&
                at(out, "o1") > at(out, "d1"));
    assert_int_equal(at(out, "d3"), -1);
    free(out);
    /* The citizen's protocol names no event ids: one line per look-up. */
    out = out_of(dir, "protocol", "p9", "2026-01-01", "2026-12-31");
    int rows = 0;
    for (const char *p = out; (p = strchr(p, '\n')); p++)
        rows++;
    assert_int_equal(rows, 3);
    free(out);
    tu_rmdir(dir);
}

/* An event with this id (at 09:00 plus minute), parsed into a's memory. */
static ev_event event_at(arena *a, const char *id, int minute)
{
    char line[256];
    snprintf(line, sizeof line,
             "{\"id\":\"%s\",\"ts\":\"2026-03-02T09:%02d:00Z\",\"actor\":\"clerk0\","
             "\"action\":\"view\",\"subject\":\"p%s\"}",
             id, minute, id);
    ev_event ev;
    const char *why = NULL;
    assert_int_equal(ev_parse(line, strlen(line), a, &ev, &why), 0);
    return ev;
}

/* Rows holding this id, and the rowid of the last. */
static long stored_as(store *s, const char *id, sqlite3_int64 *rowid)
{
    sqlite3_stmt *st;
    long n = 0;
    assert_int_equal(
        sqlite3_prepare_v2(store_db(s), "SELECT rowid FROM events WHERE id = ?", -1, &st, NULL),
        SQLITE_OK);
    sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
    for (; sqlite3_step(st) == SQLITE_ROW; n++)
        *rowid = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return n;
}

/* Eight events stored in one statement, among them every case the one by
 * one path knows: a duplicate of one stored before, a duplicate of one
 * earlier in the group, and two events whose time and key match
 * another's (a collision, forced here), one stored before and one in the
 * group. Each is sorted out as if stored alone: the duplicates not again,
 * the colliding ones in the next slot of their time. */
static void test_eight_at_once_sorted_out(void **state)
{
    char *dir = tu_tmpdir(), path[600];
    snprintf(path, sizeof path, "%s/t.db", dir);
    store *s;
    assert_int_equal(store_open(path, &s, &(werr){0}), 0);
    arena *a = arena_new(4096);
    ev_event before = event_at(a, "before", 1), other = event_at(a, "other", 2);
    ev_event g[STORE_PUT_MANY] = {
        event_at(a, "n0", 3), event_at(a, "n1", 4),     event_at(a, "n0", 3), event_at(a, "n3", 5),
        event_at(a, "n4", 4), event_at(a, "before", 1), event_at(a, "n6", 2), event_at(a, "n7", 6),
    };
    g[4].key = g[1].key;  /* collides with n1, earlier in the group */
    g[6].key = other.key; /* collides with "other", stored before */
    const ev_event *evs[STORE_PUT_MANY];
    for (int i = 0; i < STORE_PUT_MANY; i++)
        evs[i] = &g[i];
    int ins[STORE_PUT_MANY], one;
    assert_int_equal(store_begin(s), 0);
    assert_int_equal(store_put_event(s, &before, &one), 0);
    assert_int_equal(store_put_event(s, &other, &one), 0);
    assert_int_equal(store_put_events(s, evs, STORE_PUT_MANY, ins), 0);
    int want[STORE_PUT_MANY] = {1, 1, 0, 1, 1, 0, 1, 1};
    for (int i = 0; i < STORE_PUT_MANY; i++)
        if (ins[i] != want[i])
            fail_msg("event %d (%s): inserted %d, not %d", i, g[i].id, ins[i], want[i]);
    /* Again: all of them duplicates. */
    assert_int_equal(store_put_events(s, evs, STORE_PUT_MANY, ins), 0);
    for (int i = 0; i < STORE_PUT_MANY; i++)
        assert_int_equal(ins[i], 0);
    assert_int_equal(store_commit(s), 0);
    const char *ids[] = {"before", "other", "n0", "n1", "n3", "n4", "n6", "n7"};
    sqlite3_int64 rowid = 0;
    for (size_t i = 0; i < sizeof ids / sizeof *ids; i++)
        assert_int_equal(stored_as(s, ids[i], &rowid), 1);
    assert_int_equal(tu_sql_int(store_db(s), "SELECT count(*) FROM events"), 8);
    stored_as(s, "n4", &rowid);
    assert_true(rowid == store_rowid_of(g[4].ts, g[1].key + 1));
    stored_as(s, "n6", &rowid);
    assert_true(rowid == store_rowid_of(g[6].ts, other.key + 1));
    /* Found again through their postings, in the slot they were given. */
    tu_run r = tu_wachter(dir, "--format", "jsonl", "timeline", "clerk0", NULL);
    for (size_t i = 0; i < sizeof ids / sizeof *ids; i++)
        if (at(r.out, ids[i]) < 0) fail_msg("%s not in the timeline: %s", ids[i], r.out);
    tu_free(&r);
    arena_free(a);
    store_close(s);
    tu_rmdir(dir);
}

/* The slots an event may take at its time all held by others: it is
 * refused with a reason that names it, not stored beyond where a look-up
 * for duplicates would find it; in the last slot it may take, it is
 * found as a duplicate. */
static void test_crowded_millisecond_refused(void **state)
{
    char *dir = tu_tmpdir(), path[600];
    snprintf(path, sizeof path, "%s/t.db", dir);
    store *s;
    assert_int_equal(store_open(path, &s, &(werr){0}), 0);
    arena *a = arena_new(4096);
    ev_event ev = event_at(a, "crowd", 7);
    sqlite3 *db = store_db(s);
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(db,
                                        "INSERT INTO events(rowid, id, actor, system, action,"
                                        " subject, subject_type, case_id, purpose, query, client,"
                                        " attrs, arrival) VALUES(?1, 'other' || ?2, 'c', '',"
                                        " 'view', 'p', '', '', '', '', '', '', ?2)",
                                        -1, &st, NULL),
                     SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, "BEGIN", NULL, NULL, NULL), SQLITE_OK);
    for (int i = 0; i < STORE_ROWID_PROBES; i++) {
        sqlite3_bind_int64(st, 1, store_rowid_of(ev.ts, ev.key + (uint64_t)i));
        sqlite3_bind_int(st, 2, i);
        assert_int_equal(sqlite3_step(st), SQLITE_DONE);
        sqlite3_reset(st);
    }
    sqlite3_finalize(st);
    assert_int_equal(sqlite3_exec(db, "COMMIT", NULL, NULL, NULL), SQLITE_OK);
    int inserted = -1;
    assert_int_equal(store_put_event(s, &ev, &inserted), -1);
    if (!strstr(store_errmsg(s), "event crowd at") || !strstr(store_errmsg(s), "slots"))
        fail_msg("refused with: %s", store_errmsg(s));
    assert_int_equal(tu_sql_int(db, "SELECT count(*) FROM events WHERE id = 'crowd'"), 0);
    /* The same event in the last slot it may take: a duplicate. */
    char sql[160];
    snprintf(sql, sizeof sql, "UPDATE events SET id = 'crowd' WHERE rowid = %lld",
             (long long)store_rowid_of(ev.ts, ev.key + STORE_ROWID_PROBES - 1));
    assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
    assert_int_equal(store_put_event(s, &ev, &inserted), 0);
    assert_int_equal(inserted, 0);
    arena_free(a);
    store_close(s);
    tu_rmdir(dir);
}

static int keep_alert(const store_alert *a, void *ctx)
{
    char *out = ctx;
    size_t len = strlen(out);
    snprintf(out + len, 1024 - len, "%s %s:", a->id, a->reason);
    for (size_t i = 0; i < a->n; i++) {
        len = strlen(out);
        snprintf(out + len, 1024 - len, " %s/%s", a->events[i], a->subjects[i]);
    }
    return 0;
}

/* An alert's events go in eight to a statement and the rest one by one:
 * read back all of them, in order, each once, also when the alert comes
 * again with some of them (a later commit of the same day). */
static void test_alert_events_in_order_each_once(void **state)
{
    char *dir = tu_tmpdir(), path[600];
    snprintf(path, sizeof path, "%s/t.db", dir);
    store *s;
    assert_int_equal(store_open(path, &s, &(werr){0}), 0);
    char ev[21][8], sub[21][8];
    const char *evs[21], *subs[21];
    for (int i = 0; i < 21; i++) {
        snprintf(ev[i], sizeof ev[i], "e%02d", 20 - i); /* not in the index's order */
        snprintf(sub[i], sizeof sub[i], "s%d", i % 3);
        evs[i] = ev[i];
        subs[i] = sub[i];
    }
    store_alert a = {.id = "a-1",
                     .actor = "clerk1",
                     .rule = "unexplained",
                     .reason = "first",
                     .ts = 1000,
                     .severity = 2,
                     .score = 10,
                     .events = evs,
                     .subjects = subs,
                     .n = 19};
    int is_new;
    assert_int_equal(store_begin(s), 0);
    assert_int_equal(store_put_alert(s, &a, &is_new), 0);
    assert_int_equal(is_new, 1);
    a.events = evs + 11; /* eleven again, two new */
    a.subjects = subs + 11;
    a.n = 10;
    a.score = 20;
    a.reason = "second";
    assert_int_equal(store_put_alert(s, &a, &is_new), 0);
    assert_int_equal(is_new, 0);
    assert_int_equal(store_commit(s), 0);
    char got[1024] = "", want[1024] = "a-1 second:";
    for (int i = 0; i < 21; i++) {
        size_t len = strlen(want);
        snprintf(want + len, sizeof want - len, " %s/%s", ev[i], sub[i]);
    }
    assert_int_equal(store_each_alert(s, NULL, 0, 0, keep_alert, got), 0);
    assert_string_equal(got, want);
    store_close(s);
    tu_rmdir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_v2_store_migrates_with_its_events),
        cmocka_unit_test(test_v7_store_moves_to_time_rowids),
        cmocka_unit_test(test_v8_store_keeps_every_time),
        cmocka_unit_test(test_reused_id_at_another_time_is_kept),
        cmocka_unit_test(test_lookups_found_across_days_and_years),
        cmocka_unit_test(test_eight_at_once_sorted_out),
        cmocka_unit_test(test_crowded_millisecond_refused),
        cmocka_unit_test(test_alert_events_in_order_each_once),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
