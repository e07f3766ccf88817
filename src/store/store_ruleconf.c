#include "store/store_ruleconf.h"
#include "store/store_int.h"

#include <stdio.h>

int store_rule_params_each(store *s, store_rule_param_fn fn, void *ctx)
{
    sqlite3_stmt *st = store_stmt(s, "SELECT rule, param, value, origin FROM rule_params"
                                     " ORDER BY rule, param");
    if (!st) return -1;
    int rc = 0, step;
    while (rc == 0 && (step = sqlite3_step(st)) == SQLITE_ROW) {
        store_rule_param p = {
            (const char *)sqlite3_column_text(st, 0), (const char *)sqlite3_column_text(st, 1),
            (const char *)sqlite3_column_text(st, 3), sqlite3_column_double(st, 2)};
        rc = fn(&p, ctx);
    }
    if (rc == 0 && step != SQLITE_DONE) rc = -1;
    sqlite3_reset(st);
    return rc;
}

/* The kind row as kind (NULL: none), inside the caller's transaction. */
static int put_kind(store *s, const char *kind, const char *origin)
{
    if (store_exec(s, "DELETE FROM rule_kind") < 0) return -1;
    if (!kind) return 0;
    sqlite3_stmt *st = store_stmt(s, "INSERT INTO rule_kind(one, kind, origin) VALUES(1, ?, ?)");
    if (!st) return -1;
    sqlite3_bind_text(st, 1, kind, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, origin ? origin : "", -1, SQLITE_STATIC);
    return store_step_done(st);
}

int store_rule_kind_set(store *s, const char *kind, const char *origin)
{
    if (store_begin(s) < 0) return -1;
    if (put_kind(s, kind, origin) == 0 && store_commit(s) == 0) return 0;
    store_rollback(s);
    return -1;
}

int store_rule_kind_get(store *s, char *kind, size_t kn, char *origin, size_t on)
{
    sqlite3_stmt *st = store_stmt(s, "SELECT kind, origin FROM rule_kind");
    if (!st) return -1;
    int step = sqlite3_step(st), rc = step == SQLITE_ROW ? 1 : step == SQLITE_DONE ? 0 : -1;
    if (rc == 1) {
        snprintf(kind, kn, "%s", (const char *)sqlite3_column_text(st, 0));
        snprintf(origin, on, "%s", (const char *)sqlite3_column_text(st, 1));
    }
    sqlite3_reset(st);
    return rc;
}

int store_rule_params_replace(store *s, const char *kind, const char *kind_origin,
                              const store_rule_param *v, size_t n)
{
    if (store_begin(s) < 0) return -1;
    if (store_exec(s, "DELETE FROM rule_params") < 0 || put_kind(s, kind, kind_origin) < 0)
        goto fail;
    for (size_t i = 0; i < n; i++) {
        sqlite3_stmt *st = store_stmt(s, "INSERT INTO rule_params(rule, param, value, origin)"
                                         " VALUES(?, ?, ?, ?)");
        if (!st) goto fail;
        sqlite3_bind_text(st, 1, v[i].rule, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, v[i].param, -1, SQLITE_STATIC);
        sqlite3_bind_double(st, 3, v[i].value);
        sqlite3_bind_text(st, 4, v[i].origin, -1, SQLITE_STATIC);
        if (store_step_done(st) < 0) goto fail;
    }
    if (store_commit(s) == 0) return 0;
fail:
    store_rollback(s);
    return -1;
}
