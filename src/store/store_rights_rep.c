#include "store/store_rights_rep.h"
#include "store/store_int.h"

#include <stdlib.h>
#include <string.h>

#include "store/store_ref_int.h"

/* ?1 at, ?2 since, ?3 system, ?4 unit, ?5 actor. held: the rights held
 * at ?1 with their last use (right_use, one index look-up each). */
#define HELD                                                                                       \
    "WITH held AS (SELECT r.actor, r.system, r.action, r.granted_by, r.granted,"                   \
    "  coalesce(r.revoked, 0) AS revoked,"                                                         \
    "  coalesce((SELECT max(u.last) FROM right_use u WHERE u.actor = r.actor"                      \
    "   AND u.system = r.system AND (r.action = '*' OR u.action = r.action)), 0) AS last_use"      \
    " FROM rights r WHERE r.granted <= ?1 AND (r.revoked IS NULL OR r.revoked > ?1)"               \
    "  AND (?3 = '' OR r.system = ?3) AND (?5 = '' OR r.actor = ?5))"

/* The holder's columns 7-10, of "h" joined with "a" (actors). */
#define HOLDER                                                                                     \
    ", coalesce(a.unit, ''), coalesce(a.role, ''), a.actor IS NOT NULL,"                           \
    " coalesce(" STORE_REF_END_SQL ", 0) AS left_at"

#define RIGHT_COLS(h)                                                                              \
    "SELECT " h ".actor, " h ".system, " h ".action, " h ".granted_by, " h ".granted, " h          \
    ".revoked, " h ".last_use"

#define NO_MOVE ", 0, '', '', '', ''"
#define NO_PAIR ", '', '', '', ''"
#define ORDER " ORDER BY h.actor, h.system, h.action, h.granted"

static const char *const sql[] = {
    [STORE_RIGHTS_LIST] = HELD RIGHT_COLS("h") HOLDER NO_MOVE NO_PAIR
    " FROM held h LEFT JOIN actors a ON a.actor = h.actor WHERE (?4 = '' OR a.unit = ?4)" ORDER,
    [STORE_RIGHTS_UNUSED] = HELD RIGHT_COLS("h") HOLDER NO_MOVE NO_PAIR
    " FROM held h LEFT JOIN actors a ON a.actor = h.actor WHERE (?4 = '' OR a.unit = ?4)"
    "  AND h.last_use < ?2 AND h.granted <= ?2" ORDER,
    [STORE_RIGHTS_LEAVERS] = HELD RIGHT_COLS("h") HOLDER NO_MOVE NO_PAIR
    " FROM held h LEFT JOIN actors a ON a.actor = h.actor WHERE (?4 = '' OR a.unit = ?4)"
    "  AND (a.actor IS NULL OR (left_at > 0 AND left_at < ?1))" ORDER,
    [STORE_RIGHTS_MOVERS] = HELD RIGHT_COLS("h") HOLDER
    ", m.moved, m.from_unit, m.from_role, m.to_unit, m.to_role" NO_PAIR
    " FROM held h JOIN moves m ON m.actor = h.actor AND m.moved > h.granted AND m.moved <= ?1"
    "  AND (m.from_unit <> m.to_unit OR m.from_role <> m.to_role)"
    " LEFT JOIN actors a ON a.actor = h.actor WHERE (?4 = '' OR a.unit = ?4)" ORDER ", m.moved",
    [STORE_RIGHTS_CONFLICTS] =
        HELD ", pairs AS (SELECT right_a, right_b, reason,"
             "  substr(right_a, 1, instr(right_a, ':') - 1) AS sa,"
             "  substr(right_a, instr(right_a, ':') + 1) AS aa,"
             "  substr(right_b, 1, instr(right_b, ':') - 1) AS sb,"
             "  substr(right_b, instr(right_b, ':') + 1) AS ab FROM conflicts) " RIGHT_COLS("h")
                 HOLDER NO_MOVE
    ", p.right_a, p.right_b, p.reason, hb.system || ':' || hb.action"
    " FROM pairs p JOIN held h ON h.system = p.sa AND (h.action = p.aa OR h.action = '*'"
    "  OR p.aa = '*')"
    " JOIN held hb ON hb.actor = h.actor AND hb.system = p.sb AND (hb.action = p.ab"
    "  OR hb.action = '*' OR p.ab = '*')"
    " LEFT JOIN actors a ON a.actor = h.actor WHERE (?4 = '' OR a.unit = ?4)"
    " ORDER BY h.actor, p.right_a, p.right_b, h.system, h.action, hb.action",
};

