/* wachter-orggen's organisation: staff, register, cases, a month of
 * look-ups with planted insiders and benign hard cases (docs/orggen.md). */
#include "orggen.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define DAY_MS 86400000LL
#define HOUR_MS 3600000LL
#define MIN_MS 60000LL
#define NO_END 1000000

/* ---- random numbers (splitmix64: the same seed, the same organisation) */

typedef struct {
    uint64_t s;
} rng_t;

static uint64_t rn(rng_t *r)
{
    uint64_t z = (r->s += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}
static double ru(rng_t *r)
{
    return (double)(rn(r) >> 11) * (1.0 / 9007199254740992.0);
}
static int ri(rng_t *r, int n)
{
    return n <= 0 ? 0 : (int)(rn(r) % (uint64_t)n);
}
static double rnorm(rng_t *r)
{
    double u1 = ru(r), u2 = ru(r);
    if (u1 < 1e-300) u1 = 1e-300;
    return sqrt(-2.0 * log(u1)) * cos(6.283185307179586 * u2);
}
static double rlogn(rng_t *r, double median, double sigma)
{
    return median * exp(sigma * rnorm(r));
}

/* ---- dates: day 0 is Monday 2026-03-02 */

static long days_from_civil(int y, int m, int d)
{
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}
static void civil_from_days(long z, int *y, int *m, int *d)
{
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long yy = yoe + era * 400;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yy + (*m <= 2));
}
static long g_day0;
static void fmt_date(char *b, size_t n, int day)
{
    int y, m, d;
    civil_from_days(g_day0 + day, &y, &m, &d);
    snprintf(b, n, "%04d-%02d-%02d", y, m, d);
}
static void fmt_ts(char *b, size_t n, int64_t ms)
{
    int64_t s = ms / 1000;
    long day = (long)(s / 86400);
    int sod = (int)(s % 86400), y, m, d;
    civil_from_days(g_day0 + day, &y, &m, &d);
    snprintf(b, n, "%04d-%02d-%02dT%02d:%02d:%02dZ", y, m, d, sod / 3600, sod / 60 % 60, sod % 60);
}

/* ---- the register's persons and other subjects */

static const char *common_names[] = {
    "de Jong",         "Jansen",       "de Vries",      "van den Berg", "van Dijk",
    "Bakker",          "Janssen",      "Visser",        "Smit",         "Meijer",
    "de Boer",         "Mulder",       "de Groot",      "Bos",          "Vos",
    "Peters",          "Hendriks",     "van Leeuwen",   "Dekker",       "Brouwer",
    "de Wit",          "Dijkstra",     "Smits",         "de Graaf",     "van der Meer",
    "van der Linden",  "Kok",          "Jacobs",        "de Haan",      "Vermeulen",
    "van den Heuvel",  "van der Veen", "van den Broek", "de Bruijn",    "de Bruin",
    "van der Heijden", "Schouten",     "van Beek",      "Willems",      "van Vliet",
    "Yilmaz",          "El Amrani",    "Kaya",          "Hoekstra",     "Koster",
    "Prins",           "Huisman",      "Peeters"};
#define N_COMMON ((int)(sizeof(common_names) / sizeof(common_names[0])))
static const char *syl_a[] = {"Ha",  "Ber", "Kle", "Dro", "Wes", "Stu", "Ma",  "Lo",  "Ri",  "Gel",
                              "Tem", "Vor", "Nij", "Oos", "Bra", "Zan", "Hui", "Kor", "Ter", "Wal"};
static const char *syl_b[] = {"mel", "ken", "ste", "ver", "hol",  "rin", "dam",
                              "bro", "sel", "lin", "mer", "gaar", "wij", "tel",
                              "ker", "pen", "zon", "hui", "bel",  "lan"};
static const char *syl_c[] = {"ink",   "ing",  "man",  "stra", "sma",  "ga",  "hof",
                              "berg",  "veld", "land", "ers",  "ema",  "ens", "kamp",
                              "broek", "stee", "ma",   "wold", "dijk", "huis"};

typedef struct {
    char bsn[24];
    char surname[24];
    char postcode[16];
    int house;
} person_t;

typedef struct {
    const kind_def *k;
    orggen_opts o;
    rng_t r;
    int npersons, nvehicles, ncontainers, ncompanies;
    person_t *persons;
} world_t;

static void make_surname(rng_t *r, char *b, size_t n)
{
    if (ru(r) < 0.7) {
        /* Zipf-like among the common names */
        int i = (int)(N_COMMON * pow(ru(r), 1.8));
        snprintf(b, n, "%s", common_names[i < N_COMMON ? i : N_COMMON - 1]);
    } else {
        snprintf(b, n, "%s%s%s", syl_a[ri(r, 20)], syl_b[ri(r, 20)], syl_c[ri(r, 20)]);
    }
}

static void make_persons(world_t *w)
{
    w->persons = calloc((size_t)w->npersons, sizeof(person_t));
    uint64_t base = 20000000 + (w->o.seed % 1000) * 1000;
    int i = 0;
    while (i < w->npersons) {
        int size = 1 + ri(&w->r, 4) + (ru(&w->r) < 0.2);
        char sn[24], pc[16];
        make_surname(&w->r, sn, sizeof sn);
        snprintf(pc, sizeof pc, "%04d%c%c", 1000 + ri(&w->r, 9000), 'A' + ri(&w->r, 26),
                 'A' + ri(&w->r, 26));
        int house = 1 + ri(&w->r, 180);
        for (int j = 0; j < size && i < w->npersons; j++, i++) {
            person_t *p = &w->persons[i];
            /* a valid citizen service number (elfproef) */
            for (;;) {
                base += 7;
                int s = 0;
                uint64_t b = base;
                for (int k = 0; k < 8; k++) {
                    s += (int)(b % 10) * (k + 2);
                    b /= 10;
                }
                if (s % 11 != 10) {
                    snprintf(p->bsn, sizeof p->bsn, "%08llu%d", (unsigned long long)base, s % 11);
                    break;
                }
            }
            if (j == 0 || ru(&w->r) < 0.75)
                snprintf(p->surname, sizeof p->surname, "%s", sn);
            else
                make_surname(&w->r, p->surname, sizeof p->surname);
            memcpy(p->postcode, pc, sizeof pc);
            p->house = house;
        }
    }
}

