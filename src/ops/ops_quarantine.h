/* ops_quarantine — `quarantine`: every bad input line kept, with its
 * source, line number, reason and raw bytes. */
#ifndef WACHTER_OPS_QUARANTINE_H
#define WACHTER_OPS_QUARANTINE_H
#include "store/store_quarantine.h"

/* fn gets each quarantined line (borrowed for the call) with ctx; it
 * returns non-zero to stop. */
typedef int (*ops_quarantined_fn)(const store_quarantined *q, void *ctx);

/* Calls fn for every quarantined line, by source and line number. Returns
 * 0, fn's non-zero value, or -1 with e set. */
int ops_quarantine_each(store *s, ops_quarantined_fn fn, void *ctx, werr *e);
#endif
