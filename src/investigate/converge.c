#include "investigate/converge.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "enrich/explain.h"
#include "investigate/chance.h"
#include "investigate/converge_int.h"
#include "investigate/volume.h"
#include "normalise/ts.h"
#include "store/store_access.h"
#include "util/buf.h"
#include "util/strmap.h"

static int push_look(scan *sc, const look *x)
{
    if (sc->n == sc->cap) {
        size_t nc = sc->cap ? sc->cap * 2 : 4096;
        look *nv = realloc(sc->v, nc * sizeof *nv);
        if (!nv) return -1;
        sc->v = nv;
        sc->cap = nc;
    }
    sc->v[sc->n++] = *x;
    return 0;
}

static int cmp_look(const void *pa, const void *pb)
{
    const look *a = pa, *b = pb;
    if (a->subject != b->subject) return a->subject < b->subject ? -1 : 1;
    if (a->actor != b->actor) return a->actor < b->actor ? -1 : 1;
    return (a->day > b->day) - (a->day < b->day);
}

/* Notes ts as subject id's look-up without a case if it is the first
 * (fresh: the id was just made). 0 or -1. */
static int note_first(scan *sc, uint32_t id, int fresh, int64_t ts)
{
    if (id >= sc->first_cap) {
        size_t nc = sc->first_cap ? sc->first_cap * 2 : 4096;
        while (nc <= id)
            nc *= 2;
        int64_t *nf = realloc(sc->first, nc * sizeof *nf);
        if (!nf) return -1;
        sc->first = nf;
        sc->first_cap = nc;
    }
    if (fresh || ts < sc->first[id]) sc->first[id] = ts;
    return 0;
}

/* The subjects two or more actors looked up without a case: their names,
 * and for each (by its id there) its id in scan.subjects. */
typedef struct shared_set {
    strmap *names;
    uint32_t *sid;
} shared_set;

/* Look-ups read but not yet explained: explained a batch at a time, so
 * that the reference data's cache misses (the subject's and case's map
 * slots, the subject's record, its case list) overlap across the batch
 * instead of stalling one row at a time. */
enum { BATCH = 32 };
typedef struct batch {
    size_t n;
    int64_t ts[BATCH];
    int32_t actor[BATCH];
    uint32_t id[BATCH];                 /* the second pass: the shared subject's id */
    size_t subject[BATCH], kase[BATCH]; /* offsets into text ("" for no case) */
    buf text;
} batch;

/* Adds a read row to b (its strings copied: the store lends them for one row). 0 or -1. */
static int batch_add(batch *b, int64_t ts, int32_t actor, uint32_t id, const char *subject,
                     const char *kase)
{
    size_t i = b->n;
    b->ts[i] = ts;
    b->actor[i] = actor;
    b->id[i] = id;
    b->subject[i] = b->text.len;
    if (buf_put(&b->text, subject, strlen(subject) + 1) < 0) return -1;
    b->kase[i] = b->text.len;
    if (buf_put(&b->text, kase, strlen(kase) + 1) < 0) return -1;
    b->n++;
    return 0;
}

/* Explains b's look-ups and keeps those the pass is after (see
 * scan_period), in the order read; empties b. 0 or -1 (memory). */
static int batch_take(scan *sc, batch *b, int second)
{
    const char *subjects[BATCH] = {0}, *cases[BATCH] = {0};
    int32_t sid[BATCH], cid[BATCH];
    size_t nc = 0;
    for (size_t i = 0; i < b->n; i++) {
        subjects[i] = b->text.data + b->subject[i];
        const char *k = b->text.data + b->kase[i];
        if (k[0]) cases[nc++] = k;
    }
    refdata_subject_find_many(sc->ref, subjects, b->n, sid);
    refdata_case_find_many(sc->ref, cases, nc, cid);
    for (size_t i = 0; i < b->n; i++)
        if (sid[i] != REF_NONE) __builtin_prefetch(refdata_subject(sc->ref, sid[i]));
    for (size_t i = 0; i < b->n; i++)
        if (sid[i] != REF_NONE)
            refdata_subject_case_prefetch(sc->ref, refdata_subject(sc->ref, sid[i]));
    nc = 0;
    int rc = 0;
    for (size_t i = 0; i < b->n && rc == 0; i++) {
        int has_case = b->text.data[b->kase[i]] != 0;
        explain e = explain_access_id(sc->ref, b->actor[i], 1, sid[i], has_case,
                                      has_case ? cid[nc++] : REF_NONE, b->ts[i]);
        int unexplained = explain_is_unexplained(e.status);
        if (unexplained == second) continue;
        uint32_t id = b->id[i];
        if (!second) {
            int fresh = strmap_intern(sc->subjects, subjects[i], strlen(subjects[i]), &id);
            if (fresh < 0 || note_first(sc, id, fresh, b->ts[i]) < 0) rc = -1;
        }
        look x = {id, (uint32_t)b->actor[i], (int32_t)(b->ts[i] / TS_DAY_MS), (uint8_t)unexplained};
        if (rc == 0) rc = push_look(sc, &x);
    }
    b->n = 0;
    buf_reset(&b->text);
    return rc;
}

