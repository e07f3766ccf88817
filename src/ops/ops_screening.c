#include "ops/ops_screening.h"

#include <stdlib.h>
#include <string.h>

#include "normalise/ts.h"
#include "store/store_events.h"
#include "store/store_rights.h"
#include "store/store_screening.h"
#include "util/buf.h"

int ops_screening_at(store *s, int64_t given, int64_t *at, werr *e)
{
    if (given) {
        *at = given;
        return 0;
    }
    int64_t newest = 0;
    if (store_newest_event(s, &newest) < 0)
        return werr_set(e, WERR_UNAVAILABLE, "cannot read the newest event: %s", store_errmsg(s));
    *at = newest ? newest : ts_now_ms();
    return 0;
}

/* ---- calendar months ---- */

/* Year, month (1..12) and day of a day number (days since 1970-01-01):
 * the inverse of ts_days_from_civil. */
static void civil(int64_t z, int64_t *y, unsigned *m, unsigned *d)
{
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    unsigned doe = (unsigned)(z - era * 146097);
    unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    unsigned mp = (5 * doy + 2) / 153;
    *d = doy - (153 * mp + 2) / 5 + 1;
    *m = mp < 10 ? mp + 3 : mp - 9;
    *y = (int64_t)yoe + era * 400 + (*m <= 2);
}

/* ms plus n calendar months, the day of the month kept where the month
 * has it, else its last day (31 January + 1 month: 28 or 29 February). */
static int64_t add_months(int64_t ms, int64_t n)
{
    int64_t day = ms >= 0 ? ms / TS_DAY_MS : (ms - TS_DAY_MS + 1) / TS_DAY_MS;
    int64_t within = ms - day * TS_DAY_MS, y;
    unsigned m, d;
    civil(day, &y, &m, &d);
    int64_t mm = (int64_t)m - 1 + n;
    y += mm >= 0 ? mm / 12 : (mm - 11) / 12;
    m = (unsigned)(mm - (mm >= 0 ? mm / 12 : (mm - 11) / 12) * 12) + 1;
    static const unsigned len[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    unsigned last = len[m - 1] + (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0));
    if (d > last) d = last;
    return ts_days_from_civil(y, m, d) * TS_DAY_MS + within;
}

/* Whole days from a to b, rounded down (negative when b is before a). */
static int64_t days_between(int64_t a, int64_t b)
{
    int64_t d = b - a;
    return d >= 0 ? d / TS_DAY_MS : -((-d + TS_DAY_MS - 1) / TS_DAY_MS);
}

/* ---- collecting rows ---- */

/* Rows kept to be sorted: strings copied into one buf each (owned). */
typedef struct rowset {
    ops_screen_row *v;
    size_t n, cap;
    const ops_screen_query *q;
    int starters; /* collect the unscreened starters, not the due */
    int oom;
} rowset;

static char *dup(const char *s)
{
    return strdup(s ? s : "");
}

static int keep(rowset *rs, const ops_screen_row *r)
{
    if (rs->n == rs->cap) {
        size_t c = rs->cap ? rs->cap * 2 : 32;
        ops_screen_row *g = realloc(rs->v, c * sizeof *g);
        if (!g) return rs->oom = -1;
        rs->v = g;
        rs->cap = c;
    }
    ops_screen_row *k = &rs->v[rs->n];
    *k = *r;
    k->actor = dup(r->actor);
    k->unit = dup(r->unit);
    k->role = dup(r->role);
    k->kind = dup(r->kind);
    k->rights = dup(r->rights);
    rs->n++;
    if (!k->actor || !k->unit || !k->role || !k->kind || !k->rights) return rs->oom = -1;
    return 0;
}

static void rowset_free(rowset *rs)
{
    for (size_t i = 0; i < rs->n; i++) {
        free((char *)rs->v[i].actor);
        free((char *)rs->v[i].unit);
        free((char *)rs->v[i].role);
        free((char *)rs->v[i].kind);
        free((char *)rs->v[i].rights);
    }
    free(rs->v);
}

/* A starter under the duty: started on or after its date, no positive
 * screening of the kind. */
static int is_starter(const store_screen_member *m)
{
    return m->last == 0 && m->start >= m->from && (m->start > 0 || m->from == 0);
}

static int on_member(void *ctx, const store_screen_member *m)
{
    rowset *rs = ctx;
    int64_t at = rs->q->at;
    ops_screen_row r = {m->actor, m->unit, m->role, m->kind, m->every_months, m->start, m->last,
                        0,        0,       "",      0};
    if (rs->starters) {
        if (!is_starter(m)) return 0;
        r.due = m->start ? m->start : m->from;
        r.days = days_between(r.due, at);
        return keep(rs, &r);
    }
    if (is_starter(m)) return 0;
    r.due = m->last ? add_months(m->last, m->every_months) : m->from;
    if (r.due < m->from) r.due = m->from;
    r.days = days_between(at, r.due);
    if (r.due > at + rs->q->days * TS_DAY_MS) return 0;
    return keep(rs, &r);
}

