/* docs/schema.sql is the schema of a store, as a reader of the documents
 * takes it: a store that wachter creates has exactly that schema, and so
 * has a store written by the oldest schema wachter upgrades from, once
 * wachter has opened it. A migration added without the file fails here.
 *
 * The statements are compared as SQLite keeps them (sqlite_master), the
 * file's after SQLite has read it into an empty database, normalised: no
 * comments, no line breaks or indentation, no quotes around names (a
 * renamed table is kept as CREATE TABLE "name"), in any order. The Makefile
 * passes the file's path as SCHEMA_SQL; the environment variable
 * SCHEMA_SQL overrides it. */
#include "testutil.h"

#include <ctype.h>
#include <sqlite3.h>

#include "store/schema.h"

#ifndef SCHEMA_SQL
#define SCHEMA_SQL "docs/schema.sql"
#endif

typedef struct stmts {
    char **v; /* owned, sorted */
    size_t n;
} stmts;

static int word_char(int c)
{
    return isalnum(c) || c == '_';
}

/* sql without comments and quotes around names, with a space only where
 * one separates two words; string literals are kept as written. Owned. */
static char *normalise(const char *sql)
{
    size_t len = strlen(sql);
    char *out = malloc(len + 1);
    assert_non_null(out);
    size_t o = 0;
    int gap = 0; /* whitespace or a comment since the last character kept */
    for (const char *p = sql; *p;) {
        if (p[0] == '-' && p[1] == '-') {
            while (*p && *p != '\n')
                p++;
            gap = 1;
        } else if (isspace((unsigned char)*p)) {
            p++;
            gap = 1;
        } else if (*p == '"') {
            p++;
        } else {
            if (gap && o > 0 && word_char((unsigned char)out[o - 1]) &&
                word_char((unsigned char)*p))
                out[o++] = ' ';
            gap = 0;
            if (*p == '\'') {
                do
                    out[o++] = *p++;
                while (*p && *p != '\'');
                if (*p) out[o++] = *p++;
            } else {
                out[o++] = *p++;
            }
        }
    }
    out[o] = '\0';
    return out;
}

static int by_text(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The normalised CREATE statements of db's tables, indexes and triggers
 * (SQLite's own, as sqlite_stat1, left out). */
static stmts schema_of(sqlite3 *db)
{
    stmts s = {NULL, 0};
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(db,
                                        "SELECT sql FROM sqlite_master WHERE sql IS NOT NULL"
                                        " AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'",
                                        -1, &st, NULL),
                     SQLITE_OK);
    while (sqlite3_step(st) == SQLITE_ROW) {
        s.v = realloc(s.v, (s.n + 1) * sizeof *s.v);
        assert_non_null(s.v);
        s.v[s.n++] = normalise((const char *)sqlite3_column_text(st, 0));
    }
    sqlite3_finalize(st);
    qsort(s.v, s.n, sizeof *s.v, by_text);
    return s;
}

static void stmts_free(stmts *s)
{
    for (size_t i = 0; i < s->n; i++)
        free(s->v[i]);
    free(s->v);
}

static char *read_all(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) fail_msg("cannot open %s (SCHEMA_SQL)", path);
    char *text = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&text, &len);
    char buf[4096];
    size_t got;
    while ((got = fread(buf, 1, sizeof buf, f)) > 0)
        fwrite(buf, 1, got, mem);
    fclose(mem);
    fclose(f);
    return text;
}

/* docs/schema.sql read by SQLite into an empty database. */
static stmts documented(void)
{
    const char *path = getenv("SCHEMA_SQL") ? getenv("SCHEMA_SQL") : SCHEMA_SQL;
    char *text = read_all(path);
    sqlite3 *db;
    char *err = NULL;
    assert_int_equal(sqlite3_open(":memory:", &db), SQLITE_OK);
    if (sqlite3_exec(db, text, NULL, NULL, &err) != SQLITE_OK)
        fail_msg("%s does not read as SQL: %s", path, err);
    stmts s = schema_of(db);
    sqlite3_close(db);
    free(text);
    return s;
}

/* The test fails unless the store at path has the documented schema; it
 * names each statement found on one side only. */
static void expect_documented(const char *path)
{
    sqlite3 *db;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    stmts got = schema_of(db), want = documented();
    sqlite3_close(db);
    int differ = 0;
    for (size_t i = 0, j = 0; i < got.n || j < want.n;) {
        int c = i == got.n ? 1 : j == want.n ? -1 : strcmp(got.v[i], want.v[j]);
        if (c == 0) {
            i++, j++;
            continue;
        }
        differ = 1;
        if (c < 0)
            print_error("in the store, not in docs/schema.sql: %s\n", got.v[i++]);
        else
            print_error("in docs/schema.sql, not in the store: %s\n", want.v[j++]);
    }
    stmts_free(&got);
    stmts_free(&want);
    if (differ)
        fail_msg("the store's schema is not docs/schema.sql: when a migration changes it, write"
                 " the file again from `sqlite3 STORE .schema` of a new store");
}