typedef struct period_read {
    scan *sc;
    batch b;
    const shared_set *shared;
} period_read;

/* Takes one look-up the store read into the batch, unless the pass is not
 * after its subject. 0, or -1 (memory: the read stops). */
static int take_lookup(int64_t ts, const char *actor, const char *subject, const char *kase,
                       void *ctx)
{
    period_read *p = ctx;
    const shared_set *shared = p->shared;
    /* The shared subjects are few: their map stays in the cache. */
    int64_t k = shared ? strmap_find(shared->names, subject, strlen(subject)) : 0;
    if (k < 0) return 0;
    int32_t a = refdata_actor_intern(p->sc->ref, actor);
    if (a == REF_NONE ||
        batch_add(&p->b, ts, a, shared ? shared->sid[k] : 0, subject, kase ? kase : "") < 0 ||
        (p->b.n == BATCH && batch_take(p->sc, &p->b, shared != NULL) < 0))
        return -1;
    return 0;
}

/* Reads and explains the period's look-ups of a subject, in one pass over
 * the events in stored order (not a walk of each active actor's days,
 * which fetched every row at random). The first pass (shared NULL) keeps
 * the look-ups without a case (one in twenty in the bench data). The
 * second keeps the look-ups with a case of the subjects in shared: only
 * theirs count (how many actors looked the subject up around a pair's).
 * Memory follows the look-ups without a case, not the period's events.
 * 0 or -1. */
static int scan_period(store *s, scan *sc, int64_t from, int64_t to, const shared_set *shared)
{
    period_read p = {sc, {0}, shared};
    int rc = store_each_lookup_between(s, from, to, take_lookup, &p);
    if (rc == 0) rc = batch_take(sc, &p.b, shared != NULL);
    buf_free(&p.b.text);
    return rc == 0 ? 0 : -1;
}

static void shared_free(shared_set *sh)
{
    strmap_free(sh->names);
    free(sh->sid);
}

/* Fills sh with the shared subjects; sc->v holds the look-ups without a
 * case only. 0, or -1 when out of memory. */
static int shared_subjects(scan *sc, shared_set *sh)
{
    sh->names = strmap_new();
    sh->sid = malloc((strmap_count(sc->subjects) + 1) * sizeof *sh->sid);
    if (!sh->names || !sh->sid) return -1;
    if (sc->n) qsort(sc->v, sc->n, sizeof *sc->v, cmp_look);
    for (size_t i = 1; i < sc->n; i++) {
        if (sc->v[i].subject != sc->v[i - 1].subject || sc->v[i].actor == sc->v[i - 1].actor)
            continue;
        const char *name = strmap_key(sc->subjects, sc->v[i].subject);
        uint32_t id;
        if (strmap_intern(sh->names, name, strlen(name), &id) < 0) return -1;
        sh->sid[id] = sc->v[i].subject;
    }
    return 0;
}

static int count_actor(const char *actor, void *ctx)
{
    ++*(long *)ctx;
    return 0;
}

/* The period's look-ups into sc, both passes in one read transaction;
 * *actors: how many actors were active. 0 or -1. */
static int scan_all(store *s, scan *sc, const inv_conv_opts *o, long *actors)
{
    inv_days days;
    shared_set shared = {0};
    *actors = 0;
    int rc = inv_days_span(o->from, o->to, &days);
    if (rc == 0 && (rc = store_read_begin(s)) == 0) {
        rc = inv_each_active_actor(s, &days, count_actor, actors);
        if (rc == 0) rc = scan_period(s, sc, o->from, o->to, NULL);
        if (rc == 0) rc = shared_subjects(sc, &shared);
        if (rc == 0) rc = scan_period(s, sc, o->from, o->to, &shared);
        if (rc == 0)
            rc = store_read_end(s);
        else
            store_rollback(s);
    }
    shared_free(&shared);
    inv_days_free(&days);
    return rc;
}