static int cmp_due(const void *x, const void *y)
{
    const ops_screen_row *a = x, *b = y;
    int c = strcmp(a->unit, b->unit);
    if (c) return c;
    if (a->due != b->due) return a->due < b->due ? -1 : 1;
    if ((c = strcmp(a->actor, b->actor))) return c;
    return strcmp(a->kind, b->kind);
}

static int cmp_start(const void *x, const void *y)
{
    const ops_screen_row *a = x, *b = y;
    int c = strcmp(a->unit, b->unit);
    if (c) return c;
    if (a->start != b->start) return a->start < b->start ? -1 : 1;
    if ((c = strcmp(a->actor, b->actor))) return c;
    return strcmp(a->kind, b->kind);
}

/* Hands rs's rows to fn in order; frees rs. */
static int deliver(rowset *rs, int rc, ops_screen_fn fn, void *ctx, werr *e)
{
    if (rs->oom && (rc == 0 || !e->code)) rc = werr_set(e, WERR_INTERNAL, "out of memory");
    for (size_t i = 0; rc == 0 && i < rs->n; i++)
        rc = fn(ctx, &rs->v[i]);
    rowset_free(rs);
    return rc;
}

static int members(store *s, const ops_screen_query *q, int starters, ops_screen_fn fn, void *ctx,
                   werr *e)
{
    if (!starters && (q->days < 1 || q->days > OPS_SCREEN_DAYS_MAX))
        return werr_set(e, WERR_INPUT, "--days: %lld is not a number of days from 1 to %d",
                        (long long)q->days, OPS_SCREEN_DAYS_MAX);
    rowset rs = {.q = q, .starters = starters};
    int rc = store_screening_members(s, q->at, q->unit, on_member, &rs, e);
    if (rc == 0 && rs.n) qsort(rs.v, rs.n, sizeof *rs.v, starters ? cmp_start : cmp_due);
    return deliver(&rs, rc, fn, ctx, e);
}

int ops_screening_due(store *s, const ops_screen_query *q, ops_screen_fn fn, void *ctx, werr *e)
{
    return members(s, q, 0, fn, ctx, e);
}

int ops_screening_unscreened(store *s, const ops_screen_query *q, ops_screen_fn fn, void *ctx,
                             werr *e)
{
    return members(s, q, 1, fn, ctx, e);
}

/* ---- negative screenings ---- */

static int on_negative(void *ctx, const store_screen_negative *n)
{
    rowset *rs = ctx;
    if (rs->q->unit && rs->q->unit[0] && strcmp(rs->q->unit, n->unit) != 0) return 0;
    ops_screen_row r = {n->actor, n->unit, n->role, n->kind, 0, 0, n->screened, 0, 0, "", 0};
    return keep(rs, &r);
}

/* The rights of actor among all (sorted by actor) as "brp:view, ...",
 * into b; their number. */
static int64_t rights_of(const store_right *all, size_t n, const char *actor, buf *b, int *oom)
{
    int64_t k = 0;
    buf_reset(b);
    for (size_t i = 0; i < n; i++) {
        if (strcmp(all[i].actor, actor) != 0) continue;
        if (buf_printf(b, "%s%s:%s", k ? ", " : "", all[i].system, all[i].action) < 0) *oom = 1;
        k++;
    }
    if (buf_put(b, "", 1) < 0) *oom = 1;
    return k;
}

int ops_screening_negative(store *s, const ops_screen_query *q, ops_screen_fn fn, void *ctx,
                           werr *e)
{
    rowset rs = {.q = q};
    int rc = store_screening_negatives(s, q->at, on_negative, &rs, e);
    store_right *all = NULL;
    size_t nall = 0;
    /* One reading of the rights for all of them: each reading passes over
     * the log for the rights' last use. */
    if (rc == 0 && rs.n && !rs.oom) {
        store_rights_filter f = {q->at, NULL, NULL};
        rc = store_rights_list(s, &f, &all, &nall, e);
    }
    buf b = {0};
    int oom = 0;
    size_t w = 0;
    for (size_t i = 0; rc == 0 && i < rs.n; i++) {
        ops_screen_row *r = &rs.v[i];
        r->nrights = rights_of(all, nall, r->actor, &b, &oom);
        if (!r->nrights || oom) {
            free((char *)r->actor);
            free((char *)r->unit);
            free((char *)r->role);
            free((char *)r->kind);
            free((char *)r->rights);
            continue;
        }
        free((char *)r->rights);
        r->rights = dup((const char *)b.data);
        if (!r->rights) oom = 1;
        rs.v[w++] = *r;
    }
    if (rc == 0) rs.n = w;
    if (oom) rs.oom = 1;
    buf_free(&b);
    store_rights_free(all, nall);
    return deliver(&rs, rc, fn, ctx, e);
}
