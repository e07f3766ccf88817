/* serve_metrics — the server's own counts for `/metrics`: responses by
 * status code and the time each route pattern took (a histogram), and the
 * `/metrics` answer itself, which adds the store's counters
 * (store/store_metrics.h) and is given only to a scraper with the bearer
 * token of --metrics-token-file, or without one only to loopback clients. */
#ifndef WACHTER_SERVE_METRICS_H
#define WACHTER_SERVE_METRICS_H
#include <stdint.h>

#include "emit/emit_metrics.h"

typedef struct serve_metrics serve_metrics;

/* Returns an owned, empty set of counts, or NULL (out of memory). */
serve_metrics *serve_metrics_new(void);
void serve_metrics_free(serve_metrics *m);
/* Counts one response: route a pattern with static storage (never a
 * path), status, how long it took. Any thread. */
void serve_metrics_note(serve_metrics *m, const char *route, int status, int64_t ms);
/* Copies the counts so far into *out. Any thread. */
void serve_metrics_get(serve_metrics *m, emit_http_stats *out);
#endif
