/* The authorisation reports (ops/ops_rights.h) over a small hand-made
 * organisation: each report's exact rows, and the rows that must not
 * appear. The reference time is the newest event: 2026-04-01 12:00. */
#include "testutil.h"

#include "normalise/ts.h"
#include "ops/ops_rights.h"

static const char actors_csv[] = "actor,unit,role,start,end\n"
                                 "ann,burgerzaken,baliemedewerker,2024-01-01,\n"
                                 "bob,burgerzaken,baliemedewerker,2024-01-01,2026-02-15\n"
                                 "dirk,financien,controller,2024-01-01,\n"
                                 "eva,burgerzaken,baliemedewerker,2024-01-01,\n"
                                 "fay,financien,controller,2024-01-01,\n"
                                 "gus,financien,medewerker,2024-01-01,\n"
                                 "hal,financien,medewerker,2024-01-01,\n";

/* cas is in no staff register. */
static const char rights_csv[] = "actor,system,right,granted,revoked,granted_by\n"
                                 "ann,brp,view,2025-01-01,,it-desk\n"
                                 "ann,brp,export,2025-01-01,,it-desk\n"
                                 "ann,reis,view,2025-01-01,,it-desk\n"
                                 "bob,brp,view,2025-01-01,,it-desk\n"
                                 "bob,brp,export,2025-01-01,2026-02-10,it-desk\n"
                                 "cas,zaken,*,2025-01-01,,it-desk\n"
                                 "dirk,brp,view,2025-01-01,,it-desk\n"
                                 "dirk,fin,view,2026-02-01,,it-desk\n"
                                 "eva,brp,view,2025-01-01,,it-desk\n"
                                 "fay,payments,create,2025-01-01,,fin-lead\n"
                                 "fay,payments,approve,2025-01-01,,fin-lead\n"
                                 "gus,payments,*,2025-01-01,,fin-lead\n"
                                 "hal,payments,create,2025-01-01,,fin-lead\n";

static const char moves_csv[] = "actor,date,from_unit,from_role,to_unit,to_role\n"
                                "dirk,2026-02-01,burgerzaken,baliemedewerker,financien,controller\n"
                                "eva,2026-02-01,burgerzaken,baliemedewerker,burgerzaken,"
                                "baliemedewerker\n";

static const char conflicts_csv[] =
    "right_a,right_b,reason\n"
    "payments:create,payments:approve,one person may not both create and approve a payment\n";

#define EV(id, ts, actor, sys, act)                                                                \
    "{\"id\":\"" id "\",\"ts\":\"" ts "\",\"actor\":\"" actor "\",\"system\":\"" sys               \
    "\",\"action\":\"" act "\",\"subject\":\"S-" id "\",\"subject_type\":\"person\"}\n"

static const char events[] = EV("e1", "2025-12-01T10:00:00Z", "ann", "reis", "view")
    EV("e2", "2026-03-31T10:00:00Z", "ann", "brp", "view")
        EV("e3", "2026-02-10T10:00:00Z", "bob", "brp", "view")
            EV("e4", "2026-03-28T10:00:00Z", "cas", "zaken", "edit")
                EV("e5", "2026-03-20T10:00:00Z", "dirk", "brp", "view")
                    EV("e6", "2026-03-25T10:00:00Z", "eva", "brp", "view")
                        EV("e7", "2026-03-30T10:00:00Z", "fay", "payments", "create")
                            EV("e8", "2026-03-30T11:00:00Z", "fay", "payments", "approve")
                                EV("e9", "2026-03-29T10:00:00Z", "gus", "payments", "approve")
                                    EV("e10", "2026-04-01T12:00:00Z", "hal", "payments", "create");

typedef struct org {
    char *dir;
    store *s;
} org;

static int setup(void **state)
{
    org *o = calloc(1, sizeof *o);
    o->dir = tu_tmpdir();
    tu_write(o->dir, "actors.csv", actors_csv);
    tu_write(o->dir, "rights.csv", rights_csv);
    tu_write(o->dir, "moves.csv", moves_csv);
    tu_write(o->dir, "conflicts.csv", conflicts_csv);
    tu_write(o->dir, "events.jsonl", events);
    tu_run r = tu_wachter(o->dir, "load", o->dir, NULL);
    assert_int_equal(r.code, 0);
    tu_free(&r);
    char path[512];
    snprintf(path, sizeof path, "%s/events.jsonl", o->dir);
    r = tu_wachter(o->dir, "ingest", path, NULL);
    assert_int_equal(r.code, 0);
    tu_free(&r);
    snprintf(path, sizeof path, "%s/t.db", o->dir);
    assert_int_equal(store_open(path, &o->s, &(werr){0}), 0);
    *state = o;
    return 0;
}

static int teardown(void **state)
{
    org *o = *state;
    store_close(o->s);
    tu_rmdir(o->dir);
    free(o);
    return 0;
}

