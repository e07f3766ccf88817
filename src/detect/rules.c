#include "detect/rules.h"

extern const rule_def rule_unexplained, rule_protected, rule_relation, rule_volume,
    rule_off_pattern, rule_employment, rule_bulk, rule_first_use, rule_convergence, rule_incident,
    rule_unknown_case, rule_departing, rule_foreign_case, rule_changes, rule_unauthorised;

static const rule_def *const table[] = {
    &rule_unexplained,  &rule_protected, &rule_relation,     &rule_volume,      &rule_off_pattern,
    &rule_employment,   &rule_bulk,      &rule_first_use,    &rule_convergence, &rule_incident,
    &rule_unknown_case, &rule_departing, &rule_foreign_case, &rule_changes,     &rule_unauthorised,
};

const rule_def *const *rules_all(size_t *n)
{
    *n = sizeof table / sizeof *table;
    return table;
}
