/* How a file's ingest shares the store with analysts: its commits go
 * through a rollback journal, and afterwards the store is back in the WAL
 * that streams and readers use. An analyst who reads while the ingest
 * holds the store gets the committed events; an ingest that finds a
 * reader keeps the WAL and stores everything all the same. */
#include "testutil.h"
#include "store/store_int.h"

#include <sqlite3.h>

static const char *events =
    "{\"id\":\"a1\",\"ts\":\"2026-03-02T09:00:00Z\",\"actor\":\"clerk0\",\"action\":\"view\","
    "\"subject\":\"p0001\"}\n"
    "{\"id\":\"a2\",\"ts\":\"2026-03-02T09:01:00Z\",\"actor\":\"clerk0\",\"action\":\"view\","
    "\"subject\":\"p0002\"}\n";

static sqlite3 *open_store(const char *dir)
{
    char path[600];
    snprintf(path, sizeof path, "%s/t.db", dir);
    sqlite3 *db;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    return db;
}

/* The store is in WAL mode, as a new connection finds it in the file. */
static void assert_wal(const char *dir)
{
    sqlite3 *db = open_store(dir);
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_string_equal((const char *)sqlite3_column_text(st, 0), "wal");
    sqlite3_finalize(st);
    sqlite3_close(db);
}

/* Ingests DIR/ev.jsonl, which holds events. */
static void ingest_file(const char *dir, const char *counts)
{
    char path[600];
    snprintf(path, sizeof path, "%s/ev.jsonl", dir);
    tu_ingest_expect(dir, path, counts);
}

static void test_file_ingest_leaves_the_wal(void **state)
{
    char *dir = tu_tmpdir();
    tu_write(dir, "ev.jsonl", events);
    ingest_file(dir, "\"stored\":2");
    assert_wal(dir);
    tu_rmdir(dir);
}

static void test_file_ingest_beside_a_reader(void **state)
{
    char *dir = tu_tmpdir();
    tu_write(dir, "ev.jsonl", events);
    tu_run r = tu_wachter(dir, "ingest", "/dev/null", NULL); /* creates the store */
    assert_int_equal(r.code, 0);
    tu_free(&r);
    /* An analyst's query holds a read transaction the whole time. */
    sqlite3 *db = open_store(dir);
    assert_int_equal(sqlite3_exec(db, "BEGIN", NULL, NULL, NULL), SQLITE_OK);
    assert_int_equal(tu_sql_int(db, "SELECT count(*) FROM events"), 0);
    ingest_file(dir, "\"stored\":2");
    assert_int_equal(tu_sql_int(db, "SELECT count(*) FROM events"), 0); /* its snapshot */
    assert_int_equal(sqlite3_exec(db, "COMMIT", NULL, NULL, NULL), SQLITE_OK);
    assert_int_equal(tu_sql_int(db, "SELECT count(*) FROM events"), 2);
    sqlite3_close(db);
    assert_wal(dir);
    tu_rmdir(dir);
}

static void test_read_while_a_file_ingest_writes(void **state)
{
    char *dir = tu_tmpdir();
    tu_write(dir, "ev.jsonl", events);
    ingest_file(dir, "\"stored\":2");
    /* As a file's ingest holds the store: its rollback journal, a batch
     * under way that is not committed. */
    sqlite3 *db = open_store(dir);
    assert_int_equal(sqlite3_exec(db,
                                  "PRAGMA journal_mode=TRUNCATE; BEGIN IMMEDIATE;"
                                  " INSERT INTO meta(key, value) VALUES('batch', 'open')",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
    tu_run r = tu_wachter(dir, "--format", "jsonl", "who-accessed", "p0002", NULL);
    if (r.code != 0 || !strstr(r.out, "\"a2\""))
        fail_msg("who-accessed gave %d: %s%s", r.code, r.out, r.err);
    tu_free(&r);
    assert_int_equal(sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
    /* The next open takes the store back to the WAL. */
    r = tu_wachter(dir, "alerts", NULL);
    assert_int_equal(r.code, 0);
    tu_free(&r);
    assert_wal(dir);
    tu_rmdir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_file_ingest_leaves_the_wal),
        cmocka_unit_test(test_file_ingest_beside_a_reader),
        cmocka_unit_test(test_read_while_a_file_ingest_writes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
