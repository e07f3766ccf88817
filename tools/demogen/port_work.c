/* port_work — the working day, actor by actor: sessions spread over the
 * shift, each on a case of the actor's own or of their unit that day (a
 * visit for planning, the yard and the gate; an inspection or a
 * declaration for customs; a ticket), or, as the unit's work has it,
 * without one: the gate's ANPR hits of trucks not yet pre-notified,
 * security's pass checks, the targeting team's profiling. A session is a
 * search for the record and a view, sometimes a second view, an update or
 * a print. */
#include "port_int.h"

#include <stdlib.h>
#include <string.h>

enum { SALT_WORK = 103 };

int port_ev_add(port_ctx *p, int64_t ts, uint32_t actor, int sys, int act, uint32_t subj,
                int32_t kase, uint32_t client)
{
    if (gen_grow((void **)&p->ev, &p->ev_cap, p->nev + 1, sizeof *p->ev) < 0)
        return demo_fail(&p->m, "out of memory");
    port_ev *e = &p->ev[p->nev];
    memset(e, 0, sizeof *e);
    e->ts = ts;
    e->ord = (uint32_t)p->nev++;
    e->actor = actor;
    e->sys = (uint8_t)sys;
    e->act = (uint8_t)act;
    e->subj = subj;
    e->stype = subj == DEMO_NONE ? PORT_ST_CONTAINER : p->subj[subj].type;
    e->kase = kase;
    e->client = client;
    e->results = act == DEMO_ACT_SEARCH || act == DEMO_ACT_PRINT ? 1 : 0;
    return 0;
}

int port_sys_for(const port_ctx *p, uint32_t actor, uint32_t subj)
{
    const port_actor *a = &p->act[actor];
    switch (p->subj[subj].type) {
    case PORT_ST_VEHICLE:
        return PORT_SYS_GATE;
    case PORT_ST_PERSON:
        return PORT_SYS_PASS;
    default:
        if (a->unit == PORT_U_TARGET) return subj % 3 ? PORT_SYS_DMS : PORT_SYS_TOS;
        return port_units[a->unit].customs ? PORT_SYS_DMS : PORT_SYS_TOS;
    }
}

int64_t port_lookup(port_ctx *p, demo_rng *r, uint32_t actor, int64_t t, uint32_t subj,
                    int32_t kase, uint32_t client, int update)
{
    const port_unit_info *ui = &port_units[p->act[actor].unit];
    int sys = port_sys_for(p, actor, subj);
    if (port_ev_add(p, t, actor, sys, DEMO_ACT_SEARCH, subj, kase, client) < 0) return -1;
    t += demo_rng_range(r, 3000, 40000);
    if (port_ev_add(p, t, actor, sys, DEMO_ACT_VIEW, subj, kase, client) < 0) return -1;
    if (demo_rng_chance(r, 0.25)) {
        t += demo_rng_range(r, 20000, 300000);
        if (port_ev_add(p, t, actor, sys, DEMO_ACT_VIEW, subj, kase, client) < 0) return -1;
    }
    if (update || demo_rng_chance(r, ui->p_update)) {
        t += demo_rng_range(r, 10000, 120000);
        if (port_ev_add(p, t, actor, sys, DEMO_ACT_UPDATE, subj, kase, client) < 0) return -1;
    }
    if (demo_rng_chance(r, ui->p_print)) {
        t += demo_rng_range(r, 5000, 60000);
        if (port_ev_add(p, t, actor, sys, DEMO_ACT_PRINT, subj, kase, client) < 0) return -1;
    }
    return t;
}

/* A record of type type as the unit meets it without a case on day d. */
static uint32_t uncased_subject(const port_ctx *p, demo_rng *r, int type, int d)
{
    if (type == PORT_ST_CONTAINER) {
        size_t row = (size_t)PORT_U_GATE * (size_t)p->days + (size_t)d;  /* what passes the gate */
        size_t yard = (size_t)PORT_U_YARD * (size_t)p->days + (size_t)d; /* what is on the yard */
        uint32_t lo = p->ud_off[yard], hi = p->ud_off[yard + 1];
        if (hi > lo) return p->cases[p->ud[lo + demo_rng_below(r, hi - lo)]].subj[0];
        lo = p->ud_off[row];
        hi = p->ud_off[row + 1];
        if (hi > lo) return p->cases[p->ud[lo + demo_rng_below(r, hi - lo)]].subj[0];
        return p->first[type] + demo_rng_below(r, p->count[type]);
    }
    uint32_t n = type == PORT_ST_PERSON ? p->ndrivers : p->count[type];
    return p->first[type] + demo_rng_below(r, n);
}