void store_rights_rows_free(store_rights_row *v, size_t n)
{
    for (size_t i = 0; v && i < n; i++) {
        store_right *r = &v[i].right;
        char *texts[] = {r->actor,     r->system,      r->action,      r->granted_by, v[i].unit,
                         v[i].role,    v[i].from_unit, v[i].from_role, v[i].to_unit,  v[i].to_role,
                         v[i].right_a, v[i].right_b,   v[i].reason,    v[i].held_b};
        for (size_t k = 0; k < sizeof texts / sizeof *texts; k++)
            free(texts[k]);
    }
    free(v);
}

static char *col(sqlite3_stmt *st, int i)
{
    const char *t = (const char *)sqlite3_column_text(st, i);
    return strdup(t ? t : "");
}

/* Reads the statement's current row into r. 0, or -1 out of memory. */
static int read_row(sqlite3_stmt *st, store_rights_row *r)
{
    *r = (store_rights_row){
        .right = {col(st, 0), col(st, 1), col(st, 2), col(st, 3), sqlite3_column_int64(st, 4),
                  sqlite3_column_int64(st, 5), sqlite3_column_int64(st, 6)},
        .unit = col(st, 7),
        .role = col(st, 8),
        .registered = sqlite3_column_int(st, 9),
        .left = sqlite3_column_int64(st, 10),
        .moved = sqlite3_column_int64(st, 11),
        .from_unit = col(st, 12),
        .from_role = col(st, 13),
        .to_unit = col(st, 14),
        .to_role = col(st, 15),
        .right_a = col(st, 16),
        .right_b = col(st, 17),
        .reason = col(st, 18),
        .held_b = col(st, 19),
    };
    const store_right *g = &r->right;
    return g->actor && g->system && g->action && g->granted_by && r->unit && r->role &&
                   r->from_unit && r->from_role && r->to_unit && r->to_role && r->right_a &&
                   r->right_b && r->reason && r->held_b
               ? 0
               : -1;
}

int store_rights_report(store *s, const store_rights_query *q, store_rights_row **out, size_t *n,
                        werr *e)
{
    *out = NULL;
    *n = 0;
    if ((unsigned)q->kind >= sizeof sql / sizeof *sql)
        return werr_set(e, WERR_INTERNAL, "no such report of rights");
    sqlite3_stmt *st = store_stmt(s, sql[q->kind]);
    if (!st) return werr_set(e, WERR_UNAVAILABLE, "cannot read the rights: %s", store_errmsg(s));
    sqlite3_bind_int64(st, 1, q->at);
    sqlite3_bind_int64(st, 2, q->since);
    sqlite3_bind_text(st, 3, q->system ? q->system : "", -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, q->unit ? q->unit : "", -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 5, q->actor ? q->actor : "", -1, SQLITE_STATIC);
    store_rights_row *v = NULL;
    size_t len = 0, cap = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (len == cap) {
            size_t c = cap ? cap * 2 : 64;
            store_rights_row *g = realloc(v, c * sizeof *g);
            if (!g) goto oom;
            v = g;
            cap = c;
        }
        if (read_row(st, &v[len++]) < 0) goto oom;
    }
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    if (rc != SQLITE_DONE) {
        store_rights_rows_free(v, len);
        return werr_set(e, WERR_UNAVAILABLE, "cannot read the rights: %s", store_errmsg(s));
    }
    *out = v;
    *n = len;
    return 0;
oom:
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    store_rights_rows_free(v, len);
    return werr_set(e, WERR_INTERNAL, "out of memory reading the rights");
}
