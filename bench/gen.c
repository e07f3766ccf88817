/* gen — seeded generator of a synthetic organisation and its access log.
 *
 * Writes DIR/events.jsonl (N canonical access events, sorted by ts) and the
 * reference CSVs wachter loads (docs/design.md "Input"): actors, subjects, cases,
 * case_assignments, protected, incidents.
 *
 *   bench/gen -n 1000000 -o DIR [-seed S] [-actors A] [-subjects S] [-days D]
 *
 * The organisation: units of ~40 staff (civil affairs, tax, parking,
 * enforcement, neighbourhood teams, a 24/7 control room), roles within them
 * (peer groups), shifts, workstations. Most look-ups serve a case assigned to
 * the actor or their unit; ~5% have no case (normal in real life). Planted on
 * top, a few of every pattern the detections look for: broker rings (three
 * actors of different units on the same targets, followed by incidents),
 * enumeration, volume spikes, self / household / colleague / VIP look-ups,
 * VPN clients, foreign systems, access after leaving.
 *
 * Speed matters (100M events must be cheap): numbers are formatted by hand,
 * every output goes through a large buffer written with fwrite, and the
 * timestamp string is only rebuilt when the day changes; on Linux, written
 * data is pushed to disk and dropped from the page cache as it goes (run.sh
 * reads the file back into the cache before it times anything). Those
 * mechanics are shared with the demo's generator: tools/gen (gen.h,
 * gen_out.h).
 *
 * Same arguments, same seed → byte-identical output. */
#include "gen.h"
#include "gen_out.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---------------------------------------------------------------- rng */

/* splitmix64: tiny state, passes BigCrush, fast enough to call ~15 times per
 * event. */
typedef struct rng {
    uint64_t s;
} rng;

static uint64_t rng_next(rng *r)
{
    return gen_splitmix64(&r->s);
}

/* Uniform in [0, n) for n < 2^32 (multiply-shift, no division). */
static uint32_t rng_below(rng *r, uint32_t n)
{
    return (uint32_t)(((rng_next(r) >> 32) * (uint64_t)n) >> 32);
}

/* Stateless hash for per-entity attributes, so they need no storage. */
static uint64_t mix(uint64_t x)
{
    rng r = {x * UINT64_C(0xd1342543de82ef95) + 1};
    return rng_next(&r);
}

/* ---------------------------------------------------------------- output */

/* Callers reserve GEN_OUT_SLACK bytes per record and write into p directly. */
typedef gen_out out;

static void die(const char *what, const char *path)
{
    fprintf(stderr, "gen: %s %s: %s\n", what, path, strerror(errno));
    exit(1);
}

static void out_open(out *o, const char *dir, const char *name)
{
    if (gen_out_open(o, dir, name, GEN_OUT_DROP_BEHIND) < 0)
        die(o->path && !o->f ? "cannot create" : "out of memory for", o->path ? o->path : name);
}

/* Call after each record: flushes once the buffer is nearly full. */
static void out_maybe_flush(out *o)
{
    if (gen_out_maybe_flush(o) < 0) die("cannot write", o->path);
}

static void out_close(out *o)
{
    char path[4096];
    snprintf(path, sizeof path, "%s", o->path);
    if (gen_out_close(o) < 0) die("cannot write or close", path);
}

/* ---------------------------------------------------------------- world */

enum { U_CIVIL, U_TAX, U_PARKING, U_ENFORCE, U_NEIGHBOUR, U_CONTROL, U_NTYPES };
static const char *const unit_type_name[U_NTYPES] = {"burgerzaken", "belastingen", "parkeren",
                                                     "handhaving",  "wijkteam",    "meldkamer"};
static const char *const unit_purpose[U_NTYPES] = {"burgerzaken",       "belastingheffing",
                                                   "parkeerhandhaving", "handhaving openbare orde",
                                                   "wijkzorg",          "noodhulp"};
/* Unit type of unit u: a control room in every ten units. */
static const int unit_type_of[10] = {U_CIVIL, U_TAX, U_PARKING, U_ENFORCE, U_NEIGHBOUR,
                                     U_CIVIL, U_TAX, U_PARKING, U_ENFORCE, U_CONTROL};

enum { T_PERSON, T_VEHICLE, T_ADDRESS };
static const char *const type_name[] = {"person", "vehicle", "address"};
/* System that holds each subject type, per unit type. */
static const char *const system_of[U_NTYPES][3] = {{"brp", "rdw", "brp"}, {"brp", "rdw", "bag"},
                                                   {"brp", "rdw", "bag"}, {"bvh", "rdw", "bag"},
                                                   {"brp", "rdw", "bag"}, {"bvh", "rdw", "bag"}};
/* Percent of case subjects that are persons, vehicles (rest: addresses). */
static const int mix_person[U_NTYPES] = {85, 90, 5, 60, 70, 50};
static const int mix_vehicle[U_NTYPES] = {0, 0, 95, 30, 15, 40};

static const char *const roles[] = {"medewerker", "backoffice", "specialist", "teamleider"};
static const int role_cum[] = {55, 80, 95, 100};

