/* rejudge — late reference data judged again. Reference data often comes
 * after the events it explains: a case registered a day late, an end date
 * HR reports once the person has gone. A load re-judges only what its new
 * or changed rows touch, never the whole history:
 *  - an alert that depends on the absence of a case (rejudge.c says which
 *    do) and all of whose such events a case the load added or changed now
 *    explains (explain.h, as an ingest would) is marked explained later
 *    (store_alerts.h): kept, shown with the case, out of the risk score;
 *    the same actor's later protected alerts, which counted those
 *    look-ups, are scored again without them;
 *  - an actor whose end date the load set or changed has their stored
 *    events judged again by the rules an end date feeds (employment,
 *    departing): the alerts they raise are stored as an ingest's;
 *  - an actor whose rights the load changed (every actor, when rights.csv
 *    names a system for the first time) has their stored events judged
 *    again by the rule unauthorised, the same way, and their unauthorised
 *    alerts that the rights now cover are explained later. */
#ifndef WACHTER_REJUDGE_H
#define WACHTER_REJUDGE_H
#include "detect/rule_conf.h"
#include "enrich/refdata.h"
#include "store/store.h"
#include "util/werr.h"

typedef struct inv_rejudged {
    long cases;            /* case ids whose rows or assignments the load added or changed */
    long checked;          /* alerts judged again for them */
    long explained;        /* of them, explained later */
    long recounted;        /* alerts scored again without look-ups explained later */
    long ended;            /* actors whose end date the load set or changed */
    long events;           /* their stored events judged again */
    long raised;           /* alerts those raised that did not exist before */
    long rights;           /* actors whose rights changed (all, for a system named anew) */
    long rights_events;    /* their stored events judged again by the rule unauthorised */
    long rights_raised;    /* alerts those raised that did not exist before */
    long rights_explained; /* their unauthorised alerts the rights now cover: explained later */
} inv_rejudged;

/* Before a load: remembers the cases, assignments and end dates as they
 * are (store_rejudge.h). 0, or -1 with e. */
int inv_rejudge_mark(store *s, werr *e);

/* After the load: judges again what changed since inv_rejudge_mark, with
 * r (the reference data as loaded now; borrowed, extended with actors it
 * lacks) and the rules' parameters conf (borrowed; NULL: the defaults), writing in transactions of
 * its own; forgets the mark. *out says what was done. 0, or -1 with e. */
int inv_rejudge(store *s, refdata *r, const rule_conf *conf, inv_rejudged *out, werr *e);

/* Forgets the mark without judging (a load that loaded nothing). */
void inv_rejudge_forget(store *s);
#endif
