/* store_lock — one writer at a time per store.
 *
 * Two ingests at once would each load what detection learned, learn on
 * their own and save over each other's per-actor state. So every domain
 * operation that writes (load, ingest, incident add, demo) first makes its
 * handle the store's one writer; a second one is refused at once (or, when
 * asked to, waits) with a message that names the holder: its process id,
 * what it does and since when. Read commands take no part: they read
 * beside a writer as before.
 *
 * The SQLite backend holds an flock on a file beside the store,
 * "PATH.lock", holding the writer's pid, operation and start; the kernel
 * releases it when the process ends, however it ends, so a killed ingest
 * leaves no stale lock (the file itself stays). A server backend would
 * hold an advisory lock (PostgreSQL's pg_try_advisory_lock) and keep the
 * same lines in a table. */
#ifndef WACHTER_STORE_LOCK_H
#define WACHTER_STORE_LOCK_H
#include "store/store.h"

/* How long store_writer_begin waits for another writer: 0 (the default)
 * refuses at once, a positive number waits up to that many seconds, a
 * negative one waits as long as it takes. */
void store_writer_wait(store *s, int seconds);

/* Makes s the store's one writer for the operation what ("ingest
 * events.jsonl": shown to whoever is refused meanwhile). Calls nest: only
 * the outermost takes and the matching store_writer_end releases. A store
 * in memory has no other writer. Returns 0, or -1 with e: WERR_CONFLICT
 * when another process writes the store ("... is being written by pid N
 * (ingest events.jsonl) since 2026-12-07T09:01:02Z ..."), WERR_UNAVAILABLE
 * when the lock cannot be made. */
int store_writer_begin(store *s, const char *what, werr *e);
/* Ends the outermost store_writer_begin's hold (store_close also does). */
void store_writer_end(store *s);
#endif