static const char *st_name[ST_N] = {"person", "vehicle", "container", "company"};
static const char *owners[] = {"MSCU", "MAEU", "CMAU", "HLXU", "OOLU",
                               "EGLV", "COSU", "ONEU", "YMLU", "ZIMU"};

static void subject_id(const world_t *w, int st, int idx, char *b, size_t n)
{
    static const char L[] = "BDFGHJKLNPRSTVXZ";
    switch (st) {
    case ST_PERSON:
        snprintf(b, n, "%s", w->persons[idx].bsn);
        break;
    case ST_VEHICLE:
        snprintf(b, n, "%c%c-%03d-%c", L[idx % 16], L[idx / 16 % 16], idx / 256 % 1000,
                 L[idx / 256000 % 16]);
        break;
    case ST_CONTAINER:
        snprintf(b, n, "%s%06d%d", owners[idx % 10], idx / 10 % 1000000, idx / 10 % 7);
        break;
    default:
        snprintf(b, n, "%08d", 30000000 + idx * 3);
        break;
    }
}
static int n_of_type(const world_t *w, int st)
{
    return st == ST_PERSON      ? w->npersons
           : st == ST_VEHICLE   ? w->nvehicles
           : st == ST_CONTAINER ? w->ncontainers
                                : w->ncompanies;
}

/* ---- staff */

enum {
    R_NONE,
    /* planted insiders */
    R_DEPART,
    R_VIP,
    R_ADDR,
    R_COLL,
    R_BOGUS,
    /* benign hard cases */
    R_ROUTINE,
    R_LATE,
    R_NIGHT,
    R_CROWD,
    R_NEW,
    R_HEAVY,
    R_PRECASE,
    R_LEAVER,
    R_HANDLER,
    R_NROLES
};
static const char *role_scen[R_NROLES] = {
    "",           "departing_exporter", "vip_burst",    "address_finder", "colleague_snoop",
    "bogus_case", "routine_export",     "late_case",    "night_shift",    "benign_crowd",
    "newcomer",   "heavy_user",         "precase_team", "leaver_normal",  "vip_handler"};

typedef struct {
    char acct[40];
    int unit, person;
    int start_day, end_day; /* end_day NO_END while employed */
    double vol, nocase;
    int start_min; /* office: minute of the day they start */
    int rota_off, nightonly;
    int leave_from, leave_len;
    int vpn_wday; /* -1: never from home */
    int ws;
    int role;
    int act[8], nact; /* open personal cases */
    int worked;       /* working days so far */
    int console;      /* shift: current console */
} actor_t;

typedef struct {
    char id[32];
    int nsub;
    unsigned char st[8];
    int sidx[8];
    int opened, closed; /* closed -1: open */
    int assignee;       /* actor, or -1 for the unit */
    int unit;
    int late;  /* registered after the ingest */
    int multi; /* assigned to the late team (all of them) */
} case_t;

typedef struct {
    int64_t ts;
    uint64_t seq;
    char *line;
} pend_t;

typedef struct {
    world_t w;
    actor_t *a;
    int na, npast;
    case_t *c;
    int nc, capc;
    int case_ctr, visit_ctr;
    pend_t *p;
    int np, capp;
    uint64_t seq;
    char sysname[16][16];
    long syscnt[16];
    int nsys;
    FILE *ev;
    long nevents;
    /* scenario state */
    int vip, vip_day, crowd_victim, crowd_day, standing[32];
    int coll_victims[3];
    int ops[3], late_team[5], nlate;
    int targets[8], target_day[8], ntargets;
    int bg_inc[40], bg_inc_type[40], bg_inc_day[40], nbg;
    int bogus_days[6], nbogus_days;
    int dep_days[8], ndep;
    int coll_days[8], ncoll;
} gen_t;

static int pick_type(gen_t *g, const unit_def *u)
{
    int tot = 0;
    for (int i = 0; i < ST_N; i++)
        tot += u->mix[i];
    int x = ri(&g->w.r, tot);
    for (int i = 0; i < ST_N; i++) {
        if (x < u->mix[i]) return i;
        x -= u->mix[i];
    }
    return ST_PERSON;
}
static const char *sys_for(gen_t *g, const unit_def *u, int st)
{
    if (u->sys[st]) return u->sys[st];
    if (st == ST_PERSON) return g->w.k->person_sys;
    for (int i = 0; i < ST_N; i++)
        if (u->sys[i]) return u->sys[i];
    return "app";
}

static int new_case(gen_t *g)
{
    if (g->nc == g->capc) {
        g->capc = g->capc ? g->capc * 2 : 4096;
        g->c = realloc(g->c, (size_t)g->capc * sizeof(case_t));
    }
    case_t *c = &g->c[g->nc];
    memset(c, 0, sizeof *c);
    c->closed = -1;
    c->assignee = -1;
    return g->nc++;
}

/* ---- events */

static void emit(gen_t *g, int64_t ts, int a, const char *sys, const char *action, int st,
                 const char *subj, const char *cas, long results, const char *query,
                 const char *client)
{
    int si = 0;
    while (si < g->nsys && strcmp(g->sysname[si], sys) != 0)
        si++;
    if (si == g->nsys) {
        snprintf(g->sysname[si], sizeof g->sysname[si], "%s", sys);
        g->nsys++;
    }
    char tsb[32], line[768];
    fmt_ts(tsb, sizeof tsb, ts);
    int n = snprintf(
        line, sizeof line,
        "{\"id\":\"%s-%08ld\",\"ts\":\"%s\",\"actor\":\"%s\",\"system\":\"%s\",\"action\":\"%s\"",
        sys, ++g->syscnt[si], tsb, g->a[a].acct, sys, action);
    if (subj)
        n += snprintf(line + n, sizeof line - (size_t)n,
                      ",\"subject\":\"%s\",\"subject_type\":\"%s\"", subj, st_name[st]);
    if (cas) n += snprintf(line + n, sizeof line - (size_t)n, ",\"case\":\"%s\"", cas);
    if (query) n += snprintf(line + n, sizeof line - (size_t)n, ",\"query\":\"%s\"", query);
    if (results >= 0) n += snprintf(line + n, sizeof line - (size_t)n, ",\"results\":%ld", results);
    snprintf(line + n, sizeof line - (size_t)n, ",\"client\":\"%s\"}\n", client);
    if (g->np == g->capp) {
        g->capp = g->capp ? g->capp * 2 : 65536;
        g->p = realloc(g->p, (size_t)g->capp * sizeof(pend_t));
    }
    g->p[g->np++] = (pend_t){ts, g->seq++, strdup(line)};
}

