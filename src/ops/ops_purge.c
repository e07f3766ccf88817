#include "ops/ops_purge.h"

#include "normalise/ts.h"
#include "ops/ops_audit.h"
#include "store/store_lock.h"

int ops_purge(store *s, int dry_run, int64_t now, ops_purge_result *out, werr *e)
{
    *out = (ops_purge_result){.dry_run = dry_run, .now = now ? now : ts_now_ms()};
    if (store_writer_begin(s, dry_run ? "purge --dry-run" : "purge", e) < 0) return -1;
    int rc = ops_retention_get(s, &out->policy, e);
    if (rc == 0) {
        int64_t cut[OPS_KINDS];
        for (int k = 0; k < OPS_KINDS; k++)
            cut[k] = out->cut[k] = out->policy.days[k] > 0
                                       ? out->now - out->policy.days[k] * TS_DAY_MS
                                       : STORE_PURGE_KEEP;
        store_purge_cut c = {.events = cut[OPS_KIND_EVENTS],
                             .quarantine = cut[OPS_KIND_QUARANTINE],
                             .alerts = cut[OPS_KIND_ALERTS],
                             .cases = cut[OPS_KIND_CASES],
                             .now = out->now};
        store_purge_counts n = {0};
        rc = store_purge(s, &c, dry_run, &n, e);
        out->deleted[OPS_KIND_EVENTS] = n.events;
        out->held[OPS_KIND_EVENTS] = n.events_held;
        out->deleted[OPS_KIND_QUARANTINE] = n.quarantine;
        out->deleted[OPS_KIND_ALERTS] = n.alerts;
        out->held[OPS_KIND_ALERTS] = n.alerts_held;
        out->deleted[OPS_KIND_CASES] = n.cases;
        out->held[OPS_KIND_CASES] = n.cases_held;
        if (rc == 0 && cut[OPS_KIND_AUDIT] != STORE_PURGE_KEEP)
            rc = ops_audit_purge(s, cut[OPS_KIND_AUDIT], dry_run, &out->deleted[OPS_KIND_AUDIT], e);
    }
    store_writer_end(s);
    return rc;
}
