/* demo_work — the working day, turned into events. Each actor-day draws its
 * own number of look-up sessions and spends them on the day's new cases,
 * other open cases of their own or their unit, and a few look-ups without a
 * case. Days are generated in order; each day's events are sorted and
 * written, except a night shift's tail, which waits for the next day. */
#include "demo_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define H 3600
#define FLUSH_HOUR 5 /* nothing of day d+1 is earlier than 05:00 local on d+1 */

typedef struct work {
    demo_ctx *c;
    demo_writer *out;
    demo_ev *ev;
    size_t nev, evcap;
    uint32_t seq;
    int64_t written; /* ts of the last event written */
    uint32_t *active, *must;
    size_t nactive, nmust, acap, mcap;
    uint32_t *uactive[DEMO_NUNITS];
    size_t nuactive[DEMO_NUNITS], ucap[DEMO_NUNITS];
} work;

typedef struct sess {
    uint32_t actor, client;
    int32_t kase;
    int unit, case_field; /* case_field: brp records the case this session */
    uint8_t purpose;
} sess;

static int push(work *w, const sess *s, int64_t t, int sys, int act, uint32_t subj, int stype,
                int32_t kase, uint32_t qsubj, int qform, uint32_t results)
{
    if (gen_grow((void **)&w->ev, &w->evcap, w->nev + 1, sizeof *w->ev) < 0) return -1;
    w->ev[w->nev++] = (demo_ev){
        t,    w->seq++,     s->actor,     subj,           s->client,      qsubj,     results,
        kase, (uint8_t)sys, (uint8_t)act, (uint8_t)stype, (uint8_t)qform, s->purpose};
    return 0;
}

/* The case as the source records it: zaak and bvh always, brp when the
 * user filled it in, rdw never, and nobody before it was registered. */
static int32_t recorded(const work *w, const sess *s, int sys, int64_t t)
{
    if (s->kase < 0 || t < w->c->cases[s->kase].opened) return -1;
    if (sys == DEMO_SYS_ZAAK || sys == DEMO_SYS_BVH) return s->kase;
    if (sys == DEMO_SYS_BRP && s->case_field) return s->kase;
    return -1;
}

static void query(const demo_ctx *c, demo_rng *r, uint32_t subj, int *qf, uint32_t *res)
{
    const demo_subj *s = &c->subj[subj];
    if (s->type == DEMO_ST_VEHICLE) {
        *qf = DEMO_Q_PLATE;
        *res = 1;
        return;
    }
    const demo_addr *ad = &c->addr[s->addr];
    *qf = demo_rng_pick(r, (const double[]){35, 35, 22, 8}, 4); /* BSN, name+pc, pc+nr, name */
    switch (*qf) {
    case DEMO_Q_NAME_PC: {
        uint32_t n = 0;
        for (uint32_t a = ad->pc_first; a < ad->pc_first + ad->pc_n; a++)
            for (uint32_t p = c->addr[a].first; p < c->addr[a].first + c->addr[a].n; p++)
                n += c->subj[p].surname == s->surname;
        *res = n;
        break;
    }
    case DEMO_Q_PC_HN:
        *res = ad->n;
        break;
    case DEMO_Q_NAME:
        *res = c->name_n[s->surname];
        break;
    default:
        *res = 1;
    }
}

/* Another subject of the case, or for a look-up without case a housemate. */
static uint32_t second_subject(const demo_ctx *c, demo_rng *r, int32_t kase, uint32_t subj)
{
    if (kase >= 0) {
        const demo_case *k = &c->cases[kase];
        if (k->nsubj < 2) return subj;
        uint32_t o = c->case_subj[k->subj_first + demo_rng_below(r, k->nsubj)];
        return o;
    }
    const demo_subj *s = &c->subj[subj];
    if (s->type != DEMO_ST_PERSON || c->addr[s->addr].n < 2 || !demo_rng_chance(r, 0.5))
        return DEMO_NONE;
    const demo_addr *ad = &c->addr[s->addr];
    return ad->first + demo_rng_below(r, ad->n);
}

static int person_system(demo_rng *r, int unit, uint32_t subj, const demo_ctx *c)
{
    if (c->subj[subj].type == DEMO_ST_VEHICLE) return DEMO_SYS_RDW;
    return demo_rng_pick(r, demo_units[unit].sys_w, DEMO_NSYS);
}

/* Remembers the first four who open the popular record under its case, for truth.json. */
static void note_popular(demo_ctx *c, uint32_t actor)
{
    int *n = &c->npick[DEMO_P_POPULAR];
    if (c->marked[actor]) return; /* list only people who play no other part */
    for (int i = 0; i < *n; i++)
        if (c->pick[DEMO_P_POPULAR][i] == actor) return;
    if (*n < 4) c->pick[DEMO_P_POPULAR][(*n)++] = actor;
}