static int pend_cmp(const void *x, const void *y)
{
    const pend_t *a = x, *b = y;
    if (a->ts != b->ts) return a->ts < b->ts ? -1 : 1;
    return a->seq < b->seq ? -1 : a->seq > b->seq;
}
/* Writes every pending event before `upto`, in time order. */
static void flush(gen_t *g, int64_t upto)
{
    qsort(g->p, (size_t)g->np, sizeof(pend_t), pend_cmp);
    int k = 0;
    while (k < g->np && g->p[k].ts < upto) {
        fputs(g->p[k].line, g->ev);
        free(g->p[k].line);
        g->nevents++;
        k++;
    }
    memmove(g->p, g->p + k, (size_t)(g->np - k) * sizeof(pend_t));
    g->np -= k;
}

/* ---- working time */

static const char rota[10] = {'E', 'E', 'L', 'L', 'N', 'N', '-', '-', '-', '-'};

/* The actor's session on day d: [t0, t1) in ms since day 0, or 0. */
static int session(gen_t *g, int ai, int d, int64_t *t0, int64_t *t1)
{
    actor_t *a = &g->a[ai];
    const unit_def *u = &g->w.k->units[a->unit];
    if (d < a->start_day || d > a->end_day) return 0;
    if (d >= a->leave_from && d < a->leave_from + a->leave_len) return 0;
    int64_t base = (int64_t)d * DAY_MS;
    if (u->pat == PAT_OFFICE) {
        if (d % 7 >= 5) return 0;
        *t0 = base + (a->start_min + (d * 7 + ai) % 21 - 10) * MIN_MS;
        *t1 = *t0 + 8 * HOUR_MS + 30 * MIN_MS;
        return 1;
    }
    char s;
    if (a->nightonly)
        s = (d + a->rota_off) % 7 < 4 ? 'N' : '-';
    else
        s = rota[(d + a->rota_off) % 10];
    if (s == '-') return 0;
    int h = s == 'E' ? 6 : s == 'L' ? 14 : 22;
    if (s == 'N' && d == a->end_day) return 0; /* a night shift would run past their last day */
    *t0 = base + h * HOUR_MS;
    *t1 = *t0 + 8 * HOUR_MS;
    return 1;
}

static void client_of(gen_t *g, int ai, int d, char *b, size_t n)
{
    actor_t *a = &g->a[ai];
    const unit_def *u = &g->w.k->units[a->unit];
    if (u->pat == PAT_SHIFT)
        snprintf(b, n, "con-%s-%02d", u->name, a->console);
    else if (a->vpn_wday >= 0 && d % 7 == a->vpn_wday)
        snprintf(b, n, "vpn-%s", a->acct);
    else
        snprintf(b, n, "ws-%s-%03d", u->name, a->ws);
}

static void case_name(gen_t *g, case_t *c, int visit)
{
    if (visit)
        snprintf(c->id, sizeof c->id, "%s-%07d", g->w.k->visit_prefix, 1000000 + ++g->visit_ctr);
    else
        snprintf(c->id, sizeof c->id, "%s-2026-%05d", g->w.k->case_prefix, 10000 + ++g->case_ctr);
}

/* A new personal case of actor ai, opened on day `opened`. */
static int open_personal(gen_t *g, int ai, int opened, int len)
{
    actor_t *a = &g->a[ai];
    const unit_def *u = &g->w.k->units[a->unit];
    int ci = new_case(g);
    case_t *c = &g->c[ci];
    case_name(g, c, 0);
    c->nsub = 1 + ri(&g->w.r, 3);
    int st = pick_type(g, u);
    for (int i = 0; i < c->nsub; i++) {
        c->st[i] = (unsigned char)(i == 0 ? st : pick_type(g, u));
        c->sidx[i] = ri(&g->w.r, n_of_type(&g->w, c->st[i]));
    }
    c->opened = opened;
    c->closed = ru(&g->w.r) < 0.2 ? -1 : opened + len;
    c->assignee = ai;
    c->unit = a->unit;
    c->late = ru(&g->w.r) < 0.02;
    return ci;
}

/* ---- ordinary work */

static long clampl(double x, long lo, long hi)
{
    return x < lo ? lo : x > hi ? hi : (long)x;
}

static void one_nocase(gen_t *g, int ai, int64_t t, const char *cl, int d)
{
    actor_t *a = &g->a[ai];
    const unit_def *u = &g->w.k->units[a->unit];
    int st = pick_type(g, u);
    int idx = ri(&g->w.r, n_of_type(&g->w, st));
    char sid[32];
    subject_id(&g->w, st, idx, sid, sizeof sid);
    const char *sys = sys_for(g, u, st);
    if (st == ST_PERSON && ru(&g->w.r) < 0.4) {
        char q[64];
        snprintf(q, sizeof q, "%s %s", g->w.persons[idx].surname, g->w.persons[idx].postcode);
        emit(g, t, ai, sys, "search", st, NULL, NULL, 1 + ri(&g->w.r, 6), q, cl);
        t += (10 + ri(&g->w.r, 50)) * 1000;
    }
    emit(g, t, ai, sys, ru(&g->w.r) < 0.95 ? "view" : "print", st, sid, NULL, -1, NULL, cl);
    (void)d;
}

