/* demo_gen — demo_generate: register and staff, who plays which part,
 * cases, the plants' sessions, then the days one by one, then the
 * reference data and the truth. */
#include "demo_int.h"
#include "port_int.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

void demo_opts_init(demo_opts *o)
{
    o->actors = 1000;
    o->days = 30;
    o->seed = 1;
    o->kind = DEMO_KIND_MUNICIPALITY;
}

int demo_kind_parse(const char *name)
{
    if (!strcmp(name, "municipality")) return DEMO_KIND_MUNICIPALITY;
    if (!strcmp(name, "port")) return DEMO_KIND_PORT;
    return -1;
}

/* mkdir -p, with the demo's messages */
int demo_make_dir(demo_ctx *c, const char *dir)
{
    char failed[4096];
    int rc = gen_mkdirs(dir, failed, sizeof failed);
    if (rc == -2) return demo_fail(c, "%s is not a directory", dir);
    if (rc < 0) return demo_fail(c, "cannot create directory %s: %s", failed, strerror(errno));
    return 0;
}

static int make_truth(demo_ctx *c, demo_truth **out)
{
    demo_truth *t = calloc(1, sizeof *t);
    if (!t) return demo_fail(c, "out of memory");
    t->plants = calloc(c->nplants ? c->nplants : 1, sizeof *t->plants);
    if (!t->plants) {
        free(t);
        return demo_fail(c, "out of memory");
    }
    memcpy(t->plants, c->plants, c->nplants * sizeof *t->plants);
    t->nplants = c->nplants;
    t->events = c->events;
    t->actors = (int)c->nact;
    t->days = c->days;
    *out = t;
    return 0;
}

int demo_generate(const demo_opts *o, const char *dir, demo_truth **out, char *err, size_t errlen)
{
    demo_opts op;
    demo_ctx c;
    demo_writer *w = NULL;
    int rc = -1;

    *out = NULL;
    if (err && errlen) err[0] = 0;
    memset(&c, 0, sizeof c);
    c.err = err;
    c.errlen = errlen;
    demo_opts_init(&op);
    if (o) {
        if (o->actors > 0) op.actors = o->actors;
        if (o->days > 0) op.days = o->days;
        op.seed = o->seed;
        op.kind = o->kind;
    }
    if (op.actors < DEMO_MIN_ACTORS || op.actors > 80000)
        return demo_fail(&c, "actors must lie in %d..80000, not %d", DEMO_MIN_ACTORS, op.actors);
    if (op.days < DEMO_MIN_DAYS || op.days > 3650)
        return demo_fail(&c, "days must lie in %d..3650, not %d", DEMO_MIN_DAYS, op.days);
    if (op.kind != DEMO_KIND_MUNICIPALITY && op.kind != DEMO_KIND_PORT)
        return demo_fail(&c, "unknown kind of organisation %d", op.kind);
    if (op.kind == DEMO_KIND_PORT) return port_generate(&op, dir, out, err, errlen);
    c.nact_req = op.actors;
    c.days = op.days;
    c.seed = op.seed;
    c.day0 = gen_days_from_civil(2026, 9, 1);
    demo_rng_seed(&c.rng, op.seed);

    if (demo_make_dir(&c, dir) < 0 || demo_org_build(&c) < 0 || demo_plant_pick(&c) < 0 ||
        demo_case_build(&c) < 0 || demo_plant_cases(&c) < 0 || demo_case_finish(&c) < 0 ||
        demo_plant_plan(&c) < 0 || demo_writer_open(&w, dir, &c) < 0)
        goto fail;
    if (demo_work_run(&c, w) < 0) goto fail;
    demo_plant_actors(&c, "popular_record", DEMO_P_POPULAR);
    int wrc = demo_writer_close(w);
    w = NULL;
    if (wrc < 0) {
        demo_fail(&c, "cannot write %s/events.jsonl", dir);
        goto fail;
    }
    if (demo_write_reference(&c, dir) < 0 || demo_write_rights(&c, dir) < 0 ||
        demo_write_functions(&c, dir) < 0 || demo_write_screening(&c, dir) < 0 ||
        demo_write_truth(&c, dir) < 0 || make_truth(&c, out) < 0)
        goto fail;
    rc = 0;
fail:
    demo_writer_close(w);
    demo_ctx_free(&c);
    return rc;
}
