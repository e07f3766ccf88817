/* det_state — what detection learned, saved between ingests and loaded
 * back, versioned per rule.
 *
 * Per-actor state is one blob per actor: the engine's own part (det_base),
 * then each rule's slot. The blob is tagged with a layout id that names its
 * shape (the parts, their sizes and versions), and the store keeps, per
 * layout id, which bytes are whose part at what version. A blob of another
 * layout is read part by part: a rule whose part has its current version
 * and size takes it back, one whose part has another version starts from
 * zero (a note says so), and the actor is saved again in the current
 * layout at the next save. A rule's global state is a log tagged with the
 * rule's version alone. So changing one rule (its version) or adding one
 * keeps every other rule's baselines.
 *
 * Stores saved before per-rule versions tagged everything with one id over
 * the rules' names and slot sizes (the legacy id): still read, as version 1
 * of every rule. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "detect/detect_int.h"
#include "normalise/ts.h"
#include "store/store_alerts.h"

/* A saved row of rule state is cut at about LOG_ROW bytes. */
enum { LOG_ROW = 8 << 20 };
/* The version of det_base, the engine's own part: when it changes, every
 * rule learns again (rules read it). */
enum { BASE_VERSION = 1 };
static const char BASE_PART[] = "(engine)";

static size_t align8(size_t n)
{
    return (n + 7) & ~(size_t)7;
}

void det_state_layout(det_engine *d)
{
    char shape[128];
    uint64_t legacy = hash64("wachter-state-1", 15), layout = hash64("wachter-state-2", 15);
    d->slot = align8(sizeof(det_base));
    for (size_t i = 0; i < d->nrules; i++) {
        const rule_def *r = d->rules[i];
        d->off[i] = d->slot;
        d->slot += align8(r->actor_state);
        int n = snprintf(shape, sizeof shape, "%s:%zu", r->name, r->actor_state);
        legacy = legacy * 31 + hash64(shape, (size_t)n);
        n = snprintf(shape, sizeof shape, "%s:%zu:%" PRIu32, r->name, r->actor_state, r->version);
        layout = layout * 31 + hash64(shape, (size_t)n);
        d->ctx[i] = (rule_ctx){.d = d, .idx = i};
    }
    d->legacy = legacy & 0x7FFFFFFFFFFFFFFFULL;
    d->layout = layout & 0x7FFFFFFFFFFFFFFFULL;
}

/* The parts of the current layout into p (d->nrules + 1 of them). */
static size_t parts_of(const det_engine *d, store_state_part *p)
{
    p[0] = (store_state_part){BASE_PART, BASE_VERSION, 0, sizeof(det_base)};
    for (size_t i = 0; i < d->nrules; i++)
        p[i + 1] = (store_state_part){d->rules[i]->name, d->rules[i]->version, (uint32_t)d->off[i],
                                      (uint32_t)d->rules[i]->actor_state};
    return d->nrules + 1;
}

/* Adds the note that rule i learns again (once per rule), its saved state
 * being of version saved. 0 or -1 (memory). */
static int note(det_engine *d, size_t i, uint64_t saved)
{
    if (d->noted[i]) return 0;
    uint32_t now = d->rules[i]->version;
    const char *which = saved < now ? "an older" : saved <= UINT32_MAX ? "a newer" : "another";
    char text[160];
    snprintf(text, sizeof text, "rule %s: saved state is of %s version; it learns again",
             d->rules[i]->name, which);
    char **nn = realloc(d->notes, (d->nnotes + 1) * sizeof *nn);
    if (!nn) return -1;
    d->notes = nn;
    if (!(d->notes[d->nnotes] = strdup(text))) return -1;
    d->nnotes++;
    d->noted[i] = 1;
    return 0;
}

/* ---- loading ---- */

/* How to read the blobs of one saved layout other than the current one. */
typedef struct copy {
    uint32_t from, to, size;
} copy;

typedef struct plan {
    uint64_t layout;
    size_t need; /* bytes its blobs hold at least */
    copy *c;     /* parts taken back, nc of them */
    size_t nc;
    uint64_t *stale; /* per rule: 1 + the version of a part not taken back, else 0 */
    int dead;        /* the engine's own part differs: nothing is taken back */
    int used;        /* a blob of it was read */
} plan;

typedef struct loading {
    det_engine *d;
    plan *p;
    size_t n, cap;
    werr *e;
} loading;

static const store_state_part *part_named(const store_state_part *p, size_t n, const char *name)
{
    for (size_t j = 0; j < n; j++)
        if (strcmp(p[j].name, name) == 0) return &p[j];
    return NULL;
}

