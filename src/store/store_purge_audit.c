/* store_purge_audit — the audit trail's part of a purge: a hook the
 * integrator of issue 34 wires to the audit trail's table (store_purge.h).
 * The audit trail is another part of that issue; this one only keeps its
 * place, so that the retention policy's "audit" kind is applied the day
 * the trail is there. */
#include "store/store_purge.h"

int store_purge_audit(store *s, int64_t cut, int64_t *deleted)
{
    (void)s;
    (void)cut;
    *deleted = 0;
    return 0;
}