enum { NSTART = 50, NEND = 40, NPREFIX = 7, NSURNAMES = NSTART * NEND * NPREFIX };
static const char *const sn_start[NSTART] = {
    "Jan", "Bak", "Vis", "Mee",  "Bos",  "Smi", "Hoe", "Ver", "Dek", "Mul", "Bro", "Wij", "Kui",
    "Pie", "Hen", "Gro", "Bree", "Dijk", "Kra", "Lam", "Ste", "Vos", "Wou", "Zwa", "Ach", "Bou",
    "Cla", "Dam", "Eng", "Fra",  "Gee",  "Haa", "Ijs", "Jon", "Kok", "Lee", "Maa", "Nie", "Oos",
    "Pos", "Rij", "Sch", "Tim",  "Uit",  "Vel", "Wes", "Zee", "Ros", "Kla", "Ter"};
static const char *const sn_end[NEND] = {
    "sen",  "ker",   "ser",   "man",    "stra",  "hof",   "berg",  "link", "huis", "ma",
    "veld", "beek",  "mans",  "kamp",   "dijk",  "laar",  "hout",  "ing",  "ens",  "ers",
    "boom", "wijk",  "dam",   "horst",  "brink", "rooij", "land",  "meer", "bos",  "weg",
    "ink",  "stein", "graaf", "heuvel", "zand",  "water", "molen", "kes",  "ting", "loo"};
static const char *const sn_prefix[NPREFIX] = {"", "", "", "de ", "van ", "van der ", "van den "};

typedef struct slot {
    int64_t expiry; /* the case serves look-ups until then */
    uint32_t case_no;
    int nsub;
    uint32_t sub[4];
} slot;

enum { ACTOR_SLOTS = 3, UNIT_SLOTS = 4 };

typedef struct actor {
    int unit, role, type;
    int shift_start, shift_len, weekends;
    int64_t start, end; /* end 0: still employed */
    int64_t person;     /* own subject index, -1 if not in the register */
    uint64_t home;      /* household index of their address */
    int surname;
    slot slots[ACTOR_SLOTS];
} actor;

typedef struct planted {
    int64_t t;
    uint32_t actor;
    int kind;
    int64_t subject; /* -1: pick as usual */
} planted;

enum { K_SUBJECT, K_VPN, K_FOREIGN_SYSTEM, K_EXPORT };

typedef struct world {
    rng r;
    uint64_t n;
    uint32_t nactors, nunits;
    uint64_t nsubjects, npersons, nvehicles, naddresses, nhouseholds;
    int days;
    int64_t t0, t_end; /* seconds */
    actor *actors;
    slot *unit_slots;
    uint32_t *pool[2][24]; /* [weekend][hour] → actors on shift, weighted */
    uint32_t pool_n[2][24];
    planted *plants;
    size_t nplants, cap_plants;
    uint32_t next_case;
    gen_tsfmt tsc, tsc_csv;
    out ev, cases, assign, incidents;
    uint32_t nincidents;
} world;

static const char *surname_of(int k, char buf[40])
{
    char *p = gen_put_str(buf, sn_prefix[k % NPREFIX]);
    p = gen_put_str(p, sn_start[k / NPREFIX % NSTART]);
    p = gen_put_str(p, sn_end[k / (NPREFIX * NSTART) % NEND]);
    *p = 0;
    return buf;
}

/* Skewed surname choice: P(rank < k) = sqrt(k/N), so common names are
 * common (the top one ~0.7%) and namesakes occur as in a real register. */
static int surname_pick(uint64_t h)
{
    double u = (double)(h >> 11) / 9007199254740992.0;
    return (int)(u * u * NSURNAMES);
}

static uint64_t household_of_person(uint64_t i)
{
    return i * 9 / 20;
}

static int person_surname(uint64_t i)
{
    uint64_t h = household_of_person(i);
    /* most share the household name; some keep their own */
    if (mix(i ^ 0x5151) % 100 < 85) return surname_pick(mix(h));
    return surname_pick(mix(i + 0xabcdef));
}

/* Postcode "1234AB" and house number of a household. */
static char *put_postcode(char *p, uint64_t h)
{
    p = gen_put_fixed(p, 1000 + (h / (676 * 20)) % 9000, 4);
    uint64_t l = h / 20 % 676;
    *p++ = (char)('A' + l / 26);
    *p++ = (char)('A' + l % 26);
    return p;
}

static uint64_t house_number(uint64_t h)
{
    return h % 20 + 1;
}

static int subject_type(const world *w, uint64_t s)
{
    return s < w->npersons ? T_PERSON : s < w->npersons + w->nvehicles ? T_VEHICLE : T_ADDRESS;
}

static uint64_t address_household(const world *w, uint64_t s)
{
    return (s - w->npersons - w->nvehicles) * (w->nhouseholds / w->naddresses);
}

/* Writes a subject's id: a BSN-like 9-digit number, a licence plate
 * "AB-123-C", or an address "1234AB-12". */
static char *put_subject(char *p, const world *w, uint64_t s)
{
    switch (subject_type(w, s)) {
    case T_PERSON:
        return gen_put_fixed(p, 100000000 + (s * 7919 + 12345) % 800000000, 9);
    case T_VEHICLE: {
        uint64_t j = s - w->npersons, l = j / 26000 % 676;
        *p++ = (char)('A' + l / 26);
        *p++ = (char)('A' + l % 26);
        *p++ = '-';
        p = gen_put_fixed(p, j / 26 % 1000, 3);
        *p++ = '-';
        *p++ = (char)('A' + j % 26);
        return p;
    }
    default: {
        uint64_t h = address_household(w, s);
        p = put_postcode(p, h);
        *p++ = '-';
        return gen_put_u64(p, house_number(h));
    }
    }
}

static char *put_actor(char *p, uint32_t a)
{
    *p++ = 'a';
    return gen_put_fixed(p, a, 5);
}

