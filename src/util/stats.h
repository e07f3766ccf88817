/* stats — the few robust statistics the detections use. */
#ifndef WACHTER_STATS_H
#define WACHTER_STATS_H
#include <stddef.h>
#include <stdint.h>

/* P(X >= k) for X ~ Binomial(n, p). */
double stats_binom_tail(long k, long n, double p);
/* P(X >= k) for X ~ Poisson(lambda). */
double stats_poisson_tail(long k, double lambda);
/* Median and median absolute deviation of v[0..n) (n > 0); v is not changed. */
void stats_median_mad(const uint16_t *v, size_t n, double *median, double *mad);
#endif
