/* demo_case — cases (zaken): each links a few subjects to an actor or a
 * unit for a while. Own caseloads arrive each working day and last D days
 * on average; a share is registered only after the first look-up (an
 * on-the-spot check), at most 48 hours later. */
#include "demo_int.h"
#include "normalise/ts.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define GRACE_MS (48 * INT64_C(3600000)) /* a case may be registered this long after a look-up */

int64_t demo_case_add(demo_ctx *c, int64_t opened, int64_t closed, int first_day, int last_day,
                      int is_new, uint32_t assignee, const uint32_t *subj, int nsubj)
{
    if (gen_grow((void **)&c->cases, &c->cases_cap, c->ncases + 1, sizeof *c->cases) < 0 ||
        gen_grow((void **)&c->case_subj, &c->case_subj_cap, c->ncase_subj + (size_t)nsubj,
                 sizeof *c->case_subj) < 0)
        return -1;
    demo_case *k = &c->cases[c->ncases];
    memset(k, 0, sizeof *k);
    k->opened = opened;
    /* A case registered late, after its only day of work, would close
     * before it opened: wachter load refuses such a row (docs/bad-input.md,
     * `csv.end_before_start`), so it closes when it opens. */
    k->closed = closed < opened ? opened : closed;
    k->first_day = first_day;
    k->last_day = last_day;
    k->is_new = (uint8_t)is_new;
    k->assignee = assignee;
    k->subj_first = (uint32_t)c->ncase_subj;
    k->nsubj = (uint8_t)nsubj;
    memcpy(c->case_subj + c->ncase_subj, subj, (size_t)nsubj * sizeof *subj);
    c->ncase_subj += (size_t)nsubj;
    uint32_t idx = (uint32_t)c->ncases++;
    if (demo_case_assign(c, idx, assignee) < 0) return -1;
    return idx;
}

int demo_case_assign(demo_ctx *c, uint32_t kase, uint32_t who)
{
    if (gen_grow((void **)&c->asg, &c->asg_cap, c->nasg + 1, sizeof *c->asg) < 0) return -1;
    demo_assign *a = &c->asg[c->nasg++];
    a->kase = kase;
    a->who = who;
    a->from = c->cases[kase].opened;
    a->to = c->cases[kase].closed;
    return 0;
}

static uint32_t random_vehicle(demo_ctx *c, demo_rng *r)
{
    return c->npersons + demo_rng_below(r, (uint32_t)(c->nsubj - c->npersons));
}

/* One to three members of a random household, or a vehicle (and a person),
 * or for HR a colleague's own record. Returns the count written to out. */
static int case_subjects(demo_ctx *c, demo_rng *r, int unit, uint32_t out[4])
{
    int n = 0;
    if (unit == DEMO_U_HR) {
        for (int tries = 0; tries < 20 && !n; tries++) {
            const demo_actor *a = &c->act[demo_rng_below(r, c->nact)];
            if (a->person != DEMO_NONE) out[n++] = a->person;
        }
        if (n) return n;
    }
    if (demo_rng_chance(r, demo_units[unit].p_vehicle)) {
        out[n++] = random_vehicle(c, r);
        if ((unit == DEMO_U_HH || unit == DEMO_U_MK) && demo_rng_chance(r, 0.4))
            out[n++] = demo_random_person(c, r);
        return n;
    }
    const demo_addr *ad = &c->addr[demo_rng_below(r, (uint32_t)c->nreg_addr)];
    int k = 1 + demo_rng_pick(r, (const double[]){60, 30, 10}, 3);
    if (k > ad->n) k = ad->n;
    int off = (int)demo_rng_below(r, ad->n);
    for (int i = 0; i < k; i++)
        out[n++] = ad->first + (uint32_t)((off + i) % ad->n);
    return n;
}

/* A case worked on until last_day is closed the day after or a little later. */
static int64_t close_time(const demo_ctx *c, demo_rng *r, int last_day)
{
    int64_t t = demo_utc(c, last_day + 1, 8 * 3600 + demo_rng_range(r, 0, 48 * 3600));
    return t >= demo_utc(c, c->days, 0) ? DEMO_OPEN : t;
}

static int duration(demo_rng *r, double mean)
{
    return (int)(-log(1.0 - demo_rng_unit(r)) * mean);
}

