#include "detect/detect.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "detect/alert_batch.h"
#include "detect/rules.h"
#include "normalise/ts.h"
#include "store/store_rulelog.h"
#include "util/hugemem.h"
#include "util/strmap.h"

/* A saved row of rule state is cut at about LOG_ROW bytes. */
enum { LOG_ROW = 8 << 20 };

struct rule_ctx {
    det_engine *d;
    size_t idx;
    void *global;
    store_rulelog_size saved; /* of the rule's global state, in the store */
};

/* A save of one rule's global state in progress (det_save). */
typedef struct saving {
    store *s;
    buf row;        /* entries not stored yet */
    int snapshot;   /* the rule saves all its entries */
    int64_t first;  /* the first row stored by this save, 0 = none yet */
    size_t written; /* entry bytes stored by this save */
} saving;

struct det_engine {
    refdata *ref;
    const rule_def *const *rules;
    size_t nrules;
    rule_ctx *ctx;
    size_t *off, slot; /* per-actor state: base, then each rule's slot */
    unsigned char *state;
    uint8_t *dirty;
    size_t cap;
    uint64_t layout;
    alert_batch *alerts; /* raised since the last det_save */
    strmap *seen_ids;    /* alerts counted without a store */
    long alerts_new;
    det_alert_fn on_alert;
    void *on_alert_ctx;
    saving sv; /* during det_save, for rule_kv_put */
};

static size_t align8(size_t n)
{
    return (n + 7) & ~(size_t)7;
}

static det_base *base_of(det_engine *d, int32_t actor)
{
    return (det_base *)(d->state + (size_t)actor * d->slot);
}

