#include "store/store_dossier.h"
#include "store/store_int.h"

#include <stdio.h>

#include "store/store_rowid.h"

static const char *text(sqlite3_stmt *st, int col)
{
    const unsigned char *t = sqlite3_column_text(st, col);
    return t ? (const char *)t : "";
}

#define COLS                                                                                       \
    "d.id, d.actor, d.title, d.status, d.investigator, d.outcome, d.opened,"                       \
    " coalesce(d.closed, 0), (SELECT count(*) FROM dossier_alerts x WHERE x.dossier_id = d.id)"

int store_dossier_add(store *s, const char *actor, const char *title, const char *investigator,
                      int64_t at, char *id, size_t n)
{
    sqlite3_stmt *st = store_stmt(s, "SELECT coalesce(max(CAST(substr(id, 3) AS INTEGER)), 0) + 1"
                                     " FROM dossiers WHERE id LIKE 'D-%'");
    if (!st) return -1;
    if (sqlite3_step(st) != SQLITE_ROW) {
        sqlite3_reset(st);
        return -1;
    }
    snprintf(id, n, "D-%04lld", (long long)sqlite3_column_int64(st, 0));
    sqlite3_reset(st);
    st = store_stmt(s, "INSERT INTO dossiers(id, actor, title, investigator, opened)"
                       " VALUES(?, ?, ?, ?, ?)");
    if (!st) return -1;
    sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, actor, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, title, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, investigator, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 5, at);
    return store_step_done(st);
}

static int each(sqlite3_stmt *st, store_dossier_fn fn, void *ctx, int *n)
{
    int rc = 0, step;
    *n = 0;
    while (rc == 0 && (step = sqlite3_step(st)) == SQLITE_ROW) {
        store_dossier d = {text(st, 0),
                           text(st, 1),
                           text(st, 2),
                           text(st, 3),
                           text(st, 4),
                           text(st, 5),
                           sqlite3_column_int64(st, 6),
                           sqlite3_column_int64(st, 7),
                           sqlite3_column_int64(st, 8)};
        rc = fn(&d, ctx);
        ++*n;
    }
    if (rc == 0 && step != SQLITE_DONE) rc = -1;
    sqlite3_finalize(st);
    return rc;
}

int store_dossier_get(store *s, const char *id, store_dossier_fn fn, void *ctx)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(store_db(s), "SELECT " COLS " FROM dossiers d WHERE d.id = ?", -1, &st,
                           NULL) != SQLITE_OK)
        return -1;
    sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
    int n, rc = each(st, fn, ctx, &n);
    return rc < 0 ? -1 : n > 0;
}

int store_dossier_each(store *s, const char *status, store_dossier_fn fn, void *ctx)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(store_db(s),
                           "SELECT " COLS " FROM dossiers d WHERE ?1 IS NULL OR d.status = ?1"
                           " ORDER BY d.opened DESC, d.id DESC",
                           -1, &st, NULL) != SQLITE_OK)
        return -1;
    sqlite3_bind_text(st, 1, status, -1, SQLITE_STATIC);
    int n;
    return each(st, fn, ctx, &n);
}

int store_dossier_add_alert(store *s, const char *id, const char *alert_id, int64_t at)
{
    sqlite3_stmt *st = store_stmt(s, "INSERT OR IGNORE INTO dossier_alerts(dossier_id, alert_id,"
                                     " added) VALUES(?, ?, ?)");
    if (!st) return -1;
    sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, alert_id, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 3, at);
    if (store_step_done(st) < 0) return -1;
    return sqlite3_changes(store_db(s)) > 0;
}

int store_dossier_update(store *s, const char *id, const char *status, const char *investigator,
                         int64_t closed, const char *outcome)
{
    sqlite3_stmt *st = store_stmt(s, "UPDATE dossiers SET status = ?2, investigator = ?3,"
                                     " closed = nullif(?4, 0), outcome = ?5 WHERE id = ?1");
    if (!st) return -1;
    sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, status, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, investigator, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 4, closed);
    sqlite3_bind_text(st, 5, outcome, -1, SQLITE_STATIC);
    return store_step_done(st);
}

int store_dossier_of_alert(store *s, const char *alert_id, char *id, size_t n)
{
    sqlite3_stmt *st = store_stmt(s, "SELECT d.id FROM dossier_alerts x JOIN dossiers d"
                                     " ON d.id = x.dossier_id WHERE x.alert_id = ?"
                                     " ORDER BY d.status = 'open' DESC, d.opened DESC LIMIT 1");
    if (!st) return -1;
    sqlite3_bind_text(st, 1, alert_id, -1, SQLITE_STATIC);
    int step = sqlite3_step(st);
    snprintf(id, n, "%s", step == SQLITE_ROW ? text(st, 0) : "");
    sqlite3_reset(st);
    return step == SQLITE_ROW || step == SQLITE_DONE ? 0 : -1;
}

int store_dossier_period(store *s, const char *id, int64_t *from, int64_t *to)
{
    sqlite3_stmt *st = store_stmt(s, "SELECT coalesce(min(a.ts), 0), coalesce(max(a.ts), 0)"
                                     " FROM dossier_alerts x JOIN alerts a ON a.id = x.alert_id"
                                     " WHERE x.dossier_id = ?");
    if (!st) return -1;
    sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
    int step = sqlite3_step(st);
    if (step == SQLITE_ROW) {
        *from = sqlite3_column_int64(st, 0);
        *to = sqlite3_column_int64(st, 1);
    }
    sqlite3_reset(st);
    return step == SQLITE_ROW ? 0 : -1;
}

int store_dossier_event_details(store *s, const char *actor, int64_t from, int64_t to,
                                store_dossier_event_fn fn, void *ctx)
{
    /* The rowid is the time above the slot bits: a range of it is the
     * period, read in time order. */
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(store_db(s),
                           "SELECT id, query, coalesce(results, -1), client FROM events"
                           " WHERE rowkey >= ?2 AND rowkey < ?3 AND actor = ?1 ORDER BY rowkey",
                           -1, &st, NULL) != SQLITE_OK)
        return -1;
    sqlite3_bind_text(st, 1, actor, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, from <= 0 ? 0 : (int64_t)((uint64_t)from << STORE_ROWID_SLOT_BITS));
    sqlite3_bind_int64(st, 3, (int64_t)((uint64_t)(to + 1) << STORE_ROWID_SLOT_BITS));
    int rc = 0, step;
    while (rc == 0 && (step = sqlite3_step(st)) == SQLITE_ROW)
        rc = fn(text(st, 0), text(st, 1), sqlite3_column_int64(st, 2), text(st, 3), ctx);
    if (rc == 0 && step != SQLITE_DONE) rc = -1;
    sqlite3_finalize(st);
    return rc;
}

int store_dossier_alert_events(store *s, const char *id, store_dossier_pair_fn fn, void *ctx)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(store_db(s),
                           "SELECT v.alert_id, v.event_id FROM dossier_alerts x JOIN alert_events v"
                           " ON v.alert_id = x.alert_id WHERE x.dossier_id = ? ORDER BY v.alert_id",
                           -1, &st, NULL) != SQLITE_OK)
        return -1;
    sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
    int rc = 0, step;
    while (rc == 0 && (step = sqlite3_step(st)) == SQLITE_ROW)
        rc = fn(text(st, 0), text(st, 1), ctx);
    if (rc == 0 && step != SQLITE_DONE) rc = -1;
    sqlite3_finalize(st);
    return rc;
}
