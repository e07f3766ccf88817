#include "emit/emit_rights.h"

#include <string.h>

#include "normalise/ts.h"
#include "util/esc.h"

/* "YYYY-MM-DD" of ms into out; "" for 0. */
static const char *day_of(int64_t ms, char out[32])
{
    if (!ms) {
        out[0] = 0;
        return out;
    }
    ts_format(ms, out);
    out[10] = 0;
    return out;
}

/* "system:action" into out. */
static const char *right_name(const store_right *r, char *out, size_t n)
{
    snprintf(out, n, "%s:%s", r->system, r->action);
    return out;
}

/* Whole days from the last use (or the grant, never used) to at. */
static long idle_days(const store_rights_row *w, int64_t at)
{
    int64_t from = w->right.last_use ? w->right.last_use : w->right.granted;
    return at > from ? (long)((at - from) / TS_DAY_MS) : 0;
}

static int str_member(buf *b, const char *key, const char *v)
{
    int rc = buf_printf(b, ",\"%s\":", key);
    return rc | buf_json_str(b, v);
}

static int date_member(buf *b, const char *key, int64_t ms)
{
    char d[32];
    if (!ms) return buf_printf(b, ",\"%s\":null", key);
    return buf_printf(b, ",\"%s\":\"%s\"", key, day_of(ms, d));
}

static int row_json(buf *b, const ops_rights_result *r, const store_rights_row *w)
{
    char name[512];
    const store_right *g = &w->right;
    int rc = buf_printf(b, "{\"report\":\"%s\"", ops_rights_kind_name(r->kind));
    rc |= str_member(b, "actor", g->actor);
    rc |= str_member(b, "unit", w->unit);
    rc |= str_member(b, "role", w->role);
    rc |= str_member(b, "right", right_name(g, name, sizeof name));
    rc |= str_member(b, "system", g->system);
    rc |= str_member(b, "action", g->action);
    rc |= date_member(b, "granted", g->granted);
    rc |= str_member(b, "granted_by", g->granted_by);
    rc |= date_member(b, "last_use", g->last_use);
    rc |= buf_printf(b, ",\"never_used\":%s,\"idle_days\":%ld", g->last_use ? "false" : "true",
                     idle_days(w, r->at));
    switch (r->kind) {
    case STORE_RIGHTS_LEAVERS:
        rc |= buf_printf(b, ",\"registered\":%s", w->registered ? "true" : "false");
        rc |= date_member(b, "left", w->registered ? w->left : 0);
        rc |= str_member(b, "why", w->registered ? "left" : "not in the staff register");
        break;
    case STORE_RIGHTS_MOVERS:
        rc |= date_member(b, "moved", w->moved);
        rc |= str_member(b, "from_unit", w->from_unit);
        rc |= str_member(b, "from_role", w->from_role);
        rc |= str_member(b, "to_unit", w->to_unit);
        rc |= str_member(b, "to_role", w->to_role);
        break;
    case STORE_RIGHTS_CONFLICTS:
        snprintf(name, sizeof name, "%s + %s", w->right_a, w->right_b);
        rc |= str_member(b, "conflict", name);
        rc |= str_member(b, "right_a", w->right_a);
        rc |= str_member(b, "right_b", w->right_b);
        rc |= str_member(b, "held_b", w->held_b);
        rc |= str_member(b, "reason", w->reason);
        break;
    default:
        break;
    }
    return rc | buf_puts(b, "}\n");
}

static int heading(buf *b, store_rights_kind k)
{
    switch (k) {
    case STORE_RIGHTS_LEAVERS:
        return esc_printf(b, "%-14s  %-14s  %-22s  %-20s  %-10s  %-16s  %s\n", "ACTOR", "UNIT",
                          "ROLE", "RIGHT", "GRANTED", "LEFT", "LAST USE");
    case STORE_RIGHTS_MOVERS:
        return esc_printf(b, "%-14s  %-20s  %-10s  %-10s  %-36s  %-36s  %s\n", "ACTOR", "RIGHT",
                          "GRANTED", "MOVED", "FROM", "TO", "LAST USE");
    case STORE_RIGHTS_CONFLICTS:
        return esc_printf(b, "%-14s  %-14s  %-22s  %-40s  %-40s  %s\n", "ACTOR", "UNIT", "ROLE",
                          "CONFLICT", "HELD", "REASON");
    default:
        return esc_printf(b, "%-14s  %-14s  %-22s  %-20s  %-10s  %-18s  %-10s  %s\n", "ACTOR",
                          "UNIT", "ROLE", "RIGHT", "GRANTED", "GRANTED BY", "LAST USE",
                          "IDLE DAYS");
    }
}