static void day_work(gen_t *g, int ai, int d, int64_t t0, int64_t t1, double scale)
{
    actor_t *a = &g->a[ai];
    const unit_def *u = &g->w.k->units[a->unit];
    rng_t *r = &g->w.r;
    char cl[64];
    if (u->pat == PAT_SHIFT && ru(r) < 0.3) a->console = 1 + ri(r, 8);
    client_of(g, ai, d, cl, sizeof cl);
    a->worked++;

    /* close and open personal cases */
    if (u->casemode == CM_PERSONAL) {
        int k = 0;
        for (int i = 0; i < a->nact; i++) {
            case_t *c = &g->c[a->act[i]];
            if (c->closed < 0 || c->closed >= d) a->act[k++] = a->act[i];
        }
        a->nact = k;
        double pnew = a->nact < 2 ? 0.9 : a->nact < 5 ? 0.4 : 0.1;
        if (a->nact < 8 && ru(r) < pnew) {
            int ci = open_personal(g, ai, d + (ru(r) < 0.05), 3 + ri(r, 28));
            a->act[a->nact++] = ci;
        }
    }

    double nocase = a->nocase;
    int n = (int)lround(u->perday * a->vol * scale * exp(0.25 * rnorm(r)));
    if (a->role == R_NEW && a->worked <= 5) {
        n = (int)(n * (0.3 + 0.14 * a->worked));
        nocase = 0.15;
    }
    if (n < 1) n = 1;
    int64_t span = t1 - t0 - 10 * MIN_MS;
    int done = 0;
    while (done < n) {
        int64_t t = t0 + (int64_t)(ru(r) * (double)span);
        if (ru(r) < nocase) {
            one_nocase(g, ai, t, cl, d);
            done++;
            continue;
        }
        if (u->casemode == CM_VISIT) {
            int ci = new_case(g);
            case_t *c = &g->c[ci];
            case_name(g, c, 1);
            c->nsub = u->nvisit;
            for (int i = 0; i < c->nsub; i++) {
                c->st[i] = (unsigned char)u->visit[i];
                c->sidx[i] = ri(r, n_of_type(&g->w, c->st[i]));
            }
            c->opened = d;
            c->closed = d + 1;
            c->unit = a->unit;
            int state = ru(r) < 0.8;
            for (int i = 0; i < c->nsub && done < n; i++) {
                char sid[32];
                subject_id(&g->w, c->st[i], c->sidx[i], sid, sizeof sid);
                emit(g, t, ai, sys_for(g, u, c->st[i]), ru(r) < 0.9 ? "view" : "update", c->st[i],
                     sid, state ? c->id : NULL, -1, NULL, cl);
                t += (15 + ri(r, 100)) * 1000;
                done++;
            }
            continue;
        }
        /* a personal case: their own, a late operation, or the VIP's */
        int ci = -1;
        if (a->role == R_LATE && ru(r) < 0.4) {
            int live[3], nl = 0;
            for (int i = 0; i < 3; i++)
                if (g->c[g->ops[i]].opened <= d) live[nl++] = g->ops[i];
            if (nl) ci = live[ri(r, nl)];
        }
        if (ci < 0 && a->role == R_HANDLER && ru(r) < 0.05) ci = g->standing[31];
        if (ci < 0) {
            if (a->nact == 0) {
                one_nocase(g, ai, t, cl, d);
                done++;
                continue;
            }
            ci = a->act[ri(r, a->nact)];
        }
        case_t *c = &g->c[ci];
        int s = ri(r, c->nsub);
        char sid[32];
        subject_id(&g->w, c->st[s], c->sidx[s], sid, sizeof sid);
        const char *sys = sys_for(g, u, c->st[s]);
        int state = ru(r) < (a->role == R_LATE ? 0.85 : 0.7);
        double x = ru(r);
        emit(g, t, ai, sys,
             x < 0.86   ? "view"
             : x < 0.97 ? "update"
                        : "print",
             c->st[s], sid, state ? c->id : NULL, -1, NULL, cl);
        done++;
    }
    /* a small export under one of their cases, now and then */
    if (u->casemode == CM_PERSONAL && a->nact && !u->routine_export && ru(r) < 0.04) {
        case_t *c = &g->c[a->act[ri(r, a->nact)]];
        int64_t t = t0 + (int64_t)(ru(r) * (double)span);
        emit(g, t, ai, sys_for(g, u, c->st[0]), "export", 0, NULL, c->id, 3 + ri(r, 60), NULL, cl);
    }
    /* the reporting team's exports under their standing case */
    if (u->routine_export) {
        int k = 1 + ri(r, 3);
        for (int i = 0; i < k; i++) {
            int64_t t = t0 + (int64_t)(ru(r) * (double)span);
            emit(g, t, ai, sys_for(g, u, pick_type(g, u)), "export", 0, NULL,
                 g->c[g->standing[a->unit]].id, clampl(rlogn(r, 1200, 0.7), 150, 9000), NULL, cl);
        }
    }
}

/* ---- planted behaviour on day d */

static int64_t in_session(gen_t *g, int64_t t0, int64_t t1)
{
    return t0 + 5 * MIN_MS + (int64_t)(ru(&g->w.r) * (double)(t1 - t0 - 20 * MIN_MS));
}

static void look(gen_t *g, int ai, int d, int64_t t, int st, int idx, const char *cas)
{
    const unit_def *u = &g->w.k->units[g->a[ai].unit];
    char sid[32], cl[64];
    subject_id(&g->w, st, idx, sid, sizeof sid);
    client_of(g, ai, d, cl, sizeof cl);
    emit(g, t, ai, sys_for(g, u, st), "view", st, sid, cas, -1, NULL, cl);
}

static int has_day(const int *days, int n, int d)
{
    for (int i = 0; i < n; i++)
        if (days[i] == d) return 1;
    return 0;
}

