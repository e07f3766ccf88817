/* ops_functions_int — private to ops_functions.c and ops_fnload.c. */
#ifndef WACHTER_OPS_FUNCTIONS_INT_H
#define WACHTER_OPS_FUNCTIONS_INT_H
#include "ops/ops_functions.h"

/* ops_functions_set without its transaction (the caller's): x checked,
 * scored and added by account at now; where ("FILE:LINE: " or "") starts
 * a refusal's message and a note's. 0 with *version and *added, or -1. */
int ops_fn_store_one(store *s, const char *account, const ops_fn_entry *x, int64_t now,
                     const char *where, const ops_notes *notes, int64_t *version, int *added,
                     werr *e);
#endif
