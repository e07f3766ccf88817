#include "store/store_events.h"
#include "store/store_int.h"

#include <stdio.h>
#include <string.h>

#include "store/store_post.h"
#include "store/store_rowid.h"
#include "util/strmap.h"

#define INSERT_INTO                                                                                \
    "INSERT OR IGNORE INTO events(rowkey, id, actor, system, action, subject, subject_type,"       \
    " case_id, purpose, query, results, client, attrs, arrival) VALUES"
#define ROW "(?,?,?,?,?,?,?,?,?,?,?,?,?,?)"
enum { COLS = 14 };
static const char *SQL_INSERT = INSERT_INTO ROW;
static const char *SQL_INSERT_MANY = /* STORE_PUT_MANY (eight) rows */
    INSERT_INTO ROW "," ROW "," ROW "," ROW "," ROW "," ROW "," ROW "," ROW;
_Static_assert(STORE_PUT_MANY == 8, "SQL_INSERT_MANY spells out eight rows");
static const char *SQL_FOUND =
    "SELECT arrival, id = ?2 AND system = ?3 FROM events WHERE rowid = ?1";

/* The event stored at rowid: its *arrival, and whether it is ev (*same;
 * 0: another event holds the rowid, a collision). 1 when there is one, 0
 * when the rowid is free, -1 on error. */