static int actor_cases(demo_ctx *c, uint32_t ai)
{
    const demo_actor *a = &c->act[ai];
    const demo_unit_info *ui = &demo_units[a->unit];
    double K = ui->K * (ui->roles[a->role].flags & DEMO_R_LEAD ? 0.5 : 1.0), D = ui->D;
    demo_rng r;
    uint32_t s[4];
    demo_rng_derive(&r, c->seed, DEMO_SALT_CASE, ai, 0);
    if (a->start_day <= 0 && a->end_day >= 0) { /* caseload carried into the period */
        int n0 = demo_rng_poisson(&r, K);
        for (int i = 0; i < n0; i++) {
            int ago = demo_rng_range(&r, 1, (int)(2 * D) + 1);
            int64_t opened = demo_utc(c, -ago, demo_rng_range(&r, 8 * 3600, 17 * 3600));
            int last = duration(&r, D * 0.8);
            if (last > a->end_day) last = a->end_day;
            int n = case_subjects(c, &r, a->unit, s);
            if (demo_case_add(c, opened, close_time(c, &r, last), 0, last, 0, ai, s, n) < 0)
                return -1;
        }
    }
    if (a->start_day > 0 && a->start_day < c->days) { /* a starter takes over part of a caseload */
        int n0 = demo_rng_poisson(&r, K * 0.5) + 1;
        int64_t handover = demo_utc(c, a->start_day, a->shift_start - 3600);
        for (int i = 0; i < n0; i++) {
            int ago = demo_rng_range(&r, 1, (int)(2 * D) + 1); /* one draw per statement */
            int64_t opened =
                demo_utc(c, a->start_day - ago, demo_rng_range(&r, 8 * 3600, 17 * 3600));
            int last = a->start_day + duration(&r, D * 0.8);
            int n = case_subjects(c, &r, a->unit, s);
            if (demo_case_add(c, opened, close_time(c, &r, last), a->start_day, last, 0, ai, s, n) <
                0)
                return -1;
            c->asg[c->nasg - 1].from = handover;
        }
    }
    int from = a->start_day > 0 ? a->start_day : 0;
    int to = a->end_day < c->days - 1 ? a->end_day : c->days - 1;
    for (int d = from; d <= to; d++) {
        demo_day o;
        demo_schedule(c, ai, d, &o);
        if (!o.works) continue;
        int nnew = demo_rng_poisson(&r, K / D * 1.4);
        for (int i = 0; i < nnew; i++) {
            int last = d + duration(&r, D);
            if (last > a->end_day) last = a->end_day;
            int64_t opened;
            if (demo_rng_chance(&r, ui->p_late)) /* registered after the first look-up */
                opened = demo_utc(c, d, o.end + demo_rng_range(&r, 600, 30 * 3600));
            else
                opened = demo_utc(c, d, o.start - demo_rng_range(&r, 1800, 72 * 3600));
            int n = case_subjects(c, &r, a->unit, s);
            if (demo_case_add(c, opened, close_time(c, &r, last), d, last, 1, ai, s, n) < 0)
                return -1;
        }
    }
    return 0;
}

static int unit_cases(demo_ctx *c, int u)
{
    const demo_unit_info *ui = &demo_units[u];
    if (ui->unit_k <= 0) return 0;
    double K = ui->unit_k * c->unit_n[u], D = ui->unit_d;
    uint32_t who = (uint32_t)u | DEMO_UNIT_BIT, s[4];
    demo_rng r;
    demo_rng_derive(&r, c->seed, DEMO_SALT_UCASE, (uint64_t)u, 0);
    int n0 = demo_rng_poisson(&r, K);
    for (int i = 0; i < n0; i++) {
        int ago = demo_rng_range(&r, 1, (int)(2 * D) + 1); /* one draw per statement */
        int64_t opened = demo_utc(c, -ago, demo_rng_range(&r, 0, 86399));
        int last = duration(&r, D * 0.8), n = case_subjects(c, &r, u, s);
        if (demo_case_add(c, opened, close_time(c, &r, last), 0, last, 0, who, s, n) < 0) return -1;
    }
    for (int d = 0; d < c->days; d++) {
        int wd = demo_weekday(d);
        double rate = K / D;
        if (ui->sched == DEMO_SCHED_DAY) {
            if (wd == 6 || (wd == 5 && u != DEMO_U_PK)) continue;
            rate *= 1.4;
        }
        int nnew = demo_rng_poisson(&r, rate);
        for (int i = 0; i < nnew; i++) {
            int64_t opened = demo_utc(c, d, -demo_rng_range(&r, 0, 86399));
            int last = d + duration(&r, D), n = case_subjects(c, &r, u, s);
            if (demo_case_add(c, opened, close_time(c, &r, last), d, last, 0, who, s, n) < 0)
                return -1;
        }
    }
    return 0;
}

