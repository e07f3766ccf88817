/* store_tally — summaries that investigations read instead of scanning
 * events: per actor and UTC day, how many distinct subjects they looked up
 * and how many events they caused (table actor_day), and a sketch of how
 * many distinct subjects all events name (the population for "how likely
 * by chance"). An ingest notes each stored event and flushes the tally with
 * each batch, inside the batch's transaction. */
#ifndef WACHTER_STORE_TALLY_H
#define WACHTER_STORE_TALLY_H
#include <stdint.h>

#include "store/store.h"

typedef struct store_tally store_tally;

/* Returns an owned, empty tally (store_tally_free it), NULL when out of memory. */
store_tally *store_tally_new(void);
void store_tally_free(store_tally *t);
/* Notes one newly stored event of the actor with id actor (one id per
 * actor for the tally's life: refdata's) and that name (borrowed until the
 * next flush). A subject counts once per actor and day within this tally's
 * life, for the days it still remembers (the newest two); one seen again
 * in a later ingest, or arriving days late, counts again: the counts err
 * high, never low. Returns 0, or -1 out of memory. */
int store_tally_note(store_tally *t, int32_t actor, const char *name, int64_t ts,
                     const char *subject);
/* Notes the same event's system and action for the last use of rights
 * (store/store_lastuse.h): name borrowed as for store_tally_note. 0, or
 * -1 out of memory. */
int store_tally_use(store_tally *t, int32_t actor, const char *name, const char *system,
                    const char *action, int64_t ts);
/* Starts fetching what store_tally_note will read for that event: call it
 * a few events before the note. A hint only; t may be NULL. */
void store_tally_ahead(const store_tally *t, int32_t actor, int64_t ts, const char *subject);
/* How often the last uses of rights are written (store_tally_flush). */
enum { STORE_TALLY_USE_EVERY_MS = 60000 };
/* Adds what was noted since the last flush to the store; the last uses
 * of rights only when last (the ingest's final commit) is set or
 * STORE_TALLY_USE_EVERY_MS have passed since they were last written. Call
 * inside the transaction that stores the events. Returns 0 or -1. */
int store_tally_flush(store_tally *t, store *s, int last);

/* Distinct subjects named by events (estimated within ~2 %; rebuilt from
 * the events once if the store predates the sketch) and rows of
 * subjects.csv. Returns 0 or -1. */
int store_tally_subjects(store *s, int64_t *event_subjects, int64_t *ref_subjects);
#endif