static char *put_unit(char *p, const world *w, int u)
{
    p = gen_put_str(p, unit_type_name[unit_type_of[u % 10]]);
    *p++ = '-';
    (void)w;
    return gen_put_fixed(p, (uint64_t)u, 3);
}

static char *put_case(char *p, uint32_t c)
{
    *p++ = 'z';
    return gen_put_fixed(p, c, 8);
}

static void plant(world *w, int64_t t, uint32_t a, int kind, int64_t subject)
{
    if (t < w->t0 || t >= w->t_end) return;
    if (gen_grow((void **)&w->plants, &w->cap_plants, w->nplants + 1, sizeof *w->plants) < 0)
        die("out of memory for", "planted events");
    w->plants[w->nplants++] = (planted){t, a, kind, subject};
}

/* A random time on a weekday of the period, during office hours. */
static int64_t office_time(world *w, int first_day, int ndays)
{
    for (;;) {
        int64_t day = first_day + (int64_t)rng_below(&w->r, (uint32_t)ndays);
        if ((day % 7) < 5) /* t0 is a Monday */
            return w->t0 + day * 86400 + 9 * 3600 + rng_below(&w->r, 8 * 3600);
    }
}

/* ---------------------------------------------------------------- setup */

static void make_actors(world *w)
{
    w->actors = calloc(w->nactors, sizeof *w->actors);
    if (!w->actors) die("out of memory for", "actors");
    for (uint32_t i = 0; i < w->nactors; i++) {
        actor *a = &w->actors[i];
        uint64_t h = mix(i + 77);
        a->unit = (int)(i % w->nunits);
        a->type = unit_type_of[a->unit % 10];
        int rr = (int)(h % 100);
        while (rr >= role_cum[a->role])
            a->role++;
        if (a->type == U_CONTROL) {
            static const int starts[3] = {7, 15, 23};
            a->shift_start = starts[i / w->nunits % 3];
            a->shift_len = 8;
            a->weekends = 1;
        } else {
            a->shift_start = 7 + (int)(h >> 8) % 3;
            a->shift_len = 9;
            a->weekends = (h >> 16) % 100 < 3;
        }
        /* a few join during the period, a few leave */
        uint64_t hs = (h >> 24) % 1000;
        a->start = w->t0 - 86400 * (int64_t)(30 + (h >> 34) % 3000);
        if (hs < 10 && i > 0)
            a->start = w->t0 + 86400 * (int64_t)(1 + (h >> 34) % (uint64_t)w->days);
        if (hs >= 990 && i > 0)
            a->end = w->t0 + 86400 * (int64_t)(1 + (h >> 40) % (uint64_t)w->days) + 17 * 3600;
        if ((h >> 44) % 100 < 65) {
            a->person = (int64_t)(mix(i ^ 0xfeed) % w->npersons);
            a->home = household_of_person((uint64_t)a->person);
            a->surname = person_surname((uint64_t)a->person);
        } else {
            a->person = -1;
            a->home = w->nhouseholds + i; /* lives outside the register's area */
            a->surname = surname_pick(mix(i ^ 0xbeef));
        }
    }
    /* Shift pools per (weekend?, hour); busy people appear up to 3 times. */
    for (int we = 0; we < 2; we++)
        for (int hr = 0; hr < 24; hr++) {
            uint32_t *p = malloc(sizeof(uint32_t) * 3 * w->nactors), n = 0;
            if (!p) die("out of memory for", "pools");
            for (uint32_t i = 0; i < w->nactors; i++) {
                const actor *a = &w->actors[i];
                if (we && !a->weekends) continue;
                if ((hr - a->shift_start + 24) % 24 >= a->shift_len) continue;
                int busy = 1 + (int)(mix(i + 991) % 3);
                while (busy--)
                    p[n++] = i;
            }
            w->pool[we][hr] = p;
            w->pool_n[we][hr] = n;
        }
}

static void write_actors(world *w, const char *dir)
{
    out o;
    out_open(&o, dir, "actors.csv");
    o.p = GEN_PUT_LIT(o.p, "actor,unit,role,start,end,person,surname,postcode,house_number\n");
    char sn[40];
    for (uint32_t i = 0; i < w->nactors; i++) {
        const actor *a = &w->actors[i];
        char *p = put_actor(o.p, i);
        *p++ = ',';
        p = put_unit(p, w, a->unit);
        *p++ = ',';
        p = gen_put_str(p, roles[a->role]);
        *p++ = ',';
        p = gen_put_ts(p, &w->tsc_csv, a->start);
        *p++ = ',';
        if (a->end) p = gen_put_ts(p, &w->tsc_csv, a->end);
        *p++ = ',';
        if (a->person >= 0) p = put_subject(p, w, (uint64_t)a->person);
        *p++ = ',';
        p = gen_put_str(p, surname_of(a->surname, sn));
        *p++ = ',';
        p = put_postcode(p, a->home);
        *p++ = ',';
        p = gen_put_u64(p, house_number(a->home));
        *p++ = '\n';
        o.p = p;
        out_maybe_flush(&o);
    }
    out_close(&o);
}

/* rights.csv: each actor the rights of their unit type's systems, every
 * action the events use there (view, update, create, print, delete) and
 * search and export, granted when they started: normal work is covered,
 * and search and export, which the events hardly use, are rights never
 * used. */
