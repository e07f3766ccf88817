/* ops_privacy — the privacy report, for the privacy officer's DPIA: what
 * the store holds and for how long (the retention policy and the oldest
 * record of each kind), the event fields dropped at ingest, who has which
 * role, the unmaskings asked for in a period and what became of them, and
 * whether the audit trail verifies. */
#ifndef WACHTER_OPS_PRIVACY_H
#define WACHTER_OPS_PRIVACY_H
#include <stdint.h>

#include "ops/ops_audit.h"
#include "ops/ops_retention.h"
#include "store/store.h"
#include "util/werr.h"

enum { OPS_PRIVACY_ROLES = 8, OPS_PRIVACY_OTHER = 12 };

/* Records about staff that no retention kind covers (store_privacy.h). */
typedef struct ops_privacy_other {
    const char *what, *kept; /* static strings */
    int64_t n, oldest;
} ops_privacy_other;

typedef struct ops_privacy_role {
    char role[32];
    int64_t n, disabled;
} ops_privacy_role;

typedef struct ops_privacy {
    int64_t from, to, now; /* the period of the unmaskings (epoch ms); when made */
    /* Per kind (ops_retention.h's): records held, the oldest's time (0:
     * none), and the retention (days, 0: for ever) set at set_at. The
     * audit trail's count is its entries, its oldest the first entry's. */
    int64_t held[OPS_KINDS], oldest[OPS_KINDS];
    ops_retention policy;
    unsigned dropped; /* normalise/minimise.h's mask */
    ops_privacy_other other[OPS_PRIVACY_OTHER];
    int nother;
    ops_privacy_role roles[OPS_PRIVACY_ROLES];
    int nroles;
    /* Unmaskings asked for within the period, by what became of them. */
    int64_t asked, approved, refused, expired, pending;
    ops_audit_check audit; /* the trail verified, as `audit verify` */
} ops_privacy;

/* Gathers the report as of now (epoch ms), the unmaskings asked within
 * [from, to]. Reads every table once. 0, or -1 with e. */
int ops_privacy_report(store *s, int64_t from, int64_t to, int64_t now, ops_privacy *out, werr *e);
#endif
