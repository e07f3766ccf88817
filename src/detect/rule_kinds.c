#include "detect/rule_kinds.h"

#include <string.h>

static const char *const NAMES[RULE_KIND_N] = {
    [RULE_KIND_MUNICIPALITY] = "municipality",
    [RULE_KIND_PORT] = "port",
    [RULE_KIND_POLICE] = "police",
};

/* Each value is checked against its parameter's range by
 * tests/test_rule_kinds.c. Reasons from how the work is done
 * (docs/demo-port.md, docs/orggen.md, /work/shared/REFERENCE.md), not
 * from what scores best. */
static const rule_kind_override OVERRIDES[] = {
    {RULE_KIND_PORT, "unexplained", "prior_rate", 0.15,
     "look-ups without a case are a larger part of the work before any history: the gate looks"
     " up trucks not yet pre-notified, security checks passes on suspicion, customs targeting"
     " profiles containers before any case exists"},
    {RULE_KIND_PORT, "incident", "lookback_days", 14,
     "a container is known to the terminal from its pre-notification, two days before arrival,"
     " and stays one to twelve days: a look-up that prepares its extraction falls within two"
     " weeks of it"},
    {RULE_KIND_POLICE, "unexplained", "prior_rate", 0.10,
     "officers check persons and vehicles on the street before there is a case, and"
     " intelligence work looks at records before any case exists"},
};

const char *rule_kind_name(rule_kind k)
{
    return k < RULE_KIND_N ? NAMES[k] : "?";
}

int rule_kind_parse(const char *name, rule_kind *k)
{
    for (int i = 0; i < RULE_KIND_N; i++)
        if (strcmp(NAMES[i], name) == 0) {
            *k = (rule_kind)i;
            return 0;
        }
    return -1;
}

const char *rule_kind_names(void)
{
    return "municipality, port or police";
}

const rule_kind_override *rule_kind_overrides(size_t *n)
{
    *n = sizeof OVERRIDES / sizeof *OVERRIDES;
    return OVERRIDES;
}

const rule_kind_override *rule_kind_find(rule_kind k, const rule_def *r, size_t p)
{
    for (size_t i = 0; i < sizeof OVERRIDES / sizeof *OVERRIDES; i++) {
        const rule_kind_override *o = &OVERRIDES[i];
        if (o->kind == k && strcmp(o->rule, r->name) == 0 &&
            strcmp(o->param, r->params[p].name) == 0)
            return o;
    }
    return NULL;
}