/* The report's rows as "actor system:action" lines, one string. */
static char *rows_of(store *s, const ops_rights_opts *opts, ops_rights_result *r)
{
    werr e = {0};
    assert_int_equal(ops_rights_report(s, opts, r, &e), 0);
    static char out[4096];
    size_t n = 0;
    out[0] = 0;
    for (size_t i = 0; i < r->n; i++)
        n += (size_t)snprintf(out + n, sizeof out - n, "%s %s:%s\n", r->rows[i].right.actor,
                              r->rows[i].right.system, r->rows[i].right.action);
    return out;
}

#define DAY 86400000LL
#define MS(y, m, d) ((ts_days_from_civil(y, m, d)) * DAY)

static void test_unused_rights(void **state)
{
    org *o = *state;
    ops_rights_result r;
    ops_rights_opts q = {.kind = STORE_RIGHTS_UNUSED};
    /* not ann's brp:view (used yesterday), not dirk's fin:view (granted
     * two months ago: not yet 90 days to use it) */
    assert_string_equal(rows_of(o->s, &q, &r), "ann brp:export\nann reis:view\n");
    assert_int_equal(r.at, MS(2026, 4, 1) + 12 * 3600000LL);
    assert_int_equal(r.days, 90);
    assert_int_equal(r.rows[0].right.last_use, 0); /* never used */
    assert_int_equal(r.rows[1].right.last_use, MS(2025, 12, 1) + 10 * 3600000LL);
    assert_string_equal(r.rows[0].unit, "burgerzaken");
    assert_string_equal(r.rows[0].role, "baliemedewerker");
    assert_string_equal(r.rows[0].right.granted_by, "it-desk");
    ops_rights_free(&r);
    /* 30 days: bob's brp:view (last used 2026-02-10) and dirk's fin:view
     * join; not cas's zaken:* (an edit on 2026-03-28) */
    q.days = 30;
    assert_string_equal(rows_of(o->s, &q, &r),
                        "ann brp:export\nann reis:view\nbob brp:view\ndirk fin:view\n");
    ops_rights_free(&r);
    /* by system and unit */
    q = (ops_rights_opts){.kind = STORE_RIGHTS_UNUSED, .days = 30, .system = "brp"};
    assert_string_equal(rows_of(o->s, &q, &r), "ann brp:export\nbob brp:view\n");
    ops_rights_free(&r);
    q = (ops_rights_opts){.kind = STORE_RIGHTS_UNUSED, .days = 30, .unit = "financien"};
    assert_string_equal(rows_of(o->s, &q, &r), "dirk fin:view\n");
    ops_rights_free(&r);
    /* --at 2026-01-15: the rights held then (bob's export, revoked on
     * 2026-02-10, too); ann's reis:view was used within 90 days of it */
    q = (ops_rights_opts){.kind = STORE_RIGHTS_UNUSED, .at = "2026-01-15"};
    assert_string_equal(rows_of(o->s, &q, &r), "ann brp:export\nbob brp:export\n");
    ops_rights_free(&r);
}

static void test_leavers_rights(void **state)
{
    org *o = *state;
    ops_rights_result r;
    ops_rights_opts q = {.kind = STORE_RIGHTS_LEAVERS};
    /* bob's export was revoked before he left: not listed */
    assert_string_equal(rows_of(o->s, &q, &r), "bob brp:view\ncas zaken:*\n");
    assert_int_equal(r.rows[0].registered, 1);
    assert_int_equal(r.rows[0].left, MS(2026, 2, 16) - 1);
    assert_int_equal(r.rows[1].registered, 0); /* not in the staff register */
    ops_rights_free(&r);
    /* before bob left, only cas */
    q.at = "2026-02-01";
    assert_string_equal(rows_of(o->s, &q, &r), "cas zaken:*\n");
    ops_rights_free(&r);
}

static void test_movers_rights(void **state)
{
    org *o = *state;
    ops_rights_result r;
    ops_rights_opts q = {.kind = STORE_RIGHTS_MOVERS};
    /* not dirk's fin:view (granted with the move), not eva (same unit and role) */
    assert_string_equal(rows_of(o->s, &q, &r), "dirk brp:view\n");
    assert_int_equal(r.rows[0].moved, MS(2026, 2, 1));
    assert_string_equal(r.rows[0].from_unit, "burgerzaken");
    assert_string_equal(r.rows[0].from_role, "baliemedewerker");
    assert_string_equal(r.rows[0].to_unit, "financien");
    assert_string_equal(r.rows[0].to_role, "controller");
    ops_rights_free(&r);
}

