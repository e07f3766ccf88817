/* What the reference data's store modules (store_ref.c, store_refload.c,
 * store_refcache.c) share. Private to src/store. */
#ifndef WACHTER_STORE_REF_INT_H
#define WACHTER_STORE_REF_INT_H
#include "store/store.h"
#include "util/werr.h"

/* Sets e to the store's last error, with a code for its kind. Returns -1. */
int store_ref_fail(store *s, werr *e);
#endif
