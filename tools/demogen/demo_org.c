/* demo_org — the population register (households at addresses grouped by
 * postcode, vehicles), the staff and their habits, protected subjects. */
#include "demo_int.h"
#include "util/strmap.h"

#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#define PERSONS_PER_ACTOR 200
#define VEHICLES_PER_ACTOR 30

int demo_fail(demo_ctx *c, const char *fmt, ...)
{
    if (c->err && c->errlen) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(c->err, c->errlen, fmt, ap);
        va_end(ap);
    }
    return -1;
}

/* A resident: never one of the IT test persons. */
uint32_t demo_random_person(demo_ctx *c, demo_rng *r)
{
    return demo_rng_below(r, c->nreg_persons);
}

/* ---- a set of 32-bit numbers, to keep BSNs unique ------------------- */
typedef struct u32set {
    uint32_t *slot; /* value + 1, 0 = empty */
    size_t cap;
} u32set;

static int u32set_add(u32set *s, uint32_t v) /* 1 added, 0 present */
{
    size_t i = (size_t)((v * 0x9e3779b1u) & (s->cap - 1));
    while (s->slot[i]) {
        if (s->slot[i] == v + 1) return 0;
        i = (i + 1) & (s->cap - 1);
    }
    s->slot[i] = v + 1;
    return 1;
}

static int add_subject(demo_ctx *c, const char *id, int type, uint32_t name, uint32_t addr)
{
    if (gen_grow((void **)&c->subj, &c->subj_cap, c->nsubj + 1, sizeof *c->subj) < 0) return -1;
    demo_subj *s = &c->subj[c->nsubj++];
    memset(s, 0, sizeof *s);
    snprintf(s->id, sizeof s->id, "%s", id);
    s->type = (uint8_t)type;
    s->surname = name;
    s->addr = addr;
    if (type == DEMO_ST_PERSON) c->name_n[name]++;
    return 0;
}

/* Fills address a with a household of n persons (n = 0: a realistic size). */
static int household(demo_ctx *c, u32set *bsns, uint32_t a, int n)
{
    static const double sizes[] = {38, 33, 12, 12, 4, 1};
    demo_rng *r = &c->rng;
    if (!n) n = 1 + demo_rng_pick(r, sizes, 6);
    int64_t name = demo_names_draw(c), partner = name;
    if (name < 0) return -1;
    if (n >= 2 && demo_rng_chance(r, 0.3)) {
        partner = demo_names_draw(c);
        if (partner < 0) return -1;
    }
    c->addr[a].first = (uint32_t)c->nsubj;
    c->addr[a].n = (uint16_t)n;
    for (int i = 0; i < n; i++) {
        char id[12];
        do
            demo_bsn(r, id);
        while (!u32set_add(bsns, (uint32_t)strtoul(id, NULL, 10)));
        if (add_subject(c, id, DEMO_ST_PERSON, (uint32_t)(i == 1 ? partner : name), a) < 0)
            return -1;
    }
    return 0;
}

