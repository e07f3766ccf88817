#include "ops/ops_privacy.h"

#include <stdio.h>
#include <string.h>

#include "ops/ops_unmask.h"
#include "store/store_privacy.h"

static int role_count(const char *role, int64_t n, int64_t disabled, void *ctx)
{
    ops_privacy *p = ctx;
    if (p->nroles == OPS_PRIVACY_ROLES) return 0;
    ops_privacy_role *r = &p->roles[p->nroles++];
    snprintf(r->role, sizeof r->role, "%s", role);
    r->n = n;
    r->disabled = disabled;
    return 0;
}

static int unmasking(const ops_unmask_row *r, void *ctx)
{
    ops_privacy *p = ctx;
    if (r->asked < p->from || r->asked > p->to) return 0;
    p->asked++;
    if (strcmp(r->status, "approved") == 0)
        p->approved++;
    else if (strcmp(r->status, "refused") == 0)
        p->refused++;
    else if (strcmp(r->status, "expired") == 0)
        p->expired++;
    else
        p->pending++;
    return 0;
}

static int other_held(const char *what, const char *kept, int64_t n, int64_t oldest, void *ctx)
{
    ops_privacy *p = ctx;
    if (p->nother == OPS_PRIVACY_OTHER) return 0;
    p->other[p->nother++] = (ops_privacy_other){what, kept, n, oldest};
    return 0;
}

/* The audit trail's first entry's time. */
static int first_entry(const store_audit_entry *a, void *ctx)
{
    *(int64_t *)ctx = a->at;
    return 1;
}

int ops_privacy_report(store *s, int64_t from, int64_t to, int64_t now, ops_privacy *out, werr *e)
{
    memset(out, 0, sizeof *out);
    out->from = from;
    out->to = to;
    out->now = now;
    for (int k = 0; k < OPS_KIND_AUDIT; k++)
        if (store_privacy_held(s, ops_kind_name((ops_kind)k), &out->held[k], &out->oldest[k]) < 0)
            return werr_set(e, WERR_UNAVAILABLE, "cannot count the %s: %s",
                            ops_kind_name((ops_kind)k), store_errmsg(s));
    if (store_privacy_other(s, other_held, out) < 0)
        return werr_set(e, WERR_UNAVAILABLE, "cannot count the records about staff: %s",
                        store_errmsg(s));
    if (ops_retention_get(s, &out->policy, e) < 0 || ops_minimise_get(s, &out->dropped, e) < 0)
        return -1;
    if (store_privacy_roles(s, role_count, out) < 0)
        return werr_set(e, WERR_UNAVAILABLE, "cannot read the accounts: %s", store_errmsg(s));
    if (ops_unmask_list(s, NULL, now, unmasking, out, e) < 0) return -1;
    if (ops_audit_verify(s, NULL, &out->audit, e) < 0) return -1;
    out->held[OPS_KIND_AUDIT] = out->audit.entries;
    int64_t first = 0;
    if (ops_audit_each(s, 0, INT64_MAX, NULL, first_entry, &first, e) < 0) return -1;
    out->oldest[OPS_KIND_AUDIT] = first;
    return 0;
}
