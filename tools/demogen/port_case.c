/* port_case — the terminal's and the customs post's cases and who holds
 * them. A visit is a container's stay, from its pre-notification to its
 * departure; it concerns the container, the truck and driver that bring or
 * fetch it and their haulier, and is assigned to the planning team of its
 * shipping line and the yard for the stay, and to the gate on the days it
 * passes the gate. Customs selects some containers for an inspection,
 * assigned to one officer, and checks some declarations; customer service
 * has its tickets; security, IT and administration hold unit cases. */
#include "port_int.h"

#include <stdlib.h>
#include <string.h>

enum { SALT_CASE = 102 };
#define FIRST_ARRIVAL                                                                              \
    (-7) /* visits arriving a week before the period are still on the terminal                     \
          */

int64_t port_case_add(port_ctx *p, int kind, const char *id, int64_t opened, int64_t closed,
                      int first_day, int last_day, const uint32_t *subj, int n)
{
    if (gen_grow((void **)&p->cases, &p->cases_cap, p->ncases + 1, sizeof *p->cases) < 0)
        return demo_fail(&p->m, "out of memory");
    port_case *k = &p->cases[p->ncases];
    memset(k, 0, sizeof *k);
    snprintf(k->id, sizeof k->id, "%s", id);
    k->kind = (uint8_t)kind;
    k->opened = opened;
    k->closed = closed;
    k->first_day = first_day;
    k->last_day = last_day;
    for (int i = 0; i < n && i < 4; i++)
        k->subj[k->nsubj++] = subj[i];
    return (int64_t)p->ncases++;
}

int port_assign_add(port_ctx *p, uint32_t kase, uint32_t who, int64_t from, int64_t to)
{
    if (gen_grow((void **)&p->asg, &p->asg_cap, p->nasg + 1, sizeof *p->asg) < 0)
        return demo_fail(&p->m, "out of memory");
    p->asg[p->nasg++] = (port_assign){kase, who, from, to};
    return 0;
}

static int64_t at(const port_ctx *p, int day, int64_t sec)
{
    return demo_utc(&p->m, day, sec);
}

static int64_t until(const port_ctx *p, int day, int64_t sec)
{
    return day >= p->days ? DEMO_OPEN : at(p, day, sec);
}

static uint32_t pick(demo_rng *r, const port_ctx *p, int type)
{
    uint32_t n = type == PORT_ST_PERSON ? p->ndrivers : p->count[type];
    return p->first[type] + demo_rng_below(r, n);
}

static int visit(port_ctx *p, demo_rng *r, int a, int line, uint32_t *serial, uint32_t *num)
{
    int stay = 1 + demo_rng_poisson(r, 3.0);
    if (stay > 12) stay = 12;
    int dep = a + stay;
    char cid[16], vid[20];
    serial[line] += 1 + demo_rng_below(r, 29);
    port_container_id(port_line_codes[line], serial[line], cid);
    if (port_subj_add(p, cid, PORT_ST_CONTAINER) < 0) return -1;
    uint32_t cont = (uint32_t)p->nsubj - 1;
    p->subj[cont].line = (uint8_t)line;
    uint32_t s[4] = {cont, pick(r, p, PORT_ST_VEHICLE), pick(r, p, PORT_ST_PERSON),
                     pick(r, p, PORT_ST_COMPANY)};
    if (dep < 0) return 0; /* gone before the period: the container is only registered */
    *num += 1 + demo_rng_below(r, 3);
    snprintf(vid, sizeof vid, "V%07u", *num);
    int64_t opened = at(p, a - 2, demo_rng_range(r, 7 * 3600, 20 * 3600));
    int64_t closed = until(p, dep, demo_rng_range(r, 6 * 3600, 23 * 3600));
    int64_t k = port_case_add(p, PORT_K_VISIT, vid, opened, closed, a - 2, dep, s, 4);
    if (k < 0) return -1;
    p->cases[k].line = (uint8_t)line;
    uint32_t kk = (uint32_t)k;
    if (port_assign_add(p, kk, DEMO_UNIT_BIT | (uint32_t)(PORT_U_PLAN0 + line / 2), opened,
                        closed) < 0 ||
        port_assign_add(p, kk, DEMO_UNIT_BIT | PORT_U_YARD, at(p, a, 0), until(p, dep, 86399)) <
            0 ||
        port_assign_add(p, kk, DEMO_UNIT_BIT | PORT_U_GATE, at(p, a, 0), until(p, a, 86399)) < 0 ||
        port_assign_add(p, kk, DEMO_UNIT_BIT | PORT_U_GATE, at(p, dep, 0), at(p, dep, 86399)) < 0)
        return -1;
    return 0;
}

