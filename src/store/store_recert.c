#include "store/store_recert.h"
#include "store/store_int.h"

#include <stdlib.h>
#include <string.h>

static char *dup_col(sqlite3_stmt *st, int i)
{
    const char *t = (const char *)sqlite3_column_text(st, i);
    return strdup(t ? t : "");
}

static const char *text(sqlite3_stmt *st, int i)
{
    const char *t = (const char *)sqlite3_column_text(st, i);
    return t ? t : "";
}

static int history(store *s, int64_t campaign, int64_t item, int64_t at, const char *account,
                   const char *action, const char *detail)
{
    sqlite3_stmt *st = store_stmt(s, "INSERT INTO recert_history(campaign, item, at, account,"
                                     " action, detail) VALUES(?, ?, ?, ?, ?, ?)");
    if (!st) return -1;
    sqlite3_bind_int64(st, 1, campaign);
    sqlite3_bind_int64(st, 2, item);
    sqlite3_bind_int64(st, 3, at);
    sqlite3_bind_text(st, 4, account, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 5, action, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 6, detail ? detail : "", -1, SQLITE_STATIC);
    return store_step_done(st);
}

int store_recert_add(store *s, const store_recert_campaign *c, int64_t *id)
{
    sqlite3_stmt *st = store_stmt(s, "INSERT INTO recert_campaigns(title, scope, value, owner, due,"
                                     " created_by, created) VALUES(?, ?, ?, ?, ?, ?, ?)");
    if (!st) return -1;
    sqlite3_bind_text(st, 1, c->title, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, c->scope, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, c->value, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, c->owner, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 5, c->due);
    sqlite3_bind_text(st, 6, c->created_by, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 7, c->created);
    if (store_step_done(st) < 0) return -1;
    *id = sqlite3_last_insert_rowid(store_db(s));
    return history(s, *id, 0, c->created, c->created_by, "start", c->title);
}

int store_recert_add_item(store *s, int64_t campaign, const char *actor, const char *system,
                          const char *action, int64_t granted, int64_t last_use)
{
    sqlite3_stmt *st = store_stmt(s, "INSERT INTO recert_items(campaign, actor, system, action,"
                                     " granted, last_use) VALUES(?, ?, ?, ?, ?, ?)");
    if (!st) return -1;
    sqlite3_bind_int64(st, 1, campaign);
    sqlite3_bind_text(st, 2, actor, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, system, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, action, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 5, granted);
    sqlite3_bind_int64(st, 6, last_use);
    return store_step_done(st);
}

int store_recert_in_unit(store *s, const char *unit, const char *actor, int *yes)
{
    sqlite3_stmt *st = store_stmt(s, "SELECT 1 FROM actors WHERE actor = ? AND unit = ?");
    if (!st) return -1;
    sqlite3_bind_text(st, 1, actor, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, unit, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    *yes = rc == SQLITE_ROW;
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : -1;
}

void store_recert_campaigns_free(store_recert_campaign *c, size_t n)
{
    for (size_t i = 0; c && i < n; i++) {
        free(c[i].title);
        free(c[i].scope);
        free(c[i].value);
        free(c[i].owner);
        free(c[i].created_by);
        free(c[i].status);
        free(c[i].closed_by);
    }
    free(c);
}

/* Grows *v (of *cap elements of size sz) to hold len + 1. 0 or -1. */
static int grow(void **v, size_t *cap, size_t len, size_t sz)
{
    if (len < *cap) return 0;
    size_t c = *cap ? *cap * 2 : 16;
    void *g = realloc(*v, c * sz);
    if (!g) return -1;
    *v = g;
    *cap = c;
    return 0;
}

int store_recert_campaigns(store *s, int64_t id, store_recert_campaign **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    sqlite3_stmt *st = store_stmt(
        s, "SELECT c.id, c.title, c.scope, c.value, c.owner, c.created_by, c.status, c.closed_by,"
           "  c.due, c.created, coalesce(c.closed, 0), count(i.id),"
           "  coalesce(sum(i.decision <> ''), 0), coalesce(sum(i.decision = 'keep'), 0),"
           "  coalesce(sum(i.decision = 'revoke'), 0)"
           " FROM recert_campaigns c LEFT JOIN recert_items i ON i.campaign = c.id"
           " WHERE ?1 = 0 OR c.id = ?1 GROUP BY c.id ORDER BY c.id DESC");
    if (!st) return -1;
    sqlite3_bind_int64(st, 1, id);
    store_recert_campaign *v = NULL;
    size_t len = 0, cap = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (grow((void **)&v, &cap, len, sizeof *v) < 0) break;
        store_recert_campaign *c = &v[len++];
        *c = (store_recert_campaign){sqlite3_column_int64(st, 0),
                                     dup_col(st, 1),
                                     dup_col(st, 2),
                                     dup_col(st, 3),
                                     dup_col(st, 4),
                                     dup_col(st, 5),
                                     dup_col(st, 6),
                                     dup_col(st, 7),
                                     sqlite3_column_int64(st, 8),
                                     sqlite3_column_int64(st, 9),
                                     sqlite3_column_int64(st, 10),
                                     sqlite3_column_int64(st, 11),
                                     sqlite3_column_int64(st, 12),
                                     sqlite3_column_int64(st, 13),
                                     sqlite3_column_int64(st, 14)};
        if (!c->title || !c->scope || !c->value || !c->owner || !c->created_by || !c->status ||
            !c->closed_by)
            break;
    }
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    if (rc != SQLITE_DONE) {
        store_recert_campaigns_free(v, len);
        if (rc == SQLITE_ROW) store_set_errmsg(s, "out of memory");
        return -1;
    }
    *out = v;
    *n = len;
    return 0;
}

