/* store_int — private to src/store/: the SQLite connection and statement
 * helpers that the store's modules share. Nothing outside src/store/
 * includes this header (tests may, to look at a store from below). */
#ifndef WACHTER_STORE_INT_H
#define WACHTER_STORE_INT_H
#include <sqlite3.h>

#include "store/store.h"

/* The connection, borrowed, for the store's own query modules. */
sqlite3 *store_db(store *s);

/* Runs sql (statements without results) with secure_delete=FAST, for
 * pages whose content lives on elsewhere or holds no event data, and the
 * store's own setting back after it (Debian's SQLite zeroes deleted
 * content by default, one more write of every deleted page). 0 or -1;
 * on -1 SQLite's error is kept for store_errmsg and the setting is left
 * FAST (the failed transaction is to be rolled back). */
int store_exec_fast_delete(sqlite3 *db, const char *sql);

/* The writer lock of a handle (store_lock.c): the lock file held, -1
 * when none, how deep store_writer_begin calls nest, and how long to wait
 * for another writer. */
typedef struct store_wlock {
    int fd, depth, wait_s;
} store_wlock;
store_wlock *store_wlock_of(store *s);

/* The path the store was opened with, borrowed. */
const char *store_path(store *s);
/* Where the connection to the audit trail's file is kept (NULL until
 * store_audit.c opens it; store_close closes it). */
sqlite3 **store_audit_slot(store *s);

/* Where a handle keeps a blank store of its schema as bytes (NULL until
 * store_scope.c makes it; store_close frees it with sqlite3_free). */
void store_blank_slot(store *s, unsigned char ***img, sqlite3_int64 **len);
/* Where a handle keeps the in-memory store of its last scope, to be
 * emptied and used again by the next (store_scope.c; NULL when none;
 * store_close closes it). */
store **store_spare_slot(store *s);
/* Opens an in-memory store whose content is a copy of img (n bytes, a
 * serialized store of this schema). 0 or -1 with e. */
int store_open_image(const unsigned char *img, sqlite3_int64 n, store **out, werr *e);

/* Runs one statement without results. 0 or -1. */
int store_exec(store *s, const char *sql);

/* Prepares a cached statement (reset, bindings cleared); borrowed. NULL on error. */
sqlite3_stmt *store_stmt(store *s, const char *sql);

/* Runs st (a statement without result rows) and resets it. 0 when it ran
 * to completion, -1 on error. */
int store_step_done(sqlite3_stmt *st);
#endif
