/* The cached copy of the reference data, as the people who rely on it
 * would check it: a command that starts from the copy sees exactly what the
 * tables say; a change to any reference table, by `wachter load` or by hand
 * in sqlite3, is seen by the next command; a damaged copy costs only time. */
#include "testutil.h"
#include "store/store_int.h"

#include <sqlite3.h>

#include "demo_gen.h"
#include "enrich/refdata_cache.h"

typedef struct fixture {
    char *dir;
    char db[512];
    store *s;
} fixture;

/* A small organisation from the demo generator, loaded with `wachter
 * load` (which writes the copy), and the store opened. */
static int setup(void **state)
{
    fixture *x = calloc(1, sizeof *x);
    x->dir = tu_tmpdir();
    demo_opts o = {.actors = 120, .days = DEMO_MIN_DAYS, .seed = 7};
    demo_truth *t;
    char err[256];
    assert_int_equal(demo_generate(&o, x->dir, &t, err, sizeof err), 0);
    demo_truth_free(t);
    tu_run r = tu_wachter(x->dir, "load", x->dir, NULL);
    assert_int_equal(r.code, 0);
    assert_null(strstr(r.err, "not cached"));
    tu_free(&r);
    snprintf(x->db, sizeof x->db, "%s/t.db", x->dir);
    assert_int_equal(store_open(x->db, &x->s, &(werr){0}), 0);
    *state = x;
    return 0;
}

static int teardown(void **state)
{
    fixture *x = *state;
    store_close(x->s);
    tu_rmdir(x->dir);
    free(x);
    return 0;
}

/* The one integer sql returns. sql is kept as a cached statement: pass a
 * string literal (or one pointer per query). */
static long store_count(store *s, const char *sql)
{
    sqlite3_stmt *st = store_stmt(s, sql);
    assert_non_null(st);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    long n = (long)sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    return n;
}

static long cache_parts(store *s)
{
    return store_count(s, "SELECT count(*) FROM refdata_cache");
}

static refdata *load_with(store *s, int threads, int want_cached)
{
    refdata *r;
    werr err = {0};
    assert_int_equal(refdata_load(s, threads, &r, &err), 0);
    assert_int_equal(refdata_cached(r), want_cached);
    return r;
}

static refdata *load(store *s, int want_cached)
{
    return load_with(s, 1, want_cached);
}

static void same_actors(const refdata *a, const refdata *b)
{
    assert_int_equal(refdata_actor_count(a), refdata_actor_count(b));
    assert_int_equal(refdata_known_actor_count(a), refdata_known_actor_count(b));
    for (int32_t i = 0; i < (int32_t)refdata_actor_count(a); i++) {
        const ref_actor *x = refdata_actor(a, i), *y = refdata_actor(b, i);
        assert_string_equal(x->name, y->name);
        assert_int_equal(refdata_actor_find(b, x->name), i);
        assert_int_equal(x->known, y->known);
        assert_true(x->start == y->start && x->end == y->end);
        assert_string_equal(refdata_unit_name(a, x->unit), refdata_unit_name(b, y->unit));
        assert_int_equal(x->peer, y->peer);
        assert_int_equal(x->person, y->person);
        assert_int_equal(x->surname, y->surname);
        assert_int_equal(x->postcode, y->postcode);
        assert_int_equal(x->addr, y->addr);
        assert_int_equal(refdata_peer_size(a, x->peer), refdata_peer_size(b, y->peer));
        size_t na, nb;
        const int32_t *ma = refdata_peer_members(a, x->peer, &na);
        const int32_t *mb = refdata_peer_members(b, y->peer, &nb);
        assert_int_equal(na, nb);
        if (na) assert_memory_equal(ma, mb, na * sizeof *ma);
    }
    assert_int_equal(refdata_peer_count(a), refdata_peer_count(b));
}

static void same_case(const refdata *a, const refdata *b, uint32_t id)
{
    const ref_case *x = refdata_case(a, id), *y = refdata_case(b, id);
    assert_string_equal(x->name, y->name);
    assert_true(x->opened == y->opened && x->closed == y->closed);
    assert_int_equal(x->nasg, y->nasg);
    for (uint32_t k = 0; k < x->nasg; k++) {
        const ref_assignment *p = refdata_assignment(a, x->asg0 + k);
        const ref_assignment *q = refdata_assignment(b, y->asg0 + k);
        assert_int_equal(p->actor, q->actor);
        assert_int_equal(p->unit, q->unit);
        assert_true(p->from == q->from && p->to == q->to);
    }
}

/* Compares a and b through the API the detections use; returns how many
 * subjects have cases, incidents and a protection (all must be seen). */
