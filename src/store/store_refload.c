#include "store/store_refload.h"
#include "store/store_int.h"

#include <stdlib.h>

#include "store/store_ref_int.h"
#include "store/store_refbulk.h"

typedef struct table_sql {
    const char *name, *insert, *clear;
    int nfields;
} table_sql;

static const table_sql tables[] = {
    [STORE_REF_ACTORS] = {"actors",
                          "INSERT OR REPLACE INTO actors(actor,unit,role,start_ts,end_ts,person,"
                          "surname,postcode,house_number) VALUES(?,?,?,?,?,?,?,?,?)",
                          "DELETE FROM actors", 9},
    [STORE_REF_SUBJECTS] = {"subjects",
                            "INSERT OR REPLACE INTO subjects(subject,surname,postcode,"
                            "house_number) VALUES(?,?,?,?)",
                            "DELETE FROM subjects", 4},
    [STORE_REF_CASES] = {"cases",
                         "INSERT OR REPLACE INTO cases(case_id,subject,opened,closed)"
                         " VALUES(?,?,?,?)",
                         "DELETE FROM cases", 4},
    [STORE_REF_ASSIGNMENTS] = {"case_assignments",
                               "INSERT OR REPLACE INTO case_assignments(case_id,assignee,"
                               "from_ts,to_ts) VALUES(?,?,?,?)",
                               "DELETE FROM case_assignments", 4},
    [STORE_REF_PROTECTED] = {"protected",
                             "INSERT OR REPLACE INTO protected(subject,category) VALUES(?,?)",
                             "DELETE FROM protected", 2},
    [STORE_REF_INCIDENTS] = {"incidents",
                             "INSERT OR REPLACE INTO incidents(incident,subject,ts,kind)"
                             " VALUES(?,?,?,?)",
                             "DELETE FROM incidents", 4},
    [STORE_REF_RESIGNATIONS] = {"resignations",
                                "INSERT OR REPLACE INTO resignations(actor,notified,"
                                "last_working_day,contract_end) VALUES(?,?,?,?)",
                                "DELETE FROM resignations", 4},
    [STORE_REF_RIGHTS] = {"rights",
                          "INSERT OR REPLACE INTO rights(actor,system,action,granted,revoked,"
                          "granted_by) VALUES(?,?,?,?,?,?)",
                          "DELETE FROM rights", 6},
    [STORE_REF_MOVES] = {"moves",
                         "INSERT OR REPLACE INTO moves(actor,moved,from_unit,from_role,to_unit,"
                         "to_role) VALUES(?,?,?,?,?,?)",
                         "DELETE FROM moves", 6},
    [STORE_REF_SCREENINGS] = {"screenings",
                              "INSERT OR REPLACE INTO screenings(actor,kind,screened,outcome)"
                              " VALUES(?,?,?,?)",
                              "DELETE FROM screenings", 4},
    [STORE_REF_CONFLICTS] = {"conflicts",
                             "INSERT OR REPLACE INTO conflicts(right_a,right_b,reason)"
                             " VALUES(?,?,?)",
                             "DELETE FROM conflicts", 3},
    [STORE_REF_SCREEN_REQS] = {"screening_requirements",
                               "INSERT OR REPLACE INTO screening_requirements(unit,role,kind,"
                               "every_months,from_ts) VALUES(?,?,?,?,?)",
                               "DELETE FROM screening_requirements", 5},
    [STORE_REF_ACTIVITIES] = {"activities",
                              "INSERT OR REPLACE INTO activities(id,name) VALUES(?,?)",
                              "DELETE FROM activities", 2},
};

struct store_ref_load {
    store *s;
    const table_sql *t;
    sqlite3_stmt *st; /* the table's insert, prepared for this load only */
    store_refbulk bulk;
};

void store_ref_load_abort(store_ref_load *l)
{
    if (!l) return;
    sqlite3_finalize(l->st);
    store_refbulk_free(&l->bulk);
    store_rollback(l->s);
    free(l);
}

int store_ref_load_begin(store *s, store_ref_table table, int replace, store_ref_load **out,
                         werr *e)
{
    store_ref_load *l = calloc(1, sizeof *l);
    if (!l) return werr_set(e, WERR_INTERNAL, "out of memory");
    l->s = s;
    l->t = &tables[table];
    /* Triggers first: with them set aside, deleting the rows does no
     * row-by-row upkeep either. */
    if (store_begin(s) < 0 || store_refbulk_begin(s, l->t->name, &l->bulk) < 0 ||
        (replace && store_exec(s, l->t->clear) < 0) ||
        sqlite3_prepare_v2(store_db(s), l->t->insert, -1, &l->st, NULL) != SQLITE_OK) {
        store_ref_fail(s, e);
        store_ref_load_abort(l);
        return -1;
    }
    *out = l;
    return 0;
}

int store_ref_load_row(store_ref_load *l, const store_ref_field *row, werr *e)
{
    sqlite3_stmt *st = l->st;
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    for (int i = 0; i < l->t->nfields; i++) {
        const store_ref_field *f = &row[i];
        if (f->kind == STORE_REF_TEXT)
            sqlite3_bind_text(st, i + 1, f->text, -1, SQLITE_TRANSIENT);
        else if (f->kind == STORE_REF_TIME)
            sqlite3_bind_int64(st, i + 1, f->ms);
        else
            sqlite3_bind_null(st, i + 1);
    }
    return sqlite3_step(st) == SQLITE_DONE ? 0 : store_ref_fail(l->s, e);
}

int store_ref_load_end(store_ref_load *l, werr *e)
{
    store *s = l->s;
    sqlite3_finalize(l->st);
    l->st = NULL;
    /* store_refbulk_end frees the bulk state whether or not it succeeds. */
    int rc = store_refbulk_end(s, &l->bulk);
    /* Counted, so that a server sees that the staff it names may have
     * changed without counting the rows (store_staff_stamp). */
    if (rc == 0)
        rc = store_exec(s, "INSERT INTO meta(key, value) VALUES('ref_loads', 1)"
                           " ON CONFLICT(key) DO UPDATE SET value = value + 1");
    if (rc == 0) rc = store_commit(s);
    if (rc < 0) {
        store_ref_fail(s, e);
        store_rollback(s);
    }
    free(l);
    return rc;
}
