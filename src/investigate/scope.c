#include "investigate/scope.h"

#include "store/store_scope.h"

int inv_scope_load(store *s, const inv_scope *want, refdata **out, werr *e)
{
    if (want->ns > INV_SCOPE_MAX) return refdata_load(s, 0, out, e);
    store_scope w = {want->subjects, want->cases, want->actors, want->ns, want->nc, want->na};
    store *d;
    if (store_scope_open(s, &w, &d, e) < 0) return -1;
    int rc = refdata_load(d, 0, out, e);
    store_scope_close(s, d);
    return rc;
}
