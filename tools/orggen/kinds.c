/* The kinds of organisation wachter-orggen writes: a police force, a port
 * terminal and customs. Shares are per mille of the staff and sum to 1000. */
#include "orggen.h"

#include <string.h>

/* clang-format off */
#define P ST_PERSON
#define V ST_VEHICLE
#define C ST_CONTAINER
#define K ST_COMPANY

/* A regional police force: neighbourhood teams, emergency response and
 * the control room around the clock, detectives, an intelligence team that
 * looks at records before any case exists, a data team whose job is
 * exports. */
static const unit_def police_units[] = {
    {"wijk-noord", "agent", 130, PAT_OFFICE, CM_PERSONAL, 22, 0.06, {70, 30, 0, 0}, {"bvh", "rdw", 0, 0}, 0, 0, 1, {0}, 0},
    {"wijk-zuid", "agent", 130, PAT_OFFICE, CM_PERSONAL, 22, 0.06, {70, 30, 0, 0}, {"bvh", "rdw", 0, 0}, 0, 0, 1, {0}, 0},
    {"wijk-centrum", "agent", 120, PAT_OFFICE, CM_PERSONAL, 24, 0.06, {75, 25, 0, 0}, {"bvh", "rdw", 0, 0}, 0, 0, 1, {0}, 0},
    {"noodhulp", "agent", 150, PAT_SHIFT, CM_VISIT, 28, 0.07, {70, 30, 0, 0}, {"bvh", "rdw", 0, 0}, 0, 0, 0, {P, V, P}, 3},
    {"meldkamer", "centralist", 80, PAT_SHIFT, CM_VISIT, 40, 0.08, {80, 20, 0, 0}, {"brp", "rdw", 0, 0}, 0, 0, 0, {P, P}, 2},
    {"recherche", "rechercheur", 120, PAT_OFFICE, CM_PERSONAL, 30, 0.04, {80, 20, 0, 0}, {"bvh", "rdw", 0, 0}, 0, 0, 1, {0}, 0},
    {"intel", "analist", 40, PAT_OFFICE, CM_PERSONAL, 45, 0.40, {75, 25, 0, 0}, {"bvh", "rdw", 0, 0}, 0, 1, 0, {0}, 0},
    {"verkeer", "agent", 70, PAT_OFFICE, CM_PERSONAL, 25, 0.05, {20, 80, 0, 0}, {"bvh", "rdw", 0, 0}, 0, 0, 1, {0}, 0},
    {"analyse", "data-analist", 20, PAT_OFFICE, CM_PERSONAL, 8, 0.03, {90, 10, 0, 0}, {"bvh", "rdw", 0, 0}, 1, 0, 0, {0}, 0},
    {"bedrijfsvoering", "staf", 100, PAT_OFFICE, CM_PERSONAL, 6, 0.08, {100, 0, 0, 0}, {"brp", 0, 0, 0}, 0, 0, 1, {0}, 0},
    {"ict", "beheerder", 40, PAT_OFFICE, CM_PERSONAL, 5, 0.10, {80, 20, 0, 0}, {"bvh", "rdw", 0, 0}, 0, 0, 0, {0}, 0},
};

/* A container terminal: the gate and the planners around the clock,
 * security officers who check pass holders on suspicion, the pass office,
 * customer service on releases, a reporting team that exports. */
