#include "investigate/rejudge.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "detect/detect.h"
#include "detect/rule.h"
#include "detect/rule_protected.h"
#include "detect/rule_unexplained.h"
#include "enrich/explain.h"
#include "investigate/access.h"
#include "normalise/ts.h"
#include "store/store_access.h"
#include "store/store_alerts.h"
#include "store/store_rejudge.h"
#include "util/arena.h"
#include "util/strmap.h"

/* ---- which alerts depend on the absence of a case ---- */

typedef enum dep {
    DEP_NONE,       /* not about cases: stays as it is */
    DEP_ALWAYS,     /* every finding is about look-ups without a case */
    DEP_SAID,       /* a finding is when its reason says "without a case" */
    DEP_REGISTERED, /* about stated case numbers the register lacked */
    DEP_DAY,        /* about the number of the day's look-ups without a case */
} dep;

static const struct {
    const char *rule;
    dep d;
} deps[] = {
    {"unexplained", DEP_DAY},
    {"protected", DEP_ALWAYS},
    {"convergence", DEP_ALWAYS},
    /* One's own record looked up is worth telling with a case too. */
    {"relation", DEP_SAID},
    {"off_pattern", DEP_SAID},
    {"incident", DEP_SAID},
    {"first_use", DEP_SAID},
    {"departing", DEP_SAID},
    {"unknown_case", DEP_REGISTERED},
    /* A case of others stated: explained once a case covers the look-up. */
    {"foreign_case", DEP_ALWAYS},
    {"changes", DEP_ALWAYS},
};

/* Rules whose events name the case rather than a subject: any case the
 * load touched may explain them. */
static const char *const by_case[] = {"departing", "unknown_case"};

static dep dependence(const char *rule, const char *reason)
{
    for (size_t i = 0; i < sizeof deps / sizeof *deps; i++) {
        if (strcmp(deps[i].rule, rule) != 0) continue;
        if (deps[i].d != DEP_SAID) return deps[i].d;
        if (strcmp(rule, "relation") == 0 && strncmp(reason, "Looked up their own record", 26) == 0)
            return DEP_NONE;
        return strstr(reason, "without a case") ? DEP_SAID : DEP_NONE;
    }
    return DEP_NONE;
}

/* ---- the alerts a load's cases may explain ---- */

typedef struct cand {
    const char *id, *actor, *rule, *reason;
    int64_t ts;
    const char **events, **subjects;
    size_t n, nactors;
} cand;

typedef struct judging {
    store *s;
    refdata *r;
    arena *a;
    cand *v;
    size_t n, cap;
    inv_accesses acc; /* events read back, found through seen */
    strmap *seen;     /* "event id \x1f subject" -> acc index; read[] marks */
    size_t *at;       /* seen id -> acc index */
    size_t at_cap;
    strmap *read;          /* subjects ("s:") and actor days ("a:") read already */
    const rule_conf *conf; /* the rules' parameters in force */
} judging;

static int keep(const store_alert *x, void *ctx)
{
    judging *j = ctx;
    if (dependence(x->rule, x->reason) == DEP_NONE) return 0;
    if (j->n == j->cap) {
        size_t nc = j->cap ? 2 * j->cap : 64;
        cand *nv = realloc(j->v, nc * sizeof *nv);
        if (!nv) return -1;
        j->v = nv;
        j->cap = nc;
    }
    cand *c = &j->v[j->n];
    c->id = arena_strdup(j->a, x->id);
    c->actor = arena_strdup(j->a, x->actor);
    c->rule = arena_strdup(j->a, x->rule);
    c->reason = arena_strdup(j->a, x->reason);
    c->ts = x->ts;
    c->n = x->n;
    c->nactors = x->nactors;
    c->events = arena_alloc(j->a, (x->n + 1) * sizeof *c->events);
    c->subjects = arena_alloc(j->a, (x->n + 1) * sizeof *c->subjects);
    if (!c->id || !c->actor || !c->rule || !c->reason || !c->events || !c->subjects) return -1;
    for (size_t i = 0; i < x->n; i++)
        if (!(c->events[i] = arena_strdup(j->a, x->events[i])) ||
            !(c->subjects[i] = arena_strdup(j->a, x->subjects[i] ? x->subjects[i] : "")))
            return -1;
    j->n++;
    return 0;
}

