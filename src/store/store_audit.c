#include "store/store_audit.h"
#include "store/store_int.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* How long an append waits for another process appending, ms. Appends
 * are one small row: waits are short. */
enum { AUDIT_BUSY_WAIT_MS = 30000 };

static const char SCHEMA[] =
    "CREATE TABLE IF NOT EXISTS audit(seq INTEGER PRIMARY KEY, at INTEGER NOT NULL,"
    "  account TEXT NOT NULL, action TEXT NOT NULL, params TEXT NOT NULL, prev TEXT NOT NULL,"
    "  hash TEXT NOT NULL);";

static int fail_db(store *s, sqlite3 *db, const char *what)
{
    char msg[400];
    const char *path = store_path(s) ? store_path(s) : "";
    if (db && (sqlite3_errcode(db) & 0xff) == SQLITE_FULL)
        snprintf(msg, sizeof msg, "disk full writing %s.audit: %s", path, sqlite3_errmsg(db));
    else
        snprintf(msg, sizeof msg, "%s %s.audit: %s", what, path,
                 db ? sqlite3_errmsg(db) : "out of memory");
    store_set_errmsg(s, msg);
    return -1;
}

/* The audit file's connection, opened (and its table made) on first use:
 * the store's path with ".audit"; an in-memory store's trail is in
 * memory too. NULL on error (store_errmsg). */
static sqlite3 *audit_db(store *s)
{
    sqlite3 **slot = store_audit_slot(s);
    if (*slot) return *slot;
    const char *path = store_path(s);
    char *file = NULL;
    if (!path || !*path || strcmp(path, ":memory:") == 0)
        file = strdup(":memory:");
    else if ((file = malloc(strlen(path) + 7)))
        sprintf(file, "%s.audit", path);
    if (!file) return NULL;
    sqlite3 *db = NULL;
    /* Owner only, as the store: the trail names who looked at whom. */
    if (store_private_file(file, 1) < 0) {
        char msg[400];
        snprintf(msg, sizeof msg, "opening %s: %s", file, strerror(errno));
        free(file);
        store_set_errmsg(s, msg);
        return NULL;
    }
    int rc = sqlite3_open_v2(file, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
    free(file);
    if (rc == SQLITE_OK) {
        sqlite3_busy_timeout(db, AUDIT_BUSY_WAIT_MS);
        /* Every command appends an entry. The write-ahead log is synced
         * when the connection closes (its checkpoint), not at each
         * commit: the entry is written before the command runs (a crash
         * of wachter loses nothing) and on the disk when it ends. The log
         * file is kept between commands, emptied (journal_size_limit) when
         * the last connection's checkpoint has copied it into the trail:
         * no new file and no sync of the directory per command, and no
         * log that grows by each command's entry and that every command
         * would read whole at its open. */
        int persist = 1;
        sqlite3_file_control(db, "main", SQLITE_FCNTL_PERSIST_WAL, &persist);
        rc = sqlite3_exec(db,
                          "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
                          " PRAGMA journal_size_limit=0",
                          NULL, NULL, NULL);
    }
    if (rc == SQLITE_OK) rc = sqlite3_exec(db, SCHEMA, NULL, NULL, NULL);
    if (rc != SQLITE_OK) {
        fail_db(s, db, "opening the audit trail");
        sqlite3_close(db);
        return NULL;
    }
    return *slot = db;
}

/* The last entry's seq and hash into *seq and prev (64 zeros, seq 0, when
 * there is none). 0 or -1. */
static int last_entry(sqlite3 *db, int64_t *seq, char prev[STORE_AUDIT_HASH_HEX + 1])
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, "SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1", -1, &st,
                           NULL) != SQLITE_OK)
        return -1;
    int step = sqlite3_step(st);
    *seq = 0;
    memset(prev, '0', STORE_AUDIT_HASH_HEX);
    prev[STORE_AUDIT_HASH_HEX] = 0;
    if (step == SQLITE_ROW) {
        *seq = sqlite3_column_int64(st, 0);
        const unsigned char *h = sqlite3_column_text(st, 1);
        snprintf(prev, STORE_AUDIT_HASH_HEX + 1, "%s", h ? (const char *)h : "");
    }
    sqlite3_finalize(st);
    return step == SQLITE_ROW || step == SQLITE_DONE ? 0 : -1;
}