static int same_unit(const refdata *r, uint32_t a, uint32_t b)
{
    int32_t ua = refdata_actor(r, (int32_t)a)->unit, ub = refdata_actor(r, (int32_t)b)->unit;
    return ua != REF_NONE && ua == ub;
}

/* Notes that actors a < b share subject sid. 0 or -1. */
static int share(scan *sc, uint32_t a, uint32_t b, uint32_t sid)
{
    char key[24];
    int kl = snprintf(key, sizeof key, "%u:%u", a, b);
    uint32_t id;
    int rc = strmap_intern(sc->pairkeys, key, (size_t)kl, &id);
    if (rc < 0) return -1;
    if (rc == 1) {
        if (sc->npairs == sc->pcap) {
            size_t nc = sc->pcap ? sc->pcap * 2 : 256;
            pairrec *np = realloc(sc->pairs, nc * sizeof *np);
            if (!np) return -1;
            sc->pairs = np;
            sc->pcap = nc;
        }
        sc->pairs[sc->npairs++] = (pairrec){a, b, 0, 0, NULL, 0, 0};
    }
    pairrec *p = &sc->pairs[id];
    if (p->n == p->cap) {
        uint32_t nc = p->cap ? p->cap * 2 : 4;
        uint32_t *ns = realloc(p->subj, nc * sizeof *ns);
        if (!ns) return -1;
        p->subj = ns;
        p->cap = nc;
    }
    p->subj[p->n++] = sid;
    return 0;
}

/* 1 when an unexplained look-up in run x and one in run y (slices of one
 * subject's look-ups, each sorted by day) lie at most within days apart;
 * their days go to *dx, *dy. */
static int near(const look *x, size_t nx, const look *y, size_t ny, int within, int32_t *dx,
                int32_t *dy)
{
    size_t i = 0, k = 0;
    while (i < nx && k < ny) {
        if (!x[i].unexplained)
            i++;
        else if (!y[k].unexplained)
            k++;
        else if (abs(x[i].day - y[k].day) <= within) {
            *dx = x[i].day;
            *dy = y[k].day;
            return 1;
        } else if (x[i].day < y[k].day)
            i++;
        else
            k++;
    }
    return 0;
}

/* Distinct actors among v[0..n) (sorted by actor) with a look-up on a day
 * from lo to hi. */
static size_t actors_between(const look *v, size_t n, int32_t lo, int32_t hi)
{
    size_t count = 0;
    for (size_t i = 0; i < n;) {
        size_t j = i;
        int in = 0;
        for (; j < n && v[j].actor == v[i].actor; j++)
            in |= v[j].day >= lo && v[j].day <= hi;
        count += (size_t)in;
        i = j;
    }
    return count;
}

typedef struct run {
    size_t at, n;
} run;

/* Collects the runs of actors who looked v[0..n) up without a case and
 * counts the subject for each of them. Returns the number of actors. */
static size_t unexplained_runs(scan *sc, const look *v, size_t n, run *who, size_t *nwho,
                               size_t max)
{
    size_t nact = 0;
    *nwho = 0;
    for (size_t i = 0; i < n;) {
        size_t j = i;
        int unexplained = 0;
        for (; j < n && v[j].actor == v[i].actor; j++)
            unexplained |= v[j].unexplained;
        nact++;
        if (unexplained) {
            sc->unexpl[v[i].actor]++;
            if (*nwho < max) who[(*nwho)++] = (run){i, j - i};
        }
        i = j;
    }
    return nact;
}

/* One subject's look-ups v[0..n), sorted by actor and day: pairs up the
 * actors who looked it up without a case within o->within_days of each
 * other, unless more than o->max_accessors actors looked it up around
 * then (then the subject is popular, not shared). 0, 1 when popular for
 * some pair, -1 out of memory. */