static void write_rights(world *w, const char *dir)
{
    static const char *const acts[] = {"search", "view",   "update", "create",
                                       "print",  "export", "delete"};
    out o;
    out_open(&o, dir, "rights.csv");
    o.p = GEN_PUT_LIT(o.p, "actor,system,right,granted,revoked,granted_by\n");
    for (uint32_t i = 0; i < w->nactors; i++) {
        const actor *a = &w->actors[i];
        const char *const *sys = system_of[a->type];
        for (int k = 0; k < 3; k++) {
            int seen = 0;
            for (int j = 0; j < k; j++)
                seen |= strcmp(sys[j], sys[k]) == 0;
            if (seen) continue;
            for (size_t n = 0; n < sizeof acts / sizeof *acts; n++) {
                char *p = put_actor(o.p, i);
                *p++ = ',';
                p = gen_put_str(p, sys[k]);
                *p++ = ',';
                p = gen_put_str(p, acts[n]);
                *p++ = ',';
                p = gen_put_ts(p, &w->tsc_csv, a->start);
                p = GEN_PUT_LIT(p, ",,iam\n");
                o.p = p;
                out_maybe_flush(&o);
            }
        }
    }
    out_close(&o);
}

static void write_subjects(world *w, const char *dir)
{
    out o;
    out_open(&o, dir, "subjects.csv");
    o.p = GEN_PUT_LIT(o.p, "subject,surname,postcode,house_number\n");
    char sn[40];
    for (uint64_t s = 0; s < w->nsubjects; s++) {
        int t = subject_type(w, s);
        if (t == T_VEHICLE) continue;
        uint64_t h = t == T_PERSON ? household_of_person(s) : address_household(w, s);
        char *p = put_subject(o.p, w, s);
        *p++ = ',';
        if (t == T_PERSON) p = gen_put_str(p, surname_of(person_surname(s), sn));
        *p++ = ',';
        p = put_postcode(p, h);
        *p++ = ',';
        p = gen_put_u64(p, house_number(h));
        *p++ = '\n';
        o.p = p;
        out_maybe_flush(&o);
    }
    out_close(&o);
}

typedef struct prot_row {
    uint64_t subject;
    size_t at;    /* order of writing */
    int category; /* 0 vip, 1 sensitive, 2 employee */
} prot_row;

static int prot_by_subject(const void *a, const void *b)
{
    const prot_row *x = a, *y = b;
    if (x->subject != y->subject) return x->subject < y->subject ? -1 : 1;
    return x->at < y->at ? -1 : x->at > y->at;
}

static int prot_by_at(const void *a, const void *b)
{
    const prot_row *x = a, *y = b;
    return x->at < y->at ? -1 : x->at > y->at;
}

/* VIPs and sensitive persons at random; every employee in the register.
 * A subject drawn twice is written once, with the category written last
 * (what loading every row made of it): wachter load refuses a key twice
 * in one file. */
static void write_protected(world *w, const char *dir)
{
    out o;
    out_open(&o, dir, "protected.csv");
    o.p = GEN_PUT_LIT(o.p, "subject,category\n");
    uint64_t nvip = w->npersons / 10000 + 20, nsens = w->npersons / 20000 + 10;
    size_t n = 0, cap = (size_t)(nvip + nsens) + w->nactors;
    prot_row *v = malloc(cap * sizeof *v);
    if (!v) {
        fprintf(stderr, "gen: out of memory\n");
        exit(1);
    }
    for (uint64_t k = 0; k < nvip + nsens; k++, n++)
        v[n] = (prot_row){mix(k ^ 0x715) % w->npersons, n, k < nvip ? 0 : 1};
    for (uint32_t i = 0; i < w->nactors; i++)
        if (w->actors[i].person >= 0) v[n] = (prot_row){(uint64_t)w->actors[i].person, n, 2}, n++;
    qsort(v, n, sizeof *v, prot_by_subject);
    size_t m = 0;
    for (size_t i = 0; i < n; i++)
        if (i + 1 == n || v[i + 1].subject != v[i].subject) v[m++] = v[i];
    qsort(v, m, sizeof *v, prot_by_at);
    static const char *const cat[] = {",vip\n", ",sensitive\n", ",employee\n"};
    for (size_t i = 0; i < m; i++) {
        char *p = put_subject(o.p, w, v[i].subject);
        size_t len = strlen(cat[v[i].category]);
        memcpy(p, cat[v[i].category], len);
        o.p = p + len;
        out_maybe_flush(&o);
    }
    free(v);
    out_close(&o);
}

static uint64_t vip_subject(world *w, uint64_t k)
{
    return mix(k ^ 0x715) % w->npersons;
}

static void incident(world *w, uint64_t subject, int64_t t)
{
    static const char *const kinds[] = {"explosion", "arson", "shooting", "threat", "burglary"};
    char *p = GEN_PUT_LIT(w->incidents.p, "i");
    p = gen_put_fixed(p, ++w->nincidents, 6);
    *p++ = ',';
    p = put_subject(p, w, subject);
    *p++ = ',';
    p = gen_put_ts(p, &w->tsc_csv, t);
    *p++ = ',';
    p = gen_put_str(p, kinds[rng_below(&w->r, 5)]);
    *p++ = '\n';
    w->incidents.p = p;
    out_maybe_flush(&w->incidents);
}

/* An actor who is on duty at office hours of a weekday (not a leaver). */
static uint32_t office_actor(world *w)
{
    for (;;) {
        uint32_t a = rng_below(&w->r, w->nactors);
        const actor *x = &w->actors[a];
        if (x->type != U_CONTROL && !x->end && x->start < w->t0) return a;
    }
}

