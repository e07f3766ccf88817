/* fuzz_otlp — libFuzzer target for the Logboek Dataverwerkingen decoder
 * (input/otlp_json.h): a request body through otlp_decode_traces, and the
 * same bytes as an audit record through otlp_decode_record.
 *
 * Invariants, any broken one aborts:
 *  - decoding never crashes; a body is either refused with a reason, or
 *    every span in it is a record, good or with a reason;
 *  - a good span has a trace id of 32 and a span id of 16 lowercase hex
 *    digits, a time between 1970 and 2100, an activity, a subject and an
 *    action;
 *  - the event a good span makes (otlp_event_json) is an event to the
 *    ingest's parser (ev_parse) with the span's id, time, subject, action
 *    (lowercased, as every event's) and system and the given actor and purpose: nothing a sender
 * writes makes the joined event a line the pipeline refuses or reads otherwise;
 *  - a good span kept waiting (otlp_rec_json) reads back
 *    (otlp_decode_record) with the same fields.
 *
 *   make fuzz (FUZZ_TIME=300)   (clang, -fsanitize=fuzzer,address,undefined) */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "input/ev_parse.h"
#include "input/otlp_json.h"
#include "normalise/ts.h"

static int is_hex(const char *s, size_t n)
{
    if (strlen(s) != n) return 0;
    for (size_t i = 0; i < n; i++)
        if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f'))) return 0;
    return 1;
}

#define CHECK(c)                                                                                   \
    do {                                                                                           \
        if (!(c)) abort();                                                                         \
    } while (0)

static void check_span(const otlp_rec *r, arena *a)
{
    CHECK(is_hex(r->trace, 32) && is_hex(r->op, 16));
    CHECK(ts_check_ms(r->ts) == TS_OK);
    CHECK(*r->activity && *r->subject && *r->action);
    buf b = {0};
    CHECK(otlp_event_json(r, "fuzz-actor", "fuzz purpose", &b) == 0);
    ev_event ev;
    const char *why = NULL;
    CHECK(ev_parse(b.data, b.len, a, &ev, &why) == 0);
    char id[64];
    snprintf(id, sizeof id, "%s:%s", r->trace, r->op);
    CHECK(strcmp(ev.id, id) == 0 && ev.ts == r->ts);
    CHECK(strcmp(ev.actor, "fuzz-actor") == 0 && strcmp(ev.purpose, "fuzz purpose") == 0);
    /* (actions are case-insensitive: the event's is lowercased) */
    CHECK(strcmp(ev.subject, r->subject) == 0 && strcasecmp(ev.action, r->action) == 0 &&
          strcmp(ev.system, r->system) == 0);
    buf_reset(&b);
    CHECK(otlp_rec_json(r, &b) == 0);
    otlp_rec back;
    CHECK(otlp_decode_record(b.data, b.len, 0, a, &back) == 0);
    CHECK(strcmp(back.trace, r->trace) == 0 && strcmp(back.op, r->op) == 0 && back.ts == r->ts);
    CHECK(strcmp(back.subject, r->subject) == 0 && strcmp(back.activity, r->activity) == 0 &&
          strcmp(back.action, r->action) == 0 && strcmp(back.system, r->system) == 0 &&
          strcmp(back.user, r->user) == 0);
    buf_free(&b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    arena *a = arena_new(1 << 16);
    CHECK(a);
    otlp_rec *recs;
    size_t n;
    const char *why = NULL;
    if (otlp_decode_traces((const char *)data, size, a, &recs, &n, &why) == 0) {
        for (size_t i = 0; i < n; i++)
            if (!recs[i].why)
                check_span(&recs[i], a);
            else
                CHECK(recs[i].raw && recs[i].nraw > 0);
    } else {
        CHECK(why && *why);
    }
    otlp_rec r;
    if (otlp_decode_record((const char *)data, size, 1, a, &r) == 0)
        CHECK(*r.user && is_hex(r.trace, 32) && is_hex(r.op, 16));
    else
        CHECK(r.why && *r.why);
    arena_free(a);
    return 0;
}
