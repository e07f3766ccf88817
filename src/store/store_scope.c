#include "store/store_scope.h"
#include "store/store_int.h"

#include <sqlite3.h>
#include <stdio.h>

#include "util/strmap.h"

static const char *SEL_ACTORS = "SELECT actor, unit, role, start_ts, end_ts, person, surname,"
                                " postcode, house_number FROM actors WHERE actor = ?";
static const char *INS_ACTORS = "INSERT OR IGNORE INTO actors(actor, unit, role, start_ts, end_ts,"
                                " person, surname, postcode, house_number)"
                                " VALUES(?,?,?,?,?,?,?,?,?)";
static const char *SEL_SUBJECT =
    "SELECT subject, surname, postcode, house_number FROM subjects WHERE subject = ?";
static const char *INS_SUBJECT =
    "INSERT OR IGNORE INTO subjects(subject, surname, postcode, house_number) VALUES(?,?,?,?)";
static const char *SEL_PROT = "SELECT subject, category FROM protected WHERE subject = ?";
static const char *INS_PROT = "INSERT OR IGNORE INTO protected(subject, category) VALUES(?,?)";
static const char *SEL_CASES_OF =
    "SELECT case_id, subject, opened, closed FROM cases WHERE subject = ?";
static const char *SEL_CASE =
    "SELECT case_id, subject, opened, closed FROM cases WHERE case_id = ?";
static const char *INS_CASE =
    "INSERT OR IGNORE INTO cases(case_id, subject, opened, closed) VALUES(?,?,?,?)";
static const char *SEL_ASG =
    "SELECT case_id, assignee, from_ts, to_ts FROM case_assignments WHERE case_id = ?";
static const char *INS_ASG = "INSERT OR IGNORE INTO case_assignments(case_id, assignee, from_ts,"
                             " to_ts) VALUES(?,?,?,?)";

/* Every table copy_scope fills: a spare scope store is emptied of them. */
static const char *EMPTY = "DELETE FROM actors; DELETE FROM subjects; DELETE FROM protected;"
                           " DELETE FROM cases; DELETE FROM case_assignments;";

/* Copies the rows sel yields (with key as its parameter, if any) from s
 * into d through ins (the same columns). With seen, column 0 of every row
 * is interned into it. Returns 0 or -1. */
static int copy_rows(store *s, const char *sel, const char *key, store *d, const char *ins,
                     strmap *seen)
{
    sqlite3_stmt *q = store_stmt(s, sel);
    if (!q) return -1;
    if (key) sqlite3_bind_text(q, 1, key, -1, SQLITE_STATIC);
    int rc;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        sqlite3_stmt *w = store_stmt(d, ins);
        if (!w) break;
        for (int i = 0; i < sqlite3_column_count(q); i++)
            sqlite3_bind_value(w, i + 1, sqlite3_column_value(q, i));
        int wr = sqlite3_step(w);
        sqlite3_reset(w);
        if (wr != SQLITE_DONE) break;
        uint32_t id;
        if (seen && strmap_intern(seen, (const char *)sqlite3_column_text(q, 0),
                                  (size_t)sqlite3_column_bytes(q, 0), &id) < 0)
            break;
    }
    sqlite3_reset(q);
    return rc == SQLITE_DONE ? 0 : -1;
}

static int copy_scope(store *s, store *d, const store_scope *w, strmap *seen)
{
    for (size_t i = 0; i < w->na; i++)
        if (copy_rows(s, SEL_ACTORS, w->actors[i], d, INS_ACTORS, NULL) < 0) return -1;
    for (size_t i = 0; i < w->ns; i++)
        if (copy_rows(s, SEL_SUBJECT, w->subjects[i], d, INS_SUBJECT, NULL) < 0 ||
            copy_rows(s, SEL_PROT, w->subjects[i], d, INS_PROT, NULL) < 0 ||
            copy_rows(s, SEL_CASES_OF, w->subjects[i], d, INS_CASE, seen) < 0)
            return -1;
    for (size_t i = 0; i < w->nc; i++)
        if (w->cases[i][0] && copy_rows(s, SEL_CASE, w->cases[i], d, INS_CASE, seen) < 0) return -1;
    for (uint32_t k = 0; k < strmap_count(seen); k++)
        if (copy_rows(s, SEL_ASG, strmap_key(seen, k), d, INS_ASG, NULL) < 0) return -1;
    return 0;
}

