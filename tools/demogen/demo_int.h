/* demo_int — private types of the demo generator, shared by its files:
 *   demo_rng.c    seeded PRNG (xoshiro256**) and distributions
 * What it shares with bench/gen (splitmix64, dates, growing arrays,
 * directories, buffered files) is in tools/gen.
 *   demo_names.c  surnames, BSNs, licence plates, postcodes
 *   demo_org.c    register (households, vehicles), units, staff
 *   demo_sched.c  who works when, from which client; local time → UTC
 *   demo_case.c   cases and their assignments
 *   demo_plant.c  planted insider scenarios and hard benign cases
 *   demo_work.c   day-by-day sessions → events
 *   demo_write.c  CSV, JSON Lines and truth.json output
 *   demo_screen.c the screenings and screening requirements
 *   demo_gen.c    demo_generate: the order of the above */
#ifndef WACHTER_DEMO_INT_H
#define WACHTER_DEMO_INT_H
#include "demo_gen.h"
#include "gen.h"
#include "gen_out.h"
#include "util/buf.h"

#include <stdint.h>
#include <stdio.h>

#define DEMO_NONE UINT32_MAX
#define DEMO_NEVER INT32_MAX      /* end_day of an actor still employed */
#define DEMO_OPEN INT64_MAX       /* closed/to of a case still open */
#define DEMO_UNIT_BIT 0x80000000u /* assignee is a unit, not an actor */

/* ---- PRNG ---------------------------------------------------------- */
typedef struct demo_rng {
    uint64_t s[4];
} demo_rng;

/* Seeds from one 64-bit value (splitmix64 expansion). */
void demo_rng_seed(demo_rng *r, uint64_t seed);
/* Seeds a stream that depends only on (seed, salt, a, b): the same actor-day
 * gets the same draws whatever was generated before it. */
void demo_rng_derive(demo_rng *r, uint64_t seed, uint64_t salt, uint64_t a, uint64_t b);
uint64_t demo_rng_next(demo_rng *r);
uint32_t demo_rng_below(demo_rng *r, uint32_t n); /* 0..n-1; n > 0 */
int demo_rng_range(demo_rng *r, int lo, int hi);  /* lo..hi inclusive */
double demo_rng_unit(demo_rng *r);                /* [0,1) */
int demo_rng_chance(demo_rng *r, double p);
double demo_rng_normal(demo_rng *r);
int demo_rng_poisson(demo_rng *r, double lambda);
/* Index drawn with probability proportional to w[i]. */
int demo_rng_pick(demo_rng *r, const double *w, int n);
void demo_rng_shuffle(demo_rng *r, uint32_t *v, size_t n);

enum { /* salts for derived streams */
       DEMO_SALT_SCHED = 1,
       DEMO_SALT_WORK,
       DEMO_SALT_CASE,
       DEMO_SALT_UCASE,
       DEMO_SALT_PLANT,
};

/* ---- vocabulary ----------------------------------------------------- */
enum { DEMO_SYS_BRP, DEMO_SYS_RDW, DEMO_SYS_BVH, DEMO_SYS_ZAAK, DEMO_NSYS };
enum {
    DEMO_ACT_SEARCH,
    DEMO_ACT_VIEW,
    DEMO_ACT_UPDATE,
    DEMO_ACT_PRINT,
    DEMO_ACT_EXPORT,
    DEMO_NACT
};
enum { DEMO_ST_PERSON, DEMO_ST_VEHICLE };
enum { DEMO_Q_BSN, DEMO_Q_NAME_PC, DEMO_Q_PC_HN, DEMO_Q_NAME, DEMO_Q_PLATE, DEMO_Q_SELECTION };
enum { DEMO_PROT_NONE, DEMO_PROT_VIP, DEMO_PROT_EMPLOYEE, DEMO_PROT_SENSITIVE };
enum { DEMO_SCHED_DAY, DEMO_SCHED_ROTA, DEMO_SCHED_FLEX };

enum demo_unit_id {
    DEMO_U_BZ,
    DEMO_U_BO,
    DEMO_U_HH,
    DEMO_U_MK,
    DEMO_U_PK,
    DEMO_U_SD,
    DEMO_U_IT,
    DEMO_U_HR,
    DEMO_U_KB,
    DEMO_NUNITS
};

enum {                      /* role flags */
       DEMO_R_LEAD = 1,     /* team lead: fewer look-ups */
       DEMO_R_EXPORTER = 2, /* makes periodic list exports */
       DEMO_R_TESTER = 4,   /* IT: uses the test records */
};

typedef struct demo_role {
    const char *name;
    double weight, rate;
    int flags, min; /* min: at least this many in the unit */
} demo_role;

