#include "store/store_incidents.h"
#include "store/store_int.h"

#include <sqlite3.h>

static int each(store *s, const char *sql, store_incident_fn fn, void *ctx)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(store_db(s), sql, -1, &st, NULL) != SQLITE_OK) return -1;
    int rc = 0, step;
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        store_incident x = {(const char *)sqlite3_column_text(st, 0),
                            (const char *)sqlite3_column_text(st, 1),
                            (const char *)sqlite3_column_text(st, 3), sqlite3_column_int64(st, 2)};
        if ((rc = fn(&x, ctx)) != 0) break;
    }
    if (rc == 0 && step != SQLITE_DONE) rc = -1;
    sqlite3_finalize(st);
    return rc;
}

int store_incidents_each(store *s, store_incident_fn fn, void *ctx)
{
    return each(s, "SELECT incident, subject, ts, kind FROM incidents ORDER BY ts, incident", fn,
                ctx);
}

int store_incident_put(store *s, const store_incident *x)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(store_db(s),
                           "INSERT OR REPLACE INTO incidents(incident, subject, ts, kind)"
                           " VALUES(?,?,?,?)",
                           -1, &st, NULL) != SQLITE_OK)
        return -1;
    sqlite3_bind_text(st, 1, x->id, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, x->subject, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 3, x->ts);
    sqlite3_bind_text(st, 4, x->kind ? x->kind : "", -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : -1;
}

/* The mark is a temporary table: private to the connection, gone with it. */
int store_incidents_mark(store *s)
{
    return store_exec(s, "DROP TABLE IF EXISTS temp.inv_incident_mark;"
                         "CREATE TEMP TABLE inv_incident_mark AS"
                         " SELECT incident, subject, ts, kind FROM main.incidents");
}

int store_incidents_each_new(store *s, store_incident_fn fn, void *ctx)
{
    int rc = each(s,
                  "SELECT incident, subject, ts, kind FROM main.incidents EXCEPT"
                  " SELECT incident, subject, ts, kind FROM temp.inv_incident_mark"
                  " ORDER BY 3, 1",
                  fn, ctx);
    if (store_exec(s, "DROP TABLE IF EXISTS temp.inv_incident_mark") < 0) return -1;
    return rc;
}
