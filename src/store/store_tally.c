#include "store/store_tally.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "normalise/ts.h"
#include "util/hll.h"
#include "util/strmap.h"

/* Days behind the newest that the in-memory dedupe remembers. */
enum { KEEP_DAYS = 1, SEEN_MIN = 1 << 16 };

struct store_tally {
    uint64_t *seen; /* hashes of (actor, subject, day); 0 = empty slot */
    int32_t *seen_day;
    size_t cap, n;
    int32_t newest;
    strmap *keys; /* "actor\x1fday" noted since the last flush */
    uint32_t *subjects, *events;
    size_t kcap;
    uint8_t hll[HLL_M];
    int hll_dirty;
    int64_t newest_ts; /* since the last flush; 0 = none */
};

store_tally *store_tally_new(void)
{
    store_tally *t = calloc(1, sizeof *t);
    if (!t) return NULL;
    t->cap = SEEN_MIN;
    t->seen = calloc(t->cap, sizeof *t->seen);
    t->seen_day = calloc(t->cap, sizeof *t->seen_day);
    t->keys = strmap_new();
    if (!t->seen || !t->seen_day || !t->keys) {
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
    strmap_free(t->keys);
    free(t->subjects);
    free(t->events);
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
    uint64_t *seen = calloc(cap, sizeof *seen);
    int32_t *day = calloc(cap, sizeof *day);
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

/* Counters of (actor, day) for this batch; NULL when out of memory. */
static uint32_t *batch_slot(store_tally *t, const char *actor, int32_t day, uint32_t **events)
{
    char key[320];
    int kl = snprintf(key, sizeof key, "%s\x1f%d", actor, day);
    if (kl >= (int)sizeof key) return NULL; /* actor ids are short; refuse, don't truncate */
    uint32_t id;
    int rc = strmap_intern(t->keys, key, (size_t)kl, &id);
    if (rc < 0) return NULL;
    if (id >= t->kcap) {
        size_t nc = t->kcap ? t->kcap * 2 : 256;
        uint32_t *ns = realloc(t->subjects, nc * sizeof *ns);
        if (!ns) return NULL;
        t->subjects = ns;
        uint32_t *ne = realloc(t->events, nc * sizeof *ne);
        if (!ne) return NULL;
        t->events = ne;
        t->kcap = nc;
    }
    if (rc == 1) t->subjects[id] = t->events[id] = 0;
    *events = &t->events[id];
    return &t->subjects[id];
}

int store_tally_note(store_tally *t, const char *actor, int64_t ts, const char *subject)
{
    int32_t day = (int32_t)(ts / TS_DAY_MS);
    if (ts > t->newest_ts) t->newest_ts = ts;
    uint32_t *events, *subjects = batch_slot(t, actor, day, &events);
    if (!subjects) return -1;
    (*events)++;
    if (!subject[0]) return 0;
    uint64_t hs = hash64(subject, strlen(subject));
    hll_add(t->hll, hs);
    t->hll_dirty = 1;
    uint64_t h = (hash64(actor, strlen(actor)) * 0x9E3779B97F4A7C15ULL ^ hs) +
                 (uint64_t)day * 0xC2B2AE3D27D4EB4FULL;
    int fresh = seen_add(t, h ? h : 1, day);
    if (fresh < 0) return -1;
    *subjects += (uint32_t)fresh;
    return 0;
}

static const char *SQL_DAY =
    "INSERT INTO actor_day(actor, day, subjects, events) VALUES(?1, ?2, ?3, ?4)"
    " ON CONFLICT(actor, day) DO UPDATE SET subjects = subjects + excluded.subjects,"
    " events = events + excluded.events";
/* An update only: a store without the row gets it whole when first read. */
static const char *SQL_NEWEST = "UPDATE tallies SET n = max(n, ?1) WHERE name = 'newest_event'";
static const char *SQL_SKETCH_GET = "SELECT data FROM tallies WHERE name = 'event_subjects'";
static const char *SQL_SKETCH_PUT =
    "INSERT OR REPLACE INTO tallies(name, n, data) VALUES('event_subjects', ?1, ?2)";

static int flush_days(store_tally *t, store *s)
{
    for (uint32_t id = 0; id < strmap_count(t->keys); id++) {
        const char *key = strmap_key(t->keys, id), *sep = strchr(key, '\x1f');
        sqlite3_stmt *st = store_stmt(s, SQL_DAY);
        if (!st || !sep) return -1;
        sqlite3_bind_text(st, 1, key, (int)(sep - key), SQLITE_STATIC);
        sqlite3_bind_int64(st, 2, atol(sep + 1));
        sqlite3_bind_int64(st, 3, t->subjects[id]);
        sqlite3_bind_int64(st, 4, t->events[id]);
        if (store_step_done(st) < 0) return -1;
    }
    strmap_free(t->keys);
    t->keys = strmap_new();
    return t->keys ? 0 : -1;
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

static int flush_newest(store_tally *t, store *s)
{
    if (!t->newest_ts) return 0;
    sqlite3_stmt *st = store_stmt(s, SQL_NEWEST);
    if (!st) return -1;
    sqlite3_bind_int64(st, 1, t->newest_ts);
    t->newest_ts = 0;
    return store_step_done(st);
}

int store_tally_flush(store_tally *t, store *s)
{
    if (flush_days(t, s) < 0 || flush_newest(t, s) < 0) return -1;
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

int store_tally_newest(store *s, int64_t *ms)
{
    sqlite3_stmt *st = store_stmt(s, "SELECT n FROM tallies WHERE name = 'newest_event'");
    if (!st) return -1;
    int rc = sqlite3_step(st);
    *ms = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    sqlite3_reset(st);
    if (rc == SQLITE_ROW) return 0;
    if (rc != SQLITE_DONE) return -1;
    /* No row yet: read it once the slow way and keep it. */
    return store_exec(s, "INSERT OR IGNORE INTO tallies(name, n)"
                         " SELECT 'newest_event', coalesce(max(ts), 0) FROM events") < 0
               ? -1
               : store_tally_newest(s, ms);
}
