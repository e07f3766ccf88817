#include "store/store_forward.h"
#include "store/store_int.h"

#include "store/store_alerts.h"

int store_fwd_cursor(store *s, const char *dest, const char *payload, int64_t *seq)
{
    sqlite3_stmt *st = store_stmt(s, "INSERT INTO forward_cursors(dest, payload) VALUES(?1, ?2)"
                                     " ON CONFLICT(dest) DO UPDATE SET payload = excluded.payload"
                                     " RETURNING seq");
    if (!st) return -1;
    sqlite3_bind_text(st, 1, dest, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, payload, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st) == SQLITE_ROW ? 0 : -1;
    *seq = rc == 0 ? sqlite3_column_int64(st, 0) : 0;
    if (rc == 0 && sqlite3_step(st) != SQLITE_DONE) rc = -1;
    sqlite3_reset(st);
    return rc;
}

int store_fwd_delivered(store *s, const char *dest, int64_t seq, int64_t n, int64_t at)
{
    sqlite3_stmt *st = store_stmt(s, "UPDATE forward_cursors SET seq = max(seq, ?2),"
                                     " sent = sent + ?3, last_ok = ?4, last_error = '',"
                                     " error_at = 0 WHERE dest = ?1");
    if (!st) return -1;
    sqlite3_bind_text(st, 1, dest, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, seq);
    sqlite3_bind_int64(st, 3, n);
    sqlite3_bind_int64(st, 4, at);
    return store_step_done(st);
}

int store_fwd_failed(store *s, const char *dest, const char *msg, int64_t at)
{
    sqlite3_stmt *st = store_stmt(s, "UPDATE forward_cursors SET last_error = ?2, error_at = ?3"
                                     " WHERE dest = ?1");
    if (!st) return -1;
    sqlite3_bind_text(st, 1, dest, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, msg, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 3, at);
    return store_step_done(st);
}

int store_fwd_each(store *s, store_fwd_fn fn, void *ctx)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(store_db(s),
                           "SELECT dest, payload, seq, sent, last_ok, last_error, error_at"
                           " FROM forward_cursors ORDER BY dest",
                           -1, &st, NULL) != SQLITE_OK)
        return -1;
    int rc = 0, step;
    while (rc == 0 && (step = sqlite3_step(st)) == SQLITE_ROW) {
        store_fwd f = {
            .dest = (const char *)sqlite3_column_text(st, 0),
            .payload = (const char *)sqlite3_column_text(st, 1),
            .seq = sqlite3_column_int64(st, 2),
            .sent = sqlite3_column_int64(st, 3),
            .last_ok = sqlite3_column_int64(st, 4),
            .last_error = (const char *)sqlite3_column_text(st, 5),
            .error_at = sqlite3_column_int64(st, 6),
        };
        if (store_alerts_after_count(s, f.seq, &f.pending) < 0)
            rc = -1;
        else
            rc = fn(&f, ctx);
    }
    if (rc == 0 && step != SQLITE_DONE) rc = -1;
    sqlite3_finalize(st);
    return rc;
}
