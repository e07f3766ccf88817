#include "investigate/timeline.h"

#include <stdlib.h>
#include <string.h>

#include "store/store_alerts.h"

typedef struct collect {
    inv_timeline *t;
    int64_t to;
} collect;

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
    return 0;
}

static void reverse(inv_alert *v, size_t n)
{
    for (size_t i = 0; i < n / 2; i++) {
        inv_alert tmp = v[i];
        v[i] = v[n - 1 - i];
        v[n - 1 - i] = tmp;
    }
}

int inv_timeline_load(store *s, const char *actor, int64_t from, int64_t to, inv_timeline *out,
                      werr *e)
{
    if (inv_accesses_of_actor(s, actor, from, to, &out->acc) < 0) {
        return werr_set(e, WERR_UNAVAILABLE, "cannot read accesses by %s: %s", actor,
                        store_errmsg(s));
    }
    if (inv_accesses_explain(s, &out->acc, &out->ref, e) < 0) return -1;
    if (!out->strings && !(out->strings = arena_new(0))) {
        return werr_set(e, WERR_INTERNAL, "out of memory");
    }
    collect c = {out, to};
    if (store_each_alert(s, actor, 1, from, add_alert, &c) != 0) {
        return werr_set(e, WERR_UNAVAILABLE, "cannot read alerts of %s: %s", actor,
                        store_errmsg(s));
    }
    reverse(out->alerts, out->nalerts);
    return 0;
}

void inv_timeline_free(inv_timeline *t)
{
    inv_accesses_free(&t->acc);
    free(t->alerts);
    arena_free(t->strings);
    refdata_free(t->ref);
    memset(t, 0, sizeof *t);
}
