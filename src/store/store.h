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
/* The last SQLite error message, borrowed. */
const char *store_errmsg(store *s);
/* Transactions: 0 or -1. A commit first writes the postings of the events
 * stored in it (store_post.h); a rollback forgets them. */
int store_begin(store *s);
int store_commit(store *s);
void store_rollback(store *s);
/* The open transaction's postings, borrowed (store_events notes them). */
struct store_post *store_posts(store *s);
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
