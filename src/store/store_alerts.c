#include "store/store_alerts.h"
#include "store/store_int.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "util/buf.h"

#define INSERT_EVENTS "INSERT OR IGNORE INTO alert_events(alert_id, event_id, subject) VALUES"
enum { EVENTS_MANY = 8 };
static const char *SQL_EVENT = INSERT_EVENTS "(?1,?2,?3)";
static const char *SQL_EVENTS_MANY = INSERT_EVENTS "(?1,?2,?3),(?1,?4,?5),(?1,?6,?7),(?1,?8,?9),"
                                                   "(?1,?10,?11),(?1,?12,?13),(?1,?14,?15),"
                                                   "(?1,?16,?17)";

/* Stores a's events from the first, n of them, with sql (n rows). */
static int put_events(store *s, const char *sql, const store_alert *a, size_t first, size_t n)
{
    sqlite3_stmt *st = store_stmt(s, sql);
    if (!st) return -1;
    sqlite3_bind_text(st, 1, a->id, -1, SQLITE_STATIC);
    for (size_t k = 0; k < n; k++) {
        const char *subject = a->subjects[first + k];
        sqlite3_bind_text(st, (int)(2 + 2 * k), a->events[first + k], -1, SQLITE_STATIC);
        sqlite3_bind_text(st, (int)(3 + 2 * k), subject ? subject : "", -1, SQLITE_STATIC);
    }
    return store_step_done(st);
}

/* A finding merged in by the caller (?11: store_put_alert_merged) or one
 * naming actors (?12: its newest reason names them all) replaces the
 * reason whatever the scores; any other only with a higher score. */
static const char *SQL_ALERT =
    "INSERT INTO alerts(id, ts, actor, rule, severity, score, reason, lead, items, more, raised)"
    " VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?13) ON CONFLICT(id) DO UPDATE SET"
    " reason = CASE WHEN ?11 OR ?12 OR excluded.score > score THEN excluded.reason"
    "   ELSE reason END,"
    " lead = CASE WHEN ?11 OR ?12 OR excluded.score > score THEN excluded.lead ELSE lead END,"
    " items = CASE WHEN ?11 THEN excluded.items ELSE items END,"
    " more = CASE WHEN ?11 THEN excluded.more ELSE more END,"
    " severity = max(severity, excluded.severity),"
    " score = max(score, excluded.score), ts = min(ts, excluded.ts)";

/* Stores the actors a names, and what it weighs for each. */
static int put_actors(store *s, const store_alert *a)
{
    if (!a->nactors) return 0;
    sqlite3_stmt *st = store_stmt(s, "INSERT INTO alert_actors(alert_id, actor, score)"
                                     " VALUES(?1,?2,?3) ON CONFLICT(alert_id, actor)"
                                     " DO UPDATE SET score = excluded.score");
    if (!st) return -1;
    size_t n = a->nactors < STORE_ALERT_ACTORS ? a->nactors : STORE_ALERT_ACTORS;
    for (size_t i = 0; i < n; i++) {
        sqlite3_bind_text(st, 1, a->id, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, a->actors[i], -1, SQLITE_STATIC);
        sqlite3_bind_double(st, 3, a->actor_scores[i]);
        if (store_step_done(st) < 0) return -1;
    }
    return 0;
}

/* An explained-later alert that a with events it does not list merges
 * into is no longer explained: status 'new' again. 0 or -1. */
static int unexplain_if_more(store *s, const store_alert *a)
{
    sqlite3_stmt *st = store_stmt(s, "SELECT 1 FROM alert_events WHERE alert_id=? AND event_id=?");
    if (!st) return -1;
    int more = 0;
    for (size_t i = 0; i < a->n && !more; i++) {
        sqlite3_bind_text(st, 1, a->id, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, a->events[i], -1, SQLITE_STATIC);
        more = sqlite3_step(st) != SQLITE_ROW;
        sqlite3_reset(st);
    }
    if (!more) return 0;
    st = store_stmt(s, "UPDATE alerts SET status = 'new', why = '' WHERE id=?");
    if (!st) return -1;
    sqlite3_bind_text(st, 1, a->id, -1, SQLITE_STATIC);
    return store_step_done(st);
}

int store_alert_explained_later(store *s, const char *id, const char *why)
{
    sqlite3_stmt *st = store_stmt(s, "UPDATE alerts SET status = '" STORE_EXPLAINED_LATER
                                     "', why = ?2 WHERE id = ?1");
    if (!st) return -1;
    sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, why, -1, SQLITE_STATIC);
    return store_step_done(st);
}