/* Broker rings: three actors of different units look up the same targets
 * (no case) within a week; incidents at those targets follow. */
static void plant_rings(world *w)
{
    uint64_t nrings = w->n / 500000 + 1;
    int span = w->days > 14 ? w->days - 14 : 1;
    for (uint64_t r = 0; r < nrings; r++) {
        uint32_t m[3];
        do {
            for (int k = 0; k < 3; k++)
                m[k] = office_actor(w);
        } while (w->actors[m[0]].unit == w->actors[m[1]].unit ||
                 w->actors[m[0]].unit == w->actors[m[2]].unit ||
                 w->actors[m[1]].unit == w->actors[m[2]].unit);
        uint64_t target[8];
        for (int k = 0; k < 8; k++)
            target[k] = rng_below(&w->r, (uint32_t)w->npersons);
        int first = (int)rng_below(&w->r, (uint32_t)span);
        int ndays = w->days < 7 ? w->days - first : 7;
        if (ndays < 1) ndays = 1;
        for (int k = 0; k < 3; k++)
            for (int j = 0; j < 8; j++)
                if (j < 4 || rng_below(&w->r, 2)) /* the first four are shared by all */
                    plant(w, office_time(w, first, ndays), m[k], K_SUBJECT, (int64_t)target[j]);
        for (int j = 0; j < 6; j++)
            incident(w, target[j],
                     w->t0 + 86400 * (int64_t)(first + 8 + (int)rng_below(&w->r, 14)) +
                         rng_below(&w->r, 86400));
    }
    /* background: incidents at subjects no insider was after */
    uint64_t nbg = w->n / 20000 + 20;
    for (uint64_t k = 0; k < nbg; k++) {
        uint64_t s = rng_below(&w->r, (uint32_t)w->npersons);
        if (k % 4 == 3) s = w->nsubjects - 1 - rng_below(&w->r, (uint32_t)w->naddresses);
        incident(w, s, w->t0 + (int64_t)rng_below(&w->r, (uint32_t)(w->t_end - w->t0)));
    }
}

static void plant_misc(world *w)
{
    uint64_t k = w->n / 200000 + 1;
    for (uint64_t i = 0; i < 3 * k; i++) { /* self, household, colleague */
        uint32_t a;
        do
            a = office_actor(w);
        while (w->actors[a].person < 0);
        uint64_t me = (uint64_t)w->actors[a].person, s = me;
        if (i % 3 == 1) { /* someone at the same address */
            s = household_of_person(me + 1) == household_of_person(me) ? me + 1 : me - 1;
            if (household_of_person(s) != household_of_person(me)) continue;
        } else if (i % 3 == 2) {
            uint32_t b;
            do
                b = rng_below(&w->r, w->nactors);
            while (b == a || w->actors[b].person < 0);
            s = (uint64_t)w->actors[b].person;
        }
        plant(w, office_time(w, 0, w->days), a, K_SUBJECT, (int64_t)s);
    }
    for (uint64_t i = 0; i < 2 * k; i++)
        plant(w, office_time(w, 0, w->days), office_actor(w), K_SUBJECT,
              (int64_t)vip_subject(w, rng_below(&w->r, 20)));
    for (uint64_t i = 0; i < 5 * k; i++)
        plant(w, office_time(w, 0, w->days), office_actor(w), K_VPN, -1);
    for (uint64_t i = 0; i < 3 * k; i++)
        plant(w, office_time(w, w->days / 2, w->days - w->days / 2), office_actor(w),
              K_FOREIGN_SYSTEM, -1);
    for (uint64_t i = 0; i < k; i++) /* a bulk export */
        plant(w, office_time(w, 0, w->days), office_actor(w), K_EXPORT, -1);
    /* enumeration: 150 distinct persons within one hour */
    for (uint64_t i = 0; i < k / 5 + 1; i++) {
        uint32_t a = office_actor(w);
        int64_t t = office_time(w, 0, w->days);
        t -= t % 3600;
        for (int j = 0; j < 150; j++)
            plant(w, t + rng_below(&w->r, 3000), a, K_SUBJECT,
                  (int64_t)rng_below(&w->r, (uint32_t)w->npersons));
    }
    /* volume: four times an actor's usual daily count, on one day */
    if (w->days >= 5) {
        uint64_t daily = w->n / ((uint64_t)w->nactors * (uint64_t)w->days) + 5;
        for (uint64_t i = 0; i < k; i++) {
            uint32_t a = office_actor(w);
            int64_t t = office_time(w, 4, w->days - 4);
            t -= (t - w->t0) % 86400;
            for (uint64_t j = 0; j < 4 * daily; j++)
                plant(w, t + 9 * 3600 + rng_below(&w->r, 8 * 3600), a, K_SUBJECT,
                      (int64_t)rng_below(&w->r, (uint32_t)w->npersons));
        }
    }
}

static int cmp_planted(const void *x, const void *y)
{
    const planted *a = x, *b = y;
    return a->t < b->t ? -1 : a->t > b->t;
}

/* ---------------------------------------------------------------- events */

/* A random subject of the mix a unit type works with. */
static uint64_t random_subject(world *w, int type)
{
    uint32_t u = rng_below(&w->r, 100);
    if ((int)u < mix_person[type]) return rng_below(&w->r, (uint32_t)w->npersons);
    if ((int)u < mix_person[type] + mix_vehicle[type])
        return w->npersons + rng_below(&w->r, (uint32_t)w->nvehicles);
    return w->npersons + w->nvehicles + rng_below(&w->r, (uint32_t)w->naddresses);
}

