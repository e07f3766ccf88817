#include "store/store_refbulk.h"
#include "store/store_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The triggers of schema.c that work row by row and are redone here: the
 * copy's (migrations 4 and 5) and the subject count's (migration 2). */
static const char *SQL_TRIGGERS =
    "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ?1"
    " AND (name GLOB ?1 || '_cache_*' OR name GLOB 'subjects_tally_*')";

void store_refbulk_free(store_refbulk *b)
{
    for (size_t i = 0; i < b->n; i++)
        free(b->sql[i]);
    free(b->table);
    memset(b, 0, sizeof *b);
}

int store_refbulk_begin(store *s, const char *table, store_refbulk *b)
{
    memset(b, 0, sizeof *b);
    char *names[STORE_REFBULK_MAX] = {0};
    sqlite3_stmt *st;
    if (!(b->table = strdup(table)) ||
        sqlite3_prepare_v2(store_db(s), SQL_TRIGGERS, -1, &st, NULL) != SQLITE_OK) {
        store_refbulk_free(b);
        return -1;
    }
    sqlite3_bind_text(st, 1, table, -1, SQLITE_STATIC);
    int rc = 0;
    while (rc == 0 && sqlite3_step(st) == SQLITE_ROW) {
        if (b->n == STORE_REFBULK_MAX) {
            rc = -1;
            break;
        }
        names[b->n] = strdup((const char *)sqlite3_column_text(st, 0));
        b->sql[b->n] = strdup((const char *)sqlite3_column_text(st, 1));
        if (!names[b->n] || !b->sql[b->n]) rc = -1;
        b->n++;
    }
    sqlite3_finalize(st);
    for (size_t i = 0; i < b->n && rc == 0; i++) {
        char drop[160];
        snprintf(drop, sizeof drop, "DROP TRIGGER \"%s\"", names[i]);
        rc = store_exec(s, drop);
    }
    for (size_t i = 0; i < b->n; i++)
        free(names[i]);
    if (rc == 0) rc = store_exec(s, "DELETE FROM refdata_cache");
    if (rc < 0) store_refbulk_free(b);
    return rc;
}

int store_refbulk_end(store *s, store_refbulk *b)
{
    int rc = 0;
    if (strcmp(b->table, "subjects") == 0)
        rc = store_exec(s, "UPDATE tallies SET n = (SELECT count(*) FROM subjects)"
                           " WHERE name = 'ref_subjects'");
    for (size_t i = 0; i < b->n && rc == 0; i++)
        rc = store_exec(s, b->sql[i]);
    store_refbulk_free(b);
    return rc;
}
