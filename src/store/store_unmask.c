#include "store/store_unmask.h"
#include "store/store_int.h"

static const char *text(sqlite3_stmt *st, int col)
{
    const unsigned char *t = sqlite3_column_text(st, col);
    return t ? (const char *)t : "";
}

static void row(sqlite3_stmt *st, store_unmask *u)
{
    *u = (store_unmask){sqlite3_column_int64(st, 0),
                        text(st, 1),
                        text(st, 2),
                        text(st, 3),
                        text(st, 4),
                        sqlite3_column_int64(st, 5),
                        text(st, 6),
                        text(st, 7),
                        sqlite3_column_int64(st, 8),
                        text(st, 9),
                        sqlite3_column_int64(st, 10)};
}

#define COLUMNS                                                                                    \
    "id, actor, requester, reason, concerns, asked, status, decider, decided, note, expires"

int store_unmask_add(store *s, const char *actor, const char *requester, const char *reason,
                     const char *concerns, int64_t asked, int64_t *id)
{
    sqlite3_stmt *st = store_stmt(s, "INSERT INTO unmask(actor, requester, reason, concerns, asked)"
                                     " VALUES(?, ?, ?, ?, ?)");
    if (!st) return -1;
    sqlite3_bind_text(st, 1, actor, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, requester, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, reason, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, concerns, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 5, asked);
    if (store_step_done(st) < 0) return -1;
    *id = sqlite3_last_insert_rowid(store_db(s));
    return 0;
}

int store_unmask_decide(store *s, int64_t id, const char *status, const char *decider,
                        int64_t decided, const char *note, int64_t expires)
{
    sqlite3_stmt *st = store_stmt(s, "UPDATE unmask SET status = ?, decider = ?, decided = ?,"
                                     " note = ?, expires = ? WHERE id = ? AND status = 'pending'");
    if (!st) return -1;
    sqlite3_bind_text(st, 1, status, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, decider, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 3, decided);
    sqlite3_bind_text(st, 4, note, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 5, expires);
    sqlite3_bind_int64(st, 6, id);
    if (store_step_done(st) < 0) return -1;
    return sqlite3_changes(store_db(s)) > 0;
}

static int each(sqlite3_stmt *st, store_unmask_fn fn, void *ctx)
{
    int rc = 0, step;
    while (rc == 0 && (step = sqlite3_step(st)) == SQLITE_ROW) {
        store_unmask u;
        row(st, &u);
        rc = fn(&u, ctx);
    }
    if (rc == 0 && step != SQLITE_DONE) rc = -1;
    sqlite3_reset(st);
    return rc;
}

int store_unmask_get(store *s, int64_t id, store_unmask_fn fn, void *ctx)
{
    sqlite3_stmt *st = store_stmt(s, "SELECT " COLUMNS " FROM unmask WHERE id = ?");
    if (!st) return -1;
    sqlite3_bind_int64(st, 1, id);
    int step = sqlite3_step(st);
    if (step != SQLITE_ROW) {
        sqlite3_reset(st);
        return step == SQLITE_DONE ? 0 : -1;
    }
    store_unmask u;
    row(st, &u);
    int rc = fn(&u, ctx);
    sqlite3_reset(st);
    return rc < 0 ? -1 : 1;
}

int store_unmask_each(store *s, const char *requester, store_unmask_fn fn, void *ctx)
{
    sqlite3_stmt *st =
        store_stmt(s, requester ? "SELECT " COLUMNS " FROM unmask WHERE requester = ? ORDER BY id"
                                : "SELECT " COLUMNS " FROM unmask ORDER BY id");
    if (!st) return -1;
    if (requester) sqlite3_bind_text(st, 1, requester, -1, SQLITE_STATIC);
    return each(st, fn, ctx);
}
