/* demo_plant — who plays a part: insiders are drawn at random from ordinary
 * staff (not leads, exporters, testers, heavy users, recent hires), the
 * benign cases from the units where they occur. Also the plants' own cases
 * and the bookkeeping of the truth. */
#include "demo_int.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

int demo_plant_add(demo_ctx *c, const char *scenario, int benign, int pick, const char *fmt, ...)
{
    if (gen_grow((void **)&c->plants, &c->plants_cap, c->nplants + 1, sizeof *c->plants) < 0)
        return -1;
    uint32_t *off = realloc(c->plant_subj_off, (c->plants_cap + 1) * sizeof *off);
    if (!off) return -1;
    c->plant_subj_off = off;
    demo_plant *p = &c->plants[c->nplants];
    memset(p, 0, sizeof *p);
    snprintf(p->scenario, sizeof p->scenario, "%s", scenario);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(p->description, sizeof p->description, fmt, ap);
    va_end(ap);
    p->benign = benign;
    for (int i = 0; i < c->npick[pick] && i < 4; i++)
        snprintf(p->actors[i], sizeof p->actors[i], "%s", c->act[c->pick[pick][i]].id);
    p->nactors = c->npick[pick] < 4 ? c->npick[pick] : 4;
    c->plant_subj_off[c->nplants++] = (uint32_t)c->nplant_subj;
    c->plant_subj_off[c->nplants] = (uint32_t)c->nplant_subj;
    return 0;
}

int demo_plant_subject(demo_ctx *c, uint32_t subj)
{
    if (gen_grow((void **)&c->plant_subj, &c->plant_subj_cap, c->nplant_subj + 1,
                 sizeof *c->plant_subj) < 0)
        return -1;
    c->plant_subj[c->nplant_subj++] = subj;
    c->plant_subj_off[c->nplants] = (uint32_t)c->nplant_subj;
    return 0;
}

int demo_ps_add(demo_ctx *c, int day, int32_t sec, uint32_t actor, uint32_t subj, int32_t kase,
                uint32_t client, uint32_t results, int kind)
{
    if (day < 0 || day >= c->days) return 0; /* outside the period: nothing to log */
    if (gen_grow((void **)&c->ps, &c->ps_cap, c->nps + 1, sizeof *c->ps) < 0) return -1;
    c->ps[c->nps++] = (demo_psess){day, sec, actor, subj, kase, client, results, (uint8_t)kind};
    return 0;
}

int demo_work_days(const demo_ctx *c, uint32_t actor, int from, int to, int at_desk, int *days,
                   int max)
{
    int n = 0;
    if (from < 0) from = 0;
    if (to > c->days - 1) to = c->days - 1;
    for (int d = from; d <= to && (!days || n < max); d++) {
        demo_day o;
        demo_schedule(c, actor, d, &o);
        if (!o.works || o.night) continue;
        if (at_desk && o.client != c->act[actor].ws) continue;
        if (days) days[n] = d;
        n++;
    }
    return n;
}

uint32_t demo_fresh_person(demo_ctx *c, demo_rng *r, const uint32_t *actors, int n)
{
    for (;;) {
        uint32_t p = demo_random_person(c, r);
        if (c->subj[p].prot != DEMO_PROT_NONE || p == c->popular_subj) continue;
        int linked = 0;
        for (int i = 0; i < n && !linked; i++)
            linked = demo_case_explains(c, actors[i], p, INT64_MIN);
        if (!linked) return p;
    }
}

/* Rewrites the actors of the plant for pick from c->pick (after the work
 * loop has filled it, e.g. with who really looked up the popular record). */
void demo_plant_actors(demo_ctx *c, const char *scenario, int pick)
{
    for (size_t i = 0; i < c->nplants; i++) {
        demo_plant *p = &c->plants[i];
        if (strcmp(p->scenario, scenario)) continue;
        p->nactors = c->npick[pick] < 4 ? c->npick[pick] : 4;
        for (int k = 0; k < p->nactors; k++)
            snprintf(p->actors[k], sizeof p->actors[k], "%s", c->act[c->pick[pick][k]].id);
    }
}

/* ---- picking ------------------------------------------------------- */

#define UNITS(...) ((const int[]){__VA_ARGS__, -1})

