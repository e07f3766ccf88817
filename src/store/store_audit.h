/* store_audit — the audit trail as stored: entries appended in seq order,
 * each with the previous entry's hash and its own. The trail is a file of
 * its own beside the store, STORE.audit (its table: docs/schema.sql), so
 * that an action is recorded at once even while an ingest holds the
 * store for a batch. What the hashes are (the chain, its verification)
 * is ops/ops_audit.h's; this layer keeps the rows and appends one
 * atomically. */
#ifndef WACHTER_STORE_AUDIT_H
#define WACHTER_STORE_AUDIT_H
#include <stdint.h>

#include "store/store.h"

/* The length of a hash as stored: 64 hex digits. */
#define STORE_AUDIT_HASH_HEX 64

/* One entry; strings borrowed for the call that gives it. */
typedef struct store_audit_entry {
    int64_t seq, at; /* at: epoch ms */
    const char *account, *action, *params, *prev, *hash;
} store_audit_entry;

/* Seals e (seq, at, account, action, params and prev filled in; hash
 * not): writes its hash, STORE_AUDIT_HASH_HEX hex digits and a NUL, into
 * out. 0 or -1. */
typedef int (*store_audit_seal_fn)(const store_audit_entry *e, char *out, void *ctx);

/* Appends e (at, account, action, params; seq and prev taken from the
 * last entry, hash from seal) in one transaction of the trail's file:
 * recorded whether or not a transaction the caller has open on the store
 * commits (a failed or refused action is recorded too). 0 or -1
 * (store_errmsg). */
int store_audit_append(store *s, const store_audit_entry *e, store_audit_seal_fn seal, void *ctx);

/* Called per entry; 0 to go on, non-zero to stop (returned). */
typedef int (*store_audit_fn)(const store_audit_entry *e, void *ctx);

/* The entries in seq order; with from <= at <= to and (account not NULL)
 * that account's only. fn's non-zero return stops and is returned; -1 on
 * error. */
int store_audit_each(store *s, int64_t from, int64_t to, const char *account, store_audit_fn fn,
                     void *ctx);
/* The entries a purge at cut (epoch ms) would remove: the last seq
 * (*seq, 0 for none) of those made before cut, never the newest entry (the
 * chain goes on from it), and how many are up to it (*n). 0 or -1. */
int store_audit_through(store *s, int64_t cut, int64_t *seq, int64_t *n);
/* Deletes the entries up to seq and rewrites the trail's file so that
 * their bytes are gone from it and its log; *deleted their number. 0 or
 * -1 (store_errmsg). */
int store_audit_drop_through(store *s, int64_t seq, int64_t *deleted);
#endif