/* Indexes the accesses from `from` on by event id and subject. 0 or -1. */
static int index_from(judging *j, size_t from)
{
    for (size_t i = from; i < j->acc.n; i++) {
        char key[512];
        int kl = snprintf(key, sizeof key, "%s\x1f%s", j->acc.v[i].id, j->acc.v[i].subject);
        if (kl < 0 || (size_t)kl >= sizeof key) continue;
        uint32_t id;
        if (strmap_intern(j->seen, key, (size_t)kl, &id) < 0) return -1;
        if (id >= j->at_cap) {
            size_t nc = j->at_cap ? 2 * j->at_cap : 256;
            while (nc <= id)
                nc *= 2;
            size_t *na = realloc(j->at, nc * sizeof *na);
            if (!na) return -1;
            j->at = na;
            j->at_cap = nc;
        }
        j->at[id] = i;
    }
    return 0;
}

/* The stored event of an alert: read through its subject's postings (all
 * of the subject's events: a few), or, naming no subject, through the
 * actor's on the alert's day. NULL when not found (or on error: *err). */
static const inv_access *event_of(judging *j, const cand *c, size_t k, int *err)
{
    const char *subject = c->subjects[k];
    char rk[300];
    int64_t day = c->ts / TS_DAY_MS * TS_DAY_MS;
    int rl = subject[0] ? snprintf(rk, sizeof rk, "s:%s", subject)
                        : snprintf(rk, sizeof rk, "a:%s\x1f%lld", c->actor, (long long)day);
    if (rl < 0 || (size_t)rl >= sizeof rk) return NULL;
    uint32_t id;
    int fresh = strmap_intern(j->read, rk, (size_t)rl, &id);
    if (fresh < 0) goto fail;
    if (fresh) {
        size_t from = j->acc.n;
        int rc = subject[0]
                     ? inv_accesses_of_subject(j->s, subject, 0, INT64_MAX, &j->acc)
                     : inv_accesses_of_actor(j->s, c->actor, day, day + TS_DAY_MS - 1, &j->acc);
        if (rc != 0 || index_from(j, from) < 0) goto fail;
    }
    char key[512];
    int kl = snprintf(key, sizeof key, "%s\x1f%s", c->events[k], subject);
    if (kl < 0 || (size_t)kl >= sizeof key) return NULL;
    int64_t at = strmap_find(j->seen, key, (size_t)kl);
    return at < 0 ? NULL : &j->acc.v[j->at[at]];
fail:
    *err = 1;
    return NULL;
}

/* Does the reference data now explain x? Sets *kase to the case that does. */
static int explained_now(const refdata *r, dep d, const inv_access *x, int32_t *kase)
{
    int32_t stated = x->case_id[0] ? refdata_case_find(r, x->case_id) : REF_NONE;
    *kase = stated;
    int32_t actor = refdata_actor_find(r, x->actor);
    if (!x->subject[0]) return explain_case_covers(r, stated, actor, x->ts);
    explain ex = explain_access_id(r, actor, 1, refdata_subject_find(r, x->subject),
                                   x->case_id[0] != 0, stated, x->ts);
    *kase = ex.kase;
    return ex.status == EX_CASE;
}

/* Adds kase to the (at most 3) named, or counts it in *more. */
static void name_case(int32_t kase, int32_t named[3], size_t *nn, size_t *more)
{
    for (size_t i = 0; i < *nn; i++)
        if (named[i] == kase) return;
    if (*nn < 3)
        named[(*nn)++] = kase;
    else
        (*more)++;
}

