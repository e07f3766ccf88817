/* correlate — which insiders looked up the subjects of incidents (an
 * explosion at an address) shortly before them, ranked by how improbable
 * that is by chance.
 *
 * The model: an actor who looked up n distinct subjects in an incident's
 * look-back window, drawing them at random from a population of N, hits
 * that incident's subject with probability about n / N. Over all incidents
 * the number of hits is then close to Poisson with mean
 * lambda = sum over incidents of n_window / N (n per day from the actor_day
 * tally). An actor's p is P(X >= h) for their hits h: a high-volume clerk
 * with two hits has a large lambda and a modest p; a low-volume one with
 * two, a tiny p. A hit whose every look-up a case explains counts
 * explained_weight (default 0.25) instead of 1; the tail is then taken at
 * the fractional count (regularised incomplete gamma). p_any corrects for
 * having tested every actor active in the windows (Šidák). */
#ifndef WACHTER_CORRELATE_H
#define WACHTER_CORRELATE_H
#include <stddef.h>
#include <stdint.h>

#include "investigate/incident.h"
#include "store/store.h"
#include "util/arena.h"
#include "util/werr.h"

typedef struct inv_hit {
    uint32_t incident;    /* index into the incident list */
    int64_t first_ts;     /* the actor's first look-up in the window */
    uint32_t lookups;     /* their look-ups of the subject in the window */
    int explained;        /* every one of them explained by a case */
    const char *event_id; /* the first unexplained look-up, else the first */
    const char *why;      /* that look-up's explanation, in words */
} inv_hit;

typedef struct inv_suspect {
    const char *actor, *unit;
    int rank;                  /* 1 = least likely by chance */
    long hits, explained_hits; /* incidents whose subject they looked up */
    double weighted;           /* hits with explained ones weighed down */
    int64_t lookups;           /* distinct subjects per day, summed over window days */
    double expected;           /* lambda: hits expected by chance */
    double log10_p, p, p_any;  /* P(X >= weighted); the same for any of the actors tested */
    double score;              /* -log10 p */
    const inv_hit *hit;        /* nhit hits, by incident */
    size_t nhit;
} inv_suspect;

typedef struct inv_corr_opts {
    int64_t lookback;        /* ms */
    double explained_weight; /* 0..1 */
} inv_corr_opts;

typedef struct inv_correlation {
    inv_suspect *v; /* ranked; only actors with at least one hit */
    size_t n;
    inv_hit *hits;
    size_t nhits;
    int64_t population;
    long tested; /* actors with look-ups in some window */
    arena *strings;
} inv_correlation;

/* Correlates the incidents in inc (borrowed) with the stored look-ups.
 * Returns 0, or -1 with e set; out (zero-initialised by the caller) is
 * freed with inv_correlation_free either way. */
int inv_correlate(store *s, const inv_incidents *inc, const inv_corr_opts *o, inv_correlation *out,
                  werr *e);
void inv_correlation_free(inv_correlation *c);
#endif