/* Postcodes "dddd LL" from one area; each has 6..24 occupied addresses. */
static int build_register(demo_ctx *c)
{
    demo_rng *r = &c->rng;
    size_t target = (size_t)c->nact_req * PERSONS_PER_ACTOR;
    u32set bsns = {0};
    strmap *plates = NULL;
    int rc = -1;
    bsns.cap = 1;
    while (bsns.cap < target * 3)
        bsns.cap <<= 1;
    bsns.slot = calloc(bsns.cap, sizeof *bsns.slot);
    if (!bsns.slot) goto fail;

    /* postcode letters: F, I, O, Q, U and Y are not used; SA, SD, SS are not issued */
    static const char pcl[] = "ABCDEGHJKLMNPRSTVWXZ";
    const int npcl = (int)sizeof pcl - 1;
    int area = demo_rng_range(r, 1011, 8900), letter = 0;
    while (c->nsubj < target) {
        char pc[8];
        char l1 = pcl[letter / npcl], l2 = pcl[letter % npcl];
        letter += demo_rng_range(r, 1, 3);
        if (letter >= npcl * npcl) {
            letter = 0;
            area++;
        }
        if (l1 == 'S' && (l2 == 'A' || l2 == 'D' || l2 == 'S')) continue;
        snprintf(pc, sizeof pc, "%04d%c%c", area, l1, l2);
        int naddr = demo_rng_range(r, 6, 24), house = demo_rng_range(r, 1, 40);
        int step = demo_rng_chance(r, 0.6) ? 2 : 1;
        uint32_t pc_first = (uint32_t)c->naddr;
        for (int i = 0; i < naddr; i++) {
            if (gen_grow((void **)&c->addr, &c->addr_cap, c->naddr + 1, sizeof *c->addr) < 0)
                goto fail;
            demo_addr *ad = &c->addr[c->naddr];
            memset(ad, 0, sizeof *ad);
            snprintf(ad->postcode, sizeof ad->postcode, "%s", pc);
            if (demo_rng_chance(r, 0.04))
                snprintf(ad->house, sizeof ad->house, "%d%c", house, 'A' + demo_rng_range(r, 0, 2));
            else
                snprintf(ad->house, sizeof ad->house, "%d", house);
            house += step;
            ad->pc_first = pc_first;
            ad->pc_n = (uint16_t)naddr;
            if (household(c, &bsns, (uint32_t)c->naddr, 0) < 0) goto fail;
            c->naddr++;
        }
    }
    c->nreg_persons = (uint32_t)c->nsubj;
    c->nreg_addr = c->naddr;
    /* IT test persons: a few households in a postcode of their own, so no
     * resident's case, neighbour or housemate look-up ever reaches them */
    int ntest = demo_rng_range(r, 2, 3), house = demo_rng_range(r, 1, 30);
    char pc[8];
    char l1 = pcl[demo_rng_below(r, (uint32_t)npcl)]; /* one draw per statement */
    snprintf(pc, sizeof pc, "%04d%c%c", (area + 1) % 10000, l1,
             pcl[demo_rng_below(r, (uint32_t)npcl)]);
    if (gen_grow((void **)&c->addr, &c->addr_cap, c->naddr + (size_t)ntest, sizeof *c->addr) < 0)
        goto fail;
    for (int i = 0; i < ntest; i++) {
        demo_addr *ad = &c->addr[c->naddr];
        memset(ad, 0, sizeof *ad);
        snprintf(ad->postcode, sizeof ad->postcode, "%s", pc);
        snprintf(ad->house, sizeof ad->house, "%d", house + 2 * i);
        ad->pc_first = (uint32_t)c->nreg_addr;
        ad->pc_n = (uint16_t)ntest;
        if (household(c, &bsns, (uint32_t)c->naddr, demo_rng_range(r, 2, 4)) < 0) goto fail;
        c->naddr++;
    }
    c->npersons = (uint32_t)c->nsubj;
    c->ntest_subj = c->npersons - c->nreg_persons;
    c->test_subj = malloc(c->ntest_subj * sizeof *c->test_subj);
    if (!c->test_subj) goto fail;
    for (uint32_t i = 0; i < c->ntest_subj; i++)
        c->test_subj[i] = c->nreg_persons + i;

    plates = strmap_new();
    if (!plates) goto fail;
    size_t nveh = (size_t)c->nact_req * VEHICLES_PER_ACTOR;
    for (size_t i = 0; i < nveh; i++) {
        char id[12];
        uint32_t tmp;
        int added;
        do {
            demo_plate(r, id);
            added = strmap_intern(plates, id, strlen(id), &tmp);
            if (added < 0) goto fail;
        } while (!added);
        if (add_subject(c, id, DEMO_ST_VEHICLE, 0, DEMO_NONE) < 0) goto fail;
    }
    rc = 0;
fail:
    free(bsns.slot);
    strmap_free(plates);
    return rc;
}

static int unit_sizes(demo_ctx *c)
{
    int total = c->nact_req, assigned = 0;
    double sum = 0;
    for (int u = 0; u < DEMO_NUNITS; u++)
        sum += demo_units[u].share;
    for (int u = 0; u < DEMO_NUNITS; u++) {
        int n = (int)floor(total * demo_units[u].share / sum);
        if (n < demo_units[u].min) n = demo_units[u].min;
        c->unit_n[u] = (uint32_t)n;
        assigned += n;
    }
    /* the front office absorbs the rounding, so the total is exact */
    int bz = (int)c->unit_n[DEMO_U_BZ] + (total - assigned);
    if (bz < demo_units[DEMO_U_BZ].min) return demo_fail(c, "too few actors for the units");
    c->unit_n[DEMO_U_BZ] = (uint32_t)bz;
    return 0;
}

static uint32_t take_client(demo_ctx *c)
{
    return c->client_pool[c->next_client++];
}

uint32_t demo_new_client(demo_ctx *c)
{
    return take_client(c);
}

