#include "ops/ops_dashboard.h"

#include <stdio.h>
#include <string.h>

#include "normalise/ts.h"
#include "store/store_events.h"

const char *ops_age_name(int bucket)
{
    static const char *const names[OPS_AGES] = {"<1d", "1-7d", "7-30d", ">30d"};
    return bucket >= 0 && bucket < OPS_AGES ? names[bucket] : "";
}

typedef struct ages {
    ops_dash_queue q;
    int64_t now;
} ages;

static int age(int64_t ts, void *ctx)
{
    ages *a = ctx;
    int64_t d = (a->now - ts) / TS_DAY_MS;
    if (a->q.open++ == 0) a->q.oldest_days = d < 0 ? 0 : d;
    a->q.ages[d < 1    ? OPS_AGE_DAY
              : d < 7  ? OPS_AGE_WEEK
              : d < 30 ? OPS_AGE_MONTH
                       : OPS_AGE_OLDER]++;
    return 0;
}

static int failed(store *s, werr *e)
{
    return werr_set(e, WERR_UNAVAILABLE, "cannot read the store: %s", store_errmsg(s));
}

int ops_dashboard(store *s, int64_t now, int days, const ops_dashboard_fns *fns, void *ctx, werr *e)
{
    if (days < 1 || days > OPS_DASH_DAYS_MAX)
        return werr_set(e, WERR_INPUT, "days is from 1 to %d, not %d", OPS_DASH_DAYS_MAX, days);
    /* The days end at the newest look-up when the log stops before now (a
     * log read in afterwards, the demo), else now: from the start of the
     * first of them (UTC). The queue's ages are counted from now. */
    int64_t end = now;
    if (store_newest_event(s, &end) < 0) return failed(s, e);
    if (end <= 0 || end > now) end = now;
    int64_t from = (end / TS_DAY_MS - (days - 1)) * TS_DAY_MS;
    int rc = 0;
    if (fns->per_day) rc = store_dash_per_day(s, from, end, fns->per_day, ctx);
    if (rc == 0 && fns->queue) {
        ages a = {.now = now};
        rc = store_dash_open(s, now, age, &a);
        if (rc == 0) rc = fns->queue(&a.q, ctx);
    }
    if (rc == 0 && fns->rule) rc = store_dash_rules(s, from, end, fns->rule, ctx);
    if (rc == 0 && fns->unit) rc = store_dash_units(s, from, end, OPS_DASH_UNITS, fns->unit, ctx);
    if (rc == 0 && fns->ingest) {
        store_dash_ingest in;
        rc = store_dash_ingest_of(s, now, &in);
        if (rc == 0) rc = fns->ingest(&in, now, ctx);
    }
    if (rc == 0 && fns->function) rc = store_fn_dash(s, from, now, fns->function, ctx);
    if (rc < 0) failed(s, e);
    return rc;
}

int ops_summary(store *s, const char *month, const ops_summary_fns *fns, void *ctx, werr *e)
{
    int y = 0, m = 0;
    char end;
    if (!month || strlen(month) != 7 || sscanf(month, "%4d-%2d%c", &y, &m, &end) != 2 || y < 1970 ||
        y > 2100 || m < 1 || m > 12)
        return werr_set(e, WERR_INPUT, "'%.20s' is not a month: YYYY-MM, e.g. 2026-03",
                        month ? month : "");
    int64_t from = ts_days_from_civil(y, (unsigned)m, 1) * TS_DAY_MS,
            to = ts_days_from_civil(m == 12 ? y + 1 : y, m == 12 ? 1u : (unsigned)m + 1, 1) *
                     TS_DAY_MS -
                 1;
    int rc = fns->month ? fns->month(month, from, to, ctx) : 0;
    if (rc == 0 && fns->rule) rc = store_dash_rules(s, from, to, fns->rule, ctx);
    if (rc == 0 && fns->counts) {
        store_dash_counts c;
        rc = store_dash_counts_of(s, from, to, &c);
        if (rc == 0) rc = fns->counts(&c, ctx);
    }
    if (rc == 0 && fns->unit) rc = store_dash_units(s, from, to, OPS_DASH_UNITS, fns->unit, ctx);
    if (rc < 0) failed(s, e);
    return rc;
}
