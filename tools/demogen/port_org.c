/* port_org — the terminal and the customs post: units and their work,
 * staff (each with a pass record of their own), shipping lines, companies,
 * trucks and drivers. Containers come with their visits (port_case.c). */
#include "port_int.h"
#include "util/strmap.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

const char *const port_sys_names[PORT_NSYS] = {"tos", "gate", "dms", "pass"};
const char *const port_st_names[PORT_NST] = {"container", "vehicle", "person", "company"};
/* fictitious shipping lines' owner codes */
const char *const port_line_codes[PORT_NLINES] = {"NZL", "KRV", "ATX", "HLM", "OSV", "BRZ",
                                                  "MRD", "CSQ", "VTK", "PNX", "GLD", "ERB"};

#define PLAN(n)                                                                                    \
    {                                                                                              \
        "planning-" #n, "planner", "vessel and yard planning", 0.03, 3, PORT_SCHED_OFFICE, 0, 14,  \
            0.04, {1, 0, 0, 0}, 0, 0.25, 0                                                         \
    }
const port_unit_info port_units[PORT_NUNITS] = {
    PLAN(1),
    PLAN(2),
    PLAN(3),
    PLAN(4),
    PLAN(5),
    PLAN(6),
    {"gate",
     "gate clerk",
     "gate transaction",
     0.12,
     5,
     PORT_SCHED_ROTA,
     0,
     24,
     0.12,
     {0.2, 0.8, 0, 0},
     0,
     0.3,
     0},
    {"security",
     "security officer",
     "access control",
     0.08,
     5,
     PORT_SCHED_ROTA,
     0,
     8,
     0.5,
     {0, 0.35, 0.65, 0},
     0.3,
     0.05,
     0},
    {"yard",
     "equipment controller",
     "yard operations",
     0.22,
     5,
     PORT_SCHED_ROTA,
     0,
     5,
     0.06,
     {1, 0, 0, 0},
     0,
     0.3,
     0},
    {"customer-service",
     "customer service agent",
     "customer request",
     0.08,
     3,
     PORT_SCHED_OFFICE,
     0,
     10,
     0.1,
     {0.7, 0, 0, 0.3},
     2,
     0.2,
     0.02},
    {"customs-inspection",
     "customs officer",
     "customs inspection",
     0.10,
     4,
     PORT_SCHED_OFFICE,
     1,
     7,
     0.06,
     {1, 0, 0, 0},
     0,
     0.3,
     0.05},
    {"customs-targeting",
     "risk analyst",
     "risk analysis",
     0.03,
     3,
     PORT_SCHED_OFFICE,
     1,
     18,
     0.85,
     {0.8, 0, 0, 0.2},
     0,
     0,
     0},
    {"customs-declarations",
     "declarations officer",
     "declaration check",
     0.06,
     2,
     PORT_SCHED_OFFICE,
     1,
     10,
     0.08,
     {0.7, 0, 0, 0.3},
     0,
     0.2,
     0},
    {"it",
     "application manager",
     "application support",
     0.03,
     2,
     PORT_SCHED_OFFICE,
     0,
     2,
     0.4,
     {1, 0, 0, 0},
     0.4,
     0.05,
     0},
    {"administration",
     "staff",
     "administration",
     0.07,
     2,
     PORT_SCHED_OFFICE,
     0,
     0.4,
     0.3,
     {0.6, 0, 0, 0.4},
     0.05,
     0,
     0.05},
};

int port_subj_add(port_ctx *p, const char *id, int type)
{
    if (gen_grow((void **)&p->subj, &p->subj_cap, p->nsubj + 1, sizeof *p->subj) < 0)
        return demo_fail(&p->m, "out of memory");
    port_subj *s = &p->subj[p->nsubj];
    memset(s, 0, sizeof *s);
    snprintf(s->id, sizeof s->id, "%s", id);
    s->type = (uint8_t)type;
    if (!p->count[type]) p->first[type] = (uint32_t)p->nsubj;
    p->count[type]++;
    p->nsubj++;
    return 0;
}

/* A Rotterdam-region postcode and house number. */
static void address(demo_rng *r, char pc[8], char house[8])
{
    static const char letters[] = "ABCEGHJKLMNPRTVWXZ";
    snprintf(pc, 8, "%04d%c%c", demo_rng_range(r, 2900, 3299), letters[demo_rng_below(r, 18)],
             letters[demo_rng_below(r, 18)]);
    snprintf(house, 8, "%d", demo_rng_range(r, 1, 180));
}

static int person(port_ctx *p, strmap *seen, uint32_t *pass)
{
    char id[16];
    *pass += 1 + demo_rng_below(&p->rng, 40);
    snprintf(id, sizeof id, "pas-%07u", *pass);
    int64_t name = demo_names_draw(&p->m);
    if (name < 0 || port_subj_add(p, id, PORT_ST_PERSON) < 0) return -1;
    port_subj *s = &p->subj[p->nsubj - 1];
    s->surname = (uint32_t)name;
    address(&p->rng, s->postcode, s->house);
    uint32_t ignored;
    return strmap_intern(seen, id, strlen(id), &ignored) < 0 ? -1 : 0;
}

