#include "investigate/incident.h"

#include <stdlib.h>
#include <string.h>

#include "input/refload.h"
#include "util/csvfile.h"

int inv_incidents_add(inv_incidents *l, const inv_incident *x)
{
    if (!l->strings && !(l->strings = arena_new(0))) return -1;
    if (l->n == l->cap) {
        size_t nc = l->cap ? l->cap * 2 : 32;
        inv_incident *nv = realloc(l->v, nc * sizeof *nv);
        if (!nv) return -1;
        l->v = nv;
        l->cap = nc;
    }
    inv_incident y = {arena_strdup(l->strings, x->id), arena_strdup(l->strings, x->subject),
                      arena_strdup(l->strings, x->kind ? x->kind : ""), x->ts};
    if (!y.id || !y.subject || !y.kind) return -1;
    l->v[l->n++] = y;
    return 0;
}

void inv_incidents_free(inv_incidents *l)
{
    free(l->v);
    arena_free(l->strings);
    memset(l, 0, sizeof *l);
}

/* Reads one record into x (borrowing the file's fields); 0, or -1 with why. */
static int csv_incident(csvfile *f, const int *col, inv_incident *x, const char **why)
{
    const char *id = csvfile_field(f, col[0]), *subject = csvfile_field(f, col[1]);
    const char *ts = csvfile_field(f, col[2]);
    long long ms;
    if (!id[0] || !subject[0]) {
        *why = "incident and subject must not be empty";
        return -1;
    }
    if (refload_time(ts, 0, &ms) != 1) {
        *why = "ts is missing or not a time";
        return -1;
    }
    *x = (inv_incident){id, subject, col[3] >= 0 ? csvfile_field(f, col[3]) : "", ms};
    return 0;
}

int inv_incidents_read_csv(const char *path, inv_incidents *out, FILE *errs, long *bad)
{
    char err[256];
    csvfile *f = NULL;
    *bad = 0;
    if (csvfile_open(path, &f, err, sizeof err) < 0) {
        fprintf(errs, "%s\n", err);
        return -1;
    }
    int col[4] = {csvfile_col(f, "incident"), csvfile_col(f, "subject"), csvfile_col(f, "ts"),
                  csvfile_col(f, "kind")};
    if (col[0] < 0 || col[1] < 0 || col[2] < 0) {
        fprintf(errs, "%s:1: header needs the columns incident,subject,ts (and kind)\n", path);
        goto fail;
    }
    int rc;
    while ((rc = csvfile_next(f, err, sizeof err)) == 1) {
        inv_incident x;
        const char *why;
        if (csv_incident(f, col, &x, &why) < 0) {
            fprintf(errs, "%s:%ld: %s\n", path, csvfile_line(f), why);
            (*bad)++;
        } else if (inv_incidents_add(out, &x) < 0) {
            fprintf(errs, "%s: out of memory\n", path);
            goto fail;
        }
    }
    if (rc < 0) {
        fprintf(errs, "%s:%s\n", path, err);
        goto fail;
    }
    csvfile_close(f);
    return 0;
fail:
    csvfile_close(f);
    return -1;
}

static int read_list(store *s, const char *sql, inv_incidents *out)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(store_db(s), sql, -1, &st, NULL) != SQLITE_OK) return -1;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        inv_incident x = {(const char *)sqlite3_column_text(st, 0),
                          (const char *)sqlite3_column_text(st, 1),
                          (const char *)sqlite3_column_text(st, 3), sqlite3_column_int64(st, 2)};
        if (inv_incidents_add(out, &x) < 0) break;
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : -1;
}

int inv_incidents_stored(store *s, inv_incidents *out)
{
    return read_list(s, "SELECT incident, subject, ts, kind FROM incidents ORDER BY ts, incident",
                     out);
}

int inv_incident_put(store *s, const inv_incident *x)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(store_db(s),
                           "INSERT OR REPLACE INTO incidents(incident, subject, ts, kind)"
                           " VALUES(?,?,?,?)",
                           -1, &st, NULL) != SQLITE_OK)
        return -1;
    sqlite3_bind_text(st, 1, x->id, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, x->subject, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 3, x->ts);
    sqlite3_bind_text(st, 4, x->kind ? x->kind : "", -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : -1;
}

int inv_incidents_mark(store *s)
{
    return store_exec(s, "DROP TABLE IF EXISTS temp.inv_incident_mark;"
                         "CREATE TEMP TABLE inv_incident_mark AS"
                         " SELECT incident, subject, ts, kind FROM main.incidents");
}

int inv_incidents_new(store *s, inv_incidents *out)
{
    int rc = read_list(s,
                       "SELECT incident, subject, ts, kind FROM main.incidents EXCEPT"
                       " SELECT incident, subject, ts, kind FROM temp.inv_incident_mark"
                       " ORDER BY 3, 1",
                       out);
    if (store_exec(s, "DROP TABLE IF EXISTS temp.inv_incident_mark") < 0) return -1;
    return rc;
}
