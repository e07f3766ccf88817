#include "enrich/refdata.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "enrich/refdata_cache.h"
#include "enrich/refdata_int.h"
#include "store/store_ref.h"
#include "util/arena.h"
#include "util/cpus.h"
#include "util/hugemem.h"
#include "util/strmap.h"

typedef struct pair {
    uint32_t a, b;
} pair;

#define GROW(arr, cap, need)                                                                       \
    do {                                                                                           \
        if ((need) > (cap)) {                                                                      \
            size_t nc_ = (cap) ? (cap)*2 : 256;                                                    \
            while (nc_ < (need))                                                                   \
                nc_ *= 2;                                                                          \
            void *np_ = mem_huge_grow((arr), (cap) * sizeof *(arr), nc_ * sizeof *(arr));          \
            if (!np_) goto oom;                                                                    \
            (arr) = np_;                                                                           \
            (cap) = nc_;                                                                           \
        }                                                                                          \
    } while (0)

static int32_t intern(strmap *m, const char *s)
{
    uint32_t id;
    if (!s || !s[0]) return REF_NONE;
    return strmap_intern(m, s, strlen(s), &id) < 0 ? REF_NONE : (int32_t)id;
}

static int32_t subject_intern(refdata *r, const char *name)
{
    uint32_t id;
    int rc = strmap_intern(r->subjects, name, strlen(name), &id);
    if (rc < 0) return REF_NONE;
    if (rc == 1) {
        GROW(r->subject, r->subject_cap, (size_t)id + 1);
        r->subject[id] = (ref_subject){REF_NONE, REF_NONE, REF_NONE, PROT_NONE, 0, 0, 0, 0};
    }
    return (int32_t)id;
oom:
    return REF_NONE;
}

static int32_t case_intern(refdata *r, const char *name)
{
    uint32_t id;
    int rc = strmap_intern(r->cases, name, strlen(name), &id);
    if (rc < 0) return REF_NONE;
    if (rc == 1) {
        GROW(r->kase, r->case_cap, (size_t)id + 1);
        r->kase[id] = (ref_case){strmap_key(r->cases, id), -1, -1, 0, 0};
    }
    return (int32_t)id;
oom:
    return REF_NONE;
}

/* Only an actor's own surname, postcode and address ever matter (the
 * relation rule compares a subject with the actor looking it up), so they
 * are interned for actors and merely looked up for subjects: two million
 * subjects then cost one map insert each, not four. */
static int32_t find(const strmap *m, const char *s)
{
    return s[0] ? (int32_t)strmap_find(m, s, strlen(s)) : REF_NONE;
}

static int addr_key(const char *postcode, const char *house, char key[128])
{
    if (!postcode[0] || !house[0]) return 0;
    snprintf(key, 128, "%s|%s", postcode, house);
    return 1;
}

static int32_t addr_of(refdata *r, const char *postcode, const char *house)
{
    char key[128];
    return addr_key(postcode, house, key) ? intern(r->addrs, key) : REF_NONE;
}

static int32_t addr_find(const refdata *r, const char *postcode, const char *house)
{
    char key[128];
    return addr_key(postcode, house, key) ? find(r->addrs, key) : REF_NONE;
}

static int no_memory(werr *e)
{
    return werr_set(e, WERR_INTERNAL, "out of memory");
}

/* What the row callbacks below work on. */
typedef struct loader {
    refdata *r;
    werr *e;
} loader;

/* The actors' surnames, postcodes and addresses, before any subject. */
static int on_actor_place(void *ctx, const store_ref_actor *a)
{
    refdata *r = ((loader *)ctx)->r;
    intern(r->surnames, a->surname);
    intern(r->postcodes, a->postcode);
    addr_of(r, a->postcode, a->house_number);
    return 0;
}

/* Room for the subjects before the first: two million of them would
 * otherwise grow the map and the array twenty times over. */
static int reserve_subjects(refdata *r, store *s, werr *e)
{
    int64_t n;
    if (store_ref_subject_bound(s, &n, e) < 0) return -1;
    if (n <= 0 || n > (1 << 28)) return 0; /* a hint only */
    if (strmap_reserve(r->subjects, (size_t)n) < 0) return no_memory(e);
    GROW(r->subject, r->subject_cap, (size_t)n);
    return 0;
oom:
    return no_memory(e);
}

/* Rows go in batches whose map slots are fetched together: one at a time,
 * each insert into the large map waits for memory on its own. */
enum { BATCH = 32 };