/* An actor of unit u who works on day d, or DEMO_NONE. */
static uint32_t on_duty(const port_ctx *p, demo_rng *r, int u, int d)
{
    for (int tries = 0; tries < 12; tries++) {
        uint32_t a = p->unit_first[u] + demo_rng_below(r, p->unit_n[u]);
        port_day o;
        port_schedule(p, a, d, &o);
        if (o.works && !p->act[a].lead) return a;
    }
    return DEMO_NONE;
}

static int customs(port_ctx *p, demo_rng *r, uint32_t v, uint32_t *ins, uint32_t *dec)
{
    const port_case *vk = &p->cases[v];
    int a = vk->first_day + 2, dep = vk->last_day;
    uint32_t cont = vk->subj[0], comp = vk->subj[3];
    char id[20];
    if (demo_rng_chance(r, 0.03)) {
        int d = demo_rng_range(r, a, dep - 1);
        uint32_t who = d >= 0 && d < p->days ? on_duty(p, r, PORT_U_INSP, d) : DEMO_NONE;
        if (who != DEMO_NONE) {
            *ins += 1 + demo_rng_below(r, 4);
            snprintf(id, sizeof id, "INS-26-%05u", *ins);
            int64_t k = port_case_add(p, PORT_K_INSPECTION, id, at(p, d - 1, 15 * 3600),
                                      until(p, d + 1, 17 * 3600), d, d, &cont, 1);
            if (k < 0 ||
                port_assign_add(p, (uint32_t)k, who, p->cases[k].opened, p->cases[k].closed) < 0)
                return -1;
            if (demo_rng_chance(r, 0.05) &&
                gen_grow((void **)&p->inc, &p->inc_cap, p->ninc + 1, sizeof *p->inc) == 0)
                p->inc[p->ninc++] = (port_incident){cont, at(p, d, demo_rng_range(r, 36000, 57600)),
                                                    PORT_INC_SEIZURE};
        }
    }
    if (demo_rng_chance(r, 0.05)) {
        int d = a - 1;
        uint32_t who = d >= 0 && d < p->days ? on_duty(p, r, PORT_U_CLEAR, d) : DEMO_NONE;
        if (who != DEMO_NONE) {
            *dec += 1 + demo_rng_below(r, 7);
            snprintf(id, sizeof id, "DEC-26-%06u", *dec);
            uint32_t s[2] = {cont, comp};
            int64_t k =
                port_case_add(p, PORT_K_DECLARATION, id, at(p, d, 8 * 3600),
                              until(p, d + demo_rng_range(r, 1, 3), 16 * 3600), d, d + 1, s, 2);
            if (k < 0 ||
                port_assign_add(p, (uint32_t)k, who, p->cases[k].opened, p->cases[k].closed) < 0)
                return -1;
        }
    }
    return 0;
}