/* The look-ups of c's actor on c's day, into day (emptied on error). 0
 * or -1. */
static int day_of(judging *j, const cand *c, inv_accesses *day)
{
    int64_t d0 = c->ts / TS_DAY_MS * TS_DAY_MS;
    if (inv_accesses_of_actor(j->s, c->actor, d0, d0 + TS_DAY_MS - 1, day) == 0) return 0;
    inv_accesses_free(day);
    return -1;
}

/* An unknown_case alert lists the look-up that made the numbers of the
 * day too many; it is about all of them: explained when every case number
 * the actor stated that day is registered now. 1, 0, or -1 (error). */
static int registered_all(judging *j, const cand *c, int32_t named[3], size_t *nn, size_t *more)
{
    inv_accesses day = {0};
    if (day_of(j, c, &day) < 0) return -1;
    int all = day.n > 0;
    for (size_t i = 0; i < day.n && all; i++) {
        if (!day.v[i].case_id[0]) continue;
        int32_t k = refdata_case_find(j->r, day.v[i].case_id);
        if (k == REF_NONE)
            all = 0;
        else
            name_case(k, named, nn, more);
    }
    inv_accesses_free(&day);
    return all;
}

/* An unexplained alert is about how many of the day's look-ups had no
 * case, not about each one (the alert lists those from the day's
 * threshold on, some of them the ordinary few without a case): explained
 * when the cases now explain so many that the rule's own test no longer
 * holds for the look-ups left without one. 1, 0, or -1 (error). */
static int day_explained(judging *j, const cand *c, int32_t named[3], size_t *nn, size_t *more)
{
    inv_accesses day = {0};
    if (day_of(j, c, &day) < 0) return -1;
    size_t left = 0, n = 0;
    for (size_t i = 0; i < day.n; i++) {
        if (!day.v[i].subject[0]) continue;
        n++;
        int32_t k;
        if (!explained_now(j->r, DEP_DAY, &day.v[i], &k) || k == REF_NONE) {
            left++;
            continue;
        }
        /* Named: the cases that explain look-ups the alert counted. */
        for (size_t e = 0; e < c->n; e++)
            if (strcmp(c->subjects[e], day.v[i].subject) == 0) {
                name_case(k, named, nn, more);
                break;
            }
    }
    inv_accesses_free(&day);
    /* A reason the rule does not write (an older version's): judged by
     * the rule's minimum alone. */
    int holds = rule_unexplained_holds(j->conf, c->reason, (unsigned)left, (unsigned)n);
    if (holds < 0) {
        double min;
        holds = rule_conf_get(j->conf, "unexplained", "min_count", &min) < 0 || left >= min;
    }
    return *nn > 0 && !holds;
}

/* Whether every event of c is explained now; why names the cases. 1 yes,
 * 0 no, -1 error. */
static int judge(judging *j, const cand *c, char *why, size_t wl)
{
    dep d = dependence(c->rule, c->reason);
    int32_t named[3];
    size_t nn = 0, more = 0;
    if (d == DEP_REGISTERED || d == DEP_DAY) {
        int all = d == DEP_DAY ? day_explained(j, c, named, &nn, &more)
                               : registered_all(j, c, named, &nn, &more);
        if (all <= 0) return all;
    }
    for (size_t k = 0; k < c->n && d != DEP_REGISTERED && d != DEP_DAY; k++) {
        int err = 0;
        const inv_access *x = event_of(j, c, k, &err);
        if (err) return -1;
        int32_t kase;
        if (!x || !explained_now(j->r, d, x, &kase) || kase == REF_NONE) return 0;
        name_case(kase, named, &nn, &more);
    }
    if (c->n == 0 || nn == 0) return 0;
    size_t o = (size_t)snprintf(why, wl, "explained later: case%s ", nn > 1 ? "s" : "");
    for (size_t i = 0; i < nn && o < wl; i++)
        o += (size_t)snprintf(why + o, wl - o, "%s%s", i ? ", " : "",
                              refdata_case(j->r, (uint32_t)named[i])->name);
    if (more && o < wl) o += (size_t)snprintf(why + o, wl - o, " and %zu more", more);
    if (o < wl)
        snprintf(why + o, wl - o, "%s",
                 d == DEP_REGISTERED ? (nn > 1 ? " now registered" : " is now registered")
                 : d == DEP_DAY
                     ? (nn > 1 ? " explain all but a usual number of the day's look-ups"
                               : " explains all but a usual number of the day's look-ups")
                 : nn > 1 ? " cover it"
                          : " covers it");
    return 1;
}

