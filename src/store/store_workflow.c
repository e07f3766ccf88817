#include "store/store_workflow.h"
#include "store/store_int.h"
#include "store/store_post.h"

#include <stdio.h>
#include <string.h>

#include "store/store_suppress.h"

static const char *text(sqlite3_stmt *st, int col)
{
    const unsigned char *t = sqlite3_column_text(st, col);
    return t ? (const char *)t : "";
}

#define CLOSED                                                                                     \
    "('closed', '"                                                                                 \
    "explained-later"                                                                              \
    "')"

/* The alerts the filter's fields other than status select, each with
 * whether it is suppressed (sup: no alert is when no suppression is
 * active, asked once), not its unit (a look-up per alert shown, not per
 * alert counted: queue_row). Parameters: ?1 rule, ?2 unit,
 * ?3 assignee, ?4 actor, ?5 min severity, ?6 from, ?7 to, ?8 now, ?9
 * dossier. */
#define Q                                                                                          \
    "WITH q AS (SELECT a.id, a.ts, a.actor, '' AS unit, a.rule, a.severity,"                       \
    " a.score, a.reason, a.why, a.status, a.disposition, a.assignee, a.updated, 1 AS n,"           \
    " CASE WHEN a.status IN " CLOSED " THEN 0 WHEN NOT EXISTS(SELECT 1 FROM suppressions"          \
    "  WHERE ended IS NULL AND until > ?8) THEN 0 ELSE " STORE_SUPPRESSED_SQL(                     \
        "a",                                                                                       \
        "?8") " END"                                                                               \
              " AS sup FROM alerts a"                                                              \
              " WHERE (?1 IS NULL OR a.rule = ?1)"                                                 \
              " AND (?2 IS NULL OR a.actor IN (SELECT actor FROM actors WHERE unit = ?2))"         \
              " AND (?3 IS NULL OR a.assignee = ?3)"                                               \
              " AND (?4 IS NULL OR a.actor = ?4 OR a.id IN (SELECT alert_id FROM alert_actors"     \
              "   WHERE actor = ?4))"                                                              \
              " AND a.severity >= ?5 AND a.ts >= ?6 AND a.ts <= ?7"                                \
              " AND (?9 IS NULL OR a.id IN (SELECT alert_id FROM dossier_alerts WHERE dossier_id " \
              "= ?9)))"

/* ?10: the status asked for. */
#define STATUS_WHERE                                                                               \
    " WHERE CASE WHEN ?10 IS NULL THEN status NOT IN " CLOSED " AND NOT sup"                       \
    " WHEN ?10 = 'all' THEN 1 WHEN ?10 = 'closed' THEN status IN " CLOSED                          \
    " WHEN ?10 = 'suppressed' THEN sup ELSE status = ?10 AND NOT sup END"

#define COLS                                                                                       \
    "id, ts, actor, unit, rule, severity, score, reason, why, status, disposition, assignee,"      \
    " updated, sup"

static void bind_filter(sqlite3_stmt *st, const store_wf_filter *f)
{
    sqlite3_bind_text(st, 1, f->rule, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, f->unit, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, f->assignee, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, f->actor, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 5, f->min_severity);
    sqlite3_bind_int64(st, 6, f->from);
    sqlite3_bind_int64(st, 7, f->to > 0 ? f->to : INT64_MAX);
    sqlite3_bind_int64(st, 8, f->now);
    sqlite3_bind_text(st, 9, f->dossier, -1, SQLITE_STATIC);
}

static void row(sqlite3_stmt *st, store_wf_alert *a)
{
    *a = (store_wf_alert){
        .id = text(st, 0),
        .ts = sqlite3_column_int64(st, 1),
        .actor = text(st, 2),
        .unit = text(st, 3),
        .rule = text(st, 4),
        .severity = sqlite3_column_int(st, 5),
        .score = sqlite3_column_double(st, 6),
        .reason = text(st, 7),
        .why = text(st, 8),
        .status = text(st, 9),
        .disposition = text(st, 10),
        .assignee = text(st, 11),
        .updated = sqlite3_column_int64(st, 12),
        .suppressed = sqlite3_column_int(st, 13),
    };
}