static int visits(port_ctx *p, demo_rng *r)
{
    uint32_t serial[PORT_NLINES], num = 3100000, ins = 0, dec = 0;
    for (int l = 0; l < PORT_NLINES; l++)
        serial[l] = 100000 + demo_rng_below(r, 300000);
    int ndays = p->days - FIRST_ARRIVAL;
    p->vday = calloc((size_t)ndays + 1, sizeof *p->vday);
    if (!p->vday) return demo_fail(&p->m, "out of memory");
    double per_day = p->nact_req * 0.9;
    for (int a = FIRST_ARRIVAL; a < p->days; a++) {
        p->vday[a - FIRST_ARRIVAL] = (uint32_t)p->ncases;
        int n = demo_rng_poisson(r, per_day);
        int surge = a == p->surge_day ? (int)(per_day * 0.5) : 0;
        for (int i = 0; i < n + surge; i++) {
            int line = i < n ? (int)demo_rng_below(r, PORT_NLINES) : p->surge_line;
            if (visit(p, r, a, line, serial, &num) < 0) return -1;
        }
    }
    p->vday[ndays] = (uint32_t)p->ncases;
    uint32_t nvisits = (uint32_t)p->ncases;
    for (uint32_t v = 0; v < nvisits; v++)
        if (customs(p, r, v, &ins, &dec) < 0) return -1;
    return 0;
}

/* A visit on the terminal on day d (arrived in the four days before). */
static uint32_t active_visit(const port_ctx *p, demo_rng *r, int d)
{
    for (int tries = 0; tries < 20; tries++) {
        int a = d - (int)demo_rng_below(r, 4);
        uint32_t lo = p->vday[a - FIRST_ARRIVAL], hi = p->vday[a - FIRST_ARRIVAL + 1];
        if (hi <= lo) continue;
        uint32_t v = lo + demo_rng_below(r, hi - lo);
        if (p->cases[v].last_day >= d) return v;
    }
    uint32_t by_d = p->vday[d - FIRST_ARRIVAL + 1]; /* failing that, the last to arrive by d */
    return by_d > 0 ? by_d - 1 : 0;
}

static int small_cases(port_ctx *p, demo_rng *r)
{
    static const char *const prefix[PORT_NUNITS] = {
        [PORT_U_SERVICE] = "SR", [PORT_U_SEC] = "SEC", [PORT_U_IT] = "IT", [PORT_U_ADMIN] = "ADM"};
    uint32_t num[PORT_NUNITS] = {0};
    char id[20];
    for (int d = 0; d < p->days; d++)
        for (int u = 0; u < PORT_NUNITS; u++) {
            if (!prefix[u]) continue;
            int n = demo_rng_poisson(r, port_units[u].own_cases * p->unit_n[u] * 5 / 7.0);
            for (int i = 0; i < n; i++) {
                uint32_t v = active_visit(p, r, d), s[2];
                int ns = 2;
                s[0] = p->cases[v].subj[0];
                s[1] = p->cases[v].subj[3];
                if (u == PORT_U_SEC) {
                    s[0] = p->cases[v].subj[demo_rng_chance(r, 0.5) ? 1 : 2];
                    ns = 1;
                } else if (u == PORT_U_IT) {
                    ns = 1;
                }
                num[u] += 1 + demo_rng_below(r, 3);
                snprintf(id, sizeof id, "%s-%06u", prefix[u], num[u]);
                int len = demo_rng_range(r, 1, 4);
                int64_t open = at(p, d, demo_rng_range(r, 8 * 3600, 16 * 3600));
                int64_t k = port_case_add(p, u == PORT_U_SERVICE ? PORT_K_TICKET : PORT_K_UNIT, id,
                                          open, until(p, d + len, 15 * 3600), d, d + len, s, ns);
                uint32_t who = u == PORT_U_SERVICE ? on_duty(p, r, u, d) : DEMO_NONE;
                if (who == DEMO_NONE) who = DEMO_UNIT_BIT | (uint32_t)u;
                if (k < 0 || port_assign_add(p, (uint32_t)k, who, open, p->cases[k].closed) < 0)
                    return -1;
            }
        }
    return 0;
}

