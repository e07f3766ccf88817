#include "store/store_otlp.h"
#include "store/store_int.h"

static const char *const kinds[] = {[STORE_OTLP_SPAN] = "span", [STORE_OTLP_AUDIT] = "audit"};

int store_otlp_wait(store *s, store_otlp_kind k, const char *trace, const char *op,
                    int64_t received, const char *record, const char *raw, size_t nraw)
{
    sqlite3_stmt *st = store_stmt(s, "INSERT OR REPLACE INTO otlp_pending(kind, trace_id,"
                                     " operation_id, received, record, raw) VALUES(?,?,?,?,?,?)");
    if (!st) return -1;
    sqlite3_bind_text(st, 1, kinds[k], -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, trace, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, op, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 4, received);
    sqlite3_bind_text(st, 5, record, -1, SQLITE_STATIC);
    sqlite3_bind_blob(st, 6, nraw ? raw : "", (int)nraw, SQLITE_STATIC);
    return store_step_done(st);
}

int store_otlp_take(store *s, store_otlp_kind k, const char *trace, const char *op, buf *out)
{
    sqlite3_stmt *st = store_stmt(s, "DELETE FROM otlp_pending WHERE kind = ? AND trace_id = ?"
                                     " AND operation_id = ? RETURNING record");
    if (!st) return -1;
    sqlite3_bind_text(st, 1, kinds[k], -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, trace, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, op, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st), found = 0;
    if (rc == SQLITE_ROW) {
        const char *rec = (const char *)sqlite3_column_text(st, 0);
        if (buf_puts(out, rec ? rec : "") < 0) {
            sqlite3_reset(st);
            return -1;
        }
        found = 1;
        rc = sqlite3_step(st);
    }
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? found : -1;
}

long store_otlp_expire(store *s, int64_t before, int (*fn)(const store_otlp_expired *, void *),
                       void *ctx)
{
    sqlite3_stmt *st = store_stmt(s, "SELECT kind, trace_id, operation_id, received, raw"
                                     " FROM otlp_pending WHERE received < ?"
                                     " ORDER BY received, kind, trace_id, operation_id");
    if (!st) return -1;
    sqlite3_bind_int64(st, 1, before);
    long n = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *kind = (const char *)sqlite3_column_text(st, 0);
        store_otlp_expired x = {
            .kind = kind && kind[0] == 'a' ? STORE_OTLP_AUDIT : STORE_OTLP_SPAN,
            .trace = (const char *)sqlite3_column_text(st, 1),
            .op = (const char *)sqlite3_column_text(st, 2),
            .received = sqlite3_column_int64(st, 3),
            .raw = sqlite3_column_blob(st, 4),
            .nraw = (size_t)sqlite3_column_bytes(st, 4),
        };
        if (!x.trace) x.trace = "";
        if (!x.op) x.op = "";
        if (fn(&x, ctx) < 0) {
            sqlite3_reset(st);
            return -1;
        }
        n++;
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) return -1;
    if (!n) return 0;
    sqlite3_stmt *del = store_stmt(s, "DELETE FROM otlp_pending WHERE received < ?");
    if (!del) return -1;
    sqlite3_bind_int64(del, 1, before);
    return store_step_done(del) < 0 ? -1 : n;
}

int store_otlp_waiting(store *s, long *spans, long *audits)
{
    sqlite3_stmt *st = store_stmt(s, "SELECT count(*) FILTER (WHERE kind = 'span'),"
                                     " count(*) FILTER (WHERE kind = 'audit') FROM otlp_pending");
    if (!st || sqlite3_step(st) != SQLITE_ROW) {
        if (st) sqlite3_reset(st);
        return -1;
    }
    *spans = (long)sqlite3_column_int64(st, 0);
    *audits = (long)sqlite3_column_int64(st, 1);
    sqlite3_reset(st);
    return 0;
}

int store_activity_name(store *s, const char *id, buf *out)
{
    sqlite3_stmt *st = store_stmt(s, "SELECT name FROM activities WHERE id = ?");
    if (!st) return -1;
    sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st), found = 0;
    if (rc == SQLITE_ROW) {
        const char *name = (const char *)sqlite3_column_text(st, 0);
        found = buf_puts(out, name ? name : "") == 0 ? 1 : -1;
        rc = SQLITE_DONE;
    }
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? found : -1;
}