int demo_case_build(demo_ctx *c)
{
    for (uint32_t a = 0; a < c->nact; a++)
        if (actor_cases(c, a) < 0) return demo_fail(c, "out of memory building cases");
    for (int u = 0; u < DEMO_NUNITS; u++)
        if (unit_cases(c, u) < 0) return demo_fail(c, "out of memory building cases");
    return 0;
}

typedef struct opened_idx {
    int64_t opened;
    uint32_t idx;
} opened_idx;

static int by_opened(const void *x, const void *y)
{
    const opened_idx *a = x, *b = y;
    if (a->opened != b->opened) return a->opened < b->opened ? -1 : 1;
    return a->idx < b->idx ? -1 : a->idx > b->idx;
}

static int csr(const demo_ctx *c, int units, uint32_t n, uint32_t **off_out, uint32_t **list_out)
{
    uint32_t *off = calloc((size_t)n + 1, sizeof *off), *list = NULL;
    if (!off) return -1;
    for (size_t i = 0; i < c->nasg; i++) {
        uint32_t w = c->asg[i].who;
        if (!!(w & DEMO_UNIT_BIT) == units) off[(w & ~DEMO_UNIT_BIT) + 1]++;
    }
    for (uint32_t i = 0; i < n; i++)
        off[i + 1] += off[i];
    list = malloc(((size_t)off[n] + 1) * sizeof *list);
    uint32_t *fill = calloc((size_t)n + 1, sizeof *fill);
    if (!list || !fill) {
        free(off);
        free(list);
        free(fill);
        return -1;
    }
    for (size_t i = 0; i < c->nasg; i++) {
        uint32_t w = c->asg[i].who;
        if (!!(w & DEMO_UNIT_BIT) != units) continue;
        w &= ~DEMO_UNIT_BIT;
        list[off[w] + fill[w]++] = c->asg[i].kase;
    }
    free(fill);
    *off_out = off;
    *list_out = list;
    return 0;
}

/* Numbers cases per year in order of registration, and indexes them by assignee. */
int demo_case_finish(demo_ctx *c)
{
    opened_idx *order = malloc((c->ncases + 1) * sizeof *order);
    if (!order) return demo_fail(c, "out of memory numbering cases");
    for (uint32_t i = 0; i < c->ncases; i++)
        order[i] = (opened_idx){c->cases[i].opened, i};
    qsort(order, c->ncases, sizeof *order, by_opened);
    int year = -1;
    uint32_t num = 0;
    for (size_t i = 0; i < c->ncases; i++) {
        char ts[32];
        ts_format(order[i].opened, ts);
        int y = atoi(ts);
        if (y != year) {
            year = y;
            num = 0;
        }
        c->cases[order[i].idx].num = ++num;
    }
    free(order);
    if (csr(c, 0, c->nact, &c->act_case_off, &c->act_case) < 0 ||
        csr(c, 1, DEMO_NUNITS, &c->unit_case_off, &c->unit_case) < 0)
        return demo_fail(c, "out of memory indexing cases");
    return 0;
}

static int links(const demo_ctx *c, uint32_t k, uint32_t subj)
{
    const demo_case *cs = &c->cases[k];
    for (int i = 0; i < cs->nsubj; i++)
        if (c->case_subj[cs->subj_first + (uint32_t)i] == subj) return 1;
    return 0;
}

static int in_window(const demo_case *cs, int64_t t)
{
    return t == INT64_MIN || (t >= cs->opened - GRACE_MS && t <= cs->closed);
}

int demo_case_explains(const demo_ctx *c, uint32_t actor, uint32_t subj, int64_t t)
{
    for (uint32_t i = c->act_case_off[actor]; i < c->act_case_off[actor + 1]; i++)
        if (in_window(&c->cases[c->act_case[i]], t) && links(c, c->act_case[i], subj)) return 1;
    uint32_t u = c->act[actor].unit;
    for (uint32_t i = c->unit_case_off[u]; i < c->unit_case_off[u + 1]; i++)
        if (in_window(&c->cases[c->unit_case[i]], t) && links(c, c->unit_case[i], subj)) return 1;
    return 0;
}