/* Companies (hauliers, forwarders, shippers), trucks, drivers. */
static int register_build(port_ctx *p, strmap *seen)
{
    uint32_t ncomp = 40 + (uint32_t)p->nact_req / 5, ntruck = (uint32_t)p->nact_req * 2,
             ndriver = (uint32_t)p->nact_req * 3;
    char id[16];
    uint32_t ignored;
    for (uint32_t i = 0; i < ncomp; i++) {
        do
            port_ean13(&p->rng, id);
        while (strmap_find(seen, id, strlen(id)) >= 0);
        if (strmap_intern(seen, id, strlen(id), &ignored) < 0 ||
            port_subj_add(p, id, PORT_ST_COMPANY) < 0)
            return -1;
    }
    for (uint32_t i = 0; i < ntruck; i++) {
        do
            demo_plate(&p->rng, id);
        while (strmap_find(seen, id, strlen(id)) >= 0);
        if (strmap_intern(seen, id, strlen(id), &ignored) < 0 ||
            port_subj_add(p, id, PORT_ST_VEHICLE) < 0)
            return -1;
    }
    uint32_t pass = 1000000;
    for (uint32_t i = 0; i < ndriver; i++)
        if (person(p, seen, &pass) < 0) return -1;
    p->ndrivers = ndriver;
    /* staff's own pass records follow (build_staff), then a few sensitive
     * pass holders: liaison officers of police and the Royal Marechaussee */
    return 0;
}

static int unit_sizes(port_ctx *p, uint32_t n[PORT_NUNITS])
{
    int total = 0;
    for (int u = 0; u < PORT_NUNITS; u++) {
        int k = (int)(port_units[u].share * p->nact_req);
        if (k < port_units[u].min) k = port_units[u].min;
        n[u] = (uint32_t)k;
        total += k;
    }
    int yard = (int)n[PORT_U_YARD] + p->nact_req - total;
    if (yard < port_units[PORT_U_YARD].min) return demo_fail(&p->m, "too few actors for a port");
    n[PORT_U_YARD] = (uint32_t)yard;
    return 0;
}

static void habits(port_ctx *p, port_actor *a, uint32_t k)
{
    const port_unit_info *ui = &port_units[a->unit];
    demo_rng *r = &p->rng;
    a->lead = k == 0;
    a->team = (uint8_t)(k % 5);
    a->off_day = demo_rng_chance(r, 0.2) ? (uint8_t)demo_rng_below(r, 5) : 7;
    a->start_day = -demo_rng_range(r, 60, 6000);
    a->vac_from = demo_rng_chance(r, 0.25) ? demo_rng_range(r, -5, p->days) : -1000;
    a->vac_len = demo_rng_range(r, 3, 10);
    a->shift_start = (int32_t)(7.5 * 3600 + demo_rng_below(r, 6000));
    a->shift_len = (int32_t)(8 * 3600 + demo_rng_below(r, 3600));
    double f = exp(0.35 * demo_rng_normal(r));
    a->rate = ui->rate * f * (a->lead ? 0.4 : 1);
    a->swap_from = a->swap_to = -1;
    a->surge_from = a->surge_to = -1;
}

static int build_staff(port_ctx *p, strmap *seen)
{
    uint32_t n[PORT_NUNITS];
    if (unit_sizes(p, n) < 0) return -1;
    p->act = calloc((size_t)p->nact_req, sizeof *p->act);
    if (!p->act) return demo_fail(&p->m, "out of memory");
    uint32_t pass = 5000000, ws = 0, num[2] = {10000, 40000};
    for (int u = 0; u < PORT_NUNITS; u++) {
        p->unit_first[u] = p->nact;
        p->unit_n[u] = n[u];
        for (uint32_t k = 0; k < n[u]; k++) {
            port_actor *a = &p->act[p->nact++];
            a->unit = (uint8_t)u;
            int cu = port_units[u].customs;
            num[cu] += 1 + demo_rng_below(&p->rng, 30);
            snprintf(a->id, sizeof a->id, "%c%05u", cu ? 'd' : 't', num[cu]);
            habits(p, a, k);
            a->ws = ++ws;
            if (person(p, seen, &pass) < 0) return -1;
            a->person = (uint32_t)p->nsubj - 1;
            p->subj[a->person].prot = DEMO_PROT_EMPLOYEE;
            a->surname = p->subj[a->person].surname;
            memcpy(a->postcode, p->subj[a->person].postcode, 8);
            memcpy(a->house, p->subj[a->person].house, 8);
        }
    }
    for (int i = 0; i < 6; i++) {
        if (person(p, seen, &pass) < 0) return -1;
        p->subj[p->nsubj - 1].prot = DEMO_PROT_SENSITIVE;
    }
    return 0;
}

int port_org_build(port_ctx *p)
{
    strmap *seen = strmap_new();
    if (!seen) return demo_fail(&p->m, "out of memory");
    int rc = demo_names_init(&p->m) < 0 || register_build(p, seen) < 0 || build_staff(p, seen) < 0
                 ? -1
                 : 0;
    strmap_free(seen);
    if (rc < 0 && !p->m.err[0]) demo_fail(&p->m, "out of memory");
    return rc;
}

void port_ctx_free(port_ctx *p)
{
    free(p->subj);
    free(p->act);
    free(p->cases);
    free(p->asg);
    free(p->ud_off);
    free(p->ud);
    free(p->ac_off);
    free(p->ac);
    free(p->vday);
    free(p->inc);
    free(p->ev);
    free(p->plants);
    free(p->plant_subj);
    free(p->plant_subj_off);
    demo_ctx_free(&p->m);
}
