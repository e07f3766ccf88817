#include "investigate/scope.h"

#include "store/store_scope.h"

int inv_scope_load(store *s, const inv_scope *want, refdata **out, werr *e)
{
    char err[512];
    if (want->ns > INV_SCOPE_MAX) {
        if (refdata_load(s, 0, out, err, sizeof err) < 0)
            return werr_set(e, WERR_UNAVAILABLE, "%s", err);
        return 0;
    }
    store_scope w = {want->subjects, want->cases, want->actors, want->ns, want->nc, want->na};
    store *d;
    if (store_scope_open(s, &w, &d, e) < 0) return -1;
    int rc = refdata_load(d, 0, out, err, sizeof err);
    if (rc < 0) werr_set(e, WERR_UNAVAILABLE, "%s", err);
    store_close(d);
    return rc;
}