/* Runs st (its own statement: fn may run cached ones) and finalizes it. */
static int each_row(sqlite3_stmt *st, store_wf_alert_fn fn, void *ctx)
{
    int rc = 0, step;
    while (rc == 0 && (step = sqlite3_step(st)) == SQLITE_ROW) {
        store_wf_alert a;
        row(st, &a);
        rc = fn(&a, ctx);
    }
    if (rc == 0 && step != SQLITE_DONE) rc = -1;
    sqlite3_finalize(st);
    return rc;
}

/* A queue row with its unit from the staff register ("" when not in it). */
typedef struct queue_ctx {
    store *s;
    store_wf_alert_fn fn;
    void *ctx;
} queue_ctx;

static int queue_row(const store_wf_alert *a, void *ctx)
{
    queue_ctx *q = ctx;
    sqlite3_stmt *st = store_stmt(q->s, "SELECT unit FROM actors WHERE actor = ?");
    if (!st) return -1;
    sqlite3_bind_text(st, 1, a->actor, -1, SQLITE_STATIC);
    store_wf_alert with = *a;
    with.unit = sqlite3_step(st) == SQLITE_ROW ? text(st, 0) : "";
    int rc = q->fn(&with, q->ctx);
    sqlite3_reset(st);
    return rc;
}

int store_wf_queue(store *s, const store_wf_filter *f, store_wf_alert_fn fn, void *ctx)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(store_db(s),
                           Q "SELECT " COLS " FROM q" STATUS_WHERE
                             " ORDER BY score DESC, ts DESC, id LIMIT ?11 OFFSET ?12",
                           -1, &st, NULL) != SQLITE_OK)
        return -1;
    bind_filter(st, f);
    sqlite3_bind_text(st, 10, f->status, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 11, f->limit > 0 ? f->limit : -1);
    sqlite3_bind_int64(st, 12, f->offset > 0 ? f->offset : 0);
    queue_ctx q = {s, fn, ctx};
    return each_row(st, queue_row, &q);
}

/* The alerts of q counted by status (STORE_WF_*, column 0), and (column
 * 2) those with the status ?10 asks for; a row of q stands for n alerts. */
#define COUNT_BY_STATUS                                                                            \
    "SELECT CASE WHEN status IN " CLOSED " THEN 3 WHEN sup THEN 4"                                 \
    " WHEN status = 'acknowledged' THEN 1 WHEN status = 'investigating' THEN 2 ELSE 0 END,"        \
    " sum(n), sum(n * ("                                                                           \
    "CASE WHEN ?10 IS NULL THEN status NOT IN " CLOSED " AND NOT sup"                              \
    " WHEN ?10 = 'all' THEN 1 WHEN ?10 = 'closed' THEN status IN " CLOSED                          \
    " WHEN ?10 = 'suppressed' THEN sup ELSE status = ?10 AND NOT sup END))"                        \
    " FROM q GROUP BY 1"

/* Whether f filters by status alone and no suppression is active: then
 * every alert counts, read from the status index (alerts_status), not
 * through the filter's pass over every alert. 1, 0, or -1. */
static int status_only(store *s, const store_wf_filter *f)
{
    if (f->rule || f->unit || f->assignee || f->actor || f->dossier || f->min_severity > 1 ||
        f->from > 0 || (f->to > 0 && f->to < INT64_MAX))
        return 0;
    sqlite3_stmt *st = store_stmt(
        s, "SELECT EXISTS(SELECT 1 FROM suppressions WHERE ended IS NULL AND until > ?)");
    if (!st) return -1;
    sqlite3_bind_int64(st, 1, f->now);
    int any = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) : -1;
    sqlite3_reset(st);
    return any < 0 ? -1 : !any;
}

