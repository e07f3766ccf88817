/* store — the embedded SQLite store: schema, migrations, transactions.
 * One file in WAL mode; every other store_*.c module works on its handle. */
#ifndef WACHTER_STORE_H
#define WACHTER_STORE_H
#include <sqlite3.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

typedef struct store store;

/* Opens (creating and migrating as needed) the store at path. Returns 0, or
 * -1 with a message in err. *out is owned by the caller: store_close it. */
int store_open(const char *path, store **out, char *err, size_t errlen);
/* The same, telling notes (when not NULL) before it upgrades an existing
 * store's schema, which can rewrite what it holds for all its events. */
int store_open_noting(const char *path, store **out, FILE *notes, char *err, size_t errlen);
void store_close(store *s);
/* The connection, borrowed, for the store's own query modules. */
sqlite3 *store_db(store *s);
/* The last error message, borrowed: the store's own (store_set_errmsg,
 * until the next store_begin), else SQLite's. */
const char *store_errmsg(store *s);
/* Keeps msg (copied) as the error of a store module's failure that SQLite
 * did not see. */
void store_set_errmsg(store *s, const char *msg);
/* Transactions: 0 or -1. A commit first writes the postings of the events
 * stored in it (store_post.h); a rollback forgets them. */
int store_begin(store *s);
int store_commit(store *s);
void store_rollback(store *s);
/* Inside a transaction: reserves n arrival numbers for events about to be
 * stored (the order in which the store received them; an event's rowid
 * is its time, store_rowid.h), the first in *first. The numbers commit
 * with the transaction. 0 or -1. */
int store_arrivals(store *s, int64_t n, int64_t *first);
/* The open transaction's postings, borrowed (store_events notes them). */
struct store_post *store_posts(store *s);
/* Runs sql (statements without results) with secure_delete=FAST, for
 * pages whose content lives on elsewhere or holds no event data, and the
 * store's own setting back after it (Debian's SQLite zeroes deleted
 * content by default, one more write of every deleted page). 0 or -1. */
int store_exec_fast_delete(sqlite3 *db, const char *sql);
/* Runs one statement without results. 0 or -1. */
int store_exec(store *s, const char *sql);
/* Prepares a cached statement (reset, bindings cleared); borrowed. NULL on error. */
sqlite3_stmt *store_stmt(store *s, const char *sql);
/* Runs st (a statement without result rows) and resets it. 0 when it ran
 * to completion, -1 on error. */
int store_step_done(sqlite3_stmt *st);
/* A schema version number: the migrations applied. */
int store_schema_version(store *s);
/* meta key/value: get returns owned copy or NULL; set returns 0 or -1. */
char *store_meta_get(store *s, const char *key);
int store_meta_set(store *s, const char *key, const char *value);
#endif
