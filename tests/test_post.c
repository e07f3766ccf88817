/* Look-ups by subject and actor through the store's runs of postings
 * (store/store_post.h), as an investigator depends on them: every stored
 * event is found again, after any number of commits and merges, across the
 * parts a large run is cut into, and after the upgrade that posts an old
 * store's events; a rolled-back batch leaves no trace. */
#include "testutil.h"
#include "store/store_int.h"

#include <sqlite3.h>

#include "input/ev_parse.h"
#include "store/store_events.h"
#include "store/store_post.h"
#include "util/arena.h"

/* Stores one event (n-th of the test) by actor about subject. */
static void put(store *s, arena *a, long n, const char *actor, const char *subject)
{
    char line[256];
    snprintf(line, sizeof line,
             "{\"id\":\"e%ld\",\"ts\":%lld,\"actor\":\"%s\",\"action\":\"view\","
             "\"subject\":\"%s\"}",
             n, 1772323200000LL + n * 1000, actor, subject);
    ev_event ev;
    const char *why = NULL;
    int inserted;
    assert_int_equal(ev_parse(line, strlen(line), a, &ev, &why), 0);
    assert_int_equal(store_put_event(s, &ev, &inserted), 0);
    assert_int_equal(inserted, 1);
}

/* The rowids of events whose column col is key, as store_post_find
 * writes them (up to 19 digits and a comma each); owned. */
static char *rowids_by_sql(store *s, const char *col, const char *key)
{
    char sql[128], *out = malloc(1 << 22), *w = out;
    snprintf(sql, sizeof sql, "SELECT rowid FROM events WHERE %s = ? ORDER BY rowid", col);
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(store_db(s), sql, -1, &st, NULL), SQLITE_OK);
    sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
    *w++ = '[';
    for (int i = 0; sqlite3_step(st) == SQLITE_ROW; i++)
        w += sprintf(w, i ? ",%lld" : "%lld", sqlite3_column_int64(st, 0));
    strcpy(w, "]");
    sqlite3_finalize(st);
    return out;
}

static void expect_found(store *s, post_kind kind, const char *key)
{
    char *want = rowids_by_sql(s, kind == POST_SUBJECT ? "subject" : "actor", key);
    char *got = store_post_find(store_db(s), kind, key, 0, INT64_MAX);
    assert_non_null(got);
    if (strcmp(got, want) != 0) fail_msg("%s: found %.60s..., stored %.60s...", key, got, want);
    free(want);
    free(got);
}

/* expect_found for the actors c0, c<astep>, ... below nactors and the
 * subjects p0, p<sstep>, ... below nsubjects. */
static void expect_found_every(store *s, int nactors, int astep, int nsubjects, int sstep)
{
    char key[16];
    for (int i = 0; i < nactors; i += astep) {
        snprintf(key, sizeof key, "c%d", i);
        expect_found(s, POST_ACTOR, key);
    }
    for (int i = 0; i < nsubjects; i += sstep) {
        snprintf(key, sizeof key, "p%d", i);
        expect_found(s, POST_SUBJECT, key);
    }
}

/* Four commits of 20k events: the fourth merges the four runs of each kind
 * into one run of 80k postings, cut into two parts. One actor made seven
 * eighths of the look-ups, more than a part holds: its postings go on in
 * the next part. */
static void test_every_event_found_after_merges(void **state)
{
    char *dir = tu_tmpdir(), path[600];
    snprintf(path, sizeof path, "%s/t.db", dir);
    store *s;
    assert_int_equal(store_open(path, &s, &(werr){0}), 0);
    arena *a = arena_new(1 << 16);
    long n = 0;
    for (int commit = 0; commit < 4; commit++) {
        assert_int_equal(store_begin(s), 0);
        for (int i = 0; i < 20000; i++, n++) {
            char actor[16], subject[16];
            snprintf(actor, sizeof actor, "c%ld", n % 8 ? 0 : n % 50);
            snprintf(subject, sizeof subject, "p%ld", n * 7919 % 30011);
            put(s, a, n, actor, subject);
        }
        assert_int_equal(store_commit(s), 0);
        arena_reset(a);
        if (commit < 3)
            assert_int_equal(
                tu_sql_int(store_db(s), "SELECT count(*) FROM post_runs WHERE kind = 1"),
                commit + 1);
    }
    sqlite3 *db = store_db(s);
    assert_int_equal(tu_sql_int(db, "SELECT count(*) FROM post_runs"), 2);
    assert_int_equal(tu_sql_int(db, "SELECT sum(n) FROM post_runs WHERE kind = 1"), 80000);
    assert_int_equal(tu_sql_int(db, "SELECT count(*) FROM post_parts JOIN post_runs USING (run)"
                                    " GROUP BY kind ORDER BY kind DESC LIMIT 1"),
                     2);
    assert_int_equal(tu_sql_int(db, "SELECT count(*) FROM post_parts JOIN post_runs USING (run)"
                                    " WHERE kind = 0"),
                     2);
    expect_found_every(s, 50, 7, 30011, 997);
    /* A fifth commit is a new run of level 0 beside the merged one. */
    assert_int_equal(store_begin(s), 0);
    put(s, a, n, "c7", "p0");
    assert_int_equal(store_commit(s), 0);
    assert_int_equal(tu_sql_int(db, "SELECT count(*) FROM post_runs WHERE kind = 0"), 2);
    expect_found(s, POST_ACTOR, "c7");
    expect_found(s, POST_SUBJECT, "p0");
    arena_free(a);
    store_close(s);
    tu_rmdir(dir);
}