int store_wf_counts(store *s, const store_wf_filter *f, int64_t *counts, int64_t *total)
{
    int whole = status_only(s, f);
    if (whole < 0) return -1;
    sqlite3_stmt *st =
        whole ? store_stmt(s, "WITH q AS (SELECT status, 0 AS sup, count(*) AS n FROM alerts"
                              " GROUP BY status) " COUNT_BY_STATUS)
              : store_stmt(s, Q COUNT_BY_STATUS);
    if (!st) return -1;
    if (!whole) bind_filter(st, f);
    sqlite3_bind_text(st, 10, f->status, -1, SQLITE_STATIC);
    for (int i = 0; i < STORE_WF_N; i++)
        counts[i] = 0;
    *total = 0;
    int step;
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        int k = sqlite3_column_int(st, 0);
        if (k >= 0 && k < STORE_WF_N) counts[k] = sqlite3_column_int64(st, 1);
        *total += sqlite3_column_int64(st, 2);
    }
    sqlite3_reset(st);
    return step == SQLITE_DONE ? 0 : -1;
}

int store_wf_get(store *s, const char *id, int64_t now, store_wf_alert_fn fn, void *ctx)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(
            store_db(s),
            "SELECT a.id, a.ts, a.actor, coalesce(r.unit, ''), a.rule, a.severity,"
            " a.score, a.reason, a.why, a.status, a.disposition, a.assignee,"
            " a.updated, CASE WHEN a.status IN " CLOSED " THEN 0 ELSE " STORE_SUPPRESSED_SQL(
                "a", "?2") " END"
                           " FROM alerts a LEFT JOIN actors r ON r.actor = a.actor WHERE a.id = ?1",
            -1, &st, NULL) != SQLITE_OK)
        return -1;
    sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, now);
    int step = sqlite3_step(st), rc = 0;
    if (step == SQLITE_ROW) {
        store_wf_alert a;
        row(st, &a);
        fn(&a, ctx);
        rc = 1;
    } else if (step != SQLITE_DONE)
        rc = -1;
    sqlite3_finalize(st);
    return rc;
}

int store_wf_update(store *s, const char *id, const char *status, const char *disposition,
                    const char *assignee, int64_t at)
{
    sqlite3_stmt *st = store_stmt(s, "UPDATE alerts SET status = ?2, disposition = ?3,"
                                     " assignee = ?4, updated = ?5 WHERE id = ?1");
    if (!st) return -1;
    sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, status, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, disposition, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, assignee, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 5, at);
    if (store_step_done(st) < 0) return -1;
    return sqlite3_changes(store_db(s)) > 0;
}

int store_wf_note_add(store *s, store_wf_kind k, const char *id, const store_wf_note *n)
{
    sqlite3_stmt *st = store_stmt(
        s, k == STORE_WF_ALERT
               ? "INSERT INTO alert_notes(alert_id, at, account, text) VALUES(?, ?, ?, ?)"
               : "INSERT INTO dossier_notes(dossier_id, at, account, text) VALUES(?, ?, ?, ?)");
    if (!st) return -1;
    sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, n->at);
    sqlite3_bind_text(st, 3, n->account, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, n->text, -1, SQLITE_STATIC);
    return store_step_done(st);
}

int store_wf_change_add(store *s, store_wf_kind k, const char *id, const store_wf_change *c)
{
    sqlite3_stmt *st =
        store_stmt(s, k == STORE_WF_ALERT
                          ? "INSERT INTO alert_history(alert_id, at, account, action, from_value,"
                            " to_value, detail) VALUES(?, ?, ?, ?, ?, ?, ?)"
                          : "INSERT INTO dossier_history(dossier_id, at, account, action,"
                            " from_value, to_value, detail) VALUES(?, ?, ?, ?, ?, ?, ?)");
    if (!st) return -1;
    sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, c->at);
    sqlite3_bind_text(st, 3, c->account, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, c->action, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 5, c->from ? c->from : "", -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 6, c->to ? c->to : "", -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 7, c->detail ? c->detail : "", -1, SQLITE_STATIC);
    return store_step_done(st);
}