typedef struct demo_unit_info {
    const char *name;
    double share;
    int min;
    int sched;
    double rate;             /* look-up sessions per working day */
    double p_unexpl, p_late; /* share without case; case registered afterwards */
    double K, D;             /* own caseload, case length in days */
    double unit_k, unit_d;   /* unit cases per unit member, length in days */
    double p_unit;           /* case sessions on unit cases */
    double p_vehicle;        /* cases about a vehicle */
    double p_search, p_second, p_print, p_update, p_vpn;
    double sys_w[DEMO_NSYS]; /* systems for person look-ups */
    double p_case_field;     /* brp records the stated case (unit habit) */
    const char *purposes[3];
    demo_role roles[4];
} demo_unit_info;

extern const demo_unit_info demo_units[DEMO_NUNITS];
extern const char *const demo_sys_names[DEMO_NSYS];
extern const char *const demo_act_names[];
extern const char *const demo_selections[];
extern const int demo_nselections;

/* ---- organisation --------------------------------------------------- */
typedef struct demo_addr {
    char postcode[8];
    char house[8];
    uint32_t first;    /* first person of the household */
    uint16_t n;        /* household size */
    uint32_t pc_first; /* first address of the same postcode */
    uint16_t pc_n;
} demo_addr;

typedef struct demo_subj {
    char id[12];
    uint8_t type;     /* DEMO_ST_* */
    uint8_t prot;     /* DEMO_PROT_* */
    uint32_t surname; /* persons: name index */
    uint32_t addr;    /* persons: address index */
} demo_subj;

typedef struct demo_actor {
    char id[12];
    uint8_t unit, role, sched;
    uint8_t off_days; /* weekday bitmask (Mon = bit 0) of part-time days off */
    uint8_t vpn_days; /* weekdays usually worked from home */
    uint8_t night_ok; /* enforcement: may take night shifts */
    uint8_t remote;   /* always through VPN, some evenings */
    uint8_t rota_off;
    int32_t start_day; /* relative to the period; negative = hired earlier */
    int32_t end_day;   /* last day employed, DEMO_NEVER while employed */
    int32_t vac_from, vac_len;
    int32_t shift_start, shift_len; /* seconds, local time */
    uint32_t person;                /* own subject, DEMO_NONE when living elsewhere */
    uint32_t surname;
    char postcode[8], house[8];
    uint32_t ws, vpn, vpn2; /* clients: DEMO_CL_* codes */
    int32_t vpn2_day;       /* from this day vpn2 replaces vpn */
    double rate, p_unexpl, p_case_field;
} demo_actor;

/* Clients are codes: kind in the top bits, number below. */
#define DEMO_CL_VPN 0x40000000u
#define DEMO_CL_NUM(c) ((c)&0x3fffffffu)

typedef struct demo_case {
    int64_t opened, closed;      /* UTC ms; closed DEMO_OPEN while open */
    int32_t first_day, last_day; /* days on which it is worked on */
    uint32_t subj_first;         /* into ctx->case_subj */
    uint8_t nsubj;
    uint8_t is_new;    /* opened during the period: worked on at first_day */
    uint32_t assignee; /* actor index, or unit | DEMO_UNIT_BIT */
    uint32_t num;      /* number within its year, after demo_case_finish */
} demo_case;

typedef struct demo_assign {
    uint32_t kase, who;
    int64_t from, to;
} demo_assign;

typedef struct demo_incident {
    uint32_t subj;
    int64_t ts;
    uint8_t kind;
} demo_incident;

/* Who plays which part; picked by demo_plant_pick. */
enum demo_pick {
    DEMO_P_ADDRESS,
    DEMO_P_CURIOUS,
    DEMO_P_FAMILY,
    DEMO_P_BULK,
    DEMO_P_LEAVER,
    DEMO_P_BROKER,
    DEMO_P_NIGHT,
    DEMO_P_DRIFT, /* insiders above, benign below */
    DEMO_P_NIGHTSHIFT,
    DEMO_P_ITTEST,
    DEMO_P_VIP,
    DEMO_P_HR,
    DEMO_P_HEAVY,
    DEMO_P_REMOTE,
    DEMO_P_NEWHIRE,
    DEMO_P_POPULAR,
    DEMO_NPICK
};

/* A planned look-up, export or view that is not ordinary daily work. */
typedef struct demo_psess {
    int32_t day;
    int32_t sec; /* local seconds after the day's midnight; -1 = in the shift */
    uint32_t actor;
    uint32_t subject; /* DEMO_NONE for exports */
    int32_t kase;     /* -1 = no case */
    uint32_t client;  /* 0 = the day's client */
    uint32_t results; /* exports */
    uint8_t kind;     /* DEMO_PS_* */
} demo_psess;

enum { DEMO_PS_LOOKUP, DEMO_PS_VIEW, DEMO_PS_EXPORT };

