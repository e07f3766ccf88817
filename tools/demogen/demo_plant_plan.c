/* demo_plant_plan — what the planted actors do besides their normal work:
 * the insiders' illicit look-ups, the testers' look-ups of test records,
 * the incidents, and the plant records for truth.json. Illicit look-ups go
 * through the same session code as normal work (same systems, queries,
 * purposes, clients); only who, whom and when differ. */
#include "demo_int.h"

#include <stdlib.h>

#define H 3600

enum { INC_EXPLOSION, INC_ARSON, INC_SHOTS };

static int add_incident(demo_ctx *c, uint32_t subj, int64_t ts, int kind)
{
    if (gen_grow((void **)&c->inc, &c->inc_cap, c->ninc + 1, sizeof *c->inc) < 0) return -1;
    c->inc[c->ninc++] = (demo_incident){subj, ts, (uint8_t)kind};
    return 0;
}

static int incident_kind(demo_rng *r)
{
    return demo_rng_pick(r, (const double[]){55, 35, 10}, 3);
}

/* n days drawn from the sorted list days[0..nd), one from each of n equal stretches. */
static void spread(demo_rng *r, const int *days, int nd, int n, int *out)
{
    for (int i = 0; i < n; i++) {
        int lo = i * nd / n, hi = (i + 1) * nd / n - 1;
        if (hi < lo) hi = lo;
        out[i] = days[demo_rng_range(r, lo, hi)];
    }
}

/* A working day of actor a in [from, to]; the window widens until one is found. */
static int any_day(demo_ctx *c, demo_rng *r, uint32_t a, int from, int to, int *scratch)
{
    for (int widen = 0; widen < c->days; widen += 2) {
        int nd = demo_work_days(c, a, from - widen, to + widen, 0, scratch, c->days);
        if (nd) return scratch[demo_rng_below(r, (uint32_t)nd)];
    }
    return from;
}

static void date(const demo_ctx *c, int day, char out[16])
{
    demo_date_str(c, day, out);
}

static int address_finder(demo_ctx *c, demo_rng *r, int *days)
{
    uint32_t a = c->pick[DEMO_P_ADDRESS][0];
    int n = demo_rng_range(r, 8, 12), when[12];
    int nd = demo_work_days(c, a, 0, c->days - 3, 1, days, c->days);
    if (!nd) return demo_fail(c, "address finder never works at their desk");
    spread(r, days, nd, n, when);
    if (demo_plant_add(c, "address_finder", 0, DEMO_P_ADDRESS,
                       "A %s clerk looked up %d people without a case from their own desk; each "
                       "address was hit by an explosion, arson or shots 1-20 days later.",
                       demo_units[c->act[a].unit].name, n) < 0)
        return -1;
    for (int i = 0; i < n; i++) {
        uint32_t v = demo_fresh_person(c, r, &a, 1);
        int max_delay = c->days - 2 - when[i];
        if (max_delay > 19) max_delay = 19;
        int inc_day = when[i] + demo_rng_range(r, 1, max_delay) + 1;
        /* the look-up happens in the day shift, the attack at night: 1 to 20 days apart */
        int64_t ts = demo_utc(c, inc_day, demo_rng_range(r, 1800, 4 * H + 1800));
        if (demo_ps_add(c, when[i], -1, a, v, -1, 0, 0, DEMO_PS_LOOKUP) < 0 ||
            demo_plant_subject(c, v) < 0 || add_incident(c, v, ts, incident_kind(r)) < 0)
            return -1;
    }
    int nother = demo_rng_range(r, 18, 24); /* incidents nobody inside had a hand in */
    for (int i = 0; i < nother; i++) {
        uint32_t v = demo_random_person(c, r);
        int d = demo_rng_range(r, 0, c->days - 1);
        int32_t sec =
            demo_rng_chance(r, 0.8) ? demo_rng_range(r, 0, 5 * H) : demo_rng_range(r, 0, 86399);
        if (add_incident(c, v, demo_utc(c, d, sec), incident_kind(r)) < 0) return -1;
    }
    return 0;
}

