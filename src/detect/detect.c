#include "detect/detect.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "detect/alert_store.h"
#include "detect/detect_int.h"
#include "detect/rule_conf.h"
#include "detect/rules.h"
#include "normalise/ts.h"
#include "util/hugemem.h"
#include "util/stats.h"

int det_reserve(det_engine *d, size_t n)
{
    if (n <= d->cap) return 0;
    size_t nc = d->cap ? d->cap : 1024;
    while (nc < n)
        nc *= 2;
    /* every event reads one actor's slot: on 2 MiB pages */
    unsigned char *ns = mem_huge_grow(d->state, d->cap * d->slot, nc * d->slot);
    if (!ns) return -1;
    d->state = ns;
    uint8_t *nd = realloc(d->dirty, nc);
    if (!nd) return -1;
    d->dirty = nd;
    memset(d->state + d->cap * d->slot, 0, (nc - d->cap) * d->slot);
    memset(d->dirty + d->cap, 0, nc - d->cap);
    d->cap = nc;
    return 0;
}

/* Gives each rule its parameters' values: conf's, else the defaults. 0 or
 * -1 (memory). */
static int set_params(det_engine *d, const rule_conf *conf)
{
    size_t n = 0;
    for (size_t i = 0; i < d->nrules; i++)
        n += d->rules[i]->nparams;
    if (n && !(d->params = malloc(n * sizeof *d->params))) return -1;
    double *v = d->params;
    for (size_t i = 0; i < d->nrules; i++) {
        const rule_def *r = d->rules[i];
        d->ctx[i].params = r->nparams ? v : NULL;
        for (size_t k = 0; k < r->nparams; k++)
            *v++ = rule_conf_value(conf, r, k, NULL);
    }
    d->depart = (rule_depart){RULE_DEPART_DAYS, RULE_DEPART_WEIGHT};
    return 0;
}

static int det_build(refdata *r, store *s, const rule_conf *conf, const char *const *names,
                     size_t nnames, det_engine **out, werr *e)
{
    det_engine *d = calloc(1, sizeof *d);
    if (!d) goto oom;
    d->ref = r;
    d->day0 = INT32_MAX;
    d->rules = rules_all(&d->nrules);
    if (names) {
        const rule_def *const *all = d->rules;
        size_t nall = d->nrules;
        if (!(d->own_rules = calloc(nnames ? nnames : 1, sizeof *d->own_rules))) goto oom;
        for (size_t i = 0; i < nnames; i++) {
            for (size_t k = 0; k < nall && !d->own_rules[i]; k++)
                if (strcmp(all[k]->name, names[i]) == 0) d->own_rules[i] = all[k];
            if (!d->own_rules[i]) {
                det_free(d);
                return werr_set(e, WERR_INTERNAL, "no rule named %s", names[i]);
            }
        }
        d->rules = d->own_rules;
        d->nrules = nnames;
    }
    d->ctx = calloc(d->nrules, sizeof *d->ctx);
    d->off = calloc(d->nrules, sizeof *d->off);
    d->alerts = alert_batch_new();
    d->seen_ids = strmap_new();
    if (!d->ctx || !d->off || !d->alerts || !d->seen_ids) goto oom;
    det_state_layout(d);
    if (set_params(d, conf) < 0) goto oom;
    if (det_reserve(d, refdata_actor_count(r) + 1) < 0) goto oom;
    for (size_t i = 0; i < d->nrules; i++)
        if (d->rules[i]->init && d->rules[i]->init(&d->ctx[i], e) < 0) goto oom;
    if (s && det_state_load(d, s, e) < 0) {
        det_free(d);
        return -1;
    }
    *out = d;
    return 0;
oom:
    det_free(d);
    return werr_set(e, WERR_INTERNAL, "out of memory starting detection");
}

int det_new(refdata *r, store *s, det_engine **out, werr *e)
{
    return det_build(r, s, NULL, NULL, 0, out, e);
}

int det_new_conf(refdata *r, store *s, const rule_conf *conf, det_engine **out, werr *e)
{
    return det_build(r, s, conf, NULL, 0, out, e);
}

int det_new_only(refdata *r, const rule_conf *conf, const char *const *names, size_t n,
                 det_engine **out, werr *e)
{
    return det_build(r, NULL, conf, names, n, out, e);
}

size_t det_notes(const det_engine *d, const char *const **notes)
{
    *notes = (const char *const *)d->notes;
    return d->nnotes;
}

