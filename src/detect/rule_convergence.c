/* convergence — several actors, from different units, looking up the same
 * subjects without a case: the "corruption broker" with a shopping list
 * served by more than one insider. Subjects that many actors touch (test
 * records, popular records, a team's shared work) do not count, nor do
 * overlaps that chance alone gives: an actor who looks up hundreds of
 * subjects without a case every week (a team working before any case
 * exists) shares a few of them with someone in another unit by chance. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "detect/rule.h"
#include "util/hugemem.h"
#include "util/stats.h"
#include "util/strmap.h"

enum { NACC = 6, MAX_LISTED = 16 };

/* Parameters (docs/rules.md; README "Configuring detection"). */
enum { P_MIN_SHARED, P_MAX_ACCESSORS, P_MAX_CHANCE, NPARAM };
static const rule_param params[NPARAM] = {
    [P_MIN_SHARED] = {"min_shared", 3, 2, 1000000, 1, "subjects",
                      "subjects two actors of different units share without a case before an"
                      " alert"},
    [P_MAX_ACCESSORS] = {"max_accessors", 5, 2, NACC, 1, "actors",
                         "a subject more actors looked up is popular and does not count"},
    [P_MAX_CHANCE] = {"max_chance", 1e-5, 1e-300, 1, 0, "probability",
                      "a pair shares more subjects than chance gives at most this often"},
};
/* A pair shares min_shared subjects at least, and more than chance gives
 * with at most max_chance: two actors with u_a and u_b subjects looked up
 * without a case, drawn at random from the N subjects in the register or
 * looked up (whichever is more), share Poisson(u_a u_b / N). */

typedef struct entry {
    int32_t actor[NACC]; /* distinct actors who looked the subject up */
    uint8_t n;           /* how many; NACC + 1 means more than NACC */
    uint8_t unexplained; /* bit i: actor[i] did so without a case */
    uint8_t dirty;       /* changed since the last save */
} entry;

/* Entries are indexed by subject: a listed subject by its refdata id (no
 * map to probe per event), any other by nref + its id in `others`. */
typedef struct conv {
    uint32_t nref;  /* refdata subjects */
    strmap *others; /* subjects not in the reference data */
    entry *e;       /* zeroed: n == 0 means never looked up */
    size_t cap;
    uint32_t *dirty; /* ids of changed entries */
    size_t ndirty, dirty_cap;
} conv;

static int init(rule_ctx *rc, werr *e)
{
    conv *c = calloc(1, sizeof *c);
    if (!c || !(c->others = strmap_new())) {
        free(c);
        return -1;
    }
    c->nref = (uint32_t)refdata_subject_count(rule_refdata(rc));
    rule_set_global(rc, c);
    return 0;
}

static void fini(rule_ctx *rc)
{
    conv *c = rule_global(rc);
    if (!c) return;
    strmap_free(c->others);
    free(c->e);
    free(c->dirty);
    free(c);
}

/* The entry of subject (refdata id, or REF_NONE when not listed), made
 * room for; its index through *idp. NULL when out of memory. */
static entry *entry_for(conv *c, int32_t subject, const char *name, uint32_t *idp)
{
    uint32_t id = (uint32_t)subject;
    if (subject == REF_NONE) {
        if (strmap_intern(c->others, name, strlen(name), &id) < 0) return NULL;
        id += c->nref;
    }
    if (id >= c->cap) {
        /* At first room for every listed subject and some others: growing
         * by doubling would copy and fault in the array again each time. */
        size_t nc = c->cap ? c->cap * 2 : c->nref + c->nref / 8 + 4096;
        while (nc <= id)
            nc *= 2;
        /* one entry a look-up, anywhere in it: on 2 MiB pages */
        entry *ne = mem_huge_grow(c->e, c->cap * sizeof *ne, nc * sizeof *ne);
        if (!ne) return NULL;
        memset(ne + c->cap, 0, (nc - c->cap) * sizeof *ne);
        c->e = ne;
        c->cap = nc;
    }
    *idp = id;
    return &c->e[id];
}

static const char *name_of(const conv *c, const refdata *r, uint32_t id)
{
    return id < c->nref ? refdata_subject_name(r, (int32_t)id)
                        : strmap_key(c->others, id - c->nref);
}

/* Records the access; returns 1 when the entry changed. */
static int note(entry *en, int32_t actor, int unexplained)
{
    if (en->n > NACC) return 0; /* popular: nothing more to learn */
    int i = 0;
    for (; i < en->n; i++)
        if (en->actor[i] == actor) break;
    if (i == NACC) {
        en->n = NACC + 1; /* more accessors than we keep */
        return 1;
    }
    uint8_t before = en->unexplained;
    if (i == en->n) en->actor[en->n++] = actor;
    if (unexplained) en->unexplained |= (uint8_t)(1u << i);
    return i + 1 == en->n || en->unexplained != before;
}

