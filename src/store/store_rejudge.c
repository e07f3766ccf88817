#include "store/store_rejudge.h"
#include "store/store_int.h"

#include "store/store_ref_int.h"

/* The end date as store_ref_actors gives it to detection. */
#define ENDS "SELECT a.actor AS actor, " STORE_REF_END_SQL " AS end_ts FROM main.actors a"

/* The rights as the rule unauthorised reads them. */
#define RIGHTS                                                                                     \
    "SELECT actor, system, action, granted, coalesce(revoked, 0) AS revoked FROM main.rights"

int store_rejudge_mark(store *s)
{
    if (store_rejudge_forget(s) < 0) return -1;
    return store_exec(s, "CREATE TEMP TABLE rj_cases AS"
                         " SELECT case_id, subject, opened, closed FROM main.cases;"
                         "CREATE TEMP TABLE rj_asg AS"
                         " SELECT case_id, assignee, from_ts, to_ts FROM main.case_assignments;"
                         "CREATE TEMP TABLE rj_ends AS " ENDS ";"
                         "CREATE TEMP TABLE rj_rights AS " RIGHTS);
}

static int64_t count(store *s, const char *sql)
{
    sqlite3_stmt *st = store_stmt(s, sql);
    if (!st) return -1;
    int64_t n = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
    sqlite3_reset(st);
    return n;
}

int store_rejudge_touched(store *s, int64_t *subjects, int64_t *cases)
{
    /* EXCEPT compares whole rows: a row loaded again unchanged is not new. */
    if (store_exec(s, "DROP TABLE IF EXISTS temp.rj_case_ids;"
                      "DROP TABLE IF EXISTS temp.rj_subjects;"
                      "CREATE TEMP TABLE rj_case_ids(case_id TEXT PRIMARY KEY) WITHOUT ROWID;"
                      "INSERT OR IGNORE INTO rj_case_ids SELECT case_id FROM"
                      " (SELECT case_id, subject, opened, closed FROM main.cases EXCEPT"
                      "  SELECT case_id, subject, opened, closed FROM temp.rj_cases);"
                      "INSERT OR IGNORE INTO rj_case_ids SELECT case_id FROM"
                      " (SELECT case_id, assignee, from_ts, to_ts FROM main.case_assignments"
                      "  EXCEPT SELECT case_id, assignee, from_ts, to_ts FROM temp.rj_asg);"
                      "CREATE TEMP TABLE rj_subjects(subject TEXT PRIMARY KEY) WITHOUT ROWID;"
                      "INSERT OR IGNORE INTO rj_subjects SELECT c.subject FROM main.cases c"
                      " JOIN temp.rj_case_ids USING(case_id);") < 0)
        return -1;
    *subjects = count(s, "SELECT count(*) FROM temp.rj_subjects");
    *cases = count(s, "SELECT count(*) FROM temp.rj_case_ids");
    return *subjects < 0 || *cases < 0 ? -1 : 0;
}

int store_rejudge_case_touched(store *s, const char *c)
{
    sqlite3_stmt *st = store_stmt(s, "SELECT 1 FROM temp.rj_case_ids WHERE case_id = ?");
    if (!st) return -1;
    sqlite3_bind_text(st, 1, c, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

int store_rejudge_each_ended(store *s, store_rejudge_end_fn fn, void *ctx)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(store_db(s),
                           "SELECT n.actor, coalesce(o.end_ts, 0), n.end_ts FROM (" ENDS ") n"
                           " LEFT JOIN temp.rj_ends o USING(actor)"
                           " WHERE n.end_ts IS NOT NULL AND n.end_ts IS NOT o.end_ts"
                           " ORDER BY n.actor",
                           -1, &st, NULL) != SQLITE_OK)
        return -1;
    int rc = 0, step;
    while ((step = sqlite3_step(st)) == SQLITE_ROW)
        if ((rc = fn((const char *)sqlite3_column_text(st, 0), sqlite3_column_int64(st, 1),
                     sqlite3_column_int64(st, 2), ctx)) != 0)
            break;
    if (rc == 0 && step != SQLITE_DONE) rc = -1;
    sqlite3_finalize(st);
    return rc;
}

int store_rejudge_each_rights_actor(store *s, store_rejudge_actor_fn fn, void *ctx)
{
    /* Whose rights differ (added, changed or gone); every actor with
     * detection state when a system is named that was not before. */
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(
            store_db(s),
            "SELECT actor FROM (" RIGHTS " EXCEPT SELECT * FROM temp.rj_rights)"
            " UNION SELECT actor FROM (SELECT * FROM temp.rj_rights EXCEPT " RIGHTS ")"
            " UNION SELECT actor FROM main.actor_state WHERE EXISTS"
            "  (SELECT system FROM main.rights EXCEPT SELECT system FROM temp.rj_rights)"
            " ORDER BY 1",
            -1, &st, NULL) != SQLITE_OK)
        return -1;
    int rc = 0, step;
    while ((step = sqlite3_step(st)) == SQLITE_ROW)
        if ((rc = fn((const char *)sqlite3_column_text(st, 0), ctx)) != 0) break;
    if (rc == 0 && step != SQLITE_DONE) rc = -1;
    sqlite3_finalize(st);
    return rc;
}

int store_rejudge_forget(store *s)
{
    return store_exec(
        s, "DROP TABLE IF EXISTS temp.rj_cases; DROP TABLE IF EXISTS temp.rj_asg;"
           "DROP TABLE IF EXISTS temp.rj_ends; DROP TABLE IF EXISTS temp.rj_case_ids;"
           "DROP TABLE IF EXISTS temp.rj_subjects; DROP TABLE IF EXISTS temp.rj_rights;");
}