static void planted(gen_t *g, int ai, int d, int64_t t0, int64_t t1)
{
    actor_t *a = &g->a[ai];
    const unit_def *u = &g->w.k->units[a->unit];
    rng_t *r = &g->w.r;
    char cl[64];
    client_of(g, ai, d, cl, sizeof cl);
    switch (a->role) {
    case R_DEPART:
        if (has_day(g->dep_days, g->ndep, d)) {
            int st = pick_type(g, u);
            emit(g, in_session(g, t0, t1), ai, sys_for(g, u, st), "export", 0, NULL, NULL,
                 clampl(rlogn(r, 1800, 0.5), 600, 6000), NULL, cl);
            if (ru(r) < 0.3)
                emit(g, in_session(g, t0, t1), ai, sys_for(g, u, st), "print", 0, NULL, NULL,
                     40 + ri(r, 200), NULL, cl);
        }
        break;
    case R_VIP:
        if (d == g->vip_day) {
            int64_t t = in_session(g, t0, t1);
            look(g, ai, d, t, ST_PERSON, g->vip, NULL);
            if (ru(r) < 0.5) look(g, ai, d, t + (40 + ri(r, 400)) * 1000, ST_PERSON, g->vip, NULL);
        }
        break;
    case R_ADDR:
        for (int i = 0; i < g->ntargets; i++)
            if (g->target_day[i] == d) {
                int64_t t = in_session(g, t0, t1);
                look(g, ai, d, t, g->w.k->incident_type, g->targets[i], NULL);
                if (ru(r) < 0.3)
                    look(g, ai, d, t + (60 + ri(r, 900)) * 1000, g->w.k->incident_type,
                         g->targets[i], NULL);
            }
        break;
    case R_COLL:
        if (has_day(g->coll_days, g->ncoll, d)) {
            int k = 1 + (ru(r) < 0.5);
            for (int i = 0; i < k; i++)
                look(g, ai, d, in_session(g, t0, t1), ST_PERSON,
                     g->a[g->coll_victims[ri(r, 3)]].person, NULL);
        }
        break;
    case R_BOGUS:
        if (has_day(g->bogus_days, g->nbogus_days, d)) {
            int k = 3 + ri(r, 2);
            for (int i = 0; i < k; i++) {
                char fake[32];
                snprintf(fake, sizeof fake, "%s-2026-%05d", g->w.k->case_prefix,
                         70000 + ri(r, 29999));
                int st = u->mix[ST_PERSON] ? ST_PERSON : pick_type(g, u);
                look(g, ai, d, in_session(g, t0, t1), st, ri(r, n_of_type(&g->w, st)), fake);
            }
        }
        break;
    case R_CROWD:
        break;
    default:
        break;
    }
    /* the VIP's handler on the news day too */
    if (a->role == R_HANDLER && d == g->vip_day)
        look(g, ai, d, in_session(g, t0, t1), ST_PERSON, g->vip, g->c[g->standing[31]].id);
}

/* ---- choosing who plays what */

static int pick_actor(gen_t *g, int want_normal, int want_office, int unit, int need_type)
{
    for (int tries = 0; tries < 100000; tries++) {
        int ai = ri(&g->w.r, g->na);
        actor_t *a = &g->a[ai];
        const unit_def *u = &g->w.k->units[a->unit];
        if (a->role != R_NONE || a->start_day > 0 || a->end_day != NO_END) continue;
        if (unit >= 0 && a->unit != unit) continue;
        if (want_normal && !u->normal) continue;
        if (want_office && u->pat != PAT_OFFICE) continue;
        if (need_type >= 0 && !u->mix[need_type]) continue;
        return ai;
    }
    return -1;
}
static int unit_index(const kind_def *k, const char *name)
{
    for (int i = 0; i < k->nunits; i++)
        if (strcmp(k->units[i].name, name) == 0) return i;
    return -1;
}
static int working_days(gen_t *g, int ai, int from, int to, int *out, int want)
{
    int cand[4096], nc = 0;
    int64_t t0, t1;
    for (int d = from; d <= to && nc < 4096; d++)
        if (d >= 0 && d < g->w.o.days && session(g, ai, d, &t0, &t1)) cand[nc++] = d;
    int n = 0;
    while (n < want && nc > 0) {
        int i = ri(&g->w.r, nc);
        out[n++] = cand[i];
        cand[i] = cand[--nc];
    }
    /* in order */
    for (int i = 1; i < n; i++)
        for (int j = i; j > 0 && out[j - 1] > out[j]; j--) {
            int x = out[j];
            out[j] = out[j - 1];
            out[j - 1] = x;
        }
    return n;
}
static int weekday_near(int d)
{
    while (d % 7 >= 5)
        d++;
    return d;
}