static int found(store *s, const ev_event *ev, int64_t rowid, int64_t *arrival, int *same)
{
    sqlite3_stmt *st = store_stmt(s, SQL_FOUND);
    if (!st) return -1;
    sqlite3_bind_int64(st, 1, rowid);
    sqlite3_bind_text(st, 2, ev->id, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, ev->system, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        *arrival = sqlite3_column_int64(st, 0);
        *same = sqlite3_column_int(st, 1);
    }
    sqlite3_reset(st);
    return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

/* Binds ev as the row whose first parameter is at (1-based). */
static void bind_event(sqlite3_stmt *st, int at, const ev_event *ev, int64_t rowid, int64_t arrival)
{
    const char *txt[] = {ev->id,           ev->actor,   ev->system,  ev->action, ev->subject,
                         ev->subject_type, ev->case_id, ev->purpose, ev->query};
    sqlite3_bind_int64(st, at, rowid); /* its time too: ts is computed from it */
    for (int i = 0; i < 9; i++)
        sqlite3_bind_text(st, at + i + 1, txt[i], -1, SQLITE_STATIC);
    if (ev->results >= 0) sqlite3_bind_int64(st, at + 10, ev->results); /* else NULL: store_stmt */
    sqlite3_bind_text(st, at + 11, ev->client, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, at + 12, ev->attrs, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, at + 13, arrival);
}

/* ev's rowid on the probe-th try (0 first): the next slot after a collision. */
static int64_t rowid_at(const ev_event *ev, uint64_t probe)
{
    return store_rowid_of(ev->ts, ev->key + probe);
}

/* Notes the stored ev's postings, found again by subject and actor. */
static int posted(store *s, const ev_event *ev, int64_t rowid)
{
    return store_post_note(store_posts(s), rowid, ev->subject, ev->actor);
}

/* 1 when ev's time fits a rowid (ev_parse refuses the others), else 0
 * with the reason kept for store_errmsg. */
static int time_fits(store *s, const ev_event *ev)
{
    if (ev->ts >= 0 && ev->ts < STORE_ROWID_TS_END) return 1;
    char why[160];
    snprintf(why, sizeof why, "event %s: its time %lld ms is outside what the store keeps", ev->id,
             (long long)ev->ts);
    store_set_errmsg(s, why);
    return 0;
}

static int put_event(store *s, const ev_event *ev, int64_t arrival, int *inserted)
{
    /* Another event in ev's slot (same time, same low bits of the key) is a
     * collision, resolved by probing the next slot: no event is ever
     * dropped for a hash that merely matches. */
    if (!time_fits(s, ev)) return -1;
    for (uint64_t probe = 0; probe < STORE_ROWID_PROBES; probe++) {
        int64_t rowid = rowid_at(ev, probe), had;
        sqlite3_stmt *st = store_stmt(s, SQL_INSERT);
        if (!st) return -1;
        bind_event(st, 1, ev, rowid, arrival);
        if (store_step_done(st) < 0) return -1;
        if (sqlite3_changes(store_db(s)) == 1) {
            *inserted = 1;
            return posted(s, ev, rowid);
        }
        int same = 0;
        if (found(s, ev, rowid, &had, &same) < 0) return -1;
        if (same) {
            *inserted = 0;
            return 0;
        }
    }
    char why[200];
    snprintf(why, sizeof why,
             "event %s at %lld ms: its %d slots in the events table are taken by other events"
             " of that millisecond (do the source's times lack the time of day?)",
             ev->id, (long long)ev->ts, STORE_ROWID_PROBES);
    store_set_errmsg(s, why);
    return -1;
}

int store_event_stored(store *s, const ev_event *ev, int *yes)
{
    *yes = 0;
    if (ev->ts < 0 || ev->ts >= STORE_ROWID_TS_END) return 0;
    for (uint64_t probe = 0; probe < STORE_ROWID_PROBES; probe++) {
        int64_t had;
        int same = 0, rc = found(s, ev, rowid_at(ev, probe), &had, &same);
        if (rc <= 0) return rc; /* a free slot ends the probing: not stored */
        if (same) {
            *yes = 1;
            return 0;
        }
    }
    return 0;
}

/* After the group statement skipped some of evs (arrival numbers first,
 * first + 1, ...): which did it insert? Those whose row carries their own
 * arrival number. A row it skipped is a duplicate of an event stored
 * before or earlier in the group, or a collision, stored by put_event
 * in the next free slot. 0 or -1. */
static int sort_out(store *s, const ev_event *const *evs, size_t n, int64_t first, int *inserted)
{
    for (size_t i = 0; i < n; i++) {
        int64_t rowid = rowid_at(evs[i], 0), had = -1;
        int same = 0, rc = found(s, evs[i], rowid, &had, &same);
        if (rc <= 0) return -1; /* the statement left the slot taken */
        inserted[i] = same && had == first + (int64_t)i;
        if (inserted[i] && posted(s, evs[i], rowid) < 0) return -1;
        if (!same && put_event(s, evs[i], first + (int64_t)i, &inserted[i]) < 0) return -1;
    }
    return 0;
}

static int put_events(store *s, const ev_event *const *evs, size_t n, int *inserted)
{
    int64_t first;
    if (store_arrivals(s, (int64_t)n, &first) < 0) return -1;
    if (n != STORE_PUT_MANY) {
        for (size_t i = 0; i < n; i++)
            if (put_event(s, evs[i], first + (int64_t)i, &inserted[i]) < 0) return -1;
        return 0;
    }
    sqlite3_stmt *st = store_stmt(s, SQL_INSERT_MANY);
    if (!st) return -1;
    for (size_t i = 0; i < n; i++) {
        if (!time_fits(s, evs[i])) return -1;
        bind_event(st, (int)(i * COLS) + 1, evs[i], rowid_at(evs[i], 0), first + (int64_t)i);
    }
    if (store_step_done(st) < 0) return -1;
    if (sqlite3_changes(store_db(s)) != (int)n) return sort_out(s, evs, n, first, inserted);
    for (size_t i = 0; i < n; i++) {
        inserted[i] = 1;
        if (posted(s, evs[i], rowid_at(evs[i], 0)) < 0) return -1;
    }
    return 0;
}

int store_put_events(store *s, const ev_event *const *evs, size_t n, int *inserted)
{
    /* Outside a transaction, one of its own: the postings commit with the rows. */
    int own = sqlite3_get_autocommit(store_db(s));
    if (own && store_begin(s) < 0) return -1;
    int rc = put_events(s, evs, n, inserted);
    if (own && rc == 0) rc = store_commit(s);
    if (own && rc < 0) store_rollback(s);
    return rc;
}

int store_put_event(store *s, const ev_event *ev, int *inserted)
{
    return store_put_events(s, &ev, 1, inserted);
}

int store_events_ingest_begin(store *s)
{
    /* An ingest needs the pages its batch writes cached (the right edges of
     * the events' B-trees and the new runs of postings), not the store's
     * usual gigabyte, where every new page cost a malloc and page faults.
     * 16 MB is enough: pages the batch is done with go to the WAL before
     * the commit, which for full pages costs no extra write; a larger cache
     * was slower (more page faults). The WAL is checkpointed every 8000
     * pages (128 MB) instead of SQLite's 1000, about once a commit: pages
     * the batches share are copied into the store less often. The figures
     * are in bench/ANALYSIS.md (items 11, 17, 23, 30). */
    return store_exec(s, "PRAGMA cache_size=-16384; PRAGMA wal_autocheckpoint=8000");
}

int store_put_quarantine(store *s, const char *source, long line, const char *reason,
                         const char *raw, size_t n, int64_t at, int *inserted)
{
    char head[64];
    int hl = snprintf(head, sizeof head, "%ld|", line);
    uint64_t key = hash64(source, strlen(source)) ^ (hash64(head, (size_t)hl) * 31) ^
                   (hash64(raw, n) * 0x9E3779B97F4A7C15ULL);
    sqlite3_stmt *st = store_stmt(s, "INSERT OR IGNORE INTO quarantine(key, source, line, reason,"
                                     " raw, at) VALUES(?,?,?,?,?,?)");
    if (!st) return -1;
    sqlite3_bind_int64(st, 1, (int64_t)(key & 0x7FFFFFFFFFFFFFFFULL));
    sqlite3_bind_text(st, 2, source, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 3, line);
    sqlite3_bind_text(st, 4, reason, -1, SQLITE_STATIC);
    sqlite3_bind_blob(st, 5, raw, (int)n, SQLITE_STATIC);
    sqlite3_bind_int64(st, 6, at);
    if (store_step_done(st) < 0) return -1;
    *inserted = sqlite3_changes(store_db(s)) == 1;
    return 0;
}

int store_count_events(store *s, int64_t *n)
{
    sqlite3_stmt *st = store_stmt(s, "SELECT count(*) FROM events");
    if (!st || sqlite3_step(st) != SQLITE_ROW) return -1;
    *n = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    return 0;
}

int store_newest_event(store *s, int64_t *ms)
{
    /* The rowid leads with the time: the B-tree's last entry. */
    sqlite3_stmt *st = store_stmt(s, "SELECT max(rowid) FROM events");
    if (!st) return -1;
    int rc = sqlite3_step(st);
    *ms = rc == SQLITE_ROW ? store_rowid_ts(sqlite3_column_int64(st, 0)) : 0;
    sqlite3_reset(st);
    return rc == SQLITE_ROW ? 0 : -1;
}
