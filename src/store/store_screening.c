#include "store/store_screening.h"
#include "store/store_int.h"

static const char *const members_sql =
    "SELECT a.actor, a.unit, a.role, q.kind, coalesce(a.start_ts, 0), q.every_months, q.from_ts,"
    "  coalesce((SELECT max(s.screened) FROM screenings s WHERE s.actor = a.actor"
    "   AND s.kind = q.kind AND s.outcome = 'positive' AND s.screened <= ?1), 0)"
    " FROM screening_requirements q JOIN actors a ON a.unit = q.unit AND a.role = q.role"
    " WHERE (a.start_ts IS NULL OR a.start_ts <= ?1) AND (a.end_ts IS NULL OR a.end_ts >= ?1)"
    "  AND (?2 = '' OR a.unit = ?2)"
    " ORDER BY a.unit, a.actor, q.kind";

static const char *const negatives_sql =
    "SELECT s.actor, coalesce(a.unit, ''), coalesce(a.role, ''), s.kind, s.screened"
    " FROM screenings s LEFT JOIN actors a ON a.actor = s.actor"
    " WHERE s.outcome = 'negative' AND s.screened <= ?1"
    "  AND NOT EXISTS (SELECT 1 FROM screenings t WHERE t.actor = s.actor AND t.kind = s.kind"
    "   AND t.outcome <> 'pending' AND t.screened > s.screened AND t.screened <= ?1)"
    " ORDER BY s.actor, s.kind";

static const char *text(sqlite3_stmt *st, int i)
{
    const char *t = (const char *)sqlite3_column_text(st, i);
    return t ? t : "";
}

/* Steps st to its end; -1 when fn stopped it (e set by fn) or the store
 * failed (e set here). row turns the current row into fn's call. */
static int each(store *s, sqlite3_stmt *st, int (*row)(sqlite3_stmt *st, void *fn, void *ctx),
                void *fn, void *ctx, werr *e)
{
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        if (row(st, fn, ctx) < 0) break;
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    if (rc == SQLITE_ROW) return -1;
    if (rc != SQLITE_DONE)
        return werr_set(e, WERR_UNAVAILABLE, "cannot read the screenings: %s", store_errmsg(s));
    return 0;
}

static int member_row(sqlite3_stmt *st, void *fn, void *ctx)
{
    store_screen_member m = {text(st, 0),
                             text(st, 1),
                             text(st, 2),
                             text(st, 3),
                             sqlite3_column_int64(st, 4),
                             sqlite3_column_int64(st, 5),
                             sqlite3_column_int64(st, 6),
                             sqlite3_column_int64(st, 7)};
    return ((store_screen_member_fn)fn)(ctx, &m);
}

static int negative_row(sqlite3_stmt *st, void *fn, void *ctx)
{
    store_screen_negative n = {text(st, 0), text(st, 1), text(st, 2), text(st, 3),
                               sqlite3_column_int64(st, 4)};
    return ((store_screen_negative_fn)fn)(ctx, &n);
}

int store_screening_members(store *s, int64_t at, const char *unit, store_screen_member_fn fn,
                            void *ctx, werr *e)
{
    sqlite3_stmt *st = store_stmt(s, members_sql);
    if (!st)
        return werr_set(e, WERR_UNAVAILABLE, "cannot read the screenings: %s", store_errmsg(s));
    sqlite3_bind_int64(st, 1, at);
    sqlite3_bind_text(st, 2, unit ? unit : "", -1, SQLITE_TRANSIENT);
    return each(s, st, member_row, (void *)fn, ctx, e);
}

int store_screening_negatives(store *s, int64_t at, store_screen_negative_fn fn, void *ctx, werr *e)
{
    sqlite3_stmt *st = store_stmt(s, negatives_sql);
    if (!st)
        return werr_set(e, WERR_UNAVAILABLE, "cannot read the screenings: %s", store_errmsg(s));
    sqlite3_bind_int64(st, 1, at);
    return each(s, st, negative_row, (void *)fn, ctx, e);
}
