#include "normalise/event.h"

#include <stdio.h>
#include <string.h>

#include "util/strmap.h"

/* Mixes one field's hash into a running hash; mixing per field keeps
 * "ab","c" and "a","bc" apart. */
static uint64_t mix_hash(uint64_t h, uint64_t f)
{
    return (h ^ f) * 0x9E3779B97F4A7C15ULL + (h >> 29);
}

static uint64_t hash_str(const char *s)
{
    return hash64(s, strlen(s));
}

static uint64_t mix(uint64_t h, const char *s)
{
    return mix_hash(h, hash_str(s));
}

uint64_t ev_key(uint64_t system_hash, uint64_t id_hash)
{
    return mix_hash(mix_hash(0x5741434854ULL, system_hash), id_hash) & 0x7FFFFFFFFFFFFFFFULL;
}

int ev_finish(ev_event *ev, arena *a)
{
    if (!ev->id[0]) {
        /* No id from the source: derive one from what the event says, so
         * the same look-up ingested twice gets the same id. */
        char num[48];
        snprintf(num, sizeof num, "%lld|%lld", (long long)ev->ts, (long long)ev->results);
        uint64_t h = mix(0, num);
        const char *f[] = {ev->actor,   ev->system,  ev->action, ev->subject, ev->subject_type,
                           ev->case_id, ev->purpose, ev->query,  ev->client,  ev->attrs};
        for (size_t i = 0; i < sizeof f / sizeof *f; i++)
            h = mix(h, f[i]);
        char *id = arena_alloc(a, 24);
        if (!id) return -1;
        snprintf(id, 24, "h:%016llx", (unsigned long long)h);
        ev->id = id;
    }
    ev->key = ev_key(hash_str(ev->system), hash_str(ev->id));
    return 0;
}