/* The upgrade that brings postings to a store of schema 6 (its events
 * without any): a run every chunk of events, merged as they pile up, and at
 * the end one run per kind, in which every event is found. 5,000 events in
 * chunks of 300 make 16 runs a kind and leave runs of several sizes for
 * the last merge. */
static void test_build_ends_with_one_run(void **state)
{
    char *dir = tu_tmpdir(), path[600];
    snprintf(path, sizeof path, "%s/t.db", dir);
    store *s;
    assert_int_equal(store_open(path, &s, &(werr){0}), 0);
    arena *a = arena_new(1 << 16);
    assert_int_equal(store_begin(s), 0);
    for (long n = 0; n < 5000; n++) {
        char actor[16], subject[16];
        snprintf(actor, sizeof actor, "c%ld", n % 37);
        snprintf(subject, sizeof subject, "p%ld", n * 7919 % 1009);
        put(s, a, n, actor, subject);
    }
    assert_int_equal(store_commit(s), 0);
    sqlite3 *db = store_db(s);
    assert_int_equal(
        sqlite3_exec(db, "DELETE FROM post_parts; DELETE FROM post_runs", NULL, NULL, NULL),
        SQLITE_OK);
    char *none = store_post_find(db, POST_ACTOR, "c1", 0, INT64_MAX);
    assert_string_equal(none, "[]");
    free(none);
    assert_int_equal(store_begin(s), 0);
    assert_int_equal(store_post_build(db, 300), 0);
    assert_int_equal(store_commit(s), 0);
    assert_int_equal(tu_sql_int(db, "SELECT count(*) FROM post_runs WHERE kind = 0"), 1);
    assert_int_equal(tu_sql_int(db, "SELECT count(*) FROM post_runs WHERE kind = 1"), 1);
    assert_int_equal(tu_sql_int(db, "SELECT sum(n) FROM post_runs"), 10000);
    expect_found_every(s, 37, 1, 1009, 13);
    arena_free(a);
    store_close(s);
    tu_rmdir(dir);
}

/* A batch rolled back posts nothing: the next commit's runs hold only its
 * own events. Events stored outside a transaction are posted at once. */
static void test_rollback_posts_nothing(void **state)
{
    char *dir = tu_tmpdir(), path[600];
    snprintf(path, sizeof path, "%s/t.db", dir);
    store *s;
    assert_int_equal(store_open(path, &s, &(werr){0}), 0);
    arena *a = arena_new(4096);
    assert_int_equal(store_begin(s), 0);
    put(s, a, 1, "c1", "p1");
    store_rollback(s);
    assert_int_equal(store_begin(s), 0);
    put(s, a, 2, "c1", "p2");
    assert_int_equal(store_commit(s), 0);
    put(s, a, 3, "c1", "p3");
    sqlite3 *db = store_db(s);
    assert_int_equal(tu_sql_int(db, "SELECT count(*) FROM events"), 2);
    assert_int_equal(tu_sql_int(db, "SELECT sum(n) FROM post_runs WHERE kind = 1"), 2);
    expect_found(s, POST_ACTOR, "c1");
    expect_found(s, POST_SUBJECT, "p1");
    expect_found(s, POST_SUBJECT, "p3");
    char *none = store_post_find(db, POST_SUBJECT, "p1", 0, INT64_MAX);
    assert_string_equal(none, "[]");
    free(none);
    arena_free(a);
    store_close(s);
    tu_rmdir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_event_found_after_merges),
        cmocka_unit_test(test_build_ends_with_one_run),
        cmocka_unit_test(test_rollback_posts_nothing),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
