/* ev_fast — single-pass parser for the common shape of an event line.
 *
 * Takes a flat JSON object whose known keys hold strings, whole numbers or
 * null, and whose unknown keys hold any JSON built from those (plus true,
 * false, objects, arrays).  Anything it is not sure of — bad lines included —
 * it declines, and the caller uses ev_parse_json(), which decides values and
 * reasons for everything else.  On the lines it accepts, the event is the one
 * ev_parse_json() would produce, byte for byte (tests/fuzz checks this). */
#ifndef WACHTER_EV_FAST_H
#define WACHTER_EV_FAST_H
#include <stddef.h>

#include "normalise/event.h"
#include "util/arena.h"

enum { EV_FAST_DECLINED = -1, EV_FAST_NOMEM = -2 };

/* Parses line[0..len) into *ev; strings live in arena a (nothing is
 * allocated when the line is declined).  Returns 0, EV_FAST_DECLINED when
 * the line is not in the shape this parser knows or is bad (*ev is then
 * unspecified), or EV_FAST_NOMEM. */
int ev_fast_parse(const char *line, size_t len, arena *a, ev_event *ev);

/* The field (enum ev_field in ev_fields.h) that key[0..n) fills, or -1. */
int ev_fast_field(const char *key, size_t n);
#endif
