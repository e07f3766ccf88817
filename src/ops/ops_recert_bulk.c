/* ops_recert's bulk decisions (ops/ops_recert.h: ops_recert_bulk). */
#include "ops/ops_recert.h"
#include "ops/ops_recert_int.h"

#include <stdio.h>
#include <string.h>

#include "normalise/ts.h"
#include "ops/ops_audit.h"
#include "util/buf.h"

/* Whether item it is chosen by b at now; its decision into *d. */
static int chosen(const ops_recert_bulk_spec *b, const store_recert_item *it, int64_t now,
                  const char **d)
{
    if (b->n) {
        for (size_t i = 0; i < b->n; i++)
            if (b->items[i] == it->id) return *d = ops_recert_decision_of(b->decision), 1;
        return 0;
    }
    if (*it->decision) return 0; /* the criteria take undecided items only */
    if (b->unused_days) {
        *d = "revoke";
        return it->last_use == 0 || it->last_use < now - b->unused_days * TS_DAY_MS;
    }
    *d = "keep";
    return it->last_use != 0 && it->last_use >= now - b->used_days * TS_DAY_MS;
}

/* Checks b: one criterion, a decision and reason that fit it; the
 * reason to record into reason (size n). */
static int check_bulk(const ops_recert_bulk_spec *b, char *reason, size_t n, werr *e)
{
    int ways = (b->n > 0) + (b->unused_days > 0) + (b->used_days > 0);
    if (ways != 1)
        return werr_set(e, WERR_INPUT,
                        "a bulk decision takes one of: item ids with a decision, unused DAYS"
                        " (revoke) or used DAYS (keep)");
    long long days = b->unused_days ? b->unused_days : b->used_days;
    if (days > OPS_RECERT_DAYS_MAX)
        return werr_set(e, WERR_INPUT, "days is from 1 to %d, not %lld", OPS_RECERT_DAYS_MAX, days);
    const char *given = b->reason ? b->reason : "";
    if (b->n) {
        const char *d = NULL;
        if (ops_recert_check_decision(b->decision, given, &d, e) < 0) return -1;
        snprintf(reason, n, "%s", given);
        return 0;
    }
    if (ops_recert_text_ok("reason", given, OPS_RECERT_REASON_MAX, e) < 0) return -1;
    if (*given)
        snprintf(reason, n, "%s", given);
    else if (b->unused_days)
        snprintf(reason, n, "not used in %lld days", days);
    else
        snprintf(reason, n, "used in the last %lld days", days);
    return 0;
}

/* The audit entry of a bulk decision: its criteria and the count. */
static void audit_bulk(store *s, const ops_actor *who, int64_t id, const ops_recert_bulk_spec *b,
                       const char *reason, int64_t changed)
{
    buf p = {0};
    int rc = buf_printf(&p, "{\"campaign\":%lld,\"criteria\":", (long long)id);
    if (b->n) {
        rc |= buf_printf(&p, "{\"items\":[");
        for (size_t i = 0; i < b->n; i++)
            rc |= buf_printf(&p, "%s%lld", i ? "," : "", (long long)b->items[i]);
        rc |= buf_puts(&p, "],\"decision\":");
        rc |= buf_json_str(&p, ops_recert_decision_of(b->decision));
        rc |= buf_puts(&p, "}");
    } else {
        rc |= buf_printf(&p, "{\"%s\":%lld}", b->unused_days ? "unused_days" : "used_days",
                         b->unused_days ? b->unused_days : b->used_days);
    }
    rc |= buf_puts(&p, ",\"reason\":");
    rc |= buf_json_str(&p, reason);
    rc |= buf_printf(&p, ",\"count\":%lld}", (long long)changed);
    werr ae = {0};
    if (rc == 0) ops_audit(s, who->name, "recert bulk done", (const char *)p.data, &ae);
    buf_free(&p);
}

int ops_recert_bulk(store *s, const ops_actor *who, int64_t id, const ops_recert_bulk_spec *b,
                    int64_t now, int64_t *changed, werr *e)
{
    *changed = 0;
    char reason[OPS_RECERT_REASON_MAX + 1];
    store_recert_campaign *c;
    if (ops_recert_for_change(s, who, id, "recert bulk", &c, e) < 0) return -1;
    store_recert_campaigns_free(c, 1);
    if (check_bulk(b, reason, sizeof reason, e) < 0) return -1;
    store_recert_item *v;
    size_t n;
    if (ops_recert_items(s, id, 0, &v, &n, e) < 0) return -1;
    for (size_t i = 0; i < b->n; i++) {
        size_t j = 0;
        while (j < n && v[j].id != b->items[i])
            j++;
        if (j == n) {
            store_recert_items_free(v, n);
            return werr_set(e, WERR_NOT_FOUND, "no review item %lld in campaign %lld",
                            (long long)b->items[i], (long long)id);
        }
    }
    int rc = store_begin(s);
    for (size_t i = 0; rc == 0 && i < n; i++) {
        const char *d = NULL;
        if (!chosen(b, &v[i], now, &d)) continue;
        if (strcmp(v[i].decision, d) == 0 && strcmp(v[i].reason, reason) == 0) continue;
        rc = store_recert_decide(s, v[i].id, d, reason, who->name, now);
        ++*changed;
    }
    store_recert_items_free(v, n);
    if (rc < 0 || store_commit(s) < 0) {
        ops_recert_store_failed(s, e, "record the decisions");
        store_rollback(s);
        *changed = 0;
        return -1;
    }
    audit_bulk(s, who, id, b, reason, *changed);
    return 0;
}
