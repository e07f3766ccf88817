/* scope — reference data for a few subjects, so that an investigation of
 * one person or one employee does not load every case of the organisation.
 * The result is an ordinary refdata: explain_access gives exactly the
 * answer the detection engine gives, because it is the same code on the
 * same rows: the actors who made the accesses (their units decide the
 * unit assignments), the subjects' own rows, protection and cases, the
 * stated cases, and all assignments of those cases. An assignee outside
 * those actors is still told apart from them by name; no other actor's
 * row changes an explanation. */
#ifndef WACHTER_SCOPE_H
#define WACHTER_SCOPE_H
#include <stddef.h>

#include "enrich/refdata.h"
#include "store/store.h"
#include "util/werr.h"

/* Above this many subjects the whole reference data is loaded instead:
 * copying row by row stops paying off. */
enum { INV_SCOPE_MAX = 20000 };

/* What is to be explained: accesses by actors[0..na) to subjects[0..ns)
 * with stated cases cases[0..nc) ("" entries are skipped). Borrowed. */
typedef struct inv_scope {
    const char *const *subjects, *const *cases, *const *actors;
    size_t ns, nc, na;
} inv_scope;

/* Loads the reference data that explains the accesses of want. Returns 0,
 * or -1 with e set. *out is owned: refdata_free it. */
int inv_scope_load(store *s, const inv_scope *want, refdata **out, werr *e);
#endif
