/* store_post — how the store finds one subject's or one actor's events
 * without an index kept row by row.
 *
 * Each commit writes, per kind (subject, actor), one sorted run of
 * postings: (hash of the subject or actor, rowid of the event), the rowid
 * leading with the event's time (store_rowid.h).
 * Whenever the newest POST_FANOUT runs of a kind are of one size class
 * (level) they are merged, streaming, into one (an LSM tree): each posting
 * is rewritten about log4(events ÷ commit) times, and a look-up searches
 * at most POST_FANOUT - 1 runs a level. Two day-first indexes kept row by
 * row made every commit rewrite index pages all over the file; runs are
 * written once, in order (bench/ANALYSIS.md, "Layouts without look-up
 * indexes"). A hash only narrows: readers test the event's subject or
 * actor and time in SQL. Private to the SQLite backend. */
#ifndef WACHTER_STORE_POST_H
#define WACHTER_STORE_POST_H
#include <sqlite3.h>
#include <stddef.h>
#include <stdint.h>

typedef struct store_post store_post;
typedef enum { POST_SUBJECT = 0, POST_ACTOR = 1 } post_kind;
enum { POST_FANOUT = 4 };

/* Pending postings of the open transaction. NULL when out of memory. */
store_post *store_post_new(void);
void store_post_free(store_post *p);
/* Notes a stored event (subject "" is not posted). 0 or -1 (memory). */
int store_post_note(store_post *p, int64_t rowid, const char *subject, const char *actor);
/* Forgets the pending postings (the transaction was rolled back). */
void store_post_drop(store_post *p);
/* Inside the transaction that stored the events: writes the pending
 * postings as runs and merges runs as needed, so that they commit with the
 * rows. 0 or -1 (SQLite's error on db). */
int store_post_flush(store_post *p, sqlite3 *db);
/* Postings for every stored event, in rowid order (the upgrade that brings
 * them in), written as a run every chunk events (POST_BUILD_CHUNK; fewer
 * in tests) and merged into one run per kind at the end. Inside a
 * transaction. 0 or -1. */
enum { POST_BUILD_CHUNK = 1 << 20 };
int store_post_build(sqlite3 *db, size_t chunk);
/* The rowids of events whose subject or actor (kind) hashes like key,
 * at times from..to (ms, inclusive), as a JSON array for
 * json_each (POST_FOUND). Returns owned text, NULL on error. */
char *store_post_find(sqlite3 *db, post_kind kind, const char *key, int64_t from, int64_t to);
/* store_post_find keeping the last (newest) `last` rowids only (0: all);
 * *nfound (when not NULL): how many it found in all. */
char *store_post_find_last(sqlite3 *db, post_kind kind, const char *key, int64_t from, int64_t to,
                           size_t last, size_t *nfound);
/* The SQL test that an event e is one of ?4, the text store_post_find
 * returned. SQLite then reads each by rowid. */
#define POST_FOUND " e.rowid IN (SELECT value FROM json_each(?4))"
/* Prepares sql (a query of events e with POST_FOUND) for the events of key
 * (kind) from..to: ?1 key (borrowed: it must outlive the statement), ?2
 * from, ?3 to, ?4 what store_post_find found. Returns the statement to
 * finalize, or NULL on error. */
sqlite3_stmt *store_post_prepare(sqlite3 *db, const char *sql, post_kind kind, const char *key,
                                 int64_t from, int64_t to);
/* store_post_prepare for the newest `last` events only (store_post_find_last). */
sqlite3_stmt *store_post_prepare_last(sqlite3 *db, const char *sql, post_kind kind, const char *key,
                                      int64_t from, int64_t to, size_t last, size_t *nfound);
#endif