/* Lists the entry as changed. 0 or -1 (memory). */
static int mark_dirty(conv *c, entry *en, uint32_t id)
{
    if (en->dirty) return 0;
    if (c->ndirty == c->dirty_cap) {
        size_t nc = c->dirty_cap ? c->dirty_cap * 2 : 4096;
        uint32_t *nd = realloc(c->dirty, nc * sizeof *nd);
        if (!nd) return -1;
        c->dirty = nd;
        c->dirty_cap = nc;
    }
    c->dirty[c->ndirty++] = id;
    en->dirty = 1;
    return 0;
}

static int on_event(rule_ctx *rc, void *st, const det_event *e)
{
    if (!e->ev->subject[0]) return 0;
    conv *c = rule_global(rc);
    uint32_t id;
    entry *en = entry_for(c, e->subject, e->ev->subject, &id);
    if (!en) return -1;
    return note(en, e->actor, e->unexplained) ? mark_dirty(c, en, id) : 0;
}

static void prefetch(rule_ctx *rc, int32_t subject)
{
    const conv *c = rule_global(rc);
    if ((size_t)subject >= c->cap) return;
    __builtin_prefetch(&c->e[subject], 1);
    __builtin_prefetch((const char *)&c->e[subject + 1] - 1, 1); /* 28 bytes: often two lines */
}

typedef struct pairrec {
    int32_t a, b;
    uint32_t n;
    uint32_t subj[MAX_LISTED];
} pairrec;

static int same_unit(const refdata *r, int32_t a, int32_t b)
{
    int32_t ua = refdata_actor(r, a)->unit, ub = refdata_actor(r, b)->unit;
    return ua != REF_NONE && ua == ub;
}

/* Reports the pair to both. 0 or -1 (memory). */
static int emit_pair(rule_ctx *rc, const conv *c, const pairrec *p, uint32_t min_shared)
{
    const refdata *r = rule_refdata(rc);
    const char *subjects[MAX_LISTED], *events[MAX_LISTED];
    size_t n = p->n < MAX_LISTED ? p->n : MAX_LISTED;
    for (size_t i = 0; i < n; i++) {
        subjects[i] = name_of(c, r, p->subj[i]);
        events[i] = "";
    }
    const char *na = refdata_actor(r, p->a)->name, *nb = refdata_actor(r, p->b)->name;
    char group[160], reason[240];
    snprintf(group, sizeof group, "ring:%s|%s", na, nb);
    double score = 55 + 10.0 * (p->n - min_shared);
    if (score > 90) score = 90;
    int32_t pair[2] = {p->a, p->b};
    for (int k = 0; k < 2; k++) {
        const det_base *b = rule_actor_base(rc, pair[k]);
        const ref_actor *other = refdata_actor(r, pair[1 - k]);
        snprintf(reason, sizeof reason,
                 "Looked up %u subjects without a case that another employee (%s, unit %s) also"
                 " looked up without a case, and hardly anyone else did",
                 p->n, other->name,
                 other->unit != REF_NONE ? refdata_unit_name(r, other->unit) : "?");
        det_finding f = {pair[k], b ? b->last_ts : 0, SEV_HIGH, score, reason, group,
                         events,  subjects,           n,        NULL,  NULL,   0,
                         NULL};
        if (rule_emit(rc, &f) < 0) return -1;
    }
    return 0;
}

static int flush(rule_ctx *rc, werr *e)
{
    conv *c = rule_global(rc);
    const refdata *r = rule_refdata(rc);
    pairrec *pairs = NULL;
    size_t np = 0, cap = 0;
    int rv = -1;
    const double *par = rule_params(rc);
    const uint32_t min_shared = (uint32_t)par[P_MIN_SHARED];
    const int max_accessors = (int)par[P_MAX_ACCESSORS];
    /* Each actor's subjects looked up without a case, and the subjects
     * looked up: what chance gives (the first NACC of a popular subject's
     * actors are counted). */
    size_t na = refdata_actor_count(r);
    uint32_t *u = calloc(na ? na : 1, sizeof *u), seen = 0;
    strmap *index = strmap_new();
    if (!index || !u) {
        strmap_free(index);
        free(u);
        return -1;
    }
    for (uint32_t s = 0; s < c->cap; s++) {
        const entry *en = &c->e[s];
        if (!en->n) continue;
        seen++;
        for (int i = 0; i < en->n && i < NACC; i++)
            if (en->unexplained >> i & 1 && (size_t)en->actor[i] < na) u[en->actor[i]]++;
        /* Two actors at least, not too many, and two of them without a
         * case (a bit test: the build has no popcount instruction). */
        if (en->n < 2 || en->n > max_accessors || !(en->unexplained & (en->unexplained - 1)))
            continue;
        for (int i = 0; i < en->n; i++)
            for (int j = i + 1; j < en->n; j++) {
                if (!(en->unexplained >> i & 1) || !(en->unexplained >> j & 1)) continue;
                int32_t a = en->actor[i] < en->actor[j] ? en->actor[i] : en->actor[j];
                int32_t b = en->actor[i] < en->actor[j] ? en->actor[j] : en->actor[i];
                if (same_unit(r, a, b)) continue;
                char key[24];
                int kl = snprintf(key, sizeof key, "%d:%d", a, b);
                uint32_t id;
                int rcode = strmap_intern(index, key, (size_t)kl, &id);
                if (rcode < 0) goto done;
                if (rcode == 1) {
                    if (np == cap) {
                        cap = cap ? cap * 2 : 256;
                        pairrec *nr = realloc(pairs, cap * sizeof *nr);
                        if (!nr) goto done;
                        pairs = nr;
                    }
                    pairs[np++] = (pairrec){a, b, 0, {0}};
                }
                pairrec *p = &pairs[id];
                if (p->n < MAX_LISTED) p->subj[p->n] = s;
                p->n++;
            }
    }
    double population = seen > c->nref ? seen : c->nref;
    for (size_t i = 0; i < np; i++) {
        const pairrec *p = &pairs[i];
        if (p->n < min_shared) continue;
        double lambda = (double)u[p->a] * u[p->b] / population;
        if (stats_poisson_tail(p->n, lambda) > par[P_MAX_CHANCE]) continue;
        if (emit_pair(rc, c, p, min_shared) < 0) goto done;
    }
    rv = 0;
done:
    free(u);
    free(pairs);
    strmap_free(index);
    return rv;
}

