#include "ops/ops_incident.h"

#include <stdio.h>

#include "ops/ops_rules.h"
#include "store/store_lock.h"

int ops_incident_add(store *s, const inv_incident *x, int64_t *lookback, inv_raised *out, werr *e)
{
    if (*lookback <= 0 && ops_rules_incident_lookback(s, lookback, e) < 0) return -1;
    char what[300];
    snprintf(what, sizeof what, "incident add --id %s", x->id);
    if (store_writer_begin(s, what, e) < 0) return -1;
    if (inv_incident_put(s, x, e) < 0) {
        store_writer_end(s);
        return -1;
    }
    inv_incidents one = {0};
    int rc = inv_incidents_add(&one, x);
    if (rc < 0)
        werr_set(e, WERR_INTERNAL, "out of memory");
    else
        rc = inv_incident_alerts(s, &one, *lookback, out, e);
    inv_incidents_free(&one);
    store_writer_end(s);
    return rc;
}
