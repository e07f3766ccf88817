/* ops — notes that an operation has for the person who asked, beside its
 * result: things worth knowing that did not make it fail (reference data
 * not cached, a rule that learns again, a schema upgrade under way). The
 * operations themselves are in ops_*.h; the investigations (investigate/)
 * and risk (score/risk.h) are operations of their own. A front end (the
 * CLI, the HTTP API) parses its input, calls one operation, renders the
 * result through emit/ and maps a werr's code to its own status. */
#ifndef WACHTER_OPS_H
#define WACHTER_OPS_H
#include "enrich/refdata.h"
#include "store/store.h"

/* Where an operation's notes go: fn (when not NULL) with ctx, one call per
 * note, borrowed for the call. The same shape as the store's notes. */
typedef struct ops_notes {
    store_note_fn fn;
    void *ctx;
} ops_notes;

/* Tells n's receiver the formatted note (nothing when n or its fn is NULL). */
void ops_note(const ops_notes *n, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Loads the store's reference data (refdata_load, with threads) and, when
 * it was read from the tables rather than their compact copy, writes the
 * copy so that the next command starts fast; failing to is only a note
 * (the next start is merely slower). Returns 0 with *out (refdata_free
 * it), or -1 with e set. */
int ops_refdata(store *s, int threads, const ops_notes *notes, refdata **out, werr *e);
#endif
