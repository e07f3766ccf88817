/* store_retention — the retention policy (how many days each kind of
 * record is kept) and the event fields dropped at ingest, as the store
 * keeps them (tables retention and minimise, docs/schema.sql). What the
 * kinds and fields mean: ops/ops_retention.h. */
#ifndef WACHTER_STORE_RETENTION_H
#define WACHTER_STORE_RETENTION_H
#include <stdint.h>

#include "store/store.h"

/* The days kind is kept (*days, 0: no row, kept for ever) and when that
 * was set (*set_at, epoch ms; 0 with no row). 0, or -1 (store_errmsg). */
int store_retention_get(store *s, const char *kind, int64_t *days, int64_t *set_at);
/* Keeps kind for days (> 0), set at set_at; days 0 removes its row (kept
 * for ever). One transaction. 0, or -1 (store_errmsg), nothing changed. */
int store_retention_set(store *s, const char *kind, int64_t days, int64_t set_at);

/* Calls fn with each dropped field's name (borrowed for the call), in
 * name order; stops at fn's first non-zero return and returns it. 0, or
 * -1 (store_errmsg). */
typedef int (*store_minimise_fn)(const char *field, void *ctx);
int store_minimise_each(store *s, store_minimise_fn fn, void *ctx);
/* Makes fields (n names, borrowed) the dropped ones, replacing the
 * earlier set, in one transaction. 0, or -1 (store_errmsg), nothing
 * changed. */
int store_minimise_replace(store *s, const char *const *fields, size_t n);
#endif
