#include "store/store_metrics.h"

#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

#include "store/store_int.h"
#include "store/store_rowid.h"

int store_metrics_add(store *s, int64_t events, int64_t quarantined, const char *kind,
                      int64_t now_ms)
{
    /* An update, and only when there is no counter yet the count: an
     * upsert would evaluate count(*) at every commit. */
    sqlite3_stmt *st =
        store_stmt(s, "UPDATE meta SET value = value + ? WHERE key = 'metric:events'");
    if (!st) return -1;
    sqlite3_bind_int64(st, 1, events);
    if (store_step_done(st) < 0) return -1;
    if (sqlite3_changes(store_db(s)) == 0 &&
        store_exec(s, "INSERT INTO meta(key, value)"
                      " VALUES('metric:events', (SELECT count(*) FROM events))") < 0)
        return -1;
    if (quarantined) {
        char key[64];
        snprintf(key, sizeof key, "metric:quarantined:%s", kind ? kind : "json");
        if (!(st = store_stmt(s, "INSERT INTO meta(key, value) VALUES(?1, ?2)"
                                 " ON CONFLICT(key) DO UPDATE SET value = value + ?2")))
            return -1;
        sqlite3_bind_text(st, 1, key, -1, SQLITE_TRANSIENT);
        sqlite3_bind_int64(st, 2, quarantined);
        if (store_step_done(st) < 0) return -1;
    }
    if (!(st = store_stmt(s, "INSERT OR REPLACE INTO meta(key, value)"
                             " VALUES('metric:last_commit', ?)")))
        return -1;
    sqlite3_bind_int64(st, 1, now_ms);
    return store_step_done(st);
}

static int fail(store *s, werr *e)
{
    return werr_set(e, WERR_UNAVAILABLE, "cannot read the store's counters: %s", store_errmsg(s));
}

/* Rows of (name, count) from sql into rows (at most max). */
static int rows(store *s, const char *sql, store_metric_row *out, int max, int *n, werr *e)
{
    sqlite3_stmt *st = store_stmt(s, sql);
    if (!st) return fail(s, e);
    int rc;
    *n = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        if (*n < max) {
            const unsigned char *t = sqlite3_column_text(st, 0);
            snprintf(out[*n].name, sizeof out[*n].name, "%s", t ? (const char *)t : "");
            out[(*n)++].n = sqlite3_column_int64(st, 1);
        }
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? 0 : fail(s, e);
}

int store_metrics_read(store *s, store_metrics *m, werr *e)
{
    memset(m, 0, sizeof *m);
    m->events = m->newest_ts = m->last_commit = -1;
    store_metric_row meta[16];
    int n;
    if (rows(s,
             "SELECT key, value FROM meta WHERE key >= 'metric:' AND key < 'metric;'"
             " ORDER BY key",
             meta, 16, &n, e) < 0)
        return -1;
    for (int i = 0; i < n; i++) {
        const char *k = meta[i].name + 7;
        if (strcmp(k, "events") == 0)
            m->events = meta[i].n;
        else if (strcmp(k, "last_commit") == 0)
            m->last_commit = meta[i].n;
        else if (strncmp(k, "quarantined:", 12) == 0 && m->nquarantined < 8) {
            snprintf(m->quarantined[m->nquarantined].name, sizeof m->quarantined[0].name, "%s",
                     k + 12);
            m->quarantined[m->nquarantined++].n = meta[i].n;
        }
    }
    sqlite3_stmt *st = store_stmt(s, "SELECT max(rowkey) FROM events");
    if (!st) return fail(s, e);
    if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL)
        m->newest_ts = store_rowid_ts(sqlite3_column_int64(st, 0));
    sqlite3_reset(st);
    if (rows(s, "SELECT rule, count(*) FROM alerts GROUP BY rule ORDER BY rule", m->by_rule,
             STORE_METRIC_ROWS, &m->nrules, e) < 0)
        return -1;
    return rows(s, "SELECT status, count(*) FROM alerts GROUP BY status ORDER BY status",
                m->by_status, 16, &m->nstatus, e);
}