/* search → view → maybe a second view, a print, an update. */
static int lookup(work *w, demo_rng *r, const sess *s, int64_t t, uint32_t subj, int view_only)
{
    const demo_ctx *c = w->c;
    const demo_unit_info *ui = &demo_units[s->unit];
    int st = c->subj[subj].type;
    int sys = view_only && st == DEMO_ST_PERSON ? DEMO_SYS_BRP : person_system(r, s->unit, subj, c);
    if (!view_only && demo_rng_chance(r, ui->p_search)) {
        int qf;
        uint32_t res;
        query(c, r, subj, &qf, &res);
        if (push(w, s, t, sys, DEMO_ACT_SEARCH, DEMO_NONE, st, recorded(w, s, sys, t), subj, qf,
                 res) < 0)
            return -1;
        t += demo_rng_range(r, 5, 75) * 1000;
    }
    if (push(w, s, t, sys, DEMO_ACT_VIEW, subj, st, recorded(w, s, sys, t), DEMO_NONE, 0, 0) < 0)
        return -1;
    if (subj == c->popular_subj && s->kase >= 0) note_popular(w->c, s->actor);
    if (view_only) return 0;
    if (st == DEMO_ST_PERSON && sys == DEMO_SYS_BRP && demo_rng_chance(r, ui->p_print)) {
        int64_t tp = t + demo_rng_range(r, 10, 60) * 1000;
        if (push(w, s, tp, sys, DEMO_ACT_PRINT, subj, st, recorded(w, s, sys, tp), DEMO_NONE, 0,
                 1) < 0)
            return -1;
    }
    if (st == DEMO_ST_PERSON && sys != DEMO_SYS_BVH && demo_rng_chance(r, ui->p_update)) {
        int64_t tu = t + demo_rng_range(r, 30, 600) * 1000;
        if (push(w, s, tu, sys, DEMO_ACT_UPDATE, subj, st, recorded(w, s, sys, tu), DEMO_NONE, 0,
                 0) < 0)
            return -1;
    }
    if (demo_rng_chance(r, ui->p_second)) {
        uint32_t s2 = second_subject(c, r, s->kase, subj);
        if (s2 == DEMO_NONE) return 0;
        int sys2 = person_system(r, s->unit, s2, c);
        if (s2 == subj && sys2 == sys) return 0;
        t += demo_rng_range(r, 20, 300) * 1000;
        if (push(w, s, t, sys2, DEMO_ACT_VIEW, s2, c->subj[s2].type, recorded(w, s, sys2, t),
                 DEMO_NONE, 0, 0) < 0)
            return -1;
    }
    return 0;
}

static int export(work *w, demo_rng *r, const sess *s, int64_t t, uint32_t results)
{
    uint32_t sel = demo_rng_below(r, (uint32_t)demo_nselections);
    return push(w, s, t, DEMO_SYS_BRP, DEMO_ACT_EXPORT, DEMO_NONE, DEMO_ST_PERSON, -1, sel,
                DEMO_Q_SELECTION, results);
}

static uint32_t case_subject(const demo_ctx *c, demo_rng *r, uint32_t k)
{
    return c->case_subj[c->cases[k].subj_first + demo_rng_below(r, c->cases[k].nsubj)];
}

/* A look-up without a case: someone random, a neighbour or housemate of a
 * case subject, or for parking enforcement a random car. */
static uint32_t unexplained(work *w, demo_rng *r, int unit)
{
    demo_ctx *c = w->c;
    if (demo_units[unit].p_vehicle > 0.5 && demo_rng_chance(r, 0.6))
        return c->npersons + demo_rng_below(r, (uint32_t)(c->nsubj - c->npersons));
    double x = demo_rng_unit(r);
    size_t nu = w->nuactive[unit], n = w->nactive + nu;
    if (x < 0.5 || n == 0) return demo_random_person(c, r);
    uint32_t pick = (uint32_t)demo_rng_below(r, (uint32_t)n);
    uint32_t k = pick < w->nactive ? w->active[pick] : w->uactive[unit][pick - w->nactive];
    uint32_t s = case_subject(c, r, k);
    if (c->subj[s].type != DEMO_ST_PERSON) return demo_random_person(c, r);
    const demo_addr *ad = &c->addr[c->subj[s].addr];
    if (x < 0.75) { /* neighbour: same postcode, another address */
        const demo_addr *nb = &c->addr[ad->pc_first + demo_rng_below(r, ad->pc_n)];
        if (nb == ad) return demo_random_person(c, r);
        return nb->first + demo_rng_below(r, nb->n);
    }
    if (ad->n < 2) return demo_random_person(c, r);
    uint32_t h = ad->first + demo_rng_below(r, ad->n);
    return h == s ? demo_random_person(c, r) : h;
}

