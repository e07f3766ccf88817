#include "investigate/volume.h"

#include <stdlib.h>
#include <string.h>

#include "normalise/ts.h"
#include "store/store_tally.h"

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

int inv_actor_volume(store *s, const char *actor, const inv_days *d, double *weighted,
                     int64_t *lookups)
{
    *weighted = 0;
    *lookups = 0;
    if (d->n == 0) return 0;
    sqlite3_stmt *st = store_stmt(s, "SELECT day, subjects FROM actor_day"
                                     " WHERE actor = ?1 AND day >= ?2 AND day <= ?3");
    if (!st) return -1;
    sqlite3_bind_text(st, 1, actor, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, d->first);
    sqlite3_bind_int64(st, 3, d->first + (int64_t)d->n - 1);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        uint32_t w = d->w[sqlite3_column_int64(st, 0) - d->first];
        int64_t n = sqlite3_column_int64(st, 1);
        *weighted += (double)n * w;
        if (w) *lookups += n;
    }
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? 0 : -1;
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
    sqlite3_stmt *st = store_stmt(s, "SELECT min(day) FROM actor_day WHERE actor = ?1"
                                     " AND day >= ?2 AND day <= ?3");
    if (!st) return -1;
    int64_t last = d->first + (int64_t)d->n - 1;
    for (int32_t day = next_weighted(d, d->first); day != INT32_MAX;) {
        sqlite3_reset(st);
        sqlite3_bind_text(st, 1, actor, -1, SQLITE_STATIC);
        sqlite3_bind_int64(st, 2, day);
        sqlite3_bind_int64(st, 3, last);
        if (sqlite3_step(st) != SQLITE_ROW) return -1;
        if (sqlite3_column_type(st, 0) == SQLITE_NULL) break;
        int64_t seen = sqlite3_column_int64(st, 0);
        if (d->w[seen - d->first]) {
            sqlite3_reset(st);
            return 1;
        }
        day = next_weighted(d, seen);
    }
    sqlite3_reset(st);
    return 0;
}

int inv_each_active_actor(store *s, const inv_days *d, int (*fn)(const char *actor, void *ctx),
                          void *ctx)
{
    if (d->n == 0) return 0;
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(store_db(s),
                           "SELECT actor FROM actor_day WHERE actor > ?1 ORDER BY actor LIMIT 1",
                           -1, &st, NULL) != SQLITE_OK)
        return -1;
    char *prev = strdup("");
    int rc = prev ? 0 : -1;
    while (rc == 0) {
        sqlite3_reset(st);
        sqlite3_bind_text(st, 1, prev, -1, SQLITE_STATIC);
        int step = sqlite3_step(st);
        if (step == SQLITE_DONE) break;
        if (step != SQLITE_ROW) rc = -1;
        char *actor = step == SQLITE_ROW ? strdup((const char *)sqlite3_column_text(st, 0)) : NULL;
        if (!actor) rc = -1;
        free(prev);
        prev = actor;
        int on = rc == 0 ? active(s, actor, d) : -1;
        if (on < 0)
            rc = -1;
        else if (on)
            rc = fn(actor, ctx);
    }
    free(prev);
    sqlite3_finalize(st);
    return rc;
}

int inv_population(store *s, int64_t *n)
{
    int64_t ev, ref;
    if (store_tally_subjects(s, &ev, &ref) < 0) return -1;
    *n = ev > ref ? ev : ref;
    if (*n < 1) *n = 1;
    return 0;
}
