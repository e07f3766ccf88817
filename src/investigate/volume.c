#include "investigate/volume.h"

#include <stdlib.h>
#include <string.h>

#include "normalise/ts.h"
#include "store/store_tally.h"
#include "store/store_volume.h"

static int32_t day_of(int64_t ms)
{
    return (int32_t)(ms / TS_DAY_MS);
}

int inv_days_of_incidents(const inv_incidents *inc, int64_t lookback, inv_days *out)
{
    memset(out, 0, sizeof *out);
    if (inc->n == 0) return 0;
    int32_t lo = INT32_MAX, hi = INT32_MIN;
    for (size_t j = 0; j < inc->n; j++) {
        int32_t a = day_of(inc->v[j].ts - lookback), b = day_of(inc->v[j].ts - 1);
        if (a < lo) lo = a;
        if (b > hi) hi = b;
    }
    out->first = lo;
    out->n = (size_t)(hi - lo + 1);
    if (!(out->w = calloc(out->n, sizeof *out->w))) return -1;
    for (size_t j = 0; j < inc->n; j++)
        for (int32_t d = day_of(inc->v[j].ts - lookback); d <= day_of(inc->v[j].ts - 1); d++)
            out->w[d - lo]++;
    return 0;
}

int inv_days_span(int64_t from, int64_t to, inv_days *out)
{
    memset(out, 0, sizeof *out);
    if (to < from) return 0;
    out->first = day_of(from);
    out->n = (size_t)(day_of(to) - out->first + 1);
    if (!(out->w = malloc(out->n * sizeof *out->w))) return -1;
    for (size_t i = 0; i < out->n; i++)
        out->w[i] = 1;
    return 0;
}

void inv_days_free(inv_days *d)
{
    free(d->w);
    memset(d, 0, sizeof *d);
}

typedef struct volume {
    const inv_days *d;
    double weighted;
    int64_t lookups;
} volume;

static int add_day(int64_t day, int64_t n, void *ctx)
{
    volume *v = ctx;
    uint32_t w = v->d->w[day - v->d->first];
    v->weighted += (double)n * w;
    if (w) v->lookups += n;
    return 0;
}

int inv_actor_volume(store *s, const char *actor, const inv_days *d, double *weighted,
                     int64_t *lookups)
{
    *weighted = 0;
    *lookups = 0;
    if (d->n == 0) return 0;
    volume v = {d, 0, 0};
    if (store_actor_days(s, actor, d->first, d->first + (int64_t)d->n - 1, add_day, &v) != 0)
        return -1;
    *weighted = v.weighted;
    *lookups = v.lookups;
    return 0;
}

/* The first day >= from with weight > 0, or INT32_MAX when there is none. */
static int32_t next_weighted(const inv_days *d, int64_t from)
{
    for (int64_t i = from - d->first < 0 ? 0 : from - d->first; i < (int64_t)d->n; i++)
        if (d->w[i]) return d->first + (int32_t)i;
    return INT32_MAX;
}

/* 1 when actor has a tally row on a weighted day, 0 when not, -1 on error.
 * Each seek lands on the actor's next active day; from there the next
 * weighted day is sought, so a check costs a few seeks, not a scan. */
static int active(store *s, const char *actor, const inv_days *d)
{
    int64_t last = d->first + (int64_t)d->n - 1;
    for (int32_t day = next_weighted(d, d->first); day != INT32_MAX;) {
        int64_t seen;
        int found = store_actor_next_day(s, actor, day, last, &seen);
        if (found <= 0) return found;
        if (d->w[seen - d->first]) return 1;
        day = next_weighted(d, seen);
    }
    return 0;
}

typedef struct active_ctx {
    store *s;
    const inv_days *d;
    int (*fn)(const char *actor, void *ctx);
    void *ctx;
} active_ctx;

static int if_active(const char *actor, void *ctx)
{
    const active_ctx *a = ctx;
    int on = active(a->s, actor, a->d);
    if (on < 0) return -1;
    return on ? a->fn(actor, a->ctx) : 0;
}

int inv_each_active_actor(store *s, const inv_days *d, int (*fn)(const char *actor, void *ctx),
                          void *ctx)
{
    if (d->n == 0) return 0;
    active_ctx a = {s, d, fn, ctx};
    return store_each_tally_actor(s, if_active, &a);
}

int inv_population(store *s, int64_t *n)
{
    int64_t ev, ref;
    if (store_tally_subjects(s, &ev, &ref) < 0) return -1;
    *n = ev > ref ? ev : ref;
    if (*n < 1) *n = 1;
    return 0;
}
