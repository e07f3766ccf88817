/* rule_kinds — defaults per kind of organisation. A rules configuration
 * may name the kind of organisation it is for (`kind = port`); every
 * parameter the configuration does not set then takes that kind's
 * default where the kind has one, else the rule's own. The municipality's
 * defaults are the rules' own: it overrides nothing.
 *
 * The overrides are few, and each says why that kind of organisation
 * works differently there (docs/rules.md, "Kinds of organisation"). What
 * detection learns from the data (each unit's rate, hours, volume) is no
 * override: only what holds before any history, or what the work itself
 * fixes (how long a container is on the terminal). */
#ifndef WACHTER_RULE_KINDS_H
#define WACHTER_RULE_KINDS_H
#include <stddef.h>

#include "detect/rule.h"

typedef enum rule_kind {
    RULE_KIND_MUNICIPALITY, /* the rules' own defaults */
    RULE_KIND_PORT,         /* a container terminal, a customs post */
    RULE_KIND_POLICE,
    RULE_KIND_N
} rule_kind;

/* One kind's default for one parameter, and why that kind differs. */
typedef struct rule_kind_override {
    rule_kind kind;
    const char *rule, *param;
    double value;
    const char *why;
} rule_kind_override;

/* The kind's name as written in a configuration ("port"). */
const char *rule_kind_name(rule_kind k);
/* The kind called name: 0 with *k, or -1 when there is none. */
int rule_kind_parse(const char *name, rule_kind *k);
/* "municipality, port or police": the names, for a message. */
const char *rule_kind_names(void);
/* Every override of every kind, in the table's order; *n their number. */
const rule_kind_override *rule_kind_overrides(size_t *n);
/* The override kind k has for r's parameter p (p < r->nparams), or NULL
 * when the rule's own default applies. */
const rule_kind_override *rule_kind_find(rule_kind k, const rule_def *r, size_t p);
#endif