/* Makes room for actor ids below n. */
static int reserve(det_engine *d, size_t n)
{
    if (n <= d->cap) return 0;
    size_t nc = d->cap ? d->cap : 1024;
    while (nc < n) nc *= 2;
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

static int load_actor(const char *actor, const void *p, size_t n, void *ctx)
{
    det_engine *d = ctx;
    if (n != d->slot) return 0;
    int32_t id = refdata_actor_intern(d->ref, actor);
    if (id == REF_NONE || reserve(d, (size_t)id + 1) < 0) return -1;
    memcpy(base_of(d, id), p, n);
    return 0;
}

static int load_kv(const kv_entry *e, size_t n, void *ctx)
{
    rule_ctx *rc = ctx;
    return rc->d->rules[rc->idx]->load(rc, e, n);
}

int det_new(refdata *r, store *s, det_engine **out, char *err, size_t errlen)
{
    det_engine *d = calloc(1, sizeof *d);
    if (!d) goto oom;
    d->ref = r;
    d->rules = rules_all(&d->nrules);
    d->ctx = calloc(d->nrules, sizeof *d->ctx);
    d->off = calloc(d->nrules, sizeof *d->off);
    d->alerts = alert_batch_new();
    d->seen_ids = strmap_new();
    if (!d->ctx || !d->off || !d->alerts || !d->seen_ids) goto oom;
    /* The layout id names the shape of the saved state; state saved under
     * another shape is not loaded (the rules learn again). */
    char shape[64];
    d->slot = align8(sizeof(det_base));
    d->layout = hash64("wachter-state-1", 15);
    for (size_t i = 0; i < d->nrules; i++) {
        d->off[i] = d->slot;
        d->slot += align8(d->rules[i]->actor_state);
        int n = snprintf(shape, sizeof shape, "%s:%zu", d->rules[i]->name,
                         d->rules[i]->actor_state);
        d->layout = d->layout * 31 + hash64(shape, (size_t)n);
        d->ctx[i] = (rule_ctx){d, i, NULL, {0, 0}};
    }
    d->layout &= 0x7FFFFFFFFFFFFFFFULL;
    if (reserve(d, refdata_actor_count(r) + 1) < 0) goto oom;
    for (size_t i = 0; i < d->nrules; i++)
        if (d->rules[i]->init && d->rules[i]->init(&d->ctx[i]) < 0) goto oom;
    if (s) {
        if (store_each_actor_state(s, d->layout, load_actor, d) < 0) goto dberr;
        for (size_t i = 0; i < d->nrules; i++) {
            if (!d->rules[i]->load) continue;
            int lr = store_rulelog_each(s, d->rules[i]->name, d->layout, load_kv, &d->ctx[i],
                                        &d->ctx[i].saved);
            if (lr == STORE_RULELOG_DAMAGED) {
                snprintf(err, errlen,
                         "the saved state of rule %s is damaged (table rule_log): restore the"
                         " store from a backup, or delete the rule's rows there to let it learn"
                         " again",
                         d->rules[i]->name);
                det_free(d);
                return -1;
            }
            if (lr < 0) goto dberr;
        }
    }
    *out = d;
    return 0;
oom:
    snprintf(err, errlen, "out of memory starting detection");
    det_free(d);
    return -1;
dberr:
    snprintf(err, errlen, "cannot load detection state: %s", store_errmsg(s));
    det_free(d);
    return -1;
}

void det_free(det_engine *d)
{
    if (!d) return;
    for (size_t i = 0; i < d->nrules; i++)
        if (d->rules[i]->free) d->rules[i]->free(&d->ctx[i]);
    alert_batch_free(d->alerts);
    strmap_free(d->seen_ids);
    free(d->ctx);
    free(d->off);
    free(d->state);
    free(d->dirty);
    buf_free(&d->sv.row);
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
    if (step == 2) fetch_record(k, sizeof *k);
    else if (k->nasg) fetch_record(refdata_assignment(d->ref, k->asg0), sizeof(ref_assignment));
}

const refdata *det_refdata(const det_engine *d)
{
    return d->ref;
}

int32_t det_actor(det_engine *d, const ev_event *ev, const det_prep *p)
{
    return p->actor != REF_NONE ? p->actor : refdata_actor_intern(d->ref, ev->actor);
}

int det_feed_prepared(det_engine *d, const ev_event *ev, const det_prep *p)
{
    int32_t actor = det_actor(d, ev, p);
    if (actor == REF_NONE || reserve(d, (size_t)actor + 1) < 0) return -1;
    det_event e = {.ev = ev, .actor = actor, .who = refdata_actor(d->ref, actor)};
    e.subject = p->subject;
    e.subj = e.subject != REF_NONE ? refdata_subject(d->ref, e.subject) : NULL;
    e.ex = explain_access_id(d->ref, actor, ev->subject[0] != 0, e.subject, ev->case_id[0] != 0,
                             p->stated, ev->ts);
    e.unexplained = explain_is_unexplained(e.ex.status);
    e.day = (int32_t)(ev->ts / TS_DAY_MS);
    e.hour = (int)(ev->ts / TS_HOUR_MS % 24);
    det_base *b = base_of(d, actor);
    e.base = b;
    unsigned char *slot = (unsigned char *)b;
    for (size_t i = 0; i < d->nrules; i++)
        if (d->rules[i]->on_event)
            d->rules[i]->on_event(&d->ctx[i], d->rules[i]->actor_state ? slot + d->off[i] : NULL,
                                  &e);
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

int det_flush(det_engine *d)
{
    for (size_t i = 0; i < d->nrules; i++)
        if (d->rules[i]->flush) d->rules[i]->flush(&d->ctx[i]);
    return 0;
}

typedef struct writing {
    det_engine *d;
    store *s;
} writing;

static int write_alert(const alert_pending *p, void *ctx)
{
    det_engine *d = ((writing *)ctx)->d;
    store *s = ((writing *)ctx)->s;
    store_alert a = {
        .id = p->id, .actor = refdata_actor(d->ref, p->actor)->name,
        .rule = d->rules[p->rule]->name, .reason = p->reason, .ts = p->ts,
        .severity = p->severity, .score = p->score,
        .events = (const char *const *)p->events, .subjects = (const char *const *)p->subjects,
        .n = p->n,
    };
    int is_new = 0;
    if (s) {
        if (store_put_alert(s, &a, &is_new) < 0) return -1;
    } else {
        uint32_t id;
        int rc = strmap_intern(d->seen_ids, p->id, strlen(p->id), &id);
        if (rc < 0) return -1;
        is_new = rc;
    }
    d->alerts_new += is_new;
    if (d->on_alert) d->on_alert(&a, is_new, d->on_alert_ctx);
    return 0;
}

/* Stores the entries collected so far as a row. 0 or -1. */
static int flush_row(det_engine *d, rule_ctx *rc)
{
    saving *sv = &d->sv;
    if (!sv->row.len) return 0;
    int64_t seq;
    if (store_rulelog_add(sv->s, d->rules[rc->idx]->name, d->layout, sv->snapshot, &sv->row,
                          &seq) < 0)
        return -1;
    if (!sv->first) sv->first = seq;
    sv->written += sv->row.len;
    buf_reset(&sv->row);
    return 0;
}

/* Saves what changed in a rule's global state; once as much has been
 * added since the last full copy as that copy holds, all of it, as a new
 * full copy that replaces every row before it. The log stays within about
 * twice the state, and the copies cost at most twice what the changes do. */
static int save_rule(det_engine *d, store *s, rule_ctx *rc)
{
    saving *sv = &d->sv;
    store_rulelog_size *sz = &rc->saved;
    sv->s = s;
    sv->snapshot = sz->tail >= sz->snapshot;
    sv->first = 0;
    sv->written = 0;
    buf_reset(&sv->row);
    int r = d->rules[rc->idx]->save(rc, sv->snapshot);
    if (r == 0) r = flush_row(d, rc);
    sv->s = NULL;
    if (r < 0) return -1;
    if (!sv->snapshot) {
        sz->tail += sv->written;
        return 0;
    }
    int64_t from = sv->first ? sv->first : INT64_MAX; /* no entries: an empty state */
    if (store_rulelog_drop_before(s, d->rules[rc->idx]->name, from) < 0) return -1;
    *sz = (store_rulelog_size){sv->written, 0};
    return 0;
}

int det_save_alerts(det_engine *d, store *s)
{
    writing w = {d, s};
    if (alert_batch_each(d->alerts, write_alert, &w) < 0) return -1;
    return alert_batch_clear(d->alerts);
}

int det_save(det_engine *d, store *s)
{
    if (det_save_alerts(d, s) < 0) return -1;
    for (size_t a = 0; s && a < refdata_actor_count(d->ref) && a < d->cap; a++) {
        if (!d->dirty[a]) continue;
        if (store_put_actor_state(s, refdata_actor(d->ref, (int32_t)a)->name, d->layout,
                                  base_of(d, (int32_t)a), d->slot) < 0)
            return -1;
        d->dirty[a] = 0;
    }
    /* Without a store (detect-only) rule state has nowhere to go: the rules
     * are not asked to serialise it. Their lists of changed entries stay
     * bounded by the state itself. */
    if (!s) return 0;
    for (size_t i = 0; i < d->nrules; i++)
        if (d->rules[i]->save && save_rule(d, s, &d->ctx[i]) < 0) return -1;
    return 0;
}

long det_alerts_new(const det_engine *d)
{
    return d->alerts_new;
}

/* ---- the rule side of the interface ---- */

void det_alert_id(const char *rule, const char *actor, const char *group, int64_t ts,
                  char out[24])
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
    for (int i = 0; i < 16; i++) out[2 + i] = hex[h >> (60 - 4 * i) & 15];
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

int rule_emit_event(rule_ctx *rc, const det_event *e, int severity, double score,
                    const char *reason)
{
    const char *ev[1] = {e->ev->id}, *sub[1] = {e->ev->subject};
    det_finding f = {e->actor, e->ev->ts, severity, score, reason, NULL, ev, sub, 1};
    return rule_emit(rc, &f);
}

int rule_kv_put(rule_ctx *rc, const char *key, const void *p, size_t n)
{
    saving *sv = &rc->d->sv;
    if (!sv->s) return 0;
    if (store_rulelog_entry(&sv->row, key, p, n) < 0) return -1;
    return sv->row.len >= LOG_ROW ? flush_row(rc->d, rc) : 0;
}

void *rule_actor_state(rule_ctx *rc, int32_t actor)
{
    if ((size_t)actor >= rc->d->cap) return NULL;
    return (unsigned char *)base_of(rc->d, actor) + rc->d->off[rc->idx];
}

const det_base *rule_actor_base(rule_ctx *rc, int32_t actor)
{
    return (size_t)actor < rc->d->cap ? base_of(rc->d, actor) : NULL;
}

size_t rule_actor_count(rule_ctx *rc)
{
    size_t n = refdata_actor_count(rc->d->ref);
    return n < rc->d->cap ? n : rc->d->cap;
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
    if (!c) return -1;
    for (size_t i = 0; i < n; i++) *(int32_t *)(c + i * entry_size) = -1;
    rc->global = c;
    return 0;
}

void *rule_peer_entry(rule_ctx *rc, const det_event *e, size_t entry_size, int *stale)
{
    *stale = 0;
    if (e->who->peer == REF_NONE) return NULL;
    unsigned char *p = (unsigned char *)rc->global + (size_t)e->who->peer * entry_size;
    if (*(int32_t *)p != e->day) {
        *(int32_t *)p = e->day;
        *stale = 1;
    }
    return p;
}

void rule_free_global(rule_ctx *rc)
{
    free(rc->global);
    rc->global = NULL;
}

int rule_warm(const det_base *b)
{
    return b->active_days >= 5 && b->events >= 50;
}

void rule_day_str(int32_t day, char out[16])
{
    char full[32];
    ts_format((int64_t)day * TS_DAY_MS, full);
    memcpy(out, full, 10);
    out[10] = 0;
}