void det_free(det_engine *d)
{
    if (!d) return;
    for (size_t i = 0; d->ctx && i < d->nrules; i++) {
        if (d->rules[i]->free) d->rules[i]->free(&d->ctx[i]);
        free(d->ctx[i].peer);
        free(d->ctx[i].peer_saved);
    }
    alert_batch_free(d->alerts);
    strmap_free(d->seen_ids);
    free(d->ctx);
    free(d->off);
    free(d->own_rules);
    free(d->state);
    free(d->dirty);
    free(d->params);
    det_state_free(d);
    free(d);
}

void det_on_alert(det_engine *d, det_alert_fn fn, void *ctx)
{
    d->on_alert = fn;
    d->on_alert_ctx = ctx;
}

void det_prepare_many(const refdata *r, const strmap *actors, const ev_event *const *evs,
                      det_prep *const *out, size_t n)
{
    const char *subjects[DET_PREPARE_MANY] = {0}, *cases[DET_PREPARE_MANY] = {0};
    int32_t sid[DET_PREPARE_MANY], cid[DET_PREPARE_MANY];
    size_t ns = 0, nc = 0;
    if (n > DET_PREPARE_MANY) n = DET_PREPARE_MANY;
    for (size_t i = 0; i < n; i++) {
        if (evs[i]->subject[0]) subjects[ns++] = evs[i]->subject;
        if (evs[i]->case_id[0]) cases[nc++] = evs[i]->case_id;
    }
    refdata_subject_find_many(r, subjects, ns, sid);
    refdata_case_find_many(r, cases, nc, cid);
    ns = nc = 0;
    for (size_t i = 0; i < n; i++) {
        out[i]->subject = evs[i]->subject[0] ? sid[ns++] : REF_NONE;
        out[i]->stated = evs[i]->case_id[0] ? cid[nc++] : REF_NONE;
        const char *a = evs[i]->actor;
        out[i]->actor = actors ? (int32_t)strmap_find(actors, a, strlen(a)) : REF_NONE;
    }
}

/* Starts fetching both cache lines a record may lie across: a 24-, 28- or
 * 56-byte record often straddles two lines, as does every other 32-byte
 * one in an array under 2 MiB (malloc starts it 16 bytes into a page;
 * larger ones are 2 MiB aligned, util/hugemem.h), and a prefetch of its
 * start leaves the second to miss when read. */
static void fetch_record(const void *p, size_t size)
{
    __builtin_prefetch(p);
    __builtin_prefetch((const char *)p + size - 1);
}

void det_ahead(const det_engine *d, const det_prep *p, int step)
{
    /* Last, the actor's state (every rule reads its part, each in another
     * cache line): close to its use, since it is often cached already. */
    if (step == DET_AHEAD_STEPS - 1 && p->actor != REF_NONE && (size_t)p->actor < d->cap) {
        uintptr_t from = (uintptr_t)(d->state + (size_t)p->actor * d->slot);
        for (uintptr_t a = from & ~(uintptr_t)63; a < from + d->slot; a += 64)
            __builtin_prefetch((const void *)a, 1);
        fetch_record(refdata_actor(d->ref, p->actor), sizeof(ref_actor)); /* its unit, peers */
    }
    if (p->subject == REF_NONE) return;
    const ref_subject *s = refdata_subject(d->ref, p->subject);
    if (step == 0) {
        fetch_record(s, sizeof *s);
        for (size_t i = 0; i < d->nrules; i++)
            if (d->rules[i]->prefetch) d->rules[i]->prefetch(&d->ctx[i], p->subject);
        return;
    }
    if (s->ncases == 0) return;
    if (step == 1) {
        refdata_subject_case_prefetch(d->ref, s);
        return;
    }
    const ref_case *k = refdata_case(d->ref, refdata_subject_case(d->ref, s, 0));
    if (step == 2)
        fetch_record(k, sizeof *k);
    else if (k->nasg)
        fetch_record(refdata_assignment(d->ref, k->asg0), sizeof(ref_assignment));
}

const refdata *det_refdata(const det_engine *d)
{
    return d->ref;
}

int32_t det_actor(det_engine *d, const ev_event *ev, const det_prep *p)
{
    return p->actor != REF_NONE ? p->actor : refdata_actor_intern(d->ref, ev->actor);
}

/* A rule's on_event failed: out of memory, the only failure it has. */
static __attribute__((noinline, cold)) int event_failed(det_engine *d, size_t i, werr *e)
{
    return werr_set(e, WERR_INTERNAL, "rule %s: out of memory detecting", d->rules[i]->name);
}