/* Opens a new case at time t in slot s, assigned to actor a or (a < 0) to
 * unit: writes its rows to cases.csv and case_assignments.csv. */
static void open_case(world *w, slot *s, int64_t t, int type, uint32_t a, int unit)
{
    s->case_no = ++w->next_case;
    s->expiry = t + 3600 * (int64_t)(12 + rng_below(&w->r, 24 * 14));
    s->nsub = 1 + (int)rng_below(&w->r, 4);
    s->sub[0] = (uint32_t)random_subject(w, type);
    for (int k = 1; k < s->nsub; k++) /* co-subjects: often the same household */
        s->sub[k] = subject_type(w, s->sub[0]) == T_PERSON &&
                            s->sub[0] + (uint32_t)k < w->npersons && rng_below(&w->r, 2)
                        ? s->sub[0] + (uint32_t)k
                        : (uint32_t)random_subject(w, type);
    /* assigned at most two days before the first look-up; registered around
     * then, sometimes only the next day (an on-the-spot look-up) */
    int64_t from = t - rng_below(&w->r, 2 * 86400);
    int64_t opened = rng_below(&w->r, 10) ? from : t + rng_below(&w->r, 86400);
    int64_t closed = s->expiry + rng_below(&w->r, 3 * 86400);
    /* wachter load refuses a case closed before it opened, and a case
     * listing one subject twice (docs/bad-input.md): neither is written. */
    if (closed < opened) closed = opened;
    int has_closed = closed < w->t_end, has_to = has_closed && rng_below(&w->r, 10) < 3;
    for (int k = 0; k < s->nsub; k++) {
        int again = 0;
        for (int j = 0; j < k; j++)
            again |= s->sub[j] == s->sub[k];
        if (again) continue;
        char *p = put_case(w->cases.p, s->case_no);
        *p++ = ',';
        p = put_subject(p, w, s->sub[k]);
        *p++ = ',';
        p = gen_put_ts(p, &w->tsc_csv, opened);
        *p++ = ',';
        if (has_closed) p = gen_put_ts(p, &w->tsc_csv, closed);
        *p++ = '\n';
        w->cases.p = p;
        out_maybe_flush(&w->cases);
    }
    char *p = put_case(w->assign.p, s->case_no);
    *p++ = ',';
    if (unit >= 0) {
        p = GEN_PUT_LIT(p, "unit:");
        p = put_unit(p, w, unit);
    } else {
        p = put_actor(p, a);
    }
    *p++ = ',';
    p = gen_put_ts(p, &w->tsc_csv, from);
    *p++ = ',';
    if (has_to) p = gen_put_ts(p, &w->tsc_csv, closed + 7 * 86400);
    *p++ = '\n';
    w->assign.p = p;
    out_maybe_flush(&w->assign);
}

static char *put_client(char *p, world *w, uint32_t a, int vpn)
{
    const actor *x = &w->actors[a];
    if (vpn) {
        p = GEN_PUT_LIT(p, "vpn-");
        return gen_put_fixed(p, a, 5);
    }
    p = GEN_PUT_LIT(p, "ws-");
    if (x->type == U_CONTROL) /* control rooms share their consoles */
        return gen_put_fixed(p, 50000 + (uint64_t)x->unit * 4 + rng_below(&w->r, 4), 5);
    return gen_put_fixed(p, (uint64_t)a * 2 + (rng_below(&w->r, 100) < 5), 5);
}

static char *put_query(char *p, world *w, int type)
{
    char sn[40];
    uint64_t s = random_subject(w, type);
    switch (subject_type(w, s)) {
    case T_PERSON:
        p = GEN_PUT_LIT(p, "surname=");
        p = gen_put_str(p, surname_of(person_surname(s), sn));
        if (rng_below(&w->r, 2)) {
            p = GEN_PUT_LIT(p, " postcode=");
            p = put_postcode(p, household_of_person(s));
        }
        return p;
    case T_VEHICLE:
        p = GEN_PUT_LIT(p, "plate=");
        p = put_subject(p, w, s);
        return p - 3; /* drop the last group: a wildcard search */
    default:
        p = GEN_PUT_LIT(p, "postcode=");
        return put_postcode(p, address_household(w, s));
    }
}

static uint64_t search_results(world *w)
{
    uint32_t u = rng_below(&w->r, 100);
    if (u < 10) return 0;
    if (u < 60) return 1;
    if (u < 95) return 2 + rng_below(&w->r, 9);
    return 11 + rng_below(&w->r, 50);
}

/* Writes one event line. subject >= 0 forces an unexplained look-up of
 * that subject; kind selects the planted variants. */