static const unit_def port_units[] = {
    {"gate", "gate-clerk", 250, PAT_SHIFT, CM_VISIT, 55, 0.03, {15, 25, 60, 0}, {"gatekeeper", "anpr", "tos", 0}, 0, 0, 0, {C, V, P}, 3},
    {"terminal-ops", "planner", 180, PAT_SHIFT, CM_VISIT, 40, 0.05, {0, 0, 85, 15}, {0, 0, "tos", "release"}, 0, 0, 1, {C, C, K}, 3},
    {"security", "security-officer", 80, PAT_SHIFT, CM_PERSONAL, 20, 0.25, {60, 40, 0, 0}, {"gatekeeper", "anpr", 0, 0}, 0, 1, 0, {0}, 0},
    {"pass-office", "pass-clerk", 50, PAT_OFFICE, CM_PERSONAL, 30, 0.04, {100, 0, 0, 0}, {"gatekeeper", 0, 0, 0}, 0, 0, 1, {0}, 0},
    {"customer-service", "cs-agent", 150, PAT_OFFICE, CM_PERSONAL, 30, 0.05, {0, 0, 60, 40}, {0, 0, "tos", "release"}, 0, 0, 1, {0}, 0},
    {"reporting", "analyst", 20, PAT_OFFICE, CM_PERSONAL, 8, 0.03, {0, 0, 100, 0}, {0, 0, "tos", 0}, 1, 0, 0, {0}, 0},
    {"it", "engineer", 50, PAT_OFFICE, CM_PERSONAL, 5, 0.10, {0, 0, 80, 20}, {0, 0, "tos", "release"}, 0, 0, 0, {0}, 0},
    {"hr", "hr-advisor", 30, PAT_OFFICE, CM_PERSONAL, 8, 0.05, {100, 0, 0, 0}, {"gatekeeper", 0, 0, 0}, 0, 0, 0, {0}, 0},
    {"management", "staff", 190, PAT_OFFICE, CM_PERSONAL, 5, 0.08, {0, 0, 50, 50}, {0, 0, "tos", "release"}, 0, 0, 1, {0}, 0},
};

/* Customs at a seaport: scanning around the clock, declarations, a
 * targeting team that selects containers before any case exists, risk
 * analysts who export, investigators, post-clearance audit. */
static const unit_def customs_units[] = {
    {"scan", "scan-operator", 150, PAT_SHIFT, CM_VISIT, 35, 0.04, {0, 0, 80, 20}, {0, 0, "scan", "dms"}, 0, 0, 0, {C, K}, 2},
    {"aangifte", "declaration-officer", 280, PAT_OFFICE, CM_PERSONAL, 32, 0.05, {0, 0, 60, 40}, {0, 0, "dms", "dms"}, 0, 0, 1, {0}, 0},
    {"targeting", "targeter", 50, PAT_OFFICE, CM_PERSONAL, 50, 0.35, {10, 0, 70, 20}, {"brp", 0, "manifest", "dms"}, 0, 1, 0, {0}, 0},
    {"risk-analysis", "risk-analyst", 20, PAT_OFFICE, CM_PERSONAL, 8, 0.03, {0, 0, 100, 0}, {0, 0, "dms", 0}, 1, 0, 0, {0}, 0},
    {"recherche", "investigator", 100, PAT_OFFICE, CM_PERSONAL, 25, 0.05, {50, 20, 0, 30}, {"brp", "rdw", 0, "dms"}, 0, 0, 1, {0}, 0},
    {"audit", "auditor", 150, PAT_OFFICE, CM_PERSONAL, 20, 0.04, {0, 0, 20, 80}, {0, 0, "dms", "dms"}, 0, 0, 1, {0}, 0},
    {"it", "engineer", 50, PAT_OFFICE, CM_PERSONAL, 5, 0.10, {0, 0, 80, 20}, {0, 0, "dms", "dms"}, 0, 0, 0, {0}, 0},
    {"hr", "hr-advisor", 30, PAT_OFFICE, CM_PERSONAL, 8, 0.05, {100, 0, 0, 0}, {"brp", 0, 0, 0}, 0, 0, 0, {0}, 0},
    {"staf", "staff", 170, PAT_OFFICE, CM_PERSONAL, 5, 0.08, {0, 0, 50, 50}, {0, 0, "dms", "dms"}, 0, 0, 1, {0}, 0},
};
/* clang-format on */

#define N_OF(a) ((int)(sizeof(a) / sizeof((a)[0])))

static const kind_def kinds[] = {
    {"police", "PL", "MK", police_units, N_OF(police_units), ST_PERSON, "explosion", "brp", "vip",
     "recherche", "noodhulp", "recherche"},
    {"port", "CS", "PN", port_units, N_OF(port_units), ST_CONTAINER, "rip-off", "gatekeeper",
     "sensitive", "customer-service", "gate", "pass-office"},
    {"customs", "DC", "SC", customs_units, N_OF(customs_units), ST_CONTAINER, "rip-off", "brp",
     "vip", "recherche", "scan", "recherche"},
};

const kind_def *orggen_kind(const char *name)
{
    for (int i = 0; i < N_OF(kinds); i++)
        if (strcmp(kinds[i].name, name) == 0) return &kinds[i];
    return NULL;
}
