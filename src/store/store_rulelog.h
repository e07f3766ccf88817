/* store_rulelog — a rule's global state (per-subject entries and the like)
 * as a log: each save stores one row holding every entry that changed;
 * now and then the rule saves all its entries as a full copy, and the rows
 * before it are dropped. A later entry for a key replaces an earlier one.
 * Rows carry the state's layout id; rows of another layout are skipped. */
#ifndef WACHTER_STORE_RULELOG_H
#define WACHTER_STORE_RULELOG_H
#include <stddef.h>
#include <stdint.h>

#include "store/store.h"
#include "util/buf.h"
#include "util/kv.h"

/* Appends one entry (key, then n bytes of value) to the row being built in
 * b. Returns 0, or -1 when out of memory. */
int store_rulelog_entry(buf *b, const char *key, const void *p, size_t n);
/* Stores the entries in b as the rule's next row; snapshot marks the rows
 * of a full copy. *seq gets the row's number. Returns 0 or -1. */
int store_rulelog_add(store *s, const char *rule, uint64_t layout, int snapshot, const buf *b,
                      int64_t *seq);
/* Drops the rule's rows before seq (a full copy begins there) and the
 * per-entry rows stores before schema 5 kept. Returns 0 or -1. */
int store_rulelog_drop_before(store *s, const char *rule, int64_t seq);

/* Bytes of entries of one rule, as saved: the last full copy, and what
 * was added after it (there, older stores' per-entry rows count too). */
typedef struct store_rulelog_size {
    size_t snapshot, tail;
} store_rulelog_size;

enum { STORE_RULELOG_DAMAGED = -2 };
/* Calls fn(entries, n, ctx) for every entry of rule with this layout, in
 * the order saved, up to KV_BATCH at a time, and adds up the entries'
 * sizes in *size. Returns 0, -1 on a database error, STORE_RULELOG_DAMAGED
 * when a row does not hold whole entries, or fn's non-zero. */
int store_rulelog_each(store *s, const char *rule, uint64_t layout,
                       int (*fn)(const kv_entry *e, size_t n, void *ctx), void *ctx,
                       store_rulelog_size *size);
#endif
