#include "store/store_tally.h"
#include "store/store_int.h"

#include <stdlib.h>
#include <string.h>

#include "normalise/ts.h"
#include "store/store_lastuse.h"
#include "util/hll.h"
#include "util/hugemem.h"
#include "util/strmap.h"

/* Days behind the newest that the in-memory dedupe remembers. */
enum { KEEP_DAYS = 1, SEEN_MIN = 1 << 16, DAYS_MIN = 1 << 10 };

/* One actor's counts for one day, since the last flush. */
typedef struct day_count {
    uint64_t key; /* day_key(actor id, day): the day is its low 32 bits */
    const char *actor;
    uint32_t subjects, events;
} day_count;

/* An actor's counts for the day it last caused an event on, not yet in
 * days: most events fall on their actor's current day, and this array,
 * indexed by actor id, is small enough to stay in the cache where the
 * days' index is not (a miss for the slot and one for the record an event:
 * half of the tally's time). */
typedef struct day_now {
    const char *actor;
    int32_t day;
    uint32_t subjects, events;
} day_now;

struct store_tally {
    day_now *now; /* by actor id; events 0 = none */
    size_t nnow;
    uint64_t *seen; /* hashes of (actor, subject, day); 0 = empty slot */
    int32_t *seen_day;
    size_t cap, n;
    int32_t newest;
    day_count *days; /* noted since the last flush, in the order first noted */
    size_t ndays, days_cap;
    uint32_t *day_at; /* open addressing over days: index + 1, 0 = empty; nat slots */
    size_t nat;
    uint8_t hll[HLL_M];
    int hll_dirty;
    store_lastuse *use;  /* the last use of rights (store_lastuse.h) */
    int64_t use_flushed; /* when use was last flushed (ts_mono_ms) */
};

store_tally *store_tally_new(void)
{
    store_tally *t = calloc(1, sizeof *t);
    if (!t) return NULL;
    t->cap = SEEN_MIN;
    t->seen = calloc(t->cap, sizeof *t->seen);
    t->seen_day = calloc(t->cap, sizeof *t->seen_day);
    t->use = store_lastuse_new();
    t->use_flushed = ts_mono_ms();
    if (!t->seen || !t->seen_day || !t->use) {
        store_tally_free(t);
        return NULL;
    }
    return t;
}

void store_tally_free(store_tally *t)
{
    if (!t) return;
    free(t->seen);
    free(t->seen_day);
    free(t->days);
    free(t->day_at);
    free(t->now);
    store_lastuse_free(t->use);
    free(t);
}

static size_t slot_of(const uint64_t *seen, size_t cap, uint64_t h)
{
    size_t i = h & (cap - 1);
    while (seen[i] && seen[i] != h)
        i = (i + 1) & (cap - 1);
    return i;
}

/* Rebuilds the set without days it no longer remembers, at a size that
 * leaves it at most a quarter full. 0 or -1. */
static int seen_rebuild(store_tally *t)
{
    size_t keep = 0;
    for (size_t i = 0; i < t->cap; i++)
        keep += t->seen[i] && t->seen_day[i] >= t->newest - KEEP_DAYS;
    size_t cap = SEEN_MIN;
    while (cap < keep * 4)
        cap *= 2;
    /* on 2 MiB pages: every event writes one slot, anywhere in them */
    uint64_t *seen = mem_huge_calloc(cap, sizeof *seen);
    int32_t *day = mem_huge_calloc(cap, sizeof *day);
    if (!seen || !day) goto fail;
    for (size_t i = 0; i < t->cap; i++) {
        if (!t->seen[i] || t->seen_day[i] < t->newest - KEEP_DAYS) continue;
        size_t j = slot_of(seen, cap, t->seen[i]);
        seen[j] = t->seen[i];
        day[j] = t->seen_day[i];
    }
    free(t->seen);
    free(t->seen_day);
    t->seen = seen;
    t->seen_day = day;
    t->cap = cap;
    t->n = keep;
    return 0;
fail:
    free(seen);
    free(day);
    return -1;
}

/* 1 when (h, day) was not seen before, 0 when it was, -1 out of memory. */
static int seen_add(store_tally *t, uint64_t h, int32_t day)
{
    if (day > t->newest) t->newest = day;
    if ((t->n + 1) * 2 > t->cap && seen_rebuild(t) < 0) return -1;
    size_t i = slot_of(t->seen, t->cap, h);
    if (t->seen[i]) return 0;
    t->seen[i] = h;
    t->seen_day[i] = day;
    t->n++;
    return 1;
}

static uint64_t day_key(int32_t actor, int32_t day)
{
    return (uint64_t)(uint32_t)actor << 32 | (uint32_t)day;
}

