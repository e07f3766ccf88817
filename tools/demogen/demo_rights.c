/* demo_rights — the demo's authorisation data (README "The demo"):
 * rights.csv gives each person what their events used and what most of
 * their role uses (normal work is covered), from the role's grant date;
 * planted are team leads' brp:export that they never use, leavers half of
 * whom keep their rights, an external consultant in no staff register, one
 * mover who kept the old unit's rights (moves.csv), one person holding
 * both rights of the conflicts.csv pair, and exactly one look-up without a
 * right (the person's only event on that system and action, whose right
 * is withheld). */
#include "demo_int.h"

#include <stdlib.h>
#include <string.h>

#define NPAIR (DEMO_NSYS * DEMO_NACT)
#define BY "functioneel-beheer"

enum { NO_DAY = INT32_MAX };

int demo_use_init(demo_ctx *c)
{
    c->use_n = calloc((size_t)c->nact * NPAIR + 1, sizeof *c->use_n);
    c->use_first = malloc(((size_t)c->nact + 1) * sizeof *c->use_first);
    c->use_last = malloc(((size_t)c->nact + 1) * sizeof *c->use_last);
    if (!c->use_n || !c->use_first || !c->use_last) return -1;
    for (uint32_t a = 0; a < c->nact; a++) {
        c->use_first[a] = NO_DAY;
        c->use_last[a] = -NO_DAY;
    }
    return 0;
}

void demo_use_note(const demo_ctx *c, const demo_ev *e)
{
    if (!c->use_n || e->actor >= c->nact) return;
    c->use_n[(size_t)e->actor * NPAIR + e->sys * DEMO_NACT + e->act]++;
    int d = demo_day_of(c, e->ts);
    if (d < c->use_first[e->actor]) c->use_first[e->actor] = d;
    if (d > c->use_last[e->actor]) c->use_last[e->actor] = d;
}

/* What one person is given: held[pair], granted on day from[pair]. */
typedef struct grant {
    uint8_t held[NPAIR];
    int32_t from[NPAIR];
    const char *by[NPAIR];
} grant;

/* The role's core: the pairs at least half its members used. */
static void role_core(const demo_ctx *c, int unit, int role, uint8_t core[NPAIR])
{
    uint32_t members = 0, n[NPAIR] = {0};
    for (uint32_t a = 0; a < c->nact; a++) {
        if (c->act[a].unit != unit || c->act[a].role != role) continue;
        members++;
        for (int p = 0; p < NPAIR; p++)
            n[p] += c->use_n[(size_t)a * NPAIR + p] > 0;
    }
    for (int p = 0; p < NPAIR; p++)
        core[p] = members && n[p] * 2 >= members;
}

static int pair_of(int sys, int act)
{
    return sys * DEMO_NACT + act;
}

/* The planted people: indices into c->act, DEMO_NONE when none fits. */
typedef struct cast {
    uint32_t mover, conflict, unauth;
    int unauth_pair;
} cast;

static int eligible(const demo_ctx *c, uint32_t a)
{
    const demo_actor *x = &c->act[a];
    return !c->marked[a] && x->end_day == DEMO_NEVER && x->start_day < -120 &&
           x->unit != DEMO_U_IT && c->use_first[a] != NO_DAY;
}

static const char *actor_key(const void *u, uint32_t i)
{
    return ((const demo_ctx *)u)->act[i].id;
}

static void pick_cast(const demo_ctx *c, const uint32_t *order, const grant *g, cast *k)
{
    *k = (cast){DEMO_NONE, DEMO_NONE, DEMO_NONE, -1};
    int upd = pair_of(DEMO_SYS_BRP, DEMO_ACT_UPDATE);
    for (uint32_t i = 0; i < c->nact; i++) {
        uint32_t a = order[i];
        if (!eligible(c, a)) continue;
        if (k->mover == DEMO_NONE) {
            k->mover = a;
            continue;
        }
        if (k->conflict == DEMO_NONE && g[a].held[upd]) {
            k->conflict = a;
            continue;
        }
        if (k->unauth != DEMO_NONE) continue;
        /* a pair used once, while others are used too */
        int once = -1, others = 0;
        for (int p = 0; p < NPAIR; p++) {
            uint32_t n = c->use_n[(size_t)a * NPAIR + p];
            if (n == 1 && once < 0)
                once = p;
            else if (n)
                others++;
        }
        if (once >= 0 && others) {
            k->unauth = a;
            k->unauth_pair = once;
        }
    }
}

static int row(buf *b, const demo_ctx *c, const char *actor, int pair, int32_t granted,
               int32_t revoked, const char *by)
{
    char g[16], r[16] = "";
    demo_date_str(c, granted, g);
    if (revoked != NO_DAY) demo_date_str(c, revoked, r);
    return demo_csv_row(b, 6,
                        (const char *const[]){actor, demo_sys_names[pair / DEMO_NACT],
                                              demo_act_names[pair % DEMO_NACT], g, r, by});
}

/* Fills g[a] for every actor: what they used, their role's core, the
 * team leads' export. */
typedef uint8_t role_cores[DEMO_NUNITS][4][NPAIR];

