/* scope — reference data for a few subjects, so that an investigation of
 * one person or one employee does not load every case of the organisation.
 * The result is an ordinary refdata: explain_access gives exactly the
 * answer the detection engine gives, because it is the same code on the
 * same rows (every actor; the subjects' own rows, protection and cases; the
 * stated cases; and all assignments of those cases). */
#ifndef WACHTER_SCOPE_H
#define WACHTER_SCOPE_H
#include <stddef.h>

#include "enrich/refdata.h"
#include "store/store.h"

/* Above this many subjects the whole reference data is loaded instead:
 * copying row by row stops paying off. */
enum { INV_SCOPE_MAX = 20000 };

/* Loads the reference data that explains accesses to subjects[0..ns)
 * (borrowed) with stated cases cases[0..nc) (borrowed; "" entries are
 * skipped). Returns 0, or -1 with a message in err. *out is owned:
 * refdata_free it. */
int inv_scope_load(store *s, const char *const *subjects, size_t ns, const char *const *cases,
                   size_t nc, refdata **out, char *err, size_t errlen);
#endif