static int make_staff(gen_t *g)
{
    const kind_def *k = g->w.k;
    rng_t *r = &g->w.r;
    int N = g->w.o.actors;
    g->npast = N / 50;
    g->na = N + g->npast;
    g->a = calloc((size_t)g->na, sizeof(actor_t));
    int *used = calloc((size_t)g->w.npersons, sizeof(int));
    int ai = 0;
    for (int ui = 0; ui < k->nunits; ui++) {
        int n = ui == k->nunits - 1 ? N - ai : (k->units[ui].permille * N + 500) / 1000;
        if (n < 2) n = 2;
        for (int j = 0; j < n && ai < N; j++, ai++) {
            actor_t *a = &g->a[ai];
            a->unit = ui;
            do
                a->person = ri(r, g->w.npersons);
            while (used[a->person]);
            used[a->person] = 1;
            char low[24];
            int m = 0;
            for (const char *s = g->w.persons[a->person].surname; *s && m < 22; s++)
                if ((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z'))
                    low[m++] = (char)(*s | 0x20);
            low[m] = 0;
            snprintf(a->acct, sizeof a->acct, "%c.%s%d", 'a' + ri(r, 26), low, ai + 1);
            a->start_day = -60 - ri(r, 7000);
            a->end_day = NO_END;
            a->vol = rlogn(r, 1.0, 0.35);
            a->nocase = k->units[ui].nocase * rlogn(r, 1.0, 0.3);
            a->start_min = 7 * 60 + 30 + ri(r, 120);
            a->rota_off = ri(r, 10);
            a->leave_from = ri(r, 10) < 4 ? ri(r, g->w.o.days) : NO_END;
            a->leave_len = 3 + ri(r, 5);
            a->vpn_wday = k->units[ui].pat == PAT_OFFICE && ru(r) < 0.2 ? ri(r, 5) : -1;
            a->ws = 1 + j;
            a->console = 1 + ri(r, 8);
        }
    }
    g->na = ai + g->npast;
    /* former staff, gone before the month */
    for (int i = 0; i < g->npast; i++, ai++) {
        actor_t *a = &g->a[ai];
        a->unit = ri(r, k->nunits);
        do
            a->person = ri(r, g->w.npersons);
        while (used[a->person]);
        used[a->person] = 1;
        snprintf(a->acct, sizeof a->acct, "x.former%d", ai + 1);
        a->start_day = -3000 - ri(r, 3000);
        a->end_day = -10 - ri(r, 700);
        a->leave_from = NO_END;
        a->vpn_wday = -1;
        a->role = R_NONE;
    }
    free(used);
    return 0;
}

/* Standing cases: the reporting team's (per unit) and the VIP's own. */
static void standing_cases(gen_t *g)
{
    const kind_def *k = g->w.k;
    for (int ui = 0; ui < k->nunits; ui++) {
        if (!k->units[ui].routine_export) continue;
        int ci = new_case(g);
        case_t *c = &g->c[ci];
        snprintf(c->id, sizeof c->id, "%s-STAT-%s", k->case_prefix, k->units[ui].name);
        c->nsub = 1;
        c->st[0] = ST_COMPANY;
        c->sidx[0] = ui;
        c->opened = -400;
        c->unit = ui;
        g->standing[ui] = ci;
    }
}

static void plan(gen_t *g)
{
    const kind_def *k = g->w.k;
    rng_t *r = &g->w.r;
    int D = g->w.o.days, N = g->w.o.actors;
    standing_cases(g);
    for (int ai = 0; ai < N; ai++) {
        const unit_def *u = &k->units[g->a[ai].unit];
        if (u->routine_export)
            g->a[ai].role = R_ROUTINE;
        else if (u->precase)
            g->a[ai].role = R_PRECASE;
    }
    /* benign: newcomers (4), heavy users (3), a normal leaver */
    for (int i = 0; i < 4; i++) {
        int ai = pick_actor(g, 1, 1, -1, -1);
        if (ai < 0) continue;
        g->a[ai].role = R_NEW;
        g->a[ai].start_day = 5 + ri(r, D / 4);
        g->a[ai].leave_from = NO_END;
    }
    for (int i = 0; i < 3; i++) {
        int ai = pick_actor(g, 1, 0, -1, -1);
        if (ai < 0) continue;
        g->a[ai].role = R_HEAVY;
        g->a[ai].vol = 4.0;
        g->a[ai].nocase = 0.03;
    }
    do {
        int ai = pick_actor(g, 1, 1, -1, -1);
        if (ai < 0) continue;
        g->a[ai].role = R_LEAVER;
        g->a[ai].end_day = D - 6;
    } while (0);
    /* night workers at the 24/7 unit: 6 on permanent nights, 6 on the rota */
    int nu = unit_index(k, k->night_unit);
    for (int i = 0; i < 12; i++) {
        int ai = pick_actor(g, 0, 0, nu, -1);
        if (ai < 0) break;
        g->a[ai].role = R_NIGHT;
        g->a[ai].nightonly = i < 6;
        if (i >= 6) g->a[ai].rota_off = 4; /* the month starts with two nights */
    }
    /* the late-registered operations of a team */
    int lu = unit_index(k, k->late_unit);
    g->nlate = 0;
    for (int i = 0; i < 5; i++) {
        int ai = pick_actor(g, 0, 1, lu, -1);
        if (ai < 0) break;
        g->a[ai].role = R_LATE;
        g->a[ai].leave_from = NO_END;
        g->late_team[g->nlate++] = ai;
    }
    int opday[3] = {D / 3, D / 3 + 2, D / 2 + 1};
    for (int i = 0; i < 3; i++) {
        int ci = new_case(g);
        case_t *c = &g->c[ci];
        case_name(g, c, 0);
        c->nsub = 8;
        const unit_def *u = &k->units[lu];
        for (int s = 0; s < 8; s++) {
            c->st[s] = (unsigned char)pick_type(g, u);
            c->sidx[s] = ri(r, n_of_type(&g->w, c->st[s]));
        }
        c->opened = opday[i];
        c->unit = lu;
        c->late = 1;
        c->multi = 1;
        g->ops[i] = ci;
    }
    /* the VIP and their handler, who has a case on them */
    int clash;
    do {
        g->vip = ri(r, g->w.npersons);
        clash = 0;
        for (int ai = 0; ai < g->na; ai++)
            clash |= g->a[ai].person == g->vip;
    } while (clash);
    g->vip_day = weekday_near(D / 2);
    do {
        int ai = pick_actor(g, 0, 1, unit_index(k, k->handler_unit), -1);
        if (ai < 0) continue;
        g->a[ai].role = R_HANDLER;
        int ci = new_case(g);
        case_t *c = &g->c[ci];
        case_name(g, c, 0);
        c->nsub = 1;
        c->st[0] = ST_PERSON;
        c->sidx[0] = g->vip;
        c->opened = -20;
        c->assignee = ai;
        c->unit = g->a[ai].unit;
        g->standing[31] = ci;
    } while (0);
    /* insiders */
    int64_t t0, t1;
    do {
        int ai = pick_actor(g, 1, 1, -1, -1);
        if (ai < 0) continue;
        g->a[ai].role = R_DEPART;
        g->a[ai].end_day = D - 3;
        g->a[ai].leave_from = NO_END;
        g->ndep = working_days(g, ai, D - 17, D - 3, g->dep_days, 6);
    } while (0);
    int vip_units[4], nv = 0;
    for (int tries = 0; nv < 4 && tries < 100000; tries++) {
        int ai = pick_actor(g, 1, 0, -1, -1);
        if (ai < 0) break;
        int dup = 0;
        for (int i = 0; i < nv; i++)
            dup |= vip_units[i] == g->a[ai].unit;
        if (dup || !session(g, ai, g->vip_day, &t0, &t1)) continue;
        g->a[ai].role = R_VIP;
        vip_units[nv++] = g->a[ai].unit;
    }
    do {
        int ai = pick_actor(g, 1, 0, -1, k->incident_type);
        if (ai < 0) continue;
        g->a[ai].role = R_ADDR;
        g->ntargets = working_days(g, ai, 2, D - 11, g->target_day, 8);
        for (int i = 0; i < g->ntargets; i++)
            g->targets[i] = ri(r, n_of_type(&g->w, k->incident_type));
    } while (0);
    do {
        int ai = pick_actor(g, 1, 1, -1, -1);
        if (ai < 0) continue;
        g->a[ai].role = R_COLL;
        g->ncoll = working_days(g, ai, 1, D - 1, g->coll_days, 5);
        for (int i = 0; i < 3; i++) {
            int v;
            do
                v = ri(r, N);
            while (g->a[v].role != R_NONE || v == ai);
            g->coll_victims[i] = v;
        }
    } while (0);
    do {
        int ai = pick_actor(g, 1, 1, -1, -1);
        if (ai < 0) continue;
        g->a[ai].role = R_BOGUS;
        g->nbogus_days = working_days(g, ai, 3, D - 2, g->bogus_days, 5);
    } while (0);
    /* a colleague in the news, viewed by many on one or two days */
    do
        g->crowd_victim = ri(r, N);
    while (g->a[g->crowd_victim].role != R_NONE);
    g->crowd_day = weekday_near(2 * D / 3);
    int want = N / 25, got = 0;
    for (int tries = 0; got < want && tries < 100000; tries++) {
        int ai = ri(r, N);
        if (g->a[ai].role != R_NONE || ai == g->crowd_victim) continue;
        if (!session(g, ai, g->crowd_day, &t0, &t1) && !session(g, ai, g->crowd_day + 1, &t0, &t1))
            continue;
        g->a[ai].role = R_CROWD;
        got++;
    }
    /* incidents nobody planted a look-up for */
    g->nbg = 12;
    for (int i = 0; i < g->nbg; i++) {
        g->bg_inc_type[i] = k->incident_type;
        g->bg_inc[i] = ri(r, n_of_type(&g->w, k->incident_type));
        g->bg_inc_day[i] = 3 + ri(r, D - 4);
    }
}

/* ---- files */

static int mkdirp(const char *p)
{
    if (mkdir(p, 0777) == 0 || errno == EEXIST) return 0;
    return -1;
}
static FILE *open_out(const char *dir, const char *name, char *err, size_t errlen)
{
    char path[4096 + 64]; /* a directory name (at most 4095) and a file name */
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    if (!f) snprintf(err, errlen, "cannot write %s: %s", path, strerror(errno));
    return f;
}

static void write_cases(gen_t *g, FILE *cs, FILE *as, int late)
{
    char o[16], c2[16];
    fputs("case,subject,opened,closed\n", cs);
    fputs("case,assignee,from,to\n", as);
    for (int i = 0; i < g->nc; i++) {
        case_t *c = &g->c[i];
        if (c->late != late) continue;
        fmt_date(o, sizeof o, c->opened);
        if (c->closed >= 0)
            fmt_date(c2, sizeof c2, c->closed);
        else
            c2[0] = 0;
        for (int s = 0; s < c->nsub; s++) {
            char sid[32];
            subject_id(&g->w, c->st[s], c->sidx[s], sid, sizeof sid);
            /* a subject twice in one case is one row */
            int dup = 0;
            for (int t = 0; t < s; t++)
                dup |= c->st[t] == c->st[s] && c->sidx[t] == c->sidx[s];
            if (!dup) fprintf(cs, "%s,%s,%s,%s\n", c->id, sid, o, c2);
        }
        if (c->multi) {
            for (int t = 0; t < g->nlate; t++)
                fprintf(as, "%s,%s,%s,%s\n", c->id, g->a[g->late_team[t]].acct, o, c2);
        } else if (c->assignee >= 0) {
            fprintf(as, "%s,%s,%s,%s\n", c->id, g->a[c->assignee].acct, o, c2);
        } else {
            fprintf(as, "%s,unit:%s,%s,%s\n", c->id, g->w.k->units[c->unit].name, o, c2);
        }
    }
}

int orggen_run(const orggen_opts *o, char *err, size_t errlen)
{
    gen_t G;
    memset(&G, 0, sizeof G);
    gen_t *g = &G;
    g->w.k = o->kind;
    g->w.o = *o;
    g->w.r.s = o->seed * 0x2545F4914F6CDD1DULL + (uint64_t)(unsigned char)o->kind->name[0] * 131 +
               (uint64_t)(unsigned char)o->kind->name[1];
    g_day0 = days_from_civil(2026, 3, 2);
    int N = o->actors, D = o->days;
    g->w.npersons = 150 * N;
    g->w.nvehicles = 40 * N;
    g->w.ncontainers = 200 * N;
    g->w.ncompanies = 10 * N;
    make_persons(&g->w);
    make_staff(g);
    plan(g);

    char ref[4096], late[4096];
    snprintf(ref, sizeof ref, "%s/ref", o->out);
    snprintf(late, sizeof late, "%s/late", o->out);
    if (mkdirp(o->out) || mkdirp(ref) || mkdirp(late)) {
        snprintf(err, errlen, "cannot create %s: %s", o->out, strerror(errno));
        return -1;
    }
    g->ev = open_out(o->out, "events.jsonl", err, errlen);
    if (!g->ev) return -1;

    /* three open cases each for those who work on personal cases */
    for (int ai = 0; ai < N; ai++) {
        actor_t *a = &g->a[ai];
        if (o->kind->units[a->unit].casemode != CM_PERSONAL) continue;
        int k = a->start_day > 0 ? 0 : 3;
        for (int i = 0; i < k; i++) {
            int op = -1 - ri(&g->w.r, 40);
            a->act[a->nact++] = open_personal(g, ai, op, -op + 2 + ri(&g->w.r, 30));
        }
    }

    for (int d = 0; d < D; d++) {
        for (int ai = 0; ai < N; ai++) {
            int64_t t0, t1;
            if (!session(g, ai, d, &t0, &t1)) continue;
            day_work(g, ai, d, t0, t1, 1.0);
            planted(g, ai, d, t0, t1);
            if (g->a[ai].role == R_CROWD && (d == g->crowd_day || d == g->crowd_day + 1)) {
                /* once, on the first of the two days they work */
                int64_t s0, s1;
                if (d == g->crowd_day || !session(g, ai, g->crowd_day, &s0, &s1))
                    look(g, ai, d, in_session(g, t0, t1), ST_PERSON, g->a[g->crowd_victim].person,
                         NULL);
            }
        }
        flush(g, (int64_t)(d + 1) * DAY_MS);
    }
    flush(g, INT64_MAX);
    if (fclose(g->ev) != 0) {
        snprintf(err, errlen, "cannot write %s/events.jsonl", o->out);
        return -1;
    }

    char b1[16], b2[16];
    FILE *f = open_out(ref, "actors.csv", err, errlen);
    if (!f) return -1;
    fputs("actor,unit,role,start,end,person,surname,postcode,house_number\n", f);
    for (int ai = 0; ai < g->na; ai++) {
        actor_t *a = &g->a[ai];
        const person_t *p = &g->w.persons[a->person];
        fmt_date(b1, sizeof b1, a->start_day);
        if (a->end_day != NO_END)
            fmt_date(b2, sizeof b2, a->end_day);
        else
            b2[0] = 0;
        fprintf(f, "%s,%s,%s,%s,%s,%s,%s,%s,%d\n", a->acct, o->kind->units[a->unit].name,
                o->kind->units[a->unit].role, b1, b2, p->bsn, p->surname, p->postcode, p->house);
    }
    fclose(f);
    if (!(f = open_out(ref, "subjects.csv", err, errlen))) return -1;
    fputs("subject,surname,postcode,house_number\n", f);
    for (int i = 0; i < g->w.npersons; i++)
        fprintf(f, "%s,%s,%s,%d\n", g->w.persons[i].bsn, g->w.persons[i].surname,
                g->w.persons[i].postcode, g->w.persons[i].house);
    fclose(f);
    if (!(f = open_out(ref, "protected.csv", err, errlen))) return -1;
    fputs("subject,category\n", f);
    fprintf(f, "%s,%s\n", g->w.persons[g->vip].bsn, o->kind->vip_category);
    /* other VIPs and sensitive persons (witnesses, ...): 25 distinct
     * persons, none of them staff, who are listed below */
    int chosen[25];
    for (int i = 0; i < 25; i++) {
        int p, clash;
        do {
            p = ri(&g->w.r, g->w.npersons);
            clash = p == g->vip;
            for (int j = 0; j < i; j++)
                clash |= chosen[j] == p;
            for (int ai = 0; ai < g->na; ai++)
                clash |= g->a[ai].person == p;
        } while (clash);
        chosen[i] = p;
        fprintf(f, "%s,%s\n", g->w.persons[p].bsn, i < 10 ? "vip" : "sensitive");
    }
    for (int ai = 0; ai < N; ai++)
        fprintf(f, "%s,employee\n", g->w.persons[g->a[ai].person].bsn);
    fclose(f);

    FILE *cs = open_out(ref, "cases.csv", err, errlen),
         *as = open_out(ref, "case_assignments.csv", err, errlen);
    if (!cs || !as) return -1;
    write_cases(g, cs, as, 0);
    fclose(cs);
    fclose(as);
    cs = open_out(late, "cases.csv", err, errlen);
    as = open_out(late, "case_assignments.csv", err, errlen);
    if (!cs || !as) return -1;
    write_cases(g, cs, as, 1);
    fclose(cs);
    fclose(as);

    /* incidents: registered as they happen, so loaded after the look-ups */
    if (!(f = open_out(late, "incidents.csv", err, errlen))) return -1;
    fputs("incident,subject,ts,kind\n", f);
    int inc = 0;
    rng_t *r = &g->w.r;
    for (int i = 0; i < g->ntargets; i++) {
        char sid[32], ts[32];
        subject_id(&g->w, o->kind->incident_type, g->targets[i], sid, sizeof sid);
        int day = g->target_day[i] + 2 + ri(r, 8);
        fmt_ts(ts, sizeof ts, (int64_t)day * DAY_MS + ri(r, 24) * HOUR_MS + ri(r, 60) * MIN_MS);
        fprintf(f, "INC-%04d,%s,%s,%s\n", ++inc, sid, ts, o->kind->incident_kind);
    }
    for (int i = 0; i < g->nbg; i++) {
        char sid[32], ts[32];
        subject_id(&g->w, g->bg_inc_type[i], g->bg_inc[i], sid, sizeof sid);
        fmt_ts(ts, sizeof ts, (int64_t)g->bg_inc_day[i] * DAY_MS + ri(r, 24) * HOUR_MS);
        fprintf(f, "INC-%04d,%s,%s,%s\n", ++inc, sid, ts, o->kind->incident_kind);
    }
    /* and some at subjects that were looked up under a case (benign) */
    for (int i = 0, tries = 0; i < 6 && tries < 10000; tries++) {
        case_t *c = &g->c[ri(r, g->nc)];
        if (c->opened < 1 || c->opened > D - 6 || c->st[0] != o->kind->incident_type) continue;
        char sid[32], ts[32];
        subject_id(&g->w, c->st[0], c->sidx[0], sid, sizeof sid);
        fmt_ts(ts, sizeof ts, (int64_t)(c->opened + 2 + ri(r, 4)) * DAY_MS + ri(r, 24) * HOUR_MS);
        fprintf(f, "INC-%04d,%s,%s,%s\n", ++inc, sid, ts, o->kind->incident_kind);
        i++;
    }
    fclose(f);

    if (!(f = open_out(o->out, "truth.csv", err, errlen))) return -1;
    fputs("actor,class,scenario\n", f);
    for (int ai = 0; ai < N; ai++) {
        int ro = g->a[ai].role;
        if (ro == R_NONE) continue;
        fprintf(f, "%s,%s,%s\n", g->a[ai].acct, ro <= R_BOGUS ? "insider" : "benign",
                role_scen[ro]);
    }
    fclose(f);
    if (!(f = open_out(o->out, "meta.env", err, errlen))) return -1;
    fprintf(f, "KIND=%s\nSEED=%llu\nSTAFF=%d\nDAYS=%d\nEVENTS=%ld\n", o->kind->name,
            (unsigned long long)o->seed, N, D, g->nevents);
    fclose(f);

    for (int i = 0; i < g->np; i++)
        free(g->p[i].line);
    free(g->p);
    free(g->c);
    free(g->a);
    free(g->w.persons);
    return 0;
}
