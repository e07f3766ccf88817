/* The rights of rights.csv in refdata, for the rule unauthorised: a map
 * of "actor US system US action" (action in lower case, US the unit
 * separator 0x1F) to the periods the right is held, so that judging an
 * event is one or two hash look-ups, and a map of the systems named, so
 * that an event on any other system costs one. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "normalise/ts.h"

#include "enrich/refdata_int.h"
#include "store/store_ref.h"

enum { KEY_MAX = 512 };

/* The key of (actor, system, action) into out: its length, or 0 when it
 * does not fit (no such right can be stored: its key would be longer). */
static size_t key_of(const char *actor, const char *system, const char *action, char out[KEY_MAX])
{
    size_t a = strlen(actor), s = strlen(system), n = strlen(action);
    if (a + s + n + 2 >= KEY_MAX) return 0;
    memcpy(out, actor, a);
    out[a] = 0x1f;
    memcpy(out + a + 1, system, s);
    out[a + 1 + s] = 0x1f;
    char *p = out + a + s + 2;
    for (size_t i = 0; i < n; i++)
        p[i] = action[i] >= 'A' && action[i] <= 'Z' ? (char)(action[i] + 32) : action[i];
    p[n] = 0;
    return a + s + n + 2;
}

typedef struct span_row {
    uint32_t key;
    ref_span span;
} span_row;

typedef struct rows {
    refdata *r;
    werr *e;
    span_row *v;
    size_t n, cap;
} rows;

static int on_right(void *ctx, const store_ref_right *row)
{
    rows *rs = ctx;
    char key[KEY_MAX];
    size_t len = key_of(row->actor, row->system, row->action, key);
    uint32_t id, sys;
    if (!len) return 0;
    if (strmap_intern(rs->r->rkeys, key, len, &id) < 0 ||
        strmap_intern(rs->r->rsystems, row->system, strlen(row->system), &sys) < 0)
        goto oom;
    if (rs->n == rs->cap) {
        size_t c = rs->cap ? rs->cap * 2 : 256;
        span_row *g = realloc(rs->v, c * sizeof *g);
        if (!g) goto oom;
        rs->v = g;
        rs->cap = c;
    }
    rs->v[rs->n++] = (span_row){id, {row->granted, row->revoked}};
    return 0;
oom:
    return werr_set(rs->e, WERR_INTERNAL, "out of memory");
}

static int cmp_row(const void *x, const void *y)
{
    const span_row *a = x, *b = y;
    if (a->key != b->key) return a->key < b->key ? -1 : 1;
    return a->span.from < b->span.from ? -1 : a->span.from > b->span.from;
}

int refdata_rights_load(refdata *r, store *s, werr *e)
{
    rows rs = {r, e, NULL, 0, 0};
    if (store_ref_rights(s, on_right, &rs, e) < 0) {
        free(rs.v);
        return -1;
    }
    size_t nk = strmap_count(r->rkeys);
    if (rs.n) qsort(rs.v, rs.n, sizeof *rs.v, cmp_row);
    r->rkey0 = calloc(nk + 1, sizeof *r->rkey0);
    r->rspan = malloc((rs.n ? rs.n : 1) * sizeof *r->rspan);
    if (!r->rkey0 || !r->rspan) {
        free(rs.v);
        return werr_set(e, WERR_INTERNAL, "out of memory");
    }
    for (size_t i = 0; i < rs.n; i++) {
        r->rkey0[rs.v[i].key + 1]++;
        r->rspan[i] = rs.v[i].span;
    }
    for (size_t k = 1; k <= nk; k++)
        r->rkey0[k] += r->rkey0[k - 1];
    r->nrspan = rs.n;
    free(rs.v);
    return 0;
}

void refdata_rights_free(refdata *r)
{
    free(r->rkey0);
    free(r->rspan);
}

int refdata_rights_checks(const refdata *r, const char *system)
{
    return r->nrspan && strmap_find(r->rsystems, system, strlen(system)) >= 0;
}

/* Whether key k's periods hold ts. */
static int held(const refdata *r, int64_t k, int64_t ts)
{
    if (k < 0) return 0;
    for (uint32_t i = r->rkey0[k]; i < r->rkey0[k + 1]; i++) {
        const ref_span *p = &r->rspan[i];
        if (p->from > ts) break; /* by start: the rest begin later */
        if (!p->to || ts <= p->to) return 1;
    }
    return 0;
}

int refdata_right_held(const refdata *r, const char *actor, const char *system, const char *action,
                       int64_t ts)
{
    char key[KEY_MAX];
    size_t len = key_of(actor, system, action, key);
    if (len && held(r, strmap_find(r->rkeys, key, len), ts)) return 1;
    len = key_of(actor, system, "*", key);
    return len && held(r, strmap_find(r->rkeys, key, len), ts);
}

size_t refdata_rights_count(const refdata *r)
{
    return r->nrspan;
}

/* The period of key k nearest ts (it holds none): the last to end before
 * it, else the first to begin after it. NULL when k has none. */
static const ref_span *nearest(const refdata *r, int64_t k, int64_t ts)
{
    if (k < 0) return NULL;
    const ref_span *before = NULL, *after = NULL;
    for (uint32_t i = r->rkey0[k]; i < r->rkey0[k + 1]; i++) {
        const ref_span *p = &r->rspan[i];
        if (p->to && p->to < ts && (!before || p->to > before->to)) before = p;
        if (p->from > ts && !after) after = p;
    }
    return before ? before : after;
}

void refdata_right_missing(const refdata *r, const char *actor, const char *system,
                           const char *action, int64_t ts, char *out, size_t n)
{
    char key[KEY_MAX], day[32];
    const char *what = action;
    size_t len = key_of(actor, system, action, key);
    const ref_span *p = len ? nearest(r, strmap_find(r->rkeys, key, len), ts) : NULL;
    if (!p && (len = key_of(actor, system, "*", key)) != 0) {
        p = nearest(r, strmap_find(r->rkeys, key, len), ts);
        what = "*";
    }
    if (!p) {
        snprintf(out, n, "%s", "");
        return;
    }
    int ended = p->to && p->to < ts;
    ts_format(ended ? p->to : p->from, day);
    snprintf(out, n, " (their right %.60s:%.20s %s %.10s)", system, what,
             ended ? "ended" : "began only", day);
}