int det_feed_prepared(det_engine *d, const ev_event *ev, const det_prep *p, werr *err)
{
    int32_t actor = det_actor(d, ev, p);
    if (actor == REF_NONE || det_reserve(d, (size_t)actor + 1) < 0)
        return werr_set(err, WERR_INTERNAL, "out of memory detecting");
    det_event e = {.ev = ev, .actor = actor, .who = refdata_actor(d->ref, actor)};
    e.depart = &d->depart;
    e.subject = p->subject;
    e.subj = e.subject != REF_NONE ? refdata_subject(d->ref, e.subject) : NULL;
    e.ex = explain_access_id(d->ref, actor, ev->subject[0] != 0, e.subject, ev->case_id[0] != 0,
                             p->stated, ev->ts);
    e.unexplained = explain_is_unexplained(e.ex.status);
    e.stated_unknown = ev->case_id[0] && p->stated == REF_NONE;
    e.day = (int32_t)(ev->ts / TS_DAY_MS);
    e.hour = (int)(ev->ts / TS_HOUR_MS % 24);
    if (e.day < d->day0) d->day0 = e.day;
    e.store_day = e.day - d->day0;
    det_base *b = det_base_of(d, actor);
    e.base = b;
    unsigned char *slot = (unsigned char *)b;
    for (size_t i = 0; i < d->nrules; i++)
        if (d->rules[i]->on_event &&
            d->rules[i]->on_event(&d->ctx[i], d->rules[i]->actor_state ? slot + d->off[i] : NULL,
                                  &e) < 0)
            return event_failed(d, i, err);
    if (b->events == 0) b->first_ts = ev->ts;
    if (b->events == 0 || e.day > b->day) {
        b->active_days++;
        b->day_events = 0;
        b->day = e.day;
    }
    b->events++;
    if (e.day == b->day) b->day_events++;
    if (ev->ts > b->last_ts) b->last_ts = ev->ts;
    d->dirty[actor] = 1;
    return 0;
}

int det_flush(det_engine *d, werr *e)
{
    for (size_t i = 0; i < d->nrules; i++)
        if (d->rules[i]->flush && d->rules[i]->flush(&d->ctx[i], e) < 0)
            return werr_set(e, WERR_INTERNAL, "rule %s: out of memory in its analysis",
                            d->rules[i]->name);
    return 0;
}

typedef struct writing {
    det_engine *d;
    store *s;
    werr *e;
    alert_store_bufs m; /* alert_store_put's, kept between alerts */
} writing;

static int write_alert(const alert_pending *p, void *ctx)
{
    writing *w = ctx;
    det_engine *d = w->d;
    const char *names[STORE_ALERT_ACTORS];
    size_t nactors = p->nactors < STORE_ALERT_ACTORS ? p->nactors : STORE_ALERT_ACTORS;
    for (size_t i = 0; i < nactors; i++)
        names[i] = refdata_actor(d->ref, p->actors[i])->name;
    store_alert a = {
        .id = p->id,
        .actor = refdata_actor(d->ref, p->actor)->name,
        .rule = d->rules[p->rule]->name,
        .reason = p->reason,
        .ts = p->ts,
        .severity = p->severity,
        .score = p->score,
        .events = (const char *const *)p->events,
        .subjects = (const char *const *)p->subjects,
        .n = p->n,
        .actors = names,
        .actor_scores = p->actor_scores,
        .nactors = nactors,
    };
    alert_text t = alert_pending_text(p);
    int is_new = 0;
    if (w->s) {
        if (alert_store_put(w->s, &a, &t, &w->m, &is_new) < 0)
            return werr_set(w->e, WERR_UNAVAILABLE, "store error: %s", store_errmsg(w->s));
    } else {
        uint32_t id;
        int rc = strmap_intern(d->seen_ids, p->id, strlen(p->id), &id);
        if (rc < 0) return werr_set(w->e, WERR_INTERNAL, "out of memory writing alerts");
        is_new = rc;
        w->m.reason.len = 0;
        if (alert_text_compose(&w->m.reason, &t) < 0 || buf_put(&w->m.reason, "", 1) < 0)
            return werr_set(w->e, WERR_INTERNAL, "out of memory writing alerts");
        a.reason = w->m.reason.data;
    }
    d->alerts_new += is_new;
    if (d->on_alert) d->on_alert(&a, is_new, d->on_alert_ctx);
    return 0;
}

int det_save_alerts(det_engine *d, store *s, werr *e)
{
    writing w = {d, s, e, {{0}, {0}, {0}}};
    int rc = alert_batch_each(d->alerts, write_alert, &w);
    alert_store_bufs_free(&w.m);
    if (rc < 0 || alert_batch_clear(d->alerts) < 0)
        return werr_set(e, WERR_INTERNAL, "out of memory collecting alerts");
    return 0;
}

