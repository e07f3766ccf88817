#include "store/store_journal.h"
#include "store/store_int.h"

#include <string.h>

/* A switch needs the store to itself. Another connection holds it at most
 * for a query or a commit; a switch that would wait longer is not made. */
enum { SWITCH_WAIT_MS = 200 };

/* Sets the journal mode; 1 when the store is now in it, 0 when another
 * connection kept it from switching, -1 on another error. */
static int set_mode(sqlite3 *db, const char *sql, const char *mode)
{
    sqlite3_busy_timeout(db, SWITCH_WAIT_MS);
    sqlite3_stmt *st;
    int rc = sqlite3_prepare_v2(db, sql, -1, &st, NULL);
    int got = -1;
    if (rc == SQLITE_OK) {
        rc = sqlite3_step(st);
        if (rc == SQLITE_ROW)
            got = strcmp((const char *)sqlite3_column_text(st, 0), mode) == 0;
        else if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
            got = 0;
        sqlite3_finalize(st);
    } else if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) {
        got = 0;
    }
    sqlite3_busy_timeout(db, STORE_BUSY_WAIT_MS);
    return got;
}

int store_journal_open(store *s)
{
    sqlite3 *db = store_db(s);
    int wal = set_mode(db, "PRAGMA journal_mode=WAL", "wal");
    if (wal < 0) return -1;
    const char *sync = wal ? "PRAGMA synchronous=NORMAL; PRAGMA cache_spill=ON"
                           : "PRAGMA synchronous=FULL; PRAGMA cache_spill=ON";
    return sqlite3_exec(db, sync, NULL, NULL, NULL) == SQLITE_OK ? 0 : -1;
}

int store_journal_bulk(store *s)
{
    sqlite3 *db = store_db(s);
    /* TRUNCATE: the journal file is emptied at each commit, not deleted
     * and created again. No cache spill: a batch's pages stay in memory
     * until its commit (about 200 MB for a million events), so the store
     * is locked against readers only while the commit writes them; with
     * spills it was locked from the first spill on, nearly all the time. */
    int got = set_mode(db, "PRAGMA journal_mode=TRUNCATE", "truncate");
    if (got <= 0) return got;
    return sqlite3_exec(db, "PRAGMA synchronous=FULL; PRAGMA cache_spill=OFF", NULL, NULL, NULL) ==
                   SQLITE_OK
               ? 1
               : -1;
}
