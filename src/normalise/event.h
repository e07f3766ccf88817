/* event — the canonical access event (docs/design.md "Input"). */
#ifndef WACHTER_EVENT_H
#define WACHTER_EVENT_H
#include <stdint.h>

#include "util/arena.h"

/* Every string is NUL-terminated and never NULL: an absent field is "".
 * Strings are borrowed from whoever parsed the event (a batch arena). */
typedef struct ev_event {
    const char *id; /* given, or derived from the content ("h:..." ) */
    int64_t ts;     /* UTC epoch milliseconds */
    const char *actor, *system, *action, *subject, *subject_type;
    const char *case_id, *purpose, *query, *client;
    int64_t results;   /* -1 when absent */
    const char *attrs; /* unknown fields as a JSON object, "" when none */
    uint64_t key;      /* dedupe key: hash of system and id */
} ev_event;

/* The dedupe key of an event from hash64 of its system's and its id's
 * bytes (what ev_finish computes). */
uint64_t ev_key(uint64_t system_hash, uint64_t id_hash);
/* Fills id (derived from the content when the source gave none, allocated
 * in a) and key. Returns 0, or -1 when out of memory. */
int ev_finish(ev_event *ev, arena *a);
#endif
