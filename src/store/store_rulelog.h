/* store_rulelog — a rule's global state (per-subject entries and the like)
 * as a log: each save stores one row holding every entry that changed;
 * now and then the rule saves all its entries as a full copy, and the rows
 * before it are dropped. A later entry for a key replaces an earlier one.
 * Rows carry the version of the rule's state (column layout); rows of
 * another version are skipped.
 *
 * Also the per-actor state: one blob per actor holding every rule's part,
 * tagged with a layout id, and for each layout id a description of which
 * bytes are whose part at what version (kept in table meta), so that a
 * part can be read back when another rule's part changed. */
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
/* Stores the entries in b as the rule's next row, of the rule's state
 * version; snapshot marks the rows of a full copy. *seq gets the row's
 * number. Returns 0 or -1. */
int store_rulelog_add(store *s, const char *rule, uint32_t version, int snapshot, const buf *b,
                      int64_t *seq);
/* Drops the rule's rows before seq (a full copy begins there) and the
 * per-entry rows stores before schema 5 kept. Returns 0 or -1. */
int store_rulelog_drop_before(store *s, const char *rule, int64_t seq);

/* Bytes of entries of one rule, as saved: the last full copy, and what
 * was added after it (there, older stores' per-entry rows count too, and
 * rows saved before state versions). stale: bytes of rows of another
 * version, skipped; stale_version: the version of the last of them. */
typedef struct store_rulelog_size {
    size_t snapshot, tail, stale;
    uint64_t stale_version;
} store_rulelog_size;

enum { STORE_RULELOG_DAMAGED = -2 };
/* Calls fn(entries, n, ctx) for every entry of rule of this version, in
 * the order saved, up to KV_BATCH at a time, and adds up the entries'
 * sizes in *size. Rows tagged legacy (not 0: the engine-wide layout id
 * that stores saved before per-rule versions) are read too, counted as
 * tail so that the next save is a full copy that drops them. Returns 0,
 * -1 on a database error, STORE_RULELOG_DAMAGED when a row does not hold
 * whole entries, or fn's non-zero. */
int store_rulelog_each(store *s, const char *rule, uint32_t version, uint64_t legacy,
                       int (*fn)(const kv_entry *e, size_t n, void *ctx), void *ctx,
                       store_rulelog_size *size);

/* One part of a per-actor state blob: bytes [off, off + size) hold the
 * state of name (a rule, or the engine's own) at that version. */
typedef struct store_state_part {
    const char *name;
    uint32_t version;
    uint32_t off, size;
} store_state_part;
enum { STORE_STATE_PARTS_MAX = 64 };

/* Records which parts make up the actor state blobs of layout (once: a
 * layout id names one description). Returns 0 or -1. */
int store_state_layout_put(store *s, uint64_t layout, const store_state_part *parts, size_t n);
/* Calls fn(layout, parts, n, ctx) for every recorded layout (parts
 * borrowed for the call). Returns 0, -1 on a database error, or fn's
 * non-zero. A description that cannot be read is skipped: the blobs of
 * that layout are not read, as for an unknown one. */
int store_state_layout_each(store *s,
                            int (*fn)(uint64_t layout, const store_state_part *parts, size_t n,
                                      void *ctx),
                            void *ctx);
/* Calls fn(actor, layout, blob, n, ctx) for every saved actor state, of
 * any layout. Returns 0, -1 on a database error, or fn's non-zero. */
int store_actor_state_each(store *s,
                           int (*fn)(const char *actor, uint64_t layout, const void *p, size_t n,
                                     void *ctx),
                           void *ctx);
#endif
