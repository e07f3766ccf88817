/* store_unmask — requests to see the identity behind one pseudonym
 * (ops/ops_unmask.h): who asked, for whom, why and about what, and who
 * approved or refused it, when, and until when an approval holds. */
#ifndef WACHTER_STORE_UNMASK_H
#define WACHTER_STORE_UNMASK_H
#include <stdint.h>

#include "store/store.h"

typedef struct store_unmask {
    int64_t id;
    const char *actor;     /* the staff id behind the pseudonym */
    const char *requester; /* the account that asked */
    const char *reason, *concerns;
    int64_t asked;       /* ms since 1970 */
    const char *status;  /* "pending", "approved" or "refused" as stored */
    const char *decider; /* "" while pending */
    int64_t decided;     /* 0 while pending */
    const char *note;    /* the decider's words, may be "" */
    int64_t expires;     /* an approval's end; 0 otherwise */
} store_unmask;

/* Adds a pending request; *id gets its number. 0 or -1 (store_errmsg). */
int store_unmask_add(store *s, const char *actor, const char *requester, const char *reason,
                     const char *concerns, int64_t asked, int64_t *id);
/* Records the decision on request id if it is still pending: status
 * "approved" (expires set) or "refused". Returns 1 when it was pending
 * and is decided now, 0 when it was not pending (or does not exist), -1
 * on a store error. */
int store_unmask_decide(store *s, int64_t id, const char *status, const char *decider,
                        int64_t decided, const char *note, int64_t expires);
/* fn gets request id (borrowed for the call); 1 when it exists, 0 when
 * not, -1 on a store error. */
typedef int (*store_unmask_fn)(const store_unmask *u, void *ctx);
int store_unmask_get(store *s, int64_t id, store_unmask_fn fn, void *ctx);
/* fn gets every request, oldest first (requester NULL), or those of one
 * requester; non-zero from fn stops. 0, fn's value, or -1. */
int store_unmask_each(store *s, const char *requester, store_unmask_fn fn, void *ctx);
#endif
