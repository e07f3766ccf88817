/* store_staff — every member of staff a store knows of, for the
 * pseudonyms (priv/pseudonym.h): the staff register's accounts with each
 * one's person id, and the accounts that only detection state or alerts
 * name, and those rights.csv and moves.csv name. */
#ifndef WACHTER_STORE_STAFF_H
#define WACHTER_STORE_STAFF_H
#include <stdint.h>

#include "store/store.h"

/* Called once per account (borrowed strings); person is "" when the
 * register gives none or the account is not in it. Non-zero stops: out of memory. */
typedef int (*store_staff_fn)(const char *actor, const char *person, void *ctx);

/* Calls fn for the staff register's accounts, then for those that
 * detection state, alerts and the actors alerts count name (an account
 * may come more than once). 0, or -1 with *e set. */
int store_staff_each(store *s, store_staff_fn fn, void *ctx, werr *e);
/* How many store_staff_each will name at most, about (accounts of the
 * register and with detection state; alerts name few others): for making
 * room first. 0, or -1 with *e set. */
int store_staff_count(store *s, int64_t *n, werr *e);
/* A number that changes when what store_staff_each names, or which
 * unmaskings were decided, may have changed: the staff register's and
 * detection state's accounts counted, the newest alert, the decided
 * unmasking requests, the newest rows of rights and moves and how many
 * loads of reference data there were (meta 'ref_loads'). For caches of
 * pseudonym maps (a server beside an ingest): no pass over a table of
 * more rows than there are staff. 0, or -1 with *e set. */
int store_staff_stamp(store *s, int64_t *stamp, werr *e);
#endif