/* The record of case k that actor's unit works on. */
static uint32_t case_subject(const port_ctx *p, demo_rng *r, uint32_t actor, const port_case *k)
{
    int u = p->act[actor].unit;
    if (k->nsubj == 1 || u == PORT_U_YARD || u == PORT_U_INSP) return k->subj[0];
    if (u == PORT_U_GATE)
        return k->subj[demo_rng_pick(r, (const double[]){4, 3, 2, 1}, k->nsubj < 4 ? k->nsubj : 4)];
    if (u < PORT_NTEAMS) return k->subj[demo_rng_chance(r, 0.85) ? 0 : k->nsubj - 1];
    return k->subj[demo_rng_below(r, k->nsubj)];
}

/* A case of the actor's own or of their unit open at t, or -1. */
static int64_t pick_case(const port_ctx *p, demo_rng *r, uint32_t a, int d, int64_t t)
{
    uint32_t own[64], n = 0;
    for (uint32_t i = p->ac_off[a]; i < p->ac_off[a + 1] && n < 64; i++) {
        const port_case *k = &p->cases[p->ac[i]];
        if (t >= k->opened && (k->closed == DEMO_OPEN || t <= k->closed)) own[n++] = p->ac[i];
    }
    size_t row = (size_t)p->act[a].unit * (size_t)p->days + (size_t)d;
    uint32_t lo = p->ud_off[row], hi = p->ud_off[row + 1];
    if (n && (hi == lo || demo_rng_chance(r, 0.7))) return own[demo_rng_below(r, n)];
    if (hi > lo) return p->ud[lo + demo_rng_below(r, hi - lo)];
    return -1;
}

static int session(port_ctx *p, demo_rng *r, uint32_t a, int d, int64_t t, uint32_t client)
{
    const port_unit_info *ui = &port_units[p->act[a].unit];
    int uncased = demo_rng_chance(r, ui->p_uncased);
    int64_t k = uncased ? -1 : pick_case(p, r, a, d, t);
    uint32_t subj;
    int32_t stated = -1;
    if (!uncased && k < 0) return 0; /* nothing on the desk: no look-up */
    if (k < 0) {
        subj = uncased_subject(p, r, demo_rng_pick(r, ui->unc_w, PORT_NST), d);
    } else {
        subj = case_subject(p, r, a, &p->cases[k]);
        if (demo_rng_chance(r, 0.5)) stated = (int32_t)k;
    }
    return port_lookup(p, r, a, t, subj, stated, client, 0) < 0 ? -1 : 0;
}

static int actor_day(port_ctx *p, uint32_t a, int d)
{
    port_day o;
    port_schedule(p, a, d, &o);
    if (!o.works) return 0;
    demo_rng r;
    demo_rng_derive(&r, p->m.seed, SALT_WORK, a, (uint64_t)d);
    const port_actor *ac = &p->act[a];
    double hours = (o.end - o.start) / 3600.0;
    double f = hours / 8.0;
    if (d >= ac->surge_from && d <= ac->surge_to) f *= 2;
    int n = demo_rng_poisson(&r, ac->rate * f);
    for (int i = 0; i < n; i++) {
        int64_t sec = o.start + (int64_t)(demo_rng_unit(&r) * (o.end - o.start - 600));
        if (session(p, &r, a, d, demo_utc(&p->m, d, sec), o.client) < 0) return -1;
    }
    if (ac->unit == PORT_U_TARGET && !ac->lead && demo_rng_chance(&r, 0.5)) {
        /* the day's risk profile run: a list of containers matching it */
        int64_t sec = o.start + (int64_t)(demo_rng_unit(&r) * 3 * 3600);
        if (port_ev_add(p, demo_utc(&p->m, d, sec), a, PORT_SYS_DMS, DEMO_ACT_EXPORT, DEMO_NONE, -1,
                        o.client) < 0)
            return -1;
        port_ev *e = &p->ev[p->nev - 1];
        e->qkind = PORT_Q_PROFILE;
        e->qarg = (uint16_t)demo_rng_range(&r, 1, 40);
        e->results = (uint32_t)demo_rng_range(&r, 15, 120);
    }
    return 0;
}

int port_work_run(port_ctx *p)
{
    for (int d = 0; d < p->days; d++)
        for (uint32_t a = 0; a < p->nact; a++)
            if (actor_day(p, a, d) < 0) return -1;
    return 0;
}
