/* rule_protected — the protected rule's count of an actor's protected
 * records, for scoring its alerts again when cases registered later
 * explain some of the look-ups it counted (investigate/rejudge.h). */
#ifndef WACHTER_RULE_PROTECTED_H
#define WACHTER_RULE_PROTECTED_H
#include <stddef.h>
#include <stdint.h>

/* What a count of protected records where lambda would be expected by
 * chance weighs; an alert scores what its count adds to the most the
 * actor's counts before weighed (at least 1), and a VIP's own weight. */
double rule_protected_count_weight(uint32_t count, double lambda);

/* The count a protected alert's reason states ("N protected records so far
 * where L would be expected by chance"): 1 with *count, *lambda and *end
 * (the length of reason up to the end of that statement), 0 when it
 * states none (one about a window of several staff). */
int rule_protected_count_of(const char *reason, uint32_t *count, double *lambda, size_t *end);
#endif