static void test_new_store_has_the_documented_schema(void **state)
{
    char *dir = tu_tmpdir();
    char path[512];
    snprintf(path, sizeof path, "%s/t.db", dir);
    /* a command that writes creates the store */
    tu_run r = tu_wachter(dir, "ingest", "/dev/null", NULL);
    assert_int_equal(r.code, 0);
    tu_free(&r);
    expect_documented(path);
    tu_rmdir(dir);
}

/* The oldest store wachter upgrades: the first migration's, with an event
 * and a subject in it, so that the migrations that copy tables copy rows. */
static void test_oldest_store_upgrades_to_the_documented_schema(void **state)
{
    char *dir = tu_tmpdir();
    char path[512];
    snprintf(path, sizeof path, "%s/t.db", dir);
    sqlite3 *db;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, schema_migration(0), NULL, NULL, NULL), SQLITE_OK);
    assert_int_equal(
        sqlite3_exec(db,
                     "INSERT INTO events(key, id, ts, actor, system, action, subject,"
                     " subject_type, case_id, purpose, query, client, attrs)"
                     " VALUES(12345, 'a1', 1772442000000, 'clerk0', 'brp', 'view', 'p0001',"
                     " '', '', '', '', '', '{}');"
                     "INSERT INTO subjects(subject) VALUES('p0001');"
                     "PRAGMA user_version=1",
                     NULL, NULL, NULL),
        SQLITE_OK);
    sqlite3_close(db);

    tu_run r = tu_wachter(dir, "alerts", NULL);
    assert_int_equal(r.code, 0);
    assert_non_null(strstr(r.err, "upgrading the store from schema 1"));
    tu_free(&r);
    expect_documented(path);
    tu_rmdir(dir);
}

/* A store of schema 13 (a rules configuration, no kind of organisation):
 * migration 14 adds the kind's table (rule_kind), empty, so the
 * configuration keeps its values and is a municipality's, as before. */
static void test_rules_configuration_upgrades_without_kind(void **state)
{
    char *dir = tu_tmpdir();
    char path[512];
    snprintf(path, sizeof path, "%s/t.db", dir);
    /* a store of today's schema, taken back to 13: without the kind and
     * what later migrations added */
    tu_run r = tu_wachter(dir, "ingest", "/dev/null", NULL);
    assert_int_equal(r.code, 0);
    tu_free(&r);
    sqlite3 *db;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    assert_int_equal(
        sqlite3_exec(
            db,
            "DROP TABLE rule_kind; DROP TABLE retention;"
            " DROP TABLE minimise; DROP TABLE unmask; DROP TABLE accounts;"
            " DROP TABLE alert_notes; DROP TABLE alert_history;"
            " DROP TABLE dossiers; DROP TABLE dossier_alerts;"
            " DROP TABLE dossier_notes; DROP TABLE dossier_history;"
            " DROP TABLE suppressions; DROP INDEX alerts_status; DROP INDEX subjects_address;"
            " DROP INDEX alerts_queue; DROP TABLE rights; DROP TABLE moves; DROP TABLE screenings;"
            " DROP TABLE conflicts; DROP TABLE right_use;"
            " DROP TABLE function_analyses;"
            " DROP TABLE screening_requirements;"
            " DROP TABLE recert_campaigns; DROP TABLE recert_items; DROP TABLE recert_history;"
            " DROP TABLE ref_staff;"
            " DROP TRIGGER alert_order_del;"
            " DROP TABLE alert_order; DROP TABLE forward_cursors;"
            " ALTER TABLE alerts DROP COLUMN raised;"
            " DROP TABLE activities; DROP TABLE otlp_pending;"
            " DROP INDEX alerts_rule; ALTER TABLE alerts DROP COLUMN"
            " disposition; ALTER TABLE alerts DROP COLUMN assignee;"
            " ALTER TABLE alerts DROP COLUMN updated;"
            "INSERT INTO rule_params VALUES('departing', 'window_days', 14,"
            " 'old.conf:1'); PRAGMA user_version=13",
            NULL, NULL, NULL),
        SQLITE_OK);
    sqlite3_close(db);

    r = tu_wachter(dir, "rules", NULL);
    assert_int_equal(r.code, 0);
    assert_non_null(strstr(r.err, "upgrading the store from schema 13"));
    assert_non_null(strstr(r.out, "kind = municipality  (default)\n"));
    assert_non_null(strstr(r.out, "departing.window_days = 14  (set in old.conf:1; default 30)"));
    tu_free(&r);
    expect_documented(path);
    tu_rmdir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_new_store_has_the_documented_schema),
        cmocka_unit_test(test_oldest_store_upgrades_to_the_documented_schema),
        cmocka_unit_test(test_rules_configuration_upgrades_without_kind),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