int det_save(det_engine *d, store *s, werr *e)
{
    if (det_save_alerts(d, s, e) < 0) return -1;
    /* Without a store (detect-only) rule state has nowhere to go: the rules
     * are not asked to serialise it. Their lists of changed entries stay
     * bounded by the state itself. */
    return s ? det_state_save(d, s, e) : 0;
}

long det_alerts_new(const det_engine *d)
{
    return d->alerts_new;
}

/* ---- the rule side of the interface ---- */

void det_alert_id(const char *rule, const char *actor, const char *group, int64_t ts, char out[24])
{
    /* The hash of "rule|actor|group", cut to 511 bytes. Written without
     * printf: in a flood of alerts every finding makes one. */
    char day[16], key[512];
    if (!group) {
        rule_day_str((int32_t)(ts / TS_DAY_MS), day);
        group = day;
    }
    const char *part[3] = {rule, actor, group};
    size_t kl = 0;
    for (int i = 0; i < 3; i++) {
        if (i && kl < sizeof key - 1) key[kl++] = '|';
        size_t n = strlen(part[i]);
        if (n > sizeof key - 1 - kl) n = sizeof key - 1 - kl;
        memcpy(key + kl, part[i], n);
        kl += n;
    }
    uint64_t h = hash64(key, kl);
    static const char hex[] = "0123456789abcdef";
    out[0] = 'a';
    out[1] = '-';
    for (int i = 0; i < 16; i++)
        out[2 + i] = hex[h >> (60 - 4 * i) & 15];
    out[18] = 0;
}

int rule_emit(rule_ctx *rc, const det_finding *f)
{
    det_engine *d = rc->d;
    char id[24];
    det_alert_id(d->rules[rc->idx]->name, refdata_actor(d->ref, f->actor)->name, f->group, f->ts,
                 id);
    return alert_batch_add(d->alerts, id, rc->idx, f);
}

int rule_emit_event_item(rule_ctx *rc, const det_event *e, int severity, double score,
                         const char *reason, const char *item)
{
    const char *ev[1] = {e->ev->id}, *sub[1] = {e->ev->subject};
    det_finding f = {.actor = e->actor,
                     .ts = e->ev->ts,
                     .severity = severity,
                     .score = score,
                     .reason = reason,
                     .events = ev,
                     .subjects = sub,
                     .n = 1,
                     .item = item};
    return rule_emit(rc, &f);
}

int rule_emit_event(rule_ctx *rc, const det_event *e, int severity, double score,
                    const char *reason)
{
    return rule_emit_event_item(rc, e, severity, score, reason, NULL);
}

void *rule_actor_state(rule_ctx *rc, int32_t actor)
{
    if ((size_t)actor >= rc->d->cap) return NULL;
    return (unsigned char *)det_base_of(rc->d, actor) + rc->d->off[rc->idx];
}

const det_base *rule_actor_base(rule_ctx *rc, int32_t actor)
{
    return (size_t)actor < rc->d->cap ? det_base_of(rc->d, actor) : NULL;
}

size_t rule_actor_count(rule_ctx *rc)
{
    size_t n = refdata_actor_count(rc->d->ref);
    return n < rc->d->cap ? n : rc->d->cap;
}

const double *rule_params(rule_ctx *rc)
{
    return rc->params;
}

const refdata *rule_refdata(rule_ctx *rc)
{
    return rc->d->ref;
}

void *rule_global(rule_ctx *rc)
{
    return rc->global;
}

void rule_set_global(rule_ctx *rc, void *g)
{
    rc->global = g;
}

int rule_peer_cache_init(rule_ctx *rc, size_t entry_size)
{
    size_t n = refdata_peer_count(rc->d->ref) + 1;
    unsigned char *c = calloc(n, entry_size);
    int32_t *saved = malloc(n * sizeof *saved);
    if (!c || !saved) {
        free(c);
        free(saved);
        return -1;
    }
    for (size_t i = 0; i < n; i++) {
        *(int32_t *)(c + i * entry_size) = -1;
        saved[i] = -1;
    }
    rc->peer = c;
    rc->peer_size = entry_size;
    rc->npeer = n;
    rc->peer_saved = saved;
    return 0;
}

