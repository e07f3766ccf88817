#include "util/stats.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

double stats_binom_tail(long k, long n, double p)
{
    if (k <= 0) return 1.0;
    if (k > n) return 0.0;
    if (p <= 0) return 0.0;
    if (p >= 1) return 1.0;
    double lp = log(p), lq = log1p(-p), sum = 0;
    double lnf = lgamma((double)n + 1);
    for (long i = k; i <= n; i++) {
        double t =
            lnf - lgamma((double)i + 1) - lgamma((double)(n - i) + 1) + i * lp + (n - i) * lq;
        double term = exp(t);
        sum += term;
        if (i > k && term < sum * 1e-12) break;
    }
    return sum > 1 ? 1 : sum;
}

double stats_poisson_tail(long k, double lambda)
{
    if (k <= 0) return 1.0;
    if (lambda <= 0) return 0.0;
    /* 1 - P(X < k), summed from the upper side for accuracy in the tail. */
    double sum = 0, ll = log(lambda);
    for (long i = k; i < k + 10000; i++) {
        double term = exp(i * ll - lambda - lgamma((double)i + 1));
        sum += term;
        if (i > lambda && term < sum * 1e-12) break;
    }
    return sum > 1 ? 1 : sum;
}

static int cmp_d(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

void stats_median_mad(const uint16_t *v, size_t n, double *median, double *mad)
{
    double tmp[256];
    if (n > 256) n = 256;
    for (size_t i = 0; i < n; i++)
        tmp[i] = v[i];
    qsort(tmp, n, sizeof *tmp, cmp_d);
    double m = n % 2 ? tmp[n / 2] : (tmp[n / 2 - 1] + tmp[n / 2]) / 2;
    for (size_t i = 0; i < n; i++)
        tmp[i] = fabs(tmp[i] - m);
    qsort(tmp, n, sizeof *tmp, cmp_d);
    *median = m;
    *mad = n % 2 ? tmp[n / 2] : (tmp[n / 2 - 1] + tmp[n / 2]) / 2;
}
