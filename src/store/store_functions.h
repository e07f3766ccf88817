/* store_functions — the risk analyses of functions as stored (schema
 * 23, table function_analyses): versions added, never edited; the
 * current analysis of a function is its newest by analysed date (the
 * version entered last among those of one date). A function is a (unit,
 * role) pair of the staff register (actors). */
#ifndef WACHTER_STORE_FUNCTIONS_H
#define WACHTER_STORE_FUNCTIONS_H
#include <stdint.h>

#include "store/store.h"

/* One analysis, borrowed for the call that gives it. answers: one digit a
 * question (score/funcrisk.h's order); measures: one a line, "" none;
 * people: the function's staff at the time asked about (listings only). */
typedef struct store_fn_analysis {
    const char *unit, *role, *process, *answers, *band, *measures, *account;
    int64_t version, analysed, next_review, at;
    int impact, resilience, risk;
    int64_t people;
} store_fn_analysis;
typedef int (*store_fn_fn)(const store_fn_analysis *a, void *ctx);

/* A function holding staff and the number of them (unanalysed ones). */
typedef int (*store_fn_staff_fn)(const char *unit, const char *role, int64_t people, void *ctx);

/* Adds a (its version ignored, people ignored) as the function's next
 * version, unless one of its versions equals it in every field but the
 * account and time (a file loaded again): *version the new one (or that
 * equal one).
 * Returns 1 added, 0 unchanged, -1 error. */
int store_fn_add(store *s, const store_fn_analysis *a, int64_t *version);
/* Every function's current analysis, with its staff at now, ranked by risk
 * (highest first), then impact, unit, role; by_review: by next review
 * (soonest first), then unit, role. fn's non-zero return stops and is
 * returned; else 0; -1 error. */
int store_fn_current(store *s, int64_t now, int by_review, store_fn_fn fn, void *ctx);
/* The current analysis of (unit, role): 1 found (fn called), 0 none, -1
 * (or fn's non-zero return). */
int store_fn_current_of(store *s, const char *unit, const char *role, int64_t now, store_fn_fn fn,
                        void *ctx);
/* The versions of (unit, role), oldest first (by analysed, then version).
 * Returns how many, or -1 (or fn's non-zero return, which stops). */
int store_fn_history(store *s, const char *unit, const char *role, store_fn_fn fn, void *ctx);
/* The functions that hold staff at now and have no analysis, by unit and
 * role. 0, fn's non-zero return, or -1. */
int store_fn_unanalysed(store *s, int64_t now, store_fn_staff_fn fn, void *ctx);
/* Whether anyone in the staff register (at any time) holds (unit, role):
 * 1, 0, or -1. */
int store_fn_known(store *s, const char *unit, const char *role);

/* An actor of the staff register whose function's current analysis is in
 * band at least min_band (a band name of score/funcrisk.h): borrowed. */
typedef int (*store_fn_actor_fn)(const char *actor, const char *unit, const char *role,
                                 const char *band, int risk, void *ctx);
/* Every actor whose function's current analysis has a risk of at least
 * min_risk. 0, fn's non-zero return, or -1. */
int store_fn_actors(store *s, int min_risk, store_fn_actor_fn fn, void *ctx);

/* The meta keys of the weights of bands high and very high. */
#define STORE_FN_WEIGHT_HIGH "functions.weight_high"
#define STORE_FN_WEIGHT_VERY_HIGH "functions.weight_very_high"
/* The weight set for band key (a key above) into *w: 1 set, 0 not (w
 * unchanged). */
int store_fn_weight(store *s, const char *key, double *w);

/* One analysed function on the dashboard: its band and risk, its staff at
 * now, and the alerts about its staff from `from` (ms) on. */
typedef int (*store_fn_dash_fn)(const char *unit, const char *role, const char *band, int risk,
                                int64_t people, int64_t alerts, void *ctx);
/* The analysed functions, ranked as store_fn_current. 0, fn's, or -1. */
int store_fn_dash(store *s, int64_t from, int64_t now, store_fn_dash_fn fn, void *ctx);
#endif