/* The tables the reference data is read from (store_ref.c,
 * store_refcache.c): all that a scope's store holds. */
#define SCOPE_TABLES                                                                               \
    "'actors', 'resignations', 'subjects', 'protected', 'cases', 'case_assignments',"              \
    " 'incidents', 'rights', 'refdata_cache', 'meta'"

/* The bytes of an empty in-memory database with s's scope tables and
 * their indexes (no triggers: those copy into tables it lacks), at s's
 * schema version, into *img (sqlite3_malloc'd) and *len. Only these:
 * every migration run again, or a whole schema parsed, was most of what a
 * small investigation cost, and more with each table a feature adds.
 * 0 or -1. */
static int make_blank(store *s, unsigned char **img, sqlite3_int64 *len)
{
    sqlite3 *db = NULL;
    sqlite3_stmt *st = NULL;
    int rc = -1;
    if (sqlite3_open_v2(":memory:", &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) !=
            SQLITE_OK ||
        sqlite3_prepare_v2(store_db(s),
                           "SELECT sql FROM sqlite_master WHERE tbl_name IN (" SCOPE_TABLES ")"
                           " AND type IN ('table', 'index') AND sql IS NOT NULL"
                           " ORDER BY type = 'index'",
                           -1, &st, NULL) != SQLITE_OK)
        goto done;
    int step;
    while ((step = sqlite3_step(st)) == SQLITE_ROW)
        if (sqlite3_exec(db, (const char *)sqlite3_column_text(st, 0), NULL, NULL, NULL) !=
            SQLITE_OK)
            goto done;
    char pragma[48];
    snprintf(pragma, sizeof pragma, "PRAGMA user_version=%d", store_schema_version(s));
    if (step != SQLITE_DONE || sqlite3_exec(db, pragma, NULL, NULL, NULL) != SQLITE_OK) goto done;
    rc = (*img = sqlite3_serialize(db, "main", len, 0)) ? 0 : -1;
done:
    sqlite3_finalize(st);
    sqlite3_close(db);
    return rc;
}

/* An empty in-memory store of the scope's tables, copied from the bytes
 * made once (kept in s). */
static int open_blank(store *s, store **d, werr *e)
{
    unsigned char **img;
    sqlite3_int64 *len;
    store_blank_slot(s, &img, &len);
    if (!*img && make_blank(s, img, len) < 0)
        return werr_set(e, WERR_UNAVAILABLE,
                        "cannot make a store for the look-ups' reference"
                        " data: %s",
                        store_errmsg(s));
    return store_open_image(*img, *len, d, e);
}

/* The spare store of s's last scope, emptied, or else a new blank one
 * (a server answers one scope after another on each connection: opening
 * an in-memory store costs more than emptying one). */
static int open_scratch(store *s, store **d, werr *e)
{
    store **spare = store_spare_slot(s);
    if (!*spare) return open_blank(s, d, e);
    *d = *spare;
    *spare = NULL;
    if (store_exec(*d, EMPTY) == 0) return 0;
    store_close(*d);
    return open_blank(s, d, e);
}

void store_scope_close(store *s, store *d)
{
    store **spare = store_spare_slot(s);
    if (!*spare && d) {
        *spare = d;
        return;
    }
    store_close(d);
}

int store_scope_open(store *s, const store_scope *w, store **out, werr *e)
{
    store *d = NULL;
    strmap *seen = strmap_new();
    *out = NULL;
    if (!seen) return werr_set(e, WERR_INTERNAL, "out of memory");
    if (open_scratch(s, &d, e) < 0) goto fail;
    if (store_begin(d) < 0 || copy_scope(s, d, w, seen) < 0 || store_commit(d) < 0) {
        werr_set(e, WERR_UNAVAILABLE, "cannot read reference data: %s", store_errmsg(s));
        goto fail;
    }
    strmap_free(seen);
    *out = d;
    return 0;
fail:
    store_close(d);
    strmap_free(seen);
    return -1;
}