typedef struct subject_batch {
    loader l;
    arena *tmp;
    const char *row[BATCH][4];
    int n;
} subject_batch;

static int subjects_flush(subject_batch *b)
{
    refdata *r = b->l.r;
    for (int i = 0; i < b->n; i++) {
        int32_t id = subject_intern(r, b->row[i][0]);
        if (id == REF_NONE) return no_memory(b->l.e);
        ref_subject *s = &r->subject[id];
        s->surname = find(r->surnames, b->row[i][1]);
        s->postcode = find(r->postcodes, b->row[i][2]);
        s->addr = addr_find(r, b->row[i][2], b->row[i][3]);
    }
    b->n = 0;
    arena_reset(b->tmp);
    return 0;
}

static int on_subject(void *ctx, const store_ref_subject *row)
{
    subject_batch *b = ctx;
    const char *f[4] = {row->subject, row->surname, row->postcode, row->house_number};
    for (int c = 0; c < 4; c++)
        if (!(b->row[b->n][c] = arena_strndup(b->tmp, f[c], strlen(f[c]))))
            return no_memory(b->l.e);
    strmap_prefetch(b->l.r->subjects, b->row[b->n][0], strlen(b->row[b->n][0]));
    return ++b->n == BATCH ? subjects_flush(b) : 0;
}

static int load_subjects(refdata *r, store *s, werr *e)
{
    if (reserve_subjects(r, s, e) < 0) return -1;
    subject_batch b = {.l = {r, e}, .tmp = arena_new(64 * 1024)};
    if (!b.tmp) return no_memory(e);
    int rc = store_ref_subjects(s, on_subject, &b, e);
    if (rc == 0) rc = subjects_flush(&b);
    arena_free(b.tmp);
    return rc;
}

static int on_actor(void *ctx, const store_ref_actor *row)
{
    refdata *r = ((loader *)ctx)->r;
    int32_t id = refdata_actor_intern(r, row->actor);
    if (id == REF_NONE) return no_memory(((loader *)ctx)->e);
    ref_actor *a = &r->actor[id];
    a->known = 1;
    r->known_actors++;
    a->start = row->start;
    a->end = row->end;
    a->unit = intern(r->units, row->unit);
    char peer[256];
    snprintf(peer, sizeof peer, "%s\x1f%s", row->unit, row->role);
    a->peer = intern(r->peers, peer);
    a->surname = intern(r->surnames, row->surname);
    a->postcode = intern(r->postcodes, row->postcode);
    a->addr = addr_of(r, row->postcode, row->house_number);
    a->person = row->person[0] ? subject_intern(r, row->person) : REF_NONE;
    return 0;
}

static int on_protected(void *ctx, const store_ref_protected *row)
{
    refdata *r = ((loader *)ctx)->r;
    int32_t id = subject_intern(r, row->subject);
    if (id == REF_NONE) return no_memory(((loader *)ctx)->e);
    const char *c = row->category;
    r->subject[id].protect = strcmp(c, "vip") == 0         ? PROT_VIP
                             : strcmp(c, "employee") == 0  ? PROT_EMPLOYEE
                             : strcmp(c, "sensitive") == 0 ? PROT_SENSITIVE
                                                           : PROT_OTHER;
    return 0;
}

static int cmp_pair(const void *x, const void *y)
{
    const pair *a = x, *b = y;
    return a->a != b->a ? (a->a < b->a ? -1 : 1) : (a->b < b->b ? -1 : a->b > b->b);
}

typedef struct case_rows {
    loader l;
    pair *pairs; /* (subject, case) */
    size_t n, cap;
} case_rows;

static int on_case(void *ctx, const store_ref_case *row)
{
    case_rows *cr = ctx;
    refdata *r = cr->l.r;
    int32_t c = case_intern(r, row->case_id), s = subject_intern(r, row->subject);
    if (c == REF_NONE || s == REF_NONE) goto oom;
    ref_case *k = &r->kase[c];
    int64_t opened = row->opened, closed = row->closed;
    /* A case spans the widest period any of its rows gives. */
    if (k->opened < 0 || opened < k->opened) k->opened = opened;
    if (k->closed < 0 || (k->closed && (!closed || closed > k->closed))) k->closed = closed;
    GROW(cr->pairs, cr->cap, cr->n + 1);
    cr->pairs[cr->n++] = (pair){(uint32_t)s, (uint32_t)c};
    return 0;
oom:
    return no_memory(cr->l.e);
}

