/* store_quarantine — reading back the quarantined input lines
 * (store_put_quarantine in store_events.h keeps them). */
#ifndef WACHTER_STORE_QUARANTINE_H
#define WACHTER_STORE_QUARANTINE_H
#include <stddef.h>
#include <stdint.h>

#include "store/store.h"

/* One quarantined line: where it came from, why, its raw bytes (nraw of
 * them, not terminated, maybe not UTF-8) and when it was quarantined (ms). */
typedef struct store_quarantined {
    const char *source, *reason;
    long line;
    const char *raw;
    size_t nraw;
    int64_t at;
} store_quarantined;

/* A read of every quarantined line, by source and line number. */
typedef struct store_quarantine_cursor store_quarantine_cursor;

/* Starts the read. Returns 0 with an owned cursor in *out
 * (store_quarantine_close it), or -1 on a store error (store_errmsg). */
int store_quarantine_open(store *s, store_quarantine_cursor **out);
/* The next line into *q, borrowed until the next call. Returns 1, 0 at
 * the end, or -1 on a store error. */
int store_quarantine_next(store_quarantine_cursor *c, store_quarantined *q);
void store_quarantine_close(store_quarantine_cursor *c);
#endif