int port_case_build(port_ctx *p)
{
    demo_rng r;
    demo_rng_derive(&r, p->m.seed, SALT_CASE, 0, 0);
    return visits(p, &r) < 0 || small_cases(p, &r) < 0 ? -1 : 0;
}

static int day_clamp(const port_ctx *p, int64_t t, int dflt)
{
    if (t == DEMO_OPEN) return dflt;
    int d = demo_day_of(&p->m, t);
    return d < 0 ? -1 : d >= p->days ? p->days : d;
}

int port_case_index(port_ctx *p)
{
    size_t rows = (size_t)PORT_NUNITS * (size_t)p->days;
    p->ud_off = calloc(rows + 1, sizeof *p->ud_off);
    p->ac_off = calloc((size_t)p->nact + 1, sizeof *p->ac_off);
    if (!p->ud_off || !p->ac_off) return demo_fail(&p->m, "out of memory");
    for (int pass = 0; pass < 2; pass++) {
        uint32_t *ufill = NULL, *afill = NULL;
        if (pass == 1) {
            for (size_t i = 0; i < rows; i++)
                p->ud_off[i + 1] += p->ud_off[i];
            for (uint32_t i = 0; i < p->nact; i++)
                p->ac_off[i + 1] += p->ac_off[i];
            p->ud = malloc(((size_t)p->ud_off[rows] + 1) * sizeof *p->ud);
            p->ac = malloc(((size_t)p->ac_off[p->nact] + 1) * sizeof *p->ac);
            ufill = calloc(rows + 1, sizeof *ufill);
            afill = calloc((size_t)p->nact + 1, sizeof *afill);
            if (!p->ud || !p->ac || !ufill || !afill) {
                free(ufill);
                free(afill);
                return demo_fail(&p->m, "out of memory");
            }
        }
        for (size_t i = 0; i < p->nasg; i++) {
            const port_assign *a = &p->asg[i];
            if (!(a->who & DEMO_UNIT_BIT)) {
                if (pass == 0)
                    p->ac_off[a->who + 1]++;
                else
                    p->ac[p->ac_off[a->who] + afill[a->who]++] = a->kase;
                continue;
            }
            int u = (int)(a->who & ~DEMO_UNIT_BIT);
            int from = day_clamp(p, a->from, 0), to = day_clamp(p, a->to, p->days - 1);
            if (from < 0) from = 0;
            if (to >= p->days) to = p->days - 1;
            for (int d = from; d <= to; d++) {
                size_t row = (size_t)u * (size_t)p->days + (size_t)d;
                if (pass == 0)
                    p->ud_off[row + 1]++;
                else
                    p->ud[p->ud_off[row] + ufill[row]++] = a->kase;
            }
        }
        free(ufill);
        free(afill);
    }
    return 0;
}

static int concerns(const port_case *k, uint32_t subj)
{
    for (int i = 0; i < k->nsubj; i++)
        if (k->subj[i] == subj) return 1;
    return 0;
}

int port_explains(const port_ctx *p, uint32_t actor, uint32_t subj, int64_t t)
{
    const int64_t grace = 48 * 3600000LL;
    for (uint32_t i = p->ac_off[actor]; i < p->ac_off[actor + 1]; i++) {
        const port_case *k = &p->cases[p->ac[i]];
        if (t >= k->opened - grace && (k->closed == DEMO_OPEN || t <= k->closed) &&
            concerns(k, subj))
            return 1;
    }
    int d = demo_day_of(&p->m, t);
    if (d < 0 || d >= p->days) return 0;
    size_t row = (size_t)p->act[actor].unit * (size_t)p->days + (size_t)d;
    for (uint32_t i = p->ud_off[row]; i < p->ud_off[row + 1]; i++)
        if (concerns(&p->cases[p->ud[i]], subj)) return 1;
    return 0;
}