static int in_units(int u, const int *units)
{
    for (; *units >= 0; units++)
        if (*units == u) return 1;
    return 0;
}

/* Ordinary staff of the given units who work most of the period. */
static int ordinary(const demo_ctx *c, uint32_t i, const int *units)
{
    const demo_actor *a = &c->act[i];
    const demo_unit_info *ui = &demo_units[a->unit];
    if (c->marked[i] || !in_units(a->unit, units)) return 0;
    if (ui->roles[a->role].flags) return 0;
    if (a->start_day > 0 || a->end_day != DEMO_NEVER || a->remote) return 0;
    if (a->rate > ui->rate * 1.8 || a->rate < ui->rate * 0.5) return 0;
    int nd = demo_work_days(c, i, 0, c->days - 1, 0, NULL, 0);
    return nd >= c->days * 5 / 7 / 2 + 1; /* not away for most of the period */
}

typedef int (*pick_fn)(demo_ctx *c, uint32_t i);

/* Picks one actor at random among those passing ordinary() and extra. */
static int pick_one(demo_ctx *c, demo_rng *r, int role, const int *units, pick_fn extra)
{
    uint32_t start = demo_rng_below(r, c->nact);
    for (uint32_t k = 0; k < c->nact; k++) {
        uint32_t i = (start + k) % c->nact;
        if (!ordinary(c, i, units) || (extra && !extra(c, i))) continue;
        c->marked[i] = 1;
        c->pick[role][c->npick[role]++] = i;
        return 0;
    }
    return demo_fail(c, "no suitable actor for %s: use more actors", "a planted scenario");
}

/* Lives in town with others, under a rare name that other households share. */
static int has_family(demo_ctx *c, uint32_t i)
{
    const demo_actor *a = &c->act[i];
    if (a->person == DEMO_NONE || demo_is_common_name(c, a->surname)) return 0;
    const demo_addr *home = &c->addr[c->subj[a->person].addr];
    if (home->n < 2 || c->name_n[a->surname] > 25) return 0;
    int elsewhere = 0;
    for (size_t ad = 0; ad < c->nreg_addr && elsewhere < 2; ad++) {
        if (&c->addr[ad] == home) continue;
        for (uint32_t p = c->addr[ad].first; p < c->addr[ad].first + c->addr[ad].n; p++)
            if (c->subj[p].surname == a->surname && c->subj[p].prot == DEMO_PROT_NONE) {
                elsewhere++;
                break;
            }
    }
    return elsewhere >= 2;
}

static int weekdays(int from, int to)
{
    int n = 0;
    for (int d = from; d <= to; d++)
        n += demo_weekday(d) < 5;
    return n;
}

/* Enough days at their own desk for look-ups spread over the period. */
static int desk_days(demo_ctx *c, uint32_t i)
{
    int to = c->days - 3;
    return demo_work_days(c, i, 0, to, 1, NULL, 0) * 2 >= weekdays(0, to);
}

/* At work in the last third (and before it) for a ramp to show. */
static int drift_days(demo_ctx *c, uint32_t i)
{
    int d0 = 2 * c->days / 3;
    return demo_work_days(c, i, d0, c->days - 1, 0, NULL, 0) * 3 >= weekdays(d0, c->days - 1) * 2 &&
           demo_work_days(c, i, 0, d0 - 1, 0, NULL, 0) * 2 >= weekdays(0, d0 - 1);
}

static int late_days(demo_ctx *c, uint32_t i)
{
    return demo_work_days(c, i, c->days * 4 / 5, c->days - 1, 0, NULL, 0) >= 1 &&
           demo_work_days(c, i, c->days / 3, c->days - 2, 0, NULL, 0) >= 3;
}

static int role_flag(const demo_ctx *c, uint32_t i, int flag)
{
    return (demo_units[c->act[i].unit].roles[c->act[i].role].flags & flag) != 0;
}

/* Days on which actor i works any shift. */
static int attendance(const demo_ctx *c, uint32_t i)
{
    int n = 0;
    for (int d = 0; d < c->days; d++) {
        demo_day o;
        demo_schedule(c, i, d, &o);
        n += o.works;
    }
    return n;
}

/* All members of unit u with the role (flag or index) play the part; up to
 * four are listed, first those present at least half of the days. */
