/* who — the subject access report: every access to one subject, oldest
 * first, each explained by a case or marked unexplained with the reason. */
#ifndef WACHTER_WHO_H
#define WACHTER_WHO_H
#include "investigate/access.h"

/* Fills out (zero-initialised by the caller) with the accesses to subject
 * with from <= ts <= to, explained; *ref receives the reference data used
 * (owned: refdata_free it; inv_explain_words needs it). Returns 0, or -1
 * with e set. */
int inv_who(store *s, const char *subject, int64_t from, int64_t to, inv_accesses *out,
            refdata **ref, werr *e);
#endif
