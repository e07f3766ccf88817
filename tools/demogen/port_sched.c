/* port_sched — who works when: office hours on weekdays (with a weekday
 * off for part-timers, holidays, and the long days of a vessel call), and
 * the 24/7 rota of the gate, security and the yard: five teams on a ten-day
 * cycle of two early (06–14), two late (14–22) and two night (22–06)
 * shifts and four days off, at the unit's shared consoles. */
#include "port_int.h"

enum { SALT_SCHED = 101 };

static void office(const port_ctx *p, const port_actor *a, int d, demo_rng *r, port_day *o)
{
    int wd = demo_weekday(d);
    int surge = d >= a->surge_from && d <= a->surge_to;
    if ((wd >= 5 && !surge) || wd == a->off_day) return;
    if (d >= a->vac_from && d < a->vac_from + a->vac_len) return;
    o->works = 1;
    o->start = a->shift_start + demo_rng_range(r, -1200, 1200);
    o->end = o->start + a->shift_len + demo_rng_range(r, -1800, 1800);
    if (surge) o->end = demo_rng_range(r, 20 * 3600, 22 * 3600);
    o->client = a->ws;
    (void)p;
}

static void rota(const port_ctx *p, const port_actor *a, int d, demo_rng *r, port_day *o)
{
    int team = d >= a->swap_from && d <= a->swap_to ? a->swap_team : a->team;
    int pos = (d + 2 * team) % 10;
    if (pos >= 6 || (d >= a->vac_from && d < a->vac_from + a->vac_len)) return;
    static const int32_t start[3] = {6 * 3600, 14 * 3600, 22 * 3600};
    o->works = 1;
    o->start = start[pos / 2] - demo_rng_range(r, 0, 900);
    o->end = start[pos / 2] + 8 * 3600 + demo_rng_range(r, 0, 900);
    o->client = 8000 + a->unit * 20u + demo_rng_below(r, 6); /* the unit's consoles */
    (void)p;
}

void port_schedule(const port_ctx *p, uint32_t ai, int d, port_day *o)
{
    const port_actor *a = &p->act[ai];
    demo_rng r;
    o->works = 0;
    o->start = o->end = 0;
    o->client = a->ws;
    if (d < a->start_day) return;
    demo_rng_derive(&r, p->m.seed, SALT_SCHED, ai, (uint64_t)d);
    if (port_units[a->unit].sched == PORT_SCHED_ROTA)
        rota(p, a, d, &r, o);
    else
        office(p, a, d, &r, o);
}
