#include "investigate/who.h"

int inv_who(store *s, const char *subject, int64_t from, int64_t to, inv_accesses *out,
            refdata **ref, werr *e)
{
    *ref = NULL;
    if (inv_accesses_of_subject(s, subject, from, to, out) < 0) {
        return werr_set(e, WERR_UNAVAILABLE, "cannot read accesses to %s: %s", subject,
                        store_errmsg(s));
    }
    return inv_accesses_explain(s, out, ref, e);
}
