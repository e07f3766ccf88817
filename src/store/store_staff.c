#include "store/store_staff.h"
#include "store/store_int.h"

/* Each account that detection saw has a row in actor_state (ingest
 * without --detect-only), and an alert names its accounts in alerts and
 * alert_actors: the events themselves need not be read (they hold no
 * index on actor). The DISTINCTs read the tables' actor indexes. */
static const char *const sql[] = {
    "SELECT actor, person FROM actors",
    "SELECT actor, '' FROM actor_state",
    "SELECT DISTINCT actor, '' FROM alerts",
    "SELECT DISTINCT actor, '' FROM alert_actors",
    /* rights.csv and moves.csv may name people in no register who caused
     * no event (the authorisation reports show them): kept apart by
     * migration 25's triggers */
    "SELECT actor, '' FROM ref_staff",
};

int store_staff_each(store *s, store_staff_fn fn, void *ctx, werr *e)
{
    for (size_t q = 0; q < sizeof sql / sizeof *sql; q++) {
        sqlite3_stmt *st = store_stmt(s, sql[q]);
        if (!st) goto fail;
        int rc;
        while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
            const char *a = (const char *)sqlite3_column_text(st, 0);
            const char *p = (const char *)sqlite3_column_text(st, 1);
            if (fn(a ? a : "", p ? p : "", ctx)) {
                sqlite3_reset(st);
                return werr_set(e, WERR_INTERNAL, "out of memory listing the staff");
            }
        }
        sqlite3_reset(st);
        if (rc != SQLITE_DONE) goto fail;
    }
    return 0;
fail:
    return werr_set(e, WERR_UNAVAILABLE, "cannot list the staff: %s", store_errmsg(s));
}

int store_staff_count(store *s, int64_t *n, werr *e)
{
    sqlite3_stmt *st =
        store_stmt(s, "SELECT (SELECT count(*) FROM actors) + (SELECT count(*) FROM actor_state)");
    if (!st || sqlite3_step(st) != SQLITE_ROW) {
        if (st) sqlite3_reset(st);
        return werr_set(e, WERR_UNAVAILABLE, "cannot count the staff: %s", store_errmsg(s));
    }
    *n = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    return 0;
}

int store_staff_stamp(store *s, int64_t *stamp, werr *e)
{
    /* Not PRAGMA data_version: a server's connections were seen to keep
     * theirs while an ingest beside them committed (an ingest changes the
     * journal when it can: store_journal.h); these counts move. */
    sqlite3_stmt *st =
        store_stmt(s, "SELECT (SELECT count(*) FROM actors),"
                      " (SELECT count(*) FROM actor_state),"
                      " (SELECT coalesce(max(rowid), 0) FROM alerts),"
                      " (SELECT count(*) FROM unmask WHERE status <> 'pending'),"
                      " (SELECT coalesce(max(rowid), 0) FROM rights),"
                      " (SELECT coalesce(max(rowid), 0) FROM moves),"
                      " (SELECT coalesce(value, 0) FROM meta WHERE key = 'ref_loads')");
    if (!st || sqlite3_step(st) != SQLITE_ROW) {
        if (st) sqlite3_reset(st);
        return werr_set(e, WERR_UNAVAILABLE, "cannot read the staff: %s", store_errmsg(s));
    }
    uint64_t h = 1469598103934665603ull;
    for (int i = 0; i < 7; i++)
        h = (h ^ (uint64_t)sqlite3_column_int64(st, i)) * 1099511628211ull;
    sqlite3_reset(st);
    *stamp = (int64_t)(h >> 1);
    return 0;
}