typedef struct demo_ev {
    int64_t ts;
    uint32_t seq, actor, subject, client, qsubj, results;
    int32_t kase;
    uint8_t sys, act, stype, qform, purpose;
} demo_ev;

typedef struct demo_ctx {
    int nact_req, days;
    uint64_t seed;
    int64_t day0; /* epoch day of 2026-09-01 */
    demo_rng rng; /* sequential draws while building the organisation */

    char **names;     /* surnames */
    uint32_t *name_n; /* persons bearing it */
    size_t nnames, names_cap;
    uint32_t ncommon;        /* names [0, ncommon) are the common/medium list */
    struct strmap *name_map; /* rare names already made */
    uint32_t *rare_hh;       /* name of each household given a rare name */
    size_t nrare_hh, rare_hh_cap;

    demo_addr *addr;
    size_t naddr, addr_cap;
    demo_subj *subj;
    size_t nsubj, subj_cap;
    uint32_t npersons;     /* persons are [0, npersons), vehicles after */
    uint32_t nreg_persons; /* [0, nreg_persons) are residents; then IT test persons */
    size_t nreg_addr;      /* addresses of residents; the test households come after */

    demo_actor *act;
    uint32_t nact;
    uint32_t unit_n[DEMO_NUNITS];
    uint32_t *consoles; /* shared meldkamer consoles (ws codes) */
    uint32_t nconsoles;
    uint32_t flex[DEMO_NUNITS][3]; /* spare desks per unit */
    uint32_t next_client;          /* index into client_pool */
    uint32_t *client_pool;
    uint32_t nclient_pool;

    demo_case *cases;
    size_t ncases, cases_cap;
    uint32_t *case_subj;
    size_t ncase_subj, case_subj_cap;
    demo_assign *asg;
    size_t nasg, asg_cap;
    uint32_t *act_case_off, *act_case;   /* CSR: cases assigned to each actor */
    uint32_t *unit_case_off, *unit_case; /* CSR: cases assigned to each unit */

    demo_incident *inc;
    size_t ninc, inc_cap;
    demo_psess *ps;
    size_t nps, ps_cap;
    uint32_t *test_subj; /* IT test records */
    uint32_t ntest_subj;
    uint32_t pick[DEMO_NPICK][4];
    int npick[DEMO_NPICK];
    uint8_t *marked; /* per actor: already plays a part */
    uint32_t vip_subj[2], popular_subj;
    int nvip_subj;

    demo_plant *plants;
    size_t nplants, plants_cap;
    uint32_t *plant_subj;     /* subjects per plant, for truth.json */
    uint32_t *plant_subj_off; /* nplants + 1 offsets, filled as plants are added */
    size_t nplant_subj, plant_subj_cap;

    long events;
    uint32_t sys_seq[DEMO_NSYS];
    /* per actor, what the events used (demo_rights.c): events per
     * (system, action) at use_n[(actor * DEMO_NSYS + sys) * DEMO_NACT +
     * act], the first and last event's day */
    uint32_t *use_n;
    int32_t *use_first, *use_last;
    char *err;
    size_t errlen;
} demo_ctx;

/* demo_names.c */
int demo_names_init(demo_ctx *c);
/* Surname for a new household: common, medium or rare (rare names recur in
 * a few households, so namesakes live apart). Returns a name index or -1. */
int64_t demo_names_draw(demo_ctx *c);
void demo_bsn(demo_rng *r, char out[12]);
void demo_plate(demo_rng *r, char out[12]);

/* demo_org.c */
int demo_org_build(demo_ctx *c);
void demo_ctx_free(demo_ctx *c);
uint32_t demo_random_person(demo_ctx *c, demo_rng *r);
int demo_is_common_name(const demo_ctx *c, uint32_t name);
uint32_t demo_new_client(demo_ctx *c); /* an unused desk number; or with DEMO_CL_VPN */

/* demo_sched.c */
typedef struct demo_day {
    int works;
    int32_t start, end;         /* local seconds after midnight; end may pass 86400 */
    int32_t eve_start, eve_end; /* optional evening stint (0 = none) */
    uint32_t client;
    int night; /* shift mostly between 22:00 and 06:00 */
} demo_day;
void demo_schedule(const demo_ctx *c, uint32_t actor, int day, demo_day *out);
int demo_weekday(int day);                                       /* 0 = Monday */
int64_t demo_utc(const demo_ctx *c, int day, int64_t local_sec); /* → UTC ms */
int demo_day_of(const demo_ctx *c, int64_t utc_ms);              /* local day index */
int32_t demo_shift_time(const demo_day *d, demo_rng *r, int unit);

/* demo_case.c */
int demo_case_build(demo_ctx *c);
int64_t demo_case_add(demo_ctx *c, int64_t opened, int64_t closed, int first_day, int last_day,
                      int is_new, uint32_t assignee, const uint32_t *subj, int nsubj);
