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
 * default, range, unit, where it was set ("set in FILE:N", "port
 * default", "default"), and its doc on a line of its own. jsonl:
 * {"rule","version","parameters":[{"name","value","default","min","max",
 * "whole","unit","set_in" (null: a default),"from" ("set", "kind" or
 * "default"),"doc"}],"kind" (the kind in force)}. */
int emit_rule(buf *b, enum emit_format f, const rule_def *r, const rule_conf *conf);
/* The kind of organisation in force and where it was set, before the
 * rules (a table only: in jsonl each rule's object holds "kind"). */
int emit_rules_kind(buf *b, enum emit_format f, const rule_conf *conf);
/* What `rules load FILE` did: the kind it names (NULL: none), n values
 * set, the rest at their (kind's) defaults. jsonl: {"file","set","kind"}. */
int emit_rules_loaded(buf *b, enum emit_format f, const char *file, const char *kind, size_t n);
#endif
