/* refdata_cache — the reference data as one compact copy in the store, so
 * that a command starts in a fraction of a second instead of re-reading
 * millions of subject and case rows.
 *
 * The store keeps the copy (store/store_refcache.h) and empties it on any
 * insert, update or delete in a reference table, by wachter or by hand, so
 * a copy that exists matches the tables. It is rewritten by `wachter load`
 * and by the first ingest that finds it gone. */
#ifndef WACHTER_REFDATA_CACHE_H
#define WACHTER_REFDATA_CACHE_H
#include "enrich/refdata.h"
#include "store/store.h"
#include "util/werr.h"

/* Fills r (new: empty maps, no arrays) from s's copy; with threads 2, the
 * subjects' names in a second thread. Returns 1 when read, 0 when there is
 * none or it is not usable (then r holds partial data: free it). -1 is not
 * returned: a bad copy is merely a slow start. */
int refcache_read(store *s, refdata *r, int threads);

/* Replaces s's copy with r, in a transaction of its own (s must not be in
 * one). Returns 0, or -1 (e set; e may be NULL). */
int refcache_write(store *s, const refdata *r, werr *e);
#endif
