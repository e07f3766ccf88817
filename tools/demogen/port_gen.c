/* port_gen — port_generate: the register and staff, who plays which part,
 * visits and customs' cases, the days' work, the insiders' look-ups and
 * the incidents, then the files. */
#include "port_int.h"

#include <stdlib.h>
#include <string.h>

static int make_truth(port_ctx *p, demo_truth **out)
{
    demo_truth *t = calloc(1, sizeof *t);
    if (!t) return demo_fail(&p->m, "out of memory");
    t->plants = calloc(p->nplants ? p->nplants : 1, sizeof *t->plants);
    if (!t->plants) {
        free(t);
        return demo_fail(&p->m, "out of memory");
    }
    memcpy(t->plants, p->plants, p->nplants * sizeof *t->plants);
    t->nplants = p->nplants;
    t->events = (long)p->nev;
    t->actors = (int)p->nact;
    t->days = p->days;
    *out = t;
    return 0;
}

int port_generate(const demo_opts *o, const char *dir, demo_truth **out, char *err, size_t errlen)
{
    port_ctx *p = calloc(1, sizeof *p);
    if (!p) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    p->m.err = err;
    p->m.errlen = errlen;
    p->m.seed = o->seed;
    p->m.days = o->days;
    p->m.day0 = gen_days_from_civil(2026, 9, 1);
    p->nact_req = o->actors;
    p->days = o->days;
    demo_rng_derive(&p->m.rng, o->seed, 100, 0, 0); /* surnames */
    demo_rng_derive(&p->rng, o->seed, 100, 1, 0);   /* the register and staff */
    int rc = demo_make_dir(&p->m, dir) < 0 || port_org_build(p) < 0 || port_plant_pick(p) < 0 ||
                     port_case_build(p) < 0 || port_case_index(p) < 0 || port_work_run(p) < 0 ||
                     port_plant_plan(p) < 0 || port_write(p, dir) < 0 || make_truth(p, out) < 0
                 ? -1
                 : 0;
    port_ctx_free(p);
    free(p);
    return rc;
}