static int load_cases(refdata *r, store *s, werr *e)
{
    case_rows cr = {.l = {r, e}};
    if (store_ref_cases(s, on_case, &cr, e) < 0) goto fail;
    pair *pairs = cr.pairs;
    size_t n = cr.n;
    if (n) qsort(pairs, n, sizeof *pairs, cmp_pair); /* pairs is NULL when n is 0 */
    r->subject_case = malloc((n ? n : 1) * sizeof *r->subject_case);
    if (!r->subject_case) {
        no_memory(e);
        goto fail;
    }
    r->nsubject_case = n;
    for (size_t i = 0; i < n; i++) {
        ref_subject *sub = &r->subject[pairs[i].a];
        if (sub->ncases == 0) sub->case0 = (uint32_t)i;
        sub->ncases++;
        r->subject_case[i] = pairs[i].b;
    }
    free(pairs);
    return 0;
fail:
    free(cr.pairs);
    return -1;
}

typedef struct asg_rows {
    loader l;
    struct asg_row {
        uint32_t kase;
        ref_assignment a;
    } * rows;
    size_t n, cap;
} asg_rows;

static int on_assignment(void *ctx, const store_ref_assignment *row)
{
    asg_rows *ar = ctx;
    refdata *r = ar->l.r;
    int32_t c = case_intern(r, row->case_id);
    if (c == REF_NONE) goto oom;
    const char *who = row->assignee;
    ref_assignment a = {REF_NONE, REF_NONE, row->from, row->to};
    if (strncmp(who, "unit:", 5) == 0)
        a.unit = intern(r->units, who + 5);
    else
        a.actor = refdata_actor_intern(r, who);
    GROW(ar->rows, ar->cap, ar->n + 1);
    ar->rows[ar->n++] = (struct asg_row){(uint32_t)c, a};
    return 0;
oom:
    return no_memory(ar->l.e);
}

static int load_assignments(refdata *r, store *s, werr *e)
{
    asg_rows ar = {.l = {r, e}};
    if (store_ref_assignments(s, on_assignment, &ar, e) < 0) goto fail;
    size_t n = ar.n;
    r->asg = malloc((n ? n : 1) * sizeof *r->asg);
    if (!r->asg) {
        no_memory(e);
        goto fail;
    }
    r->nasg = n;
    /* Rows come grouped by case name, and ids follow first sight of a name,
     * so each case's rows are contiguous. */
    for (size_t i = 0; i < n; i++) {
        ref_case *k = &r->kase[ar.rows[i].kase];
        if (k->nasg == 0) k->asg0 = (uint32_t)i;
        k->nasg++;
        r->asg[i] = ar.rows[i].a;
    }
    free(ar.rows);
    return 0;
fail:
    free(ar.rows);
    return -1;
}

typedef struct inc_rows {
    loader l;
    size_t cap;
} inc_rows;

static int on_incident(void *ctx, const store_ref_incident *row)
{
    inc_rows *ir = ctx;
    refdata *r = ir->l.r;
    size_t n = r->ninc;
    int32_t s = subject_intern(r, row->subject);
    if (s == REF_NONE) goto oom;
    GROW(r->inc, ir->cap, n + 1);
    r->inc[n] = (ref_incident){arena_strdup(r->strings, row->incident),
                               arena_strdup(r->strings, row->kind), row->ts};
    ref_subject *sub = &r->subject[s];
    if (sub->nincidents == 0) sub->inc0 = (uint32_t)n;
    sub->nincidents++;
    r->ninc = n + 1;
    return 0;
oom:
    return no_memory(ir->l.e);
}

/* Every actor of each peer group, so that peer comparisons read the group
 * rather than scan all staff. Actors added later are unknown and have no
 * group. */
static int list_peers(refdata *r, size_t np)
{
    size_t na = strmap_count(r->actors);
    r->peer0 = calloc(np + 2, sizeof *r->peer0);
    r->peer_member = malloc((na + 1) * sizeof *r->peer_member);
    if (!r->peer0 || !r->peer_member) return -1;
    for (size_t i = 0; i < na; i++)
        if (r->actor[i].peer != REF_NONE) r->peer0[r->actor[i].peer + 2]++;
    for (size_t p = 2; p < np + 2; p++)
        r->peer0[p] += r->peer0[p - 1];
    for (size_t i = 0; i < na; i++) {
        int32_t p = r->actor[i].peer;
        if (p != REF_NONE) r->peer_member[r->peer0[p + 1]++] = (int32_t)i;
    }
    return 0;
}

