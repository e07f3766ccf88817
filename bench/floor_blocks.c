/* floor_blocks — the "blocks" layout of sqlite_floor: what SQLite takes when
 * events are kept many to a row instead of one, the layout ANALYSIS names as
 * the way to 500k events/s. Not wachter's store; a measurement to decide by.
 *
 *   eb  one row per block of up to BLOCK events of one UTC day: a header of
 *       offsets, then each event (key, ts, id, actor, subject, rest)
 *   ek  (ts, key) per event, WITHOUT ROWID: the dedupe check, an append for
 *       a time-ordered log; or, with key runs, kr: per commit one sorted
 *       run of the (ts, key) pairs. Then an event is checked against this
 *       commit's pairs in memory, and against the stored runs only when it
 *       is not later than every stored event (never, in this benchmark's
 *       time-ordered file: a late or repeated file pays a binary search in
 *       the runs that overlap, per event)
 * and the postings of floor_runs.c, ref = block << 10 | slot. There is no
 * index to keep or build: a first load and a daily ingest cost the same. */
#include "floor.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef BLOCK      /* events to a block; -DBLOCK=128 to try another (128: slower to load, */
#define BLOCK 1024 /* no faster to look up at 1M events) */
#endif
_Static_assert(BLOCK <= 1024, "a posting's ref keeps the slot in its low 10 bits");

static const char SCHEMA[] =
    "CREATE TABLE eb(id INTEGER PRIMARY KEY, day INTEGER NOT NULL, data BLOB NOT NULL);"
    "CREATE TABLE ek(ts INTEGER NOT NULL, key INTEGER NOT NULL, PRIMARY KEY(ts, key))"
    " WITHOUT ROWID;"
    "CREATE TABLE kr(id INTEGER PRIMARY KEY, t0 INTEGER NOT NULL, t1 INTEGER NOT NULL,"
    " data BLOB NOT NULL);"
    "CREATE INDEX kr_t1 ON kr(t1);" FLOOR_RUNS_SCHEMA;

typedef struct tskey {
    int64_t ts, key;
} tskey;

typedef struct loader {
    sqlite3 *db;
    sqlite3_stmt *key, *block, *krun, *overlap;
    floor_runs *runs;
    int key_runs;
    tskey *keys; /* with key runs: this commit's pairs, in arrival order */
    size_t nkeys;
    uint32_t *set;      /* index + 1 into keys, open addressing */
    size_t set_cap;     /* a power of two, over twice the commit */
    int64_t newest;     /* ts of the newest stored pair; -1 when none */
    unsigned char *buf; /* the block being filled */
    size_t len, cap;
    uint32_t off[BLOCK];
    int n;
    int64_t day, block_id;
} loader;

static int put(loader *l, const void *p, size_t n)
{
    if (l->len + n > l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 1 << 18;
        while (cap < l->len + n)
            cap *= 2;
        unsigned char *b = realloc(l->buf, cap);
        if (!b) return -1;
        l->buf = b;
        l->cap = cap;
    }
    memcpy(l->buf + l->len, p, n);
    l->len += n;
    return 0;
}

static int put_str(loader *l, const char *s, size_t n)
{
    uint16_t len = (uint16_t)n;
    return put(l, &len, sizeof len) | put(l, s, n);
}

/* Writes the block being filled: its offsets, then its events. */
static int flush_block(loader *l)
{
    if (!l->n) return 0;
    size_t head = sizeof(uint16_t) + (size_t)l->n * sizeof(uint32_t);
    unsigned char *all = malloc(head + l->len);
    if (!all) return -1;
    uint16_t n = (uint16_t)l->n;
    memcpy(all, &n, sizeof n);
    memcpy(all + sizeof n, l->off, (size_t)l->n * sizeof(uint32_t));
    memcpy(all + head, l->buf, l->len);
    sqlite3_bind_int64(l->block, 1, l->block_id);
    sqlite3_bind_int64(l->block, 2, l->day);
    sqlite3_bind_blob(l->block, 3, all, (int)(head + l->len), free);
    int rc = sqlite3_step(l->block) == SQLITE_DONE ? 0 : -1;
    sqlite3_reset(l->block);
    l->block_id++;
    l->n = 0;
    l->len = 0;
    return rc;
}

static size_t slot_of(const loader *l, int64_t ts, int64_t key)
{
    uint64_t h = ((uint64_t)ts * 0x9E3779B97F4A7C15ULL) ^ (uint64_t)key;
    return (size_t)(h ^ h >> 32) & (l->set_cap - 1);
}

