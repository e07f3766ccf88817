/* rule_unexplained — the unexplained rule's test, for judging its alerts
 * again when cases registered later explain part of the day. */
#ifndef WACHTER_RULE_UNEXPLAINED_H
#define WACHTER_RULE_UNEXPLAINED_H

#include "detect/rule.h"
#include "detect/rule_conf.h"

/* Would the unexplained alert whose reason is `reason` (as the rule wrote
 * it) still be raised had only `left` of the day's n look-ups had no case?
 * The rule's own tests, on the usual share or number the reason states,
 * with the parameters conf sets (NULL: the defaults). 1 yes, 0 no, -1 when
 * the reason is not one the rule writes. */
int rule_unexplained_holds(const rule_conf *conf, const char *reason, unsigned left, unsigned n);

#endif
