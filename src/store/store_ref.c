#include "store/store_ref.h"
#include "store/store_int.h"

#include "store/store_ref_int.h"

int store_ref_fail(store *s, werr *e)
{
    int rc = sqlite3_errcode(store_db(s)) & 0xff;
    werr_code code = rc == SQLITE_BUSY || rc == SQLITE_LOCKED ? WERR_CONFLICT
                     : rc == SQLITE_NOMEM                     ? WERR_INTERNAL
                                                              : WERR_UNAVAILABLE;
    return werr_set(e, code, "%s", store_errmsg(s));
}

/* The caller's function and context, for the row visitors below. */
typedef struct job {
    union {
        store_ref_actor_fn actor;
        store_ref_subject_fn subject;
        store_ref_protected_fn protect;
        store_ref_case_fn kase;
        store_ref_assignment_fn asg;
        store_ref_incident_fn incident;
        store_ref_right_fn right;
    } fn;
    void *ctx;
} job;

typedef int (*visit_fn)(sqlite3_stmt *st, const job *j);

static const char *txt(sqlite3_stmt *st, int i)
{
    const char *s = (const char *)sqlite3_column_text(st, i);
    return s ? s : "";
}

/* Runs sql (a one-off statement: not kept among the cached ones) and visits
 * each row. 0, or -1 when a visit stopped it or the store failed. */
static int each_row(store *s, const char *sql, visit_fn visit, const job *j, werr *e)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(store_db(s), sql, -1, &st, NULL) != SQLITE_OK)
        return store_ref_fail(s, e);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        if (visit(st, j) != 0) {
            sqlite3_finalize(st);
            return -1;
        }
    if (rc != SQLITE_DONE) store_ref_fail(s, e);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : -1;
}

static int visit_actor_place(sqlite3_stmt *st, const job *j)
{
    store_ref_actor a = {.actor = "",
                         .unit = "",
                         .role = "",
                         .person = "",
                         .surname = txt(st, 0),
                         .postcode = txt(st, 1),
                         .house_number = txt(st, 2)};
    return j->fn.actor(j->ctx, &a);
}

int store_ref_actor_places(store *s, store_ref_actor_fn fn, void *ctx, werr *e)
{
    job j = {.fn.actor = fn, .ctx = ctx};
    return each_row(s, "SELECT surname, postcode, house_number FROM actors", visit_actor_place, &j,
                    e);
}

static int visit_actor(sqlite3_stmt *st, const job *j)
{
    store_ref_actor a = {.actor = txt(st, 0),
                         .unit = txt(st, 1),
                         .role = txt(st, 2),
                         .start = sqlite3_column_int64(st, 3),
                         .end = sqlite3_column_int64(st, 4),
                         .person = txt(st, 5),
                         .surname = txt(st, 6),
                         .postcode = txt(st, 7),
                         .house_number = txt(st, 8)};
    return j->fn.actor(j->ctx, &a);
}

int store_ref_actors(store *s, store_ref_actor_fn fn, void *ctx, werr *e)
{
    job j = {.fn.actor = fn, .ctx = ctx};
    return each_row(s,
                    "SELECT a.actor, unit, role, start_ts, " STORE_REF_END_SQL
                    ", person, surname, postcode, house_number FROM actors a",
                    visit_actor, &j, e);
}

/* max(rowid) is one B-tree descent, and no smaller than the row count. */
int store_ref_subject_bound(store *s, int64_t *n, werr *e)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(store_db(s), "SELECT max(rowid) FROM subjects", -1, &st, NULL) !=
        SQLITE_OK)
        return store_ref_fail(s, e);
    *n = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    sqlite3_finalize(st);
    if (*n < 0) *n = 0;
    return 0;
}

static int visit_subject(sqlite3_stmt *st, const job *j)
{
    store_ref_subject r = {txt(st, 0), txt(st, 1), txt(st, 2), txt(st, 3)};
    return j->fn.subject(j->ctx, &r);
}

int store_ref_subjects(store *s, store_ref_subject_fn fn, void *ctx, werr *e)
{
    job j = {.fn.subject = fn, .ctx = ctx};
    return each_row(s, "SELECT subject, surname, postcode, house_number FROM subjects",
                    visit_subject, &j, e);
}

static int visit_protected(sqlite3_stmt *st, const job *j)
{
    store_ref_protected r = {txt(st, 0), txt(st, 1)};
    return j->fn.protect(j->ctx, &r);
}

int store_ref_protected_subjects(store *s, store_ref_protected_fn fn, void *ctx, werr *e)
{
    job j = {.fn.protect = fn, .ctx = ctx};
    return each_row(s, "SELECT subject, category FROM protected", visit_protected, &j, e);
}

static int visit_case(sqlite3_stmt *st, const job *j)
{
    /* closed is NULL while the case is open: column_int64 reads it as 0. */
    store_ref_case r = {txt(st, 0), txt(st, 1), sqlite3_column_int64(st, 2),
                        sqlite3_column_int64(st, 3)};
    return j->fn.kase(j->ctx, &r);
}

int store_ref_cases(store *s, store_ref_case_fn fn, void *ctx, werr *e)
{
    job j = {.fn.kase = fn, .ctx = ctx};
    return each_row(s, "SELECT case_id, subject, opened, closed FROM cases", visit_case, &j, e);
}

static int visit_assignment(sqlite3_stmt *st, const job *j)
{
    store_ref_assignment r = {txt(st, 0), txt(st, 1), sqlite3_column_int64(st, 2),
                              sqlite3_column_int64(st, 3)};
    return j->fn.asg(j->ctx, &r);
}

int store_ref_assignments(store *s, store_ref_assignment_fn fn, void *ctx, werr *e)
{
    job j = {.fn.asg = fn, .ctx = ctx};
    return each_row(s,
                    "SELECT case_id, assignee, from_ts, to_ts FROM case_assignments"
                    " ORDER BY case_id",
                    visit_assignment, &j, e);
}

static int visit_incident(sqlite3_stmt *st, const job *j)
{
    store_ref_incident r = {txt(st, 0), txt(st, 1), txt(st, 2), sqlite3_column_int64(st, 3)};
    return j->fn.incident(j->ctx, &r);
}

int store_ref_incidents(store *s, store_ref_incident_fn fn, void *ctx, werr *e)
{
    job j = {.fn.incident = fn, .ctx = ctx};
    return each_row(s, "SELECT subject, incident, kind, ts FROM incidents ORDER BY subject, ts",
                    visit_incident, &j, e);
}

static int visit_right(sqlite3_stmt *st, const job *j)
{
    store_ref_right r = {txt(st, 0), txt(st, 1), txt(st, 2), sqlite3_column_int64(st, 3),
                         sqlite3_column_int64(st, 4)};
    return j->fn.right(j->ctx, &r);
}

int store_ref_rights(store *s, store_ref_right_fn fn, void *ctx, werr *e)
{
    job j = {.fn.right = fn, .ctx = ctx};
    return each_row(s,
                    "SELECT actor, system, action, granted, coalesce(revoked, 0) FROM rights"
                    " ORDER BY actor, system, action, granted",
                    visit_right, &j, e);
}
