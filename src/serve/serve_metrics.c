#include "serve/serve_metrics.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

struct serve_metrics {
    pthread_mutex_t mu; /* the threads take turns: a few additions a request */
    emit_http_stats s;
};

serve_metrics *serve_metrics_new(void)
{
    serve_metrics *m = calloc(1, sizeof *m);
    if (m) pthread_mutex_init(&m->mu, NULL);
    return m;
}

void serve_metrics_free(serve_metrics *m)
{
    if (!m) return;
    pthread_mutex_destroy(&m->mu);
    free(m);
}

/* The route's entry (a new one while there is room, else "other"). */
static emit_http_route *route_of(emit_http_stats *s, const char *route)
{
    for (size_t i = 0; i < s->nroutes; i++)
        if (s->routes[i].route == route || strcmp(s->routes[i].route, route) == 0)
            return &s->routes[i];
    if (s->nroutes + 1 < EMIT_HTTP_ROUTES) {
        s->routes[s->nroutes].route = route;
        return &s->routes[s->nroutes++];
    }
    for (size_t i = 0; i < s->nroutes; i++)
        if (strcmp(s->routes[i].route, "other") == 0) return &s->routes[i];
    s->routes[s->nroutes].route = "other";
    return &s->routes[s->nroutes++];
}

void serve_metrics_note(serve_metrics *m, const char *route, int status, int64_t ms)
{
    if (!m) return;
    double sec = (double)ms / 1000;
    int b = 0;
    while (b < EMIT_HTTP_BUCKETS && sec > emit_http_bounds[b])
        b++;
    pthread_mutex_lock(&m->mu);
    emit_http_route *r = route_of(&m->s, route ? route : "-");
    r->count++;
    r->bucket[b]++;
    r->sum += sec;
    if (status >= 0 && status < EMIT_HTTP_CODES) m->s.by_code[status]++;
    pthread_mutex_unlock(&m->mu);
}

void serve_metrics_get(serve_metrics *m, emit_http_stats *out)
{
    pthread_mutex_lock(&m->mu);
    *out = m->s;
    pthread_mutex_unlock(&m->mu);
}
