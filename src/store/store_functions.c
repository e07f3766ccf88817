#include "store/store_functions.h"
#include "store/store_int.h"

#include <stdlib.h>
#include <string.h>

#define COLS                                                                                       \
    "f.unit, f.role, f.process, f.answers, f.band, f.measures, f.account, f.version, f.analysed,"  \
    " f.next_review, f.at, f.impact, f.resilience, f.risk"
/* Whether f is its function's current analysis. */
#define CURRENT                                                                                    \
    "NOT EXISTS(SELECT 1 FROM function_analyses g WHERE g.unit = f.unit AND g.role = f.role"       \
    " AND (g.analysed > f.analysed OR (g.analysed = f.analysed AND g.version > f.version)))"
/* Whether actors row a is on the staff at ?1. */
#define STAFF_AT                                                                                   \
    "coalesce(a.start_ts, 0) <= ?1 AND (a.end_ts IS NULL OR a.end_ts = 0 OR a.end_ts >= ?1)"
#define PEOPLE                                                                                     \
    "(SELECT count(*) FROM actors a WHERE a.unit = f.unit AND a.role = f.role AND " STAFF_AT ")"
#define RANKED " ORDER BY f.risk DESC, f.impact DESC, f.unit, f.role"

static const char *text(sqlite3_stmt *st, int col)
{
    const unsigned char *t = sqlite3_column_text(st, col);
    return t ? (const char *)t : "";
}

static void row_of(sqlite3_stmt *st, store_fn_analysis *a)
{
    *a = (store_fn_analysis){.unit = text(st, 0),
                             .role = text(st, 1),
                             .process = text(st, 2),
                             .answers = text(st, 3),
                             .band = text(st, 4),
                             .measures = text(st, 5),
                             .account = text(st, 6),
                             .version = sqlite3_column_int64(st, 7),
                             .analysed = sqlite3_column_int64(st, 8),
                             .next_review = sqlite3_column_int64(st, 9),
                             .at = sqlite3_column_int64(st, 10),
                             .impact = sqlite3_column_int(st, 11),
                             .resilience = sqlite3_column_int(st, 12),
                             .risk = sqlite3_column_int(st, 13)};
    if (sqlite3_column_count(st) > 14) a->people = sqlite3_column_int64(st, 14);
}

/* Steps st (finalized here), calling fn per row; *n the rows. 0, fn's
 * non-zero return, or -1 (SQLite). */
static int each(sqlite3_stmt *st, store_fn_fn fn, void *ctx, int *n)
{
    int rc = 0, step;
    *n = 0;
    while (rc == 0 && (step = sqlite3_step(st)) == SQLITE_ROW) {
        store_fn_analysis a;
        row_of(st, &a);
        rc = fn(&a, ctx);
        (*n)++;
    }
    if (rc == 0 && step != SQLITE_DONE) rc = -1;
    sqlite3_finalize(st);
    return rc;
}

static sqlite3_stmt *prepare(store *s, const char *sql)
{
    sqlite3_stmt *st;
    return sqlite3_prepare_v2(store_db(s), sql, -1, &st, NULL) == SQLITE_OK ? st : NULL;
}

/* The newest version of a's function in *version (0: none); 1 when a
 * version equal to a (but for account and time) is stored, with its
 * number in *same; 0 when not; -1 error. */
static int stored_already(store *s, const store_fn_analysis *a, int64_t *version, int64_t *same)
{
    sqlite3_stmt *st = store_stmt(
        s, "SELECT coalesce(max(version), 0), max(CASE WHEN process = ?3 AND analysed = ?4"
           " AND next_review = ?5 AND answers = ?6 AND measures = ?7 THEN version END)"
           " FROM function_analyses WHERE unit = ?1 AND role = ?2");
    if (!st) return -1;
    sqlite3_bind_text(st, 1, a->unit, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, a->role, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, a->process, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 4, a->analysed);
    sqlite3_bind_int64(st, 5, a->next_review);
    sqlite3_bind_text(st, 6, a->answers, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 7, a->measures, -1, SQLITE_STATIC);
    int step = sqlite3_step(st), found = 0;
    *version = *same = 0;
    if (step == SQLITE_ROW) {
        *version = sqlite3_column_int64(st, 0);
        found = sqlite3_column_type(st, 1) != SQLITE_NULL;
        *same = sqlite3_column_int64(st, 1);
    }
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    return step == SQLITE_ROW ? found : -1;
}

int store_fn_add(store *s, const store_fn_analysis *a, int64_t *version)
{
    int64_t newest, same;
    int found = stored_already(s, a, &newest, &same);
    if (found < 0) return -1;
    if (found) {
        *version = same;
        return 0;
    }
    sqlite3_stmt *st = store_stmt(
        s, "INSERT INTO function_analyses(unit, role, version, process, analysed, next_review,"
           " answers, impact, resilience, risk, band, measures, account, at)"
           " VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)");
    if (!st) return -1;
    sqlite3_bind_text(st, 1, a->unit, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, a->role, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 3, newest + 1);
    sqlite3_bind_text(st, 4, a->process, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 5, a->analysed);
    sqlite3_bind_int64(st, 6, a->next_review);
    sqlite3_bind_text(st, 7, a->answers, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 8, a->impact);
    sqlite3_bind_int(st, 9, a->resilience);
    sqlite3_bind_int(st, 10, a->risk);
    sqlite3_bind_text(st, 11, a->band, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 12, a->measures, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 13, a->account, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 14, a->at);
    if (store_step_done(st) < 0) return -1;
    *version = newest + 1;
    return 1;
}

