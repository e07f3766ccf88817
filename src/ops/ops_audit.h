/* ops_audit — the tamper-evident audit trail: every action on the store
 * appended with who, when, what and its parameters, each entry chained to
 * the one before by a hash (BLAKE2b-256 over the previous entry's hash and
 * the entry's canonical bytes: docs/design.md "Audit trail"). Changing,
 * removing, inserting or reordering an entry breaks the chain at that
 * entry; removing entries from the end is found against a head kept
 * elsewhere (ops_audit_head). */
#ifndef WACHTER_OPS_AUDIT_H
#define WACHTER_OPS_AUDIT_H
#include <stdint.h>

#include "store/store.h"
#include "store/store_audit.h"

/* Appends an entry: account ("alice", "os:root"), action ("alerts",
 * "account add", "refused", ...) and params_json (a JSON object, "{}"
 * when NULL), stamped with the time now, in one transaction of the
 * trail's own file (store/store_audit.h): it stays recorded even when a
 * transaction the caller has open on s rolls back. The one function every
 * part of wachter records an action with. 0, or -1 with e
 * (WERR_UNAVAILABLE: the trail could not be written). */
int ops_audit(store *s, const char *account, const char *action, const char *params_json, werr *e);

/* The entries with from <= time <= to, of account only when not NULL, in
 * order; fn's non-zero return stops (-1 with e when it is negative and e
 * is empty: "stopped"). 0 or -1 with e. */
int ops_audit_each(store *s, int64_t from, int64_t to, const char *account, store_audit_fn fn,
                   void *ctx, werr *e);

/* What verifying the trail found. */
typedef struct ops_audit_check {
    int64_t entries; /* entries read */
    int intact;      /* 1: every entry chains; and the head, if given, is reached */
    int64_t bad_seq; /* the first bad entry's number (0: none, or the head missing) */
    char why[320];   /* what is wrong with it, for a person */
    char head[65];   /* the last entry's hash ("" when there are none) */
} ops_audit_check;

/* Walks the whole trail, recomputing each entry's hash. head (NULL: none)
 * is a head kept elsewhere: the trail must contain an entry with that
 * hash, else it was cut short (or rewritten). Returns 0 with *out (intact
 * or not), -1 with e when it cannot be read. */
int ops_audit_verify(store *s, const char *head, ops_audit_check *out, werr *e);

/* The last entry's hash into head ("" when there are none) and the number
 * of entries into *n. 0 or -1 with e. */
int ops_audit_head(store *s, char head[65], int64_t *n, werr *e);
/* Applies the audit trail's retention: removes the entries made before
 * cut (epoch ms), never the newest, so that they are gone from the
 * trail's file, after appending an "audit purged" entry that says up to
 * which entry ({"through":N}): verify then starts the chain at the first
 * entry kept, and still fails when more than that is missing. With
 * dry_run nothing changes. *deleted: how many go. 0 or -1 with e. */
int ops_audit_purge(store *s, int64_t cut, int dry_run, int64_t *deleted, werr *e);
#endif
