#include "store/store_purge.h"
#include "store/store_int.h"

#include <inttypes.h>
#include <stdio.h>

#include "store/store_post.h"
#include "store/store_rowid.h"

/* The subjects and case ids of open cases (?1: now). */
#define OPEN_SUBJECTS "(SELECT subject FROM cases WHERE closed IS NULL OR closed >= ?1)"
#define OPEN_CASES "(SELECT case_id FROM cases WHERE closed IS NULL OR closed >= ?1)"

/* Runs sql with ?1 = now and ?2 = cut (when the SQL names them); *changed
 * (when not NULL) the rows it changed. 0 or -1. */
static int run(store *s, const char *sql, int64_t now, int64_t cut, int64_t *changed)
{
    sqlite3 *db = store_db(s);
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) return -1;
    int n = sqlite3_bind_parameter_count(st);
    if (n >= 1) sqlite3_bind_int64(st, 1, now);
    if (n >= 2) sqlite3_bind_int64(st, 2, cut);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) return -1;
    if (changed) *changed = sqlite3_changes64(db);
    return 0;
}

/* One number from sql (bound as run binds). */
static int count(store *s, const char *sql, int64_t now, int64_t cut, int64_t *out)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(store_db(s), sql, -1, &st, NULL) != SQLITE_OK) return -1;
    int n = sqlite3_bind_parameter_count(st);
    if (n >= 1) sqlite3_bind_int64(st, 1, now);
    if (n >= 2) sqlite3_bind_int64(st, 2, cut);
    int rc = sqlite3_step(st);
    *out = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    sqlite3_finalize(st);
    return rc == SQLITE_ROW ? 0 : -1;
}

/* Alerts before cut, except those about a subject of an open case and
 * those on legal hold. */
static int purge_alerts(store *s, int64_t now, int64_t cut, store_purge_counts *c)
{
    int64_t all, held = 0;
    if (run(s, "DELETE FROM temp.purge_ids", 0, 0, NULL) < 0 ||
        run(s, "INSERT INTO temp.purge_ids SELECT id FROM alerts WHERE ts < ?2", now, cut, &all) <
            0 ||
        run(s,
            "DELETE FROM temp.purge_ids WHERE id IN (SELECT alert_id FROM alert_events"
            " WHERE subject <> '' AND subject IN " OPEN_SUBJECTS ")",
            now, cut, &c->alerts_held) < 0 ||
        /* Legal hold: an alert under investigation, or in an open
         * dossier, stays (and so do its events, which it names). */
        run(s,
            "DELETE FROM temp.purge_ids WHERE id IN (SELECT id FROM alerts"
            " WHERE status = 'investigating') OR id IN (SELECT x.alert_id FROM dossier_alerts x"
            " JOIN dossiers d ON d.id = x.dossier_id WHERE d.status = 'open')",
            0, 0, &held) < 0 ||
        run(s, "DELETE FROM alert_notes WHERE alert_id IN temp.purge_ids", 0, 0, NULL) < 0 ||
        run(s, "DELETE FROM alert_history WHERE alert_id IN temp.purge_ids", 0, 0, NULL) < 0 ||
        run(s, "DELETE FROM alert_events WHERE alert_id IN temp.purge_ids", 0, 0, NULL) < 0 ||
        run(s, "DELETE FROM alert_actors WHERE alert_id IN temp.purge_ids", 0, 0, NULL) < 0 ||
        run(s, "DELETE FROM alerts WHERE id IN temp.purge_ids", 0, 0, &c->alerts) < 0)
        return -1;
    c->alerts_held += held;
    return 0;
}

/* Events before cut (?2, a rowid: the time above the hash bits), except
 * those an alert names or an open case covers. */
static int purge_events(store *s, int64_t now, int64_t cut, int dry_run, store_purge_counts *c)
{
    int64_t key = cut <= 0 ? 0 : (int64_t)((uint64_t)cut << STORE_ROWID_SLOT_BITS);
    if (run(s,
            "DELETE FROM events WHERE rowkey < ?2"
            " AND id NOT IN (SELECT event_id FROM alert_events)"
            " AND subject NOT IN " OPEN_SUBJECTS " AND case_id NOT IN " OPEN_CASES,
            now, key, &c->events) < 0 ||
        count(s, "SELECT count(*) FROM events WHERE rowkey < ?2", now, key, &c->events_held) < 0)
        return -1;
    if (dry_run || c->events == 0) return 0;
    /* The postings hold the deleted events' rowids (their times): built
     * again from the events that stay. */
    if (run(s, "DELETE FROM post_parts", 0, 0, NULL) < 0 ||
        run(s, "DELETE FROM post_runs", 0, 0, NULL) < 0)
        return -1;
    return store_post_build(store_db(s), POST_BUILD_CHUNK);
}

