#include "ops/ops_converge.h"

#include "normalise/ts.h"
#include "store/store_events.h"

int ops_converge(store *s, inv_conv_opts *o, inv_convergence *out, werr *e)
{
    if (o->to == INT64_MAX && store_newest_event(s, &o->to) < 0)
        return werr_set(e, WERR_UNAVAILABLE, "%s", store_errmsg(s));
    if (o->from < 0) {
        int64_t back = OPS_CONVERGE_DAYS * TS_DAY_MS;
        o->from = o->to - back > 0 ? o->to - back : 0;
    }
    return inv_converge(s, o, out, e);
}