int store_alert_rescore(store *s, const char *id, const char *actor, double score,
                        const char *reason)
{
    sqlite3_stmt *st = store_stmt(s, "UPDATE alerts SET reason = ?2 WHERE id = ?1");
    if (!st) return -1;
    sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, reason, -1, SQLITE_STATIC);
    if (store_step_done(st) < 0) return -1;
    st = store_stmt(s, "UPDATE alert_actors SET score = ?3 WHERE alert_id = ?1 AND actor = ?2");
    if (!st) return -1;
    sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, actor, -1, SQLITE_STATIC);
    sqlite3_bind_double(st, 3, score);
    return store_step_done(st);
}

/* The wall clock in epoch ms: when an alert is raised. */
static int64_t now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_REALTIME, &t);
    return (int64_t)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

int store_put_alert(store *s, const store_alert *a, int *is_new)
{
    return store_put_alert_merged(s, a, NULL, is_new);
}

int store_put_alert_merged(store *s, const store_alert *a, const store_alert_merge *m, int *is_new)
{
    sqlite3_stmt *st = store_stmt(s, "SELECT status FROM alerts WHERE id=?");
    if (!st) return -1;
    sqlite3_bind_text(st, 1, a->id, -1, SQLITE_STATIC);
    int row = sqlite3_step(st) == SQLITE_ROW;
    *is_new = !row;
    int later = row && strcmp((const char *)sqlite3_column_text(st, 0), STORE_EXPLAINED_LATER) == 0;
    sqlite3_reset(st);
    if (later && unexplain_if_more(s, a) < 0) return -1;

    st = store_stmt(s, SQL_ALERT);
    if (!st) return -1;
    sqlite3_bind_text(st, 1, a->id, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, a->ts);
    sqlite3_bind_text(st, 3, a->actor, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, a->rule, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 5, a->severity);
    sqlite3_bind_double(st, 6, a->score);
    sqlite3_bind_text(st, 7, a->reason, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 8, m ? m->lead : a->reason, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 9, m ? m->items : "", -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 10, m ? m->more : 0);
    sqlite3_bind_int(st, 11, m != NULL);
    sqlite3_bind_int(st, 12, a->nactors != 0);
    sqlite3_bind_int64(st, 13, a->raised ? a->raised : now_ms());
    if (store_step_done(st) < 0 || put_actors(s, a) < 0) return -1;
    if (*is_new) { /* the order alerts were first stored in (schema 26) */
        st = store_stmt(s, "INSERT INTO alert_order(alert_id) VALUES(?)");
        if (!st) return -1;
        sqlite3_bind_text(st, 1, a->id, -1, SQLITE_STATIC);
        if (store_step_done(st) < 0) return -1;
    }
    size_t n = a->n;
    if (!*is_new && n) {
        st = store_stmt(s, "SELECT count(*) FROM alert_events WHERE alert_id=?");
        if (!st) return -1;
        sqlite3_bind_text(st, 1, a->id, -1, SQLITE_STATIC);
        if (sqlite3_step(st) != SQLITE_ROW) {
            sqlite3_reset(st);
            return -1;
        }
        int64_t have = sqlite3_column_int64(st, 0);
        sqlite3_reset(st);
        size_t room = have >= STORE_ALERT_EVENTS ? 0 : (size_t)(STORE_ALERT_EVENTS - have);
        if (n > room) n = room;
    }
    /* Eight rows to a statement where there are eight: in a flood of
     * alerts (a unit's case data missing) these rows are most of the
     * work, and a statement's fixed cost is a good part of a row's. */
    size_t i = 0;
    for (; i + EVENTS_MANY <= n; i += EVENTS_MANY)
        if (put_events(s, SQL_EVENTS_MANY, a, i, EVENTS_MANY) < 0) return -1;
    for (; i < n; i++)
        if (put_events(s, SQL_EVENT, a, i, 1) < 0) return -1;
    return 0;
}

/* Empties b and appends s (NULL: ""), NUL-terminated. 0 or -1. */
static int set_buf(buf *b, const unsigned char *s)
{
    b->len = 0;
    return buf_put(b, s ? (const char *)s : "", s ? strlen((const char *)s) + 1 : 1);
}

int store_alert_parts(store *s, const char *id, int *found, double *score, int *more, buf *lead,
                      buf *items)
{
    sqlite3_stmt *st = store_stmt(s, "SELECT CASE WHEN lead = '' THEN reason ELSE lead END,"
                                     " score, more, items FROM alerts WHERE id=?");
    if (!st) return -1;
    sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
    int step = sqlite3_step(st), rc = 0;
    *found = step == SQLITE_ROW;
    if (*found) {
        *score = sqlite3_column_double(st, 1);
        *more = sqlite3_column_int(st, 2);
        if (set_buf(lead, sqlite3_column_text(st, 0)) < 0 ||
            set_buf(items, sqlite3_column_text(st, 3)) < 0)
            rc = -1;
    } else if (step != SQLITE_DONE)
        rc = -1;
    sqlite3_reset(st);
    return rc;
}