static int count_groups(refdata *r)
{
    size_t ns = strmap_count(r->surnames), na = strmap_count(r->addrs), np = strmap_count(r->peers);
    r->surname_n = calloc(ns + 1, sizeof *r->surname_n);
    r->addr_n = calloc(na + 1, sizeof *r->addr_n);
    r->peer_n = calloc(np + 1, sizeof *r->peer_n);
    if (!r->surname_n || !r->addr_n || !r->peer_n) return -1;
    for (size_t i = 0; i < strmap_count(r->subjects); i++) {
        if (r->subject[i].surname != REF_NONE) r->surname_n[r->subject[i].surname]++;
        if (r->subject[i].addr != REF_NONE) r->addr_n[r->subject[i].addr]++;
    }
    for (size_t i = 0; i < strmap_count(r->actors); i++)
        if (r->actor[i].known && r->actor[i].peer != REF_NONE) r->peer_n[r->actor[i].peer]++;
    return list_peers(r, np);
}

static refdata *refdata_new(void)
{
    refdata *r = calloc(1, sizeof *r);
    if (!r) return NULL;
    strmap **maps[] = {&r->actors,    &r->units, &r->peers, &r->subjects, &r->surnames,
                       &r->postcodes, &r->addrs, &r->cases, &r->rsystems, &r->rkeys};
    for (size_t i = 0; i < sizeof maps / sizeof *maps; i++)
        if (!(*maps[i] = strmap_new())) goto oom;
    if (!(r->strings = arena_new(0))) goto oom;
    return r;
oom:
    refdata_free(r);
    return NULL;
}

/* From the reference tables, in this order: actors' places before the
 * subjects (whose surnames and addresses are only looked up), incidents
 * after the subjects. */
static int load_tables(refdata *r, store *s, werr *e)
{
    loader l = {r, e};
    inc_rows ir = {.l = {r, e}};
    if (store_ref_actor_places(s, on_actor_place, &l, e) < 0 || load_subjects(r, s, e) < 0 ||
        store_ref_actors(s, on_actor, &l, e) < 0 ||
        store_ref_protected_subjects(s, on_protected, &l, e) < 0 || load_cases(r, s, e) < 0 ||
        load_assignments(r, s, e) < 0 || store_ref_incidents(s, on_incident, &ir, e) < 0 ||
        refdata_rights_load(r, s, e) < 0)
        return -1;
    return 0;
}

int refdata_load(store *s, int threads, refdata **out, werr *e)
{
    refdata *r = refdata_new();
    if (r && refcache_read(s, r, cpus_threads(threads)) != 1) {
        refdata_free(r); /* partly filled by a copy that did not fit */
        if ((r = refdata_new()) && load_tables(r, s, e) < 0) {
            werr_wrap(e, "cannot load reference data: ");
            refdata_free(r);
            return -1;
        }
    }
    if (!r || count_groups(r) < 0) {
        werr_set(e, WERR_INTERNAL, "out of memory loading reference data");
        refdata_free(r);
        return -1;
    }
    *out = r;
    return 0;
}

int refdata_cached(const refdata *r)
{
    return r->cached;
}

void refdata_free(refdata *r)
{
    if (!r) return;
    strmap *maps[] = {r->actors,    r->units, r->peers, r->subjects, r->surnames,
                      r->postcodes, r->addrs, r->cases, r->rsystems, r->rkeys};
    for (size_t i = 0; i < sizeof maps / sizeof *maps; i++)
        strmap_free(maps[i]);
    free(r->actor);
    free(r->subject);
    free(r->surname_n);
    free(r->addr_n);
    free(r->peer_n);
    free(r->peer_member);
    free(r->peer0);
    free(r->kase);
    free(r->subject_case);
    free(r->asg);
    free(r->inc);
    refdata_rights_free(r);
    arena_free(r->strings);
    free(r);
}

int32_t refdata_actor_find(const refdata *r, const char *name)
{
    return (int32_t)strmap_find(r->actors, name, strlen(name));
}

int32_t refdata_actor_intern(refdata *r, const char *name)
{
    uint32_t id;
    int rc = strmap_intern(r->actors, name, strlen(name), &id);
    if (rc < 0) return REF_NONE;
    if (rc == 1) {
        GROW(r->actor, r->actor_cap, (size_t)id + 1);
        r->actor[id] = (ref_actor){strmap_key(r->actors, id),
                                   0,
                                   0,
                                   0,
                                   REF_NONE,
                                   REF_NONE,
                                   REF_NONE,
                                   REF_NONE,
                                   REF_NONE,
                                   REF_NONE};
    }
    return (int32_t)id;
oom:
    return REF_NONE;
}

