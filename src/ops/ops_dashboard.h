/* ops_dashboard — the dashboard (the last days: alerts per day by rule,
 * the open queue and its age, dispositions per rule, the units whose
 * staff's alerts weigh most, the ingest's state, risk by function) and the monthly
 * management summary (alerts by rule and outcome, dossiers opened and
 * closed, the median time to close an alert, top units, unmaskings). */
#ifndef WACHTER_OPS_DASHBOARD_H
#define WACHTER_OPS_DASHBOARD_H
#include <stdint.h>

#include "store/store_dash.h"
#include "store/store_functions.h"

/* The most days the dashboard looks back, and how many units it names. */
enum { OPS_DASH_DAYS_MAX = 366, OPS_DASH_UNITS = 10 };

/* The open queue: how many, the oldest one's age in whole days, and how
 * many are younger than a day, 1-7 days, 7-30 days, older. */
enum { OPS_AGE_DAY, OPS_AGE_WEEK, OPS_AGE_MONTH, OPS_AGE_OLDER, OPS_AGES };
typedef struct ops_dash_queue {
    int64_t open, oldest_days, ages[OPS_AGES];
} ops_dash_queue;
/* The bucket's name: "<1d", "1-7d", "7-30d", ">30d". */
const char *ops_age_name(int bucket);

/* Each part to its function (any may be NULL), in this order. */
typedef struct ops_dashboard_fns {
    store_dash_day_fn per_day;
    int (*queue)(const ops_dash_queue *q, void *ctx);
    store_dash_rule_fn rule;
    store_dash_unit_fn unit;
    int (*ingest)(const store_dash_ingest *i, int64_t now, void *ctx);
    /* risk by function: each analysed function's band, its staff now and
     * their alerts in the days (store_functions.h) */
    store_fn_dash_fn function;
} ops_dashboard_fns;
/* The dashboard of the days (1..OPS_DASH_DAYS_MAX) up to now, or up to the
 * newest look-up where the log stops before now; the queue aged from now.
 * WERR_INPUT for days out of range. 0, a function's non-zero, or -1. */
int ops_dashboard(store *s, int64_t now, int days, const ops_dashboard_fns *fns, void *ctx,
                  werr *e);

typedef struct ops_summary_fns {
    int (*month)(const char *month, int64_t from, int64_t to, void *ctx);
    store_dash_rule_fn rule;
    int (*counts)(const store_dash_counts *c, void *ctx);
    store_dash_unit_fn unit;
} ops_summary_fns;
/* The management summary of month ("YYYY-MM", UTC). WERR_INPUT for a
 * month that is not one. 0, a function's non-zero, or -1. */
int ops_summary(store *s, const char *month, const ops_summary_fns *fns, void *ctx, werr *e);
#endif
