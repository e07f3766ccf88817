/* port_int — private types of the port organisation of the demo generator
 * (`wachter demo --kind port`, docs/demo-port.md): a container terminal
 * with a customs post. What it shares with the municipality (the PRNG,
 * surnames and licence plates, local time, CSV and truth.json writing) is
 * in demo_*.c; a demo_ctx inside port_ctx carries the surnames, the
 * period's first day and the error message.
 *   port_ids.c    ISO 6346 container numbers, EAN-13, pass numbers
 *   port_org.c    units, staff, shipping lines, containers, vehicles, drivers, companies
 *   port_sched.c  office days and the 24/7 rota
 *   port_case.c   visits, inspections, declarations, tickets; who is assigned
 *   port_work.c   the working day's look-ups → events
 *   port_plant.c  planted insiders and hard benign cases
 *   port_write.c  CSV, JSON Lines, truth.json
 *   port_gen.c    port_generate: the order of the above */
#ifndef WACHTER_PORT_INT_H
#define WACHTER_PORT_INT_H
#include "demo_int.h"

#include <stdint.h>

enum { PORT_SYS_TOS, PORT_SYS_GATE, PORT_SYS_DMS, PORT_SYS_PASS, PORT_NSYS };
enum { PORT_ST_CONTAINER, PORT_ST_VEHICLE, PORT_ST_PERSON, PORT_ST_COMPANY, PORT_NST };
enum { PORT_SCHED_OFFICE, PORT_SCHED_ROTA };
enum { PORT_INC_EXTRACTION, PORT_INC_SEIZURE };
enum { PORT_K_VISIT, PORT_K_INSPECTION, PORT_K_DECLARATION, PORT_K_TICKET, PORT_K_UNIT };
enum { PORT_Q_ID, PORT_Q_RELEASES, PORT_Q_PROFILE }; /* what a search or export asked */

#define PORT_NTEAMS 6 /* planning teams; team t plans lines 2t and 2t+1 */
#define PORT_NLINES (2 * PORT_NTEAMS)

enum port_unit_id {
    PORT_U_PLAN0, /* planning-1 .. planning-6 are PORT_U_PLAN0 + t */
    PORT_U_GATE = PORT_NTEAMS,
    PORT_U_SEC,
    PORT_U_YARD,
    PORT_U_SERVICE,
    PORT_U_INSP,
    PORT_U_TARGET,
    PORT_U_CLEAR,
    PORT_U_IT,
    PORT_U_ADMIN,
    PORT_NUNITS
};

typedef struct port_unit_info {
    const char *name, *role, *purpose;
    double share; /* of staff */
    int min, sched, customs;
    double rate;              /* look-up sessions per shift */
    double p_uncased;         /* sessions on no case */
    double unc_w[PORT_NST];   /* subject types of the uncased look-ups */
    double own_cases;         /* own cases (tickets, unit cases) per member per working day */
    double p_update, p_print; /* a session ends in an update, a print */
} port_unit_info;

extern const port_unit_info port_units[PORT_NUNITS];
extern const char *const port_sys_names[PORT_NSYS];
extern const char *const port_st_names[PORT_NST];
extern const char *const port_line_codes[PORT_NLINES]; /* owner codes, without the U */

typedef struct port_subj {
    char id[16];
    uint8_t type, prot; /* PORT_ST_*, DEMO_PROT_* */
    uint8_t line;       /* containers: shipping line */
    uint32_t surname;   /* persons */
    char postcode[8], house[8];
} port_subj;

typedef struct port_actor {
    char id[12];
    uint8_t unit, lead, team; /* team: the rota team (0..4) */
    uint8_t off_day;          /* weekday off (0 = Monday), 7 = none */
    uint32_t person, surname; /* own pass record */
    char postcode[8], house[8];
    uint32_t ws;
    int32_t start_day, vac_from, vac_len;
    int32_t shift_start, shift_len; /* office: local seconds */
    double rate;                    /* sessions per shift */
    int32_t swap_from, swap_to;     /* a shift swap: days on team swap_team */
    uint8_t swap_team, marked;
    int32_t surge_from, surge_to; /* a vessel call: longer and busier days */
} port_actor;

typedef struct port_case {
    char id[20];
    int64_t opened, closed;
    int32_t first_day, last_day; /* worked on */
    uint32_t subj[4];
    uint8_t nsubj, kind, line;
} port_case;

