/* refdata's insides, shared by its loaders (refdata.c: from the tables;
 * refdata_cache.c: from the cached copy). Private to src/enrich. */
#ifndef WACHTER_REFDATA_INT_H
#define WACHTER_REFDATA_INT_H
#include "enrich/refdata.h"
#include "util/arena.h"
#include "util/strmap.h"

struct refdata {
    strmap *actors, *units, *peers, *subjects, *surnames, *addrs, *postcodes, *cases;
    ref_actor *actor;
    size_t actor_cap, known_actors;
    ref_subject *subject;
    size_t subject_cap;
    uint32_t *surname_n, *addr_n, *peer_n;
    int32_t *peer_member; /* actor ids, grouped by peer group, ascending */
    uint32_t *peer0;      /* peer group p: peer_member[peer0[p] .. peer0[p + 1]) */
    ref_case *kase;
    size_t case_cap;
    uint32_t *subject_case; /* case ids, grouped by subject */
    size_t nsubject_case;
    ref_assignment *asg;
    size_t nasg;
    ref_incident *inc;
    size_t ninc;
    /* Rights (refdata_rights.c): the systems rights.csv names; each
     * (actor, system, action) that holds a right, its periods in
     * rspan[rkey0[k] .. rkey0[k + 1]), by start. */
    strmap *rsystems, *rkeys;
    uint32_t *rkey0;
    ref_span *rspan;
    size_t nrspan;
    arena *strings;
    int cached; /* read from the cache rather than the tables */
};
/* Reads the rights from the tables into r (refdata_rights.c). 0 or -1. */
int refdata_rights_load(refdata *r, store *s, werr *e);
/* r's rights arrays freed (the maps are freed with the others). */
void refdata_rights_free(refdata *r);
#endif