static void actor_roles(demo_ctx *c, uint32_t first, int u)
{
    const demo_unit_info *ui = &demo_units[u];
    uint32_t n = c->unit_n[u], k = 0;
    double w[4] = {0};
    int nr = 0;
    for (; nr < 4 && ui->roles[nr].name; nr++)
        w[nr] = ui->roles[nr].weight;
    for (int ri = 0; ri < nr; ri++)
        for (int m = 0; m < ui->roles[ri].min && k < n; m++)
            c->act[first + k++].role = (uint8_t)ri;
    for (; k < n; k++)
        c->act[first + k].role = (uint8_t)demo_rng_pick(&c->rng, w, nr);
}

static void actor_habits(demo_ctx *c, demo_actor *a, uint32_t k)
{
    demo_rng *r = &c->rng;
    const demo_unit_info *ui = &demo_units[a->unit];
    const demo_role *ro = &ui->roles[a->role];
    a->sched = (uint8_t)ui->sched;
    a->start_day = -demo_rng_range(r, 30, 9000);
    a->end_day = DEMO_NEVER;
    if (demo_rng_chance(r, 0.01))
        a->start_day = demo_rng_range(r, c->days / 4, 3 * c->days / 4);
    else if (demo_rng_chance(r, 0.012))
        a->end_day = demo_rng_range(r, c->days / 5, 4 * c->days / 5);
    a->shift_start = demo_rng_range(r, 7 * 3600 + 900, 9 * 3600 + 1800);
    a->shift_len = demo_rng_range(r, 8 * 3600, 9 * 3600);
    if (a->sched != DEMO_SCHED_ROTA) {
        double pt = demo_rng_unit(r);
        int offs = a->sched == DEMO_SCHED_FLEX ? (pt < 0.5) : (pt < 0.12 ? 2 : pt < 0.42 ? 1 : 0);
        for (int i = 0; i < offs; i++)
            a->off_days |= (uint8_t)(1u << demo_rng_range(r, 0, 4));
    }
    if (demo_rng_chance(r, ui->p_vpn)) {
        int nd = demo_rng_range(r, 1, 2);
        for (int i = 0; i < nd; i++)
            a->vpn_days |= (uint8_t)(1u << demo_rng_range(r, 0, 4));
        a->vpn_days &= (uint8_t)~a->off_days;
    }
    a->night_ok = a->unit == DEMO_U_HH && demo_rng_chance(r, 0.4);
    a->rota_off = (uint8_t)(k % 10);
    a->vac_from = a->vac_len = 0;
    if (demo_rng_chance(r, fmin(0.85, 0.5 * c->days / 30.0))) {
        a->vac_from = demo_rng_range(r, 0, c->days - 1);
        a->vac_len = demo_rng_range(r, 4, 12);
    }
    a->ws = take_client(c);
    a->vpn = take_client(c) | DEMO_CL_VPN;
    a->vpn2 = a->vpn;
    a->vpn2_day = DEMO_NEVER;
    if (a->vpn_days && demo_rng_chance(r, 0.05)) { /* laptop replaced mid-period */
        a->vpn2 = take_client(c) | DEMO_CL_VPN;
        a->vpn2_day = demo_rng_range(r, c->days / 4, c->days - 1);
    }
    double f = exp(0.35 * demo_rng_normal(r));
    if (f < 0.4) f = 0.4;
    if (f > 2.2) f = 2.2;
    if (!(ro->flags & DEMO_R_LEAD) && demo_rng_chance(r, 0.012))
        f = 2.5 + demo_rng_unit(r); /* a few heavy users everywhere */
    a->rate = ui->rate * ro->rate * f;
    a->p_unexpl = ui->p_unexpl * (0.5 + 1.1 * demo_rng_unit(r));
    a->p_case_field = fmin(0.95, fmax(0.05, ui->p_case_field + 0.3 * (demo_rng_unit(r) - 0.5) * 2));
}

/* Staff live in the town (their own record is in the register) or elsewhere. */
static void actor_home(demo_ctx *c, demo_actor *a)
{
    demo_rng *r = &c->rng;
    a->person = DEMO_NONE;
    if (demo_rng_chance(r, 0.75)) {
        for (int tries = 0; tries < 50; tries++) {
            uint32_t p = demo_random_person(c, r);
            if (c->subj[p].prot != DEMO_PROT_NONE) continue;
            c->subj[p].prot = DEMO_PROT_EMPLOYEE;
            a->person = p;
            a->surname = c->subj[p].surname;
            const demo_addr *ad = &c->addr[c->subj[p].addr];
            snprintf(a->postcode, sizeof a->postcode, "%s", ad->postcode);
            snprintf(a->house, sizeof a->house, "%s", ad->house);
            return;
        }
    }
    int64_t name = demo_names_draw(c);
    a->surname = name < 0 ? 0 : (uint32_t)name;
    int area = (atoi(c->addr[0].postcode) + demo_rng_range(r, 150, 900)) % 9000 + 1000;
    static const char pcl[] = "ABCDEGHJKLMNPRTVWXZ";
    char l1 = pcl[demo_rng_below(r, sizeof pcl - 1)]; /* one draw per statement */
    snprintf(a->postcode, sizeof a->postcode, "%04d%c%c", area, l1,
             pcl[demo_rng_below(r, sizeof pcl - 1)]);
    snprintf(a->house, sizeof a->house, "%d", demo_rng_range(r, 1, 180));
}

