#include "emit/emit_metrics.h"

#include <string.h>

const double emit_http_bounds[EMIT_HTTP_BUCKETS] = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25,
                                                    0.5,   1,    2.5,   5,    10};

int emit_metrics_label(buf *b, const char *s)
{
    for (; *s; s++) {
        int rc = *s == '\\'   ? buf_puts(b, "\\\\")
                 : *s == '"'  ? buf_puts(b, "\\\"")
                 : *s == '\n' ? buf_puts(b, "\\n")
                              : buf_put(b, s, 1);
        if (rc < 0) return -1;
    }
    return 0;
}

/* A route's label: API patterns are kept without their /api/v1/. */
static int route_label(buf *b, const char *route)
{
    if (route[0] != '/' && strcmp(route, "other") != 0 && strcmp(route, "-") != 0 &&
        buf_puts(b, "/api/v1/") < 0)
        return -1;
    return emit_metrics_label(b, route);
}

static int head(buf *b, const char *name, const char *type, const char *help)
{
    return buf_printf(b, "# HELP %s %s\n# TYPE %s %s\n", name, help, name, type);
}

/* name{label="value"} n, for each row. */
static int labelled(buf *b, const char *name, const char *label, const store_metric_row *rows,
                    int n)
{
    for (int i = 0; i < n; i++)
        if (buf_printf(b, "%s{%s=\"", name, label) < 0 || emit_metrics_label(b, rows[i].name) < 0 ||
            buf_printf(b, "\"} %lld\n", (long long)rows[i].n) < 0)
            return -1;
    return 0;
}

static int store_part(buf *b, const store_metrics *m, int64_t now_ms)
{
    if (head(b, "wachter_events_ingested_total", "counter",
             "Events ingested and stored (duplicates not counted).") < 0 ||
        buf_printf(b, "wachter_events_ingested_total %lld\n",
                   (long long)(m->events < 0 ? 0 : m->events)) < 0 ||
        head(b, "wachter_lines_quarantined_total", "counter",
             "Lines (CSV records) put in quarantine by ingest, by source kind.") < 0 ||
        labelled(b, "wachter_lines_quarantined_total", "source", m->quarantined, m->nquarantined) <
            0 ||
        head(b, "wachter_alerts", "gauge", "Alerts in the store, by rule.") < 0 ||
        labelled(b, "wachter_alerts", "rule", m->by_rule, m->nrules) < 0 ||
        head(b, "wachter_alerts_by_status", "gauge",
             "Alerts in the store, by status (all but closed are open).") < 0 ||
        labelled(b, "wachter_alerts_by_status", "status", m->by_status, m->nstatus) < 0)
        return -1;
    if (m->newest_ts >= 0 && (head(b, "wachter_newest_event_timestamp_seconds", "gauge",
                                   "Time of the newest stored event (Unix seconds).") < 0 ||
                              buf_printf(b, "wachter_newest_event_timestamp_seconds %.3f\n",
                                         (double)m->newest_ts / 1000) < 0 ||
                              head(b, "wachter_ingest_lag_seconds", "gauge",
                                   "Seconds from the newest stored event's time to now.") < 0 ||
                              buf_printf(b, "wachter_ingest_lag_seconds %.3f\n",
                                         (double)(now_ms - m->newest_ts) / 1000) < 0))
        return -1;
    if (m->last_commit >= 0 && (head(b, "wachter_last_ingest_commit_timestamp_seconds", "gauge",
                                     "When an ingest last committed events (Unix seconds).") < 0 ||
                                buf_printf(b, "wachter_last_ingest_commit_timestamp_seconds %.3f\n",
                                           (double)m->last_commit / 1000) < 0))
        return -1;
    return 0;
}

static int http_part(buf *b, const emit_http_stats *h)
{
    if (head(b, "wachter_http_requests_total", "counter",
             "HTTP responses of the server, by status code.") < 0)
        return -1;
    for (int c = 0; c < EMIT_HTTP_CODES; c++)
        if (h->by_code[c] && buf_printf(b, "wachter_http_requests_total{code=\"%d\"} %llu\n", c,
                                        (unsigned long long)h->by_code[c]) < 0)
            return -1;
    if (head(b, "wachter_http_request_duration_seconds", "histogram",
             "Time to answer a request, by route pattern.") < 0)
        return -1;
    for (size_t r = 0; r < h->nroutes; r++) {
        const emit_http_route *x = &h->routes[r];
        uint64_t cum = 0;
        for (int i = 0; i <= EMIT_HTTP_BUCKETS; i++) {
            cum += x->bucket[i];
            if (buf_puts(b, "wachter_http_request_duration_seconds_bucket{route=\"") < 0 ||
                route_label(b, x->route) < 0)
                return -1;
            int rc = i < EMIT_HTTP_BUCKETS
                         ? buf_printf(b, "\",le=\"%g\"} %llu\n", emit_http_bounds[i],
                                      (unsigned long long)cum)
                         : buf_printf(b, "\",le=\"+Inf\"} %llu\n", (unsigned long long)cum);
            if (rc < 0) return -1;
        }
        static const char *const tail[] = {"sum", "count"};
        for (int k = 0; k < 2; k++) {
            if (buf_printf(b, "wachter_http_request_duration_seconds_%s{route=\"", tail[k]) < 0 ||
                route_label(b, x->route) < 0)
                return -1;
            int rc = k == 0 ? buf_printf(b, "\"} %.6f\n", x->sum)
                            : buf_printf(b, "\"} %llu\n", (unsigned long long)x->count);
            if (rc < 0) return -1;
        }
    }
    return 0;
}

int emit_metrics(buf *b, const store_metrics *m, const emit_http_stats *h, int64_t now_ms)
{
    return store_part(b, m, now_ms) < 0 || http_part(b, h) < 0 ? -1 : 0;
}
