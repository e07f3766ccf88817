/* rules — the table of every detection. Adding one is adding its file and
 * one line in rules.c. */
#ifndef WACHTER_RULES_H
#define WACHTER_RULES_H
#include <stddef.h>

#include "detect/rule.h"

/* The registered rules, borrowed; *n receives their number. */
const rule_def *const *rules_all(size_t *n);
#endif
