/* detect — the detection engine: enriches each event, runs every rule on
 * it, and merges the rules' findings into alerts. */
#ifndef WACHTER_DETECT_H
#define WACHTER_DETECT_H
#include <stddef.h>

#include "enrich/refdata.h"
#include "normalise/event.h"
#include "store/store.h"
#include "store/store_alerts.h"
#include "util/werr.h"

typedef struct det_engine det_engine;
/* The rules configuration (detect/rule_conf.h), named here without its
 * header: tests that include this one have locals called buf. */
typedef struct rule_conf rule_conf;

/* Called for every alert the engine writes (new or updated); borrowed. */
typedef void (*det_alert_fn)(const store_alert *a, int is_new, void *ctx);

/* Builds an engine over r (borrowed, and extended with unknown actors).
 * With a store, detection state saved by earlier runs is loaded from it:
 * each rule's part where it is of the rule's current state version; a
 * rule whose saved state is of another version learns again (det_notes).
 * Returns 0, or -1 with e. *out is owned: det_free it. */
int det_new(refdata *r, store *s, det_engine **out, werr *e);
/* det_new with the rules' parameters set by conf (borrowed; NULL: every
 * parameter at its default), which the rules read before anything else.
 * conf is checked (rule_conf_set): a value the rules do not take cannot
 * be in it. */
int det_new_conf(refdata *r, store *s, const rule_conf *conf, det_engine **out, werr *e);
/* An engine over r (parameters set by conf, as det_new_conf) with only the rules named in names (n
 * of them; an unknown name is WERR_INTERNAL), learning from nothing saved: for judging again, from
 * the stored events, what a change of reference data changes (investigate/rejudge.h). Its alerts
 * have the ids the full engine gives them, so that they merge with the stored ones. 0, or -1 with
 * e. */
int det_new_only(refdata *r, const rule_conf *conf, const char *const *names, size_t n,
                 det_engine **out, werr *e);
void det_free(det_engine *d);
/* What det_new has to tell a person, e.g. "rule volume: saved state is of
 * an older version; it learns again": their number, and *notes (borrowed
 * from d). */
size_t det_notes(const det_engine *d, const char *const **notes);
/* Optional: a callback for each alert written by det_save (e.g. SIEM output). */
void det_on_alert(det_engine *d, det_alert_fn fn, void *ctx);
/* What detection looks up in reference data that nothing changes during an
 * ingest (subjects and cases; actors in a frozen copy of the actor map,
 * since det_feed_prepared extends the map itself), so that it can be looked
 * up ahead, e.g. in the thread that parses. */
typedef struct det_prep {
    int32_t subject; /* refdata subject id of ev->subject, or REF_NONE */
    int32_t stated;  /* refdata case id of ev->case_id, or REF_NONE */
    int32_t actor;   /* refdata actor id of ev->actor, or REF_NONE: det_feed_prepared's to find */
} det_prep;
/* Fills *out[i] for *evs[i], n events at once: the look-ups' memory waits
 * overlap. Reads only r's subjects and cases, and actors in actors (from
 * refdata_actor_index(r); NULL: none): safe in another thread while
 * det_feed_prepared runs on an engine over r, as long as r is not freed.
 * At most DET_PREPARE_MANY events. */
enum { DET_PREPARE_MANY = 64 };
void det_prepare_many(const refdata *r, const strmap *actors, const ev_event *const *evs,
                      det_prep *const *out, size_t n);
/* The refdata actor id of ev's actor: p->actor, else found in or added to
 * the engine's refdata. REF_NONE when out of memory. */
int32_t det_actor(det_engine *d, const ev_event *ev, const det_prep *p);
/* Runs detection on one new event (never on a duplicate), with *p from
 * det_prepare_many over the engine's refdata. 0, or -1 with e (memory). */
int det_feed_prepared(det_engine *d, const ev_event *ev, const det_prep *p, werr *e);
/* Starts fetching into the cache what det_feed_prepared will read for an
 * event a few places ahead, in DET_AHEAD_STEPS steps, since each step
 * needs what the one before fetched: call step s for the event
 * (DET_AHEAD_STEPS - s) * DET_AHEAD_GAP places after the one about to be
 * fed. A hint only: the outcome is the same without it. */
enum { DET_AHEAD_STEPS = 4, DET_AHEAD_GAP = 3 };
void det_ahead(const det_engine *d, const det_prep *p, int step);
/* The reference data the engine was built over (borrowed). */
const refdata *det_refdata(const det_engine *d);
/* Runs the rules' whole-population analyses (end of an ingest). 0, or -1
 * with e (out of memory: an analysis is never skipped silently). */
int det_flush(det_engine *d, werr *e);
/* Writes pending alerts, changed actor state and rule state into s (NULL:
 * only counts alerts). Call inside the transaction that stores the events,
 * so that events and what was learned from them commit together. 0, or -1
 * with e ("store error: ..." for the store's). */
int det_save(det_engine *d, store *s, werr *e);
/* Writes only the pending alerts into s (NULL: only counts them), inside a
 * transaction: what a detect-only ingest keeps. 0 or -1 with e. */
int det_save_alerts(det_engine *d, store *s, werr *e);
/* The id of the alert that rule raises for actor in group (NULL: the UTC
 * day of ts). Findings with the same id merge into one alert, so anything
 * that raises alerts outside the engine must use this. out: 24 bytes. */
void det_alert_id(const char *rule, const char *actor, const char *group, int64_t ts, char out[24]);
/* Alerts raised for the first time by this engine so far. */
long det_alerts_new(const det_engine *d);
#endif
