#include "store/store_dash.h"
#include "store/store_int.h"

#include "store/store_events.h"
#include "store/store_rowid.h"
#include "store/store_suppress.h"

static const char *text(sqlite3_stmt *st, int col)
{
    const unsigned char *t = sqlite3_column_text(st, col);
    return t ? (const char *)t : "";
}

static int prepare(store *s, const char *sql, int64_t from, int64_t to, sqlite3_stmt **st)
{
    if (sqlite3_prepare_v2(store_db(s), sql, -1, st, NULL) != SQLITE_OK) return -1;
    sqlite3_bind_int64(*st, 1, from);
    sqlite3_bind_int64(*st, 2, to);
    return 0;
}

/* Finishes a loop over st: -1 on a step error, else rc. */
static int finish(sqlite3_stmt *st, int rc, int step)
{
    if (rc == 0 && step != SQLITE_DONE) rc = -1;
    sqlite3_finalize(st);
    return rc;
}

int store_dash_per_day(store *s, int64_t from, int64_t to, store_dash_day_fn fn, void *ctx)
{
    sqlite3_stmt *st;
    if (prepare(s,
                "SELECT ts / 86400000, rule, count(*) FROM alerts WHERE ts >= ?1 AND ts <= ?2"
                " GROUP BY 1, 2 ORDER BY 1, 2",
                from, to, &st) < 0)
        return -1;
    int rc = 0, step;
    while (rc == 0 && (step = sqlite3_step(st)) == SQLITE_ROW)
        rc = fn(sqlite3_column_int64(st, 0), text(st, 1), sqlite3_column_int64(st, 2), ctx);
    return finish(st, rc, step);
}

int store_dash_open(store *s, int64_t now, store_dash_ts_fn fn, void *ctx)
{
    sqlite3_stmt *st;
    if (prepare(s,
                "SELECT a.ts FROM alerts a WHERE a.status NOT IN ('closed', 'explained-later')"
                " AND NOT " STORE_SUPPRESSED_SQL("a", "?1") " ORDER BY a.ts",
                now, 0, &st) < 0)
        return -1;
    int rc = 0, step;
    while (rc == 0 && (step = sqlite3_step(st)) == SQLITE_ROW)
        rc = fn(sqlite3_column_int64(st, 0), ctx);
    return finish(st, rc, step);
}

int store_dash_rules(store *s, int64_t from, int64_t to, store_dash_rule_fn fn, void *ctx)
{
    sqlite3_stmt *st;
    if (prepare(s,
                "SELECT rule, count(*), sum(status NOT IN ('closed', 'explained-later')),"
                " sum(disposition = 'confirmed'), sum(disposition = 'benign'),"
                " sum(disposition = 'false_positive'), sum(disposition = 'duplicate')"
                " FROM alerts WHERE ts >= ?1 AND ts <= ?2 GROUP BY rule ORDER BY rule",
                from, to, &st) < 0)
        return -1;
    int rc = 0, step;
    while (rc == 0 && (step = sqlite3_step(st)) == SQLITE_ROW) {
        store_dash_rule r = {text(st, 0),
                             sqlite3_column_int64(st, 1),
                             sqlite3_column_int64(st, 2),
                             sqlite3_column_int64(st, 3),
                             sqlite3_column_int64(st, 4),
                             sqlite3_column_int64(st, 5),
                             sqlite3_column_int64(st, 6)};
        rc = fn(&r, ctx);
    }
    return finish(st, rc, step);
}

int store_dash_units(store *s, int64_t from, int64_t to, int limit, store_dash_unit_fn fn,
                     void *ctx)
{
    sqlite3_stmt *st;
    if (prepare(s,
                "SELECT coalesce(r.unit, ''), sum(a.score), count(DISTINCT a.actor) FROM alerts a"
                " LEFT JOIN actors r ON r.actor = a.actor WHERE a.ts >= ?1 AND a.ts <= ?2"
                " AND a.status <> 'explained-later'"
                " AND a.disposition NOT IN ('benign', 'false_positive', 'duplicate')"
                " GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT ?3",
                from, to, &st) < 0)
        return -1;
    sqlite3_bind_int(st, 3, limit);
    int rc = 0, step;
    while (rc == 0 && (step = sqlite3_step(st)) == SQLITE_ROW)
        rc = fn(text(st, 0), sqlite3_column_double(st, 1), sqlite3_column_int64(st, 2), ctx);
    return finish(st, rc, step);
}

/* One number of sql (?1 from, ?2 to) into *out. */
static int one(store *s, const char *sql, int64_t from, int64_t to, int64_t *out)
{
    sqlite3_stmt *st;
    if (prepare(s, sql, from, to, &st) < 0) return -1;
    int step = sqlite3_step(st);
    *out = step == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    sqlite3_finalize(st);
    return step == SQLITE_ROW ? 0 : -1;
}

int store_dash_counts_of(store *s, int64_t from, int64_t to, store_dash_counts *out)
{
    *out = (store_dash_counts){0};
    int64_t n;
    /* The median of the times closings took: the middle one in order. */
#define CLOSINGS                                                                                   \
    " FROM alert_history h JOIN alerts a ON a.id = h.alert_id WHERE h.action = 'status'"           \
    " AND h.to_value = 'closed' AND h.at >= ?1 AND h.at <= ?2"
    if (one(s, "SELECT count(*) FROM dossiers WHERE opened >= ?1 AND opened <= ?2", from, to,
            &out->dossiers_opened) < 0 ||
        one(s, "SELECT count(*) FROM dossiers WHERE closed >= ?1 AND closed <= ?2", from, to,
            &out->dossiers_closed) < 0 ||
        one(s, "SELECT count(*)" CLOSINGS, from, to, &n) < 0 ||
        one(s,
            "SELECT coalesce((SELECT h.at - a.ts" CLOSINGS " ORDER BY h.at - a.ts LIMIT 1"
            " OFFSET (SELECT (count(*) - 1) / 2" CLOSINGS ")), 0)",
            from, to, &out->median_close_ms) < 0 ||
        one(s, "SELECT count(*) FROM unmask WHERE asked >= ?1 AND asked <= ?2", from, to,
            &out->unmask_asked) < 0 ||
        one(s,
            "SELECT count(*) FROM unmask WHERE asked >= ?1 AND asked <= ?2"
            " AND status = 'approved'",
            from, to, &out->unmask_approved) < 0 ||
        one(s,
            "SELECT count(*) FROM unmask WHERE asked >= ?1 AND asked <= ?2"
            " AND status = 'refused'",
            from, to, &out->unmask_refused) < 0)
        return -1;
#undef CLOSINGS
    out->alerts_closed = n;
    return 0;
}

int store_dash_ingest_of(store *s, int64_t now, store_dash_ingest *out)
{
    *out = (store_dash_ingest){0};
    int64_t hour = now - INT64_C(3600000);
    if (hour < 0) hour = 0;
    if (store_count_events(s, &out->events) < 0 || store_newest_event(s, &out->last_event) < 0 ||
        one(s, "SELECT count(*) FROM events WHERE rowkey >= ?1 AND rowkey < ?2",
            (int64_t)((uint64_t)hour << STORE_ROWID_SLOT_BITS),
            (int64_t)((uint64_t)(now + 1) << STORE_ROWID_SLOT_BITS), &out->last_hour) < 0 ||
        one(s, "SELECT count(*) FROM quarantine", 0, 0, &out->quarantined) < 0)
        return -1;
    return 0;
}
