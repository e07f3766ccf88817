#include "investigate/lookups.h"

#include <stdlib.h>
#include <string.h>

/* Tags the accesses from index first on with incident j. 0 or -1. */
static int tag(inv_lookups *l, size_t first, uint32_t j)
{
    uint32_t *v = realloc(l->incident, (l->acc.n ? l->acc.n : 1) * sizeof *v);
    if (!v) return -1;
    l->incident = v;
    for (size_t i = first; i < l->acc.n; i++)
        v[i] = j;
    return 0;
}

int inv_lookups_find(store *s, const inv_incidents *inc, int64_t lookback, inv_lookups *out,
                     werr *e)
{
    for (size_t j = 0; j < inc->n; j++) {
        const inv_incident *x = &inc->v[j];
        size_t first = out->acc.n;
        if (inv_accesses_of_subject(s, x->subject, x->ts - lookback, x->ts - 1, &out->acc) < 0) {
            return werr_set(e, WERR_UNAVAILABLE, "cannot read look-ups of %s: %s", x->subject,
                            store_errmsg(s));
        }
        if (tag(out, first, (uint32_t)j) < 0) {
            return werr_set(e, WERR_INTERNAL, "out of memory");
        }
    }
    return inv_accesses_explain(s, &out->acc, &out->ref, e);
}

void inv_lookups_free(inv_lookups *l)
{
    inv_accesses_free(&l->acc);
    free(l->incident);
    refdata_free(l->ref);
    memset(l, 0, sizeof *l);
}