int store_fn_current(store *s, int64_t now, int by_review, store_fn_fn fn, void *ctx)
{
    sqlite3_stmt *st =
        prepare(s, by_review ? "SELECT " COLS ", " PEOPLE " FROM function_analyses f WHERE " CURRENT
                               " ORDER BY f.next_review, f.unit, f.role"
                             : "SELECT " COLS ", " PEOPLE
                               " FROM function_analyses f WHERE " CURRENT RANKED);
    if (!st) return -1;
    sqlite3_bind_int64(st, 1, now);
    int n;
    return each(st, fn, ctx, &n);
}

int store_fn_current_of(store *s, const char *unit, const char *role, int64_t now, store_fn_fn fn,
                        void *ctx)
{
    sqlite3_stmt *st = prepare(s, "SELECT " COLS ", " PEOPLE " FROM function_analyses f"
                                  " WHERE f.unit = ?2 AND f.role = ?3 AND " CURRENT);
    if (!st) return -1;
    sqlite3_bind_int64(st, 1, now);
    sqlite3_bind_text(st, 2, unit, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 3, role, -1, SQLITE_TRANSIENT);
    int n, rc = each(st, fn, ctx, &n);
    return rc ? rc : n > 0;
}

int store_fn_history(store *s, const char *unit, const char *role, store_fn_fn fn, void *ctx)
{
    sqlite3_stmt *st = prepare(s, "SELECT " COLS " FROM function_analyses f"
                                  " WHERE f.unit = ?1 AND f.role = ?2 ORDER BY analysed, version");
    if (!st) return -1;
    sqlite3_bind_text(st, 1, unit, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, role, -1, SQLITE_TRANSIENT);
    int n, rc = each(st, fn, ctx, &n);
    return rc ? rc : n;
}

int store_fn_unanalysed(store *s, int64_t now, store_fn_staff_fn fn, void *ctx)
{
    sqlite3_stmt *st =
        prepare(s, "SELECT a.unit, a.role, count(*) FROM actors a WHERE " STAFF_AT
                   " AND NOT EXISTS(SELECT 1 FROM function_analyses f WHERE f.unit = a.unit"
                   " AND f.role = a.role) GROUP BY a.unit, a.role ORDER BY a.unit, a.role");
    if (!st) return -1;
    sqlite3_bind_int64(st, 1, now);
    int rc = 0, step;
    while (rc == 0 && (step = sqlite3_step(st)) == SQLITE_ROW)
        rc = fn(text(st, 0), text(st, 1), sqlite3_column_int64(st, 2), ctx);
    if (rc == 0 && step != SQLITE_DONE) rc = -1;
    sqlite3_finalize(st);
    return rc;
}

int store_fn_known(store *s, const char *unit, const char *role)
{
    sqlite3_stmt *st =
        store_stmt(s, "SELECT EXISTS(SELECT 1 FROM actors WHERE unit = ?1 AND role = ?2)");
    if (!st) return -1;
    sqlite3_bind_text(st, 1, unit, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, role, -1, SQLITE_STATIC);
    int step = sqlite3_step(st), known = step == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    return step == SQLITE_ROW ? known : -1;
}

int store_fn_actors(store *s, int min_risk, store_fn_actor_fn fn, void *ctx)
{
    sqlite3_stmt *st =
        prepare(s, "SELECT a.actor, f.unit, f.role, f.band, f.risk"
                   " FROM function_analyses f JOIN actors a ON a.unit = f.unit"
                   " AND a.role = f.role WHERE f.risk >= ?1 AND " CURRENT " ORDER BY a.actor");
    if (!st) return -1;
    sqlite3_bind_int(st, 1, min_risk);
    int rc = 0, step;
    while (rc == 0 && (step = sqlite3_step(st)) == SQLITE_ROW)
        rc = fn(text(st, 0), text(st, 1), text(st, 2), text(st, 3), sqlite3_column_int(st, 4), ctx);
    if (rc == 0 && step != SQLITE_DONE) rc = -1;
    sqlite3_finalize(st);
    return rc;
}

int store_fn_dash(store *s, int64_t from, int64_t now, store_fn_dash_fn fn, void *ctx)
{
    sqlite3_stmt *st =
        prepare(s, "SELECT f.unit, f.role, f.band, f.risk, " PEOPLE ","
                   " (SELECT count(*) FROM actors a JOIN alerts x ON x.actor = a.actor"
                   "  WHERE a.unit = f.unit AND a.role = f.role AND x.ts >= ?2)"
                   " FROM function_analyses f WHERE " CURRENT RANKED);
    if (!st) return -1;
    sqlite3_bind_int64(st, 1, now);
    sqlite3_bind_int64(st, 2, from);
    int rc = 0, step;
    while (rc == 0 && (step = sqlite3_step(st)) == SQLITE_ROW)
        rc = fn(text(st, 0), text(st, 1), text(st, 2), sqlite3_column_int(st, 3),
                sqlite3_column_int64(st, 4), sqlite3_column_int64(st, 5), ctx);
    if (rc == 0 && step != SQLITE_DONE) rc = -1;
    sqlite3_finalize(st);
    return rc;
}

int store_fn_weight(store *s, const char *key, double *w)
{
    char *v = store_meta_get(s, key);
    if (!v) return 0;
    char *end;
    double d = strtod(v, &end);
    int ok = end != v && d >= 1;
    if (ok) *w = d;
    free(v);
    return ok;
}
