#include "investigate/correlate.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "investigate/chance.h"
#include "investigate/lookups.h"
#include "investigate/volume.h"
#include "util/strmap.h"

typedef struct build {
    strmap *pairs;   /* "actor\x1fincident" -> hit index */
    strmap *actors;  /* actor -> suspect index */
    uint32_t *owner; /* hit index -> suspect index */
    size_t cap_hits, cap_sus;
    const refdata *ref;
} build;

static int grow(void **v, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap) return 0;
    size_t nc = *cap ? *cap * 2 : 64;
    while (nc < need)
        nc *= 2;
    void *nv = realloc(*v, nc * size);
    if (!nv) return -1;
    *v = nv;
    *cap = nc;
    return 0;
}

/* The suspect index for actor, creating the suspect. -1 out of memory. */
static int64_t suspect_of(inv_correlation *c, build *b, const char *actor)
{
    uint32_t id;
    int rc = strmap_intern(b->actors, actor, strlen(actor), &id);
    if (rc < 0) return -1;
    if (rc == 0) return id;
    if (grow((void **)&c->v, &b->cap_sus, (size_t)id + 1, sizeof *c->v) < 0) return -1;
    int32_t a = refdata_actor_find(b->ref, actor);
    int32_t unit = a != REF_NONE ? refdata_actor(b->ref, a)->unit : REF_NONE;
    c->v[id] = (inv_suspect){.actor = arena_strdup(c->strings, actor),
                             .unit = arena_strdup(c->strings, refdata_unit_name(b->ref, unit))};
    c->n++;
    return c->v[id].actor && c->v[id].unit ? (int64_t)id : -1;
}

/* The hit of x's actor on incident j, creating it. NULL out of memory. */
static inv_hit *hit_of(inv_correlation *c, build *b, const inv_access *x, uint32_t j)
{
    char key[320];
    int kl = snprintf(key, sizeof key, "%s\x1f%u", x->actor, j);
    uint32_t id;
    int rc = strmap_intern(b->pairs, key, (size_t)(kl < (int)sizeof key ? kl : (int)sizeof key - 1),
                           &id);
    if (rc < 0) return NULL;
    if (rc == 1) {
        int64_t who = suspect_of(c, b, x->actor);
        if (who < 0 || grow((void **)&c->hits, &b->cap_hits, (size_t)id + 1, sizeof *c->hits) < 0)
            return NULL;
        uint32_t *no = realloc(b->owner, ((size_t)id + 1) * sizeof *no);
        if (!no) return NULL;
        b->owner = no;
        no[id] = (uint32_t)who;
        c->hits[id] = (inv_hit){j, x->ts, 0, 1, NULL, NULL};
        c->nhits++;
    }
    return &c->hits[id];
}

static int note_lookup(inv_correlation *c, build *b, const inv_access *x, uint32_t j)
{
    inv_hit *h = hit_of(c, b, x, j);
    if (!h) return -1;
    int unexplained = explain_is_unexplained(x->ex.status);
    h->lookups++;
    if (h->event_id && !(unexplained && h->explained)) return 0;
    char why[300];
    inv_explain_words(b->ref, x, why, sizeof why);
    h->event_id = arena_strdup(c->strings, x->id);
    h->why = arena_strdup(c->strings, why);
    if (unexplained) h->explained = 0;
    return h->event_id && h->why ? 0 : -1;
}

/* Orders the hits by suspect (keeping incident order within one) and
 * points each suspect at its own. 0 or -1. */
static int group_hits(inv_correlation *c, const build *b)
{
    size_t *start = calloc(c->n + 1, sizeof *start);
    inv_hit *sorted = malloc((c->nhits ? c->nhits : 1) * sizeof *sorted);
    if (!start || !sorted) goto fail;
    for (size_t i = 0; i < c->nhits; i++)
        start[b->owner[i] + 1]++;
    for (size_t k = 0; k < c->n; k++)
        start[k + 1] += start[k];
    for (size_t k = 0; k < c->n; k++) {
        c->v[k].hit = sorted + start[k];
        c->v[k].nhit = start[k + 1] - start[k];
    }
    for (size_t i = 0; i < c->nhits; i++)
        sorted[start[b->owner[i]]++] = c->hits[i];
    free(c->hits);
    c->hits = sorted;
    free(start);
    return 0;
fail:
    free(start);
    free(sorted);
    return -1;
}

