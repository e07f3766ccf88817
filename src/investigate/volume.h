/* volume — how much each actor looks up, read from the actor_day tally
 * (store_tally.h) instead of the events, and how large the population of
 * subjects is: the denominators of "how likely by chance". */
#ifndef WACHTER_VOLUME_H
#define WACHTER_VOLUME_H
#include <stddef.h>
#include <stdint.h>

#include "investigate/incident.h"
#include "store/store.h"

/* A weight per UTC day: for correlation, how many incidents' look-back
 * windows contain the day (a look-up that day is a chance to hit each). */
typedef struct inv_days {
    int32_t first; /* day number of w[0] */
    size_t n;
    uint32_t *w;
} inv_days;

/* Weights for the windows [ts - lookback, ts) of inc's incidents, whole
 * days (a partly covered day counts whole: chance errs high). 0 or -1.
 * Free with inv_days_free. */
int inv_days_of_incidents(const inv_incidents *inc, int64_t lookback, inv_days *out);
/* One weight-1 span from day of from to day of to. 0 or -1. */
int inv_days_span(int64_t from, int64_t to, inv_days *out);
void inv_days_free(inv_days *d);

/* For actor: *weighted = sum over days of distinct subjects x weight, and
 * *lookups = distinct subjects summed over the days of weight > 0. 0 or -1. */
int inv_actor_volume(store *s, const char *actor, const inv_days *d, double *weighted,
                     int64_t *lookups);
/* Calls fn for each actor with a look-up on a day of weight > 0 (seeking
 * the tally's (actor, day) key, not reading it all). fn returns 0 to go
 * on. Returns 0, -1 on a store error, or fn's value. */
int inv_each_active_actor(store *s, const inv_days *d, int (*fn)(const char *actor, void *ctx),
                          void *ctx);
/* The population: the larger of the distinct subjects events name and
 * the rows of subjects.csv, at least 1. 0 or -1. */
int inv_population(store *s, int64_t *n);
#endif
