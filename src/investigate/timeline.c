#include "investigate/timeline.h"

#include <stdlib.h>
#include <string.h>

#include "store/store_alerts.h"

/* One event an alert lists: which alert. */
typedef struct link {
    const char *event, *alert;
} link;

typedef struct collect {
    inv_timeline *t;
    int64_t to;
    link *links;
    size_t nlinks, cap;
} collect;

static int add_links(collect *c, const store_alert *a, const char *id)
{
    for (size_t i = 0; i < a->n; i++) {
        if (c->nlinks == c->cap) {
            size_t nc = c->cap ? c->cap * 2 : 64;
            link *nv = realloc(c->links, nc * sizeof *nv);
            if (!nv) return -1;
            c->links = nv;
            c->cap = nc;
        }
        const char *ev = arena_strdup(c->t->strings, a->events[i]);
        if (!ev) return -1;
        c->links[c->nlinks++] = (link){ev, id};
    }
    return 0;
}

/* store_each_alert gives newest first; kept, then reversed. */
static int add_alert(const store_alert *a, void *ctx)
{
    collect *c = ctx;
    inv_timeline *t = c->t;
    if (a->ts > c->to) return 0;
    if (t->nalerts == t->cap) {
        size_t nc = t->cap ? t->cap * 2 : 32;
        inv_alert *nv = realloc(t->alerts, nc * sizeof *nv);
        if (!nv) return -1;
        t->alerts = nv;
        t->cap = nc;
    }
    inv_alert x = {
        arena_strdup(t->strings, a->id),
        arena_strdup(t->strings, a->rule),
        arena_strdup(t->strings, a->reason),
        a->ts,
        a->severity,
        a->score,
        a->n,
        arena_strdup(t->strings, a->status && strcmp(a->status, STORE_EXPLAINED_LATER) == 0
                                     ? (a->why ? a->why : "")
                                     : "")};
    if (!x.id || !x.rule || !x.reason || !x.why) return -1;
    t->alerts[t->nalerts++] = x;
    return add_links(c, a, x.id);
}

static void reverse(inv_alert *v, size_t n)
{
    for (size_t i = 0; i < n / 2; i++) {
        inv_alert tmp = v[i];
        v[i] = v[n - 1 - i];
        v[n - 1 - i] = tmp;
    }
}

static int cmp_link(const void *a, const void *b)
{
    const link *x = a, *y = b;
    int d = strcmp(x->event, y->event);
    return d ? d : strcmp(x->alert, y->alert);
}

/* Gives each access the ids of the alerts listing its event (oldest
 * alert first: the links were collected newest first). */
static int attach_ids(inv_timeline *t, collect *c)
{
    if (t->acc.n && !(t->ids = calloc(t->acc.n, sizeof *t->ids))) return -1;
    if (c->nlinks == 0) return 0;
    qsort(c->links, c->nlinks, sizeof *c->links, cmp_link);
    for (size_t i = 0; i < t->acc.n; i++) {
        link key = {t->acc.v[i].id, ""};
        size_t lo = 0, hi = c->nlinks;
        while (lo < hi) {
            size_t mid = (lo + hi) / 2;
            if (strcmp(c->links[mid].event, key.event) < 0)
                lo = mid + 1;
            else
                hi = mid;
        }
        size_t end = lo;
        while (end < c->nlinks && strcmp(c->links[end].event, key.event) == 0)
            end++;
        if (end == lo) continue;
        const char **v = arena_alloc(t->strings, (end - lo) * sizeof *v);
        if (!v) return -1;
        for (size_t k = lo; k < end; k++)
            v[k - lo] = c->links[k].alert;
        t->ids[i] = (inv_alert_ids){v, end - lo};
    }
    return 0;
}

/* Keeps the accesses o asks for, in order: those its filters keep
 * (counted in t->total), of them the newest o->newest. */
static void keep(inv_timeline *t, const inv_timeline_opts *o)
{
    size_t n = 0;
    for (size_t i = 0; i < t->acc.n; i++) {
        if (o->unexplained_only && !explain_is_unexplained(t->acc.v[i].ex.status)) continue;
        if (o->with_alerts && t->ids[i].n == 0) continue;
        t->acc.v[n] = t->acc.v[i];
        t->ids[n++] = t->ids[i];
    }
    t->total = n;
    size_t first = o->newest && n > o->newest ? n - o->newest : 0;
    for (size_t i = first; i < n; i++) {
        t->acc.v[i - first] = t->acc.v[i];
        t->ids[i - first] = t->ids[i];
    }
    t->acc.n = n - first;
}

int inv_timeline_load(store *s, const char *actor, int64_t from, int64_t to, inv_timeline *out,
                      werr *e)
{
    return inv_timeline_query(s, actor, from, to, NULL, out, e);
}

int inv_timeline_query(store *s, const char *actor, int64_t from, int64_t to,
                       const inv_timeline_opts *o, inv_timeline *out, werr *e)
{
    /* A page of an unfiltered timeline reads only its own look-ups. */
    int paged = o && o->newest && !o->unexplained_only && !o->with_alerts;
    size_t found = 0;
    if ((paged ? inv_accesses_of_actor_newest(s, actor, from, to, o->newest, &found, &out->acc)
               : inv_accesses_of_actor(s, actor, from, to, &out->acc)) < 0) {
        return werr_set(e, WERR_UNAVAILABLE, "cannot read accesses by %s: %s", actor,
                        store_errmsg(s));
    }
    if (inv_accesses_explain(s, &out->acc, &out->ref, e) < 0) return -1;
    if (!out->strings && !(out->strings = arena_new(0))) {
        return werr_set(e, WERR_INTERNAL, "out of memory");
    }
    collect c = {out, to, NULL, 0, 0};
    if (store_each_alert(s, actor, 1, from, add_alert, &c) != 0) {
        free(c.links);
        return werr_set(e, WERR_UNAVAILABLE, "cannot read alerts of %s: %s", actor,
                        store_errmsg(s));
    }
    reverse(out->alerts, out->nalerts);
    int rc = attach_ids(out, &c);
    free(c.links);
    if (rc < 0) return werr_set(e, WERR_INTERNAL, "out of memory");
    if (o)
        keep(out, o);
    else
        out->total = out->acc.n;
    if (paged) out->total = found;
    return 0;
}

void inv_timeline_free(inv_timeline *t)
{
    inv_accesses_free(&t->acc);
    free(t->alerts);
    free(t->ids);
    arena_free(t->strings);
    refdata_free(t->ref);
    memset(t, 0, sizeof *t);
}