static void same_subjects(const refdata *a, const refdata *b, size_t seen[3])
{
    assert_int_equal(refdata_subject_count(a), refdata_subject_count(b));
    for (int32_t i = 0; i < (int32_t)refdata_subject_count(a); i++) {
        const ref_subject *x = refdata_subject(a, i), *y = refdata_subject(b, i);
        assert_string_equal(refdata_subject_name(a, i), refdata_subject_name(b, i));
        assert_int_equal(refdata_subject_find(b, refdata_subject_name(a, i)), i);
        assert_int_equal(x->surname, y->surname);
        assert_int_equal(x->addr, y->addr);
        assert_int_equal(x->postcode, y->postcode);
        assert_int_equal(x->protect, y->protect);
        assert_int_equal(refdata_surname_count(a, x->surname),
                         refdata_surname_count(b, y->surname));
        assert_int_equal(refdata_addr_count(a, x->addr), refdata_addr_count(b, y->addr));
        assert_int_equal(x->ncases, y->ncases);
        for (uint32_t k = 0; k < x->ncases; k++) {
            uint32_t c = refdata_subject_case(a, x, k);
            assert_int_equal(c, refdata_subject_case(b, y, k));
            same_case(a, b, c);
        }
        assert_int_equal(x->nincidents, y->nincidents);
        for (uint32_t k = 0; k < x->nincidents; k++) {
            const ref_incident *p = refdata_incident(a, x->inc0 + k);
            const ref_incident *q = refdata_incident(b, y->inc0 + k);
            assert_string_equal(p->name, q->name);
            assert_string_equal(p->kind, q->kind);
            assert_true(p->ts == q->ts);
        }
        seen[0] += x->ncases > 0;
        seen[1] += x->nincidents > 0;
        seen[2] += x->protect != PROT_NONE;
    }
    assert_int_equal(refdata_case_count(a), refdata_case_count(b));
    for (uint32_t c = 0; c < refdata_case_count(a); c++) {
        same_case(a, b, c);
        assert_int_equal(refdata_case_find(b, refdata_case(a, c)->name), (int32_t)c);
    }
}

static void same_refdata(const refdata *a, const refdata *b)
{
    size_t seen[3] = {0};
    same_actors(a, b);
    same_subjects(a, b, seen);
    assert_true(seen[0] > 0 && seen[1] > 0 && seen[2] > 0);
}

/* `wachter load` leaves a copy; read from it, in one thread or two, the
 * reference data is what the tables give, field by field. */
static void test_copy_matches_tables(void **state)
{
    fixture *x = *state;
    assert_true(cache_parts(x->s) > 0);
    refdata *cached = load(x->s, 1), *two = load_with(x->s, 2, 1);
    assert_int_equal(store_exec(x->s, "DELETE FROM refdata_cache"), 0);
    refdata *tables = load(x->s, 0);
    same_refdata(cached, tables);
    same_refdata(two, tables);
    refdata_free(cached);
    refdata_free(two);
    refdata_free(tables);
}

/* Every kind of change to every reference table drops the copy, so the
 * next command reads the tables: an analyst who marks a person protected
 * by hand is not ignored by a stale copy. */
static void test_any_change_drops_copy(void **state)
{
    fixture *x = *state;
    static const char *const edits[] = {
        "INSERT INTO protected(subject, category) VALUES('new-subject', 'vip')",
        "UPDATE protected SET category = 'sensitive' WHERE rowid = 1",
        "DELETE FROM protected WHERE subject = 'new-subject'",
        "UPDATE subjects SET surname = 'Changed' WHERE rowid = 1",
        "INSERT INTO subjects(subject) VALUES('new-subject')",
        "DELETE FROM subjects WHERE subject = 'new-subject'",
        "UPDATE actors SET unit = 'elsewhere' WHERE rowid = 1",
        "INSERT INTO actors(actor) VALUES('new-actor')",
        "DELETE FROM actors WHERE actor = 'new-actor'",
        "UPDATE cases SET closed = 1 WHERE rowid = 1",
        "INSERT INTO cases(case_id, subject) VALUES('new-case', 'new-subject')",
        "DELETE FROM cases WHERE case_id = 'new-case'",
        "UPDATE case_assignments SET to_ts = 1 WHERE rowid = 1",
        "INSERT INTO case_assignments(case_id, assignee) VALUES('new-case', 'new-actor')",
        "DELETE FROM case_assignments WHERE case_id = 'new-case'",
        "UPDATE incidents SET kind = 'changed' WHERE rowid = 1",
        "INSERT INTO incidents(incident, subject, ts) VALUES('new-incident', 'new-subject', 0)",
        "DELETE FROM incidents WHERE incident = 'new-incident'",
    };
    for (size_t i = 0; i < sizeof edits / sizeof *edits; i++) {
        refdata *before = load(x->s, 1);
        assert_int_equal(store_exec(x->s, edits[i]), 0);
        assert_int_equal(sqlite3_changes(store_db(x->s)), 1);
        if (cache_parts(x->s) != 0) fail_msg("the copy survived: %s", edits[i]);
        refdata *after = load(x->s, 0);
        assert_int_equal(refcache_write(x->s, after, NULL), 0);
        refdata_free(before);
        refdata_free(after);
    }
}

