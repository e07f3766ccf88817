/* fuzz_ev_parse — differential libFuzzer target: ev_parse() (the fast path
 * with its fallback) against ev_parse_json() (cJSON only).
 *
 * For every input: both accept or both reject; on reject, the same reason;
 * on accept, the same event (every string, ts, results, attrs, id, key).
 * Whenever ev_fast_parse() accepts on its own, cJSON must accept the line
 * with the same event.  A difference aborts with both events printed.
 *
 *   make fuzz [FUZZ_TIME=300]   (clang, -fsanitize=fuzzer,address,undefined) */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "input/ev_fast.h"
#include "input/ev_parse.h"

#include "../ev_check.h"

static void show(const char *name, const ev_event *e)
{
    fprintf(stderr,
            "%s: id=%s ts=%lld actor=%s system=%s action=%s subject=%s subject_type=%s "
            "case=%s purpose=%s query=%s client=%s results=%lld attrs=%s key=%llx\n",
            name, e->id, (long long)e->ts, e->actor, e->system, e->action, e->subject,
            e->subject_type, e->case_id, e->purpose, e->query, e->client, (long long)e->results,
            e->attrs, (unsigned long long)e->key);
}

static void differ(const char *what, const uint8_t *data, size_t size)
{
    fprintf(stderr, "ev_parse differs from ev_parse_json: %s\nline: %.*s\n", what, (int)size,
            (const char *)data);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > EV_MAX_LINE) return 0;
    const char *line = (const char *)data;
    arena *a = arena_new(4096), *b = arena_new(4096), *c = arena_new(4096);
    if (!a || !b || !c) abort();
    ev_event ev, ej, ef;
    const char *why = NULL, *wj = NULL;
    int r = ev_parse(line, size, a, &ev, &why);
    int rj = ev_parse_json(line, size, b, &ej, &wj);
    int rf = ev_fast_parse(line, size, c, &ef);
    if ((r == 0) != (rj == 0)) {
        differ(r == 0 ? "accepted, cJSON rejects" : "rejected, cJSON accepts", data, size);
        fprintf(stderr, "reason: %s\n", r == 0 ? wj : why);
        abort();
    }
    if (r != 0 && strcmp(why, wj) != 0) {
        differ("reasons", data, size);
        fprintf(stderr, "ev_parse: %s\nev_parse_json: %s\n", why, wj);
        abort();
    }
    if (r == 0 && !ev_same(&ev, &ej)) {
        differ("events", data, size);
        show("ev_parse", &ev);
        show("ev_parse_json", &ej);
        abort();
    }
    if (rf == 0 && (rj != 0 || !ev_same(&ef, &ej))) {
        differ("fast path", data, size);
        show("ev_fast_parse", &ef);
        if (rj == 0)
            show("ev_parse_json", &ej);
        else
            fprintf(stderr, "ev_parse_json rejects: %s\n", wj);
        abort();
    }
    arena_free(a);
    arena_free(b);
    arena_free(c);
    return 0;
}