static int lookup_on_some_day(demo_ctx *c, demo_rng *r, uint32_t a, uint32_t s, int *days)
{
    int d = any_day(c, r, a, 0, c->days - 1, days);
    return demo_ps_add(c, d, -1, a, s, -1, 0, 0, DEMO_PS_LOOKUP);
}

static int curious_colleague(demo_ctx *c, demo_rng *r, int *days)
{
    uint32_t a = c->pick[DEMO_P_CURIOUS][0], got[8];
    int n = demo_rng_range(r, 4, 7), k = 0;
    for (int tries = 0; tries < 20000 && k < n; tries++) {
        uint32_t j = demo_rng_below(r, c->nact);
        const demo_actor *b = &c->act[j];
        if (j == a || b->person == DEMO_NONE) continue;
        if (k < (n + 1) / 2 && tries < 10000 && b->unit != c->act[a].unit) continue;
        int dup = 0;
        for (int i = 0; i < k; i++)
            dup |= got[i] == b->person;
        if (dup || demo_case_explains(c, a, b->person, INT64_MIN)) continue;
        got[k++] = b->person;
    }
    for (uint32_t p = demo_rng_below(r, c->npersons), t = 0; t < c->npersons; t++) {
        uint32_t s = (p + t) % c->npersons;
        if (c->subj[s].prot == DEMO_PROT_VIP && !demo_case_explains(c, a, s, INT64_MIN)) {
            got[k++] = s;
            break;
        }
    }
    if (demo_plant_add(c, "curious_colleague", 0, DEMO_P_CURIOUS,
                       "Looked up the own records of %d colleagues and of a VIP, without a case.",
                       k - 1) < 0)
        return -1;
    for (int i = 0; i < k; i++) {
        int times = demo_rng_chance(r, 0.2) ? 2 : 1;
        for (int t = 0; t < times; t++)
            if (lookup_on_some_day(c, r, a, got[i], days) < 0) return -1;
        if (demo_plant_subject(c, got[i]) < 0) return -1;
    }
    return 0;
}

static int family_lookup(demo_ctx *c, demo_rng *r, int *days)
{
    uint32_t a = c->pick[DEMO_P_FAMILY][0];
    const demo_actor *act = &c->act[a];
    const demo_addr *home = &c->addr[c->subj[act->person].addr];
    int nsake = 0, want = demo_rng_range(r, 2, 4);
    if (demo_plant_add(c, "family_lookup", 0, DEMO_P_FAMILY,
                       "Looked up their own record, %d household members and namesakes (%s) "
                       "living elsewhere, without a case.",
                       home->n - 1, c->names[act->surname]) < 0)
        return -1;
    for (uint32_t p = home->first; p < home->first + home->n; p++) {
        int times = p == act->person ? demo_rng_range(r, 1, 2) : 1;
        for (int t = 0; t < times; t++)
            if (lookup_on_some_day(c, r, a, p, days) < 0) return -1;
        if (demo_plant_subject(c, p) < 0) return -1;
    }
    size_t start = demo_rng_below(r, (uint32_t)c->nreg_addr);
    for (size_t k = 0; k < c->nreg_addr && nsake < want; k++) {
        const demo_addr *ad = &c->addr[(start + k) % c->nreg_addr];
        if (ad == home) continue;
        for (uint32_t p = ad->first; p < ad->first + ad->n; p++) {
            if (c->subj[p].surname != act->surname || c->subj[p].prot != DEMO_PROT_NONE) continue;
            int times = demo_rng_chance(r, 0.3) ? 2 : 1;
            for (int t = 0; t < times; t++)
                if (lookup_on_some_day(c, r, a, p, days) < 0) return -1;
            if (demo_plant_subject(c, p) < 0) return -1;
            nsake++;
            break; /* one namesake per household */
        }
    }
    return 0;
}

