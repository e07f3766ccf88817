/* What the reference data's store modules (store_ref.c, store_refload.c,
 * store_refcache.c) share. Private to src/store. */
#ifndef WACHTER_STORE_REF_INT_H
#define WACHTER_STORE_REF_INT_H
#include "store/store.h"
#include "util/werr.h"

/* Sets e to the store's last error, with a code for its kind. Returns -1. */
int store_ref_fail(store *s, werr *e);

/* The end date detection uses for the actor of the actors row "a": the
 * earlier of actors.csv's end and HR's (resignations.csv: the last
 * working day, else the contract's end); NULL when neither is known. */
#define STORE_REF_RESIGNED                                                                         \
    "(SELECT coalesce(r.last_working_day, r.contract_end) FROM resignations r"                     \
    " WHERE r.actor = a.actor)"
#define STORE_REF_END_SQL                                                                          \
    "min(coalesce(a.end_ts, " STORE_REF_RESIGNED "), coalesce(" STORE_REF_RESIGNED ", a.end_ts))"
#endif
