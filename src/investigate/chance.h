/* chance — how likely an observation is by chance alone, in the forms the
 * investigations need: tail probabilities kept in log scale (they reach
 * 1e-30 and below) and a correction for having tested many actors. */
#ifndef WACHTER_CHANCE_H
#define WACHTER_CHANCE_H

/* log10 P(X >= k) for X ~ Poisson(lambda), continued to non-integer k
 * through the regularised lower incomplete gamma function P(k, lambda)
 * (equal to the Poisson tail at integer k, monotone in between), so that
 * fractionally weighted counts have a tail too. 0 (p = 1) when k <= 0;
 * -INFINITY when lambda <= 0 < k. */
double inv_log10_tail(double k, double lambda);
/* The probability that at least one of m independent tests reaches a tail
 * probability of p (Šidák): 1 - (1 - p)^m, accurate for tiny p. */
double inv_any_of(double p, double m);
#endif
