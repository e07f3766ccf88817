/* Groups: qualifying pairs that share a subject belong to one group (a
 * broker's list reaching three insiders gives three pairs over the same
 * subjects); pairs with nothing in common stay apart even if they have an
 * actor in common, so one chance overlap does not blend into a real ring. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "investigate/chance.h"
#include "investigate/converge_int.h"

static uint32_t find(uint32_t *parent, uint32_t x)
{
    while (parent[x] != x)
        x = parent[x] = parent[parent[x]];
    return x;
}

static int qualifies(const pairrec *p, const inv_conv_opts *o)
{
    return p->n >= (uint32_t)o->min_shared && p->log10_p <= log10(o->max_p);
}

/* parent: union-find over pair indexes, joining qualifying pairs with a
 * subject in common. 0 or -1. */
static int join_pairs(const scan *sc, const inv_conv_opts *o, uint32_t *parent)
{
    size_t ns = strmap_count(sc->subjects);
    uint32_t *owner = malloc((ns + 1) * sizeof *owner);
    if (!owner) return -1;
    memset(owner, 0xff, (ns + 1) * sizeof *owner);
    for (uint32_t i = 0; i < sc->npairs; i++)
        parent[i] = i;
    for (uint32_t i = 0; i < sc->npairs; i++) {
        const pairrec *p = &sc->pairs[i];
        if (!qualifies(p, o)) continue;
        for (uint32_t k = 0; k < p->n; k++) {
            uint32_t s = p->subj[k];
            if (owner[s] == UINT32_MAX)
                owner[s] = i;
            else
                parent[find(parent, i)] = find(parent, owner[s]);
        }
    }
    free(owner);
    return 0;
}

static int ring_alloc(inv_convergence *c, inv_ring *r, size_t nmem, size_t nsub)
{
    memset(r, 0, sizeof *r);
    r->actors = arena_alloc(c->strings, (nmem + 1) * sizeof *r->actors);
    r->units = arena_alloc(c->strings, (nmem + 1) * sizeof *r->units);
    r->subjects = arena_alloc(c->strings, (nsub + 1) * sizeof *r->subjects);
    r->log10_p = 1;
    return r->actors && r->units && r->subjects ? 0 : -1;
}

/* Numbers the groups (ring[root] = number + 1) and sizes them. 0 or -1. */
static int rings_alloc(inv_convergence *c, const scan *sc, const inv_conv_opts *o, uint32_t *parent,
                       uint32_t *ring)
{
    size_t *nmem = calloc(sc->npairs + 1, sizeof *nmem);
    size_t *nsub = calloc(sc->npairs + 1, sizeof *nsub);
    int rc = -1;
    if (!nmem || !nsub) goto fail;
    for (uint32_t i = 0; i < sc->npairs; i++) {
        if (!qualifies(&sc->pairs[i], o)) continue;
        uint32_t root = find(parent, i);
        if (!ring[root]) ring[root] = (uint32_t)++c->n;
        nmem[root] += 2;
        nsub[root] += sc->pairs[i].n;
    }
    if (!(c->v = calloc(c->n + 1, sizeof *c->v))) goto fail;
    rc = 0;
    for (size_t i = 0; i < sc->npairs && rc == 0; i++)
        if (ring[i]) rc = ring_alloc(c, &c->v[ring[i] - 1], nmem[i], nsub[i]);
fail:
    free(nmem);
    free(nsub);
    return rc;
}

/* Adds p's members and subjects to r (seen: subjects listed already,
 * stamped with the ring's number). 0 or -1. */
static int ring_add(inv_convergence *c, const scan *sc, inv_ring *r, const pairrec *p,
                    uint32_t *seen, uint32_t stamp)
{
    uint32_t m[2] = {p->a, p->b};
    for (int k = 0; k < 2; k++) {
        const ref_actor *a = refdata_actor(sc->ref, (int32_t)m[k]);
        size_t i = 0;
        while (i < r->nactors && strcmp(r->actors[i], a->name) != 0)
            i++;
        if (i < r->nactors) continue;
        r->actors[r->nactors] = arena_strdup(c->strings, a->name);
        r->units[r->nactors] = arena_strdup(c->strings, refdata_unit_name(sc->ref, a->unit));
        if (!r->actors[r->nactors] || !r->units[r->nactors++]) return -1;
    }
    for (uint32_t i = 0; i < p->n; i++) {
        if (seen[p->subj[i]] == stamp) continue;
        seen[p->subj[i]] = stamp;
        const char *sub = arena_strdup(c->strings, strmap_key(sc->subjects, p->subj[i]));
        if (!(r->subjects[r->nsubjects++] = sub)) return -1;
    }
    if (p->log10_p < r->log10_p || (p->log10_p == r->log10_p && (long)p->n > r->shared)) {
        r->log10_p = p->log10_p;
        r->expected = p->expected;
        r->shared = p->n;
    }
    return 0;
}

