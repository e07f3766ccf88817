/* store — the store's handle: opening, transactions, meta values. This
 * header and the other store_*.h headers that code outside src/store/
 * includes are the store's interface, in domain terms; the SQLite backend
 * behind them (SQL, statements, the storage layout) is private to
 * src/store/ (store_int.h). */
#ifndef WACHTER_STORE_H
#define WACHTER_STORE_H
#include <stddef.h>
#include <stdint.h>

#include "util/werr.h"

typedef struct store store;

/* A note for a person about what the store is doing (ctx as given). */
typedef void (*store_note_fn)(const char *note, void *ctx);

/* Whether opening a store may create it. */
typedef enum store_mode {
    STORE_CREATE,   /* for writing: a new store where there is none */
    STORE_EXISTING, /* for reading: no store there is an error, none is made */
} store_mode;

/* Opens (creating and migrating as needed) the store at path. Returns 0, or
 * -1 with *e set. *out is owned by the caller: store_close it. */
int store_open(const char *path, store **out, werr *e);
/* The same, in mode: with STORE_EXISTING, a path where no store is (no
 * file, or an empty one) fails with WERR_NOT_FOUND, "no store at PATH",
 * and leaves nothing behind. Tells note (when not NULL) before it upgrades
 * an existing store's schema, which can rewrite what it holds for all its
 * events. */
int store_open_noting(const char *path, store_mode mode, store **out, store_note_fn note, void *ctx,
                      werr *e);
void store_close(store *s);
/* Makes the store file at path readable and writable by its owner only:
 * created 0600 when missing (with create; without, a missing file is left
 * missing), an existing one of this user's with group or other bits
 * narrowed to 0600 (with the store's -wal, -shm and -journal). ":memory:",
 * "" and URIs are left alone, and so is a file that cannot be opened
 * (SQLite's open then says why). store_open does it at every open. 0, or
 * -1 with errno. */
int store_private_file(const char *path, int create);
/* The last error message, borrowed: the store's own (store_set_errmsg,
 * until the next store_begin), else SQLite's; when the disk (or the
 * user's quota) is full, "disk full writing PATH: " and SQLite's. */
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
/* A schema version number: the migrations applied. */
int store_schema_version(store *s);
/* meta key/value: get returns owned copy or NULL; set returns 0 or -1. */
char *store_meta_get(store *s, const char *key);
int store_meta_set(store *s, const char *key, const char *value);
#endif