/* The next ingest after a hand edit writes the copy again, with the edit. */
static void test_ingest_rewrites_copy(void **state)
{
    fixture *x = *state;
    assert_int_equal(store_exec(x->s, "INSERT OR REPLACE INTO protected(subject, category)"
                                      " SELECT subject, 'vip' FROM subjects WHERE rowid = 3"),
                     0);
    assert_int_equal(cache_parts(x->s), 0);
    tu_write(x->dir, "none.jsonl", "");
    char path[600];
    snprintf(path, sizeof path, "%s/none.jsonl", x->dir);
    tu_run r = tu_wachter(x->dir, "ingest", "--format", "jsonl", path, NULL);
    assert_int_equal(r.code, 0);
    tu_free(&r);
    assert_true(cache_parts(x->s) > 0);
    refdata *rd = load(x->s, 1);
    const ref_subject *sub = NULL;
    for (int32_t i = 0; i < (int32_t)refdata_subject_count(rd) && !sub; i++)
        if (refdata_subject(rd, i)->protect == PROT_VIP) sub = refdata_subject(rd, i);
    assert_non_null(sub);
    refdata_free(rd);
}

/* `wachter load` sets the tables' row-by-row triggers aside while it loads
 * (store/store_refbulk.h): afterwards they are all back, the listed
 * subjects are counted, the copy is written, and a hand edit still drops
 * it. */
static void test_load_puts_triggers_back(void **state)
{
    fixture *x = *state;
    assert_int_equal(store_exec(x->s, "UPDATE tallies SET n = 0 WHERE name = 'ref_subjects'"), 0);
    tu_run r = tu_wachter(x->dir, "load", "--replace", x->dir, NULL);
    assert_int_equal(r.code, 0);
    tu_free(&r);
    assert_int_equal(store_count(x->s, "SELECT count(*) FROM sqlite_master WHERE type = 'trigger'"
                                       " AND name GLOB '*_cache_*'"),
                     24); /* 8 reference tables, 3 each (resignations: migration 11, rights: 20) */
    assert_int_equal(store_count(x->s, "SELECT count(*) FROM sqlite_master WHERE type = 'trigger'"
                                       " AND name GLOB 'subjects_tally_*'"),
                     2);
    long listed = store_count(x->s, "SELECT count(*) FROM subjects");
    assert_true(listed > 0);
    const char *counted = "SELECT n FROM tallies WHERE name = 'ref_subjects'";
    assert_int_equal(store_count(x->s, counted), listed);
    assert_true(cache_parts(x->s) > 0);
    assert_int_equal(store_exec(x->s, "INSERT INTO subjects(subject) VALUES('new-subject')"), 0);
    assert_int_equal(cache_parts(x->s), 0);
    assert_int_equal(store_count(x->s, counted), listed + 1);
}

/* A copy that is cut short, zeroed, has bytes added or names a subject
 * twice is not used, read in one thread or two: the command reads the
 * tables and gets the same reference data. */
static void test_damaged_copy_is_ignored(void **state)
{
    fixture *x = *state;
    static const char *const damage[] = {
        "UPDATE refdata_cache SET data = substr(data, 1, length(data) / 2)",
        "UPDATE refdata_cache SET data = zeroblob(length(data))",
        "UPDATE refdata_cache SET data = data || x'00'",
        "UPDATE refdata_cache SET data = x'00' || data",
        /* two subjects of the same name (in the second thread's part) */
        "UPDATE refdata_cache SET data = CAST(replace(data,"
        " CAST((SELECT subject FROM subjects ORDER BY subject LIMIT 1 OFFSET 1) AS BLOB),"
        " CAST((SELECT subject FROM subjects ORDER BY subject LIMIT 1) AS BLOB)) AS BLOB)",
    };
    assert_int_equal(store_exec(x->s, "DELETE FROM refdata_cache"), 0);
    refdata *tables = load(x->s, 0);
    for (size_t i = 0; i < sizeof damage / sizeof *damage; i++) {
        assert_int_equal(refcache_write(x->s, tables, NULL), 0);
        assert_int_equal(store_exec(x->s, damage[i]), 0);
        for (int threads = 1; threads <= 2; threads++) {
            refdata *r = load_with(x->s, threads, 0);
            same_refdata(r, tables);
            refdata_free(r);
        }
    }
    refdata_free(tables);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_copy_matches_tables, setup, teardown),
        cmocka_unit_test_setup_teardown(test_any_change_drops_copy, setup, teardown),
        cmocka_unit_test_setup_teardown(test_ingest_rewrites_copy, setup, teardown),
        cmocka_unit_test_setup_teardown(test_damaged_copy_is_ignored, setup, teardown),
        cmocka_unit_test_setup_teardown(test_load_puts_triggers_back, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
