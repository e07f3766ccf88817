#include "store/store_suppress.h"
#include "store/store_int.h"

static const char *text(sqlite3_stmt *st, int col)
{
    const unsigned char *t = sqlite3_column_text(st, col);
    return t ? (const char *)t : "";
}

#define COLS "id, rule, scope, value, reason, account, until, at, coalesce(ended, 0)"

int store_suppress_add(store *s, const store_suppression *p, int64_t *id)
{
    sqlite3_stmt *st = store_stmt(s, "INSERT INTO suppressions(rule, scope, value, reason, until,"
                                     " account, at) VALUES(?, ?, ?, ?, ?, ?, ?)");
    if (!st) return -1;
    sqlite3_bind_text(st, 1, p->rule, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, p->scope, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, p->value, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, p->reason, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 5, p->until);
    sqlite3_bind_text(st, 6, p->account, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 7, p->at);
    if (store_step_done(st) < 0) return -1;
    *id = sqlite3_last_insert_rowid(store_db(s));
    return 0;
}

int store_suppress_end(store *s, int64_t id, int64_t at)
{
    sqlite3_stmt *st =
        store_stmt(s, "UPDATE suppressions SET ended = ?2 WHERE id = ?1 AND ended IS NULL");
    if (!st) return -1;
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_int64(st, 2, at);
    if (store_step_done(st) < 0) return -1;
    return sqlite3_changes(store_db(s)) > 0;
}

static int each(sqlite3_stmt *st, store_suppression_fn fn, void *ctx)
{
    int rc = 0, step, n = 0;
    while (rc == 0 && (step = sqlite3_step(st)) == SQLITE_ROW) {
        store_suppression p = {sqlite3_column_int64(st, 0),
                               text(st, 1),
                               text(st, 2),
                               text(st, 3),
                               text(st, 4),
                               text(st, 5),
                               sqlite3_column_int64(st, 6),
                               sqlite3_column_int64(st, 7),
                               sqlite3_column_int64(st, 8)};
        rc = fn(&p, ctx);
        n++;
    }
    if (rc == 0 && step != SQLITE_DONE) rc = -1;
    sqlite3_finalize(st);
    return rc < 0 ? -1 : rc ? rc : n;
}

int store_suppress_get(store *s, int64_t id, store_suppression_fn fn, void *ctx)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(store_db(s), "SELECT " COLS " FROM suppressions WHERE id = ?", -1, &st,
                           NULL) != SQLITE_OK)
        return -1;
    sqlite3_bind_int64(st, 1, id);
    int rc = each(st, fn, ctx);
    return rc < 0 ? -1 : rc > 0;
}

int store_suppress_each(store *s, int active_only, int64_t now, store_suppression_fn fn, void *ctx)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(store_db(s),
                           active_only ? "SELECT " COLS " FROM suppressions WHERE ended IS NULL"
                                         " AND until > ?1 ORDER BY id"
                                       : "SELECT " COLS " FROM suppressions ORDER BY id",
                           -1, &st, NULL) != SQLITE_OK)
        return -1;
    if (active_only) sqlite3_bind_int64(st, 1, now);
    int rc = each(st, fn, ctx);
    return rc < 0 ? -1 : 0;
}
