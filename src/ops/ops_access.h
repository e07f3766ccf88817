/* ops_access — who may do what: the roles, and the one table of which
 * role may run which action (a command, or a command and its
 * subcommand: "rules load", "account add"). Every front end asks here;
 * README "Accounts and roles" shows the same table. */
#ifndef WACHTER_OPS_ACCESS_H
#define WACHTER_OPS_ACCESS_H
#include "util/werr.h"

typedef enum ops_role {
    OPS_ROLE_NONE = 0,
    OPS_ROLE_ANALYST,
    OPS_ROLE_SENIOR,
    OPS_ROLE_INVESTIGATOR,
    OPS_ROLE_PRIVACY,
    OPS_ROLE_AUDITOR,
    OPS_ROLE_ADMIN,
    OPS_ROLE_OS, /* the operating-system user on a store without accounts: may do everything */
} ops_role;

/* Who acts: an account (or "os:USER") with its role. */
typedef struct ops_actor {
    char name[80];
    ops_role role;
} ops_actor;

/* A role's name as stored and typed ("senior-analyst"), static; "" for
 * none. */
const char *ops_role_name(ops_role r);
/* Parses a role name; OPS_ROLE_NONE when s names none (OPS_ROLE_OS is
 * never parsed: no account has it). Takes "senior analyst" and
 * "senior_analyst" as "senior-analyst". */
ops_role ops_role_parse(const char *s);
/* "analyst, senior-analyst, ...": the role names, static. */
const char *ops_role_names(void);

/* 0 when a may run action; else -1 with WERR_FORBIDDEN, "ACCOUNT (ROLE)
 * may not run ACTION; ROLES may". An action the table does not list is
 * refused to every account. */
int ops_access_check(const ops_actor *a, const char *action, werr *e);
/* Whether action is in the table: 1 or 0 (the tests check every
 * command is). */
int ops_access_known(const char *action);
/* Calls fn with each action role r may run, in the table's order (the
 * workbench's "may" list). fn's non-zero return stops and is returned;
 * else 0. */
int ops_access_each(ops_role r, int (*fn)(const char *action, void *ctx), void *ctx);
#endif
