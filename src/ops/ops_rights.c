#include "ops/ops_rights.h"

#include <string.h>

#include "input/refload.h"
#include "normalise/ts.h"
#include "store/store_events.h"

static const char *const names[] = {
    [STORE_RIGHTS_LIST] = "list",           [STORE_RIGHTS_UNUSED] = "unused",
    [STORE_RIGHTS_LEAVERS] = "leavers",     [STORE_RIGHTS_MOVERS] = "movers",
    [STORE_RIGHTS_CONFLICTS] = "conflicts",
};

int ops_rights_kind(const char *name, store_rights_kind *k)
{
    for (size_t i = 0; name && i < sizeof names / sizeof *names; i++)
        if (strcmp(names[i], name) == 0) {
            *k = (store_rights_kind)i;
            return 0;
        }
    return -1;
}

const char *ops_rights_kind_name(store_rights_kind k)
{
    return (unsigned)k < sizeof names / sizeof *names ? names[k] : "";
}

/* The reference time: o->at, else the newest event's, else now. */
static int reference_time(store *s, const char *given, int64_t *at, werr *e)
{
    if (given && *given) {
        long long ms;
        /* a date is its whole day: the rights held at its end */
        if (refload_time(given, 1, &ms) != 1)
            return werr_set(e, WERR_INPUT,
                            "--at takes a time (2026-03-02, 2026-03-02T09:00:00Z or epoch ms), not"
                            " '%.40s'",
                            given);
        *at = ms;
        return 0;
    }
    if (store_newest_event(s, at) < 0)
        return werr_set(e, WERR_UNAVAILABLE, "cannot read the newest event's time");
    if (*at == 0) *at = ts_now_ms();
    return 0;
}

int ops_rights_report(store *s, const ops_rights_opts *o, ops_rights_result *out, werr *e)
{
    memset(out, 0, sizeof *out);
    long days = o->days ? o->days : OPS_RIGHTS_DAYS;
    if (days < 1 || days > OPS_RIGHTS_DAYS_MAX)
        return werr_set(e, WERR_INPUT, "days takes a whole number from 1 to %d, not %ld",
                        OPS_RIGHTS_DAYS_MAX, days);
    int64_t at;
    if (reference_time(s, o->at, &at, e) < 0) return -1;
    store_rights_query q = {o->kind,   at,      at - (int64_t)days * TS_DAY_MS,
                            o->system, o->unit, o->actor};
    out->kind = o->kind;
    out->at = at;
    out->days = days;
    return store_rights_report(s, &q, &out->rows, &out->n, e);
}

void ops_rights_free(ops_rights_result *r)
{
    store_rights_rows_free(r->rows, r->n);
    r->rows = NULL;
    r->n = 0;
}
