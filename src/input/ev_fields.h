/* ev_fields — the keys of the canonical event (docs/design.md "Input") and the
 * ev_event member each fills.  Internal to src/input: shared by the general
 * parser (ev_parse.c) and the fast one (ev_fast.c), so both know the same
 * names. */
#ifndef WACHTER_EV_FIELDS_H
#define WACHTER_EV_FIELDS_H
#include <stddef.h>

#include "normalise/event.h"

enum ev_field {
    EV_F_ID,
    EV_F_TS,
    EV_F_ACTOR,
    EV_F_SYSTEM,
    EV_F_ACTION,
    EV_F_SUBJECT,
    EV_F_SUBJECT_TYPE,
    EV_F_CASE,
    EV_F_PURPOSE,
    EV_F_QUERY,
    EV_F_RESULTS,
    EV_F_CLIENT,
    EV_F_COUNT
};

typedef struct ev_field_name {
    const char *name;
    enum ev_field f;
} ev_field_name;

/* Every key that fills a field, aliases included; the first entry for each
 * field is its canonical name (the one reasons quote).  Defined in
 * ev_parse.c; ev_fast_field() must agree with it (test_ev_fast checks). */
extern const ev_field_name ev_field_names[];
extern const size_t ev_field_names_count;

/* The string member field f fills, or NULL for ts and results. */
static inline const char **ev_field_slot(ev_event *ev, int f)
{
    switch (f) {
    case EV_F_ID:
        return &ev->id;
    case EV_F_ACTOR:
        return &ev->actor;
    case EV_F_SYSTEM:
        return &ev->system;
    case EV_F_ACTION:
        return &ev->action;
    case EV_F_SUBJECT:
        return &ev->subject;
    case EV_F_SUBJECT_TYPE:
        return &ev->subject_type;
    case EV_F_CASE:
        return &ev->case_id;
    case EV_F_PURPOSE:
        return &ev->purpose;
    case EV_F_QUERY:
        return &ev->query;
    case EV_F_CLIENT:
        return &ev->client;
    default:
        return NULL;
    }
}
#endif