strmap *refdata_actor_index(const refdata *r)
{
    strmap *m = strmap_new();
    for (uint32_t i = 0; m && i < strmap_count(r->actors); i++) {
        const char *key = strmap_key(r->actors, i);
        uint32_t id;
        if (strmap_intern(m, key, strlen(key), &id) < 0 || id != i) {
            strmap_free(m);
            return NULL;
        }
    }
    return m;
}

const ref_actor *refdata_actor(const refdata *r, int32_t id)
{
    return &r->actor[id];
}

size_t refdata_actor_count(const refdata *r)
{
    return strmap_count(r->actors);
}

size_t refdata_known_actor_count(const refdata *r)
{
    return r->known_actors;
}

const char *refdata_unit_name(const refdata *r, int32_t unit)
{
    return unit == REF_NONE ? "" : strmap_key(r->units, (uint32_t)unit);
}

size_t refdata_peer_count(const refdata *r)
{
    return strmap_count(r->peers);
}

const char *refdata_peer_name(const refdata *r, int32_t peer)
{
    return strmap_key(r->peers, (uint32_t)peer);
}

int32_t refdata_peer_find(const refdata *r, const char *name)
{
    int64_t id = strmap_find(r->peers, name, strlen(name));
    return id < 0 ? REF_NONE : (int32_t)id;
}

uint32_t refdata_peer_size(const refdata *r, int32_t peer)
{
    return peer == REF_NONE ? 0 : r->peer_n[peer];
}

const int32_t *refdata_peer_members(const refdata *r, int32_t peer, size_t *n)
{
    if (peer == REF_NONE || !r->peer0) {
        *n = 0;
        return NULL;
    }
    *n = r->peer0[peer + 1] - r->peer0[peer];
    return r->peer_member + r->peer0[peer];
}

int32_t refdata_subject_find(const refdata *r, const char *name)
{
    return (int32_t)strmap_find(r->subjects, name, strlen(name));
}

static void find_many(const strmap *m, const char *const *names, size_t n, int32_t *ids)
{
    enum { W = 64 };
    int64_t found[W];
    for (size_t base = 0; base < n; base += W) {
        size_t w = n - base < W ? n - base : W;
        strmap_find_many(m, names + base, w, found);
        for (size_t i = 0; i < w; i++)
            ids[base + i] = (int32_t)found[i];
    }
}

void refdata_subject_find_many(const refdata *r, const char *const *names, size_t n, int32_t *ids)
{
    find_many(r->subjects, names, n, ids);
}

void refdata_case_find_many(const refdata *r, const char *const *names, size_t n, int32_t *ids)
{
    find_many(r->cases, names, n, ids);
}

const ref_subject *refdata_subject(const refdata *r, int32_t id)
{
    return &r->subject[id];
}

const char *refdata_subject_name(const refdata *r, int32_t id)
{
    return strmap_key(r->subjects, (uint32_t)id);
}

size_t refdata_subject_count(const refdata *r)
{
    return strmap_count(r->subjects);
}

uint32_t refdata_surname_count(const refdata *r, int32_t surname)
{
    return surname == REF_NONE ? 0 : r->surname_n[surname];
}

uint32_t refdata_addr_count(const refdata *r, int32_t addr)
{
    return addr == REF_NONE ? 0 : r->addr_n[addr];
}

const char *refdata_protect_name(int protect)
{
    static const char *const names[] = {"", "employee", "vip", "sensitive", "protected"};
    return protect >= 0 && protect <= PROT_OTHER ? names[protect] : "";
}

uint32_t refdata_subject_case(const refdata *r, const ref_subject *s, uint32_t i)
{
    return r->subject_case[s->case0 + i];
}

void refdata_subject_case_prefetch(const refdata *r, const ref_subject *s)
{
    __builtin_prefetch(&r->subject_case[s->case0]);
}

const ref_case *refdata_case(const refdata *r, uint32_t id)
{
    return &r->kase[id];
}

int32_t refdata_case_find(const refdata *r, const char *name)
{
    return (int32_t)strmap_find(r->cases, name, strlen(name));
}

size_t refdata_case_count(const refdata *r)
{
    return strmap_count(r->cases);
}

const ref_assignment *refdata_assignment(const refdata *r, uint32_t i)
{
    return &r->asg[i];
}

const ref_incident *refdata_incident(const refdata *r, uint32_t i)
{
    return &r->inc[i];
}