/* ---- protected counts without what was explained later ---- */

/* One of an actor's protected alerts about them alone, read back. */
typedef struct counted {
    char *id, *reason;
    int64_t ts;
    double score; /* as the rule gave it */
    size_t looks; /* its look-ups */
    int later;    /* explained later */
} counted;

typedef struct recounting {
    counted *v;
    size_t n, cap;
} recounting;

static int take_counted(const store_alert *x, void *ctx)
{
    recounting *rc = ctx;
    /* Windows of several staff state no count of the actor's own. */
    if (strcmp(x->rule, "protected") != 0 || x->nactors > 1) return 0;
    if (rc->n == rc->cap) {
        size_t nc = rc->cap ? 2 * rc->cap : 16;
        counted *nv = realloc(rc->v, nc * sizeof *nv);
        if (!nv) return 1;
        rc->v = nv;
        rc->cap = nc;
    }
    counted *c = &rc->v[rc->n];
    if (!(c->id = strdup(x->id)) || !(c->reason = strdup(x->reason))) {
        free(c->id);
        return 1;
    }
    c->ts = x->ts;
    c->score = x->score;
    c->looks = x->n;
    c->later = strcmp(x->status, STORE_EXPLAINED_LATER) == 0;
    rc->n++;
    return 0;
}

static int by_time(const void *a, const void *b)
{
    const counted *x = a, *y = b;
    return (x->ts > y->ts) - (x->ts < y->ts);
}

/* What each alert's count adds in the rule's series (rule_protected.h):
 * an alert scores what its count adds to the most the ones before it
 * weighed. With skip set, the explained-later alerts are left out and each
 * count is less the look-ups of those before it (gone). add[i] < 0: no
 * count. */
static void series(const counted *v, size_t n, int skip, double *add, uint32_t *gone)
{
    double most = 0;
    uint32_t later = 0;
    for (size_t i = 0; i < n; i++) {
        uint32_t count;
        double lambda;
        size_t end;
        gone[i] = later;
        add[i] = -1;
        if (skip && v[i].later) {
            later += (uint32_t)v[i].looks;
            continue;
        }
        if (!rule_protected_count_of(v[i].reason, &count, &lambda, &end)) continue;
        uint32_t left = skip && later < count ? count - later : skip ? 1 : count;
        double w = rule_protected_count_weight(left, lambda);
        add[i] = w - most > 1 ? w - most : 1;
        if (w > most) most = w;
    }
}

/* The protected rule counts an actor's look-ups of protected records:
 * those a load explains no longer count in the alerts after them, which
 * were scored with them. For each actor of a protected alert explained
 * now (explained[i] set), each of their protected alerts that still
 * counts and came after one explained later weighs in risk what it would
 * have without those look-ups (its VIP's own weight kept), and its reason
 * says so. Judged from the scores the rule gave, so a second load gives
 * the same. *recounted says how many. 0, or -1 with e. */