static void base_grants(const demo_ctx *c, grant *g, int32_t since, role_cores core)
{
    for (int u = 0; u < DEMO_NUNITS; u++)
        for (int r = 0; r < 4 && demo_units[u].roles[r].name; r++)
            role_core(c, u, r, core[u][r]);
    for (uint32_t a = 0; a < c->nact; a++) {
        const demo_actor *x = &c->act[a];
        int32_t from = x->start_day > since ? x->start_day : since;
        if (c->use_first[a] < from) from = c->use_first[a];
        for (int p = 0; p < NPAIR; p++) {
            g[a].held[p] = core[x->unit][x->role][p] || c->use_n[(size_t)a * NPAIR + p];
            g[a].from[p] = from;
            g[a].by[p] = BY;
        }
        if (demo_units[x->unit].roles[x->role].flags & DEMO_R_LEAD) {
            int ex = pair_of(DEMO_SYS_BRP, DEMO_ACT_EXPORT);
            if (!g[a].held[ex]) g[a].held[ex] = 1;
        }
        int any = 0;
        for (int p = 0; p < NPAIR; p++)
            any |= g[a].held[p];
        if (!any) g[a].held[pair_of(DEMO_SYS_ZAAK, DEMO_ACT_VIEW)] = 1;
    }
}

static int write_rights(demo_ctx *c, const uint32_t *order, grant *g, const cast *k,
                        role_cores core, buf *b, buf *bm)
{
    int32_t since = (int32_t)(gen_days_from_civil(2024, 1, 1) - c->day0);
    int32_t moved = -60;
    int rc = buf_puts(b, "actor,system,right,granted,revoked,granted_by\n") |
             buf_puts(bm, "actor,date,from_unit,from_role,to_unit,to_role\n");
    if (k->mover != DEMO_NONE) {
        /* the mover: the old unit's rights from before, the new ones since the move */
        const demo_actor *x = &c->act[k->mover];
        int ou = (x->unit + 1) % DEMO_NUNITS;
        char day[16];
        demo_date_str(c, moved, day);
        rc |= demo_csv_row(bm, 6,
                           (const char *const[]){
                               x->id, day, demo_units[ou].name, demo_units[ou].roles[0].name,
                               demo_units[x->unit].name, demo_units[x->unit].roles[x->role].name});
        grant *m = &g[k->mover];
        for (int p = 0; p < NPAIR; p++)
            m->from[p] = moved;
        /* kept from the old unit: what its first role uses and the new
         * one does not (else a look-up right of another system) */
        int kept = 0;
        for (int p = 0; p < NPAIR && kept < 2; p++) {
            if (!core[ou][0][p] || m->held[p]) continue;
            m->held[p] = 2;
            m->from[p] = since;
            kept++;
        }
        for (int p = 0; p < NPAIR && !kept; p++) {
            if (m->held[p] || p % DEMO_NACT > DEMO_ACT_VIEW) continue;
            m->held[p] = 2;
            m->from[p] = since;
            kept++;
        }
    }
    int32_t last = c->days - 1;
    uint32_t leavers = 0;
    for (uint32_t i = 0; i < c->nact && !rc; i++) {
        uint32_t a = order[i];
        const demo_actor *x = &c->act[a];
        int32_t revoked = NO_DAY;
        if (x->end_day != DEMO_NEVER && x->end_day <= last && leavers++ % 2) {
            /* revoked the day after they left, or after their last look-up */
            revoked = x->end_day > c->use_last[a] ? x->end_day + 1 : c->use_last[a] + 1;
        }
        for (int p = 0; p < NPAIR && !rc; p++) {
            if (!g[a].held[p] || (a == k->unauth && p == k->unauth_pair)) continue;
            rc |= row(b, c, x->id, p, g[a].from[p], revoked, g[a].by[p]);
        }
        if (a == k->conflict)
            rc |= demo_csv_row(
                b, 6,
                (const char *const[]){x->id, "zaak", "decide", "2025-06-02", "", "teamleider"});
    }
    /* an external consultant in no staff register */
    rc |= demo_csv_row(
        b, 6, (const char *const[]){"ext-0001", "zaak", "view", "2025-03-03", "", "projectleider"});
    return rc;
}

int demo_write_rights(demo_ctx *c, const char *dir)
{
    static const char *const names[] = {"rights.csv", "moves.csv", "conflicts.csv"};
    gen_out f[3] = {{0}};
    buf b[3] = {{0}};
    int rc = -1;
    grant *g = calloc((size_t)c->nact + 1, sizeof *g);
    role_cores *core = calloc(1, sizeof *core);
    uint32_t *order = demo_order(c->nact, actor_key, NULL, c);
    if (!g || !core || !order || !c->use_n) {
        demo_fail(c, "out of memory writing the rights");
        goto fail;
    }
    for (int i = 0; i < 3; i++)
        if (demo_open_out(c, &f[i], dir, names[i]) < 0) goto fail;
    base_grants(c, g, (int32_t)(gen_days_from_civil(2024, 1, 1) - c->day0), *core);
    cast k;
    pick_cast(c, order, g, &k);
    if (write_rights(c, order, g, &k, *core, &b[0], &b[1]) ||
        buf_puts(&b[2], "right_a,right_b,reason\n"
                        "brp:update,zaak:decide,one person may not both change a person's record"
                        " and decide on their application\n")) {
        demo_fail(c, "out of memory writing the rights");
        goto fail;
    }
    rc = 0;
    for (int i = 0; i < 3; i++)
        if (demo_spill(&f[i], &b[i]) < 0) rc = demo_fail(c, "cannot write %s/%s", dir, names[i]);
fail:
    for (int i = 0; i < 3; i++) {
        if (gen_out_close(&f[i]) < 0 && rc == 0)
            rc = demo_fail(c, "cannot write %s/%s", dir, names[i]);
        buf_free(&b[i]);
    }
    free(g);
    free(core);
    free(order);
    return rc;
}