int store_wf_notes_each(store *s, store_wf_kind k, const char *id, store_wf_note_fn fn, void *ctx)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(store_db(s),
                           k == STORE_WF_ALERT ? "SELECT at, account, text FROM alert_notes"
                                                 " WHERE alert_id = ? ORDER BY seq"
                                               : "SELECT at, account, text FROM dossier_notes"
                                                 " WHERE dossier_id = ? ORDER BY seq",
                           -1, &st, NULL) != SQLITE_OK)
        return -1;
    sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
    int rc = 0, step;
    while (rc == 0 && (step = sqlite3_step(st)) == SQLITE_ROW) {
        store_wf_note n = {sqlite3_column_int64(st, 0), text(st, 1), text(st, 2)};
        rc = fn(&n, ctx);
    }
    if (rc == 0 && step != SQLITE_DONE) rc = -1;
    sqlite3_finalize(st);
    return rc;
}

int store_wf_changes_each(store *s, store_wf_kind k, const char *id, store_wf_change_fn fn,
                          void *ctx)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(store_db(s),
                           k == STORE_WF_ALERT
                               ? "SELECT at, account, action, from_value, to_value, detail"
                                 " FROM alert_history WHERE alert_id = ? ORDER BY seq"
                               : "SELECT at, account, action, from_value, to_value, detail"
                                 " FROM dossier_history WHERE dossier_id = ? ORDER BY seq",
                           -1, &st, NULL) != SQLITE_OK)
        return -1;
    sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
    int rc = 0, step;
    while (rc == 0 && (step = sqlite3_step(st)) == SQLITE_ROW) {
        store_wf_change c = {sqlite3_column_int64(st, 0),
                             text(st, 1),
                             text(st, 2),
                             text(st, 3),
                             text(st, 4),
                             text(st, 5)};
        rc = fn(&c, ctx);
    }
    if (rc == 0 && step != SQLITE_DONE) rc = -1;
    sqlite3_finalize(st);
    return rc;
}

int store_wf_similar_of(store *s, const char *id, int by_subject, store_wf_similar *out)
{
    memset(out, 0, sizeof *out);
    sqlite3_stmt *st = store_stmt(
        s, by_subject ? "SELECT b.id, b.status, b.disposition FROM alerts b WHERE b.id <> ?1"
                        " AND b.id IN (SELECT alert_id FROM alert_events WHERE subject IN"
                        " (SELECT subject FROM alert_events WHERE alert_id = ?1"
                        " AND subject <> '')) ORDER BY b.ts DESC, b.id"
                      : "SELECT b.id, b.status, b.disposition FROM alerts a JOIN alerts b"
                        " ON b.rule = a.rule AND b.actor = a.actor AND b.id <> a.id"
                        " WHERE a.id = ?1 ORDER BY b.ts DESC, b.id");
    if (!st) return -1;
    sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
    int step;
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        const char *status = text(st, 1), *d = text(st, 2);
        out->count++;
        if (strcmp(status, "closed") != 0 && strcmp(status, "explained-later") != 0) out->open++;
        out->confirmed += strcmp(d, "confirmed") == 0;
        out->benign += strcmp(d, "benign") == 0;
        out->false_positive += strcmp(d, "false_positive") == 0;
        out->duplicate += strcmp(d, "duplicate") == 0;
        if (out->nids < STORE_WF_SIMILAR_IDS)
            snprintf(out->ids[out->nids++], sizeof out->ids[0], "%s", text(st, 0));
    }
    sqlite3_reset(st);
    return step == SQLITE_DONE ? 0 : -1;
}