/* Adds the plan for blobs of layout made of the saved parts p. 0 or -1. */
static int plan_add(loading *L, uint64_t layout, const store_state_part *p, size_t n)
{
    det_engine *d = L->d;
    if (L->n == L->cap) {
        size_t nc = L->cap ? L->cap * 2 : 4;
        plan *np = realloc(L->p, nc * sizeof *np);
        if (!np) return -1;
        L->p = np;
        L->cap = nc;
    }
    plan *pl = &L->p[L->n];
    *pl = (plan){.layout = layout};
    pl->c = calloc(d->nrules + 1, sizeof *pl->c);
    pl->stale = calloc(d->nrules, sizeof *pl->stale);
    if (!pl->c || !pl->stale) {
        free(pl->c);
        free(pl->stale);
        return -1;
    }
    L->n++;
    for (size_t j = 0; j < n; j++)
        if ((size_t)p[j].off + p[j].size > pl->need) pl->need = (size_t)p[j].off + p[j].size;
    const store_state_part *b = part_named(p, n, BASE_PART);
    if (!b || b->version != BASE_VERSION || b->size != sizeof(det_base)) {
        pl->dead = 1;
        return 0;
    }
    pl->c[pl->nc++] = (copy){b->off, 0, b->size};
    for (size_t i = 0; i < d->nrules; i++) {
        const rule_def *r = d->rules[i];
        const store_state_part *q = part_named(p, n, r->name);
        if (!q) continue; /* a rule added since: nothing to lose */
        if (q->version != r->version || q->size != r->actor_state)
            pl->stale[i] = 1 + (uint64_t)q->version;
        else if (q->size)
            pl->c[pl->nc++] = (copy){q->off, (uint32_t)d->off[i], q->size};
    }
    return 0;
}

static int plan_recorded(uint64_t layout, const store_state_part *p, size_t n, void *ctx)
{
    loading *L = ctx;
    if (layout == L->d->layout || layout == L->d->legacy) return 0;
    if (plan_add(L, layout, p, n) < 0)
        return werr_set(L->e, WERR_INTERNAL, "out of memory starting detection");
    return 0;
}

/* The legacy layout: the current parts, every one at version 1. */
static int plan_legacy(loading *L)
{
    det_engine *d = L->d;
    store_state_part p[STORE_STATE_PARTS_MAX];
    if (d->nrules + 1 > STORE_STATE_PARTS_MAX) return 0;
    size_t n = parts_of(d, p);
    for (size_t j = 0; j < n; j++)
        p[j].version = 1;
    return plan_add(L, d->legacy, p, n);
}

static plan *plan_for(loading *L, uint64_t layout)
{
    for (size_t i = 0; i < L->n; i++)
        if (L->p[i].layout == layout) return &L->p[i];
    return NULL;
}

/* The store's first day is its earliest actor's (det_engine.day0). */
static void note_first_day(det_engine *d, const det_base *b)
{
    if (b->events && b->first_ts / TS_DAY_MS < d->day0)
        d->day0 = (int32_t)(b->first_ts / TS_DAY_MS);
}

static int load_actor(const char *actor, uint64_t layout, const void *p, size_t n, void *ctx)
{
    loading *L = ctx;
    det_engine *d = L->d;
    plan *pl = NULL;
    if (layout != d->layout) {
        if (!(pl = plan_for(L, layout))) return 0; /* unknown: not read, as ever */
        pl->used = 1;
        if (pl->dead || n < pl->need) return 0;
    } else if (n != d->slot) {
        return 0;
    }
    int32_t id = refdata_actor_intern(d->ref, actor);
    if (id == REF_NONE || det_reserve(d, (size_t)id + 1) < 0)
        return werr_set(L->e, WERR_INTERNAL, "out of memory loading detection state");
    unsigned char *to = (unsigned char *)det_base_of(d, id);
    if (!pl) {
        memcpy(to, p, n);
    } else {
        for (size_t i = 0; i < pl->nc; i++)
            memcpy(to + pl->c[i].to, (const unsigned char *)p + pl->c[i].from, pl->c[i].size);
        d->dirty[id] = 1; /* saved again in the current layout */
    }
    note_first_day(d, (const det_base *)to);
    return 0;
}

/* The notes of the layouts whose blobs were read. 0 or -1 (memory). */
static int plan_notes(loading *L)
{
    det_engine *d = L->d;
    for (size_t k = 0; k < L->n; k++) {
        const plan *pl = &L->p[k];
        if (!pl->used) continue;
        for (size_t i = 0; i < d->nrules; i++)
            if ((pl->dead || pl->stale[i]) && note(d, i, pl->dead ? 0 : pl->stale[i] - 1) < 0)
                return -1;
    }
    return 0;
}

