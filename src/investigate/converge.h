/* converge — convergence as an analysis: groups of actors, preferably from
 * different units, who each looked up the same subjects without a case
 * (the "corruption broker" with one shopping list served by several
 * insiders), with the shared subjects listed.
 *
 * Robust against subjects many actors touch legitimately (a popular record,
 * a test record, a team's shared work): a subject does not count for a
 * pair when more than max_accessors distinct actors looked it up around
 * the pair's look-ups (within within_days of them), or more than
 * max_accessors looked it up without a case in the period.
 * Each pair's shared count is set against chance: had a and b drawn their
 * u_a and u_b unexplained subjects at random from a population of N, at
 * random days of the period, they would share about
 * u_a * u_b / N * min(1, (2 * within_days + 1) / period_days) subjects
 * looked up within within_days of each other (a broker's list reaches its
 * insiders at about the same time; chance spreads look-ups over the whole
 * period). p is the Poisson tail at the shared count, p_any corrects it
 * for the pairs tested. Pairs sharing at least min_shared subjects with
 * p <= max_p are joined into groups (connected pairs, one group). */
#ifndef WACHTER_CONVERGE_H
#define WACHTER_CONVERGE_H
#include <stddef.h>
#include <stdint.h>

#include "store/store.h"
#include "util/arena.h"
#include "util/werr.h"

typedef struct inv_conv_opts {
    int64_t from, to;  /* period, ms */
    int min_shared;    /* subjects a pair must share (default 3) */
    int max_accessors; /* subjects with more distinct actors around are ignored (default 5) */
    int same_unit;     /* also pair actors of one unit (off: only across units) */
    int within_days;   /* look-ups of a shared subject at most this far apart (default 30) */
    double max_p;      /* a pair joins a group only this unlikely by chance (default 0.01) */
} inv_conv_opts;

typedef struct inv_ring {
    int rank;
    const char **actors, **units; /* nactors each, by name; units "" when unknown */
    size_t nactors;
    /* Shared by at least two members without a case, in the order they
     * were first looked up without a case. */
    const char **subjects;
    size_t nsubjects;
    long shared;                     /* most subjects one pair of members shares */
    double expected;                 /* that pair's overlap expected by chance */
    double log10_p, p, p_any, score; /* that pair's; score = -log10 p */
} inv_ring;

typedef struct inv_convergence {
    inv_ring *v; /* ranked */
    size_t n;
    int64_t population;
    long actors, pairs_tested;
    long popular_skipped; /* subjects that did not count for some pair: too many actors */
    arena *strings;
} inv_convergence;

/* Finds the groups in the period. Returns 0, or -1 with e set; out
 * (zero-initialised) is freed with inv_convergence_free either way. */
int inv_converge(store *s, const inv_conv_opts *o, inv_convergence *out, werr *e);
void inv_convergence_free(inv_convergence *c);
#endif
