/* store_scope — the reference rows that explain a few accesses, copied
 * into a store of their own, so that an investigation of one person or one
 * employee loads those instead of every case of the organisation
 * (investigate/scope.h says which rows and why they suffice). */
#ifndef WACHTER_STORE_SCOPE_H
#define WACHTER_STORE_SCOPE_H
#include <stddef.h>

#include "store/store.h"
#include "util/werr.h"

/* Accesses by actors[0..na) to subjects[0..ns) with stated cases
 * cases[0..nc) ("" entries are skipped). Borrowed. */
typedef struct store_scope {
    const char *const *subjects, *const *cases, *const *actors;
    size_t ns, nc, na;
} store_scope;

/* Opens a private store in memory holding s's reference rows for w: the
 * actors' rows, the subjects' rows, protection and cases, the stated
 * cases, and every assignment of those cases. *out is owned: give it
 * back with store_scope_close. Returns 0, or -1 with e set. */
int store_scope_open(store *s, const store_scope *w, store **out, werr *e);
/* Done with d (from store_scope_open on s; NULL: nothing): kept by s for
 * its next scope, or closed. */
void store_scope_close(store *s, store *d);
#endif