static int build(inv_convergence *c, const scan *sc, const inv_conv_opts *o)
{
    uint32_t *parent = malloc((sc->npairs + 1) * sizeof *parent);
    uint32_t *ring = calloc(sc->npairs + 1, sizeof *ring);
    uint32_t *seen = calloc(strmap_count(sc->subjects) + 1, sizeof *seen);
    int rc = -1;
    if (!parent || !ring || !seen || join_pairs(sc, o, parent) < 0 ||
        rings_alloc(c, sc, o, parent, ring) < 0)
        goto fail;
    for (uint32_t i = 0; i < sc->npairs; i++) {
        if (!qualifies(&sc->pairs[i], o)) continue;
        uint32_t k = ring[find(parent, i)];
        if (ring_add(c, sc, &c->v[k - 1], &sc->pairs[i], seen, k) < 0) goto fail;
    }
    rc = 0;
fail:
    free(parent);
    free(ring);
    free(seen);
    return rc;
}

/* A ring's members in name order, each with its unit (a few members:
 * insertion sort). */
static void sort_members(inv_ring *r)
{
    for (size_t i = 1; i < r->nactors; i++) {
        const char *a = r->actors[i], *u = r->units[i];
        size_t k = i;
        for (; k > 0 && strcmp(r->actors[k - 1], a) > 0; k--) {
            r->actors[k] = r->actors[k - 1];
            r->units[k] = r->units[k - 1];
        }
        r->actors[k] = a;
        r->units[k] = u;
    }
}

/* A ring's subjects in the order they were first looked up without a case
 * (ties by name), whatever order the events were read in. 0 or -1. */
static int sort_subjects(inv_ring *r, const scan *sc)
{
    int64_t *t = malloc((r->nsubjects + 1) * sizeof *t);
    if (!t) return -1;
    for (size_t i = 0; i < r->nsubjects; i++) {
        int64_t id = strmap_find(sc->subjects, r->subjects[i], strlen(r->subjects[i]));
        t[i] = id >= 0 ? sc->first[id] : INT64_MAX;
    }
    for (size_t i = 1; i < r->nsubjects; i++) {
        const char *x = r->subjects[i];
        int64_t tx = t[i];
        size_t k = i;
        for (; k > 0 && (t[k - 1] > tx || (t[k - 1] == tx && strcmp(r->subjects[k - 1], x) > 0));
             k--) {
            r->subjects[k] = r->subjects[k - 1];
            t[k] = t[k - 1];
        }
        r->subjects[k] = x;
        t[k] = tx;
    }
    free(t);
    return 0;
}

static int cmp_ring(const void *pa, const void *pb)
{
    const inv_ring *a = pa, *b = pb;
    if (a->log10_p != b->log10_p) return a->log10_p < b->log10_p ? -1 : 1;
    if (a->nsubjects != b->nsubjects) return a->nsubjects > b->nsubjects ? -1 : 1;
    return strcmp(a->actors[0], b->actors[0]);
}

int inv_conv_rings(inv_convergence *c, const scan *sc, const inv_conv_opts *o)
{
    if (build(c, sc, o) < 0) return -1;
    for (size_t k = 0; k < c->n; k++) {
        inv_ring *r = &c->v[k];
        r->p = pow(10, r->log10_p);
        r->p_any = inv_any_of(r->p, (double)c->pairs_tested);
        r->score = -r->log10_p;
        sort_members(r);
        if (sort_subjects(r, sc) < 0) return -1;
    }
    qsort(c->v, c->n, sizeof *c->v, cmp_ring);
    for (size_t k = 0; k < c->n; k++)
        c->v[k].rank = (int)k + 1;
    return 0;
}
