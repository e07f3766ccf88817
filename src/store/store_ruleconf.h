/* store_ruleconf — the rules configuration in force (detect/rule_conf.h):
 * the values set for rules' parameters, each with where it was set, and
 * the kind of organisation it names (detect/rule_kinds.h), if any. A
 * parameter with no row is at its default (its kind's, where it has one). */
#ifndef WACHTER_STORE_RULECONF_H
#define WACHTER_STORE_RULECONF_H
#include <stddef.h>

#include "store/store.h"

typedef struct store_rule_param {
    const char *rule, *param, *origin; /* origin: "rules.conf:3" */
    double value;
} store_rule_param;

/* fn gets each stored setting (borrowed for the call), by rule and
 * parameter; it returns non-zero to stop. Returns 0, fn's value, or -1 on
 * a store error (store_errmsg). */
typedef int (*store_rule_param_fn)(const store_rule_param *p, void *ctx);
int store_rule_params_each(store *s, store_rule_param_fn fn, void *ctx);
/* Replaces the whole configuration by v[0..n) and the kind (NULL: none;
 * kind_origin where it was set), in one transaction of its own: all or
 * nothing. 0 or -1 on a store error (store_errmsg). */
int store_rule_params_replace(store *s, const char *kind, const char *kind_origin,
                              const store_rule_param *v, size_t n);
/* Sets the kind alone (the values set stay), set at origin. 0 or -1 on a
 * store error. */
int store_rule_kind_set(store *s, const char *kind, const char *origin);
/* The stored kind: 1 with kind[0..kn) and origin[0..on) (truncated to
 * fit), 0 when none is stored, -1 on a store error. */
int store_rule_kind_get(store *s, char *kind, size_t kn, char *origin, size_t on);
#endif