static int bulk_exporter(demo_ctx *c, demo_rng *r, int *days)
{
    uint32_t a = c->pick[DEMO_P_BULK][0];
    int d = any_day(c, r, a, c->days * 4 / 5, c->days - 1, days);
    demo_day o;
    demo_schedule(c, a, d, &o);
    if (!o.works) o.start = 9 * H, o.end = 17 * H;
    int32_t room = o.end - o.start - 2 * H;
    int32_t sec = o.start + (room > H ? demo_rng_range(r, H, room) : H / 2);
    int n = demo_rng_range(r, 150, 300), nexp = demo_rng_range(r, 2, 4), seen = 0;
    int32_t t0 = sec;
    /* enumeration: street by street from somewhere in town */
    for (size_t ad = demo_rng_below(r, (uint32_t)c->nreg_addr); seen < n;
         ad = (ad + 1) % c->nreg_addr)
        for (uint32_t p = c->addr[ad].first; p < c->addr[ad].first + c->addr[ad].n && seen < n;
             p++) {
            if (demo_ps_add(c, d, sec, a, p, -1, 0, 0, DEMO_PS_VIEW) < 0) return -1;
            sec += demo_rng_range(r, 12, 35);
            seen++;
        }
    char day[16];
    date(c, d, day);
    if (demo_plant_add(c, "bulk_exporter", 0, DEMO_P_BULK,
                       "On %s viewed %d distinct records in %d minutes and exported %d large "
                       "lists, without a case.",
                       day, n, (sec - t0) / 60, nexp) < 0)
        return -1;
    for (int i = 0; i < nexp; i++) {
        int ed = i < 2 ? d : any_day(c, r, a, d + 1, c->days - 1, days);
        int32_t es = ed == d ? sec + demo_rng_range(r, 60, 1800) : -1;
        if (demo_ps_add(c, ed, es, a, DEMO_NONE, -1, 0, (uint32_t)demo_rng_range(r, 1500, 6000),
                        DEMO_PS_EXPORT) < 0)
            return -1;
    }
    return 0;
}

static int leaver(demo_ctx *c, demo_rng *r)
{
    uint32_t a = c->pick[DEMO_P_LEAVER][0];
    const demo_actor *act = &c->act[a];
    int n = demo_rng_range(r, 4, 8), ndays = demo_rng_range(r, 2, 4), first = act->end_day + 2;
    uint32_t vpn = demo_new_client(c) | DEMO_CL_VPN;
    char day[16];
    date(c, act->end_day, day);
    if (demo_plant_add(c, "leaver", 0, DEMO_P_LEAVER,
                       "Employment ended on %s, yet the account made %d look-ups afterwards.", day,
                       n) < 0)
        return -1;
    int32_t sec = 0;
    int d = -1;
    uint32_t client = act->ws;
    for (int i = 0; i < n; i++) {
        if (i * ndays / n != (i - 1) * ndays / n || d < 0) {
            d = demo_rng_range(r, first, c->days - 1);
            if (demo_weekday(d) >= 5 && d + 2 < c->days) d += 2;
            sec = demo_rng_range(r, 9 * H, 16 * H);
            client = demo_rng_chance(r, 0.6) ? act->ws : vpn;
        }
        uint32_t v = demo_fresh_person(c, r, &a, 1);
        if (demo_ps_add(c, d, sec, a, v, -1, client, 0, DEMO_PS_LOOKUP) < 0 ||
            demo_plant_subject(c, v) < 0)
            return -1;
        sec += demo_rng_range(r, 60, 1200);
    }
    return 0;
}