int store_wf_effectiveness(store *s, int64_t from, int64_t to, int64_t now, store_wf_rule_fn fn,
                           void *ctx)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(
            store_db(s),
            Q "SELECT rule, count(*), sum(status NOT IN " CLOSED " AND NOT sup),"
              " sum(disposition = 'confirmed'), sum(disposition = 'benign'),"
              " sum(disposition = 'false_positive'), sum(disposition = 'duplicate'), sum(sup)"
              " FROM q GROUP BY rule ORDER BY rule",
            -1, &st, NULL) != SQLITE_OK)
        return -1;
    store_wf_filter f = {.from = from, .to = to, .now = now};
    bind_filter(st, &f);
    int rc = 0, step;
    while (rc == 0 && (step = sqlite3_step(st)) == SQLITE_ROW) {
        store_wf_rule_row r = {text(st, 0),
                               sqlite3_column_int64(st, 1),
                               sqlite3_column_int64(st, 2),
                               sqlite3_column_int64(st, 3),
                               sqlite3_column_int64(st, 4),
                               sqlite3_column_int64(st, 5),
                               sqlite3_column_int64(st, 6),
                               sqlite3_column_int64(st, 7)};
        rc = fn(&r, ctx);
    }
    if (rc == 0 && step != SQLITE_DONE) rc = -1;
    sqlite3_finalize(st);
    return rc;
}

/* ?1..?4 as store_post_prepare binds them; ?5 the alert. */
static const char *SQL_ALERT_EVENTS =
    "SELECT e.id, v.subject, e.system, e.action, e.case_id, e.purpose, e.query, e.client, e.ts,"
    " coalesce(e.results, -1) FROM events e JOIN alert_events v ON v.event_id = e.id"
    " AND v.alert_id = ?5 WHERE" POST_FOUND " AND +e.ts >= ?2 AND +e.ts <= ?3 AND e.actor = ?1"
    " ORDER BY e.ts, e.arrival";

int store_wf_events_each(store *s, const char *id, const char *actor, int64_t from, int64_t to,
                         store_wf_event_fn fn, void *ctx)
{
    sqlite3_stmt *st =
        store_post_prepare(store_db(s), SQL_ALERT_EVENTS, POST_ACTOR, actor, from, to);
    if (!st) return -1;
    sqlite3_bind_text(st, 5, id, -1, SQLITE_STATIC);
    int rc = 0, step;
    /* The ids shown, so that the second pass lists only the others. */
    if (sqlite3_exec(store_db(s),
                     "CREATE TEMP TABLE IF NOT EXISTS wf_shown(id TEXT PRIMARY KEY);"
                     " DELETE FROM temp.wf_shown",
                     NULL, NULL, NULL) != SQLITE_OK) {
        sqlite3_finalize(st);
        return -1;
    }
    sqlite3_stmt *mark;
    if (sqlite3_prepare_v2(store_db(s), "INSERT OR IGNORE INTO temp.wf_shown(id) VALUES(?)", -1,
                           &mark, NULL) != SQLITE_OK) {
        sqlite3_finalize(st);
        return -1;
    }
    while (rc == 0 && (step = sqlite3_step(st)) == SQLITE_ROW) {
        store_wf_event ev = {text(st, 0),
                             text(st, 1),
                             text(st, 2),
                             text(st, 3),
                             text(st, 4),
                             text(st, 5),
                             text(st, 6),
                             text(st, 7),
                             sqlite3_column_int64(st, 8),
                             sqlite3_column_int64(st, 9)};
        sqlite3_bind_text(mark, 1, ev.id, -1, SQLITE_TRANSIENT);
        if (sqlite3_step(mark) != SQLITE_DONE) rc = -1;
        sqlite3_reset(mark);
        if (rc == 0) rc = fn(&ev, ctx);
    }
    if (rc == 0 && step != SQLITE_DONE) rc = -1;
    sqlite3_finalize(st);
    sqlite3_finalize(mark);
    if (rc != 0) return rc;
    if (sqlite3_prepare_v2(store_db(s),
                           "SELECT event_id, subject FROM alert_events WHERE alert_id = ?"
                           " AND event_id NOT IN (SELECT id FROM temp.wf_shown) ORDER BY rowid",
                           -1, &st, NULL) != SQLITE_OK)
        return -1;
    sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
    while (rc == 0 && (step = sqlite3_step(st)) == SQLITE_ROW) {
        store_wf_event ev = {text(st, 0), text(st, 1), "", "", "", "", "", "", 0, -2};
        rc = fn(&ev, ctx);
    }
    if (rc == 0 && step != SQLITE_DONE) rc = -1;
    sqlite3_finalize(st);
    return rc;
}