static void test_conflicting_rights(void **state)
{
    org *o = *state;
    ops_rights_result r;
    ops_rights_opts q = {.kind = STORE_RIGHTS_CONFLICTS};
    /* fay holds both; gus's payments:* covers both; hal holds one */
    assert_string_equal(rows_of(o->s, &q, &r), "fay payments:create\ngus payments:*\n");
    assert_string_equal(r.rows[0].held_b, "payments:approve");
    assert_string_equal(r.rows[0].right_a, "payments:create");
    assert_string_equal(r.rows[0].right_b, "payments:approve");
    assert_string_equal(r.rows[0].reason, "one person may not both create and approve a payment");
    assert_string_equal(r.rows[1].held_b, "payments:*");
    ops_rights_free(&r);
}

static void test_one_persons_rights(void **state)
{
    org *o = *state;
    ops_rights_result r;
    ops_rights_opts q = {.kind = STORE_RIGHTS_LIST, .actor = "ann"};
    assert_string_equal(rows_of(o->s, &q, &r), "ann brp:export\nann brp:view\nann reis:view\n");
    assert_int_equal(r.rows[1].right.last_use, MS(2026, 3, 31) + 10 * 3600000LL);
    ops_rights_free(&r);
}

/* The CLI: table and jsonl, and bad arguments (docs/bad-input.md). */
static void test_cli_reports(void **state)
{
    org *o = *state;
    tu_run r = tu_wachter(o->dir, "rights", "unused", NULL);
    assert_int_equal(r.code, 0);
    assert_non_null(strstr(r.out,
                           "ann             burgerzaken     baliemedewerker         brp:export"
                           "            2025-01-01  it-desk             never"));
    assert_non_null(strstr(r.out, "(2 rights not used in 90 days or never, as of 2026-04-01)"));
    tu_free(&r);
    r = tu_wachter(o->dir, "rights", "leavers", "--format", "jsonl", NULL);
    assert_int_equal(r.code, 0);
    assert_non_null(strstr(r.out, "\"actor\":\"cas\",\"unit\":\"\",\"role\":\"\",\"right\":"
                                  "\"zaken:*\""));
    assert_non_null(strstr(r.out, "\"registered\":false,\"left\":null,\"why\":\"not in the staff"
                                  " register\"}"));
    assert_non_null(strstr(r.out, "\"registered\":true,\"left\":\"2026-02-15\",\"why\":\"left\"}"));
    tu_free(&r);
    r = tu_wachter(o->dir, "rights", "movers", NULL);
    assert_int_equal(r.code, 0);
    assert_non_null(strstr(r.out, "burgerzaken / baliemedewerker"));
    assert_non_null(strstr(r.out, "financien / controller"));
    tu_free(&r);
    r = tu_wachter(o->dir, "rights", "conflicts", "--format", "jsonl", NULL);
    assert_non_null(strstr(r.out, "\"conflict\":\"payments:create + payments:approve\""));
    tu_free(&r);
    /* rights.bad-report */
    r = tu_wachter(o->dir, "rights", "unusd", NULL);
    assert_int_equal(r.code, 2);
    assert_non_null(strstr(r.err, "unknown report 'unusd'"));
    tu_free(&r);
    /* rights.bad-days */
    r = tu_wachter(o->dir, "rights", "unused", "--days", "0", NULL);
    assert_int_equal(r.code, 2);
    tu_free(&r);
    r = tu_wachter(o->dir, "rights", "leavers", "--days", "30", NULL);
    assert_int_equal(r.code, 2);
    assert_non_null(strstr(r.err, "--days is the unused report's"));
    tu_free(&r);
    /* rights.bad-at */
    r = tu_wachter(o->dir, "rights", "unused", "--at", "yesterday", NULL);
    assert_int_equal(r.code, 1);
    assert_non_null(strstr(r.err, "--at takes a time"));
    tu_free(&r);
}

/* conflicts.bad-right: a right not written system:action. */
static void test_bad_conflicts_rows(void **state)
{
    (void)state;
    char *dir = tu_tmpdir();
    tu_write(dir, "conflicts.csv",
             "right_a,right_b,reason\n"
             "payments-create,payments:approve,no colon\n"
             "payments:create,:approve,no system\n"
             "payments:create,payments:approve,fine\n");
    tu_run r = tu_wachter(dir, "load", dir, NULL);
    assert_non_null(strstr(r.err, "conflicts.csv:2: column 'right_a': 'payments-create' is not a"
                                  " right written system:action"));
    assert_non_null(strstr(r.err, "conflicts.csv:3: column 'right_b': ':approve' is not a right"
                                  " written system:action"));
    assert_non_null(strstr(r.err, "conflicts.csv: not loaded (2 bad rows)"));
    tu_free(&r);
    tu_rmdir(dir);
}

/* The last use is kept as events are stored: a later ingest's newer
 * event moves it on, an older one (arriving late) does not move it back. */