/* Closed cases before cut that no stored event is about or states. */
static int purge_cases(store *s, int64_t now, int64_t cut, store_purge_counts *c)
{
    int64_t all;
    if (run(s, "DELETE FROM temp.purge_ids", 0, 0, NULL) < 0 ||
        run(s,
            "INSERT INTO temp.purge_ids SELECT case_id FROM cases GROUP BY case_id"
            " HAVING count(closed) = count(*) AND max(closed) < ?2",
            now, cut, &all) < 0 ||
        run(s,
            "DELETE FROM temp.purge_ids WHERE id IN (SELECT case_id FROM events)"
            " OR id IN (SELECT case_id FROM cases WHERE subject IN"
            " (SELECT subject FROM events WHERE subject <> ''))",
            0, 0, &c->cases_held) < 0 ||
        run(s, "DELETE FROM case_assignments WHERE case_id IN temp.purge_ids", 0, 0, NULL) < 0 ||
        run(s, "DELETE FROM cases WHERE case_id IN temp.purge_ids", 0, 0, NULL) < 0)
        return -1;
    c->cases = all - c->cases_held;
    return 0;
}

static int purge_all(store *s, const store_purge_cut *cut, int dry_run, store_purge_counts *c)
{
    if (run(s, "CREATE TEMP TABLE IF NOT EXISTS purge_ids(id TEXT PRIMARY KEY) WITHOUT ROWID", 0, 0,
            NULL) < 0)
        return -1;
    /* Alerts first: one that goes holds its events no longer. Cases last:
     * the events that stay decide which are still needed. */
    if (cut->alerts != STORE_PURGE_KEEP && purge_alerts(s, cut->now, cut->alerts, c) < 0) return -1;
    if (cut->events != STORE_PURGE_KEEP && purge_events(s, cut->now, cut->events, dry_run, c) < 0)
        return -1;
    if (cut->cases != STORE_PURGE_KEEP && purge_cases(s, cut->now, cut->cases, c) < 0) return -1;
    if (cut->quarantine != STORE_PURGE_KEEP && run(s, "DELETE FROM quarantine WHERE at < ?2",
                                                   cut->now, cut->quarantine, &c->quarantine) < 0)
        return -1;
    return run(s, "DELETE FROM temp.purge_ids", 0, 0, NULL);
}

/* Rewrites the file without the freed pages and empties the write-ahead
 * log into it: the deleted records' bytes are then nowhere in the file or
 * beside it. The copy VACUUM makes goes to a temporary file (unlinked at
 * once by SQLite), not to memory: it is as large as the store. */
static int rewrite(store *s, werr *e)
{
    sqlite3 *db = store_db(s);
    int rc = store_exec(s, "PRAGMA temp_store=FILE");
    if (rc == 0) rc = store_exec(s, "VACUUM");
    int back = store_exec(s, "PRAGMA temp_store=MEMORY");
    if (rc < 0 || back < 0)
        return werr_set(e, WERR_UNAVAILABLE,
                        "the records were deleted, but rewriting the store failed: %s (run the"
                        " purge again to rewrite it)",
                        store_errmsg(s));
    int busy = 0, log = 0, done = 0;
    if (sqlite3_wal_checkpoint_v2(db, NULL, SQLITE_CHECKPOINT_TRUNCATE, &log, &done) != SQLITE_OK)
        busy = 1;
    if (busy || (log > 0 && done < log))
        return werr_set(e, WERR_UNAVAILABLE,
                        "the records were deleted, but another process reading the store kept"
                        " its write-ahead log from being emptied (run the purge again when"
                        " nobody reads it)");
    return 0;
}

int store_purge(store *s, const store_purge_cut *cut, int dry_run, store_purge_counts *out, werr *e)
{
    store_purge_counts c = {0};
    if (store_exec(s, "PRAGMA secure_delete=ON") < 0 || store_begin(s) < 0)
        return werr_set(e, WERR_UNAVAILABLE, "cannot begin the purge: %s", store_errmsg(s));
    if (purge_all(s, cut, dry_run, &c) < 0) {
        werr_set(e, WERR_UNAVAILABLE, "purge failed, nothing deleted: %s", store_errmsg(s));
        store_rollback(s);
        return -1;
    }
    if (dry_run) {
        store_rollback(s);
    } else if (store_commit(s) < 0) {
        werr_set(e, WERR_UNAVAILABLE, "purge failed, nothing deleted: %s", store_errmsg(s));
        store_rollback(s);
        return -1;
    }
    *out = c;
    int64_t any = c.events + c.quarantine + c.alerts + c.cases;
    if (!dry_run && any > 0 && rewrite(s, e) < 0) return -1;
    return 0;
}