static int recount(store *s, const judging *j, char *const *explained, long *recounted, werr *e)
{
    int rc = 0;
    for (size_t i = 0; i < j->n && rc == 0; i++) {
        const cand *c = &j->v[i];
        if (!explained[i] || strcmp(c->rule, "protected") != 0) continue;
        int seen = 0; /* an actor is recounted once, at their first */
        for (size_t k = 0; k < i && !seen; k++)
            seen = explained[k] && strcmp(j->v[k].rule, "protected") == 0 &&
                   strcmp(j->v[k].actor, c->actor) == 0;
        if (seen) continue;
        recounting got = {0};
        double *was = NULL, *now = NULL;
        uint32_t *gone = NULL;
        int each = store_each_alert(s, c->actor, 0, 0, take_counted, &got);
        if (each != 0)
            rc = werr_set(e, each < 0 ? WERR_UNAVAILABLE : WERR_INTERNAL,
                          "cannot read %s's alerts to count them again: %s", c->actor,
                          each < 0 ? store_errmsg(s) : "out of memory");
        else if (!(was = malloc((got.n + 1) * sizeof *was)) ||
                 !(now = malloc((got.n + 1) * sizeof *now)) ||
                 !(gone = malloc((got.n + 1) * sizeof *gone)))
            rc = werr_set(e, WERR_INTERNAL, "out of memory counting alerts again");
        if (rc == 0) {
            if (got.n) qsort(got.v, got.n, sizeof *got.v, by_time); /* got.v is NULL when none */
            series(got.v, got.n, 0, was, gone);
            series(got.v, got.n, 1, now, gone);
        }
        for (size_t a = 0; a < got.n && rc == 0; a++) {
            const counted *x = &got.v[a];
            uint32_t count;
            double lambda;
            size_t end;
            if (x->later || gone[a] == 0 || was[a] < 0 || now[a] < 0 ||
                !rule_protected_count_of(x->reason, &count, &lambda, &end))
                continue;
            double fixed = x->score - was[a] > 0 ? x->score - was[a] : 0;
            char reason[1200];
            snprintf(reason, sizeof reason,
                     "%.*s (%u of them explained later by cases registered since)", (int)end,
                     x->reason, gone[a] < count ? gone[a] : count - 1);
            if (store_alert_rescore(s, x->id, c->actor, fixed + now[a], reason) < 0)
                rc = werr_set(e, WERR_UNAVAILABLE, "cannot score alert %s again: %s", x->id,
                              store_errmsg(s));
            else
                ++*recounted;
        }
        for (size_t a = 0; a < got.n; a++) {
            free(got.v[a].id);
            free(got.v[a].reason);
        }
        free(got.v);
        free(was);
        free(now);
        free(gone);
    }
    return rc;
}

static void judging_free(judging *j)
{
    arena_free(j->a);
    free(j->v);
    inv_accesses_free(&j->acc);
    strmap_free(j->seen);
    strmap_free(j->read);
    free(j->at);
}

static int explain_later(store *s, refdata *r, const rule_conf *conf, inv_rejudged *out, werr *e)
{
    judging j = {.s = s,
                 .r = r,
                 .conf = conf,
                 .a = arena_new(0),
                 .seen = strmap_new(),
                 .read = strmap_new()};
    char **why = NULL;
    int rc = -1;
    if (!j.a || !j.seen || !j.read) goto oom;
    int got = store_each_alert_touched(s, by_case, sizeof by_case / sizeof *by_case, keep, &j);
    if (got != 0) {
        werr_set(e, WERR_UNAVAILABLE, "cannot read the alerts to judge again: %s",
                 got < 0 ? store_errmsg(s) : "out of memory");
        goto done;
    }
    out->checked = (long)j.n;
    if (!(why = calloc(j.n + 1, sizeof *why))) goto oom;
    for (size_t i = 0; i < j.n; i++) {
        char w[300];
        int ok = judge(&j, &j.v[i], w, sizeof w);
        if (ok < 0) {
            werr_set(e, WERR_UNAVAILABLE, "cannot read the events of alert %s: %s", j.v[i].id,
                     store_errmsg(s));
            goto done;
        }
        if (ok && !(why[i] = strdup(w))) goto oom;
    }
    /* Written after the reading: no alert changes under the query that
     * lists them. */
    if (store_begin(s) < 0) goto dberr;
    for (size_t i = 0; i < j.n; i++) {
        if (!why[i]) continue;
        if (store_alert_explained_later(s, j.v[i].id, why[i]) < 0) {
            store_rollback(s);
            goto dberr;
        }
        out->explained++;
    }
    if (recount(s, &j, why, &out->recounted, e) < 0) {
        store_rollback(s);
        out->explained = out->recounted = 0;
        goto done;
    }
    if (store_commit(s) < 0) {
        store_rollback(s);
        goto dberr;
    }
    rc = 0;
    goto done;
dberr:
    out->explained = 0;
    werr_set(e, WERR_UNAVAILABLE, "cannot mark alerts explained later: %s", store_errmsg(s));
    goto done;
oom:
    werr_set(e, WERR_INTERNAL, "out of memory judging alerts again");
done:
    for (size_t i = 0; why && i < j.n; i++)
        free(why[i]);
    free(why);
    judging_free(&j);
    return rc;
}

