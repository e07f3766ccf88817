#include "store/store_upgrade.h"
#include "store/store_int.h"

#include <stdlib.h>

#include "store/store.h"
#include "store/store_post.h"
#include "store/store_rowid.h"

/* The old events migration 8's copy skipped: their slot was taken. */
static const char *SQL_SKIPPED =
    "SELECT o.rowid FROM events o WHERE NOT EXISTS(SELECT 1 FROM events_v8 n"
    " WHERE n.rowid = (o.ts << 21) | (o.key & 2097151) AND n.arrival = o.rowid)";
/* Old event ?1 into slot ?2 of its time, unless that slot is taken. */
static const char *SQL_INTO_SLOT =
    "INSERT OR IGNORE INTO events_v8(rowid, id, ts, actor, system, action, subject,"
    " subject_type, case_id, purpose, query, results, client, attrs, arrival)"
    " SELECT (ts << 21) | ?2, id, ts, actor, system, action, subject, subject_type, case_id,"
    " purpose, query, results, client, attrs, rowid FROM events WHERE rowid = ?1";
_Static_assert(STORE_ROWID_SLOT_BITS == 21, "the SQL above spells out 21 bits");

static int64_t count_of(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *st;
    int64_t n = -1;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) return -1;
    if (sqlite3_step(st) == SQLITE_ROW) n = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return n;
}

/* Stores old event rowid in the first free slot after its own. 0 or -1. */
static int into_free_slot(sqlite3 *db, sqlite3_stmt *into, int64_t rowid, int64_t key)
{
    for (int64_t probe = 1; probe < STORE_ROWID_PROBES; probe++) {
        sqlite3_bind_int64(into, 1, rowid);
        sqlite3_bind_int64(into, 2,
                           ((key & (STORE_ROWID_SLOTS - 1)) + probe) & (STORE_ROWID_SLOTS - 1));
        int rc = sqlite3_step(into);
        sqlite3_reset(into);
        if (rc != SQLITE_DONE) return -1;
        if (sqlite3_changes(db) == 1) return 0;
    }
    return -1;
}

/* The skipped events, each into a free slot. Few: two events of one
 * millisecond share a slot once in two million pairs. 0 or -1. */
static int place_skipped(sqlite3 *db)
{
    sqlite3_stmt *skipped = NULL, *into = NULL, *key = NULL;
    int64_t *v = NULL;
    size_t n = 0, cap = 0;
    int rc = -1, step;
    if (sqlite3_prepare_v2(db, SQL_SKIPPED, -1, &skipped, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(db, SQL_INTO_SLOT, -1, &into, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(db, "SELECT key FROM events WHERE rowid = ?", -1, &key, NULL))
        goto done;
    /* Collected first: the table that the query reads is being written. */
    while ((step = sqlite3_step(skipped)) == SQLITE_ROW) {
        if (n == cap) {
            size_t nc = cap ? cap * 2 : 64;
            int64_t *nv = realloc(v, nc * sizeof *nv);
            if (!nv) goto done;
            v = nv;
            cap = nc;
        }
        v[n++] = sqlite3_column_int64(skipped, 0);
    }
    if (step != SQLITE_DONE) goto done;
    rc = 0;
    for (size_t i = 0; rc == 0 && i < n; i++) {
        sqlite3_bind_int64(key, 1, v[i]);
        rc = sqlite3_step(key) == SQLITE_ROW
                 ? into_free_slot(db, into, v[i], sqlite3_column_int64(key, 0))
                 : -1;
        sqlite3_reset(key);
    }
done:
    sqlite3_finalize(key);
    sqlite3_finalize(skipped);
    sqlite3_finalize(into);
    free(v);
    return rc;
}

int store_rowid_upgrade(sqlite3 *db)
{
    int64_t missing = count_of(db, "SELECT (SELECT count(*) FROM events) -"
                                   " (SELECT count(*) FROM events_v8)");
    if (missing < 0 || (missing > 0 && place_skipped(db) < 0)) return -1;
    /* The old table's rows live on in the new one: no need to zero them. */
    if (store_exec_fast_delete(db, "DROP TABLE events; DELETE FROM post_parts;"
                                   " DELETE FROM post_runs") < 0 ||
        sqlite3_exec(db, "ALTER TABLE events_v8 RENAME TO events", NULL, NULL, NULL) != SQLITE_OK)
        return -1;
    return store_post_build(db, POST_BUILD_CHUNK);
}
