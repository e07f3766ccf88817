/* demo_sched — who works when, and from which client. The organisation
 * lives in Europe/Amsterdam time; events are written in UTC, so a clerk who
 * starts at 08:30 in September shows up at 06:30Z. */
#include "demo_int.h"

#include <string.h>

#include "normalise/ts.h"

#define H 3600

int demo_weekday(int day)
{
    return (1 + day) % 7; /* 2026-09-01 is a Tuesday; 0 = Monday */
}

static int64_t last_sunday(int64_t y, unsigned m)
{
    int64_t d31 = ts_days_from_civil(y, m, 31);
    return d31 - ((d31 + 4) % 7); /* epoch day 0 was a Thursday */
}

/* UTC offset in ms at a UTC instant: EU summer time runs from 01:00 UTC on
 * the last Sunday of March to 01:00 UTC on the last Sunday of October. */
static int64_t ams_offset(int64_t utc_ms)
{
    int64_t day = utc_ms / 86400000;
    int64_t y = 1970 + day / 365;
    while (ts_days_from_civil(y, 1, 1) > day)
        y--;
    while (ts_days_from_civil(y + 1, 1, 1) <= day)
        y++;
    int64_t on = last_sunday(y, 3) * 86400000 + 3600000;
    int64_t off = last_sunday(y, 10) * 86400000 + 3600000;
    return utc_ms >= on && utc_ms < off ? 7200000 : 3600000;
}

int64_t demo_utc(const demo_ctx *c, int day, int64_t local_sec)
{
    int64_t local = (c->day0 + day) * 86400000 + local_sec * 1000;
    return local - ams_offset(local - 7200000);
}

int demo_day_of(const demo_ctx *c, int64_t utc_ms)
{
    int64_t local = utc_ms + ams_offset(utc_ms);
    int64_t d = local >= 0 ? local / 86400000 : (local - 86399999) / 86400000;
    return (int)(d - c->day0);
}

static void evening(demo_rng *r, demo_day *o)
{
    o->eve_start = demo_rng_range(r, 19 * H, 20 * H + 1800);
    o->eve_end = o->eve_start + demo_rng_range(r, 1800, 2 * H);
}

static void office_client(const demo_ctx *c, const demo_actor *a, int d, int wd, demo_rng *r,
                          demo_day *o)
{
    uint32_t vpn = d >= a->vpn2_day ? a->vpn2 : a->vpn;
    int home = a->remote || (((a->vpn_days >> wd) & 1) && demo_rng_chance(r, 0.9)) ||
               demo_rng_chance(r, 0.008);
    if (home) {
        o->client = vpn;
        if (wd < 5 && demo_rng_chance(r, a->remote ? 0.3 : 0.06)) evening(r, o);
    } else if (demo_rng_chance(r, 0.04)) {
        o->client = c->flex[a->unit][demo_rng_below(r, 3)];
    } else {
        o->client = a->ws;
    }
}

static void dayjob(const demo_ctx *c, const demo_actor *a, int d, int wd, demo_rng *r, demo_day *o)
{
    int32_t len = a->shift_len;
    if (wd >= 5) {
        if (a->unit == DEMO_U_PK && wd == 5 && demo_rng_chance(r, 0.45)) {
            len = 6 * H; /* parking enforcement on Saturdays */
        } else if (a->vpn_days && demo_rng_chance(r, 0.02)) {
            len = demo_rng_range(r, H, 3 * H); /* catching up at the weekend */
        } else {
            return;
        }
    } else if ((a->off_days >> wd) & 1) {
        return;
    }
    o->works = 1;
    o->start = a->shift_start + (int32_t)(600 * demo_rng_normal(r));
    if (o->start < 6 * H + 1800) o->start = 6 * H + 1800;
    o->end = o->start + len + (int32_t)(900 * demo_rng_normal(r));
    if (wd == 4 && demo_rng_chance(r, 0.5)) o->end -= 1800;
    if (o->end < o->start + H) o->end = o->start + H;
    office_client(c, a, d, wd, r, o);
}

/* Meldkamer: a ten-day rota of two day, two evening, two night shifts. */
static void rota(const demo_ctx *c, const demo_actor *a, int d, demo_rng *r, demo_day *o)
{
    static const int pattern[10] = {1, 1, 2, 2, 3, 3, 0, 0, 0, 0};
    int s = pattern[(d + a->rota_off) % 10];
    if (!s) return;
    static const int32_t starts[4] = {0, 7 * H, 15 * H, 23 * H};
    o->works = 1;
    o->start = starts[s] + demo_rng_range(r, -600, 300);
    o->end = starts[s] + 8 * H + demo_rng_range(r, -300, 900);
    o->night = s == 3;
    o->client = c->consoles[demo_rng_below(r, c->nconsoles)];
}

/* Enforcement: day and evening shifts, weekend duty, some nights. */
static void flex(const demo_ctx *c, const demo_actor *a, int wd, demo_rng *r, demo_day *o)
{
    int shift; /* 1 day, 2 evening, 3 night */
    if (wd >= 5) {
        if (!demo_rng_chance(r, 0.3)) return;
        shift = a->night_ok && wd == 5 && demo_rng_chance(r, 0.5) ? 3 : demo_rng_range(r, 1, 2);
    } else {
        if ((a->off_days >> wd) & 1) return;
        if (a->night_ok && wd == 4 && demo_rng_chance(r, 0.35))
            shift = 3;
        else
            shift = demo_rng_chance(r, 0.25) ? 2 : 1;
    }
    static const int32_t starts[4] = {0, 8 * H, 14 * H, 21 * H};
    o->works = 1;
    o->start = starts[shift] + demo_rng_range(r, -1800, 900);
    o->end = o->start + 8 * H + demo_rng_range(r, 0, 1800);
    o->night = shift == 3;
    o->client = demo_rng_chance(r, 0.95) ? a->ws : c->flex[a->unit][demo_rng_below(r, 3)];
}

void demo_schedule(const demo_ctx *c, uint32_t ai, int d, demo_day *o)
{
    const demo_actor *a = &c->act[ai];
    memset(o, 0, sizeof *o);
    if (d < a->start_day || d > a->end_day) return;
    if (a->vac_len && d >= a->vac_from && d < a->vac_from + a->vac_len) return;
    demo_rng r;
    demo_rng_derive(&r, c->seed, DEMO_SALT_SCHED, ai, (uint64_t)d);
    if (demo_rng_chance(&r, 0.025)) return; /* sick */
    int wd = demo_weekday(d);
    switch (a->sched) {
    case DEMO_SCHED_ROTA:
        rota(c, a, d, &r, o);
        break;
    case DEMO_SCHED_FLEX:
        flex(c, a, wd, &r, o);
        break;
    default:
        dayjob(c, a, d, wd, &r, o);
    }
}

int32_t demo_shift_time(const demo_day *o, demo_rng *r, int unit)
{
    uint32_t span = (uint32_t)(o->end > o->start ? o->end - o->start : 1);
    int32_t t = o->start;
    for (int tries = 0; tries < 8; tries++) {
        t = o->start + (int32_t)demo_rng_below(r, span);
        int h = (t / H) % 24;
        double w = 1.0;
        if (!o->night && h == 12) w = 0.3; /* lunch */
        if (h >= 2 && h < 6) w = 0.45;     /* the quiet hours of a night shift */
        if (t < o->start + 900) w *= 0.5;
        if (demo_rng_chance(r, w)) break;
    }
    return t;
}
