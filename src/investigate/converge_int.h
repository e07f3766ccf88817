/* converge_int — what converge.c (reading and pairing look-ups) and
 * converge_rings.c (joining pairs into groups) share; private to them. */
#ifndef WACHTER_CONVERGE_INT_H
#define WACHTER_CONVERGE_INT_H
#include <stddef.h>
#include <stdint.h>

#include "enrich/refdata.h"
#include "investigate/converge.h"
#include "util/strmap.h"

/* One look-up: which subject, by whom, which day, with or without a case. */
typedef struct look {
    uint32_t subject, actor;
    int32_t day;
    uint8_t unexplained;
} look;

/* Two actors (a < b) and the subjects they shared without a case. */
typedef struct pairrec {
    uint32_t a, b, n, cap;
    uint32_t *subj;
    double expected, log10_p; /* set by pair_stats */
} pairrec;

/* Everything one convergence run reads and derives. */
typedef struct scan {
    refdata *ref;
    strmap *subjects, *pairkeys;
    int64_t *first; /* per subject id: its first look-up without a case (ms) */
    size_t first_cap;
    look *v;
    size_t n, cap;
    uint32_t *unexpl; /* per actor id: distinct subjects looked up without a case */
    size_t nact;
    pairrec *pairs;
    size_t npairs, pcap;
} scan;

/* Joins the qualifying pairs of sc into ranked groups in c. 0 or -1. */
int inv_conv_rings(inv_convergence *c, const scan *sc, const inv_conv_opts *o);
#endif