static int insert(sqlite3 *db, const store_audit_entry *in, store_audit_seal_fn seal, void *ctx)
{
    char prev[STORE_AUDIT_HASH_HEX + 1], hash[STORE_AUDIT_HASH_HEX + 1];
    store_audit_entry e = *in;
    if (last_entry(db, &e.seq, prev) < 0) return -1;
    e.seq++;
    e.prev = prev;
    e.hash = NULL;
    if (seal(&e, hash, ctx) < 0) return -1;
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db,
                           "INSERT INTO audit(seq, at, account, action, params, prev, hash)"
                           " VALUES(?, ?, ?, ?, ?, ?, ?)",
                           -1, &st, NULL) != SQLITE_OK)
        return -1;
    sqlite3_bind_int64(st, 1, e.seq);
    sqlite3_bind_int64(st, 2, e.at);
    sqlite3_bind_text(st, 3, e.account, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, e.action, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 5, e.params, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 6, prev, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 7, hash, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st) == SQLITE_DONE ? 0 : -1;
    sqlite3_finalize(st);
    return rc;
}

int store_audit_append(store *s, const store_audit_entry *e, store_audit_seal_fn seal, void *ctx)
{
    sqlite3 *db = audit_db(s);
    if (!db) return -1;
    int rc = sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL) == SQLITE_OK ? 0 : -1;
    if (rc == 0) rc = insert(db, e, seal, ctx);
    if (rc == 0) rc = sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) == SQLITE_OK ? 0 : -1;
    if (rc < 0) {
        fail_db(s, db, "appending to");
        if (!sqlite3_get_autocommit(db)) sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
    }
    return rc;
}

int store_audit_each(store *s, int64_t from, int64_t to, const char *account, store_audit_fn fn,
                     void *ctx)
{
    sqlite3 *db = audit_db(s);
    if (!db) return -1;
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db,
                           "SELECT seq, at, account, action, params, prev, hash FROM audit"
                           " WHERE at BETWEEN ?1 AND ?2 AND (?3 IS NULL OR account = ?3)"
                           " ORDER BY seq",
                           -1, &st, NULL) != SQLITE_OK)
        return fail_db(s, db, "reading");
    sqlite3_bind_int64(st, 1, from);
    sqlite3_bind_int64(st, 2, to);
    if (account) sqlite3_bind_text(st, 3, account, -1, SQLITE_STATIC);
    int rc = 0, step;
    while (rc == 0 && (step = sqlite3_step(st)) == SQLITE_ROW) {
        store_audit_entry e = {sqlite3_column_int64(st, 0),
                               sqlite3_column_int64(st, 1),
                               (const char *)sqlite3_column_text(st, 2),
                               (const char *)sqlite3_column_text(st, 3),
                               (const char *)sqlite3_column_text(st, 4),
                               (const char *)sqlite3_column_text(st, 5),
                               (const char *)sqlite3_column_text(st, 6)};
        rc = fn(&e, ctx);
    }
    if (rc == 0 && step != SQLITE_DONE) rc = fail_db(s, db, "reading");
    sqlite3_finalize(st);
    return rc;
}

/* One integer from sql with ?1 bound to a, or 0 for NULL. 0 or -1. */
static int one_int(sqlite3 *db, const char *sql, int64_t a, int64_t *out)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) return -1;
    sqlite3_bind_int64(st, 1, a);
    int rc = sqlite3_step(st) == SQLITE_ROW ? 0 : -1;
    if (rc == 0) *out = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return rc;
}

int store_audit_through(store *s, int64_t cut, int64_t *seq, int64_t *n)
{
    sqlite3 *db = audit_db(s);
    *seq = *n = 0;
    if (!db) return -1;
    if (one_int(db,
                "SELECT max(seq) FROM audit WHERE at < ?1"
                " AND seq < (SELECT max(seq) FROM audit)",
                cut, seq) < 0 ||
        one_int(db, "SELECT count(*) FROM audit WHERE seq <= ?1", *seq, n) < 0)
        return fail_db(s, db, "reading");
    return 0;
}

int store_audit_drop_through(store *s, int64_t seq, int64_t *deleted)
{
    sqlite3 *db = audit_db(s);
    *deleted = 0;
    if (!db) return -1;
    sqlite3_stmt *st;
    int rc = sqlite3_exec(db, "PRAGMA secure_delete=ON", NULL, NULL, NULL) == SQLITE_OK &&
                     sqlite3_prepare_v2(db, "DELETE FROM audit WHERE seq <= ?1", -1, &st, NULL) ==
                         SQLITE_OK
                 ? 0
                 : -1;
    if (rc == 0) {
        sqlite3_bind_int64(st, 1, seq);
        rc = sqlite3_step(st) == SQLITE_DONE ? 0 : -1;
        sqlite3_finalize(st);
        *deleted = sqlite3_changes(db);
    }
    /* Gone from the file, not only unlinked: rewritten, the log emptied. */
    if (rc == 0 && *deleted)
        rc = sqlite3_exec(db, "VACUUM; PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL) ==
                     SQLITE_OK
                 ? 0
                 : -1;
    return rc < 0 ? fail_db(s, db, "purging") : 0;
}