typedef struct port_assign {
    uint32_t kase, who; /* actor, or unit | DEMO_UNIT_BIT */
    int64_t from, to;
} port_assign;

typedef struct port_incident {
    uint32_t subj;
    int64_t ts;
    uint8_t kind;
} port_incident;

typedef struct port_ev {
    int64_t ts;
    uint32_t ord, actor, subj, results, client;
    int32_t kase;  /* the stated case, -1 none */
    uint16_t qarg; /* PORT_Q_RELEASES: line; PORT_Q_PROFILE: profile */
    uint8_t sys, act, stype, qkind;
} port_ev;

typedef struct port_day {
    int works;
    int32_t start, end; /* local seconds; end may pass 86400 */
    uint32_t client;
} port_day;

typedef struct port_ctx {
    demo_ctx m; /* surnames, day0, seed, err */
    int nact_req, days;
    demo_rng rng;

    port_subj *subj;
    size_t nsubj, subj_cap;
    uint32_t first[PORT_NST], count[PORT_NST]; /* drivers and staff are persons */
    uint32_t ndrivers;                         /* persons [first, first + ndrivers) drive */

    port_actor *act;
    uint32_t nact;
    uint32_t unit_first[PORT_NUNITS], unit_n[PORT_NUNITS]; /* actors are in unit order */

    port_case *cases;
    size_t ncases, cases_cap;
    port_assign *asg;
    size_t nasg, asg_cap;
    uint32_t *ud_off, *ud; /* CSR: cases of unit u on day d, row u * days + d */
    uint32_t *ac_off, *ac; /* CSR: cases assigned to each actor */
    uint32_t *vday;        /* visits arriving on day d are [vday[d + 7], vday[d + 8]) */

    port_incident *inc;
    size_t ninc, inc_cap;
    port_ev *ev;
    size_t nev, ev_cap;
    uint32_t sys_seq[PORT_NSYS];

    demo_plant *plants;
    size_t nplants, plants_cap;
    uint32_t *plant_subj, *plant_subj_off;
    size_t nplant_subj, plant_subj_cap;
    int surge_line, surge_day;
    uint32_t pick[16][4]; /* actors of plant i (in the order port_plant_pick adds them) */
    int export_line;
} port_ctx;

/* port_gen.c */
int port_generate(const demo_opts *o, const char *dir, demo_truth **out, char *err, size_t errlen);

/* port_ids.c */
int port_iso6346_digit(const char *first10); /* the check digit of ABCU123456, or -1 */
void port_container_id(const char *owner, uint32_t serial, char out[16]);
void port_ean13(demo_rng *r, char out[16]);

/* port_org.c */
int port_org_build(port_ctx *p);
void port_ctx_free(port_ctx *p);
int port_subj_add(port_ctx *p, const char *id, int type);

/* port_sched.c */
void port_schedule(const port_ctx *p, uint32_t actor, int day, port_day *out);

/* port_case.c */
int port_case_build(port_ctx *p);
int64_t port_case_add(port_ctx *p, int kind, const char *id, int64_t opened, int64_t closed,
                      int first_day, int last_day, const uint32_t *subj, int n);
int port_assign_add(port_ctx *p, uint32_t kase, uint32_t who, int64_t from, int64_t to);
int port_case_index(port_ctx *p); /* after all cases: the CSRs */
int port_explains(const port_ctx *p, uint32_t actor, uint32_t subj, int64_t t);

/* port_work.c */
int port_work_run(port_ctx *p);
int port_ev_add(port_ctx *p, int64_t ts, uint32_t actor, int sys, int act, uint32_t subj,
                int32_t kase, uint32_t client);
/* A search for subj followed by a view (and maybe more); returns the time after it. */
int64_t port_lookup(port_ctx *p, demo_rng *r, uint32_t actor, int64_t t, uint32_t subj,
                    int32_t kase, uint32_t client, int update);
int port_sys_for(const port_ctx *p, uint32_t actor, uint32_t subj);

/* port_plant.c */
int port_plant_pick(port_ctx *p); /* before cases: who plays which part, the surge */
int port_plant_plan(port_ctx *p); /* after the work: the plants' own look-ups, incidents */

/* port_write.c */
int port_write(port_ctx *p, const char *dir);
#endif