int demo_case_assign(demo_ctx *c, uint32_t kase, uint32_t who);
int demo_case_finish(demo_ctx *c);
/* Explained by a case of the actor or unit at time t (with the 48 h grace before opening). */
int demo_case_explains(const demo_ctx *c, uint32_t actor, uint32_t subj, int64_t t);

/* demo_plant.c */
int demo_plant_pick(demo_ctx *c);  /* before cases: chooses and shapes actors */
int demo_plant_cases(demo_ctx *c); /* before demo_case_finish: the plants' own cases */
int demo_plant_plan(demo_ctx *c);  /* after demo_case_finish: sessions, incidents, truth */
/* Shared by demo_plant*.c */
int demo_plant_add(demo_ctx *c, const char *scenario, int benign, int pick, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
int demo_plant_subject(demo_ctx *c, uint32_t subj);
void demo_plant_actors(demo_ctx *c, const char *scenario, int pick);
int demo_ps_add(demo_ctx *c, int day, int32_t sec, uint32_t actor, uint32_t subj, int32_t kase,
                uint32_t client, uint32_t results, int kind);
/* Fills days[] with up to max days in [from, to] on which actor works a
 * day or evening shift (at their own desk when at_desk); returns the count.
 * days may be NULL to count only. */
int demo_work_days(const demo_ctx *c, uint32_t actor, int from, int to, int at_desk, int *days,
                   int max);
/* A person not protected, not a test record, never linked by a case to any of actors[]. */
uint32_t demo_fresh_person(demo_ctx *c, demo_rng *r, const uint32_t *actors, int n);

/* demo_work.c */
typedef struct demo_writer demo_writer;
int demo_work_run(demo_ctx *c, demo_writer *w);

/* demo_write.c */
int demo_writer_open(demo_writer **out, const char *dir, demo_ctx *c);
int demo_writer_events(demo_writer *w, const demo_ev *ev, size_t n);
int demo_writer_close(demo_writer *w); /* flushes; returns -1 if any write failed */
int demo_write_reference(demo_ctx *c, const char *dir);
/* functions.csv: the demo's risk analysis of its functions (demo_functions.c). */
int demo_write_functions(demo_ctx *c, const char *dir);
int demo_write_truth(demo_ctx *c, const char *dir);
/* demo_rights.c: rights.csv, moves.csv and conflicts.csv from what the
 * events used (c->use_*), with the planted findings (README "The demo"). */
int demo_use_init(demo_ctx *c);
void demo_use_note(const demo_ctx *c, const demo_ev *e);
int demo_write_rights(demo_ctx *c, const char *dir);
/* screening_requirements.csv and screenings.csv (demo_screen.c). */
int demo_write_screening(demo_ctx *c, const char *dir);
void demo_case_id(const demo_ctx *c, uint32_t kase, char out[24]);
void demo_client_str(uint32_t client, char out[24]);
void demo_date_str(const demo_ctx *c, int day, char out[16]);
/* Shared with the port (port_*.c): opening an output file (a message in
 * c->err when it fails), moving a buffer to it, one CSV row, and truth.json's
 * text: plant i's subjects are id(u, subj[k]) for k in off[i]..off[i+1]-1. */
int demo_open_out(demo_ctx *c, gen_out *f, const char *dir, const char *name);
int demo_spill(gen_out *f, buf *b);
int demo_csv_row(buf *b, int n, const char *const *f);
/* Indices 0..n-1 of u's things ordered by key (when given), then num
 * (when given), then index; returned owned (NULL: out of memory). */
uint32_t *demo_order(size_t n, const char *(*key)(const void *u, uint32_t i),
                     int64_t (*num)(const void *u, uint32_t i), const void *u);
/* subjects.csv's row of subject id (a person's surname, postcode and
 * house number; "" for other subjects) into b, and protected.csv's into
 * bp when prot (1 vip, 2 employee, 3 sensitive) is set. */
int demo_subject_row(buf *b, buf *bp, const char *id, const char *surname, const char *postcode,
                     const char *house, int prot);
/* incidents.csv's row of the i-th incident (0-based; its id inc-0001...). */
int demo_incident_row(buf *b, size_t i, const char *subject, int64_t ts, const char *kind);
int demo_truth_buf(buf *b, uint64_t seed, unsigned actors, int days, const char *start, long events,
                   const demo_plant *plants, size_t nplants, const uint32_t *subj,
                   const uint32_t *off, const char *(*id)(const void *u, uint32_t i),
                   const void *u);

/* demo_gen.c: mkdir -p dir, with the demo's messages in c->err; 0 or -1. */
int demo_make_dir(demo_ctx *c, const char *dir);

/* Formats a message into c->err; always returns -1. */
int demo_fail(demo_ctx *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
#endif