/* ---- end dates ---- */

/* The rules an end date feeds. */
static const char *const end_rules[] = {"employment", "departing"};

typedef struct ending {
    det_engine *d;
    refdata *r;
    long events;
    werr *e;
    char **actors;
    size_t n, cap;
} ending;

static int note_ended(const char *actor, int64_t before, int64_t now, void *ctx)
{
    (void)before;
    (void)now;
    ending *en = ctx;
    if (en->n == en->cap) {
        size_t nc = en->cap ? 2 * en->cap : 16;
        char **na = realloc(en->actors, nc * sizeof *na);
        if (!na) return -1;
        en->actors = na;
        en->cap = nc;
    }
    if (!(en->actors[en->n] = strdup(actor))) return -1;
    en->n++;
    return 0;
}

/* Feeds one stored event to the engine as an ingest would have. */
static int feed(const store_access *x, void *ctx)
{
    ending *en = ctx;
    ev_event ev = {.id = x->id,
                   .ts = x->ts,
                   .actor = x->actor,
                   .system = x->system,
                   .action = x->action,
                   .subject = x->subject,
                   .subject_type = x->subject_type,
                   .case_id = x->case_id,
                   .purpose = x->purpose,
                   .query = "",
                   .client = "",
                   .results = x->results,
                   .attrs = ""};
    const ev_event *evs[1] = {&ev};
    det_prep p, *pp[1] = {&p};
    det_prepare_many(en->r, NULL, evs, pp, 1);
    en->events++;
    return det_feed_prepared(en->d, &ev, &p, en->e) < 0 ? 1 : 0;
}

/* Each of en's actors' stored events, oldest first, through a fresh
 * engine of the rules names (n of them); the alerts they raise stored.
 * *events and *raised say how many. 0, or -1 with e. */
static int judge_actors(store *s, ending *en, const rule_conf *conf, const char *const *names,
                        size_t n, long *events, long *raised, werr *e)
{
    int rc = -1;
    if (det_new_only(en->r, conf, names, n, &en->d, e) < 0) goto done;
    for (size_t i = 0; i < en->n; i++) {
        int got = store_accesses_by(s, en->actors[i], 0, INT64_MAX, feed, en);
        if (got < 0) {
            werr_set(e, WERR_UNAVAILABLE, "cannot read the events of %s: %s", en->actors[i],
                     store_errmsg(s));
            goto done;
        }
        if (got > 0) goto done; /* feed set e */
    }
    *events = en->events;
    if (store_begin(s) < 0) {
        werr_set(e, WERR_UNAVAILABLE, "cannot store alerts: %s", store_errmsg(s));
        goto done;
    }
    if (det_save_alerts(en->d, s, e) < 0 || store_commit(s) < 0) {
        if (!e->code) werr_set(e, WERR_UNAVAILABLE, "cannot store alerts: %s", store_errmsg(s));
        store_rollback(s);
        goto done;
    }
    *raised = det_alerts_new(en->d);
    rc = 0;
done:
    det_free(en->d);
    en->d = NULL;
    return rc;
}

