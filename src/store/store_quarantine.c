#include "store/store_quarantine.h"
#include "store/store_int.h"

#include <sqlite3.h>
#include <stdlib.h>

struct store_quarantine_cursor {
    sqlite3_stmt *st;
};

int store_quarantine_open(store *s, store_quarantine_cursor **out)
{
    store_quarantine_cursor *c = malloc(sizeof *c);
    if (!c) {
        store_set_errmsg(s, "out of memory");
        return -1;
    }
    if (sqlite3_prepare_v2(store_db(s),
                           "SELECT source, line, reason, raw, at FROM quarantine"
                           " ORDER BY source, line",
                           -1, &c->st, NULL) != SQLITE_OK) {
        free(c);
        return -1;
    }
    *out = c;
    return 0;
}

int store_quarantine_next(store_quarantine_cursor *c, store_quarantined *q)
{
    int rc = sqlite3_step(c->st);
    if (rc != SQLITE_ROW) return rc == SQLITE_DONE ? 0 : -1;
    q->source = (const char *)sqlite3_column_text(c->st, 0);
    q->line = (long)sqlite3_column_int64(c->st, 1);
    q->reason = (const char *)sqlite3_column_text(c->st, 2);
    q->raw = sqlite3_column_blob(c->st, 3);
    q->nraw = (size_t)sqlite3_column_bytes(c->st, 3);
    q->at = sqlite3_column_int64(c->st, 4);
    return 1;
}

void store_quarantine_close(store_quarantine_cursor *c)
{
    if (!c) return;
    sqlite3_finalize(c->st);
    free(c);
}