static int cmp_tskey(const void *a, const void *b)
{
    const tskey *x = a, *y = b;
    if (x->ts != y->ts) return (x->ts > y->ts) - (x->ts < y->ts);
    return (x->key > y->key) - (x->key < y->key);
}

/* 1 when a stored run holds (ts, key): a binary search in each run whose
 * period covers ts. 0, or -1 on error. */
static int stored_has(loader *l, int64_t ts, int64_t key)
{
    int found = 0;
    tskey want = {ts, key}, at;
    sqlite3_bind_int64(l->overlap, 1, ts);
    while (!found && sqlite3_step(l->overlap) == SQLITE_ROW) {
        sqlite3_blob *b;
        long lo = 0, hi = sqlite3_column_int64(l->overlap, 1) / (long)sizeof at;
        if (sqlite3_blob_open(l->db, "main", "kr", "data", sqlite3_column_int64(l->overlap, 0), 0,
                              &b) != SQLITE_OK) {
            found = -1;
            break;
        }
        while (lo < hi) {
            long mid = lo + (hi - lo) / 2;
            if (sqlite3_blob_read(b, &at, sizeof at, (int)(mid * (long)sizeof at)) != SQLITE_OK) {
                found = -1;
                break;
            }
            int c = cmp_tskey(&at, &want);
            if (c == 0) found = 1;
            if (c <= 0)
                lo = mid + 1;
            else
                hi = mid;
            if (found) break;
        }
        sqlite3_blob_close(b);
    }
    sqlite3_reset(l->overlap);
    return found;
}

/* With key runs: 1 when (ts, key) was seen before (this commit or stored),
 * else 0 and it is noted; -1 on error. */
static int seen(loader *l, int64_t ts, int64_t key)
{
    size_t i = slot_of(l, ts, key);
    for (; l->set[i]; i = (i + 1) & (l->set_cap - 1)) {
        const tskey *k = &l->keys[l->set[i] - 1];
        if (k->ts == ts && k->key == key) return 1;
    }
    if (ts <= l->newest) {
        int rc = stored_has(l, ts, key);
        if (rc) return rc;
    }
    l->keys[l->nkeys] = (tskey){ts, key};
    l->set[i] = (uint32_t)++l->nkeys;
    return 0;
}

/* With key runs: writes this commit's pairs as one sorted run. */
static int flush_keys(loader *l)
{
    if (!l->nkeys) return 0;
    for (size_t i = 1; i < l->nkeys; i++)
        if (cmp_tskey(&l->keys[i - 1], &l->keys[i]) > 0) {
            qsort(l->keys, l->nkeys, sizeof *l->keys, cmp_tskey);
            break;
        }
    int64_t t1 = l->keys[l->nkeys - 1].ts;
    sqlite3_bind_int64(l->krun, 1, l->keys[0].ts);
    sqlite3_bind_int64(l->krun, 2, t1);
    sqlite3_bind_blob(l->krun, 3, l->keys, (int)(l->nkeys * sizeof *l->keys), SQLITE_STATIC);
    int rc = sqlite3_step(l->krun) == SQLITE_DONE ? 0 : -1;
    sqlite3_reset(l->krun);
    if (t1 > l->newest) l->newest = t1;
    l->nkeys = 0;
    memset(l->set, 0, l->set_cap * sizeof *l->set);
    return rc;
}

/* One event: the dedupe check, then into the open block and postings. */
static int add(loader *l, const floor_event *e)
{
    int64_t day = e->ts / 86400000;
    if (day != l->day && flush_block(l) < 0) return -1;
    l->day = day;
    if (l->key_runs) {
        int rc = seen(l, e->ts, e->key);
        if (rc) return rc < 0 ? -1 : 0;
    } else {
        sqlite3_bind_int64(l->key, 1, e->ts);
        sqlite3_bind_int64(l->key, 2, e->key);
        if (sqlite3_step(l->key) != SQLITE_DONE) return -1;
        sqlite3_reset(l->key);
        if (sqlite3_changes(l->db) == 0) return 0; /* stored before */
    }
    if (floor_runs_add(l->runs, day, e->subject, e->actor,
                       (uint64_t)l->block_id << 10 | (uint64_t)l->n) < 0)
        return -1;
    l->off[l->n] = (uint32_t)l->len;
    if (put(l, &e->key, sizeof e->key) | put(l, &e->ts, sizeof e->ts) |
        put_str(l, e->id, strlen(e->id)) | put_str(l, e->actor, strlen(e->actor)) |
        put_str(l, e->subject, strlen(e->subject)) | put_str(l, e->rest, strlen(e->rest)))
        return -1;
    if (++l->n == BLOCK) return flush_block(l);
    return 0;
}