void *rule_peer_entry(rule_ctx *rc, const det_event *e, size_t entry_size, int *stale)
{
    *stale = 0;
    if (e->who->peer == REF_NONE) return NULL;
    unsigned char *p = rc->peer + (size_t)e->who->peer * entry_size;
    if (*(int32_t *)p != e->day) {
        *(int32_t *)p = e->day;
        *stale = 1;
    }
    return p;
}

static int cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return (x > y) - (x < y);
}

void rule_peer_spread(rule_ctx *rc, const det_event *e, size_t field, uint32_t *p75, uint32_t *max)
{
    *p75 = *max = 0;
    if (e->who->peer == REF_NONE) return;
    uint32_t v[512];
    size_t n = 0, np;
    const int32_t *peer = refdata_peer_members(rule_refdata(rc), e->who->peer, &np);
    for (size_t i = 0; i < np && n < 512; i++)
        if (peer[i] != e->actor)
            memcpy(&v[n++], (const unsigned char *)rule_actor_state(rc, peer[i]) + field,
                   sizeof *v);
    if (!n) return;
    qsort(v, n, sizeof *v, cmp_u32);
    *p75 = v[(n * 3) / 4 < n ? (n * 3) / 4 : n - 1];
    *max = v[n - 1];
}

uint32_t rule_peer_p75(rule_ctx *rc, const det_event *e, size_t field)
{
    int stale;
    rule_peer_p75_entry *c = rule_peer_entry(rc, e, sizeof *c, &stale);
    if (!c) return 0;
    if (!stale) return c->p75;
    uint32_t max;
    rule_peer_spread(rc, e, field, &c->p75, &max);
    return c->p75;
}

/* The peers' count a day at work, as rule_peer_chance says. */
static double peer_rate(rule_ctx *rc, const det_event *e, size_t field, double prior_rate,
                        double prior_days)
{
    double n = 0, days = 0;
    size_t np;
    const int32_t *peer = refdata_peer_members(rule_refdata(rc), e->who->peer, &np);
    for (size_t i = 0; i < np; i++) {
        if (peer[i] == e->actor) continue;
        const det_base *b = rule_actor_base(rc, peer[i]);
        if (!b) continue;
        uint32_t v;
        memcpy(&v, (const unsigned char *)rule_actor_state(rc, peer[i]) + field, sizeof v);
        n += v;
        days += b->active_days;
    }
    double rate = (n + prior_rate * prior_days) / (days + prior_days);
    return rate > prior_rate ? rate : prior_rate;
}

double rule_peer_chance(rule_ctx *rc, const det_event *e, size_t field, double prior_rate,
                        double prior_days, int window, unsigned n, double *expect, double *score)
{
    double days = (double)e->base->active_days + 1;
    if (days > window) days = window;
    *expect = peer_rate(rc, e, field, prior_rate, prior_days) * days;
    double tail = stats_poisson_tail((long)n, *expect);
    double sure = -log10(tail > 1e-300 ? tail : 1e-300);
    *score = 10 * sure > 90 ? 90 : 10 * sure;
    return tail;
}

void rule_free_global(rule_ctx *rc)
{
    free(rc->global);
    rc->global = NULL;
}

void rule_depart_set(rule_ctx *rc, int32_t days, double weight)
{
    rc->d->depart = (rule_depart){days, weight};
}

int rule_depart_days(const det_event *e, char *why, size_t n)
{
    int64_t end = e->who->end, ts = e->ev->ts;
    if (!e->who->known || end <= 0 || ts > end || ts < end - e->depart->days * TS_DAY_MS) return 0;
    int days = (int)((end - ts + TS_DAY_MS - 1) / TS_DAY_MS);
    if (days < 1) days = 1;
    if (why) {
        char date[32];
        ts_format(end, date);
        snprintf(why, n, " in the last %d day%s before their end date (%.10s)", days,
                 days == 1 ? "" : "s", date);
    }
    return days;
}

int rule_store_warm(const det_event *e)
{
    return e->store_day >= RULE_WARM_STORE_DAYS;
}

int rule_warm(const det_event *e)
{
    return rule_store_warm(e) && e->base->active_days >= RULE_WARM_DAYS &&
           e->base->events >= RULE_WARM_EVENTS;
}

int rule_case_covers(const refdata *r, const det_event *e)
{
    if (!e->ev->case_id[0]) return 0;
    return explain_case_covers(r, refdata_case_find(r, e->ev->case_id), e->actor, e->ev->ts);
}

void rule_day_str(int32_t day, char out[16])
{
    char full[32];
    ts_format((int64_t)day * TS_DAY_MS, full);
    memcpy(out, full, 10);
    out[10] = 0;
}