static void pick_unit(demo_ctx *c, int role, int u, int flag, int roleidx)
{
    for (int pass = 0; pass < 2; pass++)
        for (uint32_t i = 0; i < c->nact; i++) {
            if (c->act[i].unit != u) continue;
            if (flag && !role_flag(c, i, flag)) continue;
            if (roleidx >= 0 && c->act[i].role != roleidx) continue;
            if (c->act[i].start_day > 0 || c->act[i].end_day != DEMO_NEVER) continue;
            int listed = 0;
            for (int k = 0; k < c->npick[role]; k++)
                listed |= c->pick[role][k] == i;
            c->marked[i] = 1;
            if (listed || c->npick[role] >= 4 || (pass == 0 && attendance(c, i) * 2 < c->days))
                continue;
            c->pick[role][c->npick[role]++] = i;
        }
}

int demo_plant_pick(demo_ctx *c)
{
    demo_rng r;
    demo_rng_derive(&r, c->seed, DEMO_SALT_PLANT, 1, 0);
    c->marked = calloc(c->nact, 1);
    if (!c->marked) return demo_fail(c, "out of memory picking actors");
    /* benign parts tied to a unit are fixed first, so insiders are never testers etc. */
    pick_unit(c, DEMO_P_NIGHTSHIFT, DEMO_U_MK, 0, 0);
    pick_unit(c, DEMO_P_ITTEST, DEMO_U_IT, DEMO_R_TESTER, -1);
    pick_unit(c, DEMO_P_HR, DEMO_U_HR, 0, -1);
    if (c->npick[DEMO_P_ITTEST] < 2 || c->npick[DEMO_P_NIGHTSHIFT] < 1 || c->npick[DEMO_P_HR] < 1)
        return demo_fail(c, "units too small for the benign cases");
    /* free the shift unit again beyond the four listed: they are ordinary staff */
    for (uint32_t i = 0; i < c->nact; i++)
        if (c->act[i].unit == DEMO_U_MK) c->marked[i] = 0;
    for (int k = 0; k < c->npick[DEMO_P_NIGHTSHIFT]; k++)
        c->marked[c->pick[DEMO_P_NIGHTSHIFT][k]] = 1;

    const int *clerks = UNITS(DEMO_U_BZ, DEMO_U_BO);
    const int *office = UNITS(DEMO_U_BZ, DEMO_U_BO, DEMO_U_SD);
    const int *many = UNITS(DEMO_U_BZ, DEMO_U_BO, DEMO_U_SD, DEMO_U_HH, DEMO_U_PK);
    if (pick_one(c, &r, DEMO_P_ADDRESS, clerks, desk_days) < 0 ||
        pick_one(c, &r, DEMO_P_CURIOUS, UNITS(DEMO_U_BZ, DEMO_U_BO, DEMO_U_SD, DEMO_U_HH), NULL) <
            0 ||
        pick_one(c, &r, DEMO_P_FAMILY, many, has_family) < 0 ||
        pick_one(c, &r, DEMO_P_BULK, office, late_days) < 0 ||
        pick_one(c, &r, DEMO_P_LEAVER, many, NULL) < 0 ||
        pick_one(c, &r, DEMO_P_NIGHT, office, late_days) < 0 ||
        pick_one(c, &r, DEMO_P_DRIFT, UNITS(DEMO_U_BZ, DEMO_U_BO, DEMO_U_SD, DEMO_U_HH),
                 drift_days) < 0)
        return -1;
    /* broker ring: two or three members, each from a different unit */
    int ring_units[] = {DEMO_U_BZ, DEMO_U_BO, DEMO_U_HH, DEMO_U_SD, DEMO_U_MK};
    uint32_t order[5] = {0, 1, 2, 3, 4};
    demo_rng_shuffle(&r, order, 5);
    int want = demo_rng_chance(&r, 0.5) ? 3 : 2;
    for (int k = 0; k < 5 && c->npick[DEMO_P_BROKER] < want; k++) {
        int one[2] = {ring_units[order[k]], -1};
        int before = c->npick[DEMO_P_BROKER];
        uint32_t start = demo_rng_below(&r, c->nact);
        for (uint32_t j = 0; j < c->nact && c->npick[DEMO_P_BROKER] == before; j++) {
            uint32_t i = (start + j) % c->nact;
            if (!ordinary(c, i, one) || c->act[i].sched == DEMO_SCHED_ROTA) continue;
            c->marked[i] = 1;
            c->pick[DEMO_P_BROKER][c->npick[DEMO_P_BROKER]++] = i;
        }
    }
    if (c->npick[DEMO_P_BROKER] < 2) return demo_fail(c, "no suitable actors for the broker ring");
    c->act[c->pick[DEMO_P_LEAVER][0]].end_day =
        (int32_t)(c->days * (0.35 + 0.2 * demo_rng_unit(&r)));

    /* benign individuals */
    if (pick_one(c, &r, DEMO_P_VIP, UNITS(DEMO_U_KB), NULL) < 0) {
        pick_unit(c, DEMO_P_VIP, DEMO_U_KB, 0, -1); /* any kabinet member will do */
        if (!c->npick[DEMO_P_VIP]) return -1;
        c->npick[DEMO_P_VIP] = 1;
    }
    if (pick_one(c, &r, DEMO_P_HEAVY, clerks, NULL) < 0 ||
        pick_one(c, &r, DEMO_P_REMOTE, UNITS(DEMO_U_BO, DEMO_U_SD), NULL) < 0 ||
        pick_one(c, &r, DEMO_P_NEWHIRE, many, NULL) < 0)
        return -1;
    demo_actor *heavy = &c->act[c->pick[DEMO_P_HEAVY][0]];
    heavy->rate = demo_units[heavy->unit].rate * (4.5 + demo_rng_unit(&r));
    demo_actor *remote = &c->act[c->pick[DEMO_P_REMOTE][0]];
    remote->remote = 1;
    demo_actor *hire = &c->act[c->pick[DEMO_P_NEWHIRE][0]];
    hire->start_day = (int32_t)(c->days * (0.3 + 0.2 * demo_rng_unit(&r)));
    hire->vac_len = 0;
    return 0;
}

