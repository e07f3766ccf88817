/* demo_screen — the demo municipality's screenings (README "Screening"):
 * screening_requirements.csv and screenings.csv.
 *
 * Two requirements: the travel-document duty of the counter clerks
 * (burgerzaken, baliemedewerker: a VOG every 60 months from 2027-01-01,
 * the law's date) and the municipality's own rule for its enforcement
 * officers (handhaving, boa: a VOG every 36 months since 2020-01-01).
 * Everyone in those functions has a recent positive VOG, except the
 * planted ones among the officers employed throughout the period, in the
 * order of their ids: the first is 20 days overdue, the second due in
 * 25 days, the first hired after 2020-01-01 has none (an unscreened
 * starter), and the next's latest VOG came back negative ten days before
 * the period's end (they keep their rights: rights.csv, if any, is not
 * this file's). Two counter clerks have no VOG yet: due on 2027-01-01.
 * The dates come from a generator of their own, so that the rest of the
 * demo is the same with or without this file. */
#include <stdlib.h>
#include <string.h>

#include "demo_int.h"

/* 2020-01-01 as an epoch day. */
enum { DAY_2020 = 18262, MONTHS36 = 1096 };

typedef struct screen_out {
    demo_ctx *c;
    buf b;
} screen_out;

static int vog(screen_out *o, const demo_actor *a, int day, const char *outcome)
{
    char date[16];
    demo_date_str(o->c, day, date);
    return demo_csv_row(&o->b, 4, (const char *const[]){a->id, "VOG", date, outcome});
}

static const char *actor_key(const void *c, uint32_t i)
{
    return ((const demo_ctx *)c)->act[i].id;
}

/* Employed on every day of the period. */
static int throughout(const demo_actor *a)
{
    return a->start_day < 0 && a->end_day == DEMO_NEVER;
}

static int is(const demo_actor *a, int unit, const char *role)
{
    return a->unit == unit && strcmp(demo_units[unit].roles[a->role].name, role) == 0;
}

int demo_write_screening(demo_ctx *c, const char *dir)
{
    gen_out f = {0};
    screen_out o = {c, {0}};
    demo_rng r;
    demo_rng_derive(&r, c->seed, 0x5c4ee9, 1, 2);
    int last = c->days - 1, rc = 0;
    int overdue = 0, soon = 0, starter = 0, negative = 0, clerks = 0;
    uint32_t *ord = demo_order(c->nact, actor_key, NULL, c);
    if (!ord) return demo_fail(c, "out of memory writing screenings");
    rc |= buf_puts(&o.b, "actor,kind,date,outcome\n");
    for (uint32_t k = 0; k < c->nact && !rc; k++) {
        const demo_actor *a = &c->act[ord[k]];
        int recent = last - demo_rng_range(&r, 30, MONTHS36 - 120);
        if (is(a, DEMO_U_HH, "boa")) {
            int hired_since_2020 = c->day0 + a->start_day >= DAY_2020;
            if (throughout(a) && !overdue) {
                overdue = 1;
                rc |= vog(&o, a, last - MONTHS36 - 20, "positive");
            } else if (throughout(a) && !soon) {
                soon = 1;
                rc |= vog(&o, a, last - MONTHS36 + 25, "positive");
            } else if (throughout(a) && hired_since_2020 && !starter) {
                starter = 1; /* hired without one */
            } else if (throughout(a) && !negative) {
                negative = 1;
                rc |= vog(&o, a, last - 500, "positive") | vog(&o, a, last - 10, "negative");
            } else {
                rc |= vog(&o, a, recent, "positive");
            }
        } else if (is(a, DEMO_U_BZ, "baliemedewerker")) {
            if (throughout(a) && clerks < 2)
                clerks++; /* not screened yet: due when the duty starts */
            else
                rc |= vog(&o, a, last - demo_rng_range(&r, 30, 1500), "positive");
        }
    }
    free(ord);
    static const char *const reqs = "unit,role,kind,every_months,from\n"
                                    "burgerzaken,baliemedewerker,VOG,60,2027-01-01\n"
                                    "handhaving,boa,VOG,36,2020-01-01\n";
    if (!rc && demo_open_out(c, &f, dir, "screening_requirements.csv") == 0) {
        rc = gen_out_write(&f, reqs, strlen(reqs));
        rc |= gen_out_close(&f);
    } else
        rc = -1;
    if (!rc && demo_open_out(c, &f, dir, "screenings.csv") == 0) {
        rc = demo_spill(&f, &o.b);
        rc |= gen_out_close(&f);
    } else
        rc = -1;
    buf_free(&o.b);
    return rc ? demo_fail(c, "cannot write the screenings in %s", dir) : 0;
}