void store_recert_item_clear(store_recert_item *it)
{
    free(it->actor);
    free(it->system);
    free(it->action);
    free(it->decision);
    free(it->reason);
    free(it->decided_by);
}

void store_recert_items_free(store_recert_item *v, size_t n)
{
    for (size_t i = 0; v && i < n; i++)
        store_recert_item_clear(&v[i]);
    free(v);
}

int store_recert_items(store *s, const store_recert_item_filter *f, store_recert_item **out,
                       size_t *n)
{
    *out = NULL;
    *n = 0;
    sqlite3_stmt *st =
        store_stmt(s, "SELECT i.id, i.campaign, i.actor, i.system, i.action, i.decision, i.reason,"
                      "  i.decided_by, i.granted, i.last_use, i.decided"
                      " FROM recert_items i JOIN recert_campaigns c ON c.id = i.campaign"
                      " WHERE (?1 = 0 OR c.id = ?1) AND (?2 = 0 OR i.id = ?2)"
                      "  AND (?3 = 0 OR i.decision = '') AND (?4 = 0 OR c.status = 'open')"
                      " ORDER BY i.campaign, i.id");
    if (!st) return -1;
    sqlite3_bind_int64(st, 1, f->campaign);
    sqlite3_bind_int64(st, 2, f->item);
    sqlite3_bind_int(st, 3, f->undecided);
    sqlite3_bind_int(st, 4, f->open);
    store_recert_item *v = NULL;
    size_t len = 0, cap = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (grow((void **)&v, &cap, len, sizeof *v) < 0) break;
        store_recert_item *it = &v[len++];
        *it = (store_recert_item){sqlite3_column_int64(st, 0),
                                  sqlite3_column_int64(st, 1),
                                  dup_col(st, 2),
                                  dup_col(st, 3),
                                  dup_col(st, 4),
                                  dup_col(st, 5),
                                  dup_col(st, 6),
                                  dup_col(st, 7),
                                  sqlite3_column_int64(st, 8),
                                  sqlite3_column_int64(st, 9),
                                  sqlite3_column_int64(st, 10)};
        if (!it->actor || !it->system || !it->action || !it->decision || !it->reason ||
            !it->decided_by)
            break;
    }
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    if (rc != SQLITE_DONE) {
        store_recert_items_free(v, len);
        if (rc == SQLITE_ROW) store_set_errmsg(s, "out of memory");
        return -1;
    }
    *out = v;
    *n = len;
    return 0;
}

int store_recert_decide(store *s, int64_t item, const char *decision, const char *reason,
                        const char *account, int64_t at)
{
    sqlite3_stmt *st = store_stmt(s, "UPDATE recert_items SET decision = ?, reason = ?,"
                                     " decided_by = ?, decided = ? WHERE id = ?");
    if (!st) return -1;
    sqlite3_bind_text(st, 1, decision, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, reason ? reason : "", -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, account, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 4, at);
    sqlite3_bind_int64(st, 5, item);
    return store_step_done(st);
}

int store_recert_close(store *s, int64_t id, const char *account, int64_t at, const char *detail)
{
    sqlite3_stmt *st = store_stmt(s, "UPDATE recert_campaigns SET status = 'closed', closed = ?,"
                                     " closed_by = ? WHERE id = ?");
    if (!st) return -1;
    sqlite3_bind_int64(st, 1, at);
    sqlite3_bind_text(st, 2, account, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 3, id);
    if (store_step_done(st) < 0) return -1;
    return history(s, id, 0, at, account, "close", detail);
}

int store_recert_history(store *s, int64_t id, store_recert_change_fn fn, void *ctx)
{
    sqlite3_stmt *st = store_stmt(s, "SELECT seq, item, at, account, action, from_value, to_value,"
                                     " detail FROM recert_history WHERE campaign = ? ORDER BY seq");
    if (!st) return -1;
    sqlite3_bind_int64(st, 1, id);
    int rc = 0, step;
    while (rc == 0 && (step = sqlite3_step(st)) == SQLITE_ROW) {
        store_recert_change c = {sqlite3_column_int64(st, 0),
                                 sqlite3_column_int64(st, 1),
                                 sqlite3_column_int64(st, 2),
                                 text(st, 3),
                                 text(st, 4),
                                 text(st, 5),
                                 text(st, 6),
                                 text(st, 7)};
        rc = fn(&c, ctx);
    }
    if (rc == 0 && step != SQLITE_DONE) rc = -1;
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    return rc;
}
