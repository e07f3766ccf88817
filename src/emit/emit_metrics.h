/* emit_metrics — `/metrics` in the Prometheus text exposition format
 * (version 0.0.4): # HELP and # TYPE before each metric, label values
 * escaped (\\, \", \n). README "Operating wachter" lists the metrics. */
#ifndef WACHTER_EMIT_METRICS_H
#define WACHTER_EMIT_METRICS_H
#include <stdint.h>

#include "store/store_metrics.h"
#include "util/buf.h"

/* The request latency histogram's upper bounds, seconds (+Inf after). */
#define EMIT_HTTP_BUCKETS 11
extern const double emit_http_bounds[EMIT_HTTP_BUCKETS];
enum { EMIT_HTTP_ROUTES = 96, EMIT_HTTP_CODES = 600 };

typedef struct emit_http_route {
    const char *route; /* a route pattern ("/api/v1/alerts/:id", "/static/..."), never a path */
    uint64_t count;
    uint64_t bucket[EMIT_HTTP_BUCKETS + 1]; /* requests in each bucket (not cumulative) */
    double sum;                             /* seconds */
} emit_http_route;

typedef struct emit_http_stats {
    size_t nroutes;
    emit_http_route routes[EMIT_HTTP_ROUTES];
    uint64_t by_code[EMIT_HTTP_CODES]; /* responses by status code */
} emit_http_stats;

/* Appends the escaped label value s (without quotes). 0 or -1. */
int emit_metrics_label(buf *b, const char *s);
/* The whole exposition: the store's counters m, the server's requests h,
 * now (ms) for the ages. 0 or -1 (out of memory). */
int emit_metrics(buf *b, const store_metrics *m, const emit_http_stats *h, int64_t now_ms);
#endif