static size_t day_slot(const uint32_t *at, size_t nat, const day_count *days, uint64_t key)
{
    size_t i = (size_t)((key * 0x9E3779B97F4A7C15ULL) >> 32) & (nat - 1);
    while (at[i] && days[at[i] - 1].key != key)
        i = (i + 1) & (nat - 1);
    return i;
}

/* Doubles the index over t->days (kept at most half full). 0 or -1. */
static int days_grow(store_tally *t)
{
    size_t nat = t->nat ? t->nat * 2 : DAYS_MIN;
    uint32_t *at = calloc(nat, sizeof *at);
    day_count *days = realloc(t->days, nat / 2 * sizeof *days);
    if (!at || !days) {
        free(at);
        if (days) t->days = days;
        return -1;
    }
    for (size_t i = 0; i < t->ndays; i++)
        at[day_slot(at, nat, days, days[i].key)] = (uint32_t)i + 1;
    free(t->day_at);
    t->day_at = at;
    t->nat = nat;
    t->days = days;
    t->days_cap = nat / 2;
    return 0;
}

/* The counts of (actor, day) since the last flush; NULL when out of memory. */
static day_count *day_of(store_tally *t, int32_t actor, const char *name, int32_t day)
{
    uint64_t key = day_key(actor, day);
    if (t->ndays == t->days_cap && days_grow(t) < 0) return NULL;
    size_t i = day_slot(t->day_at, t->nat, t->days, key);
    if (t->day_at[i]) return &t->days[t->day_at[i] - 1];
    day_count *c = &t->days[t->ndays++];
    *c = (day_count){.key = key, .actor = name};
    t->day_at[i] = (uint32_t)t->ndays;
    return c;
}

/* A well-mixed 64-bit hash of (actor, subject, day), never 0. */
static uint64_t seen_hash(int32_t actor, uint64_t subject, int32_t day)
{
    uint64_t h = subject ^ day_key(actor, day) * 0xC2B2AE3D27D4EB4FULL;
    h ^= h >> 33;
    h *= 0xFF51AFD7ED558CCDULL;
    h ^= h >> 33;
    return h ? h : 1;
}

/* Moves an actor's current day's counts into days. 0 or -1. */
static int now_spill(store_tally *t, int32_t actor, day_now *n)
{
    if (!n->events) return 0;
    day_count *c = day_of(t, actor, n->actor, n->day);
    if (!c) return -1;
    c->subjects += n->subjects;
    c->events += n->events;
    n->subjects = n->events = 0;
    return 0;
}

/* actor's current day, made day; NULL when out of memory. */
static day_now *now_of(store_tally *t, int32_t actor, const char *name, int32_t day)
{
    if ((size_t)actor >= t->nnow) {
        size_t nn = t->nnow ? t->nnow : 1024;
        while (nn <= (size_t)actor)
            nn *= 2;
        day_now *v = realloc(t->now, nn * sizeof *v);
        if (!v) return NULL;
        memset(v + t->nnow, 0, (nn - t->nnow) * sizeof *v);
        t->now = v;
        t->nnow = nn;
    }
    day_now *n = &t->now[actor];
    if (n->events && n->day != day && now_spill(t, actor, n) < 0) return NULL;
    n->actor = name;
    n->day = day;
    return n;
}

int store_tally_note(store_tally *t, int32_t actor, const char *name, int64_t ts,
                     const char *subject)
{
    if (actor < 0) return -1;
    int32_t day = (int32_t)(ts / TS_DAY_MS);
    day_now *c = now_of(t, actor, name, day);
    if (!c) return -1;
    c->events++;
    if (!subject[0]) return 0;
    uint64_t hs = hash64(subject, strlen(subject));
    hll_add(t->hll, hs);
    t->hll_dirty = 1;
    int fresh = seen_add(t, seen_hash(actor, hs, day), day);
    if (fresh < 0) return -1;
    c->subjects += (uint32_t)fresh;
    return 0;
}

void store_tally_ahead(const store_tally *t, int32_t actor, int64_t ts, const char *subject)
{
    if (!t || actor < 0 || !subject[0]) return;
    int32_t day = (int32_t)(ts / TS_DAY_MS);
    size_t i = seen_hash(actor, hash64(subject, strlen(subject)), day) & (t->cap - 1);
    __builtin_prefetch(&t->seen[i], 1);
    __builtin_prefetch(&t->seen_day[i], 1);
}

static const char *SQL_DAY =
    "INSERT INTO actor_day(actor, day, subjects, events) VALUES(?1, ?2, ?3, ?4)"
    " ON CONFLICT(actor, day) DO UPDATE SET subjects = subjects + excluded.subjects,"
    " events = events + excluded.events";