static void ending_free(ending *en)
{
    for (size_t i = 0; i < en->n; i++)
        free(en->actors[i]);
    free(en->actors);
}

/* Each actor's stored events, oldest first, through a fresh engine of
 * the end-date rules: the actor's own history before the window sets
 * what is large for them (their peers' is not read back). */
static int judge_ended(store *s, refdata *r, const rule_conf *conf, inv_rejudged *out, werr *e)
{
    ending en = {.r = r, .e = e};
    int rc = -1;
    if (store_rejudge_each_ended(s, note_ended, &en) != 0) {
        werr_set(e, WERR_UNAVAILABLE, "cannot read the changed end dates: %s", store_errmsg(s));
        goto done;
    }
    out->ended = (long)en.n;
    rc = en.n == 0 ? 0
                   : judge_actors(s, &en, conf, end_rules, sizeof end_rules / sizeof *end_rules,
                                  &out->events, &out->raised, e);
done:
    ending_free(&en);
    return rc;
}

static int note_actor(const char *actor, void *ctx)
{
    return note_ended(actor, 0, 0, ctx);
}

/* The rule that rights feed. */
static const char *const rights_rules[] = {"unauthorised"};

/* An actor's "new" unauthorised alerts, each with the events it lists,
 * copied out of the store's rows. */
typedef struct unright {
    arena *a;
    struct unright_alert {
        const char *id;
        int64_t ts;
        const char **events;
        size_t n;
    } * v;
    size_t n, cap;
} unright;

static int take_unauthorised(const store_alert *x, void *ctx)
{
    unright *u = ctx;
    /* An alert that lists as many events as an alert can may have more
     * that it does not list: it is left as it is. */
    if (strcmp(x->rule, rights_rules[0]) != 0 || strcmp(x->status, "new") != 0 || x->n == 0 ||
        x->n >= STORE_ALERT_EVENTS)
        return 0;
    if (u->n == u->cap) {
        size_t nc = u->cap ? 2 * u->cap : 16;
        struct unright_alert *nv = realloc(u->v, nc * sizeof *nv);
        if (!nv) return 1; /* out of memory: 1, not the store's -1 */
        u->v = nv;
        u->cap = nc;
    }
    struct unright_alert *c = &u->v[u->n];
    c->id = arena_strdup(u->a, x->id);
    c->ts = x->ts;
    c->n = x->n;
    c->events = arena_alloc(u->a, x->n * sizeof *c->events);
    if (!c->id || !c->events) return 1;
    for (size_t i = 0; i < x->n; i++)
        if (!(c->events[i] = arena_strdup(u->a, x->events[i]))) return 1;
    u->n++;
    return 0;
}

/* Whether the events an alert lists are each covered by a right now. */
typedef struct covering {
    const refdata *r;
    const struct unright_alert *c;
    size_t found;
    int uncovered;
} covering;

static int cover(const store_access *x, void *ctx)
{
    covering *w = ctx;
    for (size_t i = 0; i < w->c->n; i++)
        if (strcmp(w->c->events[i], x->id) == 0) {
            w->found++;
            w->uncovered = refdata_rights_checks(w->r, x->system) &&
                           !refdata_right_held(w->r, x->actor, x->system, x->action, x->ts);
            break;
        }
    return w->uncovered;
}

/* The "new" unauthorised alerts of en's actors whose every event a right
 * now covers (granted late, or rights.csv corrected) are explained later:
 * kept, shown with why, out of the risk, as a late case does. An
 * alert's events are all on its day (one alert per actor, system and
 * day), read back from the actor's look-ups of the two days from its
 * time. *explained says how many. 0, or -1 with e. */
