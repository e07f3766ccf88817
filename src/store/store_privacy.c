#include "store/store_privacy.h"
#include "store/store_int.h"

#include <string.h>

int store_privacy_held(store *s, const char *kind, int64_t *n, int64_t *oldest)
{
    static const struct {
        const char *kind, *sql;
    } q[] = {
        {"events", "SELECT count(*), min(ts) FROM events"},
        {"quarantine", "SELECT count(*), min(at) FROM quarantine"},
        {"alerts", "SELECT count(*), min(ts) FROM alerts"},
        {"cases", "SELECT count(DISTINCT case_id), min(opened) FROM cases"},
    };
    for (size_t i = 0; i < sizeof q / sizeof *q; i++) {
        if (strcmp(q[i].kind, kind) != 0) continue;
        sqlite3_stmt *st = store_stmt(s, q[i].sql);
        if (!st) return -1;
        int rc = sqlite3_step(st) == SQLITE_ROW ? 0 : -1;
        if (rc == 0) {
            *n = sqlite3_column_int64(st, 0);
            *oldest = sqlite3_column_int64(st, 1); /* NULL reads as 0 */
        }
        sqlite3_reset(st);
        return rc;
    }
    store_set_errmsg(s, "no such kind of record");
    return -1;
}

int store_privacy_other(store *s, store_held_fn fn, void *ctx)
{
    static const struct {
        const char *what, *kept, *sql;
    } q[] = {
        {"staff register", "until a load replaces it",
         "SELECT count(*), min(start_ts) FROM actors"},
        {"rights", "until a load replaces them", "SELECT count(*), min(granted) FROM rights"},
        {"moves", "until a load replaces them", "SELECT count(*), min(moved) FROM moves"},
        {"screenings", "until a load replaces them",
         "SELECT count(*), min(screened) FROM screenings"},
        {"integrity cases", "for ever", "SELECT count(*), min(opened) FROM dossiers"},
        {"recertifications", "for ever", "SELECT count(*), min(created) FROM recert_campaigns"},
        {"suppressions", "for ever", "SELECT count(*), min(at) FROM suppressions"},
        {"unjoined (OTLP)", "until joined, or quarantined after the wait",
         "SELECT count(*), min(received) FROM otlp_pending"},
    };
    for (size_t i = 0; i < sizeof q / sizeof *q; i++) {
        sqlite3_stmt *st = store_stmt(s, q[i].sql);
        if (!st) return -1;
        if (sqlite3_step(st) != SQLITE_ROW) {
            sqlite3_reset(st);
            return -1;
        }
        int64_t n = sqlite3_column_int64(st, 0), oldest = sqlite3_column_int64(st, 1);
        sqlite3_reset(st);
        int rc = fn(q[i].what, q[i].kept, n, oldest, ctx);
        if (rc) return rc;
    }
    return 0;
}

int store_privacy_roles(store *s, store_role_count_fn fn, void *ctx)
{
    sqlite3_stmt *st = store_stmt(s, "SELECT role, count(*), sum(disabled) FROM accounts"
                                     " GROUP BY role ORDER BY role");
    if (!st) return -1;
    int rc = 0, step;
    while (rc == 0 && (step = sqlite3_step(st)) == SQLITE_ROW)
        rc = fn((const char *)sqlite3_column_text(st, 0), sqlite3_column_int64(st, 1),
                sqlite3_column_int64(st, 2), ctx);
    if (rc == 0 && step != SQLITE_DONE) rc = -1;
    sqlite3_reset(st);
    return rc;
}
