#include "ops/ops_quarantine.h"

int ops_quarantine_each(store *s, ops_quarantined_fn fn, void *ctx, werr *e)
{
    store_quarantine_cursor *c;
    if (store_quarantine_open(s, &c) < 0)
        return werr_set(e, WERR_UNAVAILABLE, "cannot read the quarantine: %s", store_errmsg(s));
    store_quarantined q;
    int rc = 0, step;
    while (rc == 0 && (step = store_quarantine_next(c, &q)) == 1)
        rc = fn(&q, ctx);
    if (rc == 0 && step < 0) {
        werr_set(e, WERR_UNAVAILABLE, "cannot read the quarantine: %s", store_errmsg(s));
        rc = -1;
    }
    store_quarantine_close(c);
    return rc;
}