static void test_last_use_across_ingests(void **state)
{
    (void)state;
    char *dir = tu_tmpdir();
    tu_write(dir, "rights.csv",
             "actor,system,right,granted,revoked,granted_by\n"
             "ann,brp,view,2025-01-01,,it-desk\n");
    tu_write(dir, "a.jsonl", EV("x1", "2026-03-01T10:00:00Z", "ann", "brp", "view"));
    tu_write(dir, "b.jsonl", EV("x2", "2026-03-05T10:00:00Z", "ann", "brp", "view"));
    tu_write(dir, "c.jsonl", EV("x3", "2026-02-01T10:00:00Z", "ann", "brp", "view"));
    tu_run r = tu_wachter(dir, "load", dir, NULL);
    tu_free(&r);
    char path[512];
    for (const char *f = "a"; f; f = f[0] == 'a' ? "b" : f[0] == 'b' ? "c" : NULL) {
        snprintf(path, sizeof path, "%s/%s.jsonl", dir, f);
        r = tu_wachter(dir, "ingest", path, NULL);
        assert_int_equal(r.code, 0);
        tu_free(&r);
    }
    store *s;
    snprintf(path, sizeof path, "%s/t.db", dir);
    assert_int_equal(store_open(path, &s, &(werr){0}), 0);
    ops_rights_result res;
    ops_rights_opts q = {.kind = STORE_RIGHTS_LIST};
    assert_string_equal(rows_of(s, &q, &res), "ann brp:view\n");
    assert_int_equal(res.rows[0].right.last_use, MS(2026, 3, 5) + 10 * 3600000LL);
    ops_rights_free(&res);
    store_close(s);
    tu_rmdir(dir);
}

static long count_sql(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    long n = (long)sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return n;
}

/* The demo's authorisation data (README "The demo"): every active member
 * of staff holds a right, exactly one event has no right, one mover, one
 * conflict, the consultant in no register among the leavers' rights. */
static void test_demo_rights(void **state)
{
    (void)state;
    tu_demogen_beside_wachter();
    char *dir = tu_tmpdir();
    char orgdir[512], path[512];
    snprintf(orgdir, sizeof orgdir, "%s/org", dir);
    tu_run r = tu_wachter(dir, "demo", "--actors", "200", "--days", "14", "--dir", orgdir, NULL);
    assert_int_equal(r.code, 0);
    tu_free(&r);
    snprintf(path, sizeof path, "%s/t.db", dir);
    sqlite3 *db;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    assert_int_equal(count_sql(db, "SELECT count(*) FROM actors a WHERE a.end_ts IS NULL"
                                   " AND NOT EXISTS(SELECT 1 FROM rights r WHERE r.actor = a.actor"
                                   " AND r.revoked IS NULL)"),
                     0);
    assert_int_equal(count_sql(db, "SELECT count(*) FROM events e WHERE NOT EXISTS(SELECT 1 FROM"
                                   " rights r WHERE r.actor = e.actor AND r.system = e.system AND"
                                   " (r.action = '*' OR r.action = e.action) AND r.granted <= e.ts"
                                   " AND (r.revoked IS NULL OR r.revoked > e.ts))"),
                     1);
    sqlite3_close(db);
    store *s;
    assert_int_equal(store_open(path, &s, &(werr){0}), 0);
    ops_rights_result res;
    ops_rights_opts q = {.kind = STORE_RIGHTS_MOVERS};
    werr e = {0};
    assert_int_equal(ops_rights_report(s, &q, &res, &e), 0);
    assert_true(res.n >= 1);
    for (size_t i = 1; i < res.n; i++)
        assert_string_equal(res.rows[i].right.actor, res.rows[0].right.actor);
    ops_rights_free(&res);
    q.kind = STORE_RIGHTS_CONFLICTS;
    rows_of(s, &q, &res);
    assert_int_equal(res.n, 1);
    assert_string_equal(res.rows[0].held_b, "zaak:decide");
    ops_rights_free(&res);
    q.kind = STORE_RIGHTS_LEAVERS;
    assert_non_null(strstr(rows_of(s, &q, &res), "ext-0001 zaak:view\n"));
    assert_true(res.n > 1); /* leavers who kept their rights too */
    ops_rights_free(&res);
    q.kind = STORE_RIGHTS_UNUSED;
    assert_non_null(strstr(rows_of(s, &q, &res), "brp:export\n")); /* team leads' export */
    ops_rights_free(&res);
    store_close(s);
    tu_rmdir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_unused_rights),      cmocka_unit_test(test_leavers_rights),
        cmocka_unit_test(test_movers_rights),      cmocka_unit_test(test_conflicting_rights),
        cmocka_unit_test(test_one_persons_rights), cmocka_unit_test(test_cli_reports),
        cmocka_unit_test(test_bad_conflicts_rows), cmocka_unit_test(test_last_use_across_ingests),
        cmocka_unit_test(test_demo_rights),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
