#include "store/store_risk.h"
#include "store/store_int.h"

#include <sqlite3.h>

#include "store/store_alerts.h"

int store_each_alert_by_actor(store *s, store_risk_fn fn, void *ctx)
{
    sqlite3_stmt *st;
    /* An alert naming several actors (alert_actors) counts for each of
     * them, with its weight for that one; any other for alerts.actor. */
    if (sqlite3_prepare_v2(
            store_db(s),
            "SELECT actor, rule, score, ts, reason FROM alerts"
            " WHERE " STORE_ALERT_COUNTS(
                "alerts") " AND NOT EXISTS(SELECT 1 FROM alert_actors WHERE alert_id = id)"
                          " UNION ALL SELECT x.actor, a.rule, x.score, a.ts, a.reason"
                          " FROM alert_actors x JOIN alerts a ON a.id = x.alert_id"
                          " WHERE " STORE_ALERT_COUNTS("a") " ORDER BY 1, 2",
            -1, &st, NULL) != SQLITE_OK)
        return -1;
    int rc = 0, step;
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        store_risk_alert a = {(const char *)sqlite3_column_text(st, 0),
                              (const char *)sqlite3_column_text(st, 1),
                              (const char *)sqlite3_column_text(st, 4),
                              sqlite3_column_double(st, 2), sqlite3_column_int64(st, 3)};
        if ((rc = fn(&a, ctx)) != 0) break;
    }
    if (rc == 0 && step != SQLITE_DONE) rc = -1;
    sqlite3_finalize(st);
    return rc;
}

int store_risk_stamp(store *s, int64_t *stamp)
{
    /* The alerts taken out of the risk by their disposition (closed ones
     * are few, read through alerts_status), the functions' analyses and
     * the weights of their bands (score/risk.h). */
    sqlite3_stmt *st =
        store_stmt(s, "SELECT count(*), total(rowid), (SELECT count(*) FROM function_analyses),"
                      " (SELECT group_concat(key || '=' || value) FROM meta"
                      "  WHERE key LIKE 'functions.weight%')"
                      " FROM alerts WHERE status = 'closed' AND NOT " STORE_ALERT_COUNTS("alerts"));
    if (!st || sqlite3_step(st) != SQLITE_ROW) {
        if (st) sqlite3_reset(st);
        return -1;
    }
    uint64_t h = 1469598103934665603ull;
    for (int i = 0; i < 3; i++)
        h = (h ^ (uint64_t)(int64_t)sqlite3_column_double(st, i)) * 1099511628211ull;
    for (const unsigned char *w = sqlite3_column_text(st, 3); w && *w; w++)
        h = (h ^ *w) * 1099511628211ull;
    sqlite3_reset(st);
    *stamp = (int64_t)(h >> 1);
    return 0;
}