static void plans_free(loading *L)
{
    for (size_t i = 0; i < L->n; i++) {
        free(L->p[i].c);
        free(L->p[i].stale);
    }
    free(L->p);
}

static int load_actors(det_engine *d, store *s, werr *e)
{
    loading L = {.d = d, .e = e};
    int rc = 0;
    if (plan_legacy(&L) < 0) rc = werr_set(e, WERR_INTERNAL, "out of memory starting detection");
    if (rc == 0) rc = store_state_layout_each(s, plan_recorded, &L);
    if (rc == 0) rc = store_actor_state_each(s, load_actor, &L);
    if (rc == 0 && plan_notes(&L) < 0)
        rc = werr_set(e, WERR_INTERNAL, "out of memory starting detection");
    plans_free(&L);
    return rc;
}

typedef struct kv_loading {
    rule_ctx *rc;
    werr *e;
} kv_loading;

/* Takes back the saved entries of a rule's peer cache: keyed by the peer
 * group's name, an entry of the rule's current size. A group no longer in
 * the reference data, or an entry of another size, is computed afresh. */
static int load_peers(const kv_entry *kv, size_t n, void *ctx)
{
    rule_ctx *rc = ((kv_loading *)ctx)->rc;
    for (size_t i = 0; i < n; i++) {
        int32_t g = refdata_peer_find(rc->d->ref, kv[i].key);
        if (g == REF_NONE || (size_t)g >= rc->npeer || kv[i].n != rc->peer_size) continue;
        unsigned char *p = rc->peer + (size_t)g * rc->peer_size;
        memcpy(p, kv[i].p, kv[i].n);
        rc->peer_saved[g] = *(const int32_t *)p;
    }
    return 0;
}

/* The name of the log of rule r's peer cache. */
static void peer_log_name(const rule_def *r, char out[96])
{
    snprintf(out, 96, "%s:peers", r->name);
}

static int load_kv(const kv_entry *kv, size_t n, void *ctx)
{
    kv_loading *k = ctx;
    const rule_def *r = k->rc->d->rules[k->rc->idx];
    if (r->load(k->rc, kv, n, k->e) == 0) return 0;
    return werr_set(k->e, WERR_INTERNAL, "rule %s: out of memory loading its saved state", r->name);
}

int det_state_load(det_engine *d, store *s, werr *e)
{
    if (!(d->noted = calloc(d->nrules ? d->nrules : 1, 1)))
        return werr_set(e, WERR_INTERNAL, "out of memory starting detection");
    if (load_actors(d, s, e) < 0) goto dberr;
    for (size_t i = 0; i < d->nrules; i++) {
        const rule_def *r = d->rules[i];
        if (!r->load) continue;
        kv_loading k = {&d->ctx[i], e};
        store_rulelog_size *sz = &d->ctx[i].saved;
        int lr = store_rulelog_each(s, r->name, r->version, r->version == 1 ? d->legacy : 0,
                                    load_kv, &k, sz);
        if (lr == STORE_RULELOG_DAMAGED)
            return werr_set(e, WERR_INTERNAL,
                            "the saved state of rule %s is damaged (table rule_log): restore the"
                            " store from a backup, or delete the rule's rows there to let it learn"
                            " again",
                            r->name);
        if (lr < 0) goto dberr;
        if (sz->stale && note(d, i, sz->stale_version) < 0)
            return werr_set(e, WERR_INTERNAL, "out of memory starting detection");
    }
    for (size_t i = 0; i < d->nrules; i++) {
        const rule_def *r = d->rules[i];
        if (!d->ctx[i].peer) continue;
        char name[96];
        peer_log_name(r, name);
        kv_loading k = {&d->ctx[i], e};
        int lr = store_rulelog_each(s, name, r->version, 0, load_peers, &k, &d->ctx[i].peer_log);
        if (lr == STORE_RULELOG_DAMAGED)
            return werr_set(e, WERR_INTERNAL,
                            "the saved peer reference of rule %s is damaged (table rule_log,"
                            " rule '%s'): delete those rows to let it be computed again",
                            r->name, name);
        if (lr < 0) goto dberr;
    }
    return 0;
dberr:
    return werr_set(e, WERR_UNAVAILABLE, "cannot load detection state: %s", store_errmsg(s));
}

void det_state_free(det_engine *d)
{
    for (size_t i = 0; i < d->nnotes; i++)
        free(d->notes[i]);
    free(d->notes);
    free(d->noted);
    buf_free(&d->sv.row);
}