/* ---- the plants' own cases ------------------------------------------ */

int demo_plant_cases(demo_ctx *c)
{
    demo_rng r;
    demo_rng_derive(&r, c->seed, DEMO_SALT_PLANT, 2, 0);
    /* the kabinet handler keeps a long-running case on one or two VIPs */
    for (uint32_t p = 0; p < c->npersons && c->nvip_subj < 2; p++)
        if (c->subj[p].prot == DEMO_PROT_VIP) c->vip_subj[c->nvip_subj++] = p;
    /* one draw per statement: argument evaluation order differs between compilers */
    int ago = demo_rng_range(&r, 20, 200);
    int64_t opened = demo_utc(c, -ago, demo_rng_range(&r, 32400, 57600));
    if (demo_case_add(c, opened, DEMO_OPEN, 0, c->days - 1, 0, c->pick[DEMO_P_VIP][0], c->vip_subj,
                      c->nvip_subj) < 0)
        goto oom;
    /* a front-office clerk renews a VIP's passport: legitimate, not planted */
    for (int tries = 0; tries < 200; tries++) {
        uint32_t a = demo_rng_below(&r, c->nact);
        if (c->act[a].unit != DEMO_U_BZ || c->marked[a]) continue;
        int d = demo_rng_range(&r, 0, c->days - 2);
        demo_day o;
        demo_schedule(c, a, d, &o);
        if (!o.works) continue;
        int64_t op = demo_utc(c, d, o.start - 86400);
        if (demo_case_add(c, op, demo_utc(c, d + 1, 36000), d, d, 1, a, &c->vip_subj[0], 1) < 0)
            goto oom;
        break;
    }
    /* one record that many in enforcement and the control room work on */
    do
        c->popular_subj = demo_random_person(c, &r);
    while (c->subj[c->popular_subj].prot != DEMO_PROT_NONE);
    ago = demo_rng_range(&r, 10, 60);
    opened = demo_utc(c, -ago, demo_rng_range(&r, 32400, 57600));
    int64_t k = demo_case_add(c, opened, DEMO_OPEN, 0, c->days - 1, 0, DEMO_U_HH | DEMO_UNIT_BIT,
                              &c->popular_subj, 1);
    if (k < 0 || demo_case_assign(c, (uint32_t)k, DEMO_U_MK | DEMO_UNIT_BIT) < 0) goto oom;
    return 0;
oom:
    return demo_fail(c, "out of memory adding the plants' cases");
}
