#include "store/store_person.h"
#include "store/store_int.h"

#include <stdio.h>

#include "store/store_alerts.h"
#include "normalise/ts.h"

static void text(sqlite3_stmt *st, int i, char *out, size_t n)
{
    const char *v = (const char *)sqlite3_column_text(st, i);
    snprintf(out, n, "%s", v ? v : "");
}

int store_person_register(store *s, const char *actor, int *found, char *unit, char *role, size_t n)
{
    sqlite3_stmt *st = store_stmt(s, "SELECT unit, role FROM actors WHERE actor = ?1");
    if (!st) return -1;
    sqlite3_bind_text(st, 1, actor, -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(st);
    *found = rc == SQLITE_ROW;
    unit[0] = role[0] = 0;
    if (*found) {
        text(st, 0, unit, n);
        text(st, 1, role, n);
    }
    sqlite3_reset(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : -1;
}

int store_person_subject(store *s, const char *actor, char *subject, size_t n)
{
    sqlite3_stmt *st = store_stmt(s, "SELECT person FROM actors WHERE actor = ?1");
    if (!st) return -1;
    sqlite3_bind_text(st, 1, actor, -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(st);
    subject[0] = 0;
    if (rc == SQLITE_ROW) text(st, 0, subject, n);
    sqlite3_reset(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : -1;
}

int store_person_alert_days(store *s, const char *actor, store_day_fn fn, void *ctx)
{
    /* As store_each_alert_by_actor counts them (store_risk.c): an alert
     * naming several actors with actor's weight, any other one of
     * actor's with its score; both through the actor indexes. */
    sqlite3_stmt *st = store_stmt(
        s,
        "SELECT d, sum(w), count(*) FROM ("
        " SELECT ts / 86400000 AS d, score AS w FROM alerts"
        " WHERE actor = ?1 AND " STORE_ALERT_COUNTS(
            "alerts") " AND NOT EXISTS(SELECT 1 FROM alert_actors WHERE alert_id = id)"
                      " UNION ALL SELECT a.ts / 86400000, x.score FROM alert_actors x"
                      " JOIN alerts a ON a.id = x.alert_id"
                      " WHERE x.actor = ?1 AND " STORE_ALERT_COUNTS("a") ")"
                                                                         " GROUP BY d ORDER BY d");
    if (!st) return -1;
    sqlite3_bind_text(st, 1, actor, -1, SQLITE_TRANSIENT);
    int rc = 0, step;
    while ((step = sqlite3_step(st)) == SQLITE_ROW)
        if ((rc = fn(sqlite3_column_int64(st, 0) * TS_DAY_MS, sqlite3_column_double(st, 1),
                     (long)sqlite3_column_int64(st, 2), ctx)) != 0)
            break;
    if (rc == 0 && step != SQLITE_DONE) rc = -1;
    sqlite3_reset(st);
    return rc;
}

int store_same_address(store *s, const char *subject, long limit, store_subject_fn fn, void *ctx)
{
    /* Through subjects_address (schema 19). */
    sqlite3_stmt *st =
        store_stmt(s, "SELECT o.subject FROM subjects me JOIN subjects o"
                      " ON o.postcode = me.postcode AND o.house_number = me.house_number"
                      " WHERE me.subject = ?1 AND me.postcode <> '' AND o.postcode <> ''"
                      " AND o.subject <> me.subject"
                      " ORDER BY o.subject LIMIT ?2");
    if (!st) return -1;
    sqlite3_bind_text(st, 1, subject, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 2, limit);
    int rc = 0, step;
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        const char *o = (const char *)sqlite3_column_text(st, 0);
        if ((rc = fn(o ? o : "", ctx)) != 0) break;
    }
    if (rc == 0 && step != SQLITE_DONE) rc = -1;
    sqlite3_reset(st);
    return rc;
}
