#include "store/store_volume.h"
#include "store/store_int.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

int store_actor_days(store *s, const char *actor, int64_t first, int64_t last, store_day_fn fn,
                     void *ctx)
{
    sqlite3_stmt *st = store_stmt(s, "SELECT day, subjects FROM actor_day"
                                     " WHERE actor = ?1 AND day >= ?2 AND day <= ?3");
    if (!st) return -1;
    sqlite3_bind_text(st, 1, actor, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, first);
    sqlite3_bind_int64(st, 3, last);
    int rc = 0, step;
    while ((step = sqlite3_step(st)) == SQLITE_ROW)
        if ((rc = fn(sqlite3_column_int64(st, 0), sqlite3_column_int64(st, 1), ctx)) != 0) break;
    if (rc == 0 && step != SQLITE_DONE) rc = -1;
    sqlite3_reset(st);
    return rc;
}

int store_actor_next_day(store *s, const char *actor, int64_t first, int64_t last, int64_t *day)
{
    sqlite3_stmt *st = store_stmt(s, "SELECT min(day) FROM actor_day WHERE actor = ?1"
                                     " AND day >= ?2 AND day <= ?3");
    if (!st) return -1;
    sqlite3_bind_text(st, 1, actor, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, first);
    sqlite3_bind_int64(st, 3, last);
    if (sqlite3_step(st) != SQLITE_ROW) return -1;
    int found = sqlite3_column_type(st, 0) != SQLITE_NULL;
    if (found) *day = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    return found;
}

int store_each_tally_actor(store *s, int (*fn)(const char *actor, void *ctx), void *ctx)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(store_db(s),
                           "SELECT actor FROM actor_day WHERE actor > ?1 ORDER BY actor LIMIT 1",
                           -1, &st, NULL) != SQLITE_OK)
        return -1;
    char *prev = strdup("");
    int rc = prev ? 0 : -1;
    while (rc == 0) {
        sqlite3_reset(st);
        sqlite3_bind_text(st, 1, prev, -1, SQLITE_STATIC);
        int step = sqlite3_step(st);
        if (step == SQLITE_DONE) break;
        if (step != SQLITE_ROW) rc = -1;
        char *actor = step == SQLITE_ROW ? strdup((const char *)sqlite3_column_text(st, 0)) : NULL;
        if (!actor) rc = -1;
        free(prev);
        prev = actor;
        if (rc == 0) rc = fn(actor, ctx);
    }
    free(prev);
    sqlite3_finalize(st);
    return rc;
}
