#include "normalise/event.h"

#include <stdio.h>
#include <string.h>

#include "util/strmap.h"

/* Mixes one field into a running hash; the separator keeps "ab","c" and
 * "a","bc" apart. */
static uint64_t mix(uint64_t h, const char *s)
{
    uint64_t f = hash64(s, strlen(s));
    return (h ^ f) * 0x9E3779B97F4A7C15ULL + (h >> 29);
}

int ev_finish(ev_event *ev, arena *a)
{
    if (!ev->id[0]) {
        /* No id from the source: derive one from what the event says, so
         * the same look-up ingested twice gets the same id. */
        char num[48];
        snprintf(num, sizeof num, "%lld|%lld", (long long)ev->ts, (long long)ev->results);
        uint64_t h = mix(0, num);
        const char *f[] = {ev->actor,   ev->system,  ev->action,  ev->subject, ev->subject_type,
                           ev->case_id, ev->purpose, ev->query,   ev->client,  ev->attrs};
        for (size_t i = 0; i < sizeof f / sizeof *f; i++) h = mix(h, f[i]);
        char *id = arena_alloc(a, 24);
        if (!id) return -1;
        snprintf(id, 24, "h:%016llx", (unsigned long long)h);
        ev->id = id;
    }
    ev->key = mix(mix(0x5741434854ULL, ev->system), ev->id) & 0x7FFFFFFFFFFFFFFFULL;
    return 0;
}