/* Ends a commit: the open block, the open day's postings, the pairs. */
static int commit(loader *l, const char *sql)
{
    if (flush_block(l) < 0 || floor_runs_flush(l->runs) < 0 || (l->key_runs && flush_keys(l) < 0))
        return -1;
    return sqlite3_exec(l->db, sql, NULL, NULL, NULL) == SQLITE_OK ? 0 : -1;
}

/* Reads where a load into db left off: the next block's id, the newest
 * stored pair. 0 or -1. */
static int resume(loader *l)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(l->db,
                           "SELECT coalesce(max(id), 0) + 1,"
                           " (SELECT coalesce(max(t1), -1) FROM kr) FROM eb",
                           -1, &st, NULL) != SQLITE_OK)
        return -1;
    int rc = sqlite3_step(st) == SQLITE_ROW ? 0 : -1;
    l->block_id = sqlite3_column_int64(st, 0);
    l->newest = sqlite3_column_int64(st, 1);
    sqlite3_finalize(st);
    return rc;
}

double floor_blocks_load(sqlite3 *db, int key_runs, floor_source next, void *arg, long n,
                         long commit_every)
{
    loader l = {.db = db, .day = -1, .key_runs = key_runs};
    double t = -1, t0 = floor_now();
    l.set_cap = 1;
    while (l.set_cap < (size_t)commit_every * 2)
        l.set_cap *= 2;
    if (key_runs && (!(l.keys = malloc((size_t)commit_every * sizeof *l.keys)) ||
                     !(l.set = calloc(l.set_cap, sizeof *l.set))))
        goto done;
    sqlite3_exec(db, SCHEMA, NULL, NULL, NULL); /* fails when the tables exist */
    if (resume(&l) < 0 ||
        sqlite3_prepare_v2(db, "INSERT INTO kr(t0, t1, data) VALUES(?,?,?)", -1, &l.krun, NULL) ||
        sqlite3_prepare_v2(db, "SELECT id, length(data) FROM kr WHERE t1 >= ?1 AND t0 <= ?1", -1,
                           &l.overlap, NULL) ||
        sqlite3_prepare_v2(db, "INSERT OR IGNORE INTO ek VALUES(?,?)", -1, &l.key, NULL) ||
        sqlite3_prepare_v2(db, "INSERT INTO eb VALUES(?,?,?)", -1, &l.block, NULL) ||
        !(l.runs = floor_runs_new(db, 0)) || sqlite3_exec(db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
        goto done;
    floor_event e;
    for (long i = 0; i < n; i++) {
        next(arg, i, &e);
        if (add(&l, &e) < 0) goto done;
        if ((i + 1) % commit_every == 0 && commit(&l, "COMMIT; BEGIN") < 0) goto done;
    }
    if (commit(&l, "COMMIT") < 0) goto done;
    t = floor_now() - t0;
done:
    sqlite3_finalize(l.key);
    sqlite3_finalize(l.block);
    floor_runs_free(l.runs);
    sqlite3_finalize(l.krun);
    sqlite3_finalize(l.overlap);
    free(l.keys);
    free(l.set);
    free(l.buf);
    return t;
}

int floor_blocks_is(sqlite3 *db, uint64_t ref, const char *subject)
{
    sqlite3_blob *b;
    if (sqlite3_blob_open(db, "main", "eb", "data", (int64_t)(ref >> 10), 0, &b) != SQLITE_OK)
        return -1;
    uint32_t off;
    unsigned char ev[600];
    uint16_t n = 0;
    int rc = sqlite3_blob_read(b, &n, sizeof n, 0);
    int head = (int)(sizeof n + n * sizeof off);
    rc |= sqlite3_blob_read(b, &off, sizeof off, (int)(sizeof n + (ref & 1023) * sizeof off));
    int len = sqlite3_blob_bytes(b) - head - (int)off;
    if (len > (int)sizeof ev) len = (int)sizeof ev;
    rc |= sqlite3_blob_read(b, ev, len, head + (int)off);
    sqlite3_blob_close(b);
    if (rc != SQLITE_OK) return -1;
    size_t p = 16;                /* key, ts */
    for (int f = 0; f < 2; f++) { /* id, actor */
        uint16_t l;
        memcpy(&l, ev + p, sizeof l);
        p += sizeof l + l;
    }
    uint16_t l;
    memcpy(&l, ev + p, sizeof l);
    return l == strlen(subject) && memcmp(ev + p + sizeof l, subject, l) == 0;
}
