/* ops_rules — the rules configuration: setting it from an operator's file
 * (`wachter rules load FILE`) and reading the one in force, which every
 * later ingest detects with and `wachter rules` shows. */
#ifndef WACHTER_OPS_RULES_H
#define WACHTER_OPS_RULES_H
#include <stddef.h>

#include "detect/rule_conf.h"
#include "ops/ops.h"

/* Reads the configuration file at path (detect/rule_conf.h's format) and,
 * when every line of it is good, makes it the configuration in force: a
 * parameter it does not set is at its default again (its kind's, when
 * the file names one: `kind = port`). Takes the store's
 * writer lock (store_lock.h). All or nothing: on a bad line fails with
 * WERR_INPUT, "FILE:LINE: reason", and the store keeps the configuration
 * it had. *nset gets the number of values set, *kind the kind the file
 * names (static; NULL: none). 0 or -1 with e. */
int ops_rules_load(store *s, const char *path, size_t *nset, const char **kind, werr *e);
/* The configuration in force, owned in *out (rule_conf_free it), with its
 * kind. A stored value this version of the rules does not take (a
 * parameter renamed or removed, a narrower range) is left out, at its
 * default, with a note; so is a kind it does not know. 0
 * or -1 with e. */
int ops_rules_conf(store *s, const ops_notes *notes, rule_conf **out, werr *e);
/* Makes kind (rule_kinds.h's name) the kind of the configuration in
 * force, set at origin ("demo --kind port"); the values set stay. Takes
 * the store's writer lock (it nests). WERR_INPUT for an unknown kind. 0
 * or -1 with e. */
int ops_rules_set_kind(store *s, const char *kind, const char *origin, werr *e);
/* The look-back in force for incidents (incident.lookback_days, in ms):
 * what `incident add` and a load of incidents.csv check, as the streaming
 * rule does. 0 with *ms, or -1 with e. */
int ops_rules_incident_lookback(store *s, int64_t *ms, werr *e);
#endif
