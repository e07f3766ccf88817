/* store_ruleconf — the rules configuration in force (detect/rule_conf.h):
 * the values set for rules' parameters, each with where it was set. A
 * parameter with no row is at its default. */
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
/* Replaces the whole configuration by v[0..n), in one transaction of its
 * own: all or nothing. 0 or -1 on a store error (store_errmsg). */
int store_rule_params_replace(store *s, const store_rule_param *v, size_t n);
#endif
