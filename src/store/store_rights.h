/* store_rights — the rights of rights.csv (schema 20) as the reports,
 * recertification campaigns and screenings read them: each right with
 * its last use in the access log. */
#ifndef WACHTER_STORE_RIGHTS_H
#define WACHTER_STORE_RIGHTS_H
#include <stddef.h>
#include <stdint.h>

#include "store/store.h"
#include "util/werr.h"

typedef struct store_right {
    char *actor, *system, *action, *granted_by; /* action: the log's, or "*" */
    int64_t granted;                            /* ms */
    int64_t revoked;                            /* ms; 0: still held */
    int64_t last_use; /* the newest event of actor on system with action (any action for
                       * "*"); 0: never used */
} store_right;

/* Which rights store_rights_list gives: those held at `at` (granted at
 * or before it, not revoked by then); system and actor: "" or NULL for
 * any. */
typedef struct store_rights_filter {
    int64_t at;
    const char *system, *actor;
} store_rights_filter;

/* The rights f selects, ordered by actor, system, action, granted, each
 * with its last use; *out is the caller's (store_rights_free). 0, or -1
 * with e set. */
int store_rights_list(store *s, const store_rights_filter *f, store_right **out, size_t *n,
                      werr *e);
void store_rights_free(store_right *r, size_t n);
#endif
