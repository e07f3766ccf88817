/* emit_rules — `wachter rules`: each rule, its version and its parameters
 * with the value in force, the default, the range and what it decides;
 * and what `wachter rules load` did. */
#ifndef WACHTER_EMIT_RULES_H
#define WACHTER_EMIT_RULES_H
#include <stddef.h>

#include "detect/rule_conf.h"
#include "emit/emit.h"
#include "util/buf.h"

/* One rule with the values conf (NULL: none set) gives its parameters. A
 * table: the rule and version, then per parameter "name = value",
 * default, range, unit, where it was set, and its doc on a line of its
 * own. jsonl: {"rule","version","parameters":[{"name","value","default",
 * "min","max","whole","unit","set_in" (null: the default),"doc"}]}. */
int emit_rule(buf *b, enum emit_format f, const rule_def *r, const rule_conf *conf);
/* What `rules load FILE` did: n values set, the rest at their defaults. */
int emit_rules_loaded(buf *b, enum emit_format f, const char *file, size_t n);
#endif