static int row_table(buf *b, const ops_rights_result *r, const store_rights_row *w)
{
    char name[512], g[32], u[32], x[32], p1[1100], p2[1100];
    const store_right *t = &w->right;
    right_name(t, name, sizeof name);
    const char *used = t->last_use ? day_of(t->last_use, u) : "never";
    switch (r->kind) {
    case STORE_RIGHTS_LEAVERS:
        return esc_printf(b, "%-14s  %-14s  %-22s  %-20s  %-10s  %-16s  %s\n", t->actor, w->unit,
                          w->role, name, day_of(t->granted, g),
                          w->registered ? day_of(w->left, x) : "not in register", used);
    case STORE_RIGHTS_MOVERS:
        snprintf(p1, sizeof p1, "%s / %s", w->from_unit, w->from_role);
        snprintf(p2, sizeof p2, "%s / %s", w->to_unit, w->to_role);
        return esc_printf(b, "%-14s  %-20s  %-10s  %-10s  %-36s  %-36s  %s\n", t->actor, name,
                          day_of(t->granted, g), day_of(w->moved, x), p1, p2, used);
    case STORE_RIGHTS_CONFLICTS:
        snprintf(p1, sizeof p1, "%s + %s", w->right_a, w->right_b);
        snprintf(p2, sizeof p2, "%s + %s", name, w->held_b);
        return esc_printf(b, "%-14s  %-14s  %-22s  %-40s  %-40s  %s\n", t->actor, w->unit, w->role,
                          p1, p2, w->reason);
    default:
        return esc_printf(b, "%-14s  %-14s  %-22s  %-20s  %-10s  %-18s  %-10s  %ld\n", t->actor,
                          w->unit, w->role, name, day_of(t->granted, g), t->granted_by, used,
                          idle_days(w, r->at));
    }
}

/* The table's closing line: how many, of what, as of when. */
static int closing(buf *b, const ops_rights_result *r)
{
    char at[32];
    day_of(r->at, at);
    const char *s = r->n == 1 ? "" : "s";
    switch (r->kind) {
    case STORE_RIGHTS_UNUSED:
        return buf_printf(b, "(%zu right%s not used in %ld days or never, as of %s)\n", r->n, s,
                          r->days, at);
    case STORE_RIGHTS_LEAVERS:
        return buf_printf(b,
                          "(%zu right%s still held by people who left or are not in the staff"
                          " register, as of %s)\n",
                          r->n, s, at);
    case STORE_RIGHTS_MOVERS:
        return buf_printf(b, "(%zu right%s kept after a move to another unit or role, as of %s)\n",
                          r->n, s, at);
    case STORE_RIGHTS_CONFLICTS:
        return buf_printf(b, "(%zu conflicting combination%s held, as of %s)\n", r->n, s, at);
    default:
        return buf_printf(b, "(%zu right%s held, as of %s)\n", r->n, s, at);
    }
}

int emit_rights(buf *b, enum emit_format f, const ops_rights_result *r)
{
    int rc = f == EMIT_TABLE ? heading(b, r->kind) : 0;
    for (size_t i = 0; i < r->n; i++)
        rc |= f == EMIT_JSONL ? row_json(b, r, &r->rows[i]) : row_table(b, r, &r->rows[i]);
    if (f == EMIT_TABLE) rc |= closing(b, r);
    return rc ? -1 : 0;
}

int emit_rights_api(buf *b, const ops_rights_result *r, const buf *rows)
{
    char t[32];
    ts_format(r->at, t);
    int rc = buf_printf(b,
                        "{\"report\":\"%s\",\"at\":%lld,\"time\":\"%s\",\"days\":%ld,"
                        "\"count\":%zu,\"rights\":",
                        ops_rights_kind_name(r->kind), (long long)r->at, t, r->days, r->n);
    rc |= buf_put(b, rows->data ? rows->data : "[]", rows->data ? rows->len : 2);
    return rc | buf_puts(b, "}");
}
