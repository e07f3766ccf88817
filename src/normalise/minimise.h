/* minimise — event fields a deployment does not need, dropped at ingest
 * before anything stores them (`wachter minimise drop LIST`, README
 * "Retention and minimisation"). A set of fields is a bit mask, so that
 * the ingest's cost per event is one test of that mask when nothing is
 * dropped and a few stores when something is. */
#ifndef WACHTER_MINIMISE_H
#define WACHTER_MINIMISE_H
#include <stddef.h>

#include "normalise/event.h"

/* The fields that can be dropped, one bit each. The others (id, ts, actor,
 * system, action, subject, case) are what detection, explanation and
 * deduplication stand on. */
enum {
    MIN_PURPOSE = 1u << 0,
    MIN_QUERY = 1u << 1,
    MIN_CLIENT = 1u << 2,
    MIN_RESULTS = 1u << 3,
    MIN_SUBJECT_TYPE = 1u << 4,
    MIN_ATTRS = 1u << 5, /* the unknown fields kept as attributes */
    MIN_ALL = (1u << 6) - 1,
};

/* How a field's name reads: its bit (> 0), MIN_NEEDED (a field that cannot
 * be dropped) or 0 (no such field). */
enum { MIN_NEEDED = -1 };
int minimise_field(const char *name);
/* The name of the one field of bit (borrowed), NULL for anything else. */
const char *minimise_name(unsigned bit);
/* The droppable fields' names, comma-separated, for messages (borrowed). */
const char *minimise_names(void);
/* Blanks in ev the fields of mask (absent: "" or -1 for results). The
 * event's id and dedupe key are computed before, so a minimised event is
 * the same event. */
void minimise_event(ev_event *ev, unsigned mask);
#endif
