#include "investigate/protocol.h"

#include "store/store_post.h"

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

int inv_protocol_each(store *s, const char *subject, int64_t from, int64_t to, inv_protocol_fn fn,
                      void *ctx)
{
    sqlite3_stmt *st =
        store_post_prepare(store_db(s), SQL_PROTOCOL, POST_SUBJECT, subject, from, to);
    if (!st) return -1;
    int rc = 0, step;
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        inv_protocol_row row = {sqlite3_column_int64(st, 0),
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
