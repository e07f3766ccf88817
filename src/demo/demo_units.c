/* demo_units — the units of the demo municipality and how each works.
 * Read-only tables; the numbers are the knobs of the whole simulation. */
#include "demo/demo_int.h"

const char *const demo_sys_names[DEMO_NSYS] = {"brp", "rdw", "bvh", "zaak"};
const char *const demo_act_names[] = {"search", "view", "update", "print", "export"};

/* Selections used by list exports (query of an export event). */
const char *const demo_selections[] = {
    "verhuisd naar gemeente, afgelopen maand",
    "18-jarigen, peildatum 1 oktober",
    "bewoners postcodegebied, brief wijkaanpak",
    "uitkeringsgerechtigden, heronderzoek",
    "adressen met meer dan 6 ingeschrevenen",
    "overleden, afgelopen week",
    "nieuwe inschrijvingen, afgelopen week",
    "reisdocumenten verlopen binnen 3 maanden",
};
const int demo_nselections = (int)(sizeof demo_selections / sizeof demo_selections[0]);

/* name, share, min, sched, rate, p_unexpl, p_late, K, D, unit_k, unit_d, p_unit,
 * p_vehicle, p_search, p_second, p_print, p_update, p_vpn, sys_w{brp,rdw,bvh,zaak},
 * p_case_field, purposes, roles */
const demo_unit_info demo_units[DEMO_NUNITS] = {
    [DEMO_U_BZ] = {"burgerzaken", 0.27, 10, DEMO_SCHED_DAY, 15, 0.05, 0.08, 4, 2, 0.3, 10, 0.08,
                   0.0, 0.8, 0.3, 0.25, 0.12, 0.04, {0.85, 0, 0, 0.15}, 0.5,
                   {"reisdocumenten", "verhuizing", "uittreksel"},
                   {{"baliemedewerker", 80, 1, 0, 0},
                    {"senior baliemedewerker", 15, 1.1, 0, 0},
                    {"teamleider", 5, 0.45, DEMO_R_LEAD, 1}}},
    [DEMO_U_BO] = {"backoffice", 0.13, 6, DEMO_SCHED_DAY, 14, 0.05, 0.03, 14, 12, 0.5, 20, 0.2,
                   0.0, 0.7, 0.35, 0.05, 0.3, 0.25, {0.7, 0, 0, 0.3}, 0.6,
                   {"adresonderzoek", "verhuizing", "naamgebruik"},
                   {{"medewerker backoffice", 75, 1, 0, 0},
                    {"adresonderzoeker", 20, 1, 0, 0},
                    {"informatiespecialist", 5, 0.8, DEMO_R_EXPORTER, 1}}},
    [DEMO_U_HH] = {"handhaving", 0.13, 6, DEMO_SCHED_FLEX, 16, 0.06, 0.06, 10, 10, 1.5, 15, 0.4,
                   0.3, 0.75, 0.3, 0.02, 0.1, 0.05, {0.45, 0, 0.3, 0.25}, 0.4,
                   {"handhaving", "toezicht openbare ruimte"},
                   {{"boa", 80, 1, 0, 0},
                    {"toezichthouder", 15, 1, 0, 0},
                    {"teamleider", 5, 0.45, DEMO_R_LEAD, 1}}},
    [DEMO_U_MK] = {"meldkamer", 0.10, 8, DEMO_SCHED_ROTA, 20, 0.05, 0.0, 1, 1, 3, 1.5, 0.9,
                   0.3, 0.85, 0.3, 0.0, 0.05, 0.0, {0.4, 0, 0.6, 0}, 0.5,
                   {"noodhulp", "incidentafhandeling"},
                   {{"centralist", 90, 1, 0, 0},
                    {"calamiteitencoordinator", 10, 0.7, 0, 1}}},
    [DEMO_U_PK] = {"parkeren", 0.08, 4, DEMO_SCHED_DAY, 13, 0.04, 0.1, 2, 2, 4, 3, 0.7,
                   0.9, 0.85, 0.15, 0.0, 0.05, 0.0, {0.7, 0, 0, 0.3}, 0.3,
                   {"parkeerhandhaving"},
                   {{"handhaver parkeren", 90, 1, 0, 0},
                    {"teamleider", 10, 0.45, DEMO_R_LEAD, 1}}},
    [DEMO_U_SD] = {"sociaal_domein", 0.17, 6, DEMO_SCHED_DAY, 14, 0.06, 0.02, 40, 60, 0, 0, 0,
                   0.0, 0.6, 0.4, 0.05, 0.15, 0.3, {0.6, 0, 0, 0.4}, 0.7,
                   {"participatiewet", "wmo", "jeugdwet"},
                   {{"consulent", 70, 1, 0, 0},
                    {"klantmanager", 25, 1, 0, 0},
                    {"beleidsmedewerker", 5, 0.5, DEMO_R_EXPORTER, 1}}},
    [DEMO_U_IT] = {"it", 0.05, 4, DEMO_SCHED_DAY, 12, 0.05, 0.02, 6, 5, 0, 0, 0,
                   0.15, 0.8, 0.3, 0.02, 0.1, 0.35, {0.4, 0, 0.2, 0.4}, 0.5,
                   {"functioneel beheer"},
                   {{"functioneel beheerder", 50, 1, 0, 1},
                    {"tester", 50, 1, DEMO_R_TESTER, 3}}},
    [DEMO_U_HR] = {"hr", 0.03, 2, DEMO_SCHED_DAY, 10, 0.04, 0.02, 10, 20, 0, 0, 0,
                   0.0, 0.6, 0.2, 0.1, 0.05, 0.3, {0.6, 0, 0, 0.4}, 0.6,
                   {"personeelsdossier"},
                   {{"hr-adviseur", 100, 1, 0, 0}}},
    [DEMO_U_KB] = {"kabinet", 0.03, 2, DEMO_SCHED_DAY, 10, 0.04, 0.02, 8, 15, 1, 30, 0.2,
                   0.0, 0.6, 0.2, 0.05, 0.05, 0.3, {0.7, 0, 0, 0.3}, 0.6,
                   {"kabinetszaken", "ceremonieel"},
                   {{"medewerker kabinet", 70, 1, 0, 1},
                    {"bestuursadviseur", 30, 1, 0, 0}}},
};
