/* ops — notes that an operation has for the person who asked, beside its
 * result: things worth knowing that did not make it fail (reference data
 * not cached, a rule that learns again, a schema upgrade under way). The
 * operations themselves are in ops_*.h; the investigations (investigate/)
 * and risk (score/risk.h) are operations of their own. A front end (the
 * CLI, the HTTP API) parses its input, calls one operation, renders the
 * result through emit/ and maps a werr's code to its own status. */
#ifndef WACHTER_OPS_H
#define WACHTER_OPS_H
#include "store/store.h"

/* Where an operation's notes go: fn (when not NULL) with ctx, one call per
 * note, borrowed for the call. The same shape as the store's notes. */
typedef struct ops_notes {
    store_note_fn fn;
    void *ctx;
} ops_notes;

/* Tells n's receiver the formatted note (nothing when n or its fn is NULL). */
void ops_note(const ops_notes *n, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
#endif
