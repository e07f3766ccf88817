#include "store/store_rights.h"
#include "store/store_int.h"

#include <stdlib.h>
#include <string.h>

/* The last use of each right from right_use (store_lastuse.h: kept as
 * events are stored), one index look-up per right. */
static const char *const list_sql =
    "SELECT r.actor, r.system, r.action, r.granted_by, r.granted, coalesce(r.revoked, 0),"
    "  coalesce((SELECT max(u.last) FROM right_use u WHERE u.actor = r.actor"
    "   AND u.system = r.system AND (r.action = '*' OR u.action = r.action)), 0)"
    " FROM rights r WHERE r.granted <= ?1 AND (r.revoked IS NULL OR r.revoked > ?1)"
    "  AND (?2 = '' OR r.system = ?2) AND (?3 = '' OR r.actor = ?3)"
    " ORDER BY r.actor, r.system, r.action, r.granted";

void store_rights_free(store_right *r, size_t n)
{
    for (size_t i = 0; r && i < n; i++) {
        free(r[i].actor);
        free(r[i].system);
        free(r[i].action);
        free(r[i].granted_by);
    }
    free(r);
}

static char *col_dup(sqlite3_stmt *st, int i)
{
    const char *t = (const char *)sqlite3_column_text(st, i);
    return strdup(t ? t : "");
}

int store_rights_list(store *s, const store_rights_filter *f, store_right **out, size_t *n, werr *e)
{
    *out = NULL;
    *n = 0;
    sqlite3_stmt *st = store_stmt(s, list_sql);
    if (!st) return werr_set(e, WERR_UNAVAILABLE, "cannot read the rights: %s", store_errmsg(s));
    sqlite3_bind_int64(st, 1, f->at);
    sqlite3_bind_text(st, 2, f->system ? f->system : "", -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, f->actor ? f->actor : "", -1, SQLITE_STATIC);
    store_right *v = NULL;
    size_t len = 0, cap = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (len == cap) {
            size_t c = cap ? cap * 2 : 64;
            store_right *g = realloc(v, c * sizeof *g);
            if (!g) goto oom;
            v = g;
            cap = c;
        }
        store_right *r = &v[len++];
        *r = (store_right){col_dup(st, 0),
                           col_dup(st, 1),
                           col_dup(st, 2),
                           col_dup(st, 3),
                           sqlite3_column_int64(st, 4),
                           sqlite3_column_int64(st, 5),
                           sqlite3_column_int64(st, 6)};
        if (!r->actor || !r->system || !r->action || !r->granted_by) goto oom;
    }
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    if (rc != SQLITE_DONE) {
        store_rights_free(v, len);
        return werr_set(e, WERR_UNAVAILABLE, "cannot read the rights: %s", store_errmsg(s));
    }
    *out = v;
    *n = len;
    return 0;
oom:
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    store_rights_free(v, len);
    return werr_set(e, WERR_INTERNAL, "out of memory reading the rights");
}