static int broker_ring(demo_ctx *c, demo_rng *r, int *days)
{
    const uint32_t *ring = c->pick[DEMO_P_BROKER];
    int nring = c->npick[DEMO_P_BROKER], ns = demo_rng_range(r, 5, 8);
    int len = c->days / 2 < 14 ? c->days / 2 : 14;
    int w0 = demo_rng_range(r, c->days / 5, c->days - len);
    char from[16], to[16];
    date(c, w0, from);
    date(c, w0 + len - 1, to);
    if (demo_plant_add(c, "broker_ring", 0, DEMO_P_BROKER,
                       "%d staff from different units each looked up the same %d people without "
                       "a case between %s and %s.",
                       nring, ns, from, to) < 0)
        return -1;
    for (int i = 0; i < ns; i++) {
        uint32_t v = demo_fresh_person(c, r, ring, nring);
        if (demo_plant_subject(c, v) < 0) return -1;
        for (int k = 0; k < nring; k++) {
            int times = demo_rng_chance(r, 0.3) ? 2 : 1;
            for (int t = 0; t < times; t++) {
                int d = any_day(c, r, ring[k], w0, w0 + len - 1, days);
                if (demo_ps_add(c, d, -1, ring[k], v, -1, 0, 0, DEMO_PS_LOOKUP) < 0) return -1;
            }
        }
    }
    return 0;
}

static int night_prowler(demo_ctx *c, demo_rng *r, int *days)
{
    uint32_t a = c->pick[DEMO_P_NIGHT][0], vpn = demo_new_client(c) | DEMO_CL_VPN;
    int nn = demo_rng_range(r, 2, 4), when[4], total = 0;
    int nd = demo_work_days(c, a, c->days / 3, c->days - 2, 0, days, c->days);
    if (!nd) nd = demo_work_days(c, a, 0, c->days - 2, 0, days, c->days);
    if (!nd) return demo_fail(c, "night prowler never works");
    if (nn > nd) nn = nd; /* distinct nights */
    spread(r, days, nd, nn, when);
    int counts[4];
    for (int i = 0; i < nn; i++)
        total += counts[i] = demo_rng_range(r, 3, 8);
    if (demo_plant_add(c, "night_prowler", 0, DEMO_P_NIGHT,
                       "A day worker looked up %d people without a case at night on %d nights, "
                       "through a VPN client never used before.",
                       total, nn) < 0)
        return -1;
    for (int i = 0; i < nn; i++) {
        int32_t sec = demo_rng_range(r, 22 * H + 1800, 25 * H);
        for (int k = 0; k < counts[i]; k++) {
            uint32_t v = demo_fresh_person(c, r, &a, 1);
            if (demo_ps_add(c, when[i], sec, a, v, -1, vpn, 0, DEMO_PS_LOOKUP) < 0 ||
                demo_plant_subject(c, v) < 0)
                return -1;
            sec += demo_rng_range(r, 120, 900);
        }
    }
    return 0;
}

static int volume_drift(demo_ctx *c, demo_rng *r)
{
    uint32_t a = c->pick[DEMO_P_DRIFT][0];
    int d0 = 2 * c->days / 3;
    if (demo_plant_add(c, "volume_drift", 0, DEMO_P_DRIFT,
                       "From day %d on, look-ups without a case ramp up until the total is about "
                       "three times their own earlier volume.",
                       d0 + 1) < 0)
        return -1;
    for (int d = d0; d < c->days; d++) {
        demo_day o;
        demo_schedule(c, a, d, &o);
        if (!o.works) continue;
        int extra = (int)(c->act[a].rate * 2.2 * (d - d0 + 1) / (c->days - d0) + 0.5);
        for (int i = 0; i < extra; i++)
            if (demo_ps_add(c, d, -1, a, demo_fresh_person(c, r, &a, 1), -1, 0, 0, DEMO_PS_LOOKUP) <
                0)
                return -1;
    }
    return 0;
}