/* ---- saving ---- */

static int store_failed(store *s, werr *e)
{
    return werr_set(e, WERR_UNAVAILABLE, "store error: %s", store_errmsg(s));
}

/* Stores the entries collected so far as a row. 0 or -1 with sv->e. */
static int flush_row(det_engine *d, rule_ctx *rc)
{
    saving *sv = &d->sv;
    if (!sv->row.len) return 0;
    int64_t seq;
    const rule_def *r = d->rules[rc->idx];
    if (store_rulelog_add(sv->s, sv->name, r->version, sv->snapshot, &sv->row, &seq) < 0)
        return store_failed(sv->s, sv->e);
    if (!sv->first) sv->first = seq;
    sv->written += sv->row.len;
    buf_reset(&sv->row);
    return 0;
}

/* Saves what changed in a rule's global state; once as much has been
 * added since the last full copy as that copy holds, all of it, as a new
 * full copy that replaces every row before it. The log stays within about
 * twice the state, and the copies cost at most twice what the changes do. */
static int save_log(det_engine *d, store *s, rule_ctx *rc, const char *name, store_rulelog_size *sz,
                    int (*save)(rule_ctx *rc, int all, werr *e), werr *e)
{
    saving *sv = &d->sv;
    const rule_def *r = d->rules[rc->idx];
    sv->name = name;
    sv->s = s;
    sv->e = e;
    sv->snapshot = sz->tail >= sz->snapshot;
    sv->first = 0;
    sv->written = 0;
    buf_reset(&sv->row);
    int rv = save(rc, sv->snapshot, e);
    if (rv == 0) rv = flush_row(d, rc);
    sv->s = NULL;
    sv->e = NULL;
    if (rv < 0)
        return werr_set(e, WERR_INTERNAL, "rule %s: out of memory saving its state", r->name);
    if (!sv->snapshot) {
        sz->tail += sv->written;
        return 0;
    }
    int64_t from = sv->first ? sv->first : INT64_MAX; /* no entries: an empty state */
    if (store_rulelog_drop_before(s, name, from) < 0) return store_failed(s, e);
    *sz = (store_rulelog_size){sv->written, 0, 0, 0};
    return 0;
}

/* The entries of the peer cache computed since the last save (all of
 * them when all is set), keyed by the peer group's name. */
static int save_peers(rule_ctx *rc, int all, werr *e)
{
    for (size_t g = 0; g < rc->npeer; g++) {
        const unsigned char *p = rc->peer + g * rc->peer_size;
        int32_t day = *(const int32_t *)p;
        if (day < 0 || (!all && day == rc->peer_saved[g])) continue;
        if (rule_kv_put(rc, refdata_peer_name(rc->d->ref, (int32_t)g), p, rc->peer_size) < 0)
            return -1;
        rc->peer_saved[g] = day;
    }
    return 0;
}

int det_state_save(det_engine *d, store *s, werr *e)
{
    store_state_part p[STORE_STATE_PARTS_MAX];
    if (d->nrules + 1 > STORE_STATE_PARTS_MAX)
        return werr_set(e, WERR_INTERNAL, "more rules than a state layout can describe");
    if (store_state_layout_put(s, d->layout, p, parts_of(d, p)) < 0) return store_failed(s, e);
    for (size_t a = 0; a < refdata_actor_count(d->ref) && a < d->cap; a++) {
        if (!d->dirty[a]) continue;
        if (store_put_actor_state(s, refdata_actor(d->ref, (int32_t)a)->name, d->layout,
                                  det_base_of(d, (int32_t)a), d->slot) < 0)
            return store_failed(s, e);
        d->dirty[a] = 0;
    }
    for (size_t i = 0; i < d->nrules; i++) {
        rule_ctx *rc = &d->ctx[i];
        if (d->rules[i]->save &&
            save_log(d, s, rc, d->rules[i]->name, &rc->saved, d->rules[i]->save, e) < 0)
            return -1;
        char name[96];
        peer_log_name(d->rules[i], name);
        if (rc->peer && save_log(d, s, rc, name, &rc->peer_log, save_peers, e) < 0) return -1;
    }
    return 0;
}

int rule_kv_put(rule_ctx *rc, const char *key, const void *p, size_t n)
{
    saving *sv = &rc->d->sv;
    if (!sv->s) return 0;
    if (store_rulelog_entry(&sv->row, key, p, n) < 0)
        return werr_set(sv->e, WERR_INTERNAL, "rule %s: out of memory saving its state",
                        rc->d->rules[rc->idx]->name);
    return sv->row.len >= LOG_ROW ? flush_row(rc->d, rc) : 0;
}