/* Loads the events of one alert into the alert (arrays owned by caller). */
static int load_events(store *s, store_alert *a, char ***ev, char ***sub)
{
    sqlite3_stmt *st = store_stmt(s, "SELECT event_id, subject FROM alert_events"
                                     " WHERE alert_id=? ORDER BY rowid");
    if (!st) return -1;
    sqlite3_bind_text(st, 1, a->id, -1, SQLITE_STATIC);
    size_t cap = 0, n = 0;
    char **e = NULL, **u = NULL;
    while (sqlite3_step(st) == SQLITE_ROW) {
        if (n == cap) {
            cap = cap ? cap * 2 : 8;
            char **ne = realloc(e, cap * sizeof *e), **nu = ne ? realloc(u, cap * sizeof *u) : NULL;
            if (ne) e = ne;
            if (!ne || !nu) goto fail;
            u = nu;
        }
        e[n] = strdup((const char *)sqlite3_column_text(st, 0));
        u[n] = strdup((const char *)sqlite3_column_text(st, 1));
        n++;
    }
    sqlite3_reset(st);
    *ev = e;
    *sub = u;
    a->events = (const char *const *)e;
    a->subjects = (const char *const *)u;
    a->n = n;
    return 0;
fail:
    sqlite3_reset(st);
    for (size_t i = 0; i < n; i++)
        free(e[i]), free(u[i]);
    free(e);
    free(u);
    return -1;
}

/* Loads the actors an alert names into a, in the order named (arrays and
 * strings owned by the caller: free_actors). 0 or -1. */
static int load_actors(store *s, store_alert *a, char ***names, double **scores)
{
    sqlite3_stmt *st =
        store_stmt(s, "SELECT actor, score FROM alert_actors WHERE alert_id=? ORDER BY rowid");
    if (!st) return -1;
    sqlite3_bind_text(st, 1, a->id, -1, SQLITE_STATIC);
    size_t cap = 0, n = 0;
    char **v = NULL;
    double *w = NULL;
    int rc = 0;
    while (rc == 0 && sqlite3_step(st) == SQLITE_ROW) {
        if (n == cap) {
            cap = cap ? cap * 2 : 8;
            char **nv = realloc(v, cap * sizeof *v);
            double *nw = nv ? realloc(w, cap * sizeof *w) : NULL;
            if (nv) v = nv;
            if (nw) w = nw;
            if (!nv || !nw) rc = -1;
        }
        if (rc == 0 && !(v[n] = strdup((const char *)sqlite3_column_text(st, 0)))) rc = -1;
        if (rc == 0) w[n++] = sqlite3_column_double(st, 1);
    }
    sqlite3_reset(st);
    *names = v;
    *scores = w;
    a->actors = (const char *const *)v;
    a->actor_scores = w;
    a->nactors = n;
    return rc;
}

static void free_actors(store_alert *a, char **names, double *scores)
{
    for (size_t i = 0; i < a->nactors; i++)
        free(names[i]);
    free(names);
    free(scores);
}

/* The unit at the alert's time: where the first move after it moved the
 * actor from, else the register's unit. */
#define SELECT_ALERT                                                                               \
    "SELECT id, ts, actor, rule, severity, score, reason, status, why, raised,"                    \
    " coalesce((SELECT m.from_unit FROM moves m WHERE m.actor = alerts.actor"                      \
    "   AND m.moved > alerts.ts ORDER BY m.moved LIMIT 1),"                                        \
    "  (SELECT r.unit FROM actors r WHERE r.actor = alerts.actor), ''),"                           \
    " coalesce((SELECT o.seq FROM alert_order o WHERE o.alert_id = alerts.id), 0) FROM alerts"

/* Calls fn for each alert st (SELECT_ALERT ...) gives, with its events;
 * finalizes st. */
static int each_alert(store *s, sqlite3_stmt *st, store_alert_fn fn, void *ctx);

int store_each_alert(store *s, const char *actor, int min_severity, int64_t since,
                     store_alert_fn fn, void *ctx)
{
    /* A statement of its own: fn may run other cached statements. An
     * actor's alerts are theirs alone or name them (alert_actors). */
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(
            store_db(s),
            actor ? SELECT_ALERT " WHERE id IN (SELECT id FROM alerts WHERE actor = ?1"
                                 "   UNION SELECT alert_id FROM alert_actors WHERE actor = ?1)"
                                 " AND severity >= ?2 AND ts >= ?3 ORDER BY ts DESC, id"
                  : SELECT_ALERT " WHERE severity >= ?2 AND ts >= ?3 ORDER BY ts DESC, id",
            -1, &st, NULL) != SQLITE_OK)
        return -1;
    if (actor) sqlite3_bind_text(st, 1, actor, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 2, min_severity);
    sqlite3_bind_int64(st, 3, since);
    return each_alert(s, st, fn, ctx);
}

