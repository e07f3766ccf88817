/* ops_unmask — seeing who is behind a pseudonym, four eyes: an account
 * asks for the identity behind one pseudonym with a reason (and the alert
 * or case it concerns); a different account whose role may approve
 * (senior analyst, privacy officer: the caller says, from the roles'
 * permissions) approves or refuses it; once approved, the requester sees
 * that one identity until the approval expires (default
 * OPS_UNMASK_DAYS). Every request and decision is kept; nothing is
 * deleted or changed afterwards but a pending request's decision. */
#ifndef WACHTER_OPS_UNMASK_H
#define WACHTER_OPS_UNMASK_H
#include <stddef.h>
#include <stdint.h>

#include "store/store.h"
#include "util/werr.h"

enum { OPS_UNMASK_DAYS = 30 };

/* A request as an operation shows it; status is "pending", "approved",
 * "refused" or "expired" (an approval whose time has passed). Borrowed. */
typedef struct ops_unmask_row {
    int64_t id;
    const char *actor, *requester, *reason, *concerns, *status, *decider, *note;
    int64_t asked, decided, expires;
} ops_unmask_row;

/* Asks for the identity of actor (a staff id the caller resolved from a
 * pseudonym) as account, for reason (required: WERR_INPUT when empty or
 * only spaces, or longer than 1,000 bytes; likewise concerns past 200),
 * about concerns (an alert or case id, may be ""), at now (ms). *id gets
 * the request's number. 0 or -1 with e. */
int ops_unmask_request(store *s, const char *account, const char *actor, const char *reason,
                       const char *concerns, int64_t now, int64_t *id, werr *e);
/* Decides request id as account, approving (approve set) or refusing it,
 * with note (may be ""; at most 1,000 bytes), at now; an approval holds
 * for days days. may_decide: whether account's role may approve requests.
 * Fails, changing nothing: WERR_NOT_FOUND for no such request;
 * WERR_FORBIDDEN when may_decide is 0 or account is the requester (four
 * eyes); WERR_CONFLICT when it was decided already ("approved by X on
 * DATE"). 0 or -1 with e. */
int ops_unmask_decide(store *s, const char *account, int may_decide, int64_t id, int approve,
                      const char *note, int days, int64_t now, werr *e);
/* fn gets every request (requester NULL) or one account's, oldest first,
 * with its status as of now. 0 or -1 with e. */
typedef int (*ops_unmask_fn)(const ops_unmask_row *r, void *ctx);
int ops_unmask_list(store *s, const char *requester, int64_t now, ops_unmask_fn fn, void *ctx,
                    werr *e);
/* fn gets each actor whose identity account may see at now: one of an
 * approved request of theirs that has not expired (an actor may come more
 * than once). fn's non-zero return stops and is returned. 0, fn's value,
 * or -1 with e. */
int ops_unmask_shown(store *s, const char *account, int64_t now,
                     int (*fn)(const char *actor, void *ctx), void *ctx, werr *e);
#endif
