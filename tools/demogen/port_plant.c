/* port_plant — the port's planted insiders and hard benign cases, after
 * the seeds' port cases: a planner who tells an extraction crew where
 * other teams' containers are and when (rip-offs follow), a customs
 * officer who opens colleagues' inspections (a container selected for
 * inspection can be warned about), a security officer who reactivates
 * pass records at night (how crews get onto the terminal), a customer
 * service agent who exports a line's release list after hours (the chain
 * of trust's data, out of it). Benign: the targeting team (their job is
 * looking without a case), the gate at night, heavy planners, a security
 * officer who swaps into another team's shifts for a week, and the
 * planners of a line whose vessel call brings half a day's containers at
 * once. Only the insiders' own look-ups are added; the rest is how the
 * benign ones' ordinary work is shaped. */
#include "port_int.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

enum { SALT_PLANT = 104 };
enum { P_TIPPER, P_SNOOP, P_FIXER, P_EXPORTER, P_TARGETING, P_GATE, P_HEAVY, P_SWAP, P_SURGE };

static int plant_add(port_ctx *p, const char *scenario, int benign, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static int plant_add(port_ctx *p, const char *scenario, int benign, const char *fmt, ...)
{
    if (gen_grow((void **)&p->plants, &p->plants_cap, p->nplants + 1, sizeof *p->plants) < 0)
        return demo_fail(&p->m, "out of memory");
    uint32_t *off = realloc(p->plant_subj_off, (p->nplants + 2) * sizeof *off);
    if (!off) return demo_fail(&p->m, "out of memory");
    p->plant_subj_off = off;
    off[p->nplants] = off[p->nplants + 1] = (uint32_t)p->nplant_subj;
    demo_plant *pl = &p->plants[p->nplants++];
    memset(pl, 0, sizeof *pl);
    snprintf(pl->scenario, sizeof pl->scenario, "%s", scenario);
    pl->benign = benign;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(pl->description, sizeof pl->description, fmt, ap);
    va_end(ap);
    return 0;
}

/* Adds actor a to the last plant. */
static void plant_actor(port_ctx *p, uint32_t a)
{
    demo_plant *pl = &p->plants[p->nplants - 1];
    if (pl->nactors >= 4) return;
    p->pick[p->nplants - 1][pl->nactors] = a;
    snprintf(pl->actors[pl->nactors++], sizeof pl->actors[0], "%s", p->act[a].id);
    p->act[a].marked = 1;
}

static int plant_subject(port_ctx *p, int plant, uint32_t subj)
{
    if (gen_grow((void **)&p->plant_subj, &p->plant_subj_cap, p->nplant_subj + 1,
                 sizeof *p->plant_subj) < 0)
        return demo_fail(&p->m, "out of memory");
    /* plants take their subjects in order: only the last plant's list grows */
    p->plant_subj[p->nplant_subj++] = subj;
    for (size_t i = (size_t)plant + 1; i <= p->nplants; i++)
        p->plant_subj_off[i] = (uint32_t)p->nplant_subj;
    return 0;
}

/* An unmarked member of unit u who is not its lead (or any, failing that);
 * skip: a team to leave out (-1 none). */
static uint32_t member(port_ctx *p, demo_rng *r, int u, int skip)
{
    for (int tries = 0; tries < 200; tries++) {
        int uu = u;
        if (u < 0) { /* any planning team but skip */
            uu = (int)demo_rng_below(r, PORT_NTEAMS);
            if (uu == skip) continue;
        }
        uint32_t a = p->unit_first[uu] + demo_rng_below(r, p->unit_n[uu]);
        if (!p->act[a].marked && !p->act[a].lead) return a;
    }
    for (uint32_t a = 0; a < p->nact; a++)
        if (!p->act[a].marked && (u < 0 ? p->act[a].unit < PORT_NTEAMS : p->act[a].unit == u))
            return a;
    return 0;
}

int port_plant_pick(port_ctx *p)
{
    demo_rng r;
    demo_rng_derive(&r, p->m.seed, SALT_PLANT, 0, 0);
    int D = p->days;
    p->surge_line = (int)demo_rng_below(&r, PORT_NLINES);
    p->surge_day = demo_rng_range(&r, D / 3, D / 2);
    int st = p->surge_line / 2;
    p->export_line = (int)demo_rng_below(&r, PORT_NLINES);

    if (plant_add(p, "extraction_tipper", 0,
                  "A planner looks up other teams' containers without a case shortly before they "
                  "are emptied on the yard: extractions (rip-offs) follow") < 0)
        return -1;
    plant_actor(p, member(p, &r, -1, st));
    if (plant_add(p, "inspection_snoop", 0,
                  "A customs officer opens inspections assigned to colleagues, as one who warns "
                  "the owners of containers selected for inspection") < 0)
        return -1;
    plant_actor(p, member(p, &r, PORT_U_INSP, -1));
    if (plant_add(p, "pass_fixer", 0,
                  "A security officer looks up and updates the pass records of drivers on night "
                  "shifts, without a case: passes for a crew to enter the terminal") < 0)
        return -1;
    plant_actor(p, member(p, &r, PORT_U_SEC, -1));
    if (plant_add(p, "release_exporter", 0,
                  "A customer service agent exports the release list of line %sU after hours and "
                  "looks at some of its containers: the chain of trust's data, out of it",
                  port_line_codes[p->export_line]) < 0)
        return -1;
    plant_actor(p, member(p, &r, PORT_U_SERVICE, -1));

    if (plant_add(p, "targeting_team", 1,
                  "Customs risk analysts profile containers before any case exists: most of "
                  "their look-ups have none, by design") < 0)
        return -1;
    for (int i = 0; i < 4 && i + 1 < (int)p->unit_n[PORT_U_TARGET]; i++)
        plant_actor(p, member(p, &r, PORT_U_TARGET, -1));
    if (plant_add(p, "gate_24_7", 1,
                  "Gate clerks on the 24/7 rota: look-ups at night and at weekends, at shared "
                  "consoles, of trucks not yet pre-notified") < 0)
        return -1;
    for (int i = 0; i < 4; i++)
        plant_actor(p, member(p, &r, PORT_U_GATE, -1));
    if (plant_add(p, "heavy_planner", 1,
                  "Planners who look up two and a half times as many containers as their team, "
                  "all on their own lines' visits") < 0)
        return -1;
    for (int i = 0; i < 2; i++) {
        uint32_t a = member(p, &r, -1, st);
        p->act[a].rate *= 2.5;
        plant_actor(p, a);
    }
    if (plant_add(p, "shift_swap", 1,
                  "A security officer swaps into another rota team's shifts for a week: other "
                  "hours, other days, the same work") < 0)
        return -1;
    {
        uint32_t a = member(p, &r, PORT_U_SEC, -1);
        port_actor *ac = &p->act[a];
        ac->swap_from = demo_rng_range(&r, D / 4, D / 2);
        ac->swap_to = ac->swap_from + 6;
        ac->swap_team = (uint8_t)((ac->team + 2) % 5);
        ac->vac_from = -1000;
        plant_actor(p, a);
    }
    if (plant_add(p, "vessel_surge", 1,
                  "A large vessel call of line %sU: its planners work late, at the weekend if "
                  "need be, on twice their usual look-ups, all on visits",
                  port_line_codes[p->surge_line]) < 0)
        return -1;
    for (uint32_t k = 0, n = 0; k < p->unit_n[st] && n < 4; k++) {
        port_actor *ac = &p->act[p->unit_first[st] + k];
        if (ac->marked || ac->lead) continue;
        ac->surge_from = p->surge_day;
        ac->surge_to = p->surge_day + 1;
        ac->vac_from = -1000;
        plant_actor(p, p->unit_first[st] + k);
        n++;
    }
    return 0;
}

/* A day in [from, to] on which a works (night shifts when night), at a
 * local second in the shift; -1 when none was found. */
static int work_day(const port_ctx *p, demo_rng *r, uint32_t a, int from, int to, int night,
                    int32_t *sec)
{
    for (int tries = 0; tries < 80; tries++) {
        int d = demo_rng_range(r, from, to);
        port_day o;
        port_schedule(p, a, d, &o);
        if (!o.works || (night && o.start < 20 * 3600)) continue;
        *sec = o.start + 1800 + (int32_t)demo_rng_below(r, (uint32_t)(o.end - o.start - 3600));
        return d;
    }
    return -1;
}

static int add_incident(port_ctx *p, uint32_t subj, int64_t ts, int kind)
{
    if (gen_grow((void **)&p->inc, &p->inc_cap, p->ninc + 1, sizeof *p->inc) < 0)
        return demo_fail(&p->m, "out of memory");
    p->inc[p->ninc++] = (port_incident){subj, ts, (uint8_t)kind};
    return 0;
}

static int tipper(port_ctx *p, demo_rng *r)
{
    uint32_t a = p->pick[P_TIPPER][0];
    int team = p->act[a].unit;
    for (int k = 0; k < 6; k++) {
        int32_t sec;
        int d = work_day(p, r, a, 1, p->days - 3, 0, &sec);
        if (d < 0) continue;
        size_t row = (size_t)PORT_U_YARD * (size_t)p->days + (size_t)d;
        uint32_t lo = p->ud_off[row], hi = p->ud_off[row + 1];
        for (int tries = 0; tries < 50 && hi > lo; tries++) {
            const port_case *v = &p->cases[p->ud[lo + demo_rng_below(r, hi - lo)]];
            if (v->line / 2 == team || v->last_day < d + 1) continue;
            int64_t t = demo_utc(&p->m, d, sec);
            if (port_lookup(p, r, a, t, v->subj[0], -1, p->act[a].ws, 0) < 0 ||
                add_incident(p, v->subj[0],
                             demo_utc(&p->m, d + 1, demo_rng_range(r, 3600, 4 * 3600)),
                             PORT_INC_EXTRACTION) < 0 ||
                plant_subject(p, P_TIPPER, v->subj[0]) < 0)
                return -1;
            break;
        }
    }
    return 0;
}

static int snoop(port_ctx *p, demo_rng *r)
{
    uint32_t a = p->pick[P_SNOOP][0];
    uint32_t *cand = malloc((p->nasg + 1) * sizeof *cand);
    if (!cand) return demo_fail(&p->m, "out of memory");
    uint32_t n = 0;
    for (size_t i = 0; i < p->nasg; i++) {
        const port_assign *as = &p->asg[i];
        const port_case *k = &p->cases[as->kase];
        if (k->kind == PORT_K_INSPECTION && as->who != a && k->first_day >= 1 &&
            k->first_day < p->days)
            cand[n++] = as->kase;
    }
    demo_rng_shuffle(r, cand, n);
    int done = 0;
    for (uint32_t i = 0; i < n && done < 10; i++) {
        const port_case *k = &p->cases[cand[i]];
        port_day o;
        int d = k->first_day - (int)demo_rng_below(r, 2);
        port_schedule(p, a, d, &o);
        if (!o.works) continue;
        int64_t t = demo_utc(&p->m, d, o.start + demo_rng_range(r, 1800, o.end - o.start - 1800));
        if (t < k->opened) t = k->opened + demo_rng_range(r, 600000, 3600000);
        if (port_lookup(p, r, a, t, k->subj[0], (int32_t)cand[i], o.client, 0) < 0 ||
            plant_subject(p, P_SNOOP, k->subj[0]) < 0) {
            free(cand);
            return -1;
        }
        done++;
    }
    free(cand);
    return 0;
}

static int fixer(port_ctx *p, demo_rng *r)
{
    uint32_t a = p->pick[P_FIXER][0];
    for (int k = 0; k < 4; k++) {
        int32_t sec;
        int d = work_day(p, r, a, 1, p->days - 1, 1, &sec);
        if (d < 0) continue;
        int64_t t = demo_utc(&p->m, d, sec);
        port_day o;
        port_schedule(p, a, d, &o);
        for (int i = demo_rng_range(r, 2, 3); i > 0; i--) {
            uint32_t s = p->first[PORT_ST_PERSON] + demo_rng_below(r, p->ndrivers);
            t = port_lookup(p, r, a, t, s, -1, o.client, 1);
            if (t < 0 || plant_subject(p, P_FIXER, s) < 0) return -1;
            t += demo_rng_range(r, 60000, 600000);
        }
    }
    return 0;
}

static int exporter(port_ctx *p, demo_rng *r)
{
    uint32_t a = p->pick[P_EXPORTER][0];
    for (int k = 0; k < 3; k++) {
        int32_t sec;
        int d = work_day(p, r, a, 1, p->days - 1, 0, &sec);
        if (d < 0) continue;
        port_day o;
        port_schedule(p, a, d, &o);
        int64_t t = demo_utc(&p->m, d, o.end + demo_rng_range(r, 1800, 7200));
        if (port_ev_add(p, t, a, PORT_SYS_TOS, DEMO_ACT_EXPORT, DEMO_NONE, -1, o.client) < 0)
            return -1;
        port_ev *e = &p->ev[p->nev - 1];
        e->qkind = PORT_Q_RELEASES;
        e->qarg = (uint16_t)p->export_line;
        e->results = (uint32_t)demo_rng_range(r, 150, 400);
        size_t row = (size_t)PORT_U_YARD * (size_t)p->days + (size_t)d;
        uint32_t lo = p->ud_off[row], hi = p->ud_off[row + 1];
        for (int i = 0, got = 0; i < 200 && got < 3 && hi > lo; i++) {
            const port_case *v = &p->cases[p->ud[lo + demo_rng_below(r, hi - lo)]];
            if (v->line != p->export_line) continue;
            t += demo_rng_range(r, 60000, 400000);
            t = port_lookup(p, r, a, t, v->subj[0], -1, o.client, 0);
            if (t < 0 || plant_subject(p, P_EXPORTER, v->subj[0]) < 0) return -1;
            got++;
        }
    }
    return 0;
}

int port_plant_plan(port_ctx *p)
{
    demo_rng r;
    demo_rng_derive(&r, p->m.seed, SALT_PLANT, 1, 0);
    return tipper(p, &r) < 0 || snoop(p, &r) < 0 || fixer(p, &r) < 0 || exporter(p, &r) < 0 ? -1
                                                                                            : 0;
}