static void emit(world *w, uint64_t seq, int64_t t, uint32_t a, int kind, int64_t subject)
{
    actor *x = &w->actors[a];
    char *p = w->ev.p;
    p = GEN_PUT_LIT(p, "{\"id\":\"e");
    p = gen_put_fixed(p, seq, 10);
    p = GEN_PUT_LIT(p, "\",\"ts\":\"");
    p = gen_put_ts(p, &w->tsc, t);
    p = GEN_PUT_LIT(p, "\",\"actor\":\"");
    p = put_actor(p, a);
    p = GEN_PUT_LIT(p, "\",\"system\":\"");

    uint32_t u = rng_below(&w->r, 10000);
    if (kind == K_EXPORT) u = 2500;
    if (kind == K_FOREIGN_SYSTEM) u = 9999;
    if (subject < 0 && u < 2500) { /* search */
        p = gen_put_str(p, system_of[x->type][x->type == U_PARKING ? T_VEHICLE : T_PERSON]);
        p = GEN_PUT_LIT(p, "\",\"action\":\"search\",\"purpose\":\"");
        p = gen_put_str(p, unit_purpose[x->type]);
        p = GEN_PUT_LIT(p, "\",\"query\":\"");
        p = put_query(p, w, x->type);
        p = GEN_PUT_LIT(p, "\",\"results\":");
        p = gen_put_u64(p, search_results(w));
    } else if (subject < 0 && u < 2550) { /* export or list print */
        p = gen_put_str(p, system_of[x->type][x->type == U_PARKING ? T_VEHICLE : T_PERSON]);
        p = u < 2530 ? GEN_PUT_LIT(p, "\",\"action\":\"export\"")
                     : GEN_PUT_LIT(p, "\",\"action\":\"print\"");
        p = GEN_PUT_LIT(p, ",\"purpose\":\"");
        p = gen_put_str(p, unit_purpose[x->type]);
        p = GEN_PUT_LIT(p, "\",\"results\":");
        uint64_t n = 1 + rng_below(&w->r, 40);
        if (kind == K_EXPORT || rng_below(&w->r, 100) < 3) n = 101 + rng_below(&w->r, 5000);
        p = gen_put_u64(p, n);
    } else { /* a look-up of one subject */
        uint64_t s;
        uint32_t case_no = 0;
        if (subject >= 0) {
            s = (uint64_t)subject;
        } else if (rng_below(&w->r, 1000) < 50) { /* no case: ~5% */
            s = random_subject(w, x->type);
        } else {
            slot *sl;
            int unit = -1;
            if (rng_below(&w->r, 10) < 3) {
                unit = x->unit;
                sl = &w->unit_slots[(size_t)unit * UNIT_SLOTS + rng_below(&w->r, UNIT_SLOTS)];
            } else {
                sl = &x->slots[rng_below(&w->r, ACTOR_SLOTS)];
            }
            if (sl->expiry <= t) open_case(w, sl, t, x->type, a, unit);
            s = sl->sub[rng_below(&w->r, (uint32_t)sl->nsub)];
            if (rng_below(&w->r, 2)) case_no = sl->case_no;
        }
        int st = subject_type(w, s);
        p = gen_put_str(p, kind == K_FOREIGN_SYSTEM ? "belasting" : system_of[x->type][st]);
        uint32_t v = rng_below(&w->r, 1000);
        p = v < 850   ? GEN_PUT_LIT(p, "\",\"action\":\"view\"")
            : v < 950 ? GEN_PUT_LIT(p, "\",\"action\":\"update\"")
            : v < 980 ? GEN_PUT_LIT(p, "\",\"action\":\"create\"")
            : v < 995 ? GEN_PUT_LIT(p, "\",\"action\":\"print\"")
                      : GEN_PUT_LIT(p, "\",\"action\":\"delete\"");
        p = GEN_PUT_LIT(p, ",\"subject\":\"");
        p = put_subject(p, w, s);
        p = GEN_PUT_LIT(p, "\",\"subject_type\":\"");
        p = gen_put_str(p, type_name[st]);
        if (case_no) {
            p = GEN_PUT_LIT(p, "\",\"case\":\"");
            p = put_case(p, case_no);
        }
        p = GEN_PUT_LIT(p, "\",\"purpose\":\"");
        p = gen_put_str(p, unit_purpose[x->type]);
        *p++ = '"';
    }
    p = GEN_PUT_LIT(p, ",\"client\":\"");
    p = put_client(p, w, a, kind == K_VPN);
    p = GEN_PUT_LIT(p, "\"}\n");
    w->ev.p = p;
    out_maybe_flush(&w->ev);
}

/* An actor on shift now (rarely anyone: people do work odd hours), who has
 * started and (nearly always) not yet left. */
static uint32_t pick_actor(world *w, int weekend, int hour, int64_t t)
{
    for (int tries = 0; tries < 50; tries++) {
        uint32_t a;
        if (w->pool_n[weekend][hour] == 0 || rng_below(&w->r, 1000) < 2)
            a = rng_below(&w->r, w->nactors);
        else
            a = w->pool[weekend][hour][rng_below(&w->r, w->pool_n[weekend][hour])];
        const actor *x = &w->actors[a];
        if (x->start > t) continue;
        if (x->end && x->end < t && rng_below(&w->r, 100) < 97) continue;
        return a;
    }
    return 0; /* actor 0 is always employed */
}

static void write_events(world *w)
{
    /* Each (day, hour) gets events in proportion to the staff on shift. */
    uint64_t total = 0;
    for (int d = 0; d < w->days; d++)
        for (int h = 0; h < 24; h++)
            total += w->pool_n[d % 7 >= 5][h];
    uint64_t seq = 0, acc = 0, prev = 0;
    size_t pi = 0;
    for (int d = 0; d < w->days; d++) {
        int weekend = d % 7 >= 5;
        for (int h = 0; h < 24; h++) {
            acc += w->pool_n[weekend][h];
            uint64_t upto = (uint64_t)((double)w->n * (double)acc / (double)total);
            if (d == w->days - 1 && h == 23) upto = w->n;
            uint64_t c = upto - prev;
            prev = upto;
            int64_t base = w->t0 + (int64_t)d * 86400 + h * 3600;
            for (uint64_t k = 0; k < c; k++) {
                int64_t t = base + (int64_t)((k * 3600 + rng_below(&w->r, 3600)) / c);
                if (pi < w->nplants && w->plants[pi].t <= t) {
                    const planted *pl = &w->plants[pi++];
                    emit(w, ++seq, t, pl->actor, pl->kind, pl->subject);
                } else {
                    emit(w, ++seq, t, pick_actor(w, weekend, h, t), -1, -1);
                }
            }
        }
    }
}

