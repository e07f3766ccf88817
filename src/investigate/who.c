#include "investigate/who.h"

#include <stdio.h>

int inv_who(store *s, const char *subject, int64_t from, int64_t to, inv_accesses *out,
            refdata **ref, char *err, size_t errlen)
{
    *ref = NULL;
    if (inv_accesses_of_subject(s, subject, from, to, out) < 0) {
        snprintf(err, errlen, "cannot read accesses to %s: %s", subject, store_errmsg(s));
        return -1;
    }
    return inv_accesses_explain(s, out, ref, err, errlen);
}
