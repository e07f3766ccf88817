/* rule_conf — the rules configuration: values an operator sets for the
 * rules' parameters (rule_def.params), each checked against the rule's
 * table, and the text format they are written in:
 *
 *     # comment
 *     kind = port                      # the kind of organisation (optional)
 *     unknown_case.min_distinct = 2    # a comment may follow a value
 *
 * A parameter not set is at its kind's default (detect/rule_kinds.h), else
 * at the rule's own; no kind is the municipality's. The store keeps the
 * configuration in force (store_ruleconf.h); `wachter rules` shows it. */
#ifndef WACHTER_RULE_CONF_H
#define WACHTER_RULE_CONF_H
#include <stddef.h>

#include "detect/rule.h"
#include "detect/rule_kinds.h"
#include "util/werr.h"

typedef struct rule_conf rule_conf;

/* One value set: rule and parameter as in the rules' tables; origin says
 * where it was set ("rules.conf:3"). Borrowed from the rule_conf. */
typedef struct rule_conf_entry {
    const char *rule, *param, *origin;
    double value;
} rule_conf_entry;

/* An empty configuration (every parameter at its default), owned:
 * rule_conf_free it. NULL when out of memory. */
rule_conf *rule_conf_new(void);
void rule_conf_free(rule_conf *c);
/* Sets rule's parameter param to value, set at origin (copied). Fails,
 * changing nothing, with WERR_INPUT and a reason without a place when no
 * registered rule is called rule, the rule has no such parameter, value
 * is not a whole number where it must be or outside the parameter's
 * range, or the parameter is set already ("... is set already on line N"
 * when origin ends in ":N"); WERR_INTERNAL when out of memory. 0 or -1. */
int rule_conf_set(rule_conf *c, const char *rule, const char *param, double value,
                  const char *origin, werr *e);
/* Adds the settings of a configuration file's text (n bytes, not
 * terminated) named file; a line `kind = NAME` sets the kind
 * (rule_conf_set_kind). All or nothing: on the first bad line it fails
 * with WERR_INPUT, "FILE:LINE: reason", and c is as it was. 0 or -1. */
int rule_conf_parse(rule_conf *c, const char *text, size_t n, const char *file, werr *e);
/* The settings, in the order set. */
size_t rule_conf_count(const rule_conf *c);
const rule_conf_entry *rule_conf_at(const rule_conf *c, size_t i);
/* Makes the kind called name (rule_kinds.h) c's, set at origin (copied).
 * Fails, changing nothing, with WERR_INPUT and a reason without a place
 * when there is no such kind ("unknown kind 'x' (municipality, port or
 * police)") or c has a kind already ("kind is set already on line N"
 * when that origin ends in ":N"); WERR_INTERNAL when out of memory. */
int rule_conf_set_kind(rule_conf *c, const char *name, const char *origin, werr *e);
/* c's kind (c may be NULL): the municipality's when none is set, with
 * *origin (when not NULL) NULL; else where it was set. */
rule_kind rule_conf_kind(const rule_conf *c, const char **origin);

/* Where the value in force of a parameter comes from. */
typedef enum rule_conf_from {
    RULE_CONF_DEFAULT, /* the rule's own default */
    RULE_CONF_KIND,    /* the default of the configuration's kind */
    RULE_CONF_SET,     /* a value the configuration sets */
} rule_conf_from;
/* The value in force of r's parameter k (k < r->nparams): the one c sets
 * (c may be NULL), else c's kind's default, else the rule's. *origin
 * (when origin is not NULL) gets where it was set, NULL for either
 * default. */
double rule_conf_value(const rule_conf *c, const rule_def *r, size_t k, const char **origin);
/* rule_conf_value, and *from (when not NULL) where the value comes from. */
double rule_conf_value_from(const rule_conf *c, const rule_def *r, size_t k, const char **origin,
                            rule_conf_from *from);
/* The value in force of the parameter param of the rule called rule (c may
 * be NULL): 0 with *out, or -1 when there is no such parameter (a bug of
 * the caller's). For what uses a rule's parameter outside detection, e.g.
 * incidents recorded after the look-ups (incident.lookback_days). */
int rule_conf_get(const rule_conf *c, const char *rule, const char *param, double *out);
#endif
