/* ev_check — comparing parsed events, shared by the parser's tests and its
 * fuzz target (which has no cmocka: the field reader is for the tests). */
#ifndef WACHTER_TESTS_EV_CHECK_H
#define WACHTER_TESTS_EV_CHECK_H
#include <stdio.h>
#include <string.h>

#include "normalise/event.h"

/* Whether two parses gave the same event, field by field. */
static inline int ev_same(const ev_event *x, const ev_event *y)
{
    const char *sx[] = {x->id,      x->actor,   x->system, x->action, x->subject, x->subject_type,
                        x->case_id, x->purpose, x->query,  x->client, x->attrs};
    const char *sy[] = {y->id,      y->actor,   y->system, y->action, y->subject, y->subject_type,
                        y->case_id, y->purpose, y->query,  y->client, y->attrs};
    for (size_t i = 0; i < sizeof sx / sizeof *sx; i++)
        if (strcmp(sx[i], sy[i]) != 0) return 0;
    return x->ts == y->ts && x->results == y->results && x->key == y->key;
}

#ifdef fail_msg
/* A field of ev as text (numbers written into tmp), for comparing with a
 * test's table; the test fails on a name it does not know. */
static inline const char *ev_field_text(const ev_event *ev, const char *name, char tmp[32])
{
    if (strcmp(name, "ts") == 0) return snprintf(tmp, 32, "%lld", (long long)ev->ts), tmp;
    if (strcmp(name, "results") == 0) return snprintf(tmp, 32, "%lld", (long long)ev->results), tmp;
    if (strcmp(name, "attrs") == 0) return ev->attrs;
    if (strcmp(name, "id") == 0) return ev->id;
    if (strcmp(name, "actor") == 0) return ev->actor;
    if (strcmp(name, "action") == 0) return ev->action;
    if (strcmp(name, "subject") == 0) return ev->subject;
    if (strcmp(name, "subject_type") == 0) return ev->subject_type;
    if (strcmp(name, "case") == 0) return ev->case_id;
    if (strcmp(name, "query") == 0) return ev->query;
    fail_msg("no field %s", name);
    return NULL;
}
#endif
#endif
