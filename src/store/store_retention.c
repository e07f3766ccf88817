#include "store/store_retention.h"
#include "store/store_int.h"

int store_retention_get(store *s, const char *kind, int64_t *days, int64_t *set_at)
{
    sqlite3_stmt *st = store_stmt(s, "SELECT days, set_at FROM retention WHERE kind = ?");
    if (!st) return -1;
    sqlite3_bind_text(st, 1, kind, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    *days = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    *set_at = rc == SQLITE_ROW ? sqlite3_column_int64(st, 1) : 0;
    sqlite3_reset(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : -1;
}

int store_retention_set(store *s, const char *kind, int64_t days, int64_t set_at)
{
    if (store_begin(s) < 0) return -1;
    sqlite3_stmt *st;
    if (days > 0) {
        st = store_stmt(s, "INSERT OR REPLACE INTO retention(kind, days, set_at) VALUES(?, ?, ?)");
        if (st) {
            sqlite3_bind_int64(st, 2, days);
            sqlite3_bind_int64(st, 3, set_at);
        }
    } else {
        st = store_stmt(s, "DELETE FROM retention WHERE kind = ?");
    }
    if (st) sqlite3_bind_text(st, 1, kind, -1, SQLITE_STATIC);
    if (st && store_step_done(st) == 0 && store_commit(s) == 0) return 0;
    store_rollback(s);
    return -1;
}

int store_minimise_each(store *s, store_minimise_fn fn, void *ctx)
{
    sqlite3_stmt *st = store_stmt(s, "SELECT field FROM minimise ORDER BY field");
    if (!st) return -1;
    int rc = 0, step;
    while (rc == 0 && (step = sqlite3_step(st)) == SQLITE_ROW)
        rc = fn((const char *)sqlite3_column_text(st, 0), ctx);
    if (rc == 0 && step != SQLITE_DONE) rc = -1;
    sqlite3_reset(st);
    return rc;
}

int store_minimise_replace(store *s, const char *const *fields, size_t n)
{
    if (store_begin(s) < 0) return -1;
    int rc = store_exec(s, "DELETE FROM minimise");
    for (size_t i = 0; rc == 0 && i < n; i++) {
        sqlite3_stmt *st = store_stmt(s, "INSERT OR IGNORE INTO minimise(field) VALUES(?)");
        if (!st) {
            rc = -1;
            break;
        }
        sqlite3_bind_text(st, 1, fields[i], -1, SQLITE_STATIC);
        rc = store_step_done(st);
    }
    if (rc == 0 && store_commit(s) == 0) return 0;
    store_rollback(s);
    return -1;
}
