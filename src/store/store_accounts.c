#include "store/store_accounts.h"
#include "store/store_int.h"

int store_accounts_count(store *s, int64_t *n)
{
    sqlite3_stmt *st = store_stmt(s, "SELECT count(*) FROM accounts");
    if (!st) return -1;
    int rc = sqlite3_step(st) == SQLITE_ROW ? 0 : -1;
    if (rc == 0) *n = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    return rc;
}

int store_accounts_count_role(store *s, const char *role, int64_t *n)
{
    sqlite3_stmt *st =
        store_stmt(s, "SELECT count(*) FROM accounts WHERE role = ? AND disabled = 0");
    if (!st) return -1;
    sqlite3_bind_text(st, 1, role, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st) == SQLITE_ROW ? 0 : -1;
    if (rc == 0) *n = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    return rc;
}

/* Runs st (selecting name, role, hash, disabled, created) calling fn per
 * row; stops at fn's non-zero return. The number of rows seen in *rows. */
static int each_row(sqlite3_stmt *st, store_account_fn fn, void *ctx, int *rows)
{
    int rc = 0, step;
    *rows = 0;
    while (rc == 0 && (step = sqlite3_step(st)) == SQLITE_ROW) {
        store_account a = {(const char *)sqlite3_column_text(st, 0),
                           (const char *)sqlite3_column_text(st, 1),
                           (const char *)sqlite3_column_text(st, 2), sqlite3_column_int(st, 3),
                           sqlite3_column_int64(st, 4)};
        ++*rows;
        rc = fn(&a, ctx);
    }
    if (rc == 0 && step != SQLITE_DONE) rc = -1;
    sqlite3_reset(st);
    return rc;
}

int store_account_get(store *s, const char *name, store_account_fn fn, void *ctx)
{
    sqlite3_stmt *st = store_stmt(s, "SELECT name, role, hash, disabled, created FROM accounts"
                                     " WHERE name = ?");
    if (!st) return -1;
    sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
    int rows, rc = each_row(st, fn, ctx, &rows);
    return rc < 0 ? -1 : rows > 0;
}

int store_accounts_each(store *s, store_account_fn fn, void *ctx)
{
    sqlite3_stmt *st =
        store_stmt(s, "SELECT name, role, hash, disabled, created FROM accounts ORDER BY name");
    if (!st) return -1;
    int rows;
    return each_row(st, fn, ctx, &rows);
}

int store_account_add(store *s, const store_account *a)
{
    sqlite3_stmt *st =
        store_stmt(s, "INSERT OR IGNORE INTO accounts(name, role, hash, disabled, created)"
                      " VALUES(?, ?, ?, ?, ?)");
    if (!st) return -1;
    sqlite3_bind_text(st, 1, a->name, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, a->role, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, a->hash, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 4, a->disabled);
    sqlite3_bind_int64(st, 5, a->created);
    if (store_step_done(st) < 0) return -1;
    return sqlite3_changes(store_db(s)) > 0;
}

int store_account_set_role(store *s, const char *name, const char *role)
{
    sqlite3_stmt *st = store_stmt(s, "UPDATE accounts SET role = ? WHERE name = ?");
    if (!st) return -1;
    sqlite3_bind_text(st, 1, role, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, name, -1, SQLITE_STATIC);
    if (store_step_done(st) < 0) return -1;
    return sqlite3_changes(store_db(s)) > 0;
}

int store_account_disable(store *s, const char *name)
{
    sqlite3_stmt *st = store_stmt(s, "UPDATE accounts SET disabled = 1 WHERE name = ?");
    if (!st) return -1;
    sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
    if (store_step_done(st) < 0) return -1;
    return sqlite3_changes(store_db(s)) > 0;
}
