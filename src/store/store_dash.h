/* store_dash — what the dashboard and the monthly management summary
 * count (ops/ops_dashboard.h): alerts per day and rule, the open queue's
 * ages, dispositions per rule, units by the score of their staff's
 * alerts, dossiers opened and closed, the times alerts took to close,
 * unmaskings, and the ingest's state. Times are epoch ms; from..to is
 * inclusive. */
#ifndef WACHTER_STORE_DASH_H
#define WACHTER_STORE_DASH_H
#include <stdint.h>

#include "store/store.h"

/* Alerts per UTC day (days since 1970) and rule, from..to. */
typedef int (*store_dash_day_fn)(int64_t day, const char *rule, int64_t n, void *ctx);
int store_dash_per_day(store *s, int64_t from, int64_t to, store_dash_day_fn fn, void *ctx);

/* The times of the open alerts (not closed, not suppressed at now),
 * oldest first: fn per alert's time. */
typedef int (*store_dash_ts_fn)(int64_t ts, void *ctx);
int store_dash_open(store *s, int64_t now, store_dash_ts_fn fn, void *ctx);

/* Per rule, the alerts from..to: how many, open, and each disposition. */
typedef struct store_dash_rule {
    const char *rule;
    int64_t alerts, open, confirmed, benign, false_positive, duplicate;
} store_dash_rule;
typedef int (*store_dash_rule_fn)(const store_dash_rule *r, void *ctx);
int store_dash_rules(store *s, int64_t from, int64_t to, store_dash_rule_fn fn, void *ctx);

/* The units (of the staff register; "" unknown) whose staff's alerts
 * from..to (not closed as benign, false positive or duplicate) weigh
 * most: the sum of their scores and how many people, at most limit. */
typedef int (*store_dash_unit_fn)(const char *unit, double risk, int64_t people, void *ctx);
int store_dash_units(store *s, int64_t from, int64_t to, int limit, store_dash_unit_fn fn,
                     void *ctx);

/* Counts: dossiers opened and closed from..to; alerts closed from..to
 * by hand and the median time they took from the alert to closing (ms, 0
 * when none); unmasking requests asked from..to and those approved. */
typedef struct store_dash_counts {
    int64_t dossiers_opened, dossiers_closed, alerts_closed, median_close_ms;
    int64_t unmask_asked, unmask_approved, unmask_refused;
} store_dash_counts;
int store_dash_counts_of(store *s, int64_t from, int64_t to, store_dash_counts *out);

/* The ingest: events stored, the newest event's time, events stored with
 * a time in the hour before now, quarantined lines. */
typedef struct store_dash_ingest {
    int64_t events, last_event, last_hour, quarantined;
} store_dash_ingest;
int store_dash_ingest_of(store *s, int64_t now, store_dash_ingest *out);
#endif