static void new_sess(const demo_ctx *c, demo_rng *r, sess *s, uint32_t a, uint32_t client)
{
    const demo_actor *act = &c->act[a];
    const demo_unit_info *ui = &demo_units[act->unit];
    int np = 0;
    while (np < 3 && ui->purposes[np])
        np++;
    s->actor = a;
    s->client = client;
    s->kase = -1;
    s->unit = act->unit;
    s->purpose = (uint8_t)demo_rng_below(r, (uint32_t)np);
    s->case_field = demo_rng_chance(r, act->p_case_field);
}

static int gather(work *w, uint32_t a, int d)
{
    const demo_ctx *c = w->c;
    w->nactive = w->nmust = 0;
    for (uint32_t i = c->act_case_off[a]; i < c->act_case_off[a + 1]; i++) {
        uint32_t k = c->act_case[i];
        const demo_case *cs = &c->cases[k];
        if (d < cs->first_day || d > cs->last_day) continue;
        if (gen_grow((void **)&w->active, &w->acap, w->nactive + 1, sizeof *w->active) < 0 ||
            gen_grow((void **)&w->must, &w->mcap, w->nmust + 1, sizeof *w->must) < 0)
            return -1;
        w->active[w->nactive++] = k;
        if (cs->is_new && cs->first_day == d) w->must[w->nmust++] = k;
    }
    return 0;
}

static double day_factor(const demo_actor *a, const demo_day *o, int d)
{
    static const double wd_f[7] = {1.1, 1.0, 1.0, 1.0, 0.85, 0.7, 0.7};
    double f = wd_f[demo_weekday(d)] * (o->end - o->start) / (8.5 * H);
    if (o->night) f *= 0.7;
    if (a->start_day > 0 && d - a->start_day < 5)
        f *= 0.3 + 0.14 * (d - a->start_day); /* learning */
    return f;
}

/* One session of normal work at local time sec. must: a case to start today, or -1. */
static int session(work *w, demo_rng *r, uint32_t a, uint32_t client, int d, int32_t sec,
                   int64_t must)
{
    demo_ctx *c = w->c;
    const demo_actor *act = &c->act[a];
    const demo_unit_info *ui = &demo_units[act->unit];
    sess s;
    new_sess(c, r, &s, a, client);
    uint32_t subj;
    size_t nu = w->nuactive[act->unit];
    if (must >= 0) {
        s.kase = (int32_t)must;
    } else if (demo_rng_chance(r, act->p_unexpl)) {
        s.kase = -1;
    } else if (nu && (!w->nactive || demo_rng_chance(r, ui->p_unit))) {
        s.kase = (int32_t)w->uactive[act->unit][demo_rng_below(r, (uint32_t)nu)];
    } else if (w->nactive) {
        s.kase = (int32_t)w->active[demo_rng_below(r, (uint32_t)w->nactive)];
    } else {
        return 0; /* nothing on their plate */
    }
    subj = s.kase >= 0 ? case_subject(c, r, (uint32_t)s.kase) : unexplained(w, r, act->unit);
    return lookup(w, r, &s, demo_utc(c, d, sec), subj, 0);
}

static int actor_day(work *w, uint32_t a, int d)
{
    demo_ctx *c = w->c;
    const demo_actor *act = &c->act[a];
    demo_day o;
    demo_schedule(c, a, d, &o);
    if (!o.works) return 0;
    demo_rng r;
    demo_rng_derive(&r, c->seed, DEMO_SALT_WORK, a, (uint64_t)d);
    if (gather(w, a, d) < 0) return -1;
    int n = demo_rng_poisson(&r, act->rate * day_factor(act, &o, d));
    if (n < (int)w->nmust) n = (int)w->nmust;
    for (int i = 0; i < n; i++) {
        int64_t must = i < (int)w->nmust ? (int64_t)w->must[i] : -1;
        if (session(w, &r, a, o.client, d, demo_shift_time(&o, &r, act->unit), must) < 0) return -1;
    }
    if (o.eve_start) {
        int ne = demo_rng_poisson(&r, 2.5);
        for (int i = 0; i < ne; i++) {
            int32_t sec = o.eve_start + demo_rng_range(&r, 0, o.eve_end - o.eve_start);
            if (session(w, &r, a, o.client, d, sec, -1) < 0) return -1;
        }
    }
    int exporter = demo_units[act->unit].roles[act->role].flags & DEMO_R_EXPORTER;
    if (exporter ? demo_rng_chance(&r, 0.25) : demo_rng_chance(&r, 0.01)) {
        sess s;
        new_sess(c, &r, &s, a, o.client);
        double med = exporter ? 300 : 8;
        double x = exp(log(med) + (exporter ? 1.0 : 0.8) * demo_rng_normal(&r));
        uint32_t res = (uint32_t)(x < 1 ? 1 : x > 4000 ? 4000 : x);
        if (export(w, &r, &s, demo_utc(c, d, demo_shift_time(&o, &r, act->unit)), res) < 0)
            return -1;
    }
    return 0;
}

