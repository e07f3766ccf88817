/* ev_parse — one JSON Lines record → canonical event, or a reason why not. */
#ifndef WACHTER_EV_PARSE_H
#define WACHTER_EV_PARSE_H
#include <stddef.h>

#include "normalise/event.h"
#include "util/arena.h"

enum { EV_MAX_LINE = 65536 }; /* longer lines are quarantined */

/* Parses line[0..len) (no newline) into *ev; strings live in arena a.
 * Returns 0, or -1 with *why set to a reason for a person (a static string
 * or one in the arena), e.g. "missing required field 'ts'".
 * Field aliases from the BRP API (x-gebruiker, x-doelbinding,
 * x-verwerking, x-origin-oin) fill actor, purpose, case and system. */
int ev_parse(const char *line, size_t len, arena *a, ev_event *ev, const char **why);

/* The general parser behind ev_parse(), built on cJSON: same contract.
 * ev_parse() tries ev_fast_parse() first and comes here for every line the
 * fast path declines; tests and the fuzz target compare the two. */
int ev_parse_json(const char *line, size_t len, arena *a, ev_event *ev, const char **why);
#endif
