#include "store/store_access.h"
#include "store/store_int.h"

#include <sqlite3.h>

#include "store/store_post.h"
#include "store/store_rowid.h"

/* ?4: the rowids store_post_find found (a hash only narrows: the subject
 * or actor is tested again). +e.ts keeps SQLite from reading the period
 * instead of the rowids, should a store get an index on ts. Events of
 * one time are listed in the order the store received them. */
#define SELECT_ACCESS                                                                              \
    "SELECT e.id, e.ts, e.actor, e.system, e.action, e.subject, e.subject_type, e.case_id,"        \
    " e.purpose, coalesce(e.results, -1) FROM events e WHERE" POST_FOUND                           \
    " AND +e.ts >= ?2 AND +e.ts <= ?3"
static const char *SQL_BY_SUBJECT = SELECT_ACCESS " AND e.subject = ?1 ORDER BY e.ts, e.arrival";
static const char *SQL_BY_ACTOR = SELECT_ACCESS " AND e.actor = ?1 ORDER BY e.ts, e.arrival";

/* The actor column is joined away here and selected nowhere. Free text
 * that carries the employee's own id (a case named after its handler, a
 * purpose with a signature) is withheld too. */
static const char *SQL_PROTOCOL =
    "SELECT e.ts, coalesce(a.unit, ''), e.system, e.action,"
    " CASE WHEN e.actor <> '' AND instr(e.purpose, e.actor) > 0"
    "   THEN '(withheld)' ELSE e.purpose END,"
    " CASE WHEN e.actor <> '' AND instr(e.case_id, e.actor) > 0"
    "   THEN '(withheld)' ELSE e.case_id END"
    " FROM events e LEFT JOIN actors a ON a.actor = e.actor WHERE" POST_FOUND
    " AND e.subject = ?1 AND +e.ts >= ?2 AND +e.ts <= ?3 ORDER BY e.ts, e.arrival";

static const char *col(sqlite3_stmt *st, int i)
{
    const char *s = (const char *)sqlite3_column_text(st, i);
    return s ? s : "";
}

static int each_access(store *s, const char *sql, post_kind kind, const char *key, int64_t from,
                       int64_t to, size_t newest, size_t *found, store_access_fn fn, void *ctx)
{
    sqlite3_stmt *st =
        store_post_prepare_last(store_db(s), sql, kind, key, from, to, newest, found);
    if (!st) return -1;
    int rc = 0, step;
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        store_access x = {col(st, 0),
                          col(st, 2),
                          col(st, 3),
                          col(st, 4),
                          col(st, 5),
                          col(st, 6),
                          col(st, 7),
                          col(st, 8),
                          sqlite3_column_int64(st, 1),
                          sqlite3_column_int64(st, 9)};
        if ((rc = fn(&x, ctx)) != 0) break;
    }
    if (rc == 0 && step != SQLITE_DONE) rc = -1;
    sqlite3_finalize(st);
    return rc;
}

int store_accesses_to(store *s, const char *subject, int64_t from, int64_t to, store_access_fn fn,
                      void *ctx)
{
    return each_access(s, SQL_BY_SUBJECT, POST_SUBJECT, subject, from, to, 0, NULL, fn, ctx);
}

int store_accesses_by(store *s, const char *actor, int64_t from, int64_t to, store_access_fn fn,
                      void *ctx)
{
    return each_access(s, SQL_BY_ACTOR, POST_ACTOR, actor, from, to, 0, NULL, fn, ctx);
}

int store_accesses_by_newest(store *s, const char *actor, int64_t from, int64_t to, size_t newest,
                             size_t *found, store_access_fn fn, void *ctx)
{
    return each_access(s, SQL_BY_ACTOR, POST_ACTOR, actor, from, to, newest, found, fn, ctx);
}

int store_protocol_each(store *s, const char *subject, int64_t from, int64_t to,
                        store_protocol_fn fn, void *ctx)
{
    sqlite3_stmt *st =
        store_post_prepare(store_db(s), SQL_PROTOCOL, POST_SUBJECT, subject, from, to);
    if (!st) return -1;
    int rc = 0, step;
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        store_protocol_row row = {sqlite3_column_int64(st, 0),
                                  col(st, 1),
                                  col(st, 2),
                                  col(st, 3),
                                  col(st, 4),
                                  col(st, 5)};
        if ((rc = fn(&row, ctx)) != 0) break;
    }
    if (rc == 0 && step != SQLITE_DONE) rc = -1;
    sqlite3_finalize(st);
    return rc;
}

int store_each_lookup_between(store *s, int64_t from, int64_t to, store_lookup_fn fn, void *ctx)
{
    /* The rowid leads with the time (store_rowid.h): the period is one
     * range of the table's B-tree, read in stored order. */
    sqlite3_stmt *st = store_stmt(s, "SELECT ts, actor, subject, case_id FROM events"
                                     " WHERE rowid >= ?1 AND rowid <= ?2 AND subject <> ''");
    if (!st) return -1;
    sqlite3_bind_int64(st, 1, store_rowid_first(from));
    sqlite3_bind_int64(st, 2, store_rowid_last(to));
    int rc = 0, step;
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        rc = fn(sqlite3_column_int64(st, 0), (const char *)sqlite3_column_text(st, 1),
                (const char *)sqlite3_column_text(st, 2), (const char *)sqlite3_column_text(st, 3),
                ctx);
        if (rc != 0) break;
    }
    if (rc == 0 && step != SQLITE_DONE) rc = -1;
    sqlite3_reset(st);
    return rc;
}

int store_read_begin(store *s)
{
    return store_exec(s, "BEGIN");
}

int store_read_end(store *s)
{
    return store_exec(s, "COMMIT");
}
