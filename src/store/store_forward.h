/* store_forward — `wachter forward`'s cursors (schema 26): per
 * destination, the last alert delivered (alert_order.seq, which only
 * grows), how many were sent, and the last delivery and failure. */
#ifndef WACHTER_STORE_FORWARD_H
#define WACHTER_STORE_FORWARD_H
#include <stdint.h>

#include "store/store.h"

typedef struct store_fwd {
    const char *dest, *payload, *last_error;
    int64_t seq, sent, last_ok, error_at;
    int64_t pending; /* alerts stored after seq (store_fwd_each) */
} store_fwd;
typedef int (*store_fwd_fn)(const store_fwd *f, void *ctx);

/* The cursor of dest (*seq: 0 for a new destination, which it records
 * with payload; an existing one's payload becomes payload). 0 or -1. */
int store_fwd_cursor(store *s, const char *dest, const char *payload, int64_t *seq);
/* Records that the alerts up to seq, n of them, were delivered to dest
 * at at: the cursor moves forward only (never back). 0 or -1. */
int store_fwd_delivered(store *s, const char *dest, int64_t seq, int64_t n, int64_t at);
/* Records dest's failure msg at at; the cursor stays. 0 or -1. */
int store_fwd_failed(store *s, const char *dest, const char *msg, int64_t at);
/* Calls fn for each destination, by name, with its pending count.
 * Returns 0, -1 on error, or fn's non-zero. */
int store_fwd_each(store *s, store_fwd_fn fn, void *ctx);
#endif