static const char *SQL_SKETCH_GET = "SELECT data FROM tallies WHERE name = 'event_subjects'";
static const char *SQL_SKETCH_PUT =
    "INSERT OR REPLACE INTO tallies(name, n, data) VALUES('event_subjects', ?1, ?2)";

static int flush_days(store_tally *t, store *s)
{
    for (size_t a = 0; a < t->nnow; a++)
        if (now_spill(t, (int32_t)a, &t->now[a]) < 0) return -1;
    for (size_t i = 0; i < t->ndays; i++) {
        const day_count *c = &t->days[i];
        sqlite3_stmt *st = store_stmt(s, SQL_DAY);
        if (!st) return -1;
        sqlite3_bind_text(st, 1, c->actor, -1, SQLITE_STATIC);
        sqlite3_bind_int64(st, 2, (int32_t)(uint32_t)c->key);
        sqlite3_bind_int64(st, 3, c->subjects);
        sqlite3_bind_int64(st, 4, c->events);
        if (store_step_done(st) < 0) return -1;
    }
    t->ndays = 0;
    if (t->day_at) memset(t->day_at, 0, t->nat * sizeof *t->day_at);
    return 0;
}

/* Merges the stored sketch into reg. 1 when the store has one, 0 when it
 * has none (it predates the sketch and must be rebuilt), -1 on error. */
static int sketch_merge_stored(store *s, uint8_t reg[HLL_M])
{
    sqlite3_stmt *st = store_stmt(s, SQL_SKETCH_GET);
    if (!st) return -1;
    int rc = sqlite3_step(st), have = 0;
    if (rc == SQLITE_ROW) {
        have = 1;
        if (sqlite3_column_bytes(st, 0) == HLL_M) hll_merge(reg, sqlite3_column_blob(st, 0));
    }
    sqlite3_reset(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? have : -1;
}

static int sketch_put(store *s, const uint8_t reg[HLL_M])
{
    sqlite3_stmt *st = store_stmt(s, SQL_SKETCH_PUT);
    if (!st) return -1;
    sqlite3_bind_int64(st, 1, (int64_t)(hll_count(reg) + 0.5));
    sqlite3_bind_blob(st, 2, reg, HLL_M, SQLITE_STATIC);
    return store_step_done(st);
}

int store_tally_use(store_tally *t, int32_t actor, const char *name, const char *system,
                    const char *action, int64_t ts)
{
    return store_lastuse_note(t->use, actor, name, system, action, ts);
}

int store_tally_flush(store_tally *t, store *s, int last)
{
    if (flush_days(t, s) < 0) return -1;
    /* The last uses of rights once a minute (and at the end), not with
     * every batch: a batch's commit would write again every pair of
     * actor, system and action it saw, most of them each time. */
    int64_t now = ts_mono_ms();
    if (last || now - t->use_flushed >= STORE_TALLY_USE_EVERY_MS) {
        if (store_lastuse_flush(t->use, s) < 0) return -1;
        t->use_flushed = now;
    }
    if (!t->hll_dirty) return 0;
    /* A store without a sketch gets a whole one when it is first read:
     * writing this partial one would make it look complete. */
    int have = sketch_merge_stored(s, t->hll);
    if (have < 0 || (have && sketch_put(s, t->hll) < 0)) return -1;
    t->hll_dirty = 0;
    return 0;
}

/* Builds the sketch from every stored event's subject and stores it. */
static int sketch_rebuild(store *s)
{
    uint8_t *reg = calloc(HLL_M, 1);
    sqlite3_stmt *st = NULL;
    int rc = -1;
    if (!reg) return -1;
    if (sqlite3_prepare_v2(store_db(s), "SELECT DISTINCT subject FROM events WHERE subject <> ''",
                           -1, &st, NULL) != SQLITE_OK)
        goto done;
    int step;
    while ((step = sqlite3_step(st)) == SQLITE_ROW)
        hll_add(reg, hash64(sqlite3_column_text(st, 0), (size_t)sqlite3_column_bytes(st, 0)));
    if (step == SQLITE_DONE) rc = sketch_put(s, reg);
done:
    sqlite3_finalize(st);
    free(reg);
    return rc;
}

int store_tally_subjects(store *s, int64_t *event_subjects, int64_t *ref_subjects)
{
    uint8_t reg[HLL_M] = {0};
    int have = sketch_merge_stored(s, reg);
    if (have < 0 || (!have && sketch_rebuild(s) < 0)) return -1;
    if (!have && sketch_merge_stored(s, reg) != 1) return -1;
    *event_subjects = (int64_t)(hll_count(reg) + 0.5);
    sqlite3_stmt *st = store_stmt(s, "SELECT n FROM tallies WHERE name = 'ref_subjects'");
    if (!st) return -1;
    *ref_subjects = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    sqlite3_reset(st);
    return 0;
}