/* Testers check the same test records most days; functional admins now and then. */
static int it_tests(demo_ctx *c, demo_rng *r)
{
    for (uint32_t a = 0; a < c->nact; a++) {
        if (c->act[a].unit != DEMO_U_IT) continue;
        int tester = (demo_units[DEMO_U_IT].roles[c->act[a].role].flags & DEMO_R_TESTER) != 0;
        for (int d = 0; d < c->days; d++) {
            demo_day o;
            demo_schedule(c, a, d, &o);
            if (!o.works || !demo_rng_chance(r, tester ? 0.6 : 0.15)) continue;
            int k = demo_rng_range(r, 1, 3);
            for (int i = 0; i < k; i++) {
                uint32_t s = c->test_subj[demo_rng_below(r, c->ntest_subj)];
                if (demo_ps_add(c, d, -1, a, s, -1, 0, 0, DEMO_PS_LOOKUP) < 0) return -1;
            }
        }
    }
    return 0;
}

static int benign_records(demo_ctx *c)
{
    char day[16];
    const demo_actor *hire = &c->act[c->pick[DEMO_P_NEWHIRE][0]];
    date(c, hire->start_day, day);
    if (demo_plant_add(c, "night_shift", 1, DEMO_P_NIGHTSHIFT,
                       "The meldkamer works a 24/7 rota: its %u staff look people up at night as "
                       "a matter of routine, under the unit's cases.",
                       c->unit_n[DEMO_U_MK]) < 0 ||
        demo_plant_add(c, "it_test_records", 1, DEMO_P_ITTEST,
                       "IT testers look up the same %u test records again and again, without "
                       "cases, throughout the period.",
                       c->ntest_subj) < 0)
        return -1;
    for (uint32_t i = 0; i < c->ntest_subj; i++)
        if (demo_plant_subject(c, c->test_subj[i]) < 0) return -1;
    if (demo_plant_add(c, "vip_handler", 1, DEMO_P_VIP,
                       "A kabinet staff member views %d VIP record(s) under a case assigned to "
                       "them.",
                       c->nvip_subj) < 0)
        return -1;
    for (int i = 0; i < c->nvip_subj; i++)
        if (demo_plant_subject(c, c->vip_subj[i]) < 0) return -1;
    if (demo_plant_add(c, "hr_officer", 1, DEMO_P_HR,
                       "HR staff view colleagues' own records under HR cases assigned to them.") <
            0 ||
        demo_plant_add(c, "heavy_user", 1, DEMO_P_HEAVY,
                       "A clerk with about five times the usual volume, stable from the first "
                       "day, nearly all under cases.") < 0 ||
        demo_plant_add(c, "remote_worker", 1, DEMO_P_REMOTE,
                       "Works only through VPN, some evenings too, on ordinary cases.") < 0 ||
        demo_plant_add(c, "new_hire", 1, DEMO_P_NEWHIRE,
                       "Started on %s: every system, subject and client is new to them.",
                       day) < 0 ||
        demo_plant_add(c, "popular_record", 1, DEMO_P_POPULAR,
                       "One person is looked up by many handhaving and meldkamer staff under a "
                       "case assigned to both units.") < 0 ||
        demo_plant_subject(c, c->popular_subj) < 0)
        return -1;
    return 0;
}

int demo_plant_plan(demo_ctx *c)
{
    demo_rng r;
    demo_rng_derive(&r, c->seed, DEMO_SALT_PLANT, 3, 0);
    int *days = malloc((size_t)c->days * sizeof *days);
    int rc = -1;
    if (!days) goto fail;
    if (address_finder(c, &r, days) < 0 || curious_colleague(c, &r, days) < 0 ||
        family_lookup(c, &r, days) < 0 || bulk_exporter(c, &r, days) < 0 || leaver(c, &r) < 0 ||
        broker_ring(c, &r, days) < 0 || night_prowler(c, &r, days) < 0 || volume_drift(c, &r) < 0 ||
        it_tests(c, &r) < 0 || benign_records(c) < 0)
        goto fail;
    rc = 0;
fail:
    free(days);
    if (rc < 0 && !(c->err && c->err[0])) demo_fail(c, "out of memory planning the scenarios");
    return rc;
}