/* ---------------------------------------------------------------- main */

static uint64_t clamp(uint64_t v, uint64_t lo, uint64_t hi)
{
    return v < lo ? lo : v > hi ? hi : v;
}

static void usage(void)
{
    fprintf(stderr, "usage: gen -n EVENTS -o DIR [-seed S] [-actors A] [-subjects S] [-days D]\n"
                    "writes DIR/events.jsonl and DIR/{actors,subjects,cases,case_assignments,"
                    "protected,incidents}.csv\n");
    exit(2);
}

static uint64_t num_arg(const char *s)
{
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    uint64_t mult = 1;
    if (*end == 'k' || *end == 'K')
        mult = 1000, end++;
    else if (*end == 'M' || *end == 'm')
        mult = 1000000, end++;
    if (errno || *end || end == s) usage();
    return (uint64_t)v * mult;
}

int main(int argc, char **argv)
{
    world w = {0};
    const char *dir = NULL;
    uint64_t seed = 1, nactors = 0, nsubjects = 0, days = 0;
    for (int i = 1; i < argc; i++) {
        if (i + 1 >= argc) usage();
        if (!strcmp(argv[i], "-n"))
            w.n = num_arg(argv[++i]);
        else if (!strcmp(argv[i], "-o"))
            dir = argv[++i];
        else if (!strcmp(argv[i], "-seed"))
            seed = num_arg(argv[++i]);
        else if (!strcmp(argv[i], "-actors"))
            nactors = num_arg(argv[++i]);
        else if (!strcmp(argv[i], "-subjects"))
            nsubjects = num_arg(argv[++i]);
        else if (!strcmp(argv[i], "-days"))
            days = num_arg(argv[++i]);
        else
            usage();
    }
    if (!dir || w.n == 0 || w.n >= UINT64_C(10000000000)) usage();
    char failed[4096];
    int mk = gen_mkdirs(dir, failed, sizeof failed);
    if (mk == -2) errno = ENOTDIR;
    if (mk < 0) die("cannot create", failed);

    /* Defaults scale with N up to ~10k staff and ~2M subjects; the period
     * gives each actor ~25 events per working day (at least a week, so
     * daily baselines exist). */
    w.nactors = (uint32_t)(nactors ? clamp(nactors, 3, 99999) : clamp(w.n / 100, 100, 10000));
    w.nsubjects = nsubjects ? clamp(nsubjects, 1000, 4000000) : clamp(w.n * 2, 20000, 2000000);
    w.days = (int)(days ? clamp(days, 1, 3650) : clamp(w.n / (w.nactors * 25ull), 7, 366));
    w.nunits = w.nactors / 40 > 10 ? w.nactors / 40 : 10;
    if (w.nunits > w.nactors) w.nunits = w.nactors;
    w.npersons = w.nsubjects * 85 / 100;
    w.nvehicles = w.nsubjects / 10;
    w.naddresses = w.nsubjects - w.npersons - w.nvehicles;
    w.nhouseholds = household_of_person(w.npersons - 1) + 1;
    w.r.s = mix(seed);
    w.t0 = gen_days_from_civil(2026, 1, 5) * 86400; /* a Monday */
    w.t_end = w.t0 + (int64_t)w.days * 86400;
    w.tsc.day = w.tsc_csv.day = -1;

    make_actors(&w);
    w.unit_slots = calloc((size_t)w.nunits * UNIT_SLOTS, sizeof *w.unit_slots);
    if (!w.unit_slots) die("out of memory for", "unit slots");
    write_actors(&w, dir);
    write_rights(&w, dir);
    write_subjects(&w, dir);
    write_protected(&w, dir);

    out_open(&w.incidents, dir, "incidents.csv");
    w.incidents.p = GEN_PUT_LIT(w.incidents.p, "incident,subject,ts,kind\n");
    plant_rings(&w);
    plant_misc(&w);
    qsort(w.plants, w.nplants, sizeof *w.plants, cmp_planted);

    out_open(&w.cases, dir, "cases.csv");
    w.cases.p = GEN_PUT_LIT(w.cases.p, "case,subject,opened,closed\n");
    out_open(&w.assign, dir, "case_assignments.csv");
    w.assign.p = GEN_PUT_LIT(w.assign.p, "case,assignee,from,to\n");
    out_open(&w.ev, dir, "events.jsonl");
    write_events(&w);
    out_close(&w.ev);
    out_close(&w.cases);
    out_close(&w.assign);
    out_close(&w.incidents);

    fprintf(stderr,
            "gen: %llu events, %u actors in %u units, %llu subjects, %d days, %u cases, "
            "%u incidents → %s\n",
            (unsigned long long)w.n, w.nactors, w.nunits, (unsigned long long)w.nsubjects, w.days,
            w.next_case, w.nincidents, dir);
    for (int we = 0; we < 2; we++)
        for (int h = 0; h < 24; h++)
            free(w.pool[we][h]);
    free(w.actors);
    free(w.unit_slots);
    free(w.plants);
    return 0;
}