static int withdraw_covered(store *s, const ending *en, long *explained, werr *e)
{
    unright u = {.a = arena_new(0)};
    int rc = -1;
    if (!u.a) goto oom;
    for (size_t i = 0; i < en->n; i++) {
        u.n = 0;
        int got = store_each_alert(s, en->actors[i], 0, 0, take_unauthorised, &u);
        if (got > 0) goto oom;
        if (got < 0) goto dberr;
        for (size_t k = 0; k < u.n; k++) {
            covering w = {.r = en->r, .c = &u.v[k]};
            got = store_accesses_by(s, en->actors[i], u.v[k].ts, u.v[k].ts + 2 * TS_DAY_MS, cover,
                                    &w);
            if (got < 0) goto dberr;
            if (w.uncovered || w.found < u.v[k].n) continue;
            if (store_alert_explained_later(s, u.v[k].id,
                                            "explained later: a right loaded later covers each"
                                            " use") < 0)
                goto dberr;
            (*explained)++;
        }
    }
    rc = 0;
    goto done;
oom:
    werr_set(e, WERR_INTERNAL, "out of memory judging alerts again");
    goto done;
dberr:
    werr_set(e, WERR_UNAVAILABLE, "cannot judge unauthorised alerts again: %s", store_errmsg(s));
done:
    free(u.v);
    arena_free(u.a);
    return rc;
}

/* The stored events of each actor whose rights changed (of every actor,
 * when a system is named for the first time) through a fresh engine of
 * the rule unauthorised: a right revoked or granted late, or rights.csv
 * loaded after the events, judges them as an ingest would have; and
 * their unauthorised alerts that the rights now cover are explained
 * later. */
static int judge_rights(store *s, refdata *r, const rule_conf *conf, inv_rejudged *out, werr *e)
{
    ending en = {.r = r, .e = e};
    int rc = -1;
    if (store_rejudge_each_rights_actor(s, note_actor, &en) != 0) {
        werr_set(e, WERR_UNAVAILABLE, "cannot read the changed rights: %s", store_errmsg(s));
        goto done;
    }
    out->rights = (long)en.n;
    if (en.n == 0) {
        rc = 0;
        goto done;
    }
    rc = judge_actors(s, &en, conf, rights_rules, 1, &out->rights_events, &out->rights_raised, e);
    if (rc == 0 && store_begin(s) < 0) {
        rc = werr_set(e, WERR_UNAVAILABLE, "cannot mark alerts explained later: %s",
                      store_errmsg(s));
        goto done;
    }
    if (rc == 0) {
        rc = withdraw_covered(s, &en, &out->rights_explained, e);
        if (rc == 0 && store_commit(s) < 0)
            rc = werr_set(e, WERR_UNAVAILABLE, "cannot mark alerts explained later: %s",
                          store_errmsg(s));
        if (rc < 0) {
            store_rollback(s);
            out->rights_explained = 0;
        }
    }
done:
    ending_free(&en);
    return rc;
}

int inv_rejudge_mark(store *s, werr *e)
{
    if (store_rejudge_mark(s) < 0)
        return werr_set(e, WERR_UNAVAILABLE, "cannot note the reference data before loading: %s",
                        store_errmsg(s));
    return 0;
}

void inv_rejudge_forget(store *s)
{
    (void)store_rejudge_forget(s);
}

int inv_rejudge(store *s, refdata *r, const rule_conf *conf, inv_rejudged *out, werr *e)
{
    memset(out, 0, sizeof *out);
    int64_t subjects, cases;
    int rc = 0;
    if (store_rejudge_touched(s, &subjects, &cases) < 0) {
        werr_set(e, WERR_UNAVAILABLE, "cannot compare the reference data with before: %s",
                 store_errmsg(s));
        rc = -1;
    }
    out->cases = rc == 0 ? (long)cases : 0;
    if (rc == 0 && cases > 0) rc = explain_later(s, r, conf, out, e);
    if (rc == 0) rc = judge_ended(s, r, conf, out, e);
    if (rc == 0) rc = judge_rights(s, r, conf, out, e);
    inv_rejudge_forget(s);
    return rc;
}