static int count_actor(const char *actor, void *ctx)
{
    (void)actor;
    (*(long *)ctx)++;
    return 0;
}

static int score(store *s, inv_correlation *c, const inv_days *days, double w_explained)
{
    for (size_t k = 0; k < c->n; k++) {
        inv_suspect *x = &c->v[k];
        double volume;
        if (inv_actor_volume(s, x->actor, days, &volume, &x->lookups) < 0) return -1;
        for (size_t i = 0; i < x->nhit; i++)
            x->explained_hits += x->hit[i].explained;
        x->hits = (long)x->nhit;
        x->weighted = (double)(x->hits - x->explained_hits) + w_explained * x->explained_hits;
        /* The hits are look-ups too; a tally that missed them must not make
         * chance look smaller than it is. */
        if (volume < (double)x->hits) volume = (double)x->hits;
        x->expected = volume / (double)c->population;
        x->log10_p = inv_log10_tail(x->weighted, x->expected);
        x->p = pow(10, x->log10_p);
        x->p_any = inv_any_of(x->p, (double)c->tested);
        x->score = -x->log10_p;
    }
    return 0;
}

static int cmp_suspect(const void *pa, const void *pb)
{
    const inv_suspect *a = pa, *b = pb;
    if (a->log10_p != b->log10_p) return a->log10_p < b->log10_p ? -1 : 1;
    if (a->weighted != b->weighted) return a->weighted > b->weighted ? -1 : 1;
    return strcmp(a->actor, b->actor);
}

static int collect(inv_correlation *c, const inv_lookups *l, build *b)
{
    for (size_t i = 0; i < l->acc.n; i++)
        if (note_lookup(c, b, &l->acc.v[i], l->incident[i]) < 0) return -1;
    return group_hits(c, b);
}

int inv_correlate(store *s, const inv_incidents *inc, const inv_corr_opts *o, inv_correlation *out,
                  werr *e)
{
    inv_lookups l = {0};
    inv_days days = {0};
    build b = {strmap_new(), strmap_new(), NULL, 0, 0, NULL};
    int rc = -1;
    if (!b.pairs || !b.actors || !(out->strings = arena_new(0))) goto oom;
    if (inv_lookups_find(s, inc, o->lookback, &l, e) < 0) goto done;
    b.ref = l.ref;
    if (collect(out, &l, &b) < 0) goto oom;
    if (inv_days_of_incidents(inc, o->lookback, &days) < 0) goto oom;
    if (inv_population(s, &out->population) < 0 ||
        inv_each_active_actor(s, &days, count_actor, &out->tested) < 0 ||
        score(s, out, &days, o->explained_weight) < 0) {
        werr_set(e, WERR_UNAVAILABLE, "cannot read look-up tallies: %s", store_errmsg(s));
        goto done;
    }
    if (out->tested < (long)out->n) out->tested = (long)out->n;
    qsort(out->v, out->n, sizeof *out->v, cmp_suspect);
    for (size_t k = 0; k < out->n; k++)
        out->v[k].rank = (int)k + 1;
    rc = 0;
    goto done;
oom:
    werr_set(e, WERR_INTERNAL, "out of memory");
done:
    inv_days_free(&days);
    inv_lookups_free(&l);
    strmap_free(b.pairs);
    strmap_free(b.actors);
    free(b.owner);
    return rc;
}

void inv_correlation_free(inv_correlation *c)
{
    free(c->v);
    free(c->hits);
    arena_free(c->strings);
    memset(c, 0, sizeof *c);
}
