/* lookups — the look-ups of incident subjects inside each incident's
 * look-back window [ts - lookback, ts), read through the subject's
 * postings, one range per incident, and explained. */
#ifndef WACHTER_LOOKUPS_H
#define WACHTER_LOOKUPS_H
#include "investigate/access.h"
#include "investigate/incident.h"

typedef struct inv_lookups {
    inv_accesses acc;   /* grouped by incident, oldest first within one */
    uint32_t *incident; /* acc.v[i] looked up the subject of incident[i] */
    refdata *ref;       /* what explained acc */
} inv_lookups;

/* Fills out (zero-initialised) for the incidents in inc (borrowed).
 * Returns 0, or -1 with e set; free with inv_lookups_free either way. */
int inv_lookups_find(store *s, const inv_incidents *inc, int64_t lookback, inv_lookups *out,
                     werr *e);
void inv_lookups_free(inv_lookups *l);
#endif