static int planned(work *w, const demo_psess *p, uint32_t idx)
{
    demo_ctx *c = w->c;
    const demo_actor *act = &c->act[p->actor];
    demo_rng r;
    demo_rng_derive(&r, c->seed, DEMO_SALT_WORK + 100, idx, 0);
    demo_day o;
    demo_schedule(c, p->actor, p->day, &o);
    int32_t sec = p->sec;
    if (sec < 0)
        sec = o.works ? demo_shift_time(&o, &r, act->unit) : demo_rng_range(&r, 9 * H, 16 * H);
    uint32_t client = p->client ? p->client : o.works ? o.client : act->ws;
    sess s;
    new_sess(c, &r, &s, p->actor, client);
    s.kase = p->kase;
    int64_t t = demo_utc(c, p->day, sec);
    if (p->kind == DEMO_PS_EXPORT) return export(w, &r, &s, t, p->results);
    return lookup(w, &r, &s, t, p->subject, p->kind == DEMO_PS_VIEW);
}

static int unit_active(work *w, int d)
{
    const demo_ctx *c = w->c;
    for (int u = 0; u < DEMO_NUNITS; u++) {
        w->nuactive[u] = 0;
        for (uint32_t i = c->unit_case_off[u]; i < c->unit_case_off[u + 1]; i++) {
            uint32_t k = c->unit_case[i];
            if (d < c->cases[k].first_day || d > c->cases[k].last_day) continue;
            if (gen_grow((void **)&w->uactive[u], &w->ucap[u], w->nuactive[u] + 1,
                         sizeof *w->uactive[u]) < 0)
                return -1;
            w->uactive[u][w->nuactive[u]++] = k;
        }
    }
    return 0;
}

static int by_ts(const void *x, const void *y)
{
    const demo_ev *a = x, *b = y;
    if (a->ts != b->ts) return a->ts < b->ts ? -1 : 1;
    return a->seq < b->seq ? -1 : a->seq > b->seq;
}

/* Writes the pending events before limit, in order; keeps the rest. */
static int flush(work *w, int64_t limit)
{
    qsort(w->ev, w->nev, sizeof *w->ev, by_ts);
    size_t n = 0;
    while (n < w->nev && w->ev[n].ts < limit)
        n++;
    if (n && w->ev[0].ts < w->written)
        return demo_fail(w->c, "internal: an event of %d ms ago came after its day was written",
                         (int)(w->written - w->ev[0].ts));
    if (n && demo_writer_events(w->out, w->ev, n) < 0)
        return demo_fail(w->c, "writing events failed");
    if (n) w->written = w->ev[n - 1].ts;
    w->c->events += (long)n;
    memmove(w->ev, w->ev + n, (w->nev - n) * sizeof *w->ev);
    w->nev -= n;
    return 0;
}

static int by_plan(const void *x, const void *y)
{
    const demo_psess *a = x, *b = y;
    if (a->day != b->day) return a->day < b->day ? -1 : 1;
    if (a->actor != b->actor) return a->actor < b->actor ? -1 : 1;
    if (a->sec != b->sec) return a->sec < b->sec ? -1 : 1;
    if (a->subject != b->subject) return a->subject < b->subject ? -1 : 1;
    if (a->kind != b->kind) return a->kind < b->kind ? -1 : 1;
    if (a->client != b->client) return a->client < b->client ? -1 : 1;
    if (a->results != b->results) return a->results < b->results ? -1 : 1;
    return (a->kase > b->kase) - (a->kase < b->kase);
}

int demo_work_run(demo_ctx *c, demo_writer *out)
{
    work w = {.c = c, .out = out, .written = INT64_MIN};
    int rc = -1;
    qsort(c->ps, c->nps, sizeof *c->ps, by_plan);
    size_t pi = 0;
    for (int d = 0; d < c->days; d++) {
        if (unit_active(&w, d) < 0) goto oom;
        for (uint32_t a = 0; a < c->nact; a++)
            if (actor_day(&w, a, d) < 0) goto oom;
        for (; pi < c->nps && c->ps[pi].day == d; pi++)
            if (planned(&w, &c->ps[pi], (uint32_t)pi) < 0) goto oom;
        if (flush(&w, demo_utc(c, d + 1, FLUSH_HOUR * H)) < 0) goto fail;
    }
    if (flush(&w, INT64_MAX) < 0) goto fail;
    rc = 0;
    goto fail;
oom:
    demo_fail(c, "out of memory generating events");
fail:
    free(w.ev);
    free(w.active);
    free(w.must);
    for (int u = 0; u < DEMO_NUNITS; u++)
        free(w.uactive[u]);
    return rc;
}