/* Appends the entry as "unexplained-bits \t n \t actor names...". */
static int format(buf *b, const refdata *r, const entry *en)
{
    char head[16];
    int hl = snprintf(head, sizeof head, "%u\t%u", en->unexplained, en->n);
    int rc = buf_put(b, head, (size_t)hl);
    for (int i = 0; i < en->n && i < NACC && rc == 0; i++) {
        const char *name = refdata_actor(r, en->actor[i])->name;
        rc = buf_put(b, "\t", 1);
        if (rc == 0) rc = buf_put(b, name, strlen(name));
    }
    return rc;
}

static int save_entry(rule_ctx *rc, buf *b, uint32_t id)
{
    const conv *c = rule_global(rc);
    const refdata *r = rule_refdata(rc);
    buf_reset(b);
    if (format(b, r, &c->e[id]) < 0) return -1;
    return rule_kv_put(rc, name_of(c, r, id), b->data, b->len);
}

/* The changed subjects, or all looked-up ones. */
static int save(rule_ctx *rc, int all, werr *e)
{
    conv *c = rule_global(rc);
    buf b = {0};
    int rc_ = 0;
    for (size_t k = 0; k < c->ndirty; k++)
        c->e[c->dirty[k]].dirty = 0;
    if (all) {
        for (uint32_t id = 0; id < c->cap && rc_ == 0; id++)
            if (c->e[id].n) rc_ = save_entry(rc, &b, id);
    } else {
        for (size_t k = 0; k < c->ndirty && rc_ == 0; k++)
            rc_ = save_entry(rc, &b, c->dirty[k]);
    }
    c->ndirty = 0;
    buf_free(&b);
    return rc_;
}

/* Sets en from a saved value, "unexplained-bits \t n \t actor names...". */
static void restore(refdata *r, entry *en, char *value)
{
    char *save_f = NULL, *bits = strtok_r(value, "\t", &save_f);
    char *cnt = strtok_r(NULL, "\t", &save_f);
    if (!bits || !cnt) return;
    en->unexplained = (uint8_t)atoi(bits);
    int want = atoi(cnt);
    en->n = 0;
    for (char *a; en->n < NACC && (a = strtok_r(NULL, "\t", &save_f));)
        en->actor[en->n++] = refdata_actor_intern(r, a);
    if (want > NACC) en->n = NACC + 1;
}

static int load(rule_ctx *rc, const kv_entry *kv, size_t n, werr *e)
{
    conv *c = rule_global(rc);
    refdata *r = (refdata *)rule_refdata(rc);
    const char *names[KV_BATCH] = {0};
    int32_t sid[KV_BATCH];
    if (n > KV_BATCH) return -1;
    /* The batch's subjects looked up together, and their entries fetched,
     * so that the cache misses overlap: every storing ingest loads all
     * entries, hundreds of thousands in a store of months. */
    for (size_t i = 0; i < n; i++)
        names[i] = kv[i].key;
    refdata_subject_find_many(r, names, n, sid);
    for (size_t i = 0; i < n; i++)
        if ((size_t)sid[i] < c->cap) __builtin_prefetch(&c->e[sid[i]], 1);
    buf value = {0}; /* the entry being read, NUL-terminated */
    int rc_ = 0;
    for (size_t i = 0; i < n && rc_ == 0; i++) {
        uint32_t id;
        entry *en = entry_for(c, sid[i], kv[i].key, &id);
        buf_reset(&value);
        if (!en || buf_put(&value, kv[i].p, kv[i].n) < 0 || buf_put(&value, "", 1) < 0)
            rc_ = -1;
        else
            restore(r, en, value.data);
    }
    buf_free(&value);
    return rc_;
}

const rule_def rule_convergence = {
    .name = "convergence",
    .version = 1,
    .params = params,
    .nparams = NPARAM,
    .init = init,
    .on_event = on_event,
    .prefetch = prefetch,
    .flush = flush,
    .save = save,
    .load = load,
    .free = fini,
};
