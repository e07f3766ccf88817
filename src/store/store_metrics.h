/* store_metrics — the store's counters for `/metrics` (README "Operating
 * wachter"): events ingested and lines quarantined (kept in table meta,
 * added to by each ingest's commits, so that a scrape never counts the
 * events), the time of the newest event and of the last ingest commit,
 * and alerts by rule and by status. */
#ifndef WACHTER_STORE_METRICS_H
#define WACHTER_STORE_METRICS_H
#include <stdint.h>

#include "store/store.h"

/* Inside an ingest's transaction: adds events newly stored and lines
 * newly quarantined from a source of kind ("json", "csv", "syslog"), and
 * notes now_ms as the last commit. The first time on a store, the events
 * count starts from the events it holds. 0 or -1. */
int store_metrics_add(store *s, int64_t events, int64_t quarantined, const char *kind,
                      int64_t now_ms);

typedef struct store_metric_row {
    char name[48]; /* a rule, a status, or a source kind */
    int64_t n;
} store_metric_row;

enum { STORE_METRIC_ROWS = 64 };

typedef struct store_metrics {
    int64_t events;      /* ingested, ever (-1: not counted yet on this store) */
    int64_t newest_ts;   /* the newest event's time, ms (-1: none) */
    int64_t last_commit; /* the last ingest commit, ms (-1: none) */
    store_metric_row quarantined[8];
    int nquarantined;
    store_metric_row by_rule[STORE_METRIC_ROWS];
    int nrules;
    store_metric_row by_status[16];
    int nstatus;
} store_metrics;

/* Reads the counters into *m: a few index look-ups, however many events.
 * 0 or -1 with e. */
int store_metrics_read(store *s, store_metrics *m, werr *e);
#endif