static int build_staff(demo_ctx *c)
{
    demo_rng *r = &c->rng;
    if (unit_sizes(c) < 0) return -1;
    c->nact = (uint32_t)c->nact_req;
    c->act = calloc(c->nact, sizeof *c->act);
    /* client numbers: unique, random, shared namespace for desks and VPN */
    c->nclient_pool = (uint32_t)(c->nact * 4 + 200);
    if (c->nclient_pool < 9800) c->nclient_pool = 9800;
    c->client_pool = malloc(c->nclient_pool * sizeof *c->client_pool);
    uint32_t nid = 89999;
    uint32_t *ids = malloc(nid * sizeof *ids);
    if (!c->act || !c->client_pool || !ids) {
        free(ids);
        return demo_fail(c, "out of memory building staff");
    }
    for (uint32_t i = 0; i < c->nclient_pool; i++)
        c->client_pool[i] = 100 + i;
    demo_rng_shuffle(r, c->client_pool, c->nclient_pool);
    for (uint32_t i = 0; i < nid; i++)
        ids[i] = 10000 + i;
    demo_rng_shuffle(r, ids, nid);

    uint32_t i = 0;
    for (int u = 0; u < DEMO_NUNITS; u++) {
        uint32_t first = i;
        for (uint32_t k = 0; k < c->unit_n[u]; k++, i++)
            c->act[i].unit = (uint8_t)u;
        actor_roles(c, first, u);
        for (uint32_t k = 0; k < c->unit_n[u]; k++) {
            demo_actor *a = &c->act[first + k];
            snprintf(a->id, sizeof a->id, "u%05u", ids[first + k]);
            actor_habits(c, a, k);
            actor_home(c, a);
        }
        for (int f = 0; f < 3; f++)
            c->flex[u][f] = take_client(c);
    }
    free(ids);
    c->nconsoles = c->unit_n[DEMO_U_MK] / 2 < 4 ? 4 : c->unit_n[DEMO_U_MK] / 2;
    c->consoles = malloc(c->nconsoles * sizeof *c->consoles);
    if (!c->consoles) return demo_fail(c, "out of memory building staff");
    for (uint32_t k = 0; k < c->nconsoles; k++)
        c->consoles[k] = take_client(c);
    return 0;
}

static void mark_protected(demo_ctx *c)
{
    demo_rng *r = &c->rng;
    uint32_t nvip = 3 + c->nact / 200, nsens = c->npersons / 500;
    while (nvip > 0) {
        uint32_t p = demo_random_person(c, r);
        if (c->subj[p].prot != DEMO_PROT_NONE) continue;
        c->subj[p].prot = DEMO_PROT_VIP;
        nvip--;
    }
    for (uint32_t k = 0; k < nsens; k++) {
        uint32_t p = demo_random_person(c, r);
        if (c->subj[p].prot == DEMO_PROT_NONE) c->subj[p].prot = DEMO_PROT_SENSITIVE;
    }
}

int demo_org_build(demo_ctx *c)
{
    if (demo_names_init(c) < 0) return demo_fail(c, "out of memory loading surnames");
    if (build_register(c) < 0) return demo_fail(c, "out of memory building the register");
    if (build_staff(c) < 0) return -1;
    mark_protected(c);
    return 0;
}

void demo_ctx_free(demo_ctx *c)
{
    for (size_t i = 0; i < c->nnames; i++)
        free(c->names[i]);
    free(c->names);
    free(c->name_n);
    strmap_free(c->name_map);
    free(c->rare_hh);
    free(c->addr);
    free(c->subj);
    free(c->act);
    free(c->consoles);
    free(c->client_pool);
    free(c->cases);
    free(c->case_subj);
    free(c->asg);
    free(c->act_case_off);
    free(c->act_case);
    free(c->unit_case_off);
    free(c->unit_case);
    free(c->inc);
    free(c->ps);
    free(c->test_subj);
    free(c->plants);
    free(c->plant_subj);
    free(c->plant_subj_off);
    free(c->use_n);
    free(c->use_first);
    free(c->use_last);
    free(c->marked);
}