static int subject_group(scan *sc, const look *v, size_t n, const inv_conv_opts *o)
{
    enum { MAX_WHO = 64 };
    run who[MAX_WHO];
    size_t nwho, nact = unexplained_runs(sc, v, n, who, &nwho, MAX_WHO);
    if (nwho < 2) return 0;
    if (nwho > (size_t)o->max_accessors) return 1;
    int popular = 0;
    for (size_t i = 0; i < nwho; i++)
        for (size_t k = i + 1; k < nwho; k++) {
            uint32_t a = v[who[i].at].actor, b = v[who[k].at].actor;
            int32_t da, db;
            if (!o->same_unit && same_unit(sc->ref, a, b)) continue;
            if (!near(v + who[i].at, who[i].n, v + who[k].at, who[k].n, o->within_days, &da, &db))
                continue;
            int32_t lo = (da < db ? da : db) - o->within_days,
                    hi = (da > db ? da : db) + o->within_days;
            if (nact > (size_t)o->max_accessors &&
                actors_between(v, n, lo, hi) > (size_t)o->max_accessors) {
                popular = 1;
                continue;
            }
            if (share(sc, a, b, v[0].subject) < 0) return -1;
        }
    return popular;
}

static int pair_up(scan *sc, const inv_conv_opts *o, long *popular)
{
    if (sc->n) qsort(sc->v, sc->n, sizeof *sc->v, cmp_look);
    sc->nact = refdata_actor_count(sc->ref);
    if (!(sc->unexpl = calloc(sc->nact + 1, sizeof *sc->unexpl))) return -1;
    for (size_t i = 0; i < sc->n;) {
        size_t j = i;
        while (j < sc->n && sc->v[j].subject == sc->v[i].subject)
            j++;
        int rc = subject_group(sc, sc->v + i, j - i, o);
        if (rc < 0) return -1;
        *popular += rc;
        i = j;
    }
    return 0;
}

/* Pairs of actors with unexplained look-ups that could have shared. */
static long pairs_tested(const scan *sc, int same)
{
    long m = 0, within = 0;
    size_t nunits = 0;
    for (size_t a = 0; a < sc->nact; a++) {
        int32_t u = refdata_actor(sc->ref, (int32_t)a)->unit;
        if (u != REF_NONE && (size_t)u + 1 > nunits) nunits = (size_t)u + 1;
    }
    long *per = calloc(nunits + 1, sizeof *per);
    for (size_t a = 0; a < sc->nact; a++) {
        if (!sc->unexpl[a]) continue;
        m++;
        int32_t u = refdata_actor(sc->ref, (int32_t)a)->unit;
        if (per && u != REF_NONE) within += per[u]++;
    }
    free(per);
    return m * (m - 1) / 2 - (same ? 0 : within);
}

/* Sets each pair's chance overlap and tail; see converge.h. */
static void pair_stats(scan *sc, const inv_conv_opts *o, int64_t population)
{
    double period = (double)(o->to - o->from) / TS_DAY_MS + 1;
    double q = (2.0 * o->within_days + 1) / period;
    if (q > 1) q = 1;
    for (size_t i = 0; i < sc->npairs; i++) {
        pairrec *p = &sc->pairs[i];
        p->expected = (double)sc->unexpl[p->a] * sc->unexpl[p->b] / (double)population * q;
        p->log10_p = inv_log10_tail((double)p->n, p->expected);
    }
}

static void scan_free(scan *sc)
{
    refdata_free(sc->ref);
    strmap_free(sc->subjects);
    strmap_free(sc->pairkeys);
    free(sc->first);
    free(sc->v);
    free(sc->unexpl);
    for (size_t i = 0; i < sc->npairs; i++)
        free(sc->pairs[i].subj);
    free(sc->pairs);
}

int inv_converge(store *s, const inv_conv_opts *o, inv_convergence *out, werr *e)
{
    scan sc = {0};
    int rc = -1;
    if (refdata_load(s, 0, &sc.ref, e) < 0) return -1;
    if (!(sc.subjects = strmap_new()) || !(sc.pairkeys = strmap_new()) ||
        !(out->strings = arena_new(0)))
        goto oom;
    if (inv_population(s, &out->population) < 0 || scan_all(s, &sc, o, &out->actors) < 0) {
        werr_set(e, WERR_UNAVAILABLE, "cannot read look-ups: %s", store_errmsg(s));
        goto done;
    }
    if (pair_up(&sc, o, &out->popular_skipped) < 0) goto oom;
    out->pairs_tested = pairs_tested(&sc, o->same_unit);
    pair_stats(&sc, o, out->population);
    if (inv_conv_rings(out, &sc, o) < 0) goto oom;
    rc = 0;
    goto done;
oom:
    werr_set(e, WERR_INTERNAL, "out of memory");
done:
    scan_free(&sc);
    return rc;
}

void inv_convergence_free(inv_convergence *c)
{
    free(c->v);
    arena_free(c->strings);
    memset(c, 0, sizeof *c);
}