int store_each_alert_touched(store *s, const char *const *by_case, size_t n, store_alert_fn fn,
                             void *ctx)
{
    /* ?1..?8: the rules whose alerts are all read; unused ones NULL. */
    sqlite3_stmt *st;
    if (n > 8 ||
        sqlite3_prepare_v2(store_db(s),
                           SELECT_ALERT " WHERE status = 'new' AND (id IN (SELECT alert_id FROM"
                                        " alert_events WHERE subject IN (SELECT subject FROM"
                                        " temp.rj_subjects)) OR (rule IN (?1,?2,?3,?4,?5,?6,?7,?8)"
                                        " AND EXISTS(SELECT 1 FROM temp.rj_case_ids)))"
                                        " ORDER BY ts, id",
                           -1, &st, NULL) != SQLITE_OK)
        return -1;
    for (size_t i = 0; i < n; i++)
        sqlite3_bind_text(st, (int)i + 1, by_case[i], -1, SQLITE_STATIC);
    return each_alert(s, st, fn, ctx);
}

int store_alert_get(store *s, const char *id, store_alert_fn fn, void *ctx)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(store_db(s), SELECT_ALERT " WHERE id = ?1", -1, &st, NULL) != SQLITE_OK)
        return -1;
    sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
    return each_alert(s, st, fn, ctx);
}

int store_each_alert_after(store *s, int64_t after, int64_t limit, store_alert_fn fn, void *ctx)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(store_db(s),
                           SELECT_ALERT " JOIN alert_order q ON q.alert_id = alerts.id"
                                        " WHERE q.seq > ?1 ORDER BY q.seq LIMIT ?2",
                           -1, &st, NULL) != SQLITE_OK)
        return -1;
    sqlite3_bind_int64(st, 1, after);
    sqlite3_bind_int64(st, 2, limit > 0 ? limit : -1);
    return each_alert(s, st, fn, ctx);
}

int store_alerts_after_count(store *s, int64_t after, int64_t *n)
{
    sqlite3_stmt *st = store_stmt(s, "SELECT count(*) FROM alert_order o JOIN alerts a"
                                     " ON a.id = o.alert_id WHERE o.seq > ?");
    if (!st) return -1;
    sqlite3_bind_int64(st, 1, after);
    int rc = sqlite3_step(st) == SQLITE_ROW ? 0 : -1;
    *n = rc == 0 ? sqlite3_column_int64(st, 0) : 0;
    sqlite3_reset(st);
    return rc;
}

static int each_alert(store *s, sqlite3_stmt *st, store_alert_fn fn, void *ctx)
{
    int rc = 0, step;
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        store_alert a = {
            .id = (const char *)sqlite3_column_text(st, 0),
            .ts = sqlite3_column_int64(st, 1),
            .actor = (const char *)sqlite3_column_text(st, 2),
            .rule = (const char *)sqlite3_column_text(st, 3),
            .severity = sqlite3_column_int(st, 4),
            .score = sqlite3_column_double(st, 5),
            .reason = (const char *)sqlite3_column_text(st, 6),
            .status = (const char *)sqlite3_column_text(st, 7),
            .why = (const char *)sqlite3_column_text(st, 8),
            .raised = sqlite3_column_int64(st, 9),
            .unit = (const char *)sqlite3_column_text(st, 10),
            .seq = sqlite3_column_int64(st, 11),
        };
        char **ev = NULL, **sub = NULL, **names = NULL;
        double *scores = NULL;
        if (load_events(s, &a, &ev, &sub) < 0) {
            rc = -1;
            break;
        }
        if (load_actors(s, &a, &names, &scores) < 0)
            rc = -1;
        else
            rc = fn(&a, ctx);
        free_actors(&a, names, scores);
        for (size_t i = 0; i < a.n; i++)
            free(ev[i]), free(sub[i]);
        free(ev);
        free(sub);
        if (rc) break;
    }
    if (step != SQLITE_DONE && step != SQLITE_ROW) rc = -1;
    sqlite3_finalize(st);
    return rc;
}

int store_put_actor_state(store *s, const char *actor, uint64_t layout, const void *p, size_t n)
{
    sqlite3_stmt *st =
        store_stmt(s, "INSERT OR REPLACE INTO actor_state(actor, layout, state) VALUES(?,?,?)");
    if (!st) return -1;
    sqlite3_bind_text(st, 1, actor, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, (int64_t)layout);
    sqlite3_bind_blob(st, 3, p, (int)n, SQLITE_STATIC);
    return store_step_done(st);
}
