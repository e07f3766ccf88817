/* store_refcache — the store's copy of the reference data as one blob
 * (its layout is enrich/refdata_cache.c's business). The store empties it
 * whenever a reference table changes (schema migrations 4 and 5), so a
 * copy that exists matches the tables. */
#ifndef WACHTER_STORE_REFCACHE_H
#define WACHTER_STORE_REFCACHE_H
#include <stddef.h>

#include "store/store.h"
#include "util/werr.h"

/* The copy: 1 with *out (owned: free() it) and *len, 0 when there is none,
 * -1 when it cannot be read (e set; e may be NULL). */
int store_refcache_read(store *s, unsigned char **out, size_t *len, werr *e);
/* Replaces the copy with the len bytes at data (borrowed), in a
 * transaction of its own (s must not be in one). 0, or -1 (e set). */
int store_refcache_write(store *s, const void *data, size_t len, werr *e);
/* Drops the copy. 0, or -1 (e set). */
int store_refcache_drop(store *s, werr *e);
#endif
